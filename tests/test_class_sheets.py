"""Printable class material: facilitator sheets per story and the knowledge check's answer cards."""

from __future__ import annotations

import dataclasses
import shutil
import re
import subprocess
import sys

import pytest

from safepath import paths
from safepath.checks.loader import load_bank
from safepath.checks.schedule import forms_for, item_order
from safepath.classroom import sheets
from safepath.i18n import Translator
from safepath.story import loader
from safepath.story.model import Text


@pytest.fixture(scope="module")
def stories():
    report = loader.load_all(sorted(paths.scenarios_dir().glob("*.yaml")))
    return report.scenarios


@pytest.fixture(scope="module")
def forms():
    return dict(load_bank(None, loader.load_catalogue()[0], loader.load_safe_signs()[0]).forms)


@pytest.mark.parametrize("lang", ["en", "th", "my"])
def test_a_facilitator_sheet_holds_every_decision_and_note(stories, lang):
    t = Translator(lang)
    scenario = stories["dream-job"]
    page = sheets.facilitator_sheet(scenario, lang)
    text = page.replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&")
    assert t.text(scenario.title) in text
    assert t.text(scenario.content_note) in text
    for scene in scenario.scenes.values():
        if scene.notes:
            assert t.text(scene.notes) in text, scene.id
    decisions = [s for s in scenario.scenes.values() if s.choices]
    assert text.count('class="decision"') == len(decisions)
    for flag in scenario.teaches:
        assert t.text(scenario.red_flags[flag].title) in text
    assert not re.search(r"(src|href)=[\"']?https?:", page)  # nothing from the network
    assert "@font-face" in page


def test_story_text_is_escaped(stories):
    scenario = stories["dream-job"]
    odd = dataclasses.replace(scenario, title=Text("<script>alert(1)</script> & co", "x/title", scenario.title.pos))
    page = sheets.facilitator_sheet(odd, "en")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page


def test_answer_cards_follow_the_sessions_forms_and_order(forms, tmp_path, stories):
    code = "c0123456789ab"
    pre, post = forms_for(code)
    written = sheets.write_all(stories.values(), forms, "en", tmp_path, code)
    assert {p.name for p in written} == {f"facilitator-{sid}-en.html" for sid in stories} | {"answer-cards-en.html"}
    page = (tmp_path / "answer-cards-en.html").read_text(encoding="utf-8")
    assert f"Tally sheet, form {pre}" in page and f"Tally sheet, form {post}" in page
    assert page.index(f"form {pre}") < page.index(f"form {post}")
    rows = page.split(f"Tally sheet, form {pre}")[1].split("Tally sheet, form")[0]
    assert rows.count('class="box"') == sum(len(i.options) if hasattr(i, "options") else 2
                                            for i in item_order(forms[pre]))


def test_the_command_writes_the_sheets(tmp_path):
    out = tmp_path / "sheets"
    done = subprocess.run([sys.executable, "-m", "safepath", "class-sheets", "-o", str(out), "--lang", "th"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (out / "answer-cards-th.html").exists() and (out / "facilitator-dream-job-th.html").exists()


CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser")) if p), None)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_the_sheets_print_on_a4(tmp_path, stories, forms):
    """Printed from a browser: the facilitator sheet on a few A4 pages (English; the issue asks one, see the
    closing note), one card per page."""
    written = sheets.write_all([stories["dream-job"]], forms, "en", tmp_path, None)
    pages = {}
    for path in written:
        pdf = path.with_suffix(".pdf")
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", path.as_uri()], capture_output=True, timeout=180)
        pages[path.name] = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert 1 <= pages["facilitator-dream-job-en.html"] <= 3, pages  # 34 scenes since the rewrite
    assert pages["answer-cards-en.html"] >= 4 + 2, pages  # four cards, then a tally sheet per form
