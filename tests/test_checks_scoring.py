"""The checks' scoring against values worked by hand in docs/research.md (section 10), and a simulated cohort."""

from __future__ import annotations

from statistics import mean

import pytest

from safepath.checks import scoring
from safepath.checks.answers import action_answer, offer_answer, sign_answer
from safepath.checks.model import ActionItem, Form, Message, OfferItem, Option, SignItem
from safepath.checks.scoring import Tally
from safepath.checks.simulate import cohort
from safepath.story.model import Pos, Text

P = Pos("test.yaml", 1, 1)


def _t(s: str) -> Text:
    return Text(s, "ctx/" + s, P)


def _message(n: int) -> Message:
    return Message("chat", "LINE", _t(f"Sender {n}"), (_t(f"Offer number {n}"),), None)


def synthetic_form(letter: str, scams: int = 8, reals: int = 8) -> Form:
    items = [OfferItem(f"{letter}-s{n}", letter, _message(n), "scam", ("pay-too-good", "rush"), (), P)
             for n in range(scams)]
    items += [OfferItem(f"{letter}-r{n}", letter, _message(100 + n), "real", (), ("written-contract",), P)
              for n in range(reals)]
    items.append(SignItem(f"{letter}-sign", letter, _message(999), (
        Option("pay", _t("pay"), True, P, "pay-too-good"), Option("rush", _t("rush"), True, P, "rush"),
        Option("office", _t("office"), False, P)), ("pay-too-good", "rush"), P))
    items.append(ActionItem(f"{letter}-act", letter, _t("What first?"), (
        Option("call", _t("call 1506"), True, P), Option("go", _t("go"), False, P)), ("unverifiable-company",), P))
    return Form(letter, tuple(items), "test.yaml", P)


# -- the worked example of measurement.md -------------------------------------------------------------------
def test_worked_example_seven_scams_two_false_alarms():
    tally = Tally(hits=7, misses=1, false_alarms=2, trusted=6)
    assert tally.hit_rate == pytest.approx(7.5 / 9) == pytest.approx(0.8333, abs=1e-4)
    assert tally.false_alarm_rate == pytest.approx(2.5 / 9) == pytest.approx(0.2778, abs=1e-4)
    assert scoring.z(tally.hit_rate) == pytest.approx(0.9674, abs=1e-4)
    assert scoring.z(tally.false_alarm_rate) == pytest.approx(-0.5895, abs=1e-4)
    assert tally.d_prime == pytest.approx(1.5569, abs=1e-4)
    assert tally.criterion == pytest.approx(-0.1890, abs=1e-4)
    assert tally.discernment == pytest.approx(7 / 8 - 2 / 8)


def test_scam_to_everything_is_a_bias_not_sensitivity():
    tally = Tally(hits=8, misses=0, false_alarms=8, trusted=0)
    assert tally.hit_rate == pytest.approx(8.5 / 9) == pytest.approx(0.9444, abs=1e-4)
    assert tally.false_alarm_rate == pytest.approx(0.9444, abs=1e-4)
    assert tally.d_prime == pytest.approx(0.0, abs=1e-12)
    assert tally.criterion == pytest.approx(-1.5932, abs=1e-4)
    assert tally.discernment == 0
    assert tally.bias_word == "suspicion"


def test_real_to_everything_is_naivety_and_perfect_is_finite():
    naive = Tally(hits=0, misses=8, false_alarms=0, trusted=8)
    assert naive.d_prime == pytest.approx(0.0, abs=1e-12)
    assert naive.criterion == pytest.approx(1.5932, abs=1e-4)
    assert naive.bias_word == "naivety"
    perfect = Tally(hits=8, misses=0, false_alarms=0, trusted=8)  # 100 % and 0 %: finite thanks to the correction
    assert perfect.d_prime == pytest.approx(2 * 1.5932, abs=1e-3)
    assert perfect.criterion == pytest.approx(0.0, abs=1e-12)
    assert perfect.discernment == 1.0
    assert Tally().discernment is None  # no offers at all: no rate, and no division by zero


def test_answers_build_the_same_tally_as_counting_by_hand():
    form = synthetic_form("A")
    offers = form.offers()
    answers = [offer_answer(item, "scam" if n < 7 else "real", 3) for n, item in enumerate(offers[:8])]
    answers += [offer_answer(item, "scam" if n < 2 else "real", 2) for n, item in enumerate(offers[8:])]
    answers.append(sign_answer(form.items[16], ["pay", "office"]))
    answers.append(action_answer(form.items[17], "call"))
    score = scoring.score_answers(answers)
    assert score.tally == Tally(hits=7, misses=1, false_alarms=2, trusted=6)
    assert score.tally.d_prime == pytest.approx(1.5569, abs=1e-4)
    assert score.items == 18 and score.correct == 7 + 6 + 0 + 1  # the sign item needs both signs and not the office
    assert score.percent == pytest.approx(100 * 14 / 18)
    # per red flag: offers showing it, plus the sign item's right option that is it
    assert score.flags["pay-too-good"] == (8, 9)  # 7 scams spotted + "pay" ticked; 8 scams + the option
    assert score.flags["rush"] == (7, 9)  # "rush" was not ticked
    assert score.signs["written-contract"] == (6, 8)
    assert score.by_sure == {2: (6, 8), 3: (7, 8)}


