"""The loader: YAML with positions, the model it builds, and the problems it reports."""

from __future__ import annotations

import io
import re
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from safepath.story import conditions, loader
from safepath.cli import main
from safepath.story.model import EndingKind, Role, SceneKind
from safepath.story.yamlsource import Limits, parse_bytes, parse_text, read_yaml

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "data" / "valid"
CATALOGUE = VALID / "red_flags.yaml"
TINY = VALID / "tiny-job.yaml"
TINY_TEXT = TINY.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def catalogue():
    flags, diags = loader.load_catalogue(CATALOGUE)
    assert diags == []
    return flags


@pytest.fixture(scope="module")
def tiny(catalogue):
    result = loader.load_scenario(TINY, catalogue)
    assert result.diagnostics == [], [d.headline() for d in result.diagnostics]
    return result.scenario


def load_text(tmp_path, text, name="example.yaml", catalogue=CATALOGUE):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return loader.load_scenario(path, catalogue)


def codes(result):
    return [d.code for d in result.diagnostics]


# --- the model -----------------------------------------------------------------------------------


def test_defaults_and_short_forms(tiny):
    assert tiny.id == "tiny-job" and tiny.schema_version == 1
    assert tiny.start == "ad"  # default: the first scene
    assert tiny.audience == "13-25"
    assert tiny.characters["mai"].avatar == "mai"  # default: the id
    assert tiny.characters["nok"].avatar == "recruiter"
    assert tiny.characters["nok"].role is Role.RECRUITER
    assert tiny.scenes["ask"].kind is SceneKind.NARRATION
    assert tiny.scenes["ask"].next == "decide" and tiny.scenes["ask"].choices == ()
    assert tiny.scores == {"safety": 0, "trust": 2}
    assert list(tiny.scenes) == ["ad", "ask", "decide", "safe", "trapped"]
    assert tiny.scenes["trapped"].ending is EndingKind.TRAPPED_WITH_HELP
    assert set(tiny.red_flags) == {"pay-too-good", "free-travel", "unverifiable-company"}


def test_lines_in_every_form(tiny):
    lines = tiny.scenes["ad"].lines
    assert [(l.speaker, l.image) for l in lines] == [
        ("nok", None), ("nok", "job-ad"), (None, None), ("mai", None), (None, "contract")]
    assert lines[0].text.text.startswith("Hello! We are hiring")
    assert lines[2].text.text == "Mai reads the message twice."


def test_text_contexts_follow_the_format_table(tiny):
    contexts = {t.context for t in tiny.texts()}
    for expected in ["tiny-job/title", "tiny-job/summary", "tiny-job/content_note", "tiny-job/character/nok",
                     "tiny-job/ad/title", "tiny-job/ad/line/0", "tiny-job/ad/line/4", "tiny-job/ad/choice/0",
                     "tiny-job/ad/choice/0/feedback", "tiny-job/trapped/debrief", "tiny-job/trapped/notes",
                     "tiny-job/badge/careful/title", "tiny-job/badge/careful/description"]:
        assert expected in contexts
    assert len(contexts) == len(list(tiny.texts()))  # every context is unique


def test_translator_comments_name_speaker_and_scene(tiny):
    line = tiny.scenes["ad"].lines[0].text
    assert line.comment == "Khun Nok (recruiter) in scene 'ad', chat on Facebook"
    assert tiny.scenes["ask"].lines[0].text.comment == "Mother (family) in scene 'ask'"
    assert "Narration" in tiny.scenes["ad"].lines[2].text.comment
    assert "job-ad" in tiny.scenes["ad"].lines[1].text.comment


def test_positions_are_one_based_and_point_at_the_text(tiny):
    line = tiny.scenes["ad"].lines[0]
    source_line = TINY_TEXT.splitlines()[line.text.pos.line - 1]
    assert source_line[line.text.pos.column - 1:].startswith('"Hello!')
    choice = tiny.scenes["ad"].choices[0]
    assert TINY_TEXT.splitlines()[choice.text.pos.line - 1].strip() == "- text: Ask which company this is"


