"""Small things a player notices: the story clock, equal buttons, overlays, signs that grow with the text."""

from __future__ import annotations

import pygame
import pytest

from safepath.play import engine
from safepath import i18n
from safepath.app import make_app
from safepath.scenes.chat_view import NOTE
from safepath.scenes.feedback import icon_size
from safepath.scenes.story import StoryScene
from safepath.scenes.story_parts import first_states_by_kind
from safepath.ui.widgets import Button, badge_size
from safepath.ui.menu import Menu


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)


def test_story_clock_only_moves_forward_across_threads(tmp_path):
    """Jenny's thread on TikTok, then Fon's on LINE: Fon's first message is later than Jenny's last."""
    app = make_app((1280, 720), "en", data_dir=tmp_path)
    app.settings.typewriter = "instant"
    scenario = app.scenarios["dream-job"]
    state = engine.replay(scenario, [engine.CONTINUE, 0])  # "Open the TikTok job video"
    assert state.scene == "ad"
    scene = StoryScene(scenario, state=state, preview="ready")
    app.render_stack([scene])
    jenny_last = max(i.minute for i in scene.view.items if i.kind != NOTE)
    forward = [c.index for c in scene.story.choices if c.goto == "fon-chat"][0]
    scene.choose(forward)
    app.step(0.0, [key(pygame.K_RETURN)])  # close the feedback card
    assert scene.story.state.scene == "fon-chat"
    for _ in range(100):
        app.step(1 / 30, [])
    minutes = [i.minute for i in scene.view.items if i.kind != NOTE]
    assert minutes and min(minutes) > jenny_last
    assert minutes == sorted(minutes)


def test_language_buttons_are_equally_tall(tmp_path):
    from safepath.scenes.language import LanguagePicker

    for lang in ("my", "en"):
        app = make_app((1280, 720), lang, data_dir=tmp_path)
        picker = LanguagePicker()
        app.render_stack([picker])
        assert len({b.rect.height for b in picker.menu.buttons}) == 1


def test_uniform_menu_makes_buttons_equal_and_plain_menu_does_not(tmp_path):
    app = make_app((1280, 720), "en", data_dir=tmp_path)
    labels = [("Short", ""), ("With a detail", "a second line")]
    for uniform in (False, True):
        menu = Menu([Button(label, detail=detail) for label, detail in labels], uniform=uniform)
        menu.layout(app.theme, pygame.Rect(100, 100, 500, 500))
        heights = {b.rect.height for b in menu.buttons}
        assert (len(heights) == 1) is uniform


def test_settings_over_pause_hides_the_pause_panel(tmp_path):
    from safepath.scenes.pause import PauseMenu
    from safepath.scenes.settings import SettingsScene

    app = make_app((1280, 720), "en", data_dir=tmp_path)
    scenario = app.scenarios["dream-job"]
    state = first_states_by_kind(scenario)["chat"]
    with_pause = app.render_stack([StoryScene(scenario, state=state, preview="ready"), PauseMenu(), SettingsScene()]).copy()
    pause = app.stack.top and list(app.stack)[1]
    assert pause.covered()
    without = app.render_stack([StoryScene(scenario, state=state, preview="ready"), SettingsScene()]).copy()
    assert pygame.image.tobytes(with_pause, "RGB") == pygame.image.tobytes(without, "RGB")
    app.render_stack([StoryScene(scenario, state=state, preview="ready"), PauseMenu()])
    assert not list(app.stack)[1].covered()


def test_number_badges_and_status_signs_grow_with_the_text(tmp_path):
    small = make_app((1280, 720), "en", text_size=0, data_dir=tmp_path).theme
    large = make_app((1280, 720), "en", text_size=2, data_dir=tmp_path).theme
    assert badge_size(large) > badge_size(small)
    assert icon_size(large) > icon_size(small)
    # a button reserves the badge's room: its text starts further right at the larger size
    b = Button("Go", number=1)
    assert b._badge_room(large) > b._badge_room(small)


def test_scroll_bar_stays_inside_the_menu_viewport(tmp_path):
    """A menu against the window's right edge draws its scroll bar inside the window, not on the edge."""
    app = make_app((1280, 720), "en", data_dir=tmp_path)
    theme = app.theme
    menu = Menu([Button(f"Choice number {n}") for n in range(12)])
    viewport = pygame.Rect(1280 - 16 - 600, 100, 600, 300)  # like the story's choices panel
    menu.layout(theme, viewport)
    assert menu.max_scroll > 0
    assert all(b.rect.right <= viewport.right - Menu.scrollbar_room(theme) for b in menu.buttons)
    surface = pygame.Surface((1280, 720))
    surface.fill((0, 0, 0))
    menu.draw(surface, theme)
    bar = [x for x in range(1280) if surface.get_at((x, 105))[:3] == theme.palette.accent[:3]]
    assert bar and viewport.right - theme.px(12) <= min(bar) and max(bar) < viewport.right, bar
    assert all(surface.get_at((x, 250))[:3] == (0, 0, 0) for x in range(viewport.right, 1280))


def test_narration_never_starts_with_a_line_cut_through_its_top(tmp_path):
    from safepath.ui import textrender

    app = make_app((1280, 720), "my", data_dir=tmp_path)
    scenario = app.scenarios["dream-job"]
    scene = StoryScene(scenario, state=engine.start(scenario), preview="ready")
    app.render_stack([scene])
    seen = []
    real_draw = scene.view.draw
    scene.view.draw = lambda surface, theme, viewport, lang: (seen.append(viewport), real_draw(surface, theme, viewport, lang))
    app.draw()
    view, theme = scene.view, app.theme
    inner = seen[-1]  # the part of the card under the scene's title
    total = view.content_height + view.typing_height(theme) + theme.px(12)
    if total <= inner.height:
        pytest.skip("the first narration fits its card at this size")
    tops = []
    for item in view.items:
        lines = textrender.laid_out(item.text, view.width, theme.text_px("body"), False, "my")
        tops += [item.rect.y + line.y for line in lines]
    hidden = total - inner.height  # what a bottom-aligned view would hide above the card
    snapped = view._snapped(hidden, theme, "my")
    assert snapped in tops and snapped >= hidden
    assert hidden not in tops, "this state would cut a line (else the test proves nothing)"


def test_waiting_card_fills_the_empty_choices_area_while_messages_arrive(tmp_path):
    app = make_app((1280, 720), "my", text_size=2, data_dir=tmp_path)
    scenario = app.scenarios["dream-job"]
    scene = StoryScene(scenario, state=first_states_by_kind(scenario)["chat"], preview="typing")
    app.render_stack([scene])
    assert scene.phase == "typing" and scene._shows_waiting_card()
    card = scene.waiting.rect
    assert card is not None and scene.layout.panel.contains(card)
    assert scene.fit_problems((1280, 720)) == []
    ready = StoryScene(scenario, state=first_states_by_kind(scenario)["chat"], preview="ready")
    app.render_stack([ready])
    assert not ready._shows_waiting_card() and ready.menu is not None