def test_answer_builders_refuse_what_a_screen_cannot_send():
    form = synthetic_form("A")
    with pytest.raises(ValueError):
        offer_answer(form.items[0], "maybe", 2)
    with pytest.raises(ValueError):
        offer_answer(form.items[0], "scam", 5)
    with pytest.raises(ValueError):
        action_answer(form.items[17], "nothing")
    assert sign_answer(form.items[16], ["rush", "pay", "unknown"])["chosen"] == ["pay", "rush"]


# -- a class's counts ------------------------------------------------------------------------------------------
def test_class_counts_pool_like_answers():
    form = synthetic_form("A")
    items = []
    for item in form.offers():  # a class of 20: 15 hands for "scam" on scams, 5 on real offers
        counts = {"scam": 15, "real": 5} if item.is_scam else {"scam": 5, "real": 15}
        items.append({"item": item.id, "type": "offer", "counts": counts})
    items.append({"item": "A-sign", "type": "sign", "counts": {"pay": 20, "rush": 10, "office": 4}})
    items.append({"item": "A-act", "type": "action", "counts": {"call": 12, "go": 8}})
    items.append({"item": "not-in-the-form", "type": "offer", "counts": {"scam": 3}})  # ignored
    score = scoring.score_counts(items, form)
    assert score.tally == Tally(hits=120, misses=40, false_alarms=40, trusted=120)
    assert score.tally.hit_rate == pytest.approx(120.5 / 161)
    assert score.tally.discernment == pytest.approx(0.75 - 0.25)
    sign_share = (20 + 10 + (20 - 4)) / 3
    assert score.items == 16 * 20 + 20 + 20
    assert score.correct == pytest.approx(120 + 120 + sign_share + 12)
    assert score.flags["pay-too-good"] == (120 + 20, 160 + 20)
    assert score.signs["written-contract"] == (120, 160)


def test_class_record_builder_and_scoring_agree():
    from safepath.saves.records import class_check_record

    form = synthetic_form("B")
    items = [{"item": i.id, "type": "offer", "counts": {"scam": 9, "real": 1} if i.is_scam else {"scam": 9, "real": 1}}
             for i in form.offers()]
    record = class_check_record("B", "post", items, session="s-1", lang="th")
    assert record["kind"] == "class-check" and record["items"][0]["counts"] == {"scam": 9, "real": 1}
    score = scoring.score_counts(record["items"], form)
    assert score.tally.d_prime == pytest.approx(0.0, abs=1e-12)  # the class said "scam" to everything
    assert score.tally.criterion < -1


# -- change -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("pre, post, expected", [
    (50, 75, 0.5), (60, 80, 0.5), (80, 60, -0.25), (40, 40, 0.0), (0, 50, 0.5), (100, 50, -0.5),
    (0, 0, None), (100, 100, None), (50, 100, 1.0), (50, 0, -1.0),
])
def test_marx_cummings_normalised_change(pre, post, expected):
    got = scoring.normalised_change(pre, post)
    assert got == (pytest.approx(expected) if expected is not None else None)


def test_mean_of_players_values_not_change_of_means():
    pairs = [(50, 75), (80, 60), (100, 100), (20, 20)]  # 0.5, -0.25, left out, 0
    assert scoring.mean_normalised_change(pairs) == pytest.approx((0.5 - 0.25 + 0) / 3)
    assert scoring.mean_normalised_change([(0, 0), (100, 100)]) is None


def test_hake_gain_and_bands():
    assert scoring.hake_gain(40, 70) == pytest.approx(0.5)
    assert scoring.hake_gain(100, 100) is None
    assert scoring.gain_band(0.23) == "low" and scoring.gain_band(0.48) == "medium" and scoring.gain_band(0.8) == "high"
    assert scoring.gain_band(0.3) == "medium" and scoring.gain_band(0.7) == "medium" and scoring.gain_band(None) == "unknown"


def test_paired_dz():
    pairs = [(50, 60), (40, 60), (70, 70), (30, 50)]  # differences 10, 20, 0, 20: mean 12.5, sd 9.574
    assert scoring.paired_dz(pairs) == pytest.approx(12.5 / 9.5743, abs=1e-3)
    assert scoring.paired_dz([(10, 20)]) is None
    assert scoring.paired_dz([(10, 20), (30, 40)]) is None  # no spread: no effect size, not infinity


