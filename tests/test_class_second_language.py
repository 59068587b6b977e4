"""A class session's second language (issue 14): chosen at setup, saved with the session, restored on resume,
drawn under the first on the projector screens; sessions saved before it read as one language."""

from __future__ import annotations

import importlib

import pygame
import pytest

from safepath import i18n
from safepath.app import make_app
from safepath.classroom.session import ClassSession
from safepath.classroom.store import SessionStore


@pytest.fixture(autouse=True)
def _reset_languages():
    yield
    i18n.set_language("en")
    i18n.set_second_language(None)


def test_the_second_language_is_kept_with_the_session_and_old_files_read_as_none():
    session = ClassSession.new("Grade 10 B, Mae Sot", ["dream-job"], "th", second_lang="my")
    assert session.second_lang == "my"
    again = ClassSession.from_dict(session.to_dict())
    assert again.second_lang == "my" and again.to_dict() == session.to_dict()
    old = session.to_dict()
    del old["second_lang"]  # a file written before there was a second language
    assert ClassSession.from_dict(old).second_lang is None
    for bad in ("th", "fr", 3, ""):  # the first language itself, no language, not a language
        assert ClassSession.from_dict(dict(old, second_lang=bad)).second_lang is None
    assert ClassSession.new("Grade 10 B", ["dream-job"], "my", second_lang="my").second_lang is None


def test_setup_chooses_it_and_resume_brings_it_back(tmp_path):
    app = make_app(data_dir=tmp_path, lang="th", size=(1280, 720))
    assert app.second_lang is None
    setup = app.show("class_setup")
    app.stack.push(setup)
    setup.input.text = "Grade 10 B, Mae Sot"
    setup.chosen = ["dream-job"]
    setup.relayout()
    row = next(b for b in setup.menu.buttons if b.label == i18n._("Second language"))
    assert row.detail == i18n._("Off"), "one language unless the trainer turns it on"
    row.action()  # off -> Burmese (never Thai under Thai)
    row = next(b for b in setup.menu.buttons if b.label == i18n._("Second language"))
    assert row.detail == "မြန်မာဘာသာ"
    setup.start()
    saved = SessionStore(app.storage).unfinished()
    assert [s.second_lang for s in saved] == ["my"]
    assert app.second_lang == "my", "the class screens show Burmese under Thai while the session runs"

    # the laptop's settings change between two periods; resuming the session restores the class's languages
    app.settings.second_language = None
    app.settings_changed()
    later = make_app(data_dir=tmp_path, lang="en", size=(1280, 720))
    from safepath.scenes.class_trainer import resume_session

    resume_session(later, SessionStore(later.storage).load(saved[0].id))
    assert (later.lang, later.second_lang) == ("th", "my")
    assert type(later.stack.top).__name__ in ("ClassCheck", "ClassStory")


def test_a_second_row_cycle_never_offers_the_first_language(tmp_path):
    app = make_app(data_dir=tmp_path, lang="my")
    setup = app.show("class_setup")
    app.stack.push(setup)
    seen = []
    for _ in range(3):
        setup.next_second_language()
        seen.append(setup.second_language())
    assert seen == ["th", "en", None]


def test_the_projector_story_draws_both_languages(tmp_path):
    """The story's lines are drawn as the two-language block: taller than the line alone, and still fitting."""
    from safepath.play import engine
    from safepath.scenes import class_story

    size = (1280, 720)
    app = make_app(data_dir=tmp_path, lang="th", size=size, second_lang="my")
    name, scenes = next((n, s) for n, s in class_story.screenshot_states(app) if n == "class-story")
    app.render_stack(scenes)
    scene = scenes[-1]
    canvas = scene.ensure_canvas(size)
    lines = {scene.tr(line.text) for line in engine.shown_lines(scene.scenario, scene.state)}
    drawn = [item for item in canvas.items if item.kind == "text" and item.text in lines]
    assert drawn, "the scene's lines are on the projector"
    for item in drawn:
        alone = canvas.render(item.text, item.rect.width, "heading")
        assert item.surface.get_height() > alone.get_height(), f"no Burmese under {item.text[:30]!r}"
    assert scene.fit_problems(size) == []


