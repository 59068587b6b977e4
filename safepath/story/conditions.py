"""A tiny, safe condition language for choices and badges.

Authors write conditions such as::

    has(asked_company) and not has(sent_passport)
    safety >= 3 or spotted(rush)
    ending(safe) and false_alarms == 0
    met(secrecy) and not visited(search)
    trusted(licence-checked) or accepted(northstar)

The grammar, from loosest to tightest binding::

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := value (("<" | "<=" | ">" | ">=" | "==" | "!=") value)?
    value   := NUMBER | NAME | NAME "(" ARG ")" | "true" | "false" | "(" expr ")"

A bare NAME is a number: a score declared by the scenario or one of the
counters in :data:`COUNTERS`. A call is a yes/no question from
:data:`FUNCTIONS`. Conditions are parsed and type-checked when the scenario
loads, so a mistake is reported with its column before anyone plays; they are
evaluated by walking the tree, never with ``eval``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol, Union

from safepath.story.direct_init import store_through_slots

#: yes/no questions and what their argument names.
FUNCTIONS = {
    "has": "flag",  # a story flag set by a choice
    "spotted": "red_flag",  # the player spotted this red flag
    "missed": "red_flag",  # the player went past this red flag
    "met": "sign",  # the red flag (or safe sign) appeared in a visited scene
    "visited": "scene",  # the player has been in this scene
    "ending": "ending",  # the ending reached is of this kind (badges)
    "trusted": "safe_sign",  # a choice trusted this safe sign
    "doubted": "safe_sign",  # a choice distrusted this safe sign (and none trusted it)
    "accepted": "offer",  # a choice accepted this offer
    "refused": "offer",  # a choice refused this offer (and none accepted it)
}

#: numbers every scenario has besides its scores.
COUNTERS = ("hits", "misses", "false_alarms", "trusted_safe", "choices_made")

COMPARATORS = ("<=", ">=", "==", "!=", "<", ">")
MAX_LENGTH = 500
MAX_DEPTH = 32


class ConditionError(ValueError):
    """A condition that cannot be parsed or does not type-check."""

    def __init__(self, message: str, offset: int, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.offset = offset  # 0-based position in the condition text
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Number:
    value: int
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Bool:
    value: bool


@dataclass(frozen=True, slots=True)
class Name:
    name: str
    offset: int


@dataclass(frozen=True, slots=True)
class Call:
    function: str
    argument: str
    offset: int  # of the argument


@dataclass(frozen=True, slots=True)
class Not:
    operand: "Expr"


@dataclass(frozen=True, slots=True)
class BoolOp:
    op: str  # "and" | "or"
    operands: tuple["Expr", ...]


@dataclass(frozen=True, slots=True)
class Compare:
    op: str
    left: "Expr"
    right: "Expr"


Expr = Union[Number, Bool, Name, Call, Not, BoolOp, Compare]
for _made_often in (Number, Bool, Name, Call, Not, BoolOp, Compare):
    store_through_slots(_made_often)  # one tree per condition, thousands in a long story; see direct_init
del _made_often

_TOKEN = re.compile(
    r"\s*(?:(?P<num>-?\d+)|(?P<name>[A-Za-z_][A-Za-z0-9_\-]*)|(?P<op><=|>=|==|!=|<|>|\(|\))|(?P<bad>\S))"
)
_KEYWORDS = {"and", "or", "not", "true", "false"}


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # num, name, op, end
    text: str
    offset: int


store_through_slots(_Tok)


def _tokenize(src: str) -> list[_Tok]:
    toks: list[_Tok] = []
    pos = 0
    while pos < len(src):
        m = _TOKEN.match(src, pos)
        if not m or m.end() == pos:
            break
        kind = m.lastgroup
        text = m.group(kind)
        start = m.start(kind)
        if kind == "bad":
            hint = "use 'and', 'or', 'not' instead of symbols" if text in "&|!" else ""
            if text == "=":
                hint = "compare with '==', not '='"
            raise ConditionError(f"unexpected character {text!r}", start, hint)
        toks.append(_Tok(kind, text, start))
        pos = m.end()
    toks.append(_Tok("end", "", len(src.rstrip())))
    return toks


class _Parser:
    def __init__(self, src: str):
        self.toks = _tokenize(src)
        self.i = 0
        self.depth = 0

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect(self, text: str) -> _Tok:
        tok = self.peek()
        if tok.text != text:
            found = repr(tok.text) if tok.kind != "end" else "the end"
            raise ConditionError(f"expected {text!r} but found {found}", tok.offset)
        return self.take()

    def parse(self) -> Expr:
        expr = self.or_()
        tok = self.peek()
        if tok.kind != "end":
            hint = "join conditions with 'and' or 'or'" if tok.kind in ("name", "num") else ""
            raise ConditionError(f"unexpected {tok.text!r} after a complete condition", tok.offset, hint)
        return expr

    def _nest(self, tok: _Tok) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError(f"condition nested deeper than {MAX_DEPTH} levels", tok.offset)

    def or_(self) -> Expr:
        parts = [self.and_()]
        while self.peek().text == "or":
            self.take()
            parts.append(self.and_())
        return parts[0] if len(parts) == 1 else BoolOp("or", tuple(parts))

    def and_(self) -> Expr:
        parts = [self.not_()]
        while self.peek().text == "and":
            self.take()
            parts.append(self.not_())
        return parts[0] if len(parts) == 1 else BoolOp("and", tuple(parts))

    def not_(self) -> Expr:
        tok = self.peek()
        if tok.text == "not":
            self.take()
            self._nest(tok)
            inner = self.not_()
            self.depth -= 1
            return Not(inner)
        return self.compare()

    def compare(self) -> Expr:
        left = self.value()
        tok = self.peek()
        if tok.text in COMPARATORS:
            self.take()
            right = self.value()
            return Compare(tok.text, left, right)
        return left

    def value(self) -> Expr:
        tok = self.take()
        if tok.kind == "num":
            return Number(int(tok.text), tok.offset)
        if tok.text == "(":
            self._nest(tok)
            inner = self.or_()
            self.expect(")")
            self.depth -= 1
            return inner
        if tok.kind == "name" and tok.text in ("true", "false"):
            return Bool(tok.text == "true")
        if tok.kind == "name" and tok.text not in _KEYWORDS:
            if self.peek().text == "(":
                self.take()
                arg = self.take()
                if arg.kind != "name":
                    found = repr(arg.text) if arg.kind != "end" else "the end"
                    raise ConditionError(f"expected a name inside {tok.text}( ) but found {found}", arg.offset)
                self.expect(")")
                return Call(tok.text, arg.text, arg.offset)
            return Name(tok.text, tok.offset)
        found = repr(tok.text) if tok.kind != "end" else "the end of the condition"
        raise ConditionError(f"expected a value but found {found}", tok.offset)


def _type_of(expr: Expr) -> str:
    """'bool' or 'number'; raises ConditionError where types do not fit."""
    if isinstance(expr, Number):
        return "number"
    if isinstance(expr, Bool):
        return "bool"
    if isinstance(expr, Name):
        return "number"
    if isinstance(expr, Call):
        if expr.function not in FUNCTIONS:
            raise ConditionError(
                f"unknown function {expr.function!r}", max(0, expr.offset - len(expr.function) - 1),
                "known functions: " + ", ".join(f"{f}(...)" for f in FUNCTIONS),
            )
        return "bool"
    if isinstance(expr, Not):
        _want(expr.operand, "bool", "'not' needs a yes/no condition")
        return "bool"
    if isinstance(expr, BoolOp):
        for operand in expr.operands:
            _want(operand, "bool", f"'{expr.op}' joins yes/no conditions")
        return "bool"
    if isinstance(expr, Compare):
        if expr.op in ("==", "!="):
            lt, rt = _type_of(expr.left), _type_of(expr.right)
            if lt != rt:
                raise ConditionError(f"cannot compare a {lt} with a {rt}", _offset(expr.right))
        else:
            _want(expr.left, "number", f"'{expr.op}' compares numbers")
            _want(expr.right, "number", f"'{expr.op}' compares numbers")
        return "bool"
    raise AssertionError(expr)


def _want(expr: Expr, kind: str, why: str) -> None:
    got = _type_of(expr)
    if got != kind:
        hint = ""
        if isinstance(expr, Name) and kind == "bool":
            hint = f"to test a story flag write has({expr.name}); to test a score write {expr.name} > 0"
        raise ConditionError(f"{why}, but found a {got}", _offset(expr), hint)


def _offset(expr: Expr) -> int:
    if isinstance(expr, (Name, Number)):
        return expr.offset
    if isinstance(expr, Call):
        return max(0, expr.offset - len(expr.function) - 1)
    if isinstance(expr, Not):
        return _offset(expr.operand)
    if isinstance(expr, BoolOp):
        return _offset(expr.operands[0])
    if isinstance(expr, Compare):
        return _offset(expr.left)
    return 0


def parse(src: str) -> Expr:
    """Parse and type-check a yes/no condition. Raises :class:`ConditionError`."""
    if not isinstance(src, str):
        raise ConditionError("a condition must be text", 0)
    if len(src) > MAX_LENGTH:
        raise ConditionError(f"condition is {len(src)} characters long; the limit is {MAX_LENGTH}", MAX_LENGTH)
    if not src.strip():
        raise ConditionError("the condition is empty", 0)
    expr = _Parser(src).parse()
    _want(expr, "bool", "a condition must be yes or no")
    return expr


def references(expr: Expr):
    """Yield (what, name, offset) for every name used: ('score', n, o) or (FUNCTIONS[f], arg, o)."""
    if isinstance(expr, Name):
        yield ("score", expr.name, expr.offset)
    elif isinstance(expr, Call):
        yield (FUNCTIONS.get(expr.function, "unknown"), expr.argument, expr.offset)
    elif isinstance(expr, Not):
        yield from references(expr.operand)
    elif isinstance(expr, BoolOp):
        for operand in expr.operands:
            yield from references(operand)
    elif isinstance(expr, Compare):
        yield from references(expr.left)
        yield from references(expr.right)


class Facts(Protocol):
    """What a condition can ask about; the engine's state provides it."""

    def number(self, name: str) -> int: ...

    def ask(self, function: str, argument: str) -> bool: ...


