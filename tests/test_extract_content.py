"""The Babel extractor for scenario YAML, and `pybabel extract` / `update` from a fresh checkout."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract
from babel.messages.pofile import read_po

import safepath
from safepath.i18n.extract import extract_scenario
from safepath.i18n.tools import build_template

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "i18n" / "tiny-offer.yaml"
DREAM_JOB = ROOT / "content" / "scenarios" / "dream-job.yaml"


class Extracted(NamedTuple):
    lineno: int
    message: str
    comments: list
    context: str


def babel_extract(path: Path) -> list[Extracted]:
    """Run the extractor through Babel's own ``extract`` exactly as pybabel does (by entry-point name)."""
    with open(path, "rb") as fh:
        return [Extracted(*t) for t in extract("safepath_scenario", fh, DEFAULT_KEYWORDS, comment_tags=(), options={})]


def test_fixture_messages_have_real_lines_contexts_and_comments():
    found = {m.context: m for m in babel_extract(FIXTURE)}
    line = found["tiny-offer/start/line/1"]
    assert line.lineno == 24
    assert line.message == "Hello Nok! {baht:45000} a month."  # the placeholder stays in the msgid
    assert any("Sam" in c and "start" in c for c in line.comments), line.comments
    assert any("{baht:45000}" in c and "keep" in c for c in line.comments), line.comments  # and is explained
    assert not any("{baht" in c for c in found["tiny-offer/title"].comments)
    assert found["tiny-offer/title"].lineno == 4
    assert found["tiny-offer/start/choice/0/feedback"].lineno == 29
    assert found["tiny-offer/start/choice/0/feedback"].message == "Good question."
    debrief = found["tiny-offer/safe-end/debrief"]
    assert debrief.lineno == 38 and "safe-end" in " ".join(debrief.comments)
    assert len(found) == 13  # every Text the game asks for, none merged


def test_extractor_works_on_a_file_object_without_a_path():
    data = FIXTURE.read_bytes()
    out = list(extract_scenario(io.BytesIO(data), DEFAULT_KEYWORDS, (), {"filename": "tiny-offer.yaml"}))
    assert out[0] == (4, "pgettext", ("tiny-offer/title", "A tiny offer"), [out[0][3][0]])
    assert len(out) == 13


def test_broken_scenario_yields_nothing_and_says_why(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\nid: broken\nscenes: [\n", encoding="utf-8")
    assert babel_extract(broken) == []
    assert "broken.yaml" in capsys.readouterr().err


@pytest.mark.skipif(not DREAM_JOB.exists(), reason="dream-job scenario not written yet")
def test_dream_job_references_point_at_the_text():
    source = DREAM_JOB.read_text(encoding="utf-8").splitlines()
    messages = babel_extract(DREAM_JOB)
    assert len(messages) > 100
    contexts = [m.context for m in messages]
    assert len(contexts) == len(set(contexts)), "two texts share a msgctxt"
    for m in messages:
        assert m.context.startswith("dream-job/")
        assert m.comments and m.comments[0].strip()
        words = m.message.replace('"', " ").split()[:2]
        window = " ".join(source[max(0, m.lineno - 1) : m.lineno + 1])
        assert all(w in window for w in words), (m.lineno, m.message)


def test_template_has_both_scenario_and_red_flag_messages():
    catalog = build_template("content")
    files = {loc[0] for m in catalog if m.id for loc in m.locations}
    assert "content/red_flags.yaml" in files
    assert any(f.startswith("content/scenarios/") for f in files)
    assert all(m.context for m in catalog if m.id)


def _fresh_copy(tmp_path: Path) -> Path:
    """Tracked files needed for extraction, copied as a fresh checkout would have them."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(
        ["git", "ls-files", "--", "safepath", "content", "locales", "babel.cfg", "pyproject.toml"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()
    dest = tmp_path / "checkout"
    for name in listed:
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    return dest


def test_pybabel_extract_and_update_run_cleanly_from_a_fresh_checkout(tmp_path):
    pybabel = shutil.which("pybabel")
    if pybabel is None:
        pytest.skip("pybabel is not installed")
    dest = _fresh_copy(tmp_path)
    env = dict(os.environ, PYTHONPATH=str(dest), SAFEPATH_ROOT=str(dest), SAFEPATH_CACHE_DIR="")

    def run(*args):
        done = subprocess.run([pybabel, *args], cwd=dest, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr, done.stderr
        return done

    header = ["--project", "SafePath", "--version", safepath.__version__, "--copyright-holder", "SafePath contributors"]
    run("extract", "-F", "babel.cfg", *header, "-o", "locales/content.pot", "content/")
    run("extract", "-F", "babel.cfg", *header, "-c", "TRANSLATORS:", "-o", "locales/safepath.pot", "safepath/")
    # the documented command and `safepath i18n extract` write the same template, header included
    from safepath.i18n.tools import _render, _without_dates

    ours = _render(build_template("content", dest), omit_header=False)
    assert _without_dates((dest / "locales" / "content.pot").read_bytes()) == _without_dates(ours)
    assert b"Project-Id-Version: SafePath " + safepath.__version__.encode() in ours
    with open(dest / "locales" / "content.pot", "rb") as fh:
        content = read_po(fh)
    refs = [loc for m in content if m.id for loc in m.locations]
    assert any(f == "content/scenarios/dream-job.yaml" and line > 1 for f, line in refs)
    assert all(m.context for m in content if m.id)
    assert any(m.auto_comments for m in content if m.id)
    for domain in ("content", "safepath"):
        if (dest / "locales" / "th" / "LC_MESSAGES" / f"{domain}.po").exists():
            run("update", "-i", f"locales/{domain}.pot", "-d", "locales", "-D", domain)


def test_documented_pybabel_commands_name_the_project_and_its_version():
    doc = (ROOT / "docs" / "translating.md").read_text(encoding="utf-8")
    commands = [line.strip() for line in doc.splitlines() if line.strip().startswith("pybabel extract")]
    assert len(commands) == 2
    for command in commands:
        assert f"--project SafePath --version {safepath.__version__} " in command
        assert '--copyright-holder "SafePath contributors"' in command
