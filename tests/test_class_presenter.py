"""The presenter view: what it shows, as an overlay (one mirrored display) and as a second window."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pygame
import pytest

from safepath import i18n
from safepath.app import make_app
from safepath.classroom import presenter
from safepath.classroom.session import ClassSession
from safepath.play import engine


def _story(app, **kwargs):
    session = ClassSession.new("Grade 9 A", ["dream-job"], "en")
    scene = app.show("class_story", session=session, **kwargs)
    app.render_stack([scene])
    key = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="", scancode=0)
    app.step(0.0, [key])  # to the two offers: a decision
    return scene


def texts_of(scene):
    return " ".join(i.text for i in scene.canvas.items if i.kind == "text")


def test_choice_infos_say_where_each_choice_leads():
    app = make_app(lang="en")
    scenario = app.scenarios["dream-job"]
    state = engine.advance(scenario, engine.start(scenario))  # the two offers
    state = engine.choose(scenario, state, 0)  # the job ad: a decision with red flags on its choices
    infos = presenter.choice_infos(scenario, state)
    assert [i.number for i in infos] == list(range(1, len(engine.available_choices(scenario, state)) + 1))
    assert all(i.endings for i in infos)  # every choice still leads somewhere
    assert any(i.misses for i in infos) and any(i.spots for i in infos)  # the red flags of each choice
    ends = {e.id for i in infos for e in i.endings}
    assert ends <= {s.id for s in scenario.scenes.values() if s.is_ending}


def test_the_overlay_shows_notes_only_when_asked(tmp_path, monkeypatch):
    monkeypatch.delenv("SAFEPATH_PRESENTER", raising=False)
    app = make_app(data_dir=tmp_path, lang="en", size=(1024, 768))
    scene = _story(app)
    scenario = scene.scenario
    note = i18n.current().text(scenario.scenes["two-messages"].notes)[:40]
    app.draw()
    assert scene._window is None and not scene.presenter
    assert scene.fit_problems() == []
    assert note not in texts_of(scene)  # nothing for the trainer's eyes only on the projector
    app.step(0.0, [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_n, mod=0, unicode="", scancode=0)])
    app.draw()
    assert scene.presenter and note in texts_of(scene)
    assert "leads to:" in texts_of(scene) and "minutes" in texts_of(scene)
    assert scene.fit_problems() == []
    app.step(0.0, [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="", scancode=0)])
    assert not scene.presenter and type(app.stack.top).__name__ == "ClassStory"  # Esc hid the notes, did not stop
    assert note  # the scene has notes to show


def test_a_second_window_holds_the_presenter_view(tmp_path, monkeypatch):
    """Headless (SDL's dummy driver also makes windows): forced with SAFEPATH_PRESENTER=window."""
    monkeypatch.setenv("SAFEPATH_PRESENTER", "window")
    app = make_app(data_dir=tmp_path, lang="th", size=(1024, 768))
    scene = _story(app)
    assert scene._window is not None
    app.stack.changed = True
    app.step(0.0, [])
    surface = scene._window.get_surface()
    colours = {surface.get_at((x, y))[:3] for x in range(0, surface.get_width(), 7) for y in range(0, surface.get_height(), 7)}
    assert len(colours) > 2  # text was drawn on the trainer's window
    app.step(0.0, [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_n, mod=0, unicode="", scancode=0)])
    assert not scene.presenter  # with the window, N does not cover the projector
    app.stack.clear_to(app.show("trainer"))
    assert scene._window is None  # closed with the story
    i18n.set_language("en")


XVFB = shutil.which("Xvfb")


@pytest.mark.skipif(XVFB is None, reason="Xvfb is not installed")
def test_the_presenter_window_under_xvfb(tmp_path):
    """A real X server: the story window and the trainer's window, each drawn; pictures kept in tmp_path."""
    display = f":{90 + os.getpid() % 50}"
    server = subprocess.Popen([XVFB, display, "-screen", "0", "2304x768x24"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.5)
        script = f"""
import os, pygame
from pathlib import Path
from safepath.app import App
from safepath.saves.storage import Storage
from safepath.classroom.session import ClassSession
pygame.display.init(); pygame.font.init()
app = App(Storage({str(tmp_path)!r}), size=(1024, 768), lang="my")
app.open_window()
session = ClassSession.new("Grade 9 A", ["dream-job"], "my")
scene = app.show("class_story", session=session)
app.stack.push(scene)
app.step(0.0, [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="", scancode=0)])
app.stack.changed = True
app.step(0.0, [])
assert scene._window is not None, "no presenter window"
pygame.image.save(scene._window.get_surface(), {str(tmp_path / 'presenter.png')!r})
pygame.image.save(app.surface, {str(tmp_path / 'projector.png')!r})
print("windows", len([scene._window]) + 1)
"""
        env = dict(os.environ, DISPLAY=display, SDL_VIDEODRIVER="x11", SAFEPATH_PRESENTER="window",
                   SDL_AUDIODRIVER="dummy")
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-3000:]
        assert "windows 2" in done.stdout
        assert (tmp_path / "presenter.png").stat().st_size > 10_000
    finally:
        server.terminate()
        server.wait(10)
