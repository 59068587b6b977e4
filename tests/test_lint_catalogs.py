"""`safepath lint` reports what `i18n status` finds in the catalogs (issue 16, point 10)."""

from __future__ import annotations

import io
import re
from contextlib import redirect_stderr, redirect_stdout

import pytest

from safepath.cli import main
from safepath.i18n.runtime import use_own_catalogs

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
ZAWGYI = "ျမန္မာစာ ေနေကာင္းလား"  # "Burmese, are you well?" typed in Zawgyi (as in test_i18n_checks.py)


@pytest.fixture(autouse=True)
def game_catalogs_only_afterwards():
    yield
    use_own_catalogs()


def run(args):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(args)
    return code, out.getvalue()


def fill(po, english: str, translation: str) -> None:
    text = po.read_text(encoding="utf-8")
    entry = f'msgid "{english}"\nmsgstr ""'
    assert entry in text
    po.write_text(text.replace(entry, f'msgid "{english}"\nmsgstr "{translation}"'), encoding="utf-8")


def found(output: str) -> set[tuple[str, str, str]]:
    """(file, line, code) of every catalog diagnostic in an output."""
    return set(re.findall(r"^(locales/\S+\.po):(\d+):\d+: (?:error|warning) (SP\d+)", output, re.M))


def test_lint_reports_zawgyi_and_overflow_in_the_catalogs_like_i18n_status(tmp_path, monkeypatch):
    folder = tmp_path / "ngo"
    folder.mkdir()
    monkeypatch.chdir(folder)
    run(["new", "scenario", "ngo-story"])
    run(["i18n", "update"])
    fill(folder / "locales" / "my" / "LC_MESSAGES" / "content.po", "Mai reads the message twice.", ZAWGYI)
    fill(folder / "locales" / "th" / "LC_MESSAGES" / "content.po", "Khun Nok",
         "คุณนก ผู้จัดหางานจากบริษัทที่ไม่มีใครรู้จักในกรุงเทพมหานคร ที่ส่งข้อความมาทุกวันทุกคืน ไม่หยุดเลย")
    code, linted = run(["lint", "content/"])
    _code, status = run(["i18n", "status"])
    in_lint, in_status = found(linted), found(status)
    assert {c for _f, _l, c in in_lint} >= {"SP070", "SP073"}, linted
    assert in_lint == in_status
    assert code == 1  # Zawgyi is an error
    assert "looks like Zawgyi-encoded Burmese" in linted and "\n    msg" in linted  # the .po line, as lint shows it


def test_the_game_content_brings_the_game_catalogs(monkeypatch):
    from pathlib import Path

    from safepath import paths
    from safepath.commands.lint import catalog_checks

    monkeypatch.chdir(paths.project_root())
    shown = {d.file for d in catalog_checks(None, fit=False)} | {"none"}
    assert all(f == "none" or f.startswith("locales/") for f in shown)
    assert catalog_checks([Path("tests/data/valid")], fit=False) == []  # a folder without catalogs: nothing


def test_linting_one_story_checks_its_own_translations_only(tmp_path, monkeypatch):
    folder = tmp_path / "ngo"
    folder.mkdir()
    monkeypatch.chdir(folder)
    run(["new", "scenario", "first"])
    run(["new", "scenario", "second"])
    run(["i18n", "update"])
    po = folder / "locales" / "my" / "LC_MESSAGES" / "content.po"
    text = po.read_text(encoding="utf-8")
    entry = 'msgctxt "second/ad/line/1"\nmsgid "Mai reads the message twice."\nmsgstr ""'
    assert entry in text
    po.write_text(text.replace(entry, entry[:-2] + f'"{ZAWGYI}"'), encoding="utf-8")
    code, out = run(["lint", "content/scenarios/first.yaml"])
    assert code == 0 and "SP070" not in out
    code, out = run(["lint", "content/scenarios/second.yaml"])
    assert code == 1 and "SP070" in out
    code, out = run(["lint", "content/"])
    assert code == 1 and "SP070" in out


def test_no_catalogs_leaves_them_out(tmp_path, monkeypatch):
    folder = tmp_path / "ngo"
    folder.mkdir()
    monkeypatch.chdir(folder)
    run(["new", "scenario", "ngo-story"])
    run(["i18n", "update"])
    fill(folder / "locales" / "my" / "LC_MESSAGES" / "content.po", "Mai reads the message twice.", ZAWGYI)
    assert run(["lint", "content/"])[0] == 1
    code, out = run(["lint", "--no-catalogs", "content/"])
    assert code == 0 and "SP070" not in out
