"""Money and number placeholders: {baht:45000}, {kyat:1300000}, {number:330000}.

Written once in the English YAML, written out at display time for the player's language with CLDR's
currency names (Babel), everywhere text is shown: the screens and the terminal player (both through
``Translator.text``), the exported script and golden playthroughs. A malformed one is SP077 with its place.
"""

from __future__ import annotations

import html
from decimal import Decimal
from pathlib import Path

import pytest
from babel.numbers import format_currency, get_currency_name

from safepath.authoring import playthrough
from safepath.cli import main
from safepath.commands.export_script import render
from safepath.commands.play import TerminalPlayer
from safepath.i18n import Translator, checks
from safepath.i18n.amounts import NBSP, expand, scan
from safepath.i18n.formatting import cldr_locale
from safepath.story.loader import load_scenario

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _english_again():
    """``play --lang th`` sets the process's language, as it should; later tests expect English."""
    from safepath import i18n

    yield
    i18n.set_language("en")
FIXTURE = ROOT / "tests" / "data" / "i18n" / "money-offer.yaml"
CATALOGUE = ROOT / "tests" / "data" / "valid" / "red_flags.yaml"


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


@pytest.mark.parametrize("lang", ["th", "my", "en"])
def test_amounts_use_cldr_currency_names_in_each_language(lang):
    locale = cldr_locale(lang)
    shown = plain(expand("{baht:45000} / {kyat:1300000} / {number:330000}", lang))
    baht, kyat, number = shown.split(" / ")
    # the currency's display name from CLDR, never the symbol or the ISO code
    assert get_currency_name("THB", 45000, locale) in baht and "฿" not in baht and "THB" not in baht
    assert get_currency_name("MMK", 1300000, locale) in kyat and "MMK" not in kyat
    assert "45,000" in baht and "1,300,000" in kyat and number == "330,000"
    # exactly Babel's name format, with the ".00" of whole amounts left out
    assert baht == format_currency(45000, "THB", locale=locale, format_type="name", currency_digits=False)


def test_the_three_languages_read_naturally():
    assert plain(expand("{baht:45000}", "en")) == "45,000 Thai baht"
    assert plain(expand("{kyat:1}", "en")) == "1 Myanmar kyat" and plain(expand("{kyat:2}", "en")) == "2 Myanmar kyats"
    assert plain(expand("{baht:45000}", "th")) == "45,000 บาทไทย"
    assert plain(expand("{kyat:1300000}", "my")) == "မြန်မာ ကျပ် 1,300,000"  # Burmese puts the name first
    assert plain(expand("{baht:12.50}", "en")) == "12.50 Thai baht"  # satang are kept
    assert expand("{{baht:1}} and }}", "en") == "{baht:1} and }"  # escaped braces are text


def test_an_amount_never_breaks_across_lines():
    from safepath.text.breaks import line_break_opportunities

    for lang, text in (("en", "The pay is {baht:45000} a month"), ("my", "လစာ {baht:45000} ရမယ်")):
        shown = expand(text, lang)
        joint = shown.index(NBSP)  # between the number and the currency's name, on whichever side the name is
        assert shown[joint - 1].isdigit() or shown[joint + 1].isdigit()
        assert joint + 1 not in line_break_opportunities(shown, lang)
    assert expand("{baht:45000}", "en") == "45,000\u00a0Thai baht"  # the name itself may still wrap


@pytest.mark.parametrize("text,hint_part", [
    ("{bhat:45000}", "did you mean {baht:45000}"),
    ("{baht:45k}", "digits only"),
    ("{baht: 45000}", "without spaces"),
    ("{45000 baht}", "{baht:45000}"),
    ("{kyat:12.5}", "whole numbers"),
    ("{name}", "{{"),
    ("an { alone", "never closed"),
    ("{baht:45,00}", "digits only"),
])
def test_malformed_placeholders_are_explained(text, hint_part):
    amounts, problems = scan(text)
    assert amounts == [] and len(problems) == 1
    assert hint_part in problems[0].hint + problems[0].message
    assert expand(text, "en") == text  # shown as written, never guessed


def test_scan_finds_well_formed_ones():
    amounts, problems = scan("a {baht:45,000} b {kyat:5} c {number:0.5} {{x}}")
    assert problems == []
    assert [(a.kind, a.value) for a in amounts] == [("baht", Decimal(45000)), ("kyat", Decimal(5)), ("number", Decimal("0.5"))]