def test_choices_effects_and_conditions(tiny):
    ask, say_yes = tiny.scenes["ad"].choices
    assert ask.effects.scores == {"safety": 1} and ask.effects.spots == ("unverifiable-company", "pay-too-good")
    assert ask.effects.set == ("asked_company",) and ask.feedback.text.startswith("Good question")
    assert say_yes.effects.scores == {"safety": -1, "trust": 1} and say_yes.effects.misses == ("pay-too-good",)
    call, refuse, go, ask_travel = tiny.scenes["decide"].choices
    assert ask_travel.effects.spots == ("free-travel",) and ask_travel.condition is None
    assert call.condition_source == "has(asked_company) and not spotted(free-travel)"
    assert conditions.to_source(call.condition) == call.condition_source
    assert call.effects.trusts_safe and refuse.effects.false_alarm and refuse.effects.unset == ("asked_company",)
    assert [c.index for c in (call, refuse, go, ask_travel)] == [0, 1, 2, 3]
    assert tiny.badges[0].condition_source == "has(asked_company) and safety >= 1"


def test_catalogue_contexts(catalogue):
    flag = catalogue["pay-too-good"]
    assert (flag.title.context, flag.why.context, flag.action.context) == (
        "red-flag/pay-too-good/title", "red-flag/pay-too-good/why", "red-flag/pay-too-good/action")
    assert flag.title.pos.line == 5


def test_shipped_content_loads_clean():
    scenarios = sorted((ROOT / "content" / "scenarios").glob("*.yaml"))
    if not scenarios:
        pytest.skip("no shipped scenarios yet")
    report = loader.load_all([ROOT / "content" / "scenarios"])
    assert not report.errors, [d.headline() for d in report.errors]
    assert set(report.scenarios) == {p.stem for p in scenarios}


# --- problems ------------------------------------------------------------------------------------


def test_all_problems_of_a_file_are_collected(tmp_path):
    text = (TINY_TEXT.replace("goto: ask\n", "goto: asq\n")
            .replace("minutes: 5", "minutes: lots")
            .replace("- mother: Let us", "- mom: Let us")
            .replace("role: family", "role: aunt")
            .replace("if: trust > 2", "if: trusst > 2")
            .replace("spots: [unverifiable-company, pay-too-good]", "spots: [unverifiable-compnay, pay-too-good]"))
    result = load_text(tmp_path, text, "tiny-job.yaml")
    assert result.scenario is None
    assert sorted(codes(result)) == ["SP020", "SP023", "SP030", "SP031", "SP032", "SP041"]
    hints = {d.code: d.hint for d in result.diagnostics}
    assert hints["SP030"] == "did you mean 'ask'?"
    assert "mai, nok, mother" in hints["SP031"]
    assert hints["SP032"] == "did you mean 'unverifiable-company'?"
    assert hints["SP041"] == "did you mean 'trust'?"


@pytest.mark.parametrize("condition, column_offset", [("trust >> 2", 7), ("'trust >> 2'", 8)])
def test_condition_error_column_points_into_the_condition(tmp_path, condition, column_offset):
    text = TINY_TEXT.replace("if: trust > 2 or visited(ad)", f"if: {condition}")
    result = load_text(tmp_path, text, "tiny-job.yaml")
    (d,) = result.diagnostics
    source = text.splitlines()[d.line - 1]
    assert d.code == "SP040"
    assert d.column == source.index("if: ") + 5 + column_offset
    assert source[d.column - 1] == ">"



def test_a_condition_written_twice_is_reported_at_both_places(tmp_path):
    """A condition text is looked at once when it names only known things; one that names an unknown flag,
    score or offer is reported wherever it is written, however often."""
    for bad, code in (("has(asked_compnay)", "SP042"), ("trusst > 2", "SP041"), ("accepted(no-such-offer)", "SP016")):
        text = (TINY_TEXT.replace("if: trust > 2 or visited(ad)", f"if: {bad}")
                .replace("        false_alarm: true\n", f"        false_alarm: true\n        if: {bad}\n"))
        result = load_text(tmp_path, text, "tiny-job.yaml")
        found = [(d.code, d.line) for d in result.diagnostics]
        lines = [i + 1 for i, line in enumerate(text.splitlines()) if line.strip() == f"if: {bad}"]
        assert len(lines) == 2 and [c for c, _ in found] == [code, code] and sorted(n for _, n in found) == lines, found
    good = (TINY_TEXT.replace("if: trust > 2 or visited(ad)", "if: trust > 2")
            .replace("        false_alarm: true\n", "        false_alarm: true\n        if: trust > 2\n"))
    result = load_text(tmp_path, good, "tiny-job.yaml")
    assert result.diagnostics == []
    choices = [c for c in result.scenario.scenes["decide"].choices if c.condition_source == "trust > 2"]
    assert len(choices) == 2 and choices[0].condition is choices[1].condition

