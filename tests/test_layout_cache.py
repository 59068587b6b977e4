"""The first frame's text layouts kept on disk (safepath/ui/layout_cache.py): used when they are right, never else."""

import json
import os
import shutil
import threading

import pygame
import pytest

from safepath.app import make_app
from safepath.scenes.title import TitleScene
from safepath.ui import fonts, layout_cache, textrender

TEXTS = [
    ("အွန်လိုင်း အလုပ်ကမ်းလှမ်းချက်များအကြောင်း ဂိမ်းတစ်ခု", 300, 24, False, "my"),
    ("เกมเกี่ยวกับข้อเสนองานออนไลน์ สังเกตสัญญาณเตือน", 260, 22, True, "th"),
    ("A story game about job offers online: spot the warning signs.", 240, 20, False, "en"),
]


@pytest.fixture(autouse=True)
def fresh_text_caches():
    pygame.font.init()
    textrender.clear_caches()
    yield
    textrender.clear_caches()


def lay_out_all():
    textrender.record_layouts()
    return [textrender.laid_out(text, width, size, bold, lang) for text, width, size, bold, lang in TEXTS]


def forbid_laying_out(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("laid out again although the layout was stored")

    monkeypatch.setattr(textrender, "layout", refuse)


def test_stored_layouts_come_back_equal_and_are_used_instead_of_laying_out(tmp_path, monkeypatch):
    fresh = lay_out_all()
    path = tmp_path / "layouts.json"
    assert layout_cache.store(textrender.recorded_layouts(), path=path)
    textrender.clear_caches()
    stored = layout_cache.read(path, fonts.default_book().folder)
    assert len(stored) == len(TEXTS)
    textrender.use_stored_layouts(stored)
    forbid_laying_out(monkeypatch)
    assert lay_out_all() == fresh
    # a text that was not stored is still laid out (here: refused, which proves the cache was asked first)
    with pytest.raises(AssertionError, match="laid out again"):
        textrender.laid_out("not stored", 100, 20)


def test_nothing_is_written_when_every_layout_was_read_from_the_file(tmp_path):
    lay_out_all()
    path = tmp_path / "layouts.json"
    layout_cache.store(textrender.recorded_layouts(), path=path)
    known = layout_cache.read(path, fonts.default_book().folder)
    os.utime(path, ns=(1, 1))
    lay_out_all()
    assert not layout_cache.store(textrender.recorded_layouts(), known, path=path)
    assert path.stat().st_mtime_ns == 1
    lay_out_all()
    textrender.laid_out("one more", 100, 20)
    assert layout_cache.store(textrender.recorded_layouts(), known, path=path)  # a new one: written, old ones kept
    assert len(layout_cache.read(path, fonts.default_book().folder)) == len(TEXTS) + 1


def test_layouts_of_changed_fonts_are_not_used(tmp_path):
    folder = tmp_path / "fonts"
    shutil.copytree(fonts.default_book().folder, folder)
    book = fonts.FontBook(folder)
    textrender.record_layouts()
    for text, width, size, bold, lang in TEXTS:
        textrender.laid_out(text, width, size, bold, lang, book)
    path = tmp_path / "layouts.json"
    layout_cache.store(textrender.recorded_layouts(), path=path, font_folder=folder)
    assert len(layout_cache.read(path, folder)) == len(TEXTS)
    myanmar = folder / fonts.FONT_FILES[("Mymr", False)]
    os.utime(myanmar, ns=(myanmar.stat().st_atime_ns, myanmar.stat().st_mtime_ns + 10**9))  # a new font file
    assert layout_cache.read(path, folder) == {}


@pytest.mark.parametrize("content", [
    "not json",
    "[]",
    '{"stamp": null, "layouts": []}',
    "STAMP_WITH_BAD_LINE",
    "STAMP_WITH_BOOL_WIDTH",
])
def test_damaged_or_hostile_files_are_ignored(tmp_path, content):
    path = tmp_path / "layouts.json"
    stamp = layout_cache.stamp(fonts.default_book().folder)
    entry = [str(fonts.default_book().folder), "x", 100, 20, False, None]
    if content == "STAMP_WITH_BAD_LINE":
        content = json.dumps({"stamp": stamp, "layouts": [[*entry, [["x", "", [["x", "Latn", 0]], 9, 0, 30, 20]]]]})
    elif content == "STAMP_WITH_BOOL_WIDTH":
        content = json.dumps({"stamp": stamp, "layouts": [[*entry, [["x", "", [], True, 0, 30, 20]]]]})
    path.write_text(content, encoding="utf-8")
    assert layout_cache.read(path, fonts.default_book().folder) == {}


def test_the_title_in_burmese_is_drawn_the_same_from_stored_layouts(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFEPATH_CACHE_DIR", str(tmp_path / "cache"))
    app = make_app(data_dir=tmp_path / "saves", lang="my", load=False)
    textrender.record_layouts()
    cold = pygame.image.tobytes(app.render_stack([TitleScene()]), "RGB")
    assert layout_cache.store(textrender.recorded_layouts())
    textrender.clear_caches()
    app = make_app(data_dir=tmp_path / "saves", lang="my", load=False)
    app.use_layout_cache()
    assert app._stored_layouts
    forbid_laying_out(monkeypatch)
    assert pygame.image.tobytes(app.render_stack([TitleScene()]), "RGB") == cold


def test_the_game_loop_keeps_the_first_frames_layouts_for_the_next_start(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFEPATH_CACHE_DIR", str(tmp_path / "cache"))
    textrender.laid_out("laid out before the game started", 200, 20)  # not the first frame's: not kept
    app = make_app(data_dir=tmp_path / "saves", lang="my", load=False)
    app.use_layout_cache()
    assert app._stored_layouts == {}  # nothing stored yet
    app.stack.push(TitleScene())
    real_step = app.step

    def one_frame(dt, events):
        real_step(dt, events)
        app.quit()
        return False

    monkeypatch.setattr(app, "step", one_frame)
    app.loop()
    for thread in threading.enumerate():
        if thread.name == "safepath-layouts":
            thread.join(10)
    stored = layout_cache.read(layout_cache.cache_file(), fonts.default_book().folder)
    assert {"SafePath", "ကစားမယ်"} <= {key[1] for key in stored}  # the heading, and "Play" in Burmese
    assert all(key[1] != "laid out before the game started" for key in stored)
    assert {key[1] for key in stored} == {key[1] for key in textrender._layouts}  - {"laid out before the game started"}
