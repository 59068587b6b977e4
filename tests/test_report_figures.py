"""The report's figures: hand-worked values on small sets, and a seeded synthetic set counted another way."""

from __future__ import annotations

import math

import pytest

from safepath.report import figures, synthetic
from safepath.report.build import load_content
from safepath.saves import records as R


@pytest.fixture(scope="module")
def content():
    return load_content()


def offer(truth: str, answer: str) -> dict:
    return {"item": f"{truth}-{answer}", "type": "offer", "correct": truth == answer, "truth": truth, "answer": answer,
            "sure": 3, "flags": ["pay-too-good"] if truth == "scam" else [], "signs": ["real-address"] if truth == "real" else []}


def check(player: str, phase: str, answers: list[dict], date: str = "2026-10-01") -> dict:
    return R.validate({"id": R.new_id(), "kind": "check", "date": date, "player": player, "session": None,
                       "form": "A" if phase == "pre" else "B", "phase": phase, "lang": "en", "answers": answers})


def play(scenario: str, kind: str, flags: dict | None = None, lang: str = "th", **counts) -> dict:
    return R.play_record(scenario, f"{kind}-end", kind, hits=counts.get("hits", 0), misses=counts.get("misses", 0),
                         false_alarms=counts.get("false_alarms", 0), trusted_safe=counts.get("trusted_safe", 0),
                         stars=1, flags=flags or {}, lang=lang, player="p-0000000001")


def test_worked_example_of_the_measurement_notes():
    """8 scams, 8 real; 7 scams called "scam", 2 real offers called "scam" (shared/research/measurement.md)."""
    answers = [offer("scam", "scam")] * 7 + [offer("scam", "real")] + [offer("real", "scam")] * 2 + [offer("real", "real")] * 6
    t = figures.build([check("p-1", "pre", answers)]).tables["checks_by_phase"]
    row = t.rows[0]
    assert row["players"] == 1
    assert row["hit_rate"] == pytest.approx(7.5 / 9, abs=1e-4)
    assert row["false_alarm_rate"] == pytest.approx(2.5 / 9, abs=1e-4)
    assert row["d_prime"] == pytest.approx(1.5569, abs=1e-4)
    assert row["criterion"] == pytest.approx(-0.1890, abs=1e-4)
    assert row["discernment"] == pytest.approx(7 / 8 - 2 / 8)
    assert row["percent_correct"] == pytest.approx(13 / 16)


def test_scam_to_everything_is_bias_not_sensitivity():
    answers = [offer("scam", "scam")] * 8 + [offer("real", "scam")] * 8
    row = figures.build([check("p-1", "post", answers)]).tables["checks_by_phase"].rows[0]
    assert row["d_prime"] == pytest.approx(0, abs=1e-9)
    assert row["criterion"] == pytest.approx(-1.5932, abs=1e-4)
    assert row["bias"] == figures.BIAS_WORDS["suspicion"]


def test_pre_post_change_hand_worked():
    """A: 50 % → 75 %; B: 25 % → 50 %; C: 100 % → 100 % (left out of the mean normalised change only)."""
    right, wrong = offer("scam", "scam"), offer("scam", "real")
    recs = [check("p-a", "pre", [right, right, wrong, wrong]), check("p-a", "post", [right, right, right, wrong]),
            check("p-b", "pre", [right, wrong, wrong, wrong]), check("p-b", "post", [right, right, wrong, wrong]),
            check("p-c", "pre", [right] * 4), check("p-c", "post", [right] * 4),
            check("p-d", "pre", [right] * 4)]  # no post-check: not paired
    figs = figures.build(recs)
    row = next(r for r in figs.tables["check_change"].rows if r["key"] == "pre_post")
    assert row["players"] == 3
    pre, post = (50 + 25 + 100) / 3, (75 + 50 + 100) / 3
    assert row["before"] == pytest.approx(pre / 100)
    assert row["after"] == pytest.approx(post / 100)
    assert row["hake_g"] == pytest.approx((post - pre) / (100 - pre))
    assert row["mean_change"] == pytest.approx((25 / 50 + 25 / 75) / 2)
    diffs = [25, 25, 0]
    m = sum(diffs) / 3
    sd = math.sqrt(sum((d - m) ** 2 for d in diffs) / 2)
    assert row["d_z"] == pytest.approx(m / sd)
    assert figs.change.players == 3
    phases = {r["key"]: r for r in figs.tables["checks_by_phase"].rows}
    assert phases["pre"]["passed"] == pytest.approx(2 / 4)  # 100 % and 100 % reach the pass mark of 70 %
    assert phases["post"]["passed"] == pytest.approx(2 / 3)  # 75 % and 100 %


def test_verdicts_tell_learning_from_suspicion():
    class Change:
        def __init__(self, dd, dc):
            self.d_prime_change, self.criterion_change = dd, dc

    assert "better" in figures.verdict(Change(0.5, 0.0))
    assert "suspicion" in figures.verdict(Change(0.05, -0.8))
    assert "less well" in figures.verdict(Change(-0.5, 0.0))
    assert figures.verdict(None) is None