def test_duplicate_scene_keeps_first_and_reports_second(tmp_path):
    text = TINY_TEXT + "  ask:\n    lines: [Again.]\n    next: safe\n"
    result = load_text(tmp_path, text, "tiny-job.yaml")
    (d,) = result.diagnostics
    assert d.code == "SP006" and d.line == len(TINY_TEXT.splitlines()) + 1
    assert "line 45" in d.message


def test_missing_file_and_folder(tmp_path):
    assert codes(loader.load_scenario(tmp_path / "nope.yaml", {})) == ["SP001"]
    assert codes(loader.load_scenario(tmp_path, {})) == ["SP001"]


def test_file_too_large(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"notes: x\n" * (Limits().max_bytes // 9 + 1))
    result = loader.load_scenario(path, {})
    assert codes(result) == ["SP008"]
    assert codes_of(parse_bytes(b"a: 1\n" * 100, "f", Limits(max_bytes=100))) == ["SP008"]


def codes_of(doc):
    return [d.code for d in doc.diagnostics]


def test_nothing_is_constructed_from_python_tags(tmp_path):
    marker = tmp_path / "pwned"
    text = f"a: !!python/object/apply:pathlib.Path.touch [!!python/object/apply:pathlib.Path ['{marker}']]\n"
    assert codes_of(parse_text(text, "f")) == ["SP007"]
    assert not marker.exists()


def test_limits_stop_early():
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(12))
    assert codes_of(parse_text(laughs, "f")) == ["SP010"]
    assert codes_of(parse_text("a: " + "[" * 10_000 + "]" * 10_000, "f")) == ["SP009"]
    assert codes_of(parse_text("a: &x [*x]\n", "f")) == ["SP013"]
    assert codes_of(parse_text("a: " + "x" * 20, "f", Limits(max_string=10))) == ["SP012"]


def test_yes_no_keys_stay_names_and_dates_stay_text():
    doc = parse_text("yes: 1\nno: on\nwhen: 2024-05-01\n", "f")
    assert doc.root.plain() == {"yes": 1, "no": True, "when": "2024-05-01"}
    assert doc.root.key_node("no").line == 2



def test_every_kind_of_key_says_where_it_is_written():
    """Plain keys keep only the parser's mark (no node of their own); each form still points at its key."""
    text = ("top:\n  plain: 1\n  'quoted': 2\n  7: 3\n  again: &a 4\n  alias: *a\n"
            "  flow: {inner: x, \"q\": y}\n  plain: 5\n  block:\n    - k: v\n")
    doc = parse_text(text, "f")
    top = doc.root.value["top"]
    where = {k: (top.key_node(k).line, top.key_node(k).column, top.key_node(k).raw) for k in top.value}
    assert where == {"plain": (2, 3, "plain"), "quoted": (3, 3, "quoted"), "7": (4, 3, "7"),
                     "again": (5, 3, "again"), "alias": (6, 3, "alias"), "flow": (7, 3, "flow"),
                     "block": (9, 3, "block")}
    flow = top.value["flow"]
    assert [(flow.key_node(k).line, flow.key_node(k).column) for k in flow.value] == [(7, 10), (7, 20)]
    assert top.value["block"].value[0].key_node("k").column == 7
    assert top.key_node("missing") is top
    (dup,) = doc.diagnostics  # the second `plain:` is reported at itself, naming the first's line
    assert (dup.code, dup.line, dup.column) == ("SP006", 8, 3) and "line 2" in dup.message

def test_bom_is_accepted_and_bad_byte_is_located():
    assert parse_bytes(b"\xef\xbb\xbfa: 1\n", "f").root.plain() == {"a": 1}
    (d,) = parse_bytes("a: 1\nb: caf".encode() + b"\xe9\n", "f").diagnostics
    assert (d.code, d.line, d.column) == ("SP002", 2, 7)


def test_newer_schema_version_says_update(tmp_path):
    result = load_text(tmp_path, TINY_TEXT.replace("schema_version: 1", "schema_version: 4"), "tiny-job.yaml")
    (d,) = result.diagnostics
    assert d.code == "SP028" and "update SafePath" in d.hint


def test_missing_catalogue_is_reported_once(tmp_path):
    result = loader.load_scenario(TINY, tmp_path / "missing.yaml")
    assert codes(result) == ["SP049"]


def test_default_catalogue_is_the_bundled_one():
    if not loader.default_catalogue_path().exists():
        pytest.skip("no bundled catalogue yet")
    result = loader.load_scenario(TINY)
    assert result.ok, [d.headline() for d in result.diagnostics]


def test_load_all_one_bad_file_does_not_stop_the_others(tmp_path):
    (tmp_path / "tiny-job.yaml").write_text(TINY_TEXT, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("id: [", encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "tiny-job.yaml").write_text(TINY_TEXT, encoding="utf-8")
    report = loader.load_all([tmp_path], CATALOGUE)
    assert list(report.scenarios) == ["tiny-job"]
    assert sorted(d.code for d in report.diagnostics) == ["SP004", "SP046"]


def test_lint_reports_an_internal_error_without_traceback(monkeypatch, tmp_path):
    def boom(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(loader, "build_scenario", boom)
    out = io.StringIO()
    with redirect_stdout(out):
        status = main(["lint", str(TINY), "--catalogue", str(CATALOGUE)])
    assert status == 1
    assert f"{TINY}:1:1: error SP048" in out.getvalue() and "simulated bug" in out.getvalue()
    assert "Traceback" not in out.getvalue()


# --- never an exception ----------------------------------------------------------------------------


def _mutations():
    lines = TINY_TEXT.splitlines(keepends=True)
    cut = st.integers(0, len(TINY_TEXT))
    return st.one_of(
        st.tuples(cut, cut).map(lambda ab: TINY_TEXT[:min(ab)] + TINY_TEXT[max(ab):]),  # delete a span
        st.tuples(cut, st.text(min_size=1, max_size=8)).map(lambda p: TINY_TEXT[:p[0]] + p[1] + TINY_TEXT[p[0]:]),
        st.tuples(cut, st.sampled_from(list(":-[]{}#&*!|>'\"\t\n ,?%@`"))).map(
            lambda p: TINY_TEXT[:p[0]] + p[1] + TINY_TEXT[p[0] + 1:]),  # replace a character
        st.permutations(lines).map("".join),
        st.lists(st.sampled_from(lines), max_size=40).map("".join),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_mutations(), st.text(max_size=200)))
def test_random_and_mutated_yaml_gives_diagnostics_never_exceptions(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "tiny-job.yaml"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))  # lone surrogates: invalid UTF-8
    result = loader.load_scenario(path, CATALOGUE)
    assert (result.scenario is None) == any(d.is_error for d in result.diagnostics)
    assert_inside_the_file(result.diagnostics, text, str(path))
    if result.scenario is not None:  # what loads is also checked: the graph and text checks never raise either
        from safepath.authoring.analysis import lint_graph
        from safepath.i18n.checks import content_diagnostics

        assert_inside_the_file(lint_graph(result.scenario) + content_diagnostics(result.scenario), text, str(path))


def assert_inside_the_file(diagnostics, text, file):
    """Every diagnostic names a place that exists: a line of the file and a column on it (or just past its end)."""
    lines = re.split("\r\n|[\r\n\x85\u2028\u2029]", text)  # YAML's own line breaks
    for d in diagnostics:
        assert d.code.startswith("SP") and d.message, d
        if d.file != file:
            continue  # the catalogue's own problems
        assert 0 <= d.line <= len(lines), d.headline()
        if d.line:
            assert 0 <= d.column <= len(lines[d.line - 1]) + 1, (d.headline(), lines[d.line - 1])


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_give_diagnostics_never_exceptions(data):
    doc = parse_bytes(data, "f.yaml")
    assert doc.root is not None or doc.diagnostics


def test_pure_python_parser_gives_the_same_results(monkeypatch, catalogue):
    """Machines without libyaml fall back to PyYAML's pure-Python parser: same nodes, same diagnostics."""
    import yaml

    from safepath.story import yamlsource

    broken = sorted((ROOT / "tests" / "data" / "broken").glob("*.yaml"))
    fast = {p.name: [(d.code, d.line, d.column) for d in loader.load_scenario(p, catalogue).diagnostics]
            for p in broken}
    monkeypatch.setattr(yamlsource, "_Loader", yaml.SafeLoader)
    assert loader.load_scenario(TINY, catalogue).diagnostics == []
    slow = {p.name: [(d.code, d.line, d.column) for d in loader.load_scenario(p, catalogue).diagnostics]
            for p in broken}
    assert {k: [c[:2] for c in v] for k, v in slow.items()} == {k: [c[:2] for c in v] for k, v in fast.items()}


def _paths(data, prefix=()):
    yield prefix
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield from _paths(value, prefix + (key,))


_TINY_DATA = __import__("yaml").safe_load(TINY_TEXT)
_TINY_PATHS = [p for p in _paths(_TINY_DATA) if p]
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.sampled_from(["", "ad", "Ad Scene", "has(", "nok"])
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(
        ["text", "speaker", "image", "goto", "nok", "kind", "x"]), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_TINY_PATHS), _VALUES, st.booleans()), min_size=1, max_size=3))
