"""The scenario library as a whole: every red flag and safe sign taught in two stories or more, every step of
the recruitment journey shown, real offers at least 30 % of those met, and the discernment properties of every
story (issue: scenario library). Computed from the content with the exhaustive analysis, never by hand."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from safepath.authoring.analysis import library
from safepath.authoring.analysis.coverage import exhaustive
from safepath.story import model
from safepath.story.loader import load_catalogue, load_safe_signs, load_scenario

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = sorted((ROOT / "content" / "scenarios").glob("*.yaml"))


@pytest.fixture(scope="module")
def stories():
    return [load_scenario(p).scenario for p in SCENARIOS]


@pytest.fixture(scope="module")
def coverage(stories):
    flags, _ = load_catalogue()
    signs, _ = load_safe_signs()
    return library.library_coverage(stories, flags, signs)


def test_the_library_has_six_stories_or_more_of_the_right_shape(stories):
    assert len(stories) >= 6, [s.id for s in stories]
    for s in stories:
        endings = [sc for sc in s.scenes.values() if sc.is_ending]
        assert 12 <= len(s.scenes) <= 30 or s.id in ("dream-job",), (s.id, len(s.scenes))
        assert len(endings) >= 3 and len({e.ending for e in endings}) >= 2, s.id
        assert any(o.legit for o in s.offers.values()), f"{s.id}: no real offer"
        assert s.content_note is not None and s.content_note.text, s.id


def test_every_red_flag_safe_sign_and_journey_step_is_covered(coverage):
    assert library.check(coverage) == []


def test_every_story_keeps_the_discernment_properties(stories):
    for s in stories:
        props = exhaustive(s).properties
        assert props is not None, s.id
        assert props.best_fair == 3, s.id
        assert props.refuse_all_best is None or props.refuse_all_best <= 1, s.id
        assert props.accept_all_best is None or props.accept_all_best == 0, s.id
        assert props.real_offer_share is not None and props.real_offer_share >= library.MIN_REAL_SHARE, s.id


#: the two stories the library started with; the issue's 10-15 minutes is for the stories added to them
ORIGINAL_STORIES = ("dream-job", "friend-referral")


def test_declared_minutes_are_the_measured_minutes(coverage):
    """The card, the content note and the class timer promise `minutes:`: it is what playtest measures (the
    median path at a slow reading speed, the figure `playtest --library` prints), give or take a minute."""
    for sid, f in coverage.stories.items():
        measured = f.minutes()
        assert measured is not None, sid
        assert abs(f.scenario.minutes - measured) <= 1, \
            f"{sid}: declares {f.scenario.minutes} minutes, playtest measures {measured:.1f}"


def test_the_new_stories_take_10_to_15_minutes(coverage):
    for sid, f in coverage.stories.items():
        if sid not in ORIGINAL_STORIES:
            assert 10 <= round(f.minutes()) <= 15, f"{sid}: {f.minutes():.1f} minutes by the measure"


def test_check_names_what_is_missing(stories):
    """The rules really bite: a library of one story breaks them, and says which flag and step."""
    flags, _ = load_catalogue()
    signs, _ = load_safe_signs()
    one = [s for s in stories if s.id == "village-broker"]
    problems = library.check(library.library_coverage(one, flags, signs))
    assert any("'no-contract'" in p and "0 stories" in p for p in problems)
    assert any("'rush'" in p and "1 story (village-broker)" in p for p in problems)
    stripped = dataclasses.replace(one[0], scenes={sid: dataclasses.replace(sc, journey=None)
                                                    for sid, sc in one[0].scenes.items()})
    problems = library.check(library.library_coverage([stripped], flags, signs))
    assert sum("journey step" in p for p in problems) == len(model.JOURNEY_STEPS)


def test_median_path_length_is_exact_on_a_small_story(stories):
    broker = next(s for s in stories if s.id == "village-broker")
    figures = library.story_figures(broker)
    # 18 paths; the shortest (broker, pay, river, back, end) has 5 scenes
    assert figures.median_steps is not None and 5 <= figures.median_steps <= len(broker.scenes)
    assert figures.real_share == pytest.approx(0.5)


def test_playtest_library_prints_the_tables():
    out = subprocess.run([sys.executable, "-m", "safepath", "playtest", "--library",
                          str(ROOT / "content" / "scenarios")], capture_output=True, text=True, cwd=ROOT)
    assert "Red flags (x: a choice can spot it in that story)" in out.stdout
    assert "Journey steps" in out.stdout and "village-broker" in out.stdout
    assert out.returncode == (0 if "Library rules: all pass" in out.stdout else 1)
