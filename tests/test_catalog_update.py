"""`safepath i18n update` / `status` on a copy of the project: new, changed and removed English strings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from safepath.i18n.status import collect_status
from safepath.i18n.tools import fill_english, update_catalogs

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = "content/scenarios/dream-job.yaml"


@pytest.fixture
def project(tmp_path, monkeypatch):
    dest = tmp_path / "proj"
    for name in ("babel.cfg",):
        (dest).mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(ROOT / "content", dest / "content")
    shutil.copytree(ROOT / "locales", dest / "locales")
    # Only a small piece of the interface, so the test stays fast; the content is the real one.
    (dest / "safepath").mkdir()
    (dest / "safepath" / "menu.py").write_text(
        "from safepath.i18n import _, ngettext\n\n"
        "def labels(n):\n"
        "    # TRANSLATORS: the big button on the title screen\n"
        "    return [_('Play'), _('Quit'), ngettext('{count} minute', '{count} minutes', n), _('Brand new button')]\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("SAFEPATH_ROOT", str(dest))
    monkeypatch.setenv("SAFEPATH_CACHE_DIR", "")
    return dest


def read(path: Path):
    with open(path, "rb") as fh:
        return read_po(fh)


def test_update_merges_new_changed_and_removed_strings(project):
    scenario = project / SCENARIO
    text = scenario.read_text(encoding="utf-8")
    assert "This is Ploy. She is 19." in text
    scenario.write_text(text.replace("This is Ploy. She is 19.", "This is Ploy. She is nineteen."), encoding="utf-8")

    update_catalogs(project)

    th = read(project / "locales" / "th" / "LC_MESSAGES" / "content.po")
    changed = th.get("This is Ploy. She is nineteen.", "dream-job/start/line/0")
    assert changed is not None and changed.fuzzy  # kept the old Thai as a suggestion, not used
    assert any("DRAFT" in c for c in th.get("The dream job", "dream-job/title").user_comments)

    en = read(project / "locales" / "en" / "LC_MESSAGES" / "content.po")
    fresh = en.get("This is Ploy. She is nineteen.", "dream-job/start/line/0")
    assert fresh.string == "This is Ploy. She is nineteen." and not fresh.fuzzy

    ui_th = read(project / "locales" / "th" / "LC_MESSAGES" / "safepath.po")
    assert ui_th.get("Play").string  # kept
    assert ui_th.get("Brand new button").string == ""  # new: to translate
    assert ui_th.get("Settings") is None  # no longer in the source: moved to obsolete
    assert any(m.id == "Settings" for m in ui_th.obsolete.values())
    assert "the big button on the title screen" in " ".join(ui_th.get("Play").auto_comments)

    report = collect_status(project, languages=("th", "my", "en"))
    th_content = next(c for c in report.catalogs if c.lang == "th" and c.domain == "content")
    assert [e.context for e in th_content.fuzzy] == ["dream-job/start/line/0"]
    assert th_content.fuzzy[0].location.startswith(SCENARIO + ":")
    th_ui = next(c for c in report.catalogs if c.lang == "th" and c.domain == "safepath")
    assert [e.msgid for e in th_ui.missing] == ["Brand new button"]
    assert th_ui.obsolete > 0
    en_all = [c for c in report.catalogs if c.lang == "en"]
    assert all(c.complete for c in en_all)
    failures = report.failures()
    assert any(f.startswith("th/content") for f in failures)
    assert not any(f.startswith("en/") for f in failures)


def test_status_sees_new_strings_before_anyone_extracts(project):
    scenario = project / SCENARIO
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("This is Ploy. She is 19.", "This is Ploy. She is 20."), encoding="utf-8")
    report = collect_status(project, languages=("my",))
    my_content = next(c for c in report.catalogs if c.domain == "content")
    assert [e.msgid for e in my_content.missing] == ["This is Ploy. She is 20."]
    per_file = report.files[SCENARIO]
    assert per_file.percent("my") < 100.0
    assert report.files["content/red_flags.yaml"].percent("my") == 100.0


def test_fill_english_copies_source_and_clears_fuzzy():
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="en")
    catalog.add("Hello", "Old hello", flags=["fuzzy"])
    catalog.add(("{n} star", "{n} stars"), ("", ""))
    assert fill_english(catalog) == 2
    assert catalog.get("Hello").string == "Hello" and not catalog.get("Hello").fuzzy
    assert catalog.get("{n} star").string == ("{n} star", "{n} stars")
    assert fill_english(catalog) == 0


def _catalog_entries(path: Path) -> dict[tuple[str, str], object]:
    return {(m.context or "", m.id): m for m in read(path) if m.id}


def test_inserting_a_line_keeps_the_translations_of_the_lines_below_it(project):
    """The audit's case: one line added at the top of scene `ad` must not make its seven lines stale."""
    th_po = project / "locales" / "th" / "LC_MESSAGES" / "content.po"
    before = {c: m.string for (c, _i), m in _catalog_entries(th_po).items() if c.startswith("dream-job/ad/line/")}
    assert len(before) == 7 and all(before.values())
    scenario = project / SCENARIO
    text = scenario.read_text(encoding="utf-8")
    first = "      - A job video appears on her screen.\n"
    assert text.count(first) == 1
    scenario.write_text(text.replace(first, "      - Her phone buzzes.\n" + first), encoding="utf-8")

    update_catalogs(project, domains=("content",))

    after = _catalog_entries(th_po)
    ad = {c: m for (c, _i), m in after.items() if c.startswith("dream-job/ad/line/")}
    assert ad["dream-job/ad/line/0"].string == "" and not ad["dream-job/ad/line/0"].fuzzy  # the new line
    for n in range(6):  # each old line is one place further down, still translated, not fuzzy
        moved = ad[f"dream-job/ad/line/{n + 1}"]
        assert moved.string == before[f"dream-job/ad/line/{n}"] and not moved.fuzzy, n
        assert any("DRAFT" in c for c in moved.user_comments)  # the translator's comments moved too
    report = collect_status(project, languages=("th",))
    th_content = next(c for c in report.catalogs if c.domain == "content")
    assert th_content.fuzzy == [] and [e.context for e in th_content.missing] == ["dream-job/ad/line/0"]


