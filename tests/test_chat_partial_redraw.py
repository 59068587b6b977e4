"""While messages type, only the phone's thread is redrawn, and the screen is the same as a whole redraw.

Issue 18, item 11: the Burmese chat frame while typing (benchmarks/bench_game.py and bench_memory.py
time it). A frame that redraws only the thread must give exactly the pixels of a whole redraw.
"""

from __future__ import annotations

import pygame
import pytest

from safepath.app import make_app
from safepath.scenes.story import StoryScene
from safepath.scenes.story_parts import first_states_by_kind


@pytest.mark.parametrize("lang,size,high_contrast", [("my", (1280, 720), False), ("th", (1024, 768), True)])
def test_typing_frames_redraw_the_thread_only_and_match_a_whole_redraw(tmp_path, lang, size, high_contrast):
    app = make_app(size, lang, data_dir=tmp_path, high_contrast=high_contrast)
    app.settings.typewriter = "fast"
    scenario = app.scenarios["dream-job"]
    story = StoryScene(scenario, state=first_states_by_kind(scenario)["chat"])
    app.render_stack([story])
    areas = []
    real_draw = app.draw

    def draw(area=None):
        areas.append(area)
        real_draw(area)

    app.draw = draw
    partial = 0
    for frame in range(400):
        animating = app.step(1 / 60, [])
        if areas and areas[-1] is not None:
            partial += 1
            assert areas[-1] == story.layout.stage_inner
            shown = pygame.image.tobytes(app.surface, "RGB")
            real_draw(None)  # the whole screen again, from scratch
            assert pygame.image.tobytes(app.surface, "RGB") == shown, f"frame {frame} differs from a whole redraw"
        areas.clear()
        if not animating:
            break
    assert partial > 20, "typing frames should redraw only the thread"
    # the choices appear: the whole screen is drawn again
    assert story.phase == "ready" and story.changed_area() is None
