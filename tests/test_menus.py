"""Menus driven like a player would: keys, number keys, mouse; profiles, settings, pause, text fitting."""

from __future__ import annotations

import importlib

import pygame
import pytest

from safepath import i18n
from safepath.app import make_app
from safepath.scenes.base import Scene
from safepath.scenes.language import LanguagePicker
from safepath.scenes.pause import Dialog, PauseMenu
from safepath.scenes.picker import ScenarioCard, ScenarioPicker
from safepath.scenes.profiles import DeleteProfileScene, NewProfileScene, ProfilePicker
from safepath.scenes.settings import SettingsScene
from safepath.scenes.title import TitleScene
from safepath.saves.storage import Storage
from safepath.ui.widgets import Button
from safepath.ui.menu import Menu
from safepath.ui.text_input import TextInput


def key(k: int, mod: int = 0, unicode: str = "") -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0)


def typed(text: str) -> pygame.event.Event:
    return pygame.event.Event(pygame.TEXTINPUT, text=text)


def click(app, pos) -> None:
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        app.dispatch(pygame.event.Event(kind, pos=pos, button=1, touch=False))


@pytest.fixture
def app(tmp_path):
    a = make_app(data_dir=tmp_path, lang="en")
    yield a
    i18n.set_language("en")


# -- the menu widget ---------------------------------------------------------------------------------
def test_menu_keys_numbers_and_mouse(app):
    hits = []
    buttons = [Button("One", lambda: hits.append(1)), Button("Two", None, enabled=False), Button("Three", lambda: hits.append(3))]
    menu = Menu(buttons)
    menu.layout(app.theme, pygame.Rect(100, 100, 400, 500), "en")
    menu.handle_event(key(pygame.K_DOWN))
    assert menu.focus == 2, "disabled items are skipped"
    menu.handle_event(key(pygame.K_DOWN))
    assert menu.focus == 0, "focus wraps around"
    menu.handle_event(key(pygame.K_RETURN))
    menu.handle_event(key(pygame.K_3))
    assert not menu.handle_event(key(pygame.K_2)), "a disabled item cannot be picked by number"
    pos = buttons[2].rect.center
    menu.handle_event(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    assert menu.focus == 2
    menu.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    menu.handle_event(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    assert hits == [1, 3, 3]


def test_menu_drag_off_a_button_does_not_activate(app):
    hits = []
    buttons = [Button("One", lambda: hits.append(1)), Button("Two", lambda: hits.append(2))]
    menu = Menu(buttons)
    menu.layout(app.theme, pygame.Rect(0, 0, 400, 500), "en")
    menu.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=buttons[0].rect.center, button=1))
    menu.handle_event(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=buttons[1].rect.center, button=1))
    assert hits == []


def test_tall_menu_scrolls_to_keep_focus_visible(app):
    buttons = [Button(f"Item {i}", None) for i in range(20)]
    menu = Menu(buttons)
    menu.layout(app.theme, pygame.Rect(0, 0, 400, 300), "en")
    assert menu.max_scroll > 0
    for _ in range(15):
        menu.handle_event(key(pygame.K_DOWN))
    r = buttons[15].rect.move(0, -menu.scroll)
    assert menu.viewport.top <= r.top and r.bottom <= menu.viewport.bottom
    menu.handle_event(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=100, flipped=False))
    assert menu.scroll == 0


def test_text_input_typing_backspace_limit_submit():
    got = []
    box = TextInput(max_chars=5, on_submit=got.append)
    box.handle_event(typed("สวัส"))
    box.handle_event(typed("ดีครับ"))
    assert box.text == "สวัสด"
    box.handle_event(key(pygame.K_BACKSPACE))
    box.handle_event(key(pygame.K_RETURN))
    assert got == ["สวัส"]
    assert box.handle_event(key(pygame.K_1, unicode="1")), "number keys are swallowed while typing"


# -- screens -------------------------------------------------------------------------------------------
def test_first_run_language_picker_shows_languages_in_their_own_script(tmp_path):
    app = make_app(data_dir=tmp_path, lang="en")
    app.lang_forced = False
    app.first_run = True
    app.stack.push(TitleScene())
    app.dispatch(key(pygame.K_RETURN))  # Play
    picker = app.stack.top
    assert isinstance(picker, LanguagePicker)
    assert [b.label for b in picker.menu.buttons] == ["ภาษาไทย", "မြန်မာဘာသာ", "English"]
    app.dispatch(key(pygame.K_2))
    assert i18n.current_language() == "my" and app.settings.language == "my"
    second = app.stack.top
    assert isinstance(second, LanguagePicker) and second.step == "second", "a first run asks for a second language"
    app.dispatch(key(pygame.K_1))  # no second language
    assert isinstance(app.stack.top, ProfilePicker)
    assert Storage(tmp_path).load_global_settings().language == "my"
    i18n.set_language("en")


