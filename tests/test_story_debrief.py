"""The debrief: every ending explains itself, names the red flags met, and always points to help."""

from __future__ import annotations

import pytest

from safepath import i18n
from safepath.story import model
from safepath.app import make_app
from safepath.scenes.ending import DebriefScene, helplines_for
from safepath.scenes.story_parts import ending_states

BLAMING = ("you were stupid", "you should have known", "careless", "your own fault")


@pytest.mark.parametrize("lang", ["th", "my", "en"])
def test_every_ending_has_a_debrief_with_help_and_a_number_to_call(tmp_path, lang):
    app = make_app((1280, 720), lang, data_dir=tmp_path)
    for scenario in app.scenarios.values():
        endings = ending_states(scenario)
        assert endings, f"{scenario.id} reaches no ending"
        for scene_id, state in endings.items():
            debrief = DebriefScene(scenario, state)
            app.render_stack([debrief])
            texts = [item for item in debrief.items if item[0] == "text"]
            assert len(texts) >= 6, f"{scenario.id}/{scene_id}: the debrief is nearly empty"
            lines = helplines_for(app, lang)
            assert any(h.number for h in lines), f"{lang}: the help card has no number to call"
            met = [o for o in debrief.result.red_flags if o.met]
            icons = [item for item in debrief.items if item[0] == "icon" and item[1] in ("spotted", "missed")]
            assert len(icons) == len(met), "each red flag met gets its own row"
            # the dangerous red flags the story teaches and this path never met: why and what to do, each its own row
            known = [item for item in debrief.items if item[0] == "icon" and item[1] == "know"]
            assert len(known) == len(debrief.result.to_know)
            assert not {e.id for e in debrief.result.to_know} & {o.id for o in met}
    i18n.set_language("en")


def test_bad_endings_say_it_is_not_the_players_fault_and_never_blame(tmp_path):
    app = make_app((1280, 720), "en", data_dir=tmp_path)
    for scenario in app.scenarios.values():
        for scene_id, state in ending_states(scenario).items():
            scene = scenario.scenes[scene_id]
            debrief = DebriefScene(scenario, state)
            app.render_stack([debrief])
            words = " ".join(part.text.text for part in scene.debrief if part.condition is None).lower()
            if scene.ending is not model.EndingKind.SAFE:
                assert "fault" in words, f"{scenario.id}/{scene_id}: the debrief must say it is not her fault"
            for phrase in BLAMING:
                assert phrase not in words


def test_help_card_translates_the_town_of_a_centre(tmp_path, monkeypatch):
    """A centre's heading is its town, looked up in the catalogue like every text (no Latin "Yangon" on a Burmese card)."""
    from safepath.scenes import ending

    real = ending.get_translator

    class Tagging:
        def __init__(self, lang):
            self.inner = real(lang)

        def text(self, t):
            return f"<{t.context}>" if t.context.startswith("helpline/") else self.inner.text(t)

    monkeypatch.setattr(ending, "get_translator", Tagging)
    shown: list[str] = []
    from safepath.ui.widgets import text_surface

    monkeypatch.setattr(DebriefScene, "_text", lambda self, text, *a, **k: shown.append(text) or
                        text_surface(text, a[0], 20, (0, 0, 0)))
    app = make_app((1280, 720), "my", data_dir=tmp_path)
    scenario = app.scenarios["dream-job"]
    _scene_id, state = sorted(ending_states(scenario).items())[0]
    app.render_stack([DebriefScene(scenario, state)])
    centres = [h for h in helplines_for(app, "my", scenario) if h.kind == "centre"]
    assert centres, "Burmese players see the resource centres first"
    for h in centres:
        assert f"<helpline/{h.id}/place>" in shown
        assert h.place.text not in shown
    i18n.set_language("en")
