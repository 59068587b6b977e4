"""Issue 18, item 1: runs of invisible format characters never crash drawing, and the checkers judge them.

A soft hyphen in a Thai translation, a lone zero width joiner from an input method's composition
text, a byte order mark or a bidi override: SDL_ttf refuses to draw a run with no width ("Text has
zero width"), which used to end the game at that line on every resume. They are drawn as what they
are (nothing; a soft hyphen or a zero width space is a place the line may break), and `safepath
lint` / `i18n status` say per character whether it is a mistake (SP080–SP083).
"""

from __future__ import annotations

import pygame
import pytest

from safepath.i18n import checks

from safepath.ui import textrender
from safepath.ui.theme import Theme
from safepath.ui.text_input import TextInput

FORMAT = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff",
          "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
AROUND = [("", ""), ("ไม่ต้องมี", "ประสบการณ์"), ("မြန်", "မာ"), ("no ", "experience"), ("45,000", " บาท"),
          ("ก", ""), ("", "က")]


@pytest.fixture(autouse=True)
def _fonts():
    pygame.font.init()
    yield


@pytest.mark.parametrize("ch", FORMAT, ids=[f"U+{ord(c):04X}" for c in FORMAT])
def test_format_characters_render_as_nothing(ch):
    for before, after in AROUND:
        for run in (ch, ch * 3):
            text = before + run + after
            for lang in ("th", "my", "en"):
                surface = textrender.render_paragraph(text, 300, 24, (0, 0, 0), lang=lang)
                plain = textrender.render_paragraph(before + after, 300, 24, (0, 0, 0), lang=lang)
                assert surface.get_width() == plain.get_width(), (text, lang)
                assert textrender.measure_paragraph(text, 300, 24, lang=lang)[0] == plain.get_width()


def test_soft_hyphen_from_the_report_in_a_thai_line():
    text = "งานง่าย ไม่ต้องมี\u00adประสบการณ์ เงินดี"
    for width in (60, 120, 200, 600):
        textrender.render_paragraph(text, width, 24, (0, 0, 0), lang="th")
    # the soft hyphen stays in the Thai run: one font, shaped as one piece
    (line,) = textrender.laid_out("ไม่ต้องมี\u00adประสบการณ์", 2000, 24, lang="th")
    assert [r.script for r in line.runs] == ["Thai"]


@pytest.mark.parametrize("composing", ["\u200d", "\u200c", "\ufeff", "\u202e", "\u2066", "\u00ad", "\u200b\u200d"])
def test_nickname_box_survives_invisible_composition_text(composing):
    theme = Theme(False, 0, (1280, 720))
    surface = pygame.Surface((600, 200))
    box = TextInput()
    box.layout(theme, 10, 10, 400, "my")
    box.handle_event(pygame.event.Event(pygame.TEXTEDITING, text=composing, start=0, length=len(composing)))
    box.layout(theme, 10, 10, 400, "my")
    box.draw(surface, theme, "my")
    box.handle_event(pygame.event.Event(pygame.TEXTINPUT, text="မ"))
    box.handle_event(pygame.event.Event(pygame.TEXTEDITING, text=composing, start=0, length=len(composing)))
    box.draw(surface, theme, "th")


def test_invisible_characters_are_default_ignorable():
    from safepath.text.invisible import is_invisible

    assert all(is_invisible(ch) for ch in FORMAT)
    assert not any(is_invisible(ch) for ch in "aก က 1,.-")


def _codes(text):
    return sorted(d.code for d in checks.text_diagnostics(text, "x.po", 3, 1, "The translation"))


def test_checkers_judge_each_character():
    # legitimate in Thai and Burmese: word breaks and joiners
    assert _codes("ไม่ต้องมี\u200bประสบการณ์") == []
    assert _codes("မြန်\u200cမာ \u200d \u2060") == []
    # a bidi control or mark does nothing in this game but can reorder the text in an editor
    for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f":
        assert _codes(f"ไม่ต้องมี{ch}ประสบการณ์") == ["SP080"], hex(ord(ch))
    # a byte order mark inside the text was left by a file copied in
    assert _codes("ไม่ต้องมี\ufeffประสบการณ์") == ["SP081"]
    # a soft hyphen is never drawn as a hyphen: a warning
    assert _codes("ไม่ต้องมี\u00adประสบการณ์") == ["SP082"]
    # nothing visible at all
    assert _codes("\u200b") == ["SP083"]
    assert _codes("\u200b \u200d") == ["SP083"]
    assert _codes("\u202e") == ["SP080", "SP083"]


def test_diagnostic_says_which_character_and_where():
    (d,) = checks.text_diagnostics("ไม่ต้องมี\u00adประสบการณ์", "x.po", 3, 1, "The translation")
    assert d.severity.value == "warning" if hasattr(d.severity, "value") else True
    assert "U+00AD" in d.message and "SOFT HYPHEN" in d.message and "ไม่ต้องมี" in d.message
    assert d.line == 3


def test_soft_hyphen_and_zero_width_space_are_places_to_break():
    from safepath.text.breaks import line_break_opportunities

    assert line_break_opportunities("abc\u00addef", "en") == (4,)
    assert line_break_opportunities("verylongword\u200banother", "en") == (13,)
    # a narrow box breaks there, and neither line shows anything for the character
    lines = textrender.laid_out("abcdefgh\u00adijklmnop", 150, 24)
    assert [line.text + line.trailing for line in lines][0].endswith("\u00ad")


def test_i18n_status_reports_them_in_a_catalog(tmp_path):
    from safepath.i18n.status import check_catalogs

    po = tmp_path / "locales" / "th" / "LC_MESSAGES" / "safepath.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Language: th\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
                  'msgid "Play"\nmsgstr "\u202eเล่น"\n\nmsgid "Quit"\nmsgstr "ออก\u00ad"\n\nmsgid "Back"\nmsgstr "\u200b"\n',
                  encoding="utf-8")
    report = check_catalogs(tmp_path, languages=("th",), domains=("safepath",), fit=False)
    found = sorted((d.code, d.line) for d in report.diagnostics if d.code.startswith("SP08"))
    assert found == [("SP080", 6), ("SP082", 9), ("SP083", 12)], report.diagnostics