def test_wrong_values_anywhere_give_diagnostics_never_exceptions(catalogue, edits):
    """Type confusion deep in the tree: any key may hold any value, or be missing."""
    import copy

    import yaml

    data = copy.deepcopy(_TINY_DATA)
    for path, value, delete in edits:
        parent = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            if delete and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    result = loader.build_scenario(parse_text(yaml.safe_dump(data, sort_keys=False), "tiny-job.yaml"), catalogue)
    assert (result.scenario is None) == any(d.is_error for d in result.diagnostics)


def test_thai_saved_as_windows_874_is_named():
    (d,) = parse_bytes("title: งานดี เงินเดือนสูง\n".encode("cp874"), "f").diagnostics
    assert d.code == "SP002" and "Windows-874" in d.hint
    (d,) = parse_bytes("title: café\n".encode("latin-1"), "f").diagnostics
    assert "Windows-874" not in d.hint


@pytest.mark.parametrize("condition, word", [
    (">-\n          has(asked_company) and\n          safety > 0 && x", "&&"),
    (">-\n          has(asked_company) and\n            has(asked_compny)", "asked_compny"),
    ('"\\u0068as(asked_company) and has(nope)"', "nope"),
    ("'has(asked_company)  and  spotted(free-travl)'", "free-travl"),
    ("|\n          has(asked_company)\n          or visited(nowhere)", "nowhere"),
])
def test_condition_errors_point_at_the_word_even_over_several_lines(tmp_path, condition, word):
    text = TINY_TEXT.replace("if: 'has(asked_company) and not spotted(free-travel)'", f"if: {condition}")
    assert text != TINY_TEXT
    result = load_text(tmp_path, text)
    bad = [d for d in result.diagnostics if d.code in ("SP030", "SP032", "SP040", "SP041", "SP042")]
    assert len(bad) == 1, [d.headline() for d in result.diagnostics]
    source_line = text.splitlines()[bad[0].line - 1]
    # an escape such as \u0068 is shorter once parsed; the caret must still land on the word itself
    assert source_line[bad[0].column - 1:].startswith(word), (bad[0].headline(), source_line)


