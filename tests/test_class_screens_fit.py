"""Every class-mode screen holds its text: Thai, Burmese and English at 1024×768 and 1920×1080 (issue 17).

The same check the screenshots command runs (each screen's ``fit_problems(size)``, measured with the real
fonts), for every state the class screen modules offer, and at the largest text size on an old projector.
"""

from __future__ import annotations

import importlib

import pytest

from safepath import i18n
from safepath.app import make_app

MODULES = ("class_check", "class_done", "class_ending", "class_group", "class_pause", "class_setup", "class_sheets",
           "class_story", "class_trainer", "trainer_helplines")
CASES = [(size, lang, 0) for size in ((1024, 768), (1920, 1080)) for lang in ("th", "my", "en")] + \
        [((1024, 768), lang, 2) for lang in ("th", "my")] + [((1280, 720), "my", 1)]


@pytest.mark.parametrize("size,lang,step", CASES, ids=[f"{s[0]}x{s[1]}-{lang}-t{t}" for s, lang, t in CASES])
def test_class_screens_text_fits(tmp_path, size, lang, step):
    app = make_app(size=size, lang=lang, text_size=step, data_dir=tmp_path)
    problems, checked = [], 0
    for module_name in MODULES:
        module = importlib.import_module(f"safepath.scenes.{module_name}")
        for name, scenes in module.screenshot_states(app):
            surface = app.render_stack(scenes)
            problems += [f"{name}: {p}" for p in scenes[-1].fit_problems(surface.get_size())]
            checked += 1
    i18n.set_language("en")
    assert checked >= 18
    assert problems == []


def test_the_fit_check_catches_a_picture_taller_than_the_window(tmp_path):
    """The check can fail: a vote laid out for a tall window, then asked about a short one."""
    from safepath.scenes import class_story

    app = make_app(size=(1024, 768), lang="my", data_dir=tmp_path)
    name, scenes = next((n, s) for n, s in class_story.screenshot_states(app) if n == "class-vote")
    app.render_stack(scenes)
    scene = scenes[-1]
    assert scene.fit_problems((1024, 768)) == []
    canvas = scene.ensure_canvas((1024, 768))
    canvas.items[-1].rect.y = 900  # a box pushed below the window
    scene._canvas_key = ((1024, 768), app.theme.text_step, app.lang, scene.second_lang)
    assert any("outside the window" in p for p in scene.fit_problems((1024, 768)))
    i18n.set_language("en")
