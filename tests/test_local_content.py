"""An NGO's own stories, helplines and translations next to the game, in ``local/`` (issue 15).

They are read on every start without rebuilding anything; a broken one is named on
the scenario picker (file and line) and by ``--selftest``, and never stops the game.
``SAFEPATH_APP_DIR`` stands in for "the folder of the bundle's program" here; the same
is done with the real bundle in ``tests/test_bundle_built.py``.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from safepath import i18n, paths
from safepath.app import make_app
from safepath.i18n.local import local_table
from safepath.packaging import selftest
from safepath.packaging.local_content import file_problems

EXTRA_ID = "ngo-extra-job"
BROKEN_STORY = "schema_version: 1\nid: broken-story\ntitle: [an unclosed list\n"
LOCAL_HELPLINE = """\
schema_version: 1
helplines:
  - id: ngo-local
    kind: local
    number: "055 000 000"
    name: Our youth centre
    purpose: Talk to us about any job offer.
    country: TH
    languages: [my, th]
    confidence: local
    verified_on: 2026-11-01
"""
THAI_OVERRIDE = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

msgid "Settings"
msgstr "ตั้งค่าเกม"
'''


def add_local_stories(app_dir: Path) -> Path:
    """A good extra story (dream-job under its own id) and a broken one, dropped into local/content/scenarios/."""
    folder = app_dir / "local" / "content" / "scenarios"
    folder.mkdir(parents=True, exist_ok=True)
    text = (paths.scenarios_dir() / "dream-job.yaml").read_text(encoding="utf-8")
    assert "\nid: dream-job\n" in text
    (folder / f"{EXTRA_ID}.yaml").write_text(text.replace("\nid: dream-job\n", f"\nid: {EXTRA_ID}\n"), encoding="utf-8")
    (folder / "broken-story.yaml").write_text(BROKEN_STORY, encoding="utf-8")
    return folder


@pytest.fixture
def app_dir(tmp_path, monkeypatch):
    folder = tmp_path / "SafePath"
    folder.mkdir()
    monkeypatch.setenv("SAFEPATH_APP_DIR", str(folder))
    monkeypatch.setenv("SAFEPATH_CACHE_DIR", "")
    i18n.reset()
    yield folder
    i18n.reset()


def test_an_extra_story_folder_is_picked_up_and_a_broken_story_does_not_stop_the_game(app_dir, tmp_path):
    add_local_stories(app_dir)
    app = make_app(data_dir=tmp_path / "data", lang="en")
    assert EXTRA_ID in app.scenarios and "dream-job" in app.scenarios and "friend-referral" in app.scenarios
    assert len(app.load_problems) == 1 and app.load_problems[0].startswith("broken-story.yaml:4")
    app.select_profile(app.storage.create_profile("Mya", "cat"))
    picker = app.show("picker")
    app.render_stack([picker])
    labels = [(b.label, getattr(b, "detail", "")) for b in picker.menu.buttons]
    assert any(detail.startswith("broken-story.yaml:4") for label, detail in labels if label == "This story could not be opened")
    app.start_scenario(EXTRA_ID, resume=False, checks=False)  # the NGO's story opens like the bundled ones
    app.step(0.0, [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="", scancode=0)])
    assert getattr(app.stack.top, "scenario", None) is app.scenarios[EXTRA_ID]


def test_a_content_folder_given_on_the_command_line_leaves_local_stories_out(app_dir, tmp_path):
    add_local_stories(app_dir)
    app = make_app(data_dir=tmp_path / "data", content_dir=paths.scenarios_dir())
    assert EXTRA_ID not in app.scenarios and not app.load_problems and app.local_problems == []


def test_local_helplines_are_used_and_a_broken_file_is_named_on_the_picker(app_dir, tmp_path):
    from safepath.scenes.ending import helplines_for

    content = app_dir / "local" / "content"
    content.mkdir(parents=True)
    (content / "helplines.yaml").write_text(LOCAL_HELPLINE, encoding="utf-8")
    app = make_app(data_dir=tmp_path / "data")
    assert app.local_problems == []
    assert helplines_for(app, "th")[0].number == "055 000 000"

    (content / "helplines.yaml").write_text(LOCAL_HELPLINE.replace("kind: local", "kind: telepathy"), encoding="utf-8")
    app = make_app(data_dir=tmp_path / "data")
    assert len(app.local_problems) == 1 and app.local_problems[0].startswith("local/content/helplines.yaml:4: `kind`")
    app.select_profile(app.storage.create_profile("Mya", "cat"))
    picker = app.show("picker")
    app.render_stack([picker])
    assert any(b.label == "This added file could not be used" and "helplines.yaml" in b.detail for b in picker.menu.buttons)


def test_a_local_translation_wins_and_its_bad_entries_are_left_out(app_dir):
    folder = app_dir / "local" / "locales"
    (folder / "th" / "LC_MESSAGES").mkdir(parents=True)
    (folder / "th" / "LC_MESSAGES" / "safepath.po").write_text(THAI_OVERRIDE, encoding="utf-8")
    from safepath.i18n.local import install

    install()  # the app does it when it starts
    th = i18n.get_translator("th")
    assert th.gettext("Settings") == "ตั้งค่าเกม"
    assert th.gettext("Change player") != "Change player", "what the local file leaves out comes from the bundle"
    assert file_problems() == []

    zawgyi = "\u1031\u101e\u102c\u1000\u1039"  # Zawgyi spelling: the vowel sign typed before its consonant
    my_po = folder / "my" / "LC_MESSAGES" / "safepath.po"
    my_po.parent.mkdir(parents=True)
    my_po.write_text(THAI_OVERRIDE.replace("ตั้งค่าเกม", "\u1001\u103b\u102d\u1014\u103a\u100a\u103e\u102d\u1015\u102b")
                     + f'\nmsgid "Change player"\nmsgstr "{zawgyi}"\n'
                     + '\nmsgid "Playing as {name}. You can stop at any time; your place is kept."\nmsgstr "{nom}"\n',
                     encoding="utf-8")
    table, problems = local_table("my", "safepath")
    assert table.lookup(None, "Settings") and table.lookup(None, "Change player") is None
    assert any("Zawgyi" in p for p in problems) and any("placeholders" in p for p in problems)

    (folder / "th" / "LC_MESSAGES" / "content.po").write_text('msgid "Play"\nmsgstr "unterminated\n', encoding="utf-8")
    table, problems = local_table("th", "content")
    assert table is None and len(problems) == 1 and "content.po:2" in problems[0] and "not used" in problems[0]


def test_the_selftest_names_a_broken_local_story(app_dir, tmp_path):
    add_local_stories(app_dir)
    with pytest.raises(selftest.SelfTestFailure, match="broken-story.yaml:4"):
        selftest.check_local(selftest.Context(tmp_path))
    (app_dir / "local" / "content" / "scenarios" / "broken-story.yaml").unlink()
    add_good_local_files(app_dir)
    detail = selftest.check_local(selftest.Context(tmp_path))
    assert detail.startswith("1 local story loaded") and "; 1 local translation file used;" in detail


def add_good_local_files(app_dir: Path) -> None:
    """A Thai interface translation and the NGO's helpline, both fine."""
    po = app_dir / "local" / "locales" / "th" / "LC_MESSAGES" / "safepath.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    po.write_text(THAI_OVERRIDE, encoding="utf-8")
    (app_dir / "local" / "content").mkdir(parents=True, exist_ok=True)
    (app_dir / "local" / "content" / "helplines.yaml").write_text(LOCAL_HELPLINE, encoding="utf-8")
