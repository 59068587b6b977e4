"""Hot reload in the running game: the edited story plays on from the same scene."""

import shutil

import pytest

from safepath import paths
from safepath.app import make_app
from safepath.scenes.story import StoryScene


@pytest.fixture
def playing(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(paths.scenarios_dir() / "dream-job.yaml", content / "dream-job.yaml")
    app = make_app(data_dir=tmp_path / "data", lang="en", content_dir=content)
    app.settings.typewriter = "instant"
    scene = app.stack.push(StoryScene(scenario_id="dream-job"))
    scene.skip_scene()
    scene.advance()  # the opening narration continues to the two messages
    scene.skip_scene()
    scene.choose(0)  # "Open the TikTok job video"
    scene.skip_scene()
    assert scene.story.state.scene == "ad"
    return app, scene, content / "dream-job.yaml"


def test_edit_reloads_on_the_same_scene_with_the_new_text(playing):
    app, scene, path = playing
    steps = scene.story.state.steps
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Ploy reads it twice.", "Ploy reads it three times.", 1), encoding="utf-8")

    app.reload_content()

    top = app.stack.top
    assert top is scene and scene.story.state.scene == "ad" and scene.story.state.steps == steps
    shown = [line.text.text for line in scene.story.scene.lines]
    assert any("three times" in t for t in shown) and not any("reads it twice" in t for t in shown)
    assert scene.phase == "ready"  # the scene is shown whole, its choices ready


def test_broken_edit_keeps_the_old_version_running_and_shows_the_errors(playing):
    app, scene, path = playing
    before = scene.story.scenario
    path.write_text(path.read_text(encoding="utf-8").replace("goto: ask-company", "goto: ask-compnay", 1),
                    encoding="utf-8")

    app.reload_content()

    assert scene.story.scenario is before and scene.story.state.scene == "ad"
    dialog = app.stack.top
    assert dialog is not scene and "ask-compnay" in dialog.message and "dream-job.yaml" in dialog.message
    app.draw()  # the error overlay draws without trouble