def test_loader_reports_sp077_at_the_placeholder(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace('"Come to Thailand. The pay is {baht:45000} a month."', '"Come to Thailand. The pay is {bhat:45000} a month."')
    text = text.replace("feedback: Good question. Pay of {baht:45000}", "feedback: >-\n          Good question. Pay of\n          {baht:45k}")
    bad = tmp_path / "money-offer.yaml"
    bad.write_text(text, encoding="utf-8")
    result = load_scenario(bad, CATALOGUE)
    assert result.scenario is None
    found = [(d.code, d.line, d.column) for d in result.diagnostics]
    lines = text.splitlines()
    expected = []
    for code, line, column in found:
        assert code == "SP077"
        expected.append(lines[line - 1][column - 1:column + 5])
    assert expected == ["{bhat:", "{baht:"]  # the caret is on the "{" of each, in a quoted and a folded text


def test_translator_text_formats_amounts_in_every_language():
    scenario = load_scenario(FIXTURE, CATALOGUE).scenario
    line = scenario.scenes["offer"].lines[0].text
    assert "{baht" not in Translator("en").text(line)
    assert plain(Translator("en").text(line)) == "Come to Thailand. The pay is 45,000 Thai baht a month."
    # untranslated: the player reads English, so the amount is English too (issue 16), not "ထိုင်း ဘတ် 45,000"
    assert plain(Translator("my").text(line)) == "Come to Thailand. The pay is 45,000 Thai baht a month."
    assert "«" in Translator("xx").text(line) and "45,000" in Translator("xx").text(line)


def test_translated_text_keeps_the_placeholder_and_gets_it_formatted(tmp_path):
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    scenario = load_scenario(FIXTURE, CATALOGUE).scenario
    line = scenario.scenes["offer"].lines[0].text
    catalog = Catalog(locale="th")
    catalog.add(line.text, "มาทำงานที่ไทย ได้เดือนละ {baht:45000}", context=line.context)
    folder = tmp_path / "th" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "content.po", "wb") as fh:
        write_po(fh, catalog)
    shown = Translator("th", tmp_path).text(line)
    assert plain(shown) == "มาทำงานที่ไทย ได้เดือนละ 45,000 บาทไทย"
    assert checks.placeholder_problem(line.text, "มาทำงานที่ไทย ได้เดือนละ 45,000 บาท") == "lost {baht:45000}"


def test_terminal_player_shows_formatted_amounts():
    scenario = load_scenario(FIXTURE, CATALOGUE).scenario
    out: list[str] = []
    player = TerminalPlayer(scenario, choices=(2,), write=out.append)
    player.tr = Translator("en")
    assert player.play() == 0
    text = plain("\n".join(out))
    assert "{" not in text
    assert "The pay is 45,000 Thai baht a month." in text
    assert "2. Pay the 5,000 Thai baht fee" in text
    assert "kept his 330,000 Myanmar kyats." in text and "330,000 people read the ad." in text


def test_play_command_prints_amounts(capsys):
    assert main(["play", "--text", str(FIXTURE), "--choices", "1", "--lang", "th"]) == 0
    out = plain(capsys.readouterr().out)
    # the fixture is not translated: a Thai player reads these lines in English, amounts included (issue 16)
    assert "45,000 Thai baht" in out and "1,300,000 Myanmar kyats" in out and "{baht" not in out
    assert "บาทไทย" not in out


def test_exported_script_shows_formatted_amounts():
    scenario = load_scenario(FIXTURE, CATALOGUE).scenario
    page = plain(html.unescape(render(scenario, "en")))
    assert "{baht" not in page and "{kyat" not in page
    assert "45,000 Thai baht" in page and "1,300,000 Myanmar kyats" in page


def test_golden_playthrough_transcript_and_choice_matching_use_formatted_amounts(tmp_path):
    golden = tmp_path / "money.yaml"
    golden.write_text(
        f"scenario: {FIXTURE}\n"
        "name: Aung pays the fee\n"
        "choices:\n  - Pay the 5,000 Thai baht fee\n"   # the choice as the player reads it
        "expect:\n  ending: safe\n  lines:\n    - The pay is 45,000 Thai baht a month.\n"
        "    - \"> Pay the 5,000 Thai baht fee\"\n    - kept his 330,000 Myanmar kyats\n",
        encoding="utf-8")
    outcome = playthrough.run_file(golden)
    assert outcome.ok, outcome.problems
    assert not any("{" in line for line in outcome.transcript)
    raw = tmp_path / "raw.yaml"  # the choice as written in the YAML still matches
    raw.write_text(f"scenario: {FIXTURE}\nchoices:\n  - 'Pay the {{baht:5000}} fee'\nexpect:\n  ending: safe\n",
                   encoding="utf-8")
    assert playthrough.run_file(raw).ok


def test_lint_accepts_amounts_and_does_not_take_them_for_phone_numbers(capsys):
    assert main(["lint", "--catalogue", str(CATALOGUE), str(FIXTURE)]) == 0
    out = capsys.readouterr().out
    assert "SP099" not in out and "0 errors, 0 warnings" in out
