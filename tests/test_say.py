"""`say:` on a choice: the words the player's character sends in the chat, and nothing else.

A choice is a decision ("Send a screenshot to Dao", "Block Khun Nok"); only its
`say:` words, when the author gave them, become the player's own chat bubble
(and the player's line in `safepath play --text`). The words are translatable
text with their own msgctxt, extracted like every other text.
"""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pygame
import pytest
import yaml

from safepath import cli, i18n
from safepath.play import engine
from safepath.story import schema_json
from safepath.app import make_app
from safepath.i18n.extract import texts_of_file
from safepath.story.loader import load_scenario
from safepath.scenes.chat_view import ME
from safepath.scenes.story import StoryScene

FIXTURE = Path(__file__).parent / "data" / "scenarios" / "chat-replies.yaml"


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.reset()


@pytest.fixture(scope="module")
def scenario():
    loaded = load_scenario(FIXTURE)
    assert loaded.diagnostics == [] and loaded.scenario is not None
    return loaded.scenario


def test_loader_reads_say_with_its_own_context(scenario):
    ask, forward, block = scenario.scenes["ad"].choices
    assert ask.say is not None and ask.say.text == "Which company is this? Where is your office?"
    assert ask.say.context == "chat-replies/ad/choice/0/say"
    assert ask.say.pos.line == 27 and "Mai writes" in ask.say.comment
    assert forward.say is None and block.say is None


def test_say_is_extracted_for_translators(scenario):
    found = {t.context: t.text for t, _comment in texts_of_file(FIXTURE)}
    assert found["chat-replies/ad/choice/0/say"] == "Which company is this? Where is your office?"
    assert found["chat-replies/company/choice/0/say"] == "No thank you. Please answer here."
    assert "chat-replies/ad/choice/1/say" not in found
    assert any(t.context == "chat-replies/ad/choice/0/say" for t in scenario.texts())


def test_schema_knows_say():
    validator = jsonschema.Draft7Validator(schema_json.json_schema())
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) == []
    data["scenes"]["ad"]["choices"][0]["say"] = 42
    assert list(validator.iter_errors(data)), "say must be text"


def test_say_must_be_text(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace("say: No thank you. Please answer here.", "say: [no, thanks]")
    path = tmp_path / "chat-replies.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_scenario(path)
    assert [d.code for d in loaded.diagnostics] == ["SP020"]


def _ready_scene(app, scenario, state=None) -> StoryScene:
    app.settings.typewriter = "instant"
    scene = StoryScene(scenario, state=state, preview="ready")
    app.render_stack([scene])
    return scene


def _bubbles(scene: StoryScene) -> list[str]:
    return [item.text for item in scene.view.items if item.kind == ME]


def test_chat_bubble_shows_say_not_the_choice_text(tmp_path, scenario):
    app = make_app((1280, 720), "en", data_dir=tmp_path)
    scene = _ready_scene(app, scenario)
    scene.choose(0)  # has `say:` and feedback (a spotted red flag)
    assert _bubbles(scene) == ["Which company is this? Where is your office?"]
    mine = [i for i in scene.view.items if i.kind == ME][0]
    assert mine.speaker_id == "mai" and mine.time  # the player's bubble, with a time like the others


def test_choice_without_say_posts_nothing(tmp_path, scenario):
    app = make_app((1280, 720), "en", data_dir=tmp_path)
    scene = _ready_scene(app, scenario)
    scene.choose(1)  # "Send a screenshot to Dao": a decision, not a message to Khun Nok
    assert _bubbles(scene) == []
    scene = _ready_scene(app, scenario)
    scene.choose(2)
    assert _bubbles(scene) == []


def test_say_bubble_is_translated_on_language_switch(tmp_path, scenario):
    app = make_app((1280, 720), "en", data_dir=tmp_path)
    scene = _ready_scene(app, scenario, engine.replay(scenario, [0]))
    scene.choose(0)
    item = [i for i in scene.view.items if i.kind == ME][0]
    assert item.source is scenario.scenes["company"].choices[0].say  # relayout() translates it again from here


def test_sent_message_is_seen_before_the_thread_changes(tmp_path, scenario):
    """With no feedback card, the story waits a moment after sending, then moves on to the next thread."""
    app = make_app((1280, 720), "en", data_dir=tmp_path)
    scene = _ready_scene(app, scenario, engine.replay(scenario, [0]))
    app.settings.typewriter = "normal"
    scene.choose(1)  # "Can I call your office first?", no feedback: then Dao's thread on LINE
    assert scene.phase == "sent" and _bubbles(scene) == ["Can I call your office first?"]
    last_minute = scene.view.items[-1].minute
    app.step(0.1, [])
    assert scene.phase == "sent", "the sent message stays in view for a moment"
    for _ in range(20):
        app.step(0.1, [])
    assert scene.story.scene.id == "friend" and _bubbles(scene) == []
    scene.skip_scene()
    first = scene.view.items[0]
    assert first.minute > last_minute, "a thread opened later starts later on the story clock"


def test_a_key_hurries_the_sent_message(tmp_path, scenario):
    app = make_app((1280, 720), "en", data_dir=tmp_path)
    scene = _ready_scene(app, scenario, engine.replay(scenario, [0]))
    app.settings.typewriter = "slow"
    scene.choose(1)
    assert scene.phase == "sent"
    app.step(0.0, [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0, unicode=" ", scancode=0)])
    assert scene.story.scene.id == "friend" and scene.phase != "sent"


def test_terminal_player_prints_what_the_player_says(capsys):
    code = cli.main(["play", "--text", str(FIXTURE), "--choices", "1,1"])
    out, _err = capsys.readouterr()
    assert code == 0
    assert "You chose 1: Message them: Which company is this?\nMai: Which company is this? Where is your office?\n" in out
    assert "Mai: No thank you. Please answer here." in out
    code = cli.main(["play", "--text", str(FIXTURE), "--choices", "2"])
    out, _err = capsys.readouterr()
    assert "You chose 2: Send a screenshot to Dao and ask what she thinks\n" in out
    assert "Mai: Send a screenshot" not in out and "\nMai:" not in out
