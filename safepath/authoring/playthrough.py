"""Golden playthroughs: play-throughs authors write down once and check for ever.

A golden file is a small YAML file next to the tests (``tests/playthroughs/``)::

    scenario: ../../content/scenarios/dream-job.yaml   # relative to this file (or the current folder)
    name: Mai checks the agency and stays safe
    choices:                  # one entry per decision; scenes with `next` continue by themselves
      - ad: ask-company       # in scene `ad`, the choice with `id: ask-company`, or
      - chat: 2               # in scene `chat`, its 2nd choice as written in the file (hidden ones count)
      - "Message them: Which company is this?"   # older files: the choice's text, or
      - 2                     # the 2nd choice *shown* at that moment (hidden choices do not count)
    expect:
      ending: end-new-job     # the ending scene's id, or its kind (safe, recovered, trapped-with-help)
      lines:                  # each must appear in the transcript, in this order (a part of a line is enough)
        - Call 1506
      scores: {safety: 4}
      stars: 2
      red_flags: {pay-too-good: spotted, passport-handover: not-met}
      badges: [licence-checker]   # exactly the badges earned (an empty list: none)

:func:`run_file` plays the choices through the real engine and returns the
differences as readable sentences (empty when everything matches), so a
changed scene shows up as "expected ending safe, found recovered" rather than a
stack trace. The same transcript is printed by ``safepath playtest --random
--transcript``.

``--record`` writes choices by stable keys (scene and choice ``id:``, or the choice's
position in the scene) with the button text as a comment, and the ending by its scene
id, so rewording a button or a line's neighbour never breaks a golden file. After a
deliberate change, :func:`update_file` (``playtest --check --update``) records the file
again from what happens now and shows what changed; files written with choice texts
are read as before and take the stable form when updated.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from safepath.authoring.golden_lines import Aligned, align_lines, key_part
from safepath.play import engine
from safepath.story import model
from safepath.paths import project_root

MAX_STEPS = 10_000


@dataclass
class Outcome:
    """What a golden file produced: the transcript and the differences from what it expected."""

    file: str
    name: str
    transcript: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def english(text: model.Text) -> str:
    """The English a player sees: amounts such as ``{baht:45000}`` written out ("45,000 Thai baht")."""
    from safepath.i18n.amounts import expand

    return expand(text.text, "en", keep_together=False)


def scene_lines(scenario: model.Scenario, scene: model.Scene, state: engine.State | None = None) -> list[str]:
    """A scene as the transcript shows it: heading, then ``Speaker: text`` or narration.

    With ``state`` (the player in this scene), only the lines whose ``if:`` holds, as the game shows them.
    """
    out = [f"== {scene.id} ({scene.kind.value})"]
    for line in engine.shown_lines(scenario, state) if state is not None else scene.lines:
        if line.speaker:
            who = scenario.characters[line.speaker].name.text if line.speaker in scenario.characters else line.speaker
            out.append(f"{who}: {english(line.text)}")
        else:
            out.append(english(line.text))
    return out


def play(scenario: model.Scenario, steps: list[int]) -> tuple[engine.State, list[str]]:
    """Replay engine steps and describe everything the player saw."""
    state = engine.start(scenario)
    out = scene_lines(scenario, engine.current_scene(scenario, state), state)
    for step in steps:
        scene = engine.current_scene(scenario, state)
        if step == engine.CONTINUE:
            state = engine.advance(scenario, state)
        else:
            choice = next(c for c in scene.choices if c.index == step)
            out.append(f"> {english(choice.text)}")
            if choice.feedback:
                out.append(f"  ({english(choice.feedback)})")
            state = engine.choose(scenario, state, step)
        out += scene_lines(scenario, engine.current_scene(scenario, state), state)
    out += ending_lines(scenario, state)
    return state, out


def ending_lines(scenario: model.Scenario, state: engine.State) -> list[str]:
    from safepath.play import scoring

    scene = engine.current_scene(scenario, state)
    if not scene.is_ending:
        return ["(the story stops here: no choice is available)"] if engine.is_stuck(scenario, state) else []
    res = scoring.result(scenario, state)
    out = [f"ENDING {scene.ending.value}: {scene.id}"]
    for part in res.debrief:
        out.append(f"Debrief: {english(part)}")
    out.append("Scores: " + ", ".join(f"{k} {v}" for k, v in res.scores) + f"; stars {res.stars}")
    out.append("Red flags: " + ", ".join(f"{o.id} {o.status}" for o in res.red_flags))
    return out


def resolve_scenario(ref: str, golden: Path) -> Path:
    """Where a golden file's ``scenario:`` is: next to the golden file first (that is how ``--record`` writes
    it), then from the current folder, then from the SafePath folder (the shipped files say
    ``content/scenarios/...``). An absolute path is used as it is."""
    if Path(ref).is_absolute():
        return Path(ref)
    for base in (golden.parent, Path.cwd(), project_root()):
        candidate = base / ref
        if candidate.is_file():
            return candidate
    return golden.parent / ref  # the loader then reports it missing (SP001) under this name


def run_file(path: str | Path) -> Outcome:
    """Run one golden file; never raises on bad input (problems are reported as sentences)."""
    from safepath.story.loader import load_scenario

    path = Path(path)
    outcome = Outcome(str(path), path.stem)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, yaml.YAMLError) as exc:
        outcome.problems.append(f"cannot read the golden file: {exc}")
        return outcome
    if not isinstance(data, dict) or not isinstance(data.get("scenario"), str):
        outcome.problems.append("a golden file is a mapping with at least `scenario:` and `choices:`")
        return outcome
    outcome.name = str(data.get("name") or path.stem)
    where = resolve_scenario(data["scenario"], path)
    if not where.is_file():
        looked = [str(path.parent), str(Path.cwd()), str(project_root())] if not Path(data["scenario"]).is_absolute() else []
        outcome.problems.append(f"cannot find the scenario {data['scenario']!r}"
                                + (f"; looked next to this file ({looked[0]}), in the current folder ({looked[1]}) "
                                   f"and in the SafePath folder ({looked[2]})" if looked else ""))
        return outcome
    loaded = load_scenario(where)
    if loaded.scenario is None:
        outcome.problems.append(f"the scenario {data['scenario']} does not load: "
                                + "; ".join(d.headline() for d in loaded.diagnostics if d.is_error))
        return outcome
    scenario = loaded.scenario
    choices = data.get("choices") or []
    expect = data.get("expect") or {}
    if not isinstance(choices, list) or not isinstance(expect, dict):
        outcome.problems.append("`choices` must be a list and `expect` a mapping")
        return outcome
    steps, problem = resolve_choices(scenario, choices)
    state, outcome.transcript = play(scenario, steps)
    if problem:
        outcome.problems.append(problem)
        return outcome
    outcome.problems += compare(scenario, state, outcome.transcript, expect)
    return outcome


def resolve_choices(scenario: model.Scenario, choices: list) -> tuple[list[int], str]:
    """Turn golden choices (shown-choice numbers or texts) into engine steps, continuing where the story does."""
    state = engine.start(scenario)
    steps: list[int] = []
    wanted = list(choices)
    while len(steps) < MAX_STEPS:
        if engine.can_continue(scenario, state):
            steps.append(engine.CONTINUE)
            state = engine.advance(scenario, state)
            continue
        if not wanted or engine.is_ended(scenario, state):
            break
        entry = wanted.pop(0)
        shown = engine.available_choices(scenario, state)
        scene = engine.current_scene(scenario, state)
        choice = None
        if isinstance(entry, dict):
            choice, problem = _stable_choice(scene, shown, entry, len(choices) - len(wanted))
            if problem:
                return steps, problem
        elif isinstance(entry, int) and not isinstance(entry, bool):
            if 1 <= entry <= len(shown):
                choice = shown[entry - 1]
        elif isinstance(entry, str):
            wanted_text = entry.strip().lower()
            choice = next((c for c in shown if wanted_text in (c.text.text.strip().lower(),
                                                                english(c.text).strip().lower())), None)
        if choice is None:
            menu = "; ".join(f"{n}. {english(c.text)}" for n, c in enumerate(shown, 1)) or "none"
            return steps, (f"choice {len(choices) - len(wanted)} ({entry!r}) is not shown in scene {scene.id!r}; "
                           f"shown there: {menu}")
        steps.append(choice.index)
        state = engine.choose(scenario, state, choice.index)
    if wanted:
        return steps, f"the story ended with {len(wanted)} choice(s) left over: {wanted!r}"
    return steps, ""


def choice_key(choice: model.Choice) -> str | int:
    """How a golden file names a choice: its ``id:``, else its position in the scene (1 = the first written)."""
    return choice.id or choice.index + 1


def _stable_choice(scene: model.Scene, shown, entry: dict, number: int):
    """The choice ``{scene-id: choice-id or position}`` names; (choice, "") or (None, why not)."""
    if len(entry) != 1:
        return None, f"choice {number} ({entry!r}) must be one 'scene: choice' pair, e.g. 'offer: ask-name'"
    (scene_id, key), = entry.items()
    if str(scene_id) != scene.id:
        return None, (f"choice {number} is for scene {scene_id!r}, but the story is in scene {scene.id!r} there; "
                      f"its choices: {_menu(scene)}")
    if isinstance(key, int) and not isinstance(key, bool):
        choice = next((c for c in scene.choices if c.index == key - 1), None)
    else:
        choice = next((c for c in scene.choices if c.id == str(key)), None)
    if choice is None:
        return None, f"choice {number}: scene {scene.id!r} has no choice {key!r}; its choices: {_menu(scene)}"
    if choice not in shown:
        return None, (f"choice {number}: {scene.id}: {key} ({english(choice.text)!r}) is hidden there "
                      f"(if: {choice.condition_source})")
    return choice, ""


def _menu(scene: model.Scene) -> str:
    return "; ".join(f"{choice_key(c)} ({english(c.text)})" for c in scene.choices) or "none"


def compare(scenario: model.Scenario, state: engine.State, transcript: list[str], expect: dict) -> list[str]:
    from safepath.play import scoring

    res = scoring.result(scenario, state)
    problems = []
    if "ending" in expect:
        want = str(expect["ending"])
        found = (f"{res.ending.value} ({res.ending_scene})" if res.ending else f"no ending (in scene {state.scene!r})")
        if not res.ending or want not in (res.ending.value, res.ending_scene):
            problems.append(f"ending: expected {want}, found {found}")
    if "scene" in expect and expect["scene"] != state.scene:
        problems.append(f"scene: expected {expect['scene']}, found {state.scene}")
    for name, want in (expect.get("scores") or {}).items():
        found = dict(res.scores).get(name)
        if found != want:
            problems.append(f"score {name}: expected {want}, found {found}")
    if "stars" in expect and expect["stars"] != res.stars:
        problems.append(f"stars: expected {expect['stars']}, found {res.stars}")
    if "badges" in expect:
        want_badges = sorted(str(b) for b in (expect["badges"] or []))
        found_badges = sorted(b.id for b in res.badges)
        if want_badges != found_badges:
            problems.append(f"badges: expected {', '.join(want_badges) or 'none'}, "
                            f"found {', '.join(found_badges) or 'none'}")
    statuses = {o.id: o.status for o in res.red_flags}
    for flag, want in (expect.get("red_flags") or {}).items():
        found = statuses.get(flag, "not-met")
        if found != want:
            problems.append(f"red flag {flag}: expected {want}, found {found}")
    lines = [str(x) for x in (expect.get("lines") or [])]
    at = 0
    for want in lines:
        hit = next((i for i in range(at, len(transcript)) if want in transcript[i]), None)
        if hit is None:
            close = difflib.get_close_matches(want, transcript, n=1, cutoff=0.5)
            problems.append(f"line not found (in order): {want!r}"
                            + (f"\n      closest line: {close[0]!r}" if close else ""))
        else:
            at = hit + 1
    return problems


def golden_files(paths: list[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(list(p.rglob("*.yaml")) + list(p.rglob("*.yml")))
        else:
            out.append(p)
    return out


def format_outcome(outcome: Outcome) -> str:
    if outcome.ok:
        return f"PASS {outcome.file}: {outcome.name}"
    out = [f"FAIL {outcome.file}: {outcome.name}"]
    out += [f"  - {p}" for p in outcome.problems]
    if outcome.transcript:
        out.append("  transcript of what happened (last 12 lines):")
        out += [f"    | {line}" for line in outcome.transcript[-12:]]
    return "\n".join(out)


def expectations(scenario: model.Scenario, steps: list[int]) -> dict:
    """Every kind of expectation, filled in from what happens on these steps.

    ``lines`` holds the first line of each scene on the way and the ending, in order, so that the file
    checks the route as well as the result; authors delete what they do not care about.
    """
    from safepath.play import scoring

    state, _transcript = play(scenario, steps)
    lines = []
    for on_the_way in _states_on_the_way(scenario, steps):
        shown = scene_lines(scenario, engine.current_scene(scenario, on_the_way), on_the_way)
        if len(shown) > 1:
            lines.append(_key_part(shown[1]))
    res = scoring.result(scenario, state)
    expect: dict = {"ending": state.scene} if res.ending else {"scene": state.scene}
    if res.ending:
        lines.append(f"ENDING {res.ending.value}: {state.scene}")
    expect["lines"] = lines
    expect.update({"scores": dict(res.scores), "red_flags": {o.id: o.status for o in res.red_flags}})
    if res.ending:
        expect["stars"] = res.stars
    if res.badges:
        expect["badges"] = [b.id for b in res.badges]
    return expect


def stable_choices(scenario: model.Scenario, steps: list[int]) -> list[tuple[str, str | int, str]]:
    """(scene id, choice key, button text) for each choice of a play-through, in order."""
    out = []
    state = engine.start(scenario)
    for step in steps:
        if step != engine.CONTINUE:
            scene = engine.current_scene(scenario, state)
            choice = next(c for c in scene.choices if c.index == step)
            out.append((scene.id, choice_key(choice), " ".join(english(choice.text).split())))
        state = engine.step(scenario, state, step)
    return out


def render_golden(scenario_ref: str, name: str, scenario: model.Scenario, steps: list[int], expect: dict,
                  header: str | None = None) -> str:
    """The golden file's text: choices by stable key with the button text as a comment, then ``expect``."""
    state, transcript = play(scenario, steps)
    problems = compare(scenario, state, transcript, expect)
    if problems:  # a recorded file must pass at once; anything else is a bug here
        raise RuntimeError("recorded golden file does not pass: " + "; ".join(problems))
    if header is None:
        header = ("# Golden playthrough, recorded with `safepath playtest --record`.\n"
                  "# Delete the expectations you do not care about; check with: safepath playtest --check FILE\n"
                  "# After a deliberate change, record it again with: safepath playtest --check FILE --update\n")
    out = [header.rstrip("\n"), yaml.safe_dump({"scenario": scenario_ref, "name": name}, sort_keys=False,
                                                allow_unicode=True, width=100).rstrip("\n")]
    out.append("choices:                  # scene: the choice's id, or its number in the scene (1 = the first written)")
    for scene_id, key, text in stable_choices(scenario, steps):
        entry = yaml.safe_dump([{scene_id: key}], default_flow_style=False, allow_unicode=True).strip()
        out.append(f"{entry}  # {text}")
    out.append(yaml.safe_dump({"expect": expect}, sort_keys=False, allow_unicode=True, width=100).rstrip("\n"))
    return "\n".join(out) + "\n"