def test_plays_endings_flags_and_languages_hand_counted():
    recs = ([play("dream-job", "safe", {"pay-too-good": "spotted", "rush": "not-met"}, hits=1)] * 1
            + [play("dream-job", "safe", {"pay-too-good": "missed"}, misses=1, lang="my") for _ in range(2)]
            + [play("friend-referral", "trapped-with-help", {"pay-too-good": "spotted"}, hits=1, false_alarms=1, lang="en")])
    figs = figures.build(recs)
    plays = figs.tables["plays_by_story"]
    rows = {r["story_id"]: r for r in plays.rows}
    assert rows["dream-job"]["safe"] == 3 and rows["dream-job"]["plays"] == 3
    assert rows["friend-referral"]["trapped_with_help"] == 1
    assert plays.rows[plays.total_row]["plays"] == 4
    flags = {r["red_flag_id"]: r for r in figs.tables["red_flags_in_stories"].rows}
    assert flags["pay-too-good"]["met"] == 4 and flags["pay-too-good"]["spotted"] == 2
    assert flags["pay-too-good"]["percent_spotted"] == pytest.approx(0.5)
    assert "rush" not in flags  # "not-met" is not a chance to spot it
    langs = {r["key"]: r["plays"] for r in figs.tables["plays_by_language"].rows}
    assert langs == {"th": 1, "my": 2, "en": 1, "other": 0, "total": 4}
    choices = {r["story_id"]: r for r in figs.tables["story_choices"].rows}
    assert choices["dream-job"]["discernment"] is None  # no safe offer met: H − F is not defined
    assert choices["friend-referral"]["discernment"] == pytest.approx(1 / 1 - 1 / 1)  # spotted 1 of 1, doubted 1 of 1
    assert figs.kinds == {"play": 4}


def test_class_record_read_defensively():
    rec = R.validate({"id": R.new_id(), "kind": "class", "date": "2026-11-02", "session": "s1", "label": "Grade 10 B",
                      "gender": {"female": 12, "male": 14}, "age_bands": {"13-15": 26},
                      "stories": [{"scenario": "dream-job", "ending": None, "ending_kind": None,
                                   "votes": [{"scene": "ad", "counts": {"0": 20, "1": 6}, "chosen": "0", "tie": False},
                                             {"scene": "ad"}, "nonsense"], "mood": "unknown field"},
                                  {"votes": "not a list"}, 7]})
    figs = figures.build([rec])
    classes = figs.tables["class_sessions"].rows
    assert classes[0]["students"] == 26 and classes[0]["votes"] == 2
    assert "not available" in classes[0]["stories"]
    votes = figs.tables["class_votes"].rows
    assert [(v["choice_id"], v["hands"], v["chosen"]) for v in votes[:2]] == [("0", 20, "yes"), ("1", 6, "no")]
    assert votes[2]["choice"] == "not available" and votes[2]["tie"] == "not available"
    gender = {r["key"]: r["people"] for r in figs.tables["people_by_gender"].rows}
    assert gender == {"female": 12, "male": 14, "other": 0, "unknown": 0, "total": 26}


def test_class_checks_scored_on_hands(content):
    _s, _f, _g, forms = content
    recs = synthetic.class_records(1, content[0], forms, seed=5)
    t = figures.build(recs, forms=forms).tables["class_checks"]
    assert [r["form"] for r in t.rows] == ["A", "B"]
    pre, post = t.rows
    assert pre["hands"] >= 18 and post["hake_g"] is not None
    assert post["hake_g"] == pytest.approx((post["percent_correct"] - pre["percent_correct"]) / (1 - pre["percent_correct"]))


def test_seeded_synthetic_set_counted_another_way(content):
    recs = synthetic.dataset(plays=300, players=40, sessions=2, seed=11, content=content)
    assert recs == synthetic.dataset(plays=300, players=40, sessions=2, seed=11, content=content)  # seeded
    for r in recs:
        R.validate(r)
    figs = figures.build(recs, forms=content[3])
    plays = [r for r in recs if r["kind"] == "play"]
    table = figs.tables["plays_by_story"]
    for row in table.rows[: table.total_row]:
        mine = [r for r in plays if r["scenario"] == row["story_id"]]
        assert row["plays"] == len(mine)
        assert row["safe"] == sum(r["ending_kind"] == "safe" for r in mine)
    checks = [r for r in recs if r["kind"] == "check"]
    by_phase = {r["key"]: r for r in figs.tables["checks_by_phase"].rows}
    assert by_phase["pre"]["players"] == 40 and by_phase["post"]["players"] == 40
    hits = sum(a["truth"] == "scam" and a["answer"] == "scam" for r in checks if r["phase"] == "post"
               for a in r["answers"] if a["type"] == "offer")
    scams = sum(a["truth"] == "scam" for r in checks if r["phase"] == "post" for a in r["answers"] if a["type"] == "offer")
    assert by_phase["post"]["hit_rate"] == pytest.approx((hits + 0.5) / (scams + 1))
    # the synthetic players improve (skill 0.6 → 0.8): the report must see it
    assert by_phase["post"]["d_prime"] > by_phase["pre"]["d_prime"]
    change = next(r for r in figs.tables["check_change"].rows if r["key"] == "pre_post")
    assert change["players"] == 40 and change["after"] > change["before"]
