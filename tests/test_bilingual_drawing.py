"""The bilingual text block (safepath.ui.bilingual) and the chat bubbles that use it, with the real fonts."""

from __future__ import annotations

import pygame
import pytest

from safepath.scenes.chat_view import NOTE, THEM, ChatItem, ChatView
from safepath.ui import bilingual, textrender
from safepath.ui.theme import Theme
from safepath.ui.widgets import Button

THAI = "เงินเดือน 45,000 บาทต่อเดือน ไม่ต้องมีประสบการณ์"
BURMESE = "လစာ- တစ်လ ထိုင်း ဘတ် 45,000။ အတွေ့အကြုံ မလိုပါ။"
ENGLISH = "Pay: 45,000 Thai baht a month. No experience needed."
BLACK, GREY = (0, 0, 0), (120, 120, 120)


@pytest.fixture(autouse=True, scope="module")
def fonts():
    pygame.init()
    yield


def test_without_a_secondary_it_is_the_single_paragraph():
    for text in (THAI, BURMESE, ENGLISH):
        assert bilingual.measure_pair(text, None, 300, 22) == textrender.measure_paragraph(text, 300, 22)
        assert bilingual.render_pair(text, None, 300, 22, BLACK, GREY) is textrender.render_paragraph(text, 300, 22, BLACK)


@pytest.mark.parametrize("first, first_lang, second, second_lang",
                         [(THAI, "th", BURMESE, "my"), (BURMESE, "my", THAI, "th"), (ENGLISH, "en", BURMESE, "my"),
                          (ENGLISH, "en", THAI, "th")])
def test_the_block_is_sized_from_both_texts_each_with_its_own_line_height(first, first_lang, second, second_lang):
    width, size = 320, 22
    box = bilingual.pair_box(first, second, width, size, False, first_lang, second_lang)
    small = bilingual.secondary_px(size)
    assert small < size
    assert box.primary_size == textrender.measure_paragraph(first, width, size, False, first_lang)
    # the secondary is laid out at its own size with its own script's line height
    assert box.second_size == textrender.measure_paragraph(second, width, small, False, second_lang)
    assert box.height == box.primary_size[1] + 2 * bilingual.rule_gap(size) + bilingual.rule_thickness(size) \
        + box.second_size[1]
    assert box.width <= width
    surface = bilingual.render_pair(first, second, width, size, BLACK, GREY, False, first_lang, second_lang)
    assert surface.get_size() == (box.width, box.height)
    ink = surface.get_bounding_rect()
    assert ink.bottom > box.second_y  # the secondary is drawn, under the rule


def test_burmese_under_thai_is_taller_than_thai_under_burmese_for_one_line_each():
    th_my = bilingual.pair_box("สวัสดี", "မင်္ဂလာပါ", 400, 22, False, "th", "my")
    my_th = bilingual.pair_box("မင်္ဂလာပါ", "สวัสดี", 400, 22, False, "my", "th")
    assert th_my.second_size[1] > my_th.second_size[1]  # Burmese lines are taller than Thai ones


def test_the_typewriter_reveals_the_primary_and_the_secondary_appears_whole_at_its_end():
    width, size = 320, 22
    box = bilingual.pair_box(THAI, BURMESE, width, size, False, "th", "my")

    def drawn(shown):
        target = pygame.Surface((box.width, box.height), pygame.SRCALPHA)
        bilingual.draw_pair(target, (0, 0), THAI, BURMESE, width, size, BLACK, GREY, False, "th", "my", shown=shown)
        return target

    half = drawn(THAI[:10])
    assert half.get_bounding_rect().bottom <= box.primary_size[1] + 2  # nothing of the rule or the Burmese yet
    assert half.get_bounding_rect().width < box.primary_size[0]
    whole = drawn(None)
    assert whole.get_bounding_rect().bottom > box.second_y
    assert pygame.image.tobytes(drawn(THAI), "RGBA") == pygame.image.tobytes(whole, "RGBA")


def test_a_chat_bubble_grows_for_the_second_language_and_still_fits():
    theme = Theme(False, 2, (1280, 720))
    one, two = ChatView("phone"), ChatView("phone")
    two.second_lang = "my"
    for view, second in ((one, None), (two, BURMESE)):
        view.items = [ChatItem(THEM, THAI, "jenny", "Jenny", second=second),
                      ChatItem(NOTE, THAI, second=second)]
        view.layout(theme, 480, "th")
        assert view.fit_problems(theme, 480, "th") == []
    for a, b in zip(one.items, two.items):
        assert b.bubble.height > a.bubble.height
        assert b.text_box.height > a.text_box.height  # the text box holds both texts


def test_a_button_with_a_second_label_is_taller_and_its_ink_stays_inside():
    theme = Theme(False, 2, (1280, 720))
    one = Button(THAI, align="left")
    two = Button(THAI, align="left", second=BURMESE, second_lang="my")
    assert two.measure(theme, 600, "th") > one.measure(theme, 600, "th")
    two.layout(theme, 0, 0, 600, "th")
    assert two.content_fits(theme, "th")


# -- on the screens ---------------------------------------------------------------------------------------
def _key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)