def write_golden(scenario_ref: str, scenario: model.Scenario, steps: list[int], name: str) -> str:
    """A golden file for a play-through, with every kind of expectation filled in from what happened."""
    return render_golden(scenario_ref, name, scenario, steps, expectations(scenario, steps))


@dataclass
class Update:
    """What ``--check --update`` did to one golden file."""

    file: str
    before: str = ""
    after: str = ""
    problem: str = ""  # why it could not be recorded again
    notes: list[str] = field(default_factory=list)  # "file:line: expected line N reworded / dropped ..."

    @property
    def changed(self) -> bool:
        return not self.problem and self.before != self.after

    def diff(self) -> list[str]:
        return list(difflib.unified_diff(self.before.splitlines(), self.after.splitlines(), "before", "after",
                                         lineterm="", n=0))[2:]


def update_file(path: str | Path) -> Update:
    """Record a golden file again from what its choices do now, after a deliberate change to the story.

    The choices are kept (and written in the stable form); each expectation the file has is given its
    value of today, and expectations the author deleted stay deleted. ``lines`` keeps every line that is
    still there; a line that changed is replaced by the most similar line *in its place* (between the
    expected lines around it that are still there), else dropped, and ``notes`` says which, with file:line.
    """
    from safepath.story.loader import load_scenario

    path = Path(path)
    update = Update(str(path))
    try:
        update.before = path.read_text(encoding="utf-8")
        data = yaml.safe_load(update.before)
    except (OSError, UnicodeError, yaml.YAMLError) as exc:
        update.problem = f"cannot read the golden file: {exc}"
        return update
    if not isinstance(data, dict) or not isinstance(data.get("scenario"), str):
        update.problem = "a golden file is a mapping with at least `scenario:` and `choices:`"
        return update
    loaded = load_scenario(resolve_scenario(data["scenario"], path))
    if loaded.scenario is None:
        update.problem = f"the scenario {data['scenario']} does not load; fix it first (safepath lint)"
        return update
    scenario = loaded.scenario
    steps, problem = resolve_choices(scenario, list(data.get("choices") or []))
    if problem:
        update.problem = f"{problem}; its choices cannot be replayed, so record it again with --record"
        return update
    old = data.get("expect") if isinstance(data.get("expect"), dict) else {}
    today = expectations(scenario, steps)
    expect: dict = {}
    aligned: list[Aligned] = []
    for key, value in old.items():
        if key == "ending" and "ending" in today:
            expect["ending"] = today["ending"]
        elif key == "lines":
            aligned = align_lines([str(x) for x in value or []], play(scenario, steps)[1])
            expect["lines"] = [a.text for a in aligned if a.text is not None]
        elif key in ("scores", "red_flags") and isinstance(value, dict):
            expect[key] = {k: today.get(key, {}).get(k, "not-met" if key == "red_flags" else None) for k in value}
        elif key in today:
            expect[key] = today[key]
        elif key == "badges":
            expect["badges"] = []
        elif key in ("ending", "scene"):  # the play-through now ends elsewhere: say where
            expect["ending" if "ending" in today else "scene"] = today.get("ending", today.get("scene"))
    header = "".join(line + "\n" for line in update.before.splitlines() if line.startswith("#")
                     and not line.startswith("# expect")) or None
    update.after = render_golden(data["scenario"], str(data.get("name") or path.stem), scenario, steps, expect, header)
    update.notes = _line_notes(aligned, str(path), update.before, update.after)
    if update.changed:
        path.write_text(update.after, encoding="utf-8")
    return update


