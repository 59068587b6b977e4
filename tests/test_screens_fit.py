"""Every text box on the story screens holds its text, in every language and text size.

Each screen measures its text with the real fonts and sizes its boxes from
that; ``fit_problems(size)`` measures again and compares with the boxes it
drew. This test asks it for every story, feedback, debrief and content-note
state in Thai, Burmese and English at the three text sizes (1280×720), and at
the largest text size in 1366×768 and 1920×1080 too. Screens without their own
check (the menus, tested in ``test_menus.py``) are left out here.
"""

from __future__ import annotations

import importlib

import pytest

from safepath import i18n
from safepath.app import make_app

MODULES = ("story", "feedback", "ending", "content_note")
CASES = [((1280, 720), lang, step) for lang in ("th", "my", "en") for step in (0, 1, 2)] + \
        [(size, lang, 2) for size in ((1366, 768), (1920, 1080)) for lang in ("th", "my", "en")] + \
        [((800, 500), "my", 2), ((900, 1000), "th", 2)]  # the smallest window allowed, and a tall one


@pytest.mark.parametrize("size,lang,step", CASES, ids=[f"{s[0]}x{s[1]}-{lang}-t{step}" for s, lang, step in CASES])
def test_story_screens_text_fits(tmp_path, size, lang, step):
    app = make_app(size=size, lang=lang, text_size=step, data_dir=tmp_path)
    problems = []
    checked = 0
    for module_name in MODULES:
        module = importlib.import_module(f"safepath.scenes.{module_name}")
        for name, scenes in module.screenshot_states(app):
            surface = app.render_stack(scenes)
            top = scenes[-1]
            problems += [f"{name}: {p}" for p in top.fit_problems(surface.get_size())]
            checked += 1
    i18n.set_language("en")
    assert checked >= 10
    assert problems == []


def test_fit_check_catches_a_box_that_is_too_small(tmp_path):
    """The check can fail: squeeze a chat bubble and it must be reported."""
    app = make_app(size=(1280, 720), lang="my", text_size=2, data_dir=tmp_path)
    from safepath.scenes import story

    name, scenes = story.screenshot_states(app)[0]
    surface = app.render_stack(scenes)
    scene = scenes[-1]
    assert scene.fit_problems(surface.get_size()) == []
    item = next(i for i in scene.view.items if i.text and i.bubble is not None)
    item.bubble.height = item.bubble.height // 3
    scene.view._layout_key = scene.view._layout_key  # keep the squeezed layout
    lay = scene.layout
    problems = scene.view.fit_problems.__func__  # noqa: F841 - the method re-lays out only when inputs change
    assert scene.view.fit_problems(app.theme, lay.stage_inner.width, app.lang)
    i18n.set_language("en")


#: two languages at once (issue 14): the first language, and the second shown smaller under it
PAIRS = (("th", "my"), ("my", "th"), ("en", "my"), ("en", "th"))
PAIR_CASES = [((1280, 720), pair, step) for pair in PAIRS for step in (0, 1, 2)] + \
             [((1920, 1080), pair, 2) for pair in PAIRS]


@pytest.mark.parametrize("size,pair,step", PAIR_CASES,
                         ids=[f"{s[0]}x{s[1]}-{a}+{b}-t{step}" for s, (a, b), step in PAIR_CASES])
def test_story_screens_text_fits_in_two_languages(tmp_path, size, pair, step):
    """Every box is sized from both texts: no bubble, card, choice or check answer overflows in any pair."""
    lang, second = pair
    app = make_app(size=size, lang=lang, text_size=step, data_dir=tmp_path, second_lang=second)
    problems = []
    paired = 0
    for module_name in MODULES + ("checks", "booster_replay"):
        module = importlib.import_module(f"safepath.scenes.{module_name}")
        for name, scenes in module.screenshot_states(app):
            surface = app.render_stack(scenes)
            top = scenes[-1]
            problems += [f"{name}: {p}" for p in top.fit_problems(surface.get_size())]
            view = getattr(top, "view", None)
            paired += sum(1 for item in getattr(view, "items", ()) if item.second)
    i18n.set_language("en")
    i18n.set_second_language(None)
    assert paired >= 10  # the second language is really shown (the check is not of one language)
    assert problems == []
