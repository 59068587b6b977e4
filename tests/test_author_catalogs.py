"""An author's own folder has its own catalogs, found the same way as its stories (issue 16, point 5)."""

from __future__ import annotations

import hashlib
import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from safepath import paths
from safepath.cli import main
from safepath.i18n.runtime import use_own_catalogs


@pytest.fixture(autouse=True)
def game_catalogs_only_afterwards():
    yield
    use_own_catalogs()


def run(args):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


def game_catalogs() -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(paths.locales_dir().rglob("*.po*"))}


def own_folder(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "ngo-stories"
    folder.mkdir()
    monkeypatch.chdir(folder)
    assert run(["new", "scenario", "ngo-story"])[0] == 0
    return folder


def translate(po: Path, english: str, thai: str) -> None:
    text = po.read_text(encoding="utf-8")
    entry = f'msgid "{english}"\nmsgstr ""'
    assert entry in text
    po.write_text(text.replace(entry, f'msgid "{english}"\nmsgstr "{thai}"'), encoding="utf-8")


def test_update_and_status_work_on_the_authors_own_catalogs(tmp_path, monkeypatch):
    before = game_catalogs()
    folder = own_folder(tmp_path, monkeypatch)
    code, out, _err = run(["i18n", "update"])
    assert code == 0
    assert "Translations of your own stories in content/; their catalogs are in locales/" in out
    assert "updated locales/th/LC_MESSAGES/content.po" in out
    po = folder / "locales" / "th" / "LC_MESSAGES" / "content.po"
    assert 'msgctxt "ngo-story/ad/line/1"' in po.read_text(encoding="utf-8")
    assert "dream-job" not in po.read_text(encoding="utf-8")  # only the author's own stories
    assert not (folder / "locales" / "th" / "LC_MESSAGES" / "safepath.po").exists()  # not the interface
    translate(po, "Mai reads the message twice.", "ใหม่อ่านข้อความสองครั้ง")
    code, out, _err = run(["i18n", "status"])
    assert "content/scenarios/ngo-story.yaml" in out and "dream-job" not in out
    assert "th       content         1/20" in out
    assert game_catalogs() == before  # the game's own catalogs are never touched


def test_the_game_uses_the_authors_translation(tmp_path, monkeypatch):
    folder = own_folder(tmp_path, monkeypatch)
    run(["i18n", "update"])
    translate(folder / "locales" / "th" / "LC_MESSAGES" / "content.po", "Mai reads the message twice.",
              "ใหม่อ่านข้อความสองครั้ง")
    code, out, _err = run(["--lang", "th", "play", "--text", "content/scenarios/ngo-story.yaml", "--choices", "1,2"])
    assert code == 0
    assert "ใหม่อ่านข้อความสองครั้ง" in out
    assert "45,000 Thai baht" in out.replace("\u00a0", " ")  # an untranslated line is English, its amount too (not "45,000 บาทไทย")


def test_content_option_finds_the_folder_from_anywhere(tmp_path, monkeypatch):
    folder = own_folder(tmp_path, monkeypatch)
    monkeypatch.chdir(tmp_path)
    code, out, _err = run(["--content", str(folder / "content" / "scenarios"), "i18n", "update"])
    assert code == 0 and (folder / "locales" / "my" / "LC_MESSAGES" / "content.po").is_file()
    code, out, _err = run(["i18n", "status", "--content", str(folder / "content")])
    assert "ngo-story.yaml" in out
    code, _out, err = run(["i18n", "status", "--content", str(tmp_path / "nowhere")])
    assert code == 2 and "does not exist" in err


def test_nothing_becomes_obsolete_without_a_word(tmp_path, monkeypatch):
    folder = own_folder(tmp_path, monkeypatch)
    run(["i18n", "update"])
    po = folder / "locales" / "th" / "LC_MESSAGES" / "content.po"
    translate(po, "Mai reads the message twice.", "ใหม่อ่านข้อความสองครั้ง")
    story = folder / "content" / "scenarios" / "ngo-story.yaml"
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("      - Mai reads the message twice.", "      - Mai reads it again."), encoding="utf-8")
    code, out, _err = run(["i18n", "update"])
    assert "fuzzy" in out  # the same place, changed English: a guess to check, not lost

    story.write_text(text.replace("      - Mai reads the message twice.          # a plain line is narration\n", ""),
                     encoding="utf-8")
    code, out, _err = run(["i18n", "update"])
    assert ("1 translated entry is no longer in the stories and kept at the end of "
            "locales/th/LC_MESSAGES/content.po as obsolete (#~): ngo-story/ad/line/1") in out


def test_a_story_that_cannot_be_read_keeps_its_translations(tmp_path, monkeypatch):
    folder = own_folder(tmp_path, monkeypatch)
    run(["i18n", "update"])
    po = folder / "locales" / "th" / "LC_MESSAGES" / "content.po"
    translate(po, "Mai reads the message twice.", "ใหม่อ่านข้อความสองครั้ง")
    story = folder / "content" / "scenarios" / "ngo-story.yaml"
    good = story.read_text(encoding="utf-8")
    story.write_text(good + "oops: [\n", encoding="utf-8")
    code, out, _err = run(["i18n", "update"])
    assert "content/scenarios/ngo-story.yaml cannot be read" in out and "kept as they are" in out
    assert "#~" not in po.read_text(encoding="utf-8")
    story.write_text(good, encoding="utf-8")
    run(["i18n", "update"])
    assert 'msgstr "ใหม่อ่านข้อความสองครั้ง"' in po.read_text(encoding="utf-8")
    assert "#~" not in po.read_text(encoding="utf-8")


def test_the_printable_script_uses_the_authors_translation(tmp_path, monkeypatch):
    folder = own_folder(tmp_path, monkeypatch)
    run(["i18n", "update"])
    translate(folder / "locales" / "th" / "LC_MESSAGES" / "content.po", "Mai reads the message twice.",
              "ใหม่อ่านข้อความสองครั้ง")
    code, _out, _err = run(["export-script", "content/scenarios/ngo-story.yaml", "--lang", "th", "-o", "script.html"])
    assert code == 0 and "ใหม่อ่านข้อความสองครั้ง" in (folder / "script.html").read_text(encoding="utf-8")