def _line_notes(aligned: list[Aligned], where: str, before: str, after: str) -> list[str]:
    """One sentence per expected line that the update replaced or dropped, each with ``file:line``.

    A replaced line is given by its line in the file as written now, a dropped one by the line it was on.
    """
    was_on, now_on = _expected_line_numbers(before), iter(_expected_line_numbers(after))
    notes = []
    for position, a in enumerate(aligned):
        number = position + 1
        now = next(now_on, None) if a.text is not None else None
        if a.reworded:
            notes.append(f"{where}:{now or '?'}: expected line {number} reworded in the story: "
                         f"{a.wanted!r} is now {a.text!r}")
        elif a.text is None:
            was = was_on[position] if position < len(was_on) else "?"
            notes.append(f"{where}:{was}: expected line {number} dropped: {a.wanted!r}; "
                         f"{_why_dropped(aligned, position)}. Add the line you want there by hand if it matters")
    return notes


def _why_dropped(aligned: list[Aligned], position: int) -> str:
    if aligned[position].still_in_transcript:
        return "it is still in the play-through, but no longer in this order"
    before = next((a.text for a in reversed(aligned[:position]) if a.text is not None), None)
    after = next((a.text for a in aligned[position + 1:] if a.text is not None), None)
    place = " and ".join(f"{side} {text!r}" for side, text in (("after", before), ("before", after)) if text)
    return "no line like it is left in its place" + (f" ({place})" if place else "")


def _expected_line_numbers(text: str) -> list[int]:
    """The line of the file each entry of ``expect: lines`` is on (1 = the first), or [] if not found."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return []
    node = _child(_child(root, "expect"), "lines")
    if not isinstance(node, yaml.SequenceNode):
        return []
    return [item.start_mark.line + 1 for item in node.value]


def _child(node, key: str):
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for k, value in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _states_on_the_way(scenario: model.Scenario, steps: list[int]) -> list[engine.State]:
    state = engine.start(scenario)
    out = [state]
    for step in steps:
        state = engine.step(scenario, state, step)
        out.append(state)
    return out


_key_part = key_part  # the name the recording code has always used
