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


def _plain(page: str) -> str:
    return page.replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&")


@pytest.mark.parametrize("lang", ["en", "th", "my"])
def test_a_facilitator_sheet_holds_what_the_trainer_needs_in_the_room(stories, lang):
    """Title, content note, every red flag the story teaches, the timing plan, and every decision where a
    choice spots or misses a red flag (the longest story: its notes are shortened, and the page says where
    the full notes are)."""
    t = Translator(lang)
    scenario = stories["dream-job"]
    page = sheets.facilitator_sheet(scenario, lang)
    text = _plain(page)
    assert t.text(scenario.title) in text
    assert t.text(scenario.content_note) in text
    for flag in scenario.teaches:
        assert t.text(scenario.red_flags[flag].title) in text
    for step in sheets.PLAN:
        assert t.gettext(step) in text
    where = t.gettext("Some notes are shortened to fit one page. The full notes of every scene are in the "
                      "presenter view (key N) and in the story script (safepath export-script).")
    assert where in text
    full = {}
    real_fitted = sheets.fitted
    try:
        sheets.fitted = lambda data, lang: (full.update(data), real_fitted(data, lang))[1]
        sheets.facilitator_sheet(scenario, lang)
    finally:
        sheets.fitted = real_fitted
    marked = [d for d in full["decisions"] if any(c["marks"] for c in d["choices"])]
    assert marked, "dream-job has decisions with red flags"
    for d in marked:
        assert f"{d['title']}</b>" in text, d["title"]
    assert text.count('class="decision"') >= len(marked)
    assert not re.search(r"(src|href)=[\"']?https?:", page)  # nothing from the network
    assert "@font-face" in page


def test_a_short_story_keeps_every_note_in_full(stories):
    """village-broker fits one page with nothing shortened: every facilitator note in full, no pointer."""
    t = Translator("en")
    scenario = stories["village-broker"]
    text = _plain(sheets.facilitator_sheet(scenario, "en"))
    notes = [s for s in scenario.scenes.values() if s.notes]
    assert notes
    for scene in notes:
        assert t.text(scene.notes) in text, scene.id
    assert t.text(scenario.notes) in text
    assert "Some notes are shortened" not in text
    assert text.count('class="decision"') == sum(1 for s in scenario.scenes.values() if s.choices)


@pytest.mark.parametrize("lang, text", [
    ("en", "Ask the class what they would do. Then show the contract. Nobody should feel judged for their answer."),
    ("th", "ถามนักเรียนว่าจะทำอย่างไร แล้วจึงให้ดูสัญญา ไม่มีใครควรรู้สึกว่าถูกตัดสินจากคำตอบของตัวเอง"),
    ("en", "a note with no full stop in it that runs on and on well past the limit of the sheet"),
    ("th", "โน้ตที่ไม่มีช่องว่างเลยและยาวเกินกว่าที่แผ่นงานจะรับได้ในหนึ่งบรรทัดเดียวจริงๆ"),
    ("my", "ကျောင်းသားတွေကို ဘာလုပ်မလဲ မေးပါ။ ပြီးမှ စာချုပ်ကို ပြပါ။ ဘယ်သူမှ အဖြေကြောင့် အပြစ်တင်ခံရတယ်လို့ မခံစားရစေနဲ့။"),
])
def test_a_condensed_note_is_its_start_cut_at_a_sentence_or_a_break(lang, text):
    short = sheets.condense(text, 45, lang)
    assert len(short) <= 46 and short
    body = short.removesuffix("…")
    assert text.startswith(body)
    assert short.endswith(("…", ".", "။")) or text[len(body)] == " "
    assert sheets.condense(text, 500, lang) == text


def test_the_estimate_shrinks_the_sheet_step_by_step(stories):
    """Each step of STEPS makes the estimated sheet no taller than the one before (the fit loop relies on it)."""
    from safepath.classroom import sheet_fit

    full = {}
    real_fitted = sheets.fitted
    try:
        sheets.fitted = lambda data, lang: (full.update(data), real_fitted(data, lang))[1]
        sheets.facilitator_sheet(stories["dream-job"], "my")
    finally:
        sheets.fitted = real_fitted
    heights = [sheet_fit.sheet_height(*sheets._blocks(sheets._shortened(full, keep, compact, "my", size), "my"),
                                      size, "my") for size, keep, compact in sheets.STEPS]
    assert all(b <= a + 0.5 for a, b in zip(heights, heights[1:])), heights
    assert heights[-1] < heights[0] * 0.7


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