def test_pairing_by_anonymous_code_keeps_the_latest_of_each_phase():
    rec = lambda player, phase, date, pct: {"kind": "check", "player": player, "phase": phase, "date": date,
                                             "answers": [], "pct": pct}
    records = [rec("p-1", "pre", "2026-12-01", 1), rec("p-1", "post", "2026-12-02", 2), rec("p-1", "post", "2026-12-03", 3),
               rec("p-2", "pre", "2026-12-01", 4), rec(None, "pre", "2026-12-01", 5), {"kind": "play", "player": "p-2"}]
    pairs = scoring.pair_records(records)
    assert [(a["pct"], b["pct"]) for a, b in pairs] == [(1, 3)]


# -- the simulated cohort -------------------------------------------------------------------------------------
def test_simulated_cohort_tells_learning_from_suspicion_and_guessing():
    forms = {letter: synthetic_form(letter) for letter in "ABC"}
    players = cohort(forms, players=200, seed=12)
    assert len(players) == 200
    assert sum(p.pre["form"] == "A" for p in players) in range(80, 121)  # counterbalanced: about half start on A
    by_kind: dict[str, list] = {}
    for p in players:
        by_kind.setdefault(p.kind, []).append((scoring.score_answers(p.pre["answers"]),
                                               scoring.score_answers(p.post["answers"])))
    change = {kind: scoring.group_change(pairs) for kind, pairs in by_kind.items()}
    learn, suspect, guess = change["discerning"], change["suspicious"], change["random"]
    # discerning players gain in d' and in the percentage correct, with no shift to suspicion
    assert learn.d_prime_change > 1.0 and learn.hake_g > 0.5 and learn.d_z > 1
    assert abs(learn.criterion_change) < 0.3
    # "scam to everything": the criterion moves far towards "scam", d' does not rise, the percentage falls
    assert suspect.criterion_change < -0.8
    assert suspect.d_prime_change < 0.3
    assert suspect.post_percent < suspect.pre_percent and suspect.mean_change < 0
    # spotting scams alone would have called them the best learners
    spotted = lambda pairs, i: mean(pair[i].tally.hits / pair[i].tally.scams for pair in pairs)
    assert spotted(by_kind["suspicious"], 1) > spotted(by_kind["discerning"], 1)
    # guessing: no sensitivity before or after, and no gain
    assert abs(guess.pre_d_prime) < 0.25 and abs(guess.post_d_prime) < 0.25
    assert abs(guess.d_prime_change) < 0.3 and abs(guess.mean_change) < 0.15
    # the whole cohort, paired through the records themselves
    records = [r for p in players for r in (p.pre, p.post)]
    assert scoring.group_change_of_records(records).players == 200


def test_simulation_is_seeded():
    forms = {letter: synthetic_form(letter) for letter in "ABC"}
    first = [p.post["answers"] for p in cohort(forms, players=12, seed=3)]
    again = [p.post["answers"] for p in cohort(forms, players=12, seed=3)]
    assert first == again


def test_check_records_are_validated_before_they_are_kept():
    from safepath.saves.records import check_record, validate

    form = synthetic_form("A")
    record = check_record("A", "pre", [offer_answer(form.items[0], "scam", 2)], player="p-0123456789", lang="my")
    assert record["answers"][0] == {"item": "A-s0", "type": "offer", "correct": True, "truth": "scam", "answer": "scam",
                                    "sure": 2, "flags": ["pay-too-good", "rush"], "signs": []}
    for broken in ({"sure": 7}, {"answer": "maybe"}, {"truth": None}):
        bad = dict(record, answers=[dict(record["answers"][0], **broken)])
        with pytest.raises(ValueError):
            validate(bad)
    with pytest.raises(ValueError):
        check_record("D", "pre", [], player=None, lang="en")


def test_the_worked_example_in_the_trainers_guide_is_what_the_scoring_gives():
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "docs" / "checks.md").read_text(encoding="utf-8")
    text = " ".join(text.replace("\u2212", "-").split())  # the page writes minus signs and wraps its lines
    tally = Tally(hits=7, misses=1, false_alarms=2, trusted=6)
    said = f"H = 7.5 / 9 = {tally.hit_rate:.3f}, F = 2.5 / 9 = {tally.false_alarm_rate:.3f}, " \
           f"d′ = {tally.d_prime:.2f}, c = {tally.criterion:.2f}"
    assert said in text
    assert f"c ≈ {Tally(hits=8, false_alarms=8).criterion:.1f}" in text
    assert f"about {Tally(hits=8, trusted=8).d_prime:.1f}" in text


def test_class_template_has_every_answer_of_every_item_at_zero():
    from safepath.checks.answers import class_template

    form = synthetic_form("C")
    template = class_template(form)
    assert len(template) == len(form.items)
    by_id = {i["item"]: i for i in template}
    assert by_id["C-s0"]["counts"] == {"scam": 0, "real": 0}
    assert by_id["C-sign"]["counts"] == {"pay": 0, "rush": 0, "office": 0}
    assert by_id["C-act"] == {"item": "C-act", "type": "action", "counts": {"call": 0, "go": 0}}
    assert scoring.score_counts(template, form).items == 0  # an empty class scores nothing, and does not fail