def test_plain_babel_update_would_have_made_them_stale(project):
    """Why `safepath i18n update` merges itself: Babel's own update marks the six moved lines fuzzy."""
    from babel.messages.catalog import Catalog  # noqa: F401  (Babel's update is what pybabel runs)

    from safepath.i18n.tools import build_template

    scenario = project / SCENARIO
    text = scenario.read_text(encoding="utf-8")
    first = "      - A job video appears on her screen.\n"
    scenario.write_text(text.replace(first, "      - Her phone buzzes.\n" + first), encoding="utf-8")
    catalog = read(project / "locales" / "th" / "LC_MESSAGES" / "content.po")
    catalog.update(build_template("content", project))
    stale = [m.context for m in catalog if m.id and m.fuzzy and (m.context or "").startswith("dream-job/ad/line/")]
    assert len(stale) >= 5


def test_giving_a_line_an_id_keeps_its_translation(project):
    th_po = project / "locales" / "th" / "LC_MESSAGES" / "content.po"
    old = _catalog_entries(th_po)[("dream-job/ad/line/2", "Pay: {baht:45000} a month. No experience needed.")]
    scenario = project / SCENARIO
    text = scenario.read_text(encoding="utf-8")
    line = '      - jenny: "Pay: {baht:45000} a month. No experience needed."\n'
    assert line in text
    scenario.write_text(text.replace(line, '      - {jenny: "Pay: {baht:45000} a month. No experience needed.", id: pay}\n'),
                        encoding="utf-8")
    update_catalogs(project, domains=("content",))
    entries = _catalog_entries(th_po)
    kept = entries[("dream-job/ad/line/pay", "Pay: {baht:45000} a month. No experience needed.")]
    assert kept.string == old.string and not kept.fuzzy
    assert ("dream-job/ad/line/2", "Pay: {baht:45000} a month. No experience needed.") not in entries
    # and from now on, a line inserted above it leaves the context alone
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("      - A job video appears on her screen.\n",
                                     "      - Her phone buzzes.\n      - A job video appears on her screen.\n"),
                        encoding="utf-8")
    update_catalogs(project, domains=("content",))
    assert _catalog_entries(th_po)[("dream-job/ad/line/pay", old.id)].string == old.string