_COMPARE = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


def evaluate(expr: Expr, facts: Facts):
    if isinstance(expr, Number):
        return expr.value
    if isinstance(expr, Bool):
        return expr.value
    if isinstance(expr, Name):
        return facts.number(expr.name)
    if isinstance(expr, Call):
        return facts.ask(expr.function, expr.argument)
    if isinstance(expr, Not):
        return not evaluate(expr.operand, facts)
    if isinstance(expr, BoolOp):
        if expr.op == "and":
            return all(evaluate(o, facts) for o in expr.operands)
        return any(evaluate(o, facts) for o in expr.operands)
    if isinstance(expr, Compare):
        return _COMPARE[expr.op](evaluate(expr.left, facts), evaluate(expr.right, facts))
    raise AssertionError(expr)


def to_source(expr: Expr) -> str:
    """Canonical text of a condition (for graphs and reports)."""
    if isinstance(expr, Number):
        return str(expr.value)
    if isinstance(expr, Bool):
        return "true" if expr.value else "false"
    if isinstance(expr, Name):
        return expr.name
    if isinstance(expr, Call):
        return f"{expr.function}({expr.argument})"
    if isinstance(expr, Not):
        inner = to_source(expr.operand)
        return f"not ({inner})" if isinstance(expr.operand, (BoolOp, Compare)) else f"not {inner}"
    if isinstance(expr, BoolOp):
        parts = []
        for o in expr.operands:
            s = to_source(o)
            parts.append(f"({s})" if isinstance(o, BoolOp) else s)
        return f" {expr.op} ".join(parts)
    if isinstance(expr, Compare):
        return f"{to_source(expr.left)} {expr.op} {to_source(expr.right)}"
    raise AssertionError(expr)
