import pytest
from hypothesis import given, strategies as st

from safepath.story import conditions as c


class Facts:
    def __init__(self, flags=(), scores=None, spotted=()):
        self.flags = set(flags)
        self.scores = scores or {}
        self.spotted = set(spotted)

    def number(self, name):
        return self.scores.get(name, 0)

    def ask(self, function, argument):
        return argument in {"has": self.flags, "spotted": self.spotted}.get(function, set())


@pytest.mark.parametrize(
    "src, facts, expected",
    [
        ("has(a)", Facts(flags={"a"}), True),
        ("has(a) and not has(b)", Facts(flags={"a", "b"}), False),
        ("safety >= 3 or spotted(rush)", Facts(scores={"safety": 1}, spotted={"rush"}), True),
        ("safety >= 3 or spotted(rush)", Facts(scores={"safety": 1}), False),
        ("(has(a) or has(b)) and safety == -2", Facts(flags={"b"}, scores={"safety": -2}), True),
        ("not (safety < 0)", Facts(scores={"safety": 0}), True),
        ("true and not false", Facts(), True),
    ],
)
def test_evaluate(src, facts, expected):
    assert c.evaluate(c.parse(src), facts) is expected


@pytest.mark.parametrize(
    "src, offset, words",
    [
        ("safety", 0, "yes or no"),
        ("has(a) & has(b)", 7, "unexpected character"),
        ("x = 3", 2, "'=='"),
        ("has(", 4, "expected a name"),
        ("foo(x)", 0, "unknown function"),
        ("has(a) has(b)", 7, "after a complete condition"),
        ("has(a) and 3", 11, "found a number"),
        ("has(a) < 3", 0, "compares numbers"),
        ("", 0, "empty"),
        ("(" * 40 + "has(a)" + ")" * 40, None, "nested deeper"),
    ],
)
def test_errors_say_where_and_what(src, offset, words):
    with pytest.raises(c.ConditionError) as err:
        c.parse(src)
    text = err.value.message + " " + err.value.hint
    assert words in text
    if offset is not None:
        assert err.value.offset == offset


def test_references_name_everything_used():
    expr = c.parse("has(x) and spotted(pay-too-good) or safety > 2 and visited(ad)")
    assert sorted((k, n) for k, n, _ in c.references(expr)) == [
        ("flag", "x"), ("red_flag", "pay-too-good"), ("scene", "ad"), ("score", "safety")]


@given(st.text(max_size=80))
def test_random_text_only_raises_condition_error(src):
    try:
        expr = c.parse(src)
    except c.ConditionError:
        return
    assert c.to_source(c.parse(c.to_source(expr))) == c.to_source(expr)
