"""Two languages at once (issue 14): the pair of texts, the setting, the command line, the terminal player."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safepath import cli, i18n
from safepath.saves.players import Settings
from safepath.saves.storage import Storage
from safepath.story.model import Pos, Text

HEADER = '''msgid ""
msgstr ""
"Language: {lang}\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"Content-Type: text/plain; charset=utf-8\\n"

'''


def _write(root: Path, lang: str, domain: str, entries: list[tuple[str | None, str, str]]) -> None:
    folder = root / lang / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    body = "".join((f'msgctxt "{ctx}"\n' if ctx else "") + f'msgid "{msgid}"\nmsgstr "{msgstr}"\n\n'
                   for ctx, msgid, msgstr in entries)
    (folder / f"{domain}.po").write_text(HEADER.format(lang=lang) + body, encoding="utf-8")


@pytest.fixture
def locales(tmp_path):
    """Catalogs where "Play" is in all three languages, "Only Thai" only in Thai, a line only in Burmese."""
    root = tmp_path / "locales"
    _write(root, "en", "safepath", [(None, "Play", "Play"), (None, "Only Thai", "Only Thai"),
                                    (None, "Same", "Same")])
    _write(root, "th", "safepath", [(None, "Play", "เล่น"), (None, "Only Thai", "ไทยเท่านั้น"), (None, "Same", "Same")])
    _write(root, "my", "safepath", [(None, "Play", "ကစားမယ်"), (None, "Same", "Same")])
    _write(root, "en", "content", [("s/a/line/0", "Hello", "Hello"), ("s/a/line/1", "Bye", "Bye")])
    _write(root, "th", "content", [("s/a/line/0", "Hello", "สวัสดี")])
    _write(root, "my", "content", [("s/a/line/0", "Hello", "မင်္ဂလာပါ"), ("s/a/line/1", "Bye", "သွားပြီ")])
    return root


@pytest.fixture(autouse=True)
def one_language_afterwards():
    yield
    i18n.reset()


HELLO = Text("Hello", "s/a/line/0", Pos("s.yaml", 1, 1))
BYE = Text("Bye", "s/a/line/1", Pos("s.yaml", 2, 1))


def test_one_language_by_default_gives_no_secondary(locales):
    i18n.set_language("th", locales)
    assert i18n.second_language() is None
    assert i18n.pair("Play") == ("เล่น", None)
    assert i18n.text_pair(HELLO) == ("สวัสดี", None)


def test_pair_gives_both_languages(locales):
    i18n.set_language("th", locales)
    i18n.set_second_language("my")
    assert i18n.pair("Play") == ("เล่น", "ကစားမယ်")
    assert i18n.text_pair(HELLO) == ("สวัสดี", "မင်္ဂလာပါ")
    i18n.set_language("en", locales)
    assert i18n.pair("Play") == ("Play", "ကစားမယ်")


def test_a_string_missing_in_either_language_is_shown_once(locales):
    i18n.set_language("th", locales)
    i18n.set_second_language("my")
    assert i18n.pair("Only Thai") == ("ไทยเท่านั้น", None)  # Burmese would be the English: not shown
    assert i18n.text_pair(BYE) == ("Bye", None)  # Thai falls back to English: the Burmese is not added under it
    i18n.set_language("my", locales)
    i18n.set_second_language("th")
    assert i18n.pair("Only Thai") == ("Only Thai", None)
    assert i18n.text_pair(BYE) == ("သွားပြီ", None)


def test_the_same_words_in_both_languages_are_shown_once(locales):
    i18n.set_language("th", locales)
    i18n.set_second_language("my")
    assert i18n.pair("Same") == ("Same", None)
    i18n.set_second_language("th")  # the same language twice is one language
    assert i18n.second_language() is None and i18n.pair("Play") == ("เล่น", None)


def test_the_second_language_does_not_count_towards_the_primarys_fallbacks(locales):
    first = i18n.set_language("th", locales)
    i18n.set_second_language("my")
    i18n.pair("Only Thai")
    assert first.missing_count() == 0
    i18n.text_pair(BYE)
    assert first.missing_count() == 1  # the Thai player reads "Bye" in English: that is counted, once


def test_swapping_exchanges_the_languages(locales):
    i18n.set_language("th", locales)
    assert i18n.swap_languages() is None
    i18n.set_second_language("my")
    assert i18n.swap_languages() == ("my", "th")
    assert i18n.current_language() == "my" and i18n.second_language() == "th"
    assert i18n.pair("Play") == ("ကစားမယ်", "เล่น")


# -- the setting --------------------------------------------------------------------------------------
def test_settings_keep_the_second_language_per_player(tmp_path):
    s = Storage(tmp_path)
    aye, bo = s.create_profile("Aye", "moon"), s.create_profile("Bo", "boat")
    s.save_settings(aye.id, Settings(language="th", second_language="my"))
    s.save_settings(bo.id, Settings(language="my"))
    again = Storage(tmp_path)
    assert again.settings_for(aye.id).second_language == "my"
    assert again.settings_for(bo.id).second_language is None


def test_an_old_settings_file_without_the_field_reads_as_one_language(tmp_path):
    s = Storage(tmp_path)
    p = s.create_profile("Aye", "moon")
    s.save_settings(p.id, Settings(language="th"))
    for name in ("profiles.json", "settings.json"):  # saved now with the field; older files lack it
        path = tmp_path / name
        raw = path.read_text(encoding="utf-8")
        assert '"second_language": null' in raw
    old = Settings.from_dict({"language": "th", "text_size": 1})
    assert old.second_language is None and old.text_size == 1
    assert Settings.unreadable({"language": "th"}) == []


def test_a_wrong_second_language_in_a_file_is_dropped_and_reported():
    assert Settings.from_dict({"language": "th", "second_language": "xx"}).second_language is None
    assert Settings.from_dict({"second_language": "my"}).second_language == "my"
    assert Settings.unreadable({"second_language": 3}) == ["second_language"]
    assert Settings.unreadable({"second_language": None}) == []


# -- the command line -------------------------------------------------------------------------------------
def test_second_lang_equal_to_lang_is_refused_with_a_sentence(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["--lang", "th", "--second-lang", "th", "--selftest"])
    assert stop.value.code == 2
    assert "--second-lang th is the same as the game's language" in capsys.readouterr().err


def test_second_lang_that_is_no_language_is_refused(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["--second-lang", "xy", "--selftest"])
    assert stop.value.code == 2
    assert "'xy' is not a language SafePath has" in capsys.readouterr().err


def test_play_second_lang_english_beside_the_default_english_is_refused(capsys):
    with pytest.raises(SystemExit):
        cli.main(["play", "--text", "--second-lang", "en", "--choices", "1"])
    assert "same as the game's language" in capsys.readouterr().err


def test_text_mode_prints_the_second_language_under_the_first(capsys):
    code = cli.main(["play", "--text", "--second-lang", "my", "--choices", "1,1,1,1,1,1,1,1,1,1,1,1,1,1"])
    out = capsys.readouterr().out.splitlines()
    assert code in (0, 3)
    first = out.index("This is Ploy. She is 19.")
    under = out[first + 1]
    assert under.startswith("    ") and any("\u1000" <= ch <= "\u109f" for ch in under)
    numbered = next(i for i, line in enumerate(out) if line.startswith("  1. "))
    assert any("\u1000" <= ch <= "\u109f" for ch in out[numbered + 1]) and out[numbered + 1].startswith("     ")


def test_text_mode_without_a_second_language_prints_one(capsys):
    cli.main(["play", "--text", "--choices", "1,1,1,1,1,1,1,1,1,1,1,1,1,1"])
    out = capsys.readouterr().out
    assert not any("\u1000" <= ch <= "\u109f" for ch in out)
