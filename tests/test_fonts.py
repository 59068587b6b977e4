"""FontBook: set_script always, caching, metrics from the real fonts, missing files."""

import shutil

import pygame
import pytest

from safepath.text.scripts import LATIN, MYANMAR, THAI
from safepath.ui.fonts import FONT_FILES, FontBook, FontMissingError


def test_burmese_is_shaped_at_size_40():
    """A Font without set_script("Mymr") measures 181 px here; shaped it is 155 (HarfBuzz agrees)."""
    assert FontBook().get(MYANMAR, 40).size("မင်္ဂလာပါ")[0] == 155
    assert FontBook().get(MYANMAR, 40, bold=True).size("မင်္ဂလာပါ")[0] != pygame.font.Font(
        str(FontBook().path(MYANMAR, True)), 40).size("မင်္ဂလာပါ")[0]


def test_fonts_are_cached_per_script_size_and_bold():
    book = FontBook()
    assert book.get(THAI, 24) is book.get(THAI, 24)
    assert book.get(THAI, 24) is not book.get(THAI, 24, bold=True)
    assert book.get(THAI, 24) is not book.get(THAI, 25)


def test_measure_matches_the_font():
    book = FontBook()
    measure = book.measurer(24)
    assert measure("เริ่มต้น", THAI, False) == book.get(THAI, 24).size("เริ่มต้น")[0]
    assert measure("", LATIN, False) == 0


def test_line_metrics_come_from_the_fonts_used():
    book = FontBook()
    assert book.line_metrics([MYANMAR], 24)[0] == book.get(MYANMAR, 24).get_linesize() == 53
    assert book.line_metrics([THAI], 24)[0] == 37
    assert book.line_metrics([LATIN], 24)[0] == 33
    height, baseline = book.line_metrics([LATIN, MYANMAR], 24)
    assert height == 53 and baseline == max(book.get(s, 24).get_ascent() for s in (LATIN, MYANMAR))


def test_missing_font_names_file_and_folder(tmp_path):
    for name in FONT_FILES.values():
        shutil.copy(FontBook().folder / name, tmp_path / name)
    (tmp_path / "NotoSansThai-Bold.ttf").unlink()
    book = FontBook(tmp_path)
    book.get(THAI, 20)  # the regular face is still there
    with pytest.raises(FontMissingError) as caught:
        book.get(THAI, 20, bold=True)
    assert "NotoSansThai-Bold.ttf" in str(caught.value) and str(tmp_path) in str(caught.value)
    with pytest.raises(FontMissingError):
        book.check_files()


def test_damaged_font_is_reported_plainly(tmp_path):
    (tmp_path / "NotoSans-Regular.ttf").write_bytes(b"not a font")
    with pytest.raises(FontMissingError) as caught:
        FontBook(tmp_path).get(LATIN, 20)
    assert "NotoSans-Regular.ttf" in str(caught.value) and "damaged" in str(caught.value)


def test_truncated_font_is_reported_not_crashing(tmp_path):
    data = (FontBook().folder / "NotoSansThai-Regular.ttf").read_bytes()
    for cut in (3, 200, len(data) // 2):
        (tmp_path / "NotoSansThai-Regular.ttf").write_bytes(data[:cut])
        with pytest.raises(FontMissingError, match="NotoSansThai-Regular.ttf"):
            FontBook(tmp_path).get(THAI, 20)


def test_fonts_survive_pygame_font_quit():
    """After pygame.font.quit() and init() (the app closing and reopening), cached fonts are reloaded."""
    book = FontBook()
    old = book.get(MYANMAR, 40)
    pygame.font.quit()
    assert book.get(MYANMAR, 40).size("abc")[0] > 0  # get() initialises the font module again
    pygame.font.quit()
    pygame.font.init()
    fresh = book.get(MYANMAR, 40)
    assert fresh is not old and fresh.size("မင်္ဂလာပါ")[0] == 155  # reloaded with its script set


def test_the_book_keeps_only_so_many_fonts_open_least_recently_used_first():
    """Three text sizes in three scripts open some 75 fonts (~140 KB each); the book keeps a bounded number."""
    from safepath.ui.fonts import FontBook

    book = FontBook(max_fonts=4)
    kept = book.get("Mymr", 20)
    for size in (21, 22, 23):
        book.get("Thai", size)
    assert book.get("Mymr", 20) is kept  # used again: now the most recent
    book.get("Latn", 30)  # a fifth: the least recently used (Thai 21) is closed
    assert len(book._fonts) == 4
    assert ("Thai", 21, False) not in book._fonts and book.get("Mymr", 20) is kept
    again = book.get("Thai", 21)  # opened again when needed, and still shapes its script
    assert again.size("ทดสอบ")[0] > 0 and len(book._fonts) == 4
    book.mono(14)
    assert len(book._fonts) == 4