def _pdf_pages(html_path) -> int:
    pdf = html_path.with_suffix(".pdf")
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", html_path.as_uri()], capture_output=True, timeout=180)
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
@pytest.mark.parametrize("lang", ["en", "th", "my"])
def test_every_facilitator_sheet_prints_on_one_a4_page(tmp_path, stories, lang):
    """Printed from a browser (Chromium, A4): every bundled story's facilitator sheet is exactly one page."""
    pages = {}
    for sid, scenario in stories.items():
        path = tmp_path / f"facilitator-{sid}-{lang}.html"
        path.write_text(sheets.facilitator_sheet(scenario, lang), encoding="utf-8")
        pages[sid] = _pdf_pages(path)
    assert len(pages) == 7 and all(n == 1 for n in pages.values()), pages


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
@pytest.mark.parametrize("lang", ["en", "th", "my"])
def test_the_answer_cards_print_one_card_a_page_and_a_tally_sheet_a_form(tmp_path, stories, forms, lang):
    """The cards: one card per page (four); then the tally sheet of each form (pre, post) on one page each."""
    written = sheets.write_all([stories["dream-job"]], forms, lang, tmp_path, None)
    path = next(p for p in written if p.name == f"answer-cards-{lang}.html")
    assert _pdf_pages(path) == 4 + 2


def test_the_trainers_screen_writes_the_sheets_in_a_child_and_says_so_meanwhile(tmp_path, monkeypatch):
    """With a window, the screen says it is writing (nothing to press) while a child process writes; then where."""
    import time

    from safepath.app import make_app
    from safepath import child_job, i18n

    jobs = []
    real = child_job.ChildJob

    def spy(*args, **kwargs):
        jobs.append(real(*args, **kwargs))
        return jobs[-1]

    monkeypatch.setattr(child_job, "ChildJob", spy)
    app = make_app(data_dir=tmp_path / "data", lang="th")
    try:
        app.headless = False  # as with a window: the screen polls the child between frames
        scene = app.stack.push(app.show("class_sheets"))
        scene.write()
        assert scene.job is not None and scene.menu.buttons == []
        assert scene.intro() == app.tr("Writing the sheets… This takes a few seconds.")
        deadline = time.monotonic() + 120
        while scene.job is not None and time.monotonic() < deadline:
            scene.update(1 / 60)
            time.sleep(0.02)
        assert scene.job is None and not scene.problem
        assert jobs and jobs[0].ran_in_child  # the fonts' subsetting never ran in the game's process
        folder = tmp_path / "data" / "class-sheets"
        assert sorted(p.name for p in scene.written) == sorted(p.name for p in folder.iterdir())
        assert (folder / "answer-cards-th.html").exists() and (folder / "facilitator-dream-job-th.html").exists()
        assert str(folder) in scene.intro() and scene.menu.buttons
    finally:
        i18n.set_language("en")


WRITE_ON_A_FULL_DISK = """
import sys
sys.path.insert(0, {root!r})
from pathlib import Path
from safepath import paths
from safepath.checks.loader import load_bank
from safepath.classroom import sheets
from safepath.story import loader
story = loader.load_scenario(paths.scenarios_dir() / "dream-job.yaml").scenario
forms = dict(load_bank(None, loader.load_catalogue()[0], loader.load_safe_signs()[0]).forms)
try:
    sheets.write_all([story], forms, "en", Path({disk!r}), None)
    print("written")
except OSError as exc:
    print("refused", exc.errno)
"""


def test_a_full_disk_keeps_the_sheets_printed_before_whole(tmp_path):
    """On a stick filled up (a real 256 KB tmpfs, in a mount namespace), writing the sheets again fails and says
    so; the sheet written before is still there whole, and no half sheet or temporary file is left behind."""
    from test_saves_real_disks import mounts_allowed

    if not mounts_allowed(tmp_path):
        pytest.skip("mount namespaces are not allowed here")
    disk, keep = tmp_path / "stick", tmp_path / "after"
    disk.mkdir()
    old_sheet = "<!doctype html><p>the sheet printed last week</p>\n"
    script = tmp_path / "write.py"
    script.write_text(WRITE_ON_A_FULL_DISK.format(root=str(paths.project_root()), disk=str(disk)), encoding="utf-8")
    setup = (f"mount -t tmpfs -o size=256k tmpfs {disk} && printf '%s' '{old_sheet}' > {disk}/facilitator-dream-job-en.html"
             f" && (dd if=/dev/zero of={disk}/filler bs=1k count=200 2>/dev/null; true)")
    out = subprocess.run(["unshare", "-m", "sh", "-c", f"{setup} && {sys.executable} {script}; s=$?; "
                          f"mkdir -p {keep} && cp -a {disk}/. {keep}/; exit $s"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["refused", "28"], out.stdout  # ENOSPC: the sheets do not fit in what is left
    assert (keep / "facilitator-dream-job-en.html").read_text(encoding="utf-8") == old_sheet
    assert sorted(p.name for p in keep.iterdir()) == ["facilitator-dream-job-en.html", "filler"]