def test_first_run_second_language_question(tmp_path):
    """After the first language: "none" first and focused, the two others in their own script; a pick is saved
    like the Settings row (globally on a first run, so the first player gets it) and shows on the next screen."""
    app = make_app(data_dir=tmp_path, lang="en")
    app.lang_forced, app.first_run = False, True
    app.stack.push(TitleScene())
    app.dispatch(key(pygame.K_RETURN))  # Play
    app.dispatch(key(pygame.K_1))  # Thai
    second = app.stack.top
    assert isinstance(second, LanguagePicker) and second.step == "second"
    labels = [b.label for b in second.menu.buttons]
    assert labels[1:] == ["မြန်မာဘာသာ", "English"], "the languages other than Thai, each in its own script"
    assert labels[0] == i18n._("Only one language") and second.menu.focus == 0
    assert second.menu.buttons[1].lang == "my" and second.menu.buttons[1].detail == "Burmese (Myanmar)"
    assert not second.fit_problems()
    app.dispatch(key(pygame.K_2))  # Burmese under Thai
    assert app.settings.second_language == "my" and app.second_lang == "my"
    assert Storage(tmp_path).load_global_settings().second_language == "my"
    players = app.stack.top
    assert isinstance(players, ProfilePicker)
    assert i18n.second_language() == "my", "in use at once, not at the next start"
    title = TitleScene()
    app.stack.push(title)
    assert title.menu.buttons[0].second == i18n.get_translator("my").gettext("Play"), "menus show Burmese under Thai"
    app.settings.second_language = None
    i18n.set_second_language(None)
    i18n.set_language("en")


def test_second_language_question_only_on_a_first_run(tmp_path):
    """The title's Language button (not a first run) changes the language only; --second-lang answers it too."""
    app = make_app(data_dir=tmp_path, lang="en")
    app.lang_forced, app.first_run = False, False
    app.stack.push(TitleScene())
    app.stack.push(LanguagePicker(then="back"))
    app.dispatch(key(pygame.K_1))
    assert isinstance(app.stack.top, TitleScene)
    app.first_run, app.second_lang_forced = True, True
    app.stack.push(LanguagePicker(then="profiles"))
    app.dispatch(key(pygame.K_2))
    assert isinstance(app.stack.top, ProfilePicker), "--second-lang was given: no second question"
    i18n.set_language("en")


def test_create_profile_with_keyboard_then_reach_scenarios(app):
    app.stack.push(ProfilePicker())
    app.dispatch(key(pygame.K_1))  # "New player" is first when nobody plays yet
    scene = app.stack.top
    assert isinstance(scene, NewProfileScene)
    app.dispatch(key(pygame.K_RETURN))  # empty nickname
    assert scene.error and app.stack.top is scene and not app.storage.profiles()
    app.dispatch(typed("ကိုကို"))
    app.dispatch(key(pygame.K_TAB))
    app.dispatch(key(pygame.K_RIGHT))
    app.dispatch(key(pygame.K_RIGHT))
    app.dispatch(key(pygame.K_TAB))
    app.dispatch(key(pygame.K_RETURN))  # "Create"
    assert isinstance(app.stack.top, ScenarioPicker)
    [profile] = app.storage.profiles()
    assert profile.nickname == "ကိုကို" and profile.avatar == "fish"
    assert app.profile == profile


def test_nickname_clipped_to_twenty_letters(app):
    scene = NewProfileScene()
    app.stack.push(scene)
    app.dispatch(typed("ab" * 15))
    assert scene.input.text == "ab" * 10


def test_pick_avatar_with_mouse_and_create_with_mouse(app):
    scene = NewProfileScene()
    app.stack.push(scene)
    app.dispatch(typed("Nilar"))
    click(app, scene._avatar_rects[4].center)
    click(app, scene.menu.buttons[0].rect.center)
    assert app.storage.profiles()[0].avatar == "star"


def test_delete_profile_asks_first(app):
    a = app.storage.create_profile("Aye", "cat")
    app.storage.create_profile("Bo", "moon")
    app.stack.push(ProfilePicker())
    labels = [b.label for b in app.stack.top.menu.buttons]
    app.dispatch(key(pygame.K_1 + labels.index("Delete a player")))
    assert isinstance(app.stack.top, DeleteProfileScene)
    app.dispatch(key(pygame.K_1))  # Aye
    assert isinstance(app.stack.top, Dialog)
    app.dispatch(key(pygame.K_2))  # Keep
    assert [p.nickname for p in app.storage.profiles()] == ["Aye", "Bo"]
    app.dispatch(key(pygame.K_1))
    app.dispatch(key(pygame.K_1))  # Delete
    assert [p.nickname for p in app.storage.profiles()] == ["Bo"]
    assert isinstance(app.stack.top, ProfilePicker)
    assert "Aye" not in [b.label for b in app.stack.top.menu.buttons]
    assert app.storage.get_profile(a.id) is None


