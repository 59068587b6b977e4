"""Load scenario files into the frozen model, collecting every problem on the way.

The loader never raises on bad input. It reads a file with
:mod:`safepath.story.yamlsource` (positions, duplicate keys, limits), checks it against
the field table in :mod:`safepath.story.schema`, then builds :class:`model.Scenario`
while checking references (:mod:`safepath.story.loader_refs`). All diagnostics of a
file are collected before giving up; ``scenario`` is ``None`` when any of them
is an error, so the engine only ever sees a model it can trust. One broken
file never stops the others in :func:`load_all`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from safepath import paths
from safepath.story.diagnostics import Diagnostic, error, sort_key
from safepath.story.loader_refs import ScenarioBuilder, amount_diagnostics
from safepath.story.model import SCHEMA_VERSION, Pos, RedFlag, SafeSign, Scenario, Text
from safepath.story.schema import CATALOGUE, SAFE_SIGN_CATALOGUE, SCENARIO
from safepath.story.schema_check import Checker, is_invalid
from safepath.story.yamlsource import Document, Node, bulk_allocation, read_yaml


@dataclass(frozen=True, slots=True)
class LoadResult:
    scenario: Scenario | None
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return self.scenario is not None


@dataclass(slots=True)
class LoadReport:
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]


CatalogueArg = Mapping[str, RedFlag] | str | Path | None


def default_catalogue_path() -> Path:
    return paths.content_dir() / "red_flags.yaml"


def default_safe_signs_path() -> Path:
    return paths.content_dir() / "safe_signs.yaml"


def _catalogue_entries(path: str | Path, record, key: str, what: str):
    """(file, entries as (id, node, text maker) of a checked catalogue file, diagnostics)."""
    file = str(path)
    doc = read_yaml(path)
    diags = doc.diagnostics
    if doc.root is None:
        return file, [], diags
    root = doc.root
    if not _version_ok(root, file, diags):
        return file, [], diags
    Checker(file, diags).check(root, record, what)
    source_lines = doc.text.splitlines() if doc.text else None
    entries = root.value.get(key) if isinstance(root.value, dict) else None
    if entries is None or is_invalid(entries):
        return file, [], diags
    out = []
    for entry_id, node in entries.value.items():
        if is_invalid(node) or not all(k in node.value for k in ("title", "why", "action")):
            continue

        def text(field: str, context: str, comment: str, node=node) -> Text:
            n = node.value[field]
            diags.extend(amount_diagnostics(file, n, source_lines))
            return Text(n.value, context, Pos(file, n.line, n.column), comment)

        out.append((entry_id, node, text))
    return file, out, diags


def load_catalogue(path: str | Path | None = None) -> tuple[dict[str, RedFlag], list[Diagnostic]]:
    """Read the shared red-flag catalogue. Returns the valid entries and the problems found."""
    path = default_catalogue_path() if path is None else path
    file, entries, diags = _catalogue_entries(path, CATALOGUE, "red_flags", "the red-flag catalogue")
    flags: dict[str, RedFlag] = {}
    for flag_id, node, text in entries:
        title = node.value["title"].value
        dangerous = node.value.get("dangerous")
        flags[flag_id] = RedFlag(
            flag_id,
            text("title", f"red-flag/{flag_id}/title", f"Name of the red flag '{flag_id}' (a warning sign of a fake job offer)"),
            text("why", f"red-flag/{flag_id}/why", f"Why the red flag '{title}' matters (shown in the debrief)"),
            text("action", f"red-flag/{flag_id}/action", f"What to do about the red flag '{title}' in real life"),
            Pos(file, node.line, node.column),
            dangerous=bool(dangerous is not None and not is_invalid(dangerous) and dangerous.value),
        )
    return flags, diags


def load_safe_signs(path: str | Path | None = None) -> tuple[dict[str, SafeSign], list[Diagnostic]]:
    """Read the shared safe-sign catalogue (``content/safe_signs.yaml``): the valid entries and the problems."""
    path = default_safe_signs_path() if path is None else path
    file, entries, diags = _catalogue_entries(path, SAFE_SIGN_CATALOGUE, "safe_signs", "the safe-sign catalogue")
    signs: dict[str, SafeSign] = {}
    for sign_id, node, text in entries:
        title = node.value["title"].value
        signs[sign_id] = SafeSign(
            sign_id,
            text("title", f"safe-sign/{sign_id}/title", f"Name of the safe sign '{sign_id}' (a sign that a job offer is real)"),
            text("why", f"safe-sign/{sign_id}/why", f"Why the safe sign '{title}' can be trusted once checked (shown in the debrief)"),
            text("action", f"safe-sign/{sign_id}/action", f"How to check the safe sign '{title}' yourself"),
            Pos(file, node.line, node.column),
        )
    return signs, diags


def load_helplines(path: str | Path | None = None):
    """The helplines have their own rules in :mod:`safepath.story.helplines`; offered here as ARCHITECTURE.md lists it."""
    from safepath.story.helplines import load_helplines as load

    return load(path)


def _version_ok(root: Node, file: str, diags: list[Diagnostic]) -> bool:
    """A newer format is reported alone: checking it against the v1 table would only add noise."""
    if not isinstance(root.value, dict):
        return True  # the table check reports the wrong type
    node = root.value.get("schema_version")
    if node is None or not isinstance(node.value, int) or isinstance(node.value, bool):
        return True  # missing or wrong type: the table check reports it
    if node.value == SCHEMA_VERSION:
        return True
    if node.value > SCHEMA_VERSION:
        diags.append(error("SP028", file, node.line, node.column,
                           f"this file uses format version {node.value}, but this SafePath understands "
                           f"version {SCHEMA_VERSION} only",
                           "update SafePath to a newer release to use this file"))
    else:
        diags.append(error("SP028", file, node.line, node.column,
                           f"schema_version is {node.value}; it must be {SCHEMA_VERSION}",
                           f"write 'schema_version: {SCHEMA_VERSION}'"))
    return False


_catalogue_cache: dict[tuple[str, str, float, int], tuple[dict, list[Diagnostic]]] = {}


def _cached_catalogue(path: Path, load=None) -> tuple[dict, list[Diagnostic]]:
    """The default catalogues are shared by every scenario; read each once per change."""
    load = load or load_catalogue
    try:
        stat = path.stat()
        key = (load.__name__, str(path), stat.st_mtime, stat.st_size)
    except OSError:
        return load(path)
    if key not in _catalogue_cache:
        for old in [k for k in _catalogue_cache if k[0] == load.__name__]:
            del _catalogue_cache[old]
        _catalogue_cache[key] = load(path)
    return _catalogue_cache[key]


SafeSignsArg = Mapping[str, SafeSign] | str | Path | None


def resolve_safe_signs(safe_signs: SafeSignsArg) -> tuple[Mapping[str, SafeSign] | None, str, list[Diagnostic]]:
    """(entries or None when unusable, where they came from, their diagnostics)."""
    if isinstance(safe_signs, Mapping):
        return safe_signs, "the given safe-sign catalogue", []
    path = Path(safe_signs) if safe_signs is not None else default_safe_signs_path()
    signs, diags = _cached_catalogue(path, load_safe_signs)
    return (signs or None), str(path), diags


def resolve_catalogue(catalogue: CatalogueArg) -> tuple[Mapping[str, RedFlag] | None, str, list[Diagnostic]]:
    """(entries or None when unusable, where it came from, its diagnostics)."""
    if isinstance(catalogue, Mapping):
        return catalogue, "the given catalogue", []
    path = Path(catalogue) if catalogue is not None else default_catalogue_path()
    flags, diags = _cached_catalogue(path)
    if not flags:
        return None, str(path), diags
    return flags, str(path), diags


def load_scenario(path: str | Path, catalogue: CatalogueArg = None, safe_signs: SafeSignsArg = None) -> LoadResult:
    """Load one scenario file. ``catalogue``: the red flags, ``safe_signs``: the safe signs (each a mapping or
    a path; default: the bundled one)."""
    flags, where, _ = resolve_catalogue(catalogue)
    doc = read_yaml(path)
    return build_scenario(doc, flags, where, resolve_safe_signs(safe_signs))


def build_scenario(doc: Document, catalogue: Mapping[str, RedFlag] | None, catalogue_name: str = "",
                   safe_signs: tuple | None = None) -> LoadResult:
    """``safe_signs``: what :func:`resolve_safe_signs` gives (default: the bundled catalogue)."""
    signs, signs_name, _ = safe_signs if safe_signs is not None else resolve_safe_signs(None)
    diags = list(doc.diagnostics)
    if doc.root is None:
        return LoadResult(None, _sorted(diags))
    file = doc.file
    root = doc.root
    if not _version_ok(root, file, diags):
        return LoadResult(None, _sorted(diags))
    with bulk_allocation():
        Checker(file, diags).check(root, SCENARIO, "the scenario")
    if not isinstance(root.value, dict):
        return LoadResult(None, _sorted(diags))
    if catalogue is None:
        diags.append(error("SP049", file, 0, 0,
                           f"the red-flag catalogue {catalogue_name} could not be loaded, so red flags were not checked",
                           f"run 'safepath lint {catalogue_name}' to see why" if catalogue_name.endswith((".yaml", ".yml"))
                           else "run 'safepath lint' on the red-flag catalogue to see why"))
    with bulk_allocation():
        scenario = ScenarioBuilder(file, root, catalogue, diags, doc.text, signs, signs_name).build()
    if any(d.is_error for d in diags):
        scenario = None
    return LoadResult(scenario, _sorted(diags))


def _sorted(diags: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=sort_key)


def scenario_files(paths_: Iterable[str | Path]) -> list[Path]:
    """Expand folders into their scenario files (``*.yaml``/``*.yml``, sorted), keeping files as given."""
    out: list[Path] = []
    for p in paths_:
        p = Path(p)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.suffix in (".yaml", ".yml") and q.is_file())
            out.extend(q for q in found if q.name not in ("red_flags.yaml", "safe_signs.yaml", "helplines.yaml",
                                                                "register.yaml"))
        else:
            out.append(p)
    return out


def load_all(paths_: Iterable[str | Path], catalogue: CatalogueArg = None, safe_signs: SafeSignsArg = None) -> LoadReport:
    """Load many scenarios (files or folders). Duplicate ids across files are reported."""
    flags, where, cat_diags = resolve_catalogue(catalogue)
    signs = resolve_safe_signs(safe_signs)
    report = LoadReport()
    report.diagnostics.extend(cat_diags)
    report.diagnostics.extend(signs[2])
    seen: dict[str, str] = {}
    for path in scenario_files(paths_):
        result = build_scenario(read_yaml(path), flags, where, signs)
        report.diagnostics.extend(result.diagnostics)
        scenario = result.scenario
        if scenario is None:
            continue
        if scenario.id in seen:
            report.diagnostics.append(error(
                "SP046", str(path), scenario.pos.line, scenario.pos.column,
                f"the scenario id {scenario.id!r} is already used by {seen[scenario.id]}",
                "give each scenario its own id (and file name)"))
            continue
        seen[scenario.id] = str(path)
        report.scenarios[scenario.id] = scenario
    return report
