"""The first frame's drawn text kept on disk as pixels (safepath/ui/text_pixels.py): used when right, never else."""

import json
import os
import shutil
import threading

import pygame
import pytest

from safepath.app import make_app
from safepath.scenes.title import TitleScene
from safepath.ui import fonts, text_pixels, textrender

TEXTS = [
    ("အွန်လိုင်း အလုပ်ကမ်းလှမ်းချက်များအကြောင်း ဂိမ်းတစ်ခု", 300, 24, (20, 30, 40), False, "my", "center"),
    ("เกมเกี่ยวกับข้อเสนองานออนไลน์ สังเกตสัญญาณเตือน", 260, 22, (200, 10, 10), True, "th", "left"),
    ("SafePath 2", 240, 30, (0, 0, 0), True, "en", "left"),
]


@pytest.fixture(autouse=True)
def fresh_text_caches():
    pygame.font.init()
    textrender.clear_caches()
    yield
    textrender.clear_caches()
    textrender.recorded_surfaces()  # stop recording


def draw_all(book=None):
    textrender.record_surfaces()
    return [textrender.render_paragraph(text, width, size, color, bold, lang, align, book)
            for text, width, size, color, bold, lang, align in TEXTS]


def pixels(surface):
    return surface.get_size(), pygame.image.tobytes(surface, "RGBA")


def forbid_drawing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("drawn again although the paragraph was stored")

    monkeypatch.setattr(textrender, "draw_lines", refuse)


def test_stored_paragraphs_come_back_pixel_for_pixel_and_are_used_instead_of_drawing(tmp_path, monkeypatch):
    fresh = [pixels(s) for s in draw_all()]
    path = tmp_path / "text.px"
    assert text_pixels.store(text_pixels.snapshot(textrender.recorded_surfaces()), path=path)
    textrender.clear_caches()
    stored = text_pixels.read(path, fonts.default_book().folder)
    assert len(stored) == len(TEXTS)
    textrender.use_stored_surfaces(stored)
    forbid_drawing(monkeypatch)
    assert [pixels(s) for s in draw_all()] == fresh
    with pytest.raises(AssertionError, match="drawn again"):  # one not stored is drawn (here: refused)
        textrender.render_paragraph("not stored", 100, 20, (0, 0, 0))
    textrender.use_stored_surfaces({("unused",): stored[next(iter(stored))]})
    textrender.recorded_surfaces()  # the first frame is over: what it did not take is let go
    assert textrender._stored_surfaces == {}


def test_nothing_is_written_when_every_paragraph_was_read_from_the_file(tmp_path):
    draw_all()
    path = tmp_path / "text.px"
    text_pixels.store(text_pixels.snapshot(textrender.recorded_surfaces()), path=path)
    known = set(text_pixels.read(path, fonts.default_book().folder))
    os.utime(path, ns=(1, 1))
    draw_all()
    assert not text_pixels.store(text_pixels.snapshot(textrender.recorded_surfaces()), known, path=path)
    assert path.stat().st_mtime_ns == 1


def test_paragraphs_of_changed_fonts_are_not_used(tmp_path):
    folder = tmp_path / "fonts"
    shutil.copytree(fonts.default_book().folder, folder)
    draw_all(fonts.FontBook(folder))
    path = tmp_path / "text.px"
    text_pixels.store(text_pixels.snapshot(textrender.recorded_surfaces()), path=path, font_folder=folder)
    assert len(text_pixels.read(path, folder)) == len(TEXTS)
    myanmar = folder / fonts.FONT_FILES[("Mymr", False)]
    os.utime(myanmar, ns=(myanmar.stat().st_atime_ns, myanmar.stat().st_mtime_ns + 10**9))  # a new font file
    assert text_pixels.read(path, folder) == {}


def _header(entries):
    return json.dumps({"stamp": text_pixels.stamp(fonts.default_book().folder), "entries": entries}).encode() + b"\n"


@pytest.mark.parametrize("case", ["not json", "old stamp", "short pixels", "extra bytes", "huge size", "bad key"])
def test_damaged_or_hostile_files_are_ignored(tmp_path, case):
    path = tmp_path / "text.px"
    key = [str(fonts.default_book().folder), "x", 100, 20, [0, 0, 0], False, None, "left"]
    data = {
        "not json": b"\x00\xff garbage\n",
        "old stamp": json.dumps({"stamp": [0], "entries": [[key, 2, 2]]}).encode() + b"\n" + bytes(16),
        "short pixels": _header([[key, 2, 2]]) + bytes(15),
        "extra bytes": _header([[key, 2, 2]]) + bytes(17),
        "huge size": _header([[key, 16000, 16000]]) + bytes(16),
        "bad key": _header([[key[:-1] + [3], 2, 2]]) + bytes(16),
    }[case]
    path.write_bytes(data)
    assert text_pixels.read(path, fonts.default_book().folder) == {}
    path.write_bytes(_header([[key, 2, 2]]) + bytes(16))  # the same file, sound: read (so the cases above prove it)
    assert len(text_pixels.read(path, fonts.default_book().folder)) == 1


def test_the_game_loop_keeps_the_first_frames_text_and_the_next_start_draws_the_same_title(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFEPATH_CACHE_DIR", str(tmp_path / "cache"))

    def first_frame():
        app = make_app(data_dir=tmp_path / "saves", lang="my", load=False)
        app.use_layout_cache()
        app.stack.push(TitleScene())
        real_step, shown = app.step, []

        def one_frame(dt, events):
            real_step(dt, events)
            shown.append(pygame.image.tobytes(app.surface, "RGB"))
            app.quit()
            return False

        monkeypatch.setattr(app, "step", one_frame)
        app.loop()
        for thread in threading.enumerate():
            if thread.name == "safepath-layouts":
                thread.join(10)
        return app, shown[0]

    app, cold = first_frame()
    assert app._stored_pixels is None  # handed over after the first frame
    stored = text_pixels.read(text_pixels.cache_file(), fonts.default_book().folder)
    assert {"SafePath", "ကစားမယ်"} <= {key[1] for key in stored}  # the heading, and "Play" in Burmese
    textrender.clear_caches()
    forbid_drawing(monkeypatch)
    _, warm = first_frame()
    assert warm == cold
