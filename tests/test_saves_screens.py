"""What the player sees when saving does not work (issue 18, items 4 and 5), through the real screens."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pygame
import pytest

from safepath import i18n
from safepath.app import make_app
from safepath.play import engine
from safepath.saves import savefile
from safepath.saves.storage import NOT_SAVING, Storage
from safepath.scenes.feedback import FeedbackOverlay
from safepath.scenes.pause import Dialog, PauseMenu
from safepath.scenes.profiles import NewProfileScene, ProfilePicker
from safepath.scenes.save_folder import SaveFolderScene
from safepath.scenes.story import StoryScene
from safepath.scenes.story_parts import ending_states

SIZE = (1280, 720)


def key(k: int, unicode: str = "") -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=unicode, scancode=0)


def click(app, pos) -> None:
    app.step(0.0, [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
                   pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])


def press(app, label: str) -> None:
    """Click the button of the top screen whose label is ``label`` (translated)."""
    app.draw()
    top = app.stack.top
    button = next(b for b in top.menu.buttons if b.label == label)
    click(app, button.rect.center)


class Disk:
    def __init__(self, monkeypatch, under: Path, code: int = errno.EROFS) -> None:
        self.broken = True
        real = savefile._replace_durably

        def replace(path, payload):
            if self.broken and Path(path).is_relative_to(under):
                raise OSError(code, os.strerror(code), str(path))
            return real(path, payload)

        monkeypatch.setattr(savefile, "_replace_durably", replace)


@pytest.fixture
def app(tmp_path):
    a = make_app(SIZE, "en", data_dir=tmp_path / "stick")
    yield a
    i18n.set_language("en")


def play_dream_job(app, choices: int) -> list:
    """Play ``choices`` steps of dream-job through the story screen; every dialog that opened on the way."""
    scenario = app.scenarios["dream-job"]
    target = max(ending_states(scenario).values(), key=lambda s: len(s.steps))
    app.settings.typewriter = "instant"
    app.start_scenario("dream-job", resume=False, checks=False)
    app.step(0.0, [key(pygame.K_RETURN)])
    scene = app.stack.top
    assert isinstance(scene, StoryScene)
    dialogs = []
    for step in target.steps[:choices]:
        for _ in range(2000):
            if app.stack.top is scene and scene.phase == "ready":
                break
            if isinstance(app.stack.top, Dialog):
                dialogs.append(app.stack.top)
                app.step(0.0, [key(pygame.K_ESCAPE)])
            app.step(1 / 30, [])
        positions = [c.index for c in scene.story.choices]
        app.step(0.0, [key(getattr(pygame, f"K_{(0 if step == engine.CONTINUE else positions.index(step)) + 1}"))])
        for _ in range(5):
            top = app.stack.top
            if isinstance(top, FeedbackOverlay):
                app.step(0.0, [key(pygame.K_RETURN)])
            elif isinstance(top, Dialog):
                dialogs.append(top)
                app.step(0.0, [key(pygame.K_ESCAPE)])
    return dialogs


def test_a_read_only_stick_is_told_once_then_a_calm_marker_shows(app, tmp_path, monkeypatch):
    profile = app.storage.create_profile("Mya", "cat")
    app.select_profile(profile)
    app.start()
    Disk(monkeypatch, tmp_path / "stick")
    dialogs = play_dream_job(app, 12)
    assert len(dialogs) == 1, f"{len(dialogs)} 'could not save' dialogs in one play"
    assert "could not save" in dialogs[0].message
    assert app.saving_problem() == NOT_SAVING
    app.draw()
    assert app._marker_rect is not None and app._marker_rect.right <= SIZE[0]
    app.step(0.0, [key(pygame.K_ESCAPE)])
    pause = app.stack.top
    assert isinstance(pause, PauseMenu)
    assert "not being saved" in pause.intro(), "the pause menu never says 'saved' when it is not"
    assert any(b.label == "Choose another folder" for b in pause.menu.buttons)


def test_the_marker_explains_and_leads_to_another_folder_that_is_then_used(app, tmp_path, monkeypatch):
    profile = app.storage.create_profile("Mya", "cat")
    app.select_profile(profile)
    app.stack.push(app.show("picker"))
    disk = Disk(monkeypatch, tmp_path / "stick")
    app.storage.save_state(profile.id, "dream-job", {"version": 1, "steps": []})
    app.step(0.0, [])
    assert isinstance(app.stack.top, Dialog)
    app.step(0.0, [key(pygame.K_2)])  # "Keep playing"
    app.draw()
    click(app, app._marker_rect.center)
    explained = app.stack.top
    assert isinstance(explained, Dialog) and "cannot be written to" in explained.message
    press(app, "Choose another folder")
    chooser = app.stack.top
    assert isinstance(chooser, SaveFolderScene)
    documents = tmp_path / "home" / "Documents"
    (documents / "Class 10B").mkdir(parents=True)
    assert chooser.within == tmp_path / "stick", "a test's chooser offers nothing outside the test's folder"
    chooser.home, chooser.within = tmp_path / "home", tmp_path
    chooser.relayout()
    press(app, "Documents")
    assert chooser.folder == documents
    press(app, "Class 10B")
    press(app, "Save here")
    moved = app.stack.top
    assert isinstance(moved, Dialog) and str(documents / "Class 10B" / "SafePath") in moved.message
    assert app.storage.root == documents / "Class 10B" / "SafePath"
    assert app.saving_problem() is None
    app.draw()
    assert app._marker_rect is None, "the marker goes once saving works"
    disk.broken = True  # the stick stays locked: it is no longer used
    app.storage.save_state(profile.id, "dream-job", {"version": 1, "steps": [0]})
    assert Storage(documents / "Class 10B" / "SafePath").scenario_progress(profile.id, "dream-job").state["steps"] == [0]


def test_a_folder_that_cannot_be_used_is_said_and_another_can_be_picked(app, tmp_path, monkeypatch):
    Disk(monkeypatch, tmp_path)  # everything under tmp_path refuses writes
    app.stack.push(SaveFolderScene(tmp_path, home=tmp_path))
    press(app, "Save here")
    chooser = app.stack.top
    assert isinstance(chooser, SaveFolderScene) and "cannot be used" in chooser.intro()
    assert app.storage.root == tmp_path / "stick"


def test_new_player_says_it_will_not_be_kept_when_the_players_file_is_newer(tmp_path):
    folder = tmp_path / "saves"
    savefile.write_json(folder / "profiles.json", "profiles", 99, {"profiles": []})
    app = make_app(SIZE, "en", data_dir=folder)
    app.start()
    while isinstance(app.stack.top, Dialog):  # the "made by a newer version" message
        app.step(0.0, [key(pygame.K_RETURN)])
    app.stack.push(ProfilePicker())
    press(app, "New player")
    new = app.stack.top
    assert isinstance(new, NewProfileScene)
    assert "not kept" in new._labels["not_kept"].text and "newer version" in new._labels["not_kept"].text
    labels = [b.label for b in new.menu.buttons]
    assert "Create" not in labels and "Play without saving" in labels and "Choose another folder" in labels
    app.step(0.0, [pygame.event.Event(pygame.TEXTINPUT, text="Mya")])
    press(app, "Play without saving")
    assert app.profile is not None and not app.storage.is_kept(app.profile.id)
    assert app.saving_problem() == NOT_SAVING
    assert "not being saved" in app.stack.top.intro(), "the story list does not promise the place is kept"
    app.stack.push(ProfilePicker())
    mine = next(b for b in app.stack.top.menu.buttons if b.label == "Mya")
    assert mine.detail == "This player is not kept when SafePath closes."


def test_new_player_is_plain_when_saving_works(app):
    app.stack.push(ProfilePicker())
    press(app, "New player")
    new = app.stack.top
    assert "not_kept" not in new._labels and [b.label for b in new.menu.buttons] == ["Create", "Back"]


@pytest.mark.parametrize("size", [(1280, 720), (800, 500), (320, 200), (60, 40), (1, 1)])
def test_the_marker_fits_or_stays_away(app, size, tmp_path, monkeypatch):
    Disk(monkeypatch, tmp_path / "stick")
    app.storage.create_profile("Mya", "cat")
    app.stack.push(app.show("title"))
    app.resized(size)
    app.surface = pygame.Surface(size)
    app.draw()
    rect = app._marker_rect
    assert rect is None or pygame.Rect((0, 0), size).contains(rect)


def test_places_are_the_usual_ones_and_saves_go_into_a_safepath_folder(tmp_path):
    from safepath.saves import places

    home = tmp_path / "home"
    for name in ("Documents", "Desktop", ".hidden", "Music"):
        (home / name).mkdir(parents=True)
    found = places.places(home)
    assert found[:3] == [home / "Documents", home / "Desktop", home]
    assert places.children(home) == [home / "Desktop", home / "Documents", home / "Music"], "hidden ones left out"
    assert places.target_for(home / "Documents") == home / "Documents" / "SafePath"
    used = tmp_path / "old-saves"
    Storage(used).create_profile("Mya", "cat")
    assert places.target_for(used) == used, "a folder that holds saves is used as it is"
    assert places.children(tmp_path / "missing") == []


@pytest.mark.parametrize("lang", ["en", "my"])
@pytest.mark.parametrize("size", [(1280, 720), (800, 500), (1920, 1080)])
def test_the_marker_never_covers_a_button(tmp_path, lang, size):
    from safepath.app import _button_rects
    from safepath.scenes.save_folder import _SavesRefused
    from safepath.scenes.story import screenshot_states as story_states

    app = make_app(size, lang, data_dir=tmp_path)
    stories = dict(story_states(app))
    stacks = {name: stories[name] for name in ("story-chat", "story-decision", "story-narration", "story-ending")}
    stacks.update({"picker": [app.show("picker")], "pause": [app.show("picker"), app.show("pause")],
                   "new-player": [ProfilePicker(), NewProfileScene()], "title": [app.show("title")]})
    for name, scenes in stacks.items():
        app.render_stack([_SavesRefused(), *scenes])
        marker = app._marker_rect
        assert marker is not None and pygame.Rect((0, 0), size).contains(marker), name
        covered = [r for r in _button_rects(app.stack.top) if r.colliderect(marker)]
        assert not covered, f"{name}: the marker covers a button at {covered[0]}"
    i18n.set_language("en")
