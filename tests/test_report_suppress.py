"""Small-cell suppression: primary, complementary (nothing hidden can be worked out), groups, ranges, k."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safepath.report import figures
from safepath.report.tables import COUNT, LABEL, PERCENT, Column, Table, check_k, percent_range, suppress
from safepath.saves import records as R


def grid(values: list[list[int]]) -> Table:
    """A table of counts with a total column and a total row, both published."""
    cols = [f"c{j}" for j in range(len(values[0]))]
    t = Table("t", "T", [Column("label", "Label", LABEL)] + [Column(c, c) for c in cols] + [Column("total", "Total")])
    for i, row in enumerate(values):
        t.add_row(label=f"r{i}", **dict(zip(cols, row)), total=sum(row))
    body = list(range(len(values)))
    total = t.add_row(label="all", **{c: sum(r[j] for r in values) for j, c in enumerate(cols)},
                      total=sum(map(sum, values)))
    t.total_row = total
    t.row_sums(cols, "total")
    t.row_sums([], None)  # a harmless empty sum
    t.column_sums(cols + ["total"], body, total)
    return t


def derivable(t: Table) -> list[tuple]:
    """Hidden cells that subtraction recovers: a published sum with exactly one hidden part."""
    out = []
    for parts, total in t.sums:
        present = [c for c in parts if isinstance(t.value(*c), (int, float))]
        hidden = [c for c in present if c in t.hidden]
        if len(hidden) == 1 and (total is None or total not in t.hidden):
            out.append(hidden[0])
    return out


def test_primary_hides_1_to_k_minus_1_and_keeps_zeros():
    t = suppress(grid([[0, 9, 10], [25, 30, 40]]), 10)
    assert t.hidden[(0, "c1")] == "small"
    assert (0, "c0") not in t.hidden  # a zero says nothing about anyone
    assert (0, "c2") not in t.hidden or t.hidden[(0, "c2")] == "complement"


def test_complementary_hand_worked():
    """r0 = [3, 20, 30] (total 53), r1 = [12, 14, 40]: 3 is small; its row and its column each need a partner."""
    t = suppress(grid([[3, 20, 30], [12, 14, 40]]), 10)
    assert t.hidden[(0, "c0")] == "small"
    assert t.hidden[(0, "c1")] == "complement"  # the smallest other count of r0
    assert t.hidden[(1, "c0")] == "complement"  # the smallest other count of column c0
    assert t.hidden[(1, "c1")] == "complement"  # then row r1 and column c1 have one hidden each: closed
    assert not derivable(t)
    assert (0, "total") not in t.hidden and (2, "total") not in t.hidden


def test_a_lone_count_makes_its_total_hidden():
    t = Table("t", "T", [Column("a", "a"), Column("b", "b"), Column("total", "total")])
    t.add_row(a=4, b=0, total=4)
    t.row_sums(["a", "b"], "total")
    suppress(t, 10)
    assert t.hidden[(0, "a")] == "small" and (0, "total") in t.hidden


def test_derived_values_follow_their_group_and_their_counts():
    t = Table("t", "T", [Column("n", "n"), Column("spotted", "s"), Column("missed", "m"), Column("pct", "%", PERCENT)])
    t.add_row(n=8, spotted=6, missed=2, pct=0.75)
    t.add_row(n=60, spotted=57, missed=3, pct=0.95)
    t.add_row(n=60, spotted=30, missed=30, pct=0.5)
    for r in range(3):
        t.add_sum([(r, "spotted"), (r, "missed")], (r, "n"))
        t.derive(r, "pct", t.rows[r]["n"], [(r, "spotted"), (r, "missed")])
    suppress(t, 10)
    assert t.hidden[(0, "pct")] == "group"  # 8 players: no rate at all
    assert t.hidden[(1, "pct")] == "complement"  # 95 % of 60 would give away the 3 who missed
    assert (2, "pct") not in t.hidden


def test_ranges_for_small_groups_near_0_and_100_percent():
    assert percent_range(0.97, 30) == "above"
    assert percent_range(0.02, 30) == "below"
    assert percent_range(0.97, 500) is None
    assert percent_range(0.5, 30) is None


def test_k_is_settable_but_never_below_5():
    assert check_k(5) == 5 and check_k(15) == 15
    for bad in (4, 0, -3, True, 7.5, "10"):
        with pytest.raises(ValueError):
            check_k(bad)
    t = grid([[6, 40], [50, 60]])
    assert (0, "c0") not in suppress(t, 5).hidden
    assert (0, "c0") in suppress(t, 15).hidden


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 5).flatmap(lambda cols: st.lists(st.lists(st.integers(0, 40), min_size=cols, max_size=cols),
                                                       min_size=1, max_size=6)),
       st.integers(5, 15))
def test_property_no_small_count_shown_and_none_derivable(values, k):
    t = suppress(grid(values), k)
    for r, row in enumerate(t.rows):
        for key, value in row.items():
            if t.column(key).kind == COUNT and isinstance(value, int) and 0 < value < k:
                assert (r, key) in t.hidden, (r, key, value)
    assert not derivable(t), t.hidden


def test_votes_of_a_class_protected_against_the_known_class_size():
    rec = R.validate({"id": R.new_id(), "kind": "class", "date": "2026-11-02", "session": "s1", "label": "10 B",
                      "gender": {"female": 15, "male": 15}, "age_bands": {},
                      "stories": [{"scenario": "dream-job", "votes": [
                          {"scene": "ad", "counts": {"0": 24, "1": 4, "2": 2}, "chosen": "0", "tie": False},
                          {"scene": "go", "counts": {"0": 26, "1": 4}, "chosen": "0", "tie": False}]}]})
    t = suppress(figures.build([rec]).tables["class_votes"], 10)
    hands = [t.shown(r, "hands") for r in range(3)]
    # 4 and 2 are small and hidden; two hidden cells can no longer be told apart from 30 − 24 = 6
    assert hands == [24, None, None]
    # a vote with one small count: the other count would give it away against the class size
    assert [t.shown(r, "hands") for r in range(3, 5)] == [None, None]
    assert not derivable(t)


def test_people_by_gender_small_group_and_complement():
    rec = R.validate({"id": R.new_id(), "kind": "class", "date": "2026-11-02", "session": "s1", "label": "10 B",
                      "gender": {"female": 14, "male": 17, "other": 2}, "age_bands": {}, "stories": []})
    t = suppress(figures.build([rec]).tables["people_by_gender"], 10)
    keys = {row["key"]: r for r, row in enumerate(t.rows)}
    assert t.hidden[(keys["other"], "people")] == "small"
    assert t.hidden[(keys["female"], "people")] == "complement"
    assert t.shown(keys["male"], "people") == 17 and t.shown(keys["total"], "people") == 33


def test_class_sessions_are_not_people():
    rec = R.validate({"id": R.new_id(), "kind": "class", "date": "2026-11-02", "session": "s1", "label": "10 B",
                      "gender": {}, "age_bands": {}, "stories": []})
    t = suppress(figures.build([rec]).tables["overview"], 10)
    row = next(r for r, row in enumerate(t.rows) if row["key"] == "class_sessions")
    assert t.shown(row, "count") == 1
