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
