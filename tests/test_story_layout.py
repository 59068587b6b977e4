"""Every choice is on screen without scrolling: at 1280×720 (and 1366×768, 1920×1080), large text, any language.

Uses the real scenes and fonts: every scene of dream-job that offers choices is
reached with every set of choices it can show (conditions hide some), rendered
with its choices, and each choice button must lie fully inside the window and
inside the menu's viewport, with nothing to scroll.
"""

from __future__ import annotations

from collections import deque

import pytest

from safepath.play import engine
from safepath import i18n
from safepath.app import make_app
from safepath.scenes.story import StoryScene


def states_with_choices(scenario) -> dict[tuple[str, tuple[int, ...]], engine.State]:
    """One state per (scene, set of choices shown), found breadth-first."""
    start = engine.start(scenario)
    queue, seen, found = deque([start]), set(), {}
    while queue:
        state = queue.popleft()
        if engine.is_ended(scenario, state):
            continue
        shown = tuple(c.index for c in engine.available_choices(scenario, state))
        if (state.scene, shown) in seen:
            continue
        seen.add((state.scene, shown))
        if shown:
            found[(state.scene, shown)] = state
        queue.extend(engine.choose(scenario, state, i) for i in shown)
        if engine.can_continue(scenario, state):
            queue.append(engine.advance(scenario, state))
    return found


def hidden_choices(app, scenario, size) -> list[str]:
    problems = []
    w, h = size
    for (scene_id, shown), state in states_with_choices(scenario).items():
        if scenario.scenes[scene_id].drill is not None:
            continue  # a drill's outcomes are not buttons: the drill screen has its own fit tests
        scene = StoryScene(scenario, state=state, preview="ready")
        app.render_stack([scene])
        menu = scene.menu
        assert menu is not None and len(menu.buttons) == len(shown)
        if menu.max_scroll:
            problems.append(f"{scene_id} {shown}: the choices need scrolling ({menu.content_height} > {menu.viewport.height} px)")
        for n, b in enumerate(menu.buttons, 1):
            if not (0 <= b.rect.left and b.rect.right <= w and 0 <= b.rect.top and b.rect.bottom <= h):
                problems.append(f"{scene_id} {shown}: choice {n} {b.rect} is outside the {w}x{h} window")
            elif not menu.viewport.contains(b.rect):
                problems.append(f"{scene_id} {shown}: choice {n} {b.rect} is cut by its viewport {menu.viewport}")
            elif scene.topbar.skip.rect.colliderect(b.rect) or (scene.layout.stage.colliderect(b.rect)):
                problems.append(f"{scene_id} {shown}: choice {n} overlaps the top bar or the story")
    return problems


CASES = [((1280, 720), lang, 2) for lang in ("my", "th", "en")] + [((1280, 720), "my", 1)] + \
        [(size, "my", 2) for size in ((1366, 768), (1920, 1080))]


@pytest.mark.parametrize("size,lang,step", CASES, ids=[f"{s[0]}x{s[1]}-{lang}-t{step}" for s, lang, step in CASES])
def test_every_choice_of_dream_job_is_visible_without_scrolling(tmp_path, size, lang, step):
    app = make_app(size, lang, text_size=step, data_dir=tmp_path)
    scenario = app.scenarios["dream-job"]
    try:
        assert len(states_with_choices(scenario)) >= 8
        assert hidden_choices(app, scenario, size) == []
    finally:
        i18n.set_language("en")


def test_the_check_sees_choices_that_do_not_fit(tmp_path, monkeypatch):
    """Without the roomier fits, Burmese at the largest text size does not fit: the check must say so."""
    from safepath.scenes import story_screen

    monkeypatch.setattr(story_screen, "FITS", story_screen.FITS[:1])
    app = make_app((1280, 720), "my", text_size=2, data_dir=tmp_path)
    try:
        assert hidden_choices(app, app.scenarios["dream-job"], (1280, 720))
    finally:
        i18n.set_language("en")


MENU_SCREENS = ("picker", "content-note", "content-note-resume", "pause", "settings", "profiles", "dialog-restored")


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_menus_show_every_button_without_scrolling(tmp_path, size):
    """Story cards, Settings and Change player, the content note's buttons, pause and settings rows: all on screen."""
    from safepath.scenes.screenshots import collect_states

    problems = []
    try:
        for lang in ("my", "th", "en"):
            for step in (0, 1, 2):
                app = make_app(size, lang, text_size=step, data_dir=tmp_path)
                for name, scenes in collect_states(app):
                    if name not in MENU_SCREENS:
                        continue
                    app.render_stack(scenes)
                    menu = scenes[-1].menu
                    if menu.max_scroll:
                        problems.append(f"{lang} t{step} {name}: {menu.content_height} px of buttons in {menu.viewport.height} px")
                    for b in menu.buttons:
                        if b.rect.bottom > size[1] or b.rect.top < 0:
                            problems.append(f"{lang} t{step} {name}: button {b.label[:20]!r} is off the screen")
    finally:
        i18n.set_language("en")
    assert problems == []


def test_picker_shortens_the_content_note_only_when_it_must(tmp_path):
    """Roomy: the whole note on the card. Burmese at the largest text: a preview, and the whole note on the next screen."""
    from safepath.scenes.picker import ScenarioCard, ScenarioPicker

    try:
        app = make_app((1920, 1080), "en", data_dir=tmp_path)
        app.profile = app.storage.create_profile("Mya", "flower")
        app._ensure_scenarios()  # two stories: room for every card whole (a library gets pages, see test_picker_library)
        app._scenarios = {sid: app._scenarios[sid] for sid in ("dream-job", "friend-referral")}
        picker = ScenarioPicker()
        app.render_stack([picker])
        cards = [b for b in picker.menu.buttons if isinstance(b, ScenarioCard)]
        assert cards and all(c.note_lines is None and c.summary_lines is None for c in cards)
        app = make_app((1280, 720), "my", text_size=2, data_dir=tmp_path)
        app.profile = app.storage.profiles()[0]
        picker = ScenarioPicker()
        app.render_stack([picker])
        cards = [b for b in picker.menu.buttons if isinstance(b, ScenarioCard)]
        assert all(c.note_lines is not None for c in cards) and not picker.menu.max_scroll
    finally:
        i18n.set_language("en")
