"""Hot reload for authors: notice edited scenario files and bring the player along.

No pygame and no threads: the game loop calls :meth:`ScenarioWatcher.poll`
every frame (it only looks at the disk every ``interval`` seconds, by file
modification time and size), and :meth:`ScenarioWatcher.reload` when the
author presses F5. Both return a :class:`Reload` (or ``None`` from ``poll``
when nothing changed): either the new scenario, or the diagnostics that stop
it loading, ready for an overlay. A broken save never crashes the game; the
old scenario keeps running until the file loads again.

Typical use in a screen (engineers H5/H6)::

    watcher = ScenarioWatcher(scenario.path)            # once, in --author mode or always for F5
    ...
    change = watcher.reload() if f5_pressed else (watcher.poll() if author_mode else None)
    if change is not None:
        if change.ok:
            scenario = change.scenario
            moved = remap_state(state, scenario)
            state = moved.state                         # same scene when it still exists
            toast(moved.note)                           # e.g. "replayed 7 of 9 steps"
            overlay = None
        else:
            overlay = change.overlay_text()             # file:line:col: error SP0xx ... with caret lines

``Reload.diagnostics`` also holds warnings when the scenario did load; show them
if you like, they never block the reload.
"""

from __future__ import annotations

import dataclasses
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from safepath.play import engine
from safepath.story import model
from safepath.story.diagnostics import Diagnostic, format_all


@dataclass
class Reload:
    """The outcome of reloading one scenario file."""

    path: str
    scenario: model.Scenario | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not any(d.is_error for d in self.diagnostics)

    def overlay_text(self) -> str:
        """What the error overlay shows: every diagnostic with its source line and caret."""
        if not self.diagnostics:
            return ""
        return format_all(self.diagnostics)


@dataclass
class Remapped:
    state: engine.State
    exact: bool  # True when every old step replayed and the player is where they were
    note: str  # one sentence for the author


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


class ScenarioWatcher:
    """Watches a scenario file (and the red-flag catalogue it uses) by polling modification times."""

    def __init__(self, path: str | Path, interval: float = 0.5, extra: list[str | Path] | None = None,
                 clock: Callable[[], float] = time.monotonic, catalogue: str | Path | None = None):
        from safepath.paths import content_dir

        self.path = Path(path)
        self.catalogue = catalogue
        self.interval = interval
        self.clock = clock
        default_catalogue = Path(catalogue) if catalogue else content_dir() / "red_flags.yaml"
        self.watched = [self.path, default_catalogue, *map(Path, extra or [])]
        self._seen = [_signature(p) for p in self.watched]
        self._next_look = clock() + interval

    def changed(self) -> bool:
        """Look at the disk now: has any watched file changed since the last look?"""
        now = [_signature(p) for p in self.watched]
        different = now != self._seen
        self._seen = now
        return different

    def poll(self) -> Reload | None:
        """Cheap enough to call every frame: a reload when a file changed, else None."""
        if self.clock() < self._next_look:
            return None
        self._next_look = self.clock() + self.interval
        if not self.changed():
            return None
        return self.load()

    def reload(self) -> Reload:
        """Reload now, changed or not (F5)."""
        self.changed()
        self._next_look = self.clock() + self.interval
        return self.load()

    def load(self) -> Reload:
        from safepath.story.loader import load_scenario

        try:
            result = load_scenario(self.path, self.catalogue)
        except Exception as exc:  # the loader promises not to raise; never let an author's edit crash the game
            from safepath.story.diagnostics import error

            return Reload(str(self.path), None, [error("SP048", str(self.path), 0, 0,
                                                       f"SafePath failed while reading this file: {exc}")])
        diagnostics = list(result.diagnostics)
        if result.scenario is not None:
            try:
                from safepath.authoring.analysis import lint_graph

                diagnostics += lint_graph(result.scenario)
            except Exception:  # graph checks are advice here; the scenario itself loaded
                pass
        return Reload(str(self.path), result.scenario, diagnostics)


def remap_state(old_state: engine.State, new_scenario: model.Scenario) -> Remapped:
    """Put the player back where they were in the edited scenario.

    1. Replay the old steps in the new scenario, as far as they still fit.
    2. If the whole replay ends on the old scene, that is the new state (exact).
    3. Otherwise, the latest point of the replay that was on the old scene, if any
       (a real, replayable state).
    4. Otherwise, when the old scene still exists, the replayed progress moved onto
       that scene (flags and scores kept; its steps may no longer replay exactly,
       which is fine while authoring).
    5. When the old scene is gone (or the file is another scenario): the start.
    """
    scene = old_state.scene
    if old_state.scenario_id != new_scenario.id or scene not in new_scenario.scenes:
        why = "the scene is gone" if old_state.scenario_id == new_scenario.id else "this is another scenario"
        return Remapped(engine.start(new_scenario), False, f"back to the start: {why} ({scene!r})")
    state = engine.start(new_scenario)
    last_on_scene = state if state.scene == scene else None
    done = 0
    for value in old_state.steps:
        try:
            state = engine.step(new_scenario, state, value)
        except engine.EngineError:
            break
        done += 1
        if state.scene == scene:
            last_on_scene = state
    total = len(old_state.steps)
    if done == total and state.scene == scene:
        return Remapped(state, True, f"reloaded: all {total} steps replayed")
    if last_on_scene is not None:
        return Remapped(last_on_scene, False,
                        f"reloaded: replayed {len(last_on_scene.steps)} of {total} steps, still in {scene!r}")
    visited = state.visited if scene in state.visited else state.visited + (scene,)
    target = new_scenario.scenes[scene]
    met = state.met + tuple(f for f in target.red_flags if f not in state.met)
    ending = target.ending.value if target.ending else None
    moved = dataclasses.replace(state, scene=scene, visited=visited, met=met, ending=ending)
    return Remapped(moved, False, f"reloaded: replayed {done} of {total} steps, then moved to {scene!r}")
