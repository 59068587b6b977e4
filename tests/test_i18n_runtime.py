"""The translation runtime: catalogs read through Babel, fallback and counting, switching, CLDR, pseudo-locale."""

from __future__ import annotations

import datetime as dt
import os
import sys
import textwrap
import time
from pathlib import Path

import pytest

from safepath import i18n
from safepath.i18n import Translator, catalogs
from safepath.i18n.pseudo import pseudo_translate
from safepath.story.model import Pos, Text

TH_UI = """\
msgid ""
msgstr ""
"Language: th\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Play"
msgstr "เล่น"

msgid "Hello {name}"
msgstr "สวัสดี {name}"

msgid "Broken {name}"
msgstr "เสีย {nmae}"

#, fuzzy
msgid "Settings"
msgstr "ตั้งค่าเก่า"

msgid "Empty"
msgstr ""

msgctxt "menu"
msgid "Back"
msgstr "กลับ"

msgid "{n} star"
msgid_plural "{n} stars"
msgstr[0] "{n} ดาว"
"""

EN_UI = """\
msgid ""
msgstr ""
"Language: en\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Play"
msgstr "Play"

msgid "{n} star"
msgid_plural "{n} stars"
msgstr[0] "{n} star"
msgstr[1] "{n} stars"
"""

TH_CONTENT = """\
msgid ""
msgstr ""
"Language: th\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgctxt "dream-job/ad/line/1"
msgid "Hi! Are you looking for work?"
msgstr "สวัสดี! กำลังหางานอยู่ไหม"
"""


def write_po(root: Path, lang: str, domain: str, text: str) -> Path:
    path = root / lang / "LC_MESSAGES" / f"{domain}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def locales(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFEPATH_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "locales"
    write_po(root, "th", "safepath", TH_UI)
    write_po(root, "en", "safepath", EN_UI)
    write_po(root, "th", "content", TH_CONTENT)
    i18n.reset()
    yield root
    i18n.reset()


def test_translates_and_formats_placeholders(locales):
    th = Translator("th", locales)
    assert th.gettext("Play") == "เล่น"
    assert th.gettext("Hello {name}", name="Mya") == "สวัสดี Mya"
    assert th.pgettext("menu", "Back") == "กลับ"
    assert th.missing_count() == 0


def test_missing_fuzzy_and_empty_fall_back_to_english_and_are_counted(locales):
    th = Translator("th", locales)
    assert th.gettext("Quit") == "Quit"
    assert th.gettext("Settings") == "Settings"  # fuzzy: stale, never shown
    assert th.gettext("Empty") == "Empty"
    assert th.gettext("Quit") == "Quit"
    assert th.pgettext("other", "Back") == "Back"  # same msgid, other context: not translated
    assert th.missing[("safepath", "", "Quit")] == 2
    assert th.missing_count() == 4
    assert th.missing_count("content") == 0


def test_fallbacks_are_listed_and_said_in_one_line(locales):
    th = Translator("th", locales)
    assert th.fallback_note() == ""
    th.gettext("Quit"), th.gettext("Quit"), th.pgettext("other", "Back")
    assert th.fallbacks() == [("safepath", "", "Quit"), ("safepath", "other", "Back")]
    assert th.fallbacks("content") == []
    assert th.fallback_note() == "2 strings shown in English"  # "{n} strings ..." is itself untranslated here
    en = Translator("en", locales)
    en.gettext("Not in the English catalog")
    assert en.missing_count() == 1 and en.fallback_note() == ""  # English players read the same words


