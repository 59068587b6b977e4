"""Issue 18, item 9: a translation that fails the placeholder check never reaches a player.

`i18n status` reported a broken placeholder, but the game used the entry anyway: `{baht:x}` showed raw
in the story, `{reason.__class__.__mro__}` showed Python's internals and `{reason:>100000000}` built a
100-million-character string. Now such an entry is not used: the English is shown and the string is
counted as a fallback, like a missing one. The placeholder check rejects attribute and index access,
conversions and format specs a translation adds; a string the catalog reader had to guess (a broken
`.po` line) is left out too, and `safepath lint` reports the same problems in the catalogs.
"""

from __future__ import annotations

import io
import textwrap
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from safepath import i18n
from safepath.i18n import Translator, checks
from safepath.story.model import Pos, Text

TH_UI = """\
msgid ""
msgstr ""
"Language: th\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Play"
msgstr "เล่น"

msgid "Saving failed ({reason})."
msgstr "บันทึกไม่ได้ ({reason.__class__.__mro__})"

msgid "Could not read {reason}"
msgstr "อ่านไม่ได้ {reason:>100000000}"

msgid "Hello {name}"
msgstr "สวัสดี {name[0]}"

msgid "Bye {name}"
msgstr "ลาก่อน {name!r}"

msgid "Kept {name}"
msgstr "{name} อยู่"

msgid "Lost {name}"
msgstr "หาย"

msgid "Invisible"
msgstr "\u200b"

msgid "{n} star"
msgid_plural "{n} stars"
msgstr[0] "{n.real} ดาว"

msgid "{n} heart"
msgid_plural "{n} hearts"
msgstr[0] "{n} หัวใจ"
"""

TH_CONTENT = """\
msgid ""
msgstr ""
"Language: th\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgctxt "x/ad/line/1"
msgid "The pay is {baht:45000} a month."
msgstr "เงินเดือน {baht:x}"

msgctxt "x/ad/line/2"
msgid "No experience needed."
msgstr "ไม่ต้องมีประสบการณ์"

msgctxt "x/ad/line/3"
msgid "Start today."
msgstr "เริ่มวันนี้
"""


@pytest.fixture
def locales(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFEPATH_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "locales"
    for domain, text in (("safepath", TH_UI), ("content", TH_CONTENT)):
        path = root / "th" / "LC_MESSAGES" / f"{domain}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    i18n.reset()
    yield root
    i18n.reset()


def test_placeholder_check_rejects_attributes_indexes_conversions_and_format_specs():
    for bad in ("{reason.__class__}", "{reason.__class__.__mro__}", "{reason:>100000000}", "{reason[0]}",
                "{reason!r}", "{reason!s:^99}"):
        assert checks.placeholder_problem("Saving failed ({reason}).", f"บันทึกไม่ได้ ({bad})"), bad
    assert checks.placeholder_problem("Saving failed ({reason}).", "({reason}) บันทึกไม่ได้") is None
    # written exactly as in the English, a format stays allowed
    assert checks.placeholder_problem("{n:,} players", "ผู้เล่น {n:,} คน") is None
    assert checks.placeholder_problem("{n:,} players", "ผู้เล่น {n:>9999} คน")


def test_translations_failing_the_check_are_not_used_and_count_as_fallbacks(locales):
    th = Translator("th", locales)
    assert th.gettext("Play") == "เล่น"
    assert th.gettext("Kept {name}", name="Mya") == "Mya อยู่"
    assert th.missing_count() == 0
    assert th.gettext("Saving failed ({reason}).", reason="disk full") == "Saving failed (disk full)."
    shown = th.gettext("Could not read {reason}", reason="x")
    assert shown == "Could not read x" and len(shown) < 100
    assert th.gettext("Hello {name}", name="Mya") == "Hello Mya"
    assert th.gettext("Bye {name}", name="Mya") == "Bye Mya"
    assert th.gettext("Lost {name}", name="Mya") == "Lost Mya"
    assert th.gettext("Invisible") == "Invisible"  # a translation with nothing visible (SP083)
    assert th.ngettext("{n} star", "{n} stars", 3) == "3 stars"
    assert th.ngettext("{n} heart", "{n} hearts", 3) == "3 หัวใจ"
    assert th.gettext("Saving failed ({reason}).") == "Saving failed ({reason})."  # no arguments: still English
    fell_back = {msgid for _domain, _ctx, msgid in th.fallbacks()}
    assert fell_back == {"Saving failed ({reason}).", "Could not read {reason}", "Hello {name}", "Bye {name}",
                         "Lost {name}", "Invisible", "{n} star"}
    assert th.missing_count() == 7


def test_story_text_with_a_broken_amount_is_shown_in_english(locales):
    th = Translator("th", locales)
    text = th.text(Text("The pay is {baht:45000} a month.", "x/ad/line/1", Pos("x.yaml", 1, 1)))
    assert "{" not in text and "45,000" in text and "baht" in text  # English, amount written out in English
    assert th.text(Text("No experience needed.", "x/ad/line/2", Pos("x.yaml", 2, 1))) == "ไม่ต้องมีประสบการณ์"
    assert th.missing_count("content") == 1


def test_a_string_the_reader_had_to_guess_is_left_out(locales):
    """An unterminated string: Babel reads it with its last letter cut; the game shows the English."""
    th = Translator("th", locales)
    assert th.text(Text("Start today.", "x/ad/line/3", Pos("x.yaml", 3, 1))) == "Start today."
    assert th.text(Text("No experience needed.", "x/ad/line/2", Pos("x.yaml", 2, 1))) == "ไม่ต้องมีประสบการณ์"


def test_lint_reports_the_catalog_problems_too(tmp_path, monkeypatch):
    from safepath.cli import main
    from safepath.i18n.runtime import use_own_catalogs

    folder = tmp_path / "ngo"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("SAFEPATH_CACHE_DIR", str(tmp_path / "cache"))
    out = io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(io.StringIO()):
            assert main(["new", "scenario", "ngo-story"]) == 0
            assert main(["i18n", "update"]) == 0
        po = folder / "locales" / "th" / "LC_MESSAGES" / "content.po"
        text = po.read_text(encoding="utf-8")
        english = "Hello! We are hiring. {baht:45000} a month, no experience needed!"
        entry = f'msgid "{english}"\nmsgstr ""'
        assert entry in text
        po.write_text(text.replace(entry, f'msgid "{english}"\nmsgstr "สวัสดี {{baht:45000}} {{baht.__class__}}"'),
                      encoding="utf-8")
        out = io.StringIO()
        with redirect_stdout(out), redirect_stderr(io.StringIO()):
            code = main(["lint", "content/"])
    finally:
        use_own_catalogs()
    assert code == 1
    assert "locales/th/LC_MESSAGES/content.po" in out.getvalue() and "SP071" in out.getvalue(), out.getvalue()