def _story(tmp_path, lang="th", second="my"):
    from safepath.app import make_app
    from safepath.play import engine
    from safepath.scenes.story import StoryScene

    app = make_app((1280, 720), lang, data_dir=tmp_path, second_lang=second)
    profile = app.storage.create_profile("Aye", "moon")
    app.select_profile(profile)
    scenario = app.scenarios["dream-job"]
    state = engine.replay(scenario, [engine.CONTINUE, 0])  # Jenny's chat on TikTok
    scene = StoryScene(scenario, state=state)
    app.render_stack([scene])
    return app, scene, profile


def test_swapping_the_languages_mid_scene_keeps_the_place(tmp_path):
    from safepath import i18n
    from safepath.app import SWAP_LANGUAGES_KEY

    app, scene, profile = _story(tmp_path)
    try:
        for _ in range(600):  # a few messages in, the next one being typed
            app.step(1 / 30, [])
            if len(scene.view.items) >= 3 and scene.phase == "reveal":
                break
        where, shown = scene.story.state.scene, len(scene.view.items)
        assert shown >= 2 and all(item.second for item in scene.view.items if item.text)
        thai = [item.text for item in scene.view.items]
        burmese = [item.second for item in scene.view.items]
        app.step(0.0, [_key(SWAP_LANGUAGES_KEY)])
        assert (app.lang, app.second_lang) == ("my", "th")
        assert scene.story.state.scene == where and len(scene.view.items) >= shown  # the same scene, nothing lost
        assert [item.text for item in scene.view.items][:shown] == burmese[:shown]
        assert [item.second for item in scene.view.items][:shown] == thai[:shown]
        assert scene.view.items[-1].shown is None  # the line being typed is shown whole: nothing is half in two languages
        assert app.storage.settings_for(profile.id).second_language == "th"  # saved for this player
        app.step(0.0, [_key(SWAP_LANGUAGES_KEY)])
        assert (app.lang, app.second_lang) == ("th", "my") and scene.story.state.scene == where
    finally:
        i18n.reset()


def test_without_a_second_language_the_swap_key_does_nothing(tmp_path):
    from safepath import i18n
    from safepath.app import SWAP_LANGUAGES_KEY

    app, scene, _profile = _story(tmp_path, second=None)
    try:
        app.step(1 / 30, [])
        app.step(0.0, [_key(SWAP_LANGUAGES_KEY)])
        assert (app.lang, app.second_lang) == ("th", None)
        assert not any(item.second for item in scene.view.items)
    finally:
        i18n.reset()


# -- SP073 for pairs --------------------------------------------------------------------------------------
def test_the_fit_check_measures_a_pair_with_both_texts():
    from safepath.ui.fit import Box, FitChecker

    checker = FitChecker()
    box = Box("message bubble", "body", False, 300, max_height=1000)
    assert checker.pair_fits(THAI, BURMESE, box, "th", "my")
    one = checker.pair_height(THAI, None, box, "th", "my")
    two = checker.pair_height(THAI, BURMESE, box, "th", "my")
    assert two > one and two == bilingual.measure_pair(THAI, BURMESE, 300, checker.theme.text_px("body"), False,
                                                        "th", "my", checker.book)[1]
    tight = Box("message bubble", "body", False, 300, max_height=(one + two) // 2)
    assert checker.fit(THAI, tight, "th").fits  # alone it fits
    assert not checker.pair_fits(THAI, BURMESE, tight, "th", "my")  # with the Burmese under it, not
    assert checker.pair_fits(THAI, None, tight, "th", "my")  # a text shown once is measured once


def test_scenario_pair_problems_name_texts_that_fit_alone_but_not_with_the_second_language():
    """Burmese with Thai under it is the tightest pair: some messages of the dream job outgrow the phone's screen."""
    from safepath import i18n
    from safepath.paths import scenarios_dir
    from safepath.story.loader import load_scenario
    from safepath.ui.fit import FitChecker, scenario_boxes, scenario_pair_problems

    scenario = load_scenario(scenarios_dir() / "dream-job.yaml").scenario
    checker = FitChecker()
    try:
        found = scenario_pair_problems(scenario, "my", "th", checker)
        assert found and all(": in Burmese with Thai under it, this text does not fit the " in p for p in found)
        burmese = i18n.get_translator("my")
        boxes_by_line = {}
        for text, box in scenario_boxes(scenario, checker, "my"):
            boxes_by_line.setdefault(f"{text.pos.file}:{text.pos.line}", []).append((text, box))
        catalog = (scenarios_dir().parent.parent / "locales" / "my" / "LC_MESSAGES" / "content.po").read_text("utf-8")
        for problem in found:
            where = problem.split(": in ")[0]
            # each names its text's msgctxt, as a translator finds it in the catalog
            text, box = next((t, b) for t, b in boxes_by_line[where]
                             if b.name in problem and problem.endswith(f'in the catalogs: msgctxt "{t.context}"'))
            assert f'msgctxt "{text.context}"' in catalog
            assert checker.fit(burmese.text(text), box, "my").fits  # alone it fits: the pair is what is tight
            assert not checker.pair_fits(*i18n.text_pair_in(burmese, "th", text), box, "my", "th")
        assert len(scenario_pair_problems(scenario, "en", "th", checker)) < len(found)  # Thai under English is lighter
    finally:
        i18n.reset()