def test_play_command_ends_with_the_number_of_strings_shown_in_english(capsys):
    from safepath.cli import main

    scenario = Path(__file__).resolve().parent / "data" / "i18n" / "money-offer.yaml"
    i18n.reset()
    assert main(["play", "--text", str(scenario), "--choices", "1", "--lang", "th"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    translator = i18n.get_translator("th")
    count = len(translator.fallbacks())  # every string the player saw in English
    assert count > 5  # the fixture story is not in the Thai catalog
    assert err[-1] == translator.ngettext("{n} string shown in English", "{n} strings shown in English", count)
    assert err[-1].startswith(f"{count} ") and "ภาษาอังกฤษ" in err[-1]  # the note itself is in Thai
    i18n.reset()
    assert main(["play", "--text", str(scenario), "--choices", "1", "--lang", "en"]) == 0
    assert "shown in English" not in capsys.readouterr().err
    i18n.reset()


def test_translation_with_wrong_placeholder_formats_the_english_instead(locales):
    th = Translator("th", locales)
    assert th.gettext("Broken {name}", name="Mya") == "Broken Mya"


def test_plurals_follow_the_catalog_plural_rule(locales):
    th, en = Translator("th", locales), Translator("en", locales)
    assert th.ngettext("{n} star", "{n} stars", 1) == "1 ดาว"
    assert th.ngettext("{n} star", "{n} stars", 3) == "3 ดาว"
    assert en.ngettext("{n} star", "{n} stars", 1) == "1 star"
    assert en.ngettext("{n} star", "{n} stars", 3) == "3 stars"
    my = Translator("my", locales)  # no catalog at all
    assert my.ngettext("{n} star", "{n} stars", 3) == "3 stars"
    assert my.missing_count() == 1


def test_scenario_text_uses_content_domain_and_context(locales):
    th = Translator("th", locales)
    line = Text("Hi! Are you looking for work?", "dream-job/ad/line/1", Pos("x.yaml", 3, 5))
    assert th.text(line) == "สวัสดี! กำลังหางานอยู่ไหม"
    moved = Text("Hi! Are you looking for work?", "dream-job/ad/line/9", Pos("x.yaml", 3, 5))
    assert th.text(moved) == "Hi! Are you looking for work?"
    assert th.missing_count("content") == 1
    assert th.missing_count("safepath") == 0


def test_switching_language_changes_underscore_at_call_time(locales):
    i18n.set_language("th", locales)
    assert i18n._("Play") == "เล่น"
    assert i18n.current().lang == "th"
    i18n.set_language("en", locales)
    assert i18n._("Play") == "Play"
    i18n.set_language("th", locales)
    assert i18n._("Hello {name}", name="Ko") == "สวัสดี Ko"
    assert i18n.ngettext("{n} star", "{n} stars", 2) == "2 ดาว"


def test_editing_a_po_file_shows_after_restart_without_compiling(locales, tmp_path):
    assert Translator("th", locales).gettext("Play") == "เล่น"
    cache_files = list((tmp_path / "cache").glob("*.json"))
    assert cache_files, "parsed catalogs are cached"
    po = locales / "th" / "LC_MESSAGES" / "safepath.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "เล่น"', 'msgstr "เริ่มเล่น"'), encoding="utf-8")
    future = time.time() + 5
    os.utime(po, (future, future))
    assert Translator("th", locales).gettext("Play") == "เริ่มเล่น"


def test_damaged_cache_is_ignored(locales, tmp_path):
    Translator("th", locales).gettext("Play")
    for cache_file in (tmp_path / "cache").glob("*.json"):
        cache_file.write_text("{not json", encoding="utf-8")
    assert Translator("th", locales).gettext("Play") == "เล่น"


def test_cached_table_equals_parsed_table(locales):
    po = locales / "th" / "LC_MESSAGES" / "safepath.po"
    first = catalogs.load_table(po)
    second = catalogs.load_table(po)  # from the cache this time
    assert first.messages == second.messages == catalogs.parse_po(po).messages
    assert ("", "Settings") not in first.messages
    assert ("", "Empty") not in first.messages


def test_broken_po_keeps_the_readable_entries_and_never_crashes(locales):
    write_po(locales, "my", "safepath", 'msgid "Play"\nmsgstr "ကစားမယ်"\n\nmsgid "Quit"\nmsgstr "unterminated\n')
    my = Translator("my", locales)
    assert my.gettext("Play") == "ကစားမယ်"
    (locales / "my" / "LC_MESSAGES" / "content.po").write_bytes(b"\xff\xfe\x00garbage")
    assert my.text(Text("Hello", "x/y", Pos("f", 1, 1))) == "Hello"


def test_runtime_does_not_import_pygame():
    import subprocess

    code = "import sys, safepath.i18n as i; i._('x'); i.current().format_money(1, 'THB'); print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- CLDR formatting --------------------------------------------------------
@pytest.mark.parametrize(
    "lang, thb, mmk",
    [
        ("th", "฿45,000", "MMK1,300,000"),
        ("my", "45,000\u00a0฿", "1,300,000\u00a0K"),
        ("en", "THB45,000", "MMK1,300,000"),
    ],
)
def test_money_in_baht_and_kyat(lang, thb, mmk):
    t = Translator(lang)
    assert t.format_money(45000, "THB") == thb
    assert t.format_money(1300000, "MMK") == mmk


def test_money_keeps_fractions_when_there_are_some():
    assert Translator("th").format_money(45000.5, "THB") == "฿45,000.50"


def test_numbers_dates_and_times_follow_the_locale():
    day = dt.date(2026, 11, 22)
    assert Translator("th").format_number(45000) == "45,000"  # Western digits, as CLDR gives them
    assert Translator("th").format_date(day) == "22 พฤศจิกายน ค.ศ. 2026"
    assert Translator("my").format_date(day) == "2026 နိုဝင်ဘာ 22"
    assert Translator("en").format_date(day) == "November 22, 2026"
    assert Translator("en").format_time(dt.time(14, 5)) == "2:05\u202fPM"
    # A 24-hour clock in Thai; newer CLDR data (Babel 2.17+) adds the word "น." after it.
    assert Translator("th").format_time(dt.time(14, 5)) in ("14:05", "14:05 น.")


# -- pseudo-locale ----------------------------------------------------------
def test_pseudo_locale_is_longer_accented_and_bracketed():
    out = pseudo_translate("Send your passport photo")
    assert out.startswith("«") and out.endswith("»")
    assert "å" not in "Send your passport photo" and any(ch in out for ch in "éöûå")
    assert len(out) >= 1.3 * len("Send your passport photo")


def test_pseudo_locale_keeps_placeholders():
    out = pseudo_translate("Hello {name}, you earn %s or %(amount)d")
    assert "{name}" in out and "%s" in out and "%(amount)d" in out
    assert i18n.Translator("xx").gettext("Hi {name}", name="Aung").count("Aung") == 1


def test_pseudo_locale_through_set_language(locales):
    i18n.set_language("xx", locales)
    assert i18n._("Play").startswith("«")
    assert i18n.current().lang == "xx"
    i18n.set_language("en-XA", locales)
    assert i18n.current().lang == "xx"


def test_pseudo_characters_are_in_noto_sans():
    hb = pytest.importorskip("uharfbuzz")
    font_path = Path(__file__).resolve().parent.parent / "assets" / "fonts" / "NotoSans-Regular.ttf"
    font = hb.Font(hb.Face(font_path.read_bytes()))
    sample = pseudo_translate("ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz")
    missing = [ch for ch in sample if not ch.isspace() and not font.get_nominal_glyph(ord(ch))]
    assert missing == []
