"""The shipped content: it loads clean, it teaches what the issue asks, and it is safe to show.

These tests read the real files in ``content/``; they guard what an NGO hands to
a classroom: every red flag taught somewhere, every ending reachable and ending
in a debrief that points to help, no phone number that is not a checked
helpline, and text short enough for players who are not strong readers.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from safepath.play import engine, scoring
from safepath.story import helplines as hl, phone_numbers as story_numbers
from safepath import paths
from safepath.story.loader import load_catalogue, load_scenario
from safepath.story.model import EndingKind, Scenario

CONTENT = paths.content_dir()
SCENARIO_FILES = sorted((CONTENT / "scenarios").glob("*.yaml"))
SCENARIO_IDS = [p.stem for p in SCENARIO_FILES]
MAX_PATHS = 20_000  # a safety net for the exploration below, far above what the stories have


@pytest.fixture(scope="module")
def scenarios() -> dict[str, Scenario]:
    out = {}
    for path in SCENARIO_FILES:
        result = load_scenario(path)
        assert [d.headline() for d in result.diagnostics] == []
        out[result.scenario.id] = result.scenario
    return out


@pytest.fixture(scope="module")
def catalogue():
    flags, diags = load_catalogue(CONTENT / "red_flags.yaml")
    assert [d.headline() for d in diags] == []
    return flags


@pytest.fixture(scope="module")
def helplines():
    found, diags = hl.load_helplines(CONTENT / "helplines.yaml", check_age=False)  # age: see test_helplines
    assert [d.headline() for d in diags] == []
    return found


def explore(scenario: Scenario) -> list[tuple[engine.State, list[int]]]:
    """Every play-through, as (final state, choice numbers as shown to the player)."""
    done = []
    stack = [(engine.start(scenario), [])]
    while stack:
        state, shown = stack.pop()
        if engine.is_ended(scenario, state):
            done.append((state, shown))
        elif engine.can_continue(scenario, state):
            stack.append((engine.advance(scenario, state), shown))
        else:
            choices = engine.available_choices(scenario, state)
            assert choices, f"{scenario.id}: stuck in scene {state.scene}"
            for number, choice in enumerate(choices, 1):
                stack.append((engine.choose(scenario, state, choice.index), shown + [number]))
        assert len(done) + len(stack) < MAX_PATHS
    return done


@pytest.fixture(scope="module")
def playthroughs(scenarios):
    return {sid: explore(s) for sid, s in scenarios.items()}


# --- everything loads ------------------------------------------------------------------

def test_there_are_scenarios():
    assert "dream-job" in SCENARIO_IDS and len(SCENARIO_IDS) >= 2


def test_every_content_file_loads_without_problems(scenarios, catalogue, helplines):
    assert len(catalogue) == 13
    assert set(scenarios) == set(SCENARIO_IDS)


def test_catalogue_has_the_thirteen_research_red_flags(catalogue):
    assert set(catalogue) == {
        "pay-too-good", "free-travel", "private-chat", "unverifiable-company", "rush", "no-contract",
        "irregular-crossing", "passport-handover", "upfront-fees-debt", "secrecy", "location-vague",
        "friend-referral-pressure", "romance-to-job",
    }
    for flag in catalogue.values():
        assert flag.title.text and flag.why.text and flag.action.text


def test_actions_name_real_steps(catalogue):
    actions = " ".join(f.action.text for f in catalogue.values())
    for step in ("1506", "press 2", "1300", "code word", "passport", "contract", "payslip", "video call"):
        assert step in actions


# --- dream-job, as the issue describes it --------------------------------------------------

def test_dream_job_shape(scenarios):
    s = scenarios["dream-job"]
    assert len(s.scenes) >= 15
    kinds = Counter(scene.ending for scene in s.scenes.values() if scene.is_ending)
    assert {EndingKind.SAFE, EndingKind.RECOVERED, EndingKind.TRAPPED_WITH_HELP} <= set(kinds)
    assert len(s.teaches) >= 6
    assert {"private-chat", "unverifiable-company", "irregular-crossing"} <= set(s.teaches)
    apps = {scene.app for scene in s.scenes.values() if scene.app}
    assert "TikTok" in apps and "Telegram" in apps
    all_choices = [c for scene in s.scenes.values() for c in scene.choices]
    real = {o for o, offer in s.offers.items() if offer.legit}
    assert real and set(s.offers) - real, "a real offer beside the fake one"
    assert any(c.effects.refuses in real or c.effects.distrusts for c in all_choices)  # a false alarm is possible
    assert any(c.effects.accepts in real for c in all_choices)  # and so is a correct trust
    assert any(scene.private_chat for scene in s.scenes.values())
    assert any(c.condition is not None for c in all_choices)
    assert any(c.effects.set for c in all_choices)
    assert s.badges and all(b.condition is not None for b in s.badges)
    assert sum(1 for scene in s.scenes.values() if scene.notes) >= 5
    assert any(scene.lines and any(line.image for line in scene.lines) for scene in s.scenes.values())


def test_dream_job_offers_1506_only_after_the_agency_name(scenarios, playthroughs):
    """Ploy can only check the agency once Jenny has told her its full name (the real order of things)."""
    s = scenarios["dream-job"]
    name = "Vellora Global Jobs"
    named_in = {sid for sid, scene in s.scenes.items() if any(name in line.text.text for line in scene.lines)}
    checked = 0
    for state, _ in playthroughs["dream-job"]:
        if "call-1506" in state.visited:
            before = state.visited[:state.visited.index("call-1506")]
            assert named_in & set(before) - {"search"}, before  # told by Jenny, not only found by searching
            checked += 1
    assert checked


def test_every_ending_is_reachable(scenarios, playthroughs):
    for sid, s in scenarios.items():
        reached = Counter(state.scene for state, _ in playthroughs[sid])
        endings = [scene_id for scene_id, scene in s.scenes.items() if scene.is_ending]
        assert set(reached) == set(endings), sid


def test_every_scene_and_choice_is_used(scenarios, playthroughs):
    for sid, s in scenarios.items():
        visited = set().union(*(state.visited for state, _ in playthroughs[sid]))
        assert visited == set(s.scenes), (sid, set(s.scenes) - visited)


def test_a_careful_player_can_earn_three_stars_and_a_hasty_one_cannot(scenarios, playthroughs):
    for sid, s in scenarios.items():
        results = [scoring.result(s, state) for state, _ in playthroughs[sid]]
        assert max(r.stars for r in results) == 3, sid
        assert any(r.trusted_safe and r.ending is EndingKind.SAFE for r in results)
        hasty = min(results, key=lambda r: r.tally.warning_rate)  # the one who went past the most warning signs
        assert hasty.stars == 0 and hasty.ending is not EndingKind.SAFE


def test_refusing_the_safe_offer_is_scored_as_a_false_alarm(scenarios, playthroughs):
    """Saying no to a real offer (and never yes) is a false alarm and caps the stars at 1."""
    for sid, s in scenarios.items():
        real = {o for o, offer in s.offers.items() if offer.legit}
        refusals = [st for st, _ in playthroughs[sid] if set(st.refused) & real and not set(st.accepted) & real]
        assert refusals, sid
        for st in refusals:
            r = scoring.result(s, st)
            assert r.false_alarms >= 1 and r.stars <= 1, (sid, st.visited)


@pytest.mark.parametrize("kind, heading", [
    ("safe", "you stayed safe"),
    ("recovered", "you got out"),
    ("trapped-with-help", "help is coming"),
])
def test_terminal_player_reaches_each_ending_of_dream_job(scenarios, playthroughs, capsys, kind, heading):
    from safepath.cli import main

    s = scenarios["dream-job"]
    paths_to_kind = [(shown, state.scene) for state, shown in playthroughs["dream-job"] if state.ending == kind]
    shortest, ending_id = min(paths_to_kind, key=lambda p: len(p[0]))
    path = str(CONTENT / "scenarios" / "dream-job.yaml")
    assert main(["play", "--text", path, "--choices", ",".join(map(str, shortest))]) == 0
    out = capsys.readouterr().out
    assert heading in out.lower()
    assert s.scenes[ending_id].debrief[0].text.text[:40] in " ".join(out.split())
    assert "Traceback" not in out


# --- teaching: every red flag somewhere, and really teachable ------------------------------

def test_every_red_flag_is_taught_by_some_scenario(scenarios, catalogue):
    taught = set().union(*(s.teaches for s in scenarios.values()))
    assert taught == set(catalogue)


def test_taught_red_flags_appear_and_can_be_spotted(scenarios):
    for s in scenarios.values():
        present = {f for scene in s.scenes.values() for f in scene.red_flags}
        spottable = {f for scene in s.scenes.values() for c in scene.choices for f in c.effects.spots}
        for flag in s.teaches:
            assert flag in present, (s.id, flag, "never appears in a scene's red_flags")
            assert flag in spottable, (s.id, flag, "no choice spots it")


def test_choices_that_spot_or_miss_say_why(scenarios):
    for s in scenarios.values():
        for scene in s.scenes.values():
            for c in scene.choices:
                if c.effects.misses or c.effects.false_alarm or c.effects.trusts_safe:
                    assert c.feedback is not None, (s.id, scene.id, c.text.text)


# --- endings and ethics -----------------------------------------------------------------

def test_every_ending_debriefs_and_points_to_help(scenarios, helplines):
    numbers = [h.number for h in helplines if h.number]
    for s in scenarios.values():
        for scene in s.scenes.values():
            if not scene.is_ending:
                continue
            # what every path into the ending is told: the parts without `if:`
            debrief = " ".join(p.text.text for p in scene.debrief if p.condition is None)
            assert len(debrief.split()) >= 40, (s.id, scene.id)
            assert any(n in debrief for n in numbers), (s.id, scene.id, "names no helpline")
            if scene.ending is not EndingKind.SAFE:
                assert re.search(r"\b(not|never) (his|her|their|your) fault\b", debrief), (s.id, scene.id)


def test_every_scenario_has_a_content_note_and_sources(scenarios):
    for s in scenarios.values():
        assert "stop at any time" in s.content_note.text
        assert s.sources and all(src.url.startswith("https://") for src in s.sources)


BLAMING = re.compile(r"\b(stupid|naive|foolish|should have known|your own fault|idiot|gullible)\b", re.I)
GRAPHIC = re.compile(r"\b(blood|beat(en|ing)|rape|kill(ed|s)?|torture|gun|knife)\b", re.I)


def test_no_blaming_and_no_graphic_violence(scenarios):
    for s in scenarios.values():
        for t in s.texts():
            assert not BLAMING.search(t.text), (t.context, t.text)
            assert not GRAPHIC.search(t.text), (t.context, t.text)


def test_no_phone_number_that_is_not_a_listed_helpline(scenarios, catalogue, helplines):
    texts = [t for s in scenarios.values() for t in s.texts()]
    texts += [t for f in catalogue.values() for t in (f.title, f.why, f.action)]
    problems = [d.format() for d in story_numbers.check_texts(texts, helplines)]
    assert problems == []


def test_the_number_check_would_catch_a_stray_number(scenarios, helplines):
    s = scenarios["dream-job"]
    first_line = s.scenes["ad"].lines[0].text
    stray = type(first_line)("Call 1191 for help.", first_line.context, first_line.pos)
    assert [d.code for d in story_numbers.check_texts([stray], helplines)] == ["SP099"]


def _is_emoji_or_symbol(ch: str) -> bool:
    return ord(ch) >= 0x2190 or unicodedata.category(ch) == "So"


def test_no_emoji_or_symbols_the_fonts_cannot_draw():
    for path in [CONTENT / "red_flags.yaml", CONTENT / "helplines.yaml", *SCENARIO_FILES]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            bad = [ch for ch in line if _is_emoji_or_symbol(ch)]
            assert not bad, f"{path}:{number}: {bad}"


# --- plain language -----------------------------------------------------------------------

def _sentences(text: str) -> list[int]:
    return [len(s.split()) for s in re.split(r"(?<=[.!?:;])\s+", text) if s.split()]


def test_player_text_uses_short_sentences(scenarios, catalogue):
    for s in scenarios.values():
        lengths = []
        for t in s.texts():
            if t.context.endswith("/notes"):
                continue  # facilitator notes are for trainers
            lengths += _sentences(t.text)
            assert max(_sentences(t.text), default=0) <= 25, (t.context, t.text)
        assert sum(lengths) / len(lengths) <= 10, s.id
    for flag in catalogue.values():
        for t in (flag.title, flag.why, flag.action):
            assert max(_sentences(t.text)) <= 25, (t.context, t.text)


def test_player_text_avoids_idioms():
    idioms = ("too good to be true", "red-handed", "piece of cake", "once in a blue moon", "break a leg",
              "on the fence", "cold feet", "the last straw")
    for path in [CONTENT / "red_flags.yaml", *SCENARIO_FILES]:
        text = path.read_text(encoding="utf-8").lower()
        for idiom in idioms:
            assert idiom not in text, (path.name, idiom)