def test_a_picture_that_is_not_drawn_is_a_warning_with_the_closest_name(tmp_path):
    text = TINY_TEXT.replace("avatar: recruiter}", "avatar: recruter}").replace("image: job-ad}", "image: job-add}")
    result = load_text(tmp_path, text, name="tiny-job.yaml")
    found = [(d.code, d.severity.value, d.hint) for d in result.diagnostics]
    assert found == [("SP014", "warning", "did you mean 'recruiter'?"), ("SP014", "warning", "did you mean 'job-ad'?")]
    assert result.scenario is not None  # a warning: the game still plays, with a stand-in picture
    lines = text.splitlines()
    for d in result.diagnostics:
        assert lines[d.line - 1][d.column - 1:].startswith(("recruter", "job-add"))


def test_the_caret_counts_terminal_columns_not_code_points():
    from safepath.story.diagnostics import display_width, error

    assert display_width("ที่นี่") == 2  # two letters, four marks on them
    assert display_width("abc") == 3 and display_width("") == 0
    src = "    - nok: ที่นี่ {bad"
    shown = error("SP004", "f", 1, src.index("{") + 1, "x").format(src).splitlines()
    assert shown[2] == "    " + " " * (len("    - nok: ") + 2 + 1) + "^"


def test_a_tab_inside_a_block_text_is_text_not_indentation(tmp_path):
    text = TINY_TEXT.replace("    notes: Talk about how the trap worked.",
                             "    notes: |\n      Talk about how the trap worked.\n      \tA tab here is part of the text.")
    assert text != TINY_TEXT
    result = load_text(tmp_path, text, "tiny-job.yaml")
    assert "SP005" not in codes(result)
    broken = text.replace("  safe:\n", "  safe:\n\t\n\tkind: ending\n", 1)
    assert "SP005" in codes(load_text(tmp_path, broken, "tiny-job.yaml"))