def test_a_new_story_gets_no_guesses_from_other_stories(project):
    """Fuzzy guesses stay inside one scenario: a new story is all "missing", never "stale"."""
    new = project / "content" / "scenarios" / "second-chance.yaml"
    shutil.copy2(ROOT / "tests" / "data" / "scenarios" / "second-chance.yaml", new)
    update_catalogs(project, domains=("content",))
    th = read(project / "locales" / "th" / "LC_MESSAGES" / "content.po")
    mine = [m for m in th if m.id and (m.context or "").startswith("second-chance/")]
    assert len(mine) > 10
    assert [m.context for m in mine if m.fuzzy or m.string] == []
    report = collect_status(project, languages=("th",))
    th_content = next(c for c in report.catalogs if c.domain == "content")
    assert not any(e.context.startswith("second-chance/") for e in th_content.fuzzy)


def test_stale_entries_are_reported_at_their_line_in_the_po_file(project):
    scenario = project / SCENARIO
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("This is Ploy. She is 19.", "This is Ploy. She is nineteen."), encoding="utf-8")
    update_catalogs(project, domains=("content",))
    po = project / "locales" / "th" / "LC_MESSAGES" / "content.po"
    report = collect_status(project, languages=("th",))
    [stale] = [d for d in report.diagnostics if d.code == "SP076" and d.file.endswith("th/LC_MESSAGES/content.po")]
    lines = po.read_text(encoding="utf-8").splitlines()
    assert stale.line > 0
    entry = "\n".join(lines[stale.line - 1:stale.line + 3])
    assert "dream-job/start/line/0" in entry or "This is Ploy. She is nineteen." in entry, entry
    assert "changed since" not in stale.message  # it may be a guess, not a changed text


def test_a_changed_english_text_stays_fuzzy_and_keeps_its_previous_english(project):
    scenario = project / SCENARIO
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("This is Ploy. She is 19.", "This is Ploy. She is nineteen."), encoding="utf-8")
    update_catalogs(project, domains=("content",))
    po = project / "locales" / "th" / "LC_MESSAGES" / "content.po"
    assert '#| msgid "This is Ploy. She is 19."' in po.read_text(encoding="utf-8")  # Poedit shows the change
    report = collect_status(project, languages=("th",))
    [stale] = [d for d in report.diagnostics if d.code == "SP076"]
    assert "'This is Ploy. She is 19.'" in stale.message and "another English text" in stale.message


def test_previous_english_is_written_once_however_often_update_runs(project):
    scenario = project / SCENARIO
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("This is Ploy. She is 19.", "This is Ploy. She is nineteen."), encoding="utf-8")
    po = project / "locales" / "th" / "LC_MESSAGES" / "content.po"
    update_catalogs(project, domains=("content",))
    first = po.read_text(encoding="utf-8")
    update_catalogs(project, domains=("content",))
    update_catalogs(project, domains=("content",))
    again = po.read_text(encoding="utf-8")
    assert again.count('#| msgid "This is Ploy. She is 19."') == 1
    assert "# | msgid" not in again  # Babel alone would turn it into a translator comment, more each time
    assert again == first