def test_settings_apply_immediately_and_are_saved(app, tmp_path):
    profile = app.storage.create_profile("Mya", "flower")
    app.select_profile(profile)
    title = app.stack.push(TitleScene())
    app.stack.push(SettingsScene())
    heights = [b.rect.height for b in title.menu.buttons]
    app.dispatch(key(pygame.K_2))  # text size -> Large
    assert app.theme.text_step == 1
    assert [b.rect.height for b in title.menu.buttons] > heights or any(
        b.rect.height > h for b, h in zip(title.menu.buttons, heights)), "the screen below re-laid out"
    app.dispatch(key(pygame.K_1))  # language -> next (en -> th)
    assert i18n.current_language() == "th"
    app.dispatch(key(pygame.K_3))  # high contrast on
    app.dispatch(key(pygame.K_6))  # message speed normal -> fast
    assert app.theme.high_contrast
    saved = Storage(tmp_path).settings_for(profile.id)
    assert (saved.language, saved.text_size, saved.high_contrast, saved.typewriter) == ("th", 1, True, "fast")
    app.dispatch(key(pygame.K_ESCAPE))
    assert app.stack.top is title


def test_language_switch_retranslates_every_screen(app):
    title = app.stack.push(TitleScene())
    before = [b.label for b in title.menu.buttons]
    i18n.set_language("th")
    translated = i18n._("Play")
    app.set_language("th")
    after = [b.label for b in title.menu.buttons]
    assert after[0] == translated
    if translated != "Play":
        assert after != before


class FakeStory(Scene):
    pausable = True


def test_escape_pauses_a_story_and_back_to_stories(app):
    app.profile = app.storage.create_profile("Mya", "flower")
    app.stack.push(ScenarioPicker())
    story = app.stack.push(FakeStory())
    app.dispatch(key(pygame.K_ESCAPE))
    assert isinstance(app.stack.top, PauseMenu)
    app.dispatch(key(pygame.K_ESCAPE))
    assert app.stack.top is story, "Esc again resumes"
    app.dispatch(key(pygame.K_ESCAPE))
    app.dispatch(key(pygame.K_3))  # back to the stories
    assert isinstance(app.stack.top, ScenarioPicker) and len(app.stack) == 1
    app.stack.push(FakeStory())
    app.dispatch(key(pygame.K_ESCAPE))
    app.dispatch(key(pygame.K_4))
    assert not app.running


def test_picker_cards_show_progress_and_offer_resume(app):
    from safepath.play import engine

    if "dream-job" not in app.scenarios:
        pytest.skip("dream-job scenario not loaded")
    scenario = app.scenarios["dream-job"]
    app.profile = app.storage.create_profile("Mya", "flower")
    app.storage.record_ending(app.profile.id, "dream-job", "x", 3)
    state = engine.start(scenario)
    if engine.can_continue(scenario, state):
        state = engine.advance(scenario, state)
    else:
        state = engine.choose(scenario, state, engine.available_choices(scenario, state)[0].index)
    app.storage.save_state(app.profile.id, "dream-job", state.to_json())
    picker = app.stack.push(ScenarioPicker())
    card = next(b for b in picker.menu.buttons if isinstance(b, ScenarioCard) and b.label == i18n.text(scenario.title))
    assert card.stars == 3 and "continue" in card.facts
    assert "Content note" in card.note
    click(app, card.rect.center)
    opened = app.stack.top
    assert opened is not picker
    assert getattr(opened, "state", None) is not None and opened.state.steps == state.steps, "the saved place is offered"


# -- every text fits its box ---------------------------------------------------------------------------
MY_SCREENS = ("title", "language", "profiles", "picker", "settings", "pause")


@pytest.mark.parametrize("lang", ["en", "th", "my"])
@pytest.mark.parametrize("text_size, size", [(0, (1280, 720)), (1, (1366, 768)), (2, (1280, 720)), (2, (1920, 1080))])
def test_text_fits_every_box(tmp_path, lang, text_size, size):
    app = make_app(data_dir=tmp_path, lang=lang, text_size=text_size, size=size)
    app.storage.create_profile("ကိုကိုကြီး", "boat")
    app.storage.create_profile("น้องฟ้าใส", "bird")
    checked = 0
    for module_name in MY_SCREENS:
        module = importlib.import_module(f"safepath.scenes.{module_name}")
        for name, scenes in module.screenshot_states(app):
            app.render_stack(scenes)
            for scene in app.stack:
                menu = getattr(scene, "menu", None)
                if menu is None:
                    continue
                assert scene.fit_problems(size) == [], f"{name}/{lang}/size {text_size}"
                for b in menu.buttons:
                    assert b.content_fits(app.theme, app.lang), f"{name}/{lang}/size {text_size}: {b.label!r} overflows"
                    assert 0 <= b.rect.left and b.rect.right <= size[0], f"{name}: {b.label!r} off screen"
                    checked += 1
    assert checked > 20
    i18n.set_language("en")