def test_the_class_knowledge_check_draws_both_languages(tmp_path):
    """The class check's question and each answer are two-language blocks (issue 14: the knowledge-check cards)."""
    from safepath.scenes import class_check

    size = (1280, 720)
    app = make_app(data_dir=tmp_path, lang="th", size=size, second_lang="my")
    name, scenes = class_check.screenshot_states(app)[0]
    app.render_stack(scenes)
    scene = scenes[-1]
    canvas = scene.ensure_canvas(size)
    answers = [item for item in canvas.items if item.kind == "text" and item.what.startswith("answer ")
               and not item.what.startswith("answer number")]
    assert answers, "the answers are on the projector"
    for item in answers:
        alone = canvas.render(item.text, item.rect.width, "body", bold=True)
        assert item.surface.get_height() > alone.get_height(), f"no Burmese under the answer {item.text[:30]!r}"
    question = i18n.get_translator("th").gettext("Is this offer a scam or real?")
    drawn = [item for item in canvas.items if item.kind == "text" and item.text == question]
    assert drawn and drawn[0].surface.get_height() > canvas.render(question, drawn[0].rect.width, "body",
                                                                   bold=True).get_height()
    assert scene.fit_problems(size) == []


PAIRS = [("th", "my"), ("my", "th"), ("en", "my"), ("en", "th")]
MODULES = ("class_check", "class_done", "class_ending", "class_pause", "class_setup", "class_story", "class_trainer")
CASES = [(size, pair, 0) for size in ((1024, 768), (1920, 1080)) for pair in PAIRS] + \
        [((1920, 1080), pair, 2) for pair in PAIRS] + [((1024, 768), ("my", "th"), 2)]


def _class_screen_problems(app) -> tuple[list[str], int]:
    problems, checked = [], 0
    for module_name in MODULES:
        module = importlib.import_module(f"safepath.scenes.{module_name}")
        for name, scenes in module.screenshot_states(app):
            surface = app.render_stack(scenes)
            problems += [f"{name}: {p}" for p in scenes[-1].fit_problems(surface.get_size())]
            checked += 1
    return problems, checked


@pytest.mark.parametrize("size,pair,step", CASES, ids=[f"{s[0]}x{s[1]}-{p[0]}+{p[1]}-t{t}" for s, p, t in CASES])
def test_class_screens_fit_with_a_second_language(tmp_path, size, pair, step):
    """No class screen overflows with a second language, at 1024x768 and 1920x1080 and the largest text size:
    where two languages fit no layout step, the screen is laid out in one language (never cut)."""
    app = make_app(size=size, lang=pair[0], second_lang=pair[1], text_size=step, data_dir=tmp_path)
    problems, checked = _class_screen_problems(app)
    assert checked >= 12
    assert problems == []


def test_f2_during_a_class_session_swaps_the_sessions_pair_too(tmp_path):
    """The trainer swaps the languages for the class with F2: a stop and a resume show the swapped pair."""
    app = make_app(data_dir=tmp_path, lang="th", size=(1280, 720))
    session = ClassSession.new("Grade 10 B", ["village-broker"], "th", checks=False, second_lang="my")
    SessionStore(app.storage).save(session)
    from safepath.scenes.class_trainer import resume_session

    resume_session(app, session)
    assert type(app.stack.top).__name__ == "ClassStory"
    app.step(0.0, [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F2, mod=0, unicode="", scancode=0)])
    assert (app.lang, app.second_lang) == ("my", "th")
    saved = SessionStore(app.storage).load(session.id)
    assert (saved.lang, saved.second_lang) == ("my", "th")
    later = make_app(data_dir=tmp_path, lang="en", size=(1280, 720))
    resume_session(later, SessionStore(later.storage).load(session.id))
    assert (later.lang, later.second_lang) == ("my", "th")
