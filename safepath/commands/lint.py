"""Check scenario files and report every problem, with file, line and column.

``safepath lint [PATHS]`` loads each file (folders are searched for ``*.yaml``;
default ``content/``) with the same loader the game uses, then runs the graph
checks (``safepath.authoring.analysis.lint_graph``) and the text checks
(``safepath.i18n.checks.content_diagnostics``) on every scenario that loaded.
``red_flags.yaml``, ``helplines.yaml`` and ``register.yaml`` are checked as what they are. SP073 (a text
that does not fit its box at the largest text size) measures with the real fonts
through ``safepath.ui.fit``; without pygame or the fonts it is skipped with one note. It exits
with status 1 when any error was found, so it can guard a commit or a CI run,
and ``--format json`` gives tools the same diagnostics as data. Whatever the
input, it prints diagnostics, never a Python traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path
from typing import Callable

from safepath.story.diagnostics import Diagnostic, error, format_all, sort_key

CATALOGUE_NAME = "red_flags.yaml"
SAFE_SIGNS_NAME = "safe_signs.yaml"
HELPLINES_NAME = "helplines.yaml"
REGISTER_NAME = "register.yaml"
_YAML_SUFFIXES = (".yaml", ".yml")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="scenario files or folders to check (default: the bundled content/ folder)")
    parser.add_argument("--format", choices=["text", "json"], default="text",
                        help="text for people (default), json for tools")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 on warnings too (an unreachable scene, a typed amount...): "
                             "for CI, and before you share a story")
    parser.add_argument("--no-catalogs", action="store_true",
                        help="leave out the translation catalogs (a few seconds faster while you write the English)")
    parser.add_argument("--catalogue", metavar="PATH",
                        help="red-flag catalogue to check red-flag ids against (default: the red_flags.yaml "
                             "among PATHS, else one beside the scenario or in its parent folder, "
                             "else the bundled content/red_flags.yaml)")


def run(args: argparse.Namespace) -> int:
    notes: list[str] = []
    try:
        files, diagnostics = lint_paths(args.paths or None, args.catalogue, notes=notes)
    except Exception as exc:  # a bug in SafePath must still not show a traceback to an author
        files, diagnostics = 0, [_internal_error("safepath lint", exc)]
    try:
        if not getattr(args, "no_catalogs", False):
            diagnostics += catalog_checks(args.paths or None, notes=notes)
    except Exception as exc:
        diagnostics.append(_internal_error("the catalogs", exc))
    for note in notes:  # e.g. SP073 skipped without pygame: said once, on stderr (JSON on stdout stays valid)
        print(f"note: {note}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(_json_report(files, diagnostics), ensure_ascii=False, indent=2))
    else:
        text = format_text(diagnostics)
        if text:
            print(text)
        print(summary(files, diagnostics))
    if getattr(args, "strict", False) and diagnostics:
        return 1
    return 1 if any(d.is_error for d in diagnostics) else 0


def _json_report(files: int, diagnostics: list[Diagnostic]) -> dict:
    ordered = sorted(diagnostics, key=sort_key)
    return {
        "files": files,
        "errors": sum(d.is_error for d in ordered),
        "warnings": sum(not d.is_error for d in ordered),
        "diagnostics": [d.to_json() for d in ordered],
    }


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def summary(files: int, diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    return f"{_plural(files, 'file')}, {_plural(errors, 'error')}, {_plural(warnings, 'warning')}"


def format_text(diagnostics: list[Diagnostic]) -> str:
    """Each diagnostic with its source line and caret; each file is read once."""
    return format_all(diagnostics)


def _internal_error(file: str, exc: BaseException) -> Diagnostic:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    place = f" (in {Path(where.filename).name}:{where.lineno})" if where else ""
    return error("SP048", str(file), 0, 0, f"SafePath failed while checking this file: "
                 f"{type(exc).__name__}: {exc}{place}",
                 "this is a bug in SafePath, not in your file; please report it with the file attached")


def expand(paths: list[str | Path]) -> list[Path]:
    """Files as given, folders searched for YAML files (sorted, so the output is stable)."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.suffix in _YAML_SUFFIXES and q.is_file()))
        else:
            out.append(p)
    return out


def lint_paths(paths: list[str | Path] | None, catalogue: str | Path | None = None, fit: bool = True,
               notes: list[str] | None = None) -> tuple[int, list[Diagnostic]]:
    """Check files and folders; returns (number of files checked, diagnostics).

    ``fit=False`` leaves out SP073 (text that does not fit its box on screen); it is also left out,
    with one line in ``notes``, when pygame or the fonts are not available.

    The cyclic garbage collector is paused for the whole run, not stage by stage: each time it is switched
    back on, its first pass walks every object made while it was off (the YAML nodes, then the model, then
    the state graph), so pausing it around each stage alone cost about as much as the passes it saved.
    """
    from safepath.story.yamlsource import bulk_allocation

    with bulk_allocation():  # see yamlsource.bulk_allocation; one pass at the end, over what is still alive
        return _lint_paths(paths, catalogue, fit, notes)


def _lint_paths(paths: list[str | Path] | None, catalogue: str | Path | None, fit: bool,
                notes: list[str] | None) -> tuple[int, list[Diagnostic]]:
    from safepath.story import loader
    from safepath import paths as sp_paths
    from safepath.authoring.analysis import lint_graph
    from safepath.i18n.checks import content_diagnostics
    from safepath.story.text_traps import trap_diagnostics
    from safepath.story.yamlsource import bulk_allocation, read_yaml

    files = expand(paths if paths is not None else [sp_paths.content_dir()])
    diagnostics: list[Diagnostic] = []
    if not files:
        where = ", ".join(map(str, paths or [])) or "content/"
        return 0, [error("SP001", where, 0, 0, "no YAML files found here")]
    catalogues = [f for f in files if f.name == CATALOGUE_NAME]
    sign_files = [f for f in files if f.name == SAFE_SIGNS_NAME]
    check_forms = [f for f in files if _is_check_form(f)]
    scenarios = [f for f in files if f.name not in (CATALOGUE_NAME, SAFE_SIGNS_NAME, HELPLINES_NAME, REGISTER_NAME)
                 and f not in check_forms]
    fits = _fit_checks(notes) if fit else None
    for f in catalogues:
        diagnostics.extend(_guarded(f, lambda f=f: loader.load_catalogue(f)[1]))
        if fits is not None:
            diagnostics.extend(_guarded(f, lambda f=f: fits[1](loader.load_catalogue(f)[0].values())))
    for f in sign_files:
        diagnostics.extend(_guarded(f, lambda f=f: loader.load_safe_signs(f)[1]))
        if fits is not None:  # the debrief shows safe-sign titles in the same box as red-flag titles
            diagnostics.extend(_guarded(f, lambda f=f: fits[1](loader.load_safe_signs(f)[0].values())))
    for f in (f for f in files if f.name == HELPLINES_NAME):
        diagnostics.extend(_guarded(f, lambda f=f: _lint_helplines(f)))
    for f in (f for f in files if f.name == REGISTER_NAME):  # the licence register the register drill searches
        from safepath.story.register import load_register

        diagnostics.extend(_guarded(f, lambda f=f: list(load_register(f)[1])))
    if catalogue is None and catalogues:
        catalogue = catalogues[0]
    numbers = None
    seen: dict[str, str] = {}
    catalogue_problems: dict[str, list[Diagnostic]] = {str(f): [] for f in catalogues + sign_files}  # each reported once
    for f in scenarios:
        flags, where, catalogue_diags = loader.resolve_catalogue(catalogue or _nearby_catalogue(f))
        catalogue_problems.setdefault(where, catalogue_diags)
        signs = loader.resolve_safe_signs(sign_files[0] if sign_files else _nearby_catalogue(f, SAFE_SIGNS_NAME))
        catalogue_problems.setdefault(signs[1], signs[2])
        result = _guarded_result(f, lambda f=f: loader.build_scenario(read_yaml(f), flags, where, signs))
        diagnostics.extend(result.diagnostics)
        scenario = result.scenario
        if scenario is None:
            continue
        if scenario.id in seen:
            diagnostics.append(error("SP046", str(f), scenario.pos.line, scenario.pos.column,
                                     f"the scenario id {scenario.id!r} is already used by {seen[scenario.id]}",
                                     "give each scenario its own id (and file name)"))
        seen.setdefault(scenario.id, str(f))
        if numbers is None:
            numbers = _unlisted_numbers_check([f for f in files if f.name == HELPLINES_NAME])
        with bulk_allocation():  # a big scenario is a big live heap; see yamlsource.bulk_allocation
            for check in (lint_graph, content_diagnostics, trap_diagnostics, numbers, *(fits[:1] if fits else ())):
                diagnostics.extend(_guarded(f, lambda check=check: check(scenario)))
    if check_forms:
        diagnostics.extend(_guarded(check_forms[0], lambda: _lint_check_forms(check_forms, catalogue, sign_files, files,
                                                                               fit=fits is not None)))
    for problems in catalogue_problems.values():
        diagnostics.extend(problems)  # a broken catalogue outside PATHS is shown, not only named
    return len(files), diagnostics


def _is_check_form(path: Path) -> bool:
    from safepath.checks.loader import is_check_file

    return is_check_file(path)


def _lint_check_forms(forms: list[Path], catalogue, sign_files: list[Path], files: list[Path],
                      fit: bool = True) -> list[Diagnostic]:
    """Knowledge-check forms, folder by folder: each form's items, then the balance of the folder's bank.

    A form linted alone is checked item by item; two or more forms of one folder are a bank, and the bank
    is checked for balance (SP113–SP117). Red flags come from the catalogue lint uses for scenarios, safe
    signs from a ``safe_signs.yaml`` among the files or beside the ``checks`` folder, else the bundled one.
    """
    from safepath.checks import balance
    from safepath.checks.loader import load_form
    from safepath.story import loader
    from safepath.story.helplines import load_helplines
    from safepath.story.phone_numbers import check_texts

    out: list[Diagnostic] = []
    listed = [f for f in files if f.name == HELPLINES_NAME]
    helplines = load_helplines(listed[0])[0] if listed else load_helplines()[0]
    fit = _check_fit() if fit else None
    folders: dict[Path, list[Path]] = {}
    for f in forms:
        folders.setdefault(f.parent, []).append(f)
    for folder, paths in folders.items():
        flags, _where, _diags = loader.resolve_catalogue(catalogue or _nearby_catalogue(folder / "x.yaml"))
        signs = loader.resolve_safe_signs(sign_files[0] if sign_files
                                          else _nearby_catalogue(folder / "x.yaml", SAFE_SIGNS_NAME))[0] or {}
        loaded = []
        for path in paths:
            result = load_form(path, flags or {}, signs)
            out.extend(result.diagnostics)
            if result.form is None:
                continue
            loaded.append(result.form)
            out.extend(check_texts(result.form.texts(), helplines))
            if fit is not None:
                out.extend(fit(result.form))
        out.extend(balance.check_bank(loaded, flags or {}, signs, complete=len(paths) > 1))
    return out


def _check_fit():
    """SP073 for check cards (the presentation layer measures), or None when it cannot run."""
    from safepath.i18n.checks import fit_checker

    checker, _reason = fit_checker()
    if checker is None:
        return None
    from safepath.ui.check_fit import check_form

    return lambda form: check_form(form, checker)


def catalog_checks(paths: list[str | Path] | None, fit: bool = True, notes: list[str] | None = None) -> list[Diagnostic]:
    """The translation catalogs that belong with the linted stories, checked as ``i18n status`` checks them.

    The game's ``content/`` brings the game's ``locales/`` (both domains); a story in an author's own
    folder brings that folder's ``locales/`` (see :func:`safepath.paths.own_folder`). So a Burmese
    translation that overflows its box (SP073) or is typed in Zawgyi (SP070) is reported by the one
    command an author knows, with the ``.po`` file and line.
    """
    from safepath import paths as sp_paths
    from safepath.i18n.catalogs import CONTENT_DOMAIN, DOMAINS
    from safepath.i18n.status import check_catalogs

    roots: dict[Path, tuple[str, ...]] = {}
    #: per root, the story files named one by one (None: a folder was given, so every entry counts)
    named: dict[Path, set[str] | None] = {}
    bundled = sp_paths.content_dir().resolve()
    for p in (paths if paths is not None else [sp_paths.content_dir()]):
        resolved = Path(p).resolve()
        if resolved == bundled or bundled in resolved.parents or resolved in bundled.parents:
            root = sp_paths.project_root().resolve()
            roots[root] = DOMAINS
        else:
            own = sp_paths.own_folder(p)
            if own is None or not (own / "locales").is_dir():
                continue
            root = own.resolve()
            roots.setdefault(root, (CONTENT_DOMAIN,))
        if resolved.is_file() and named.get(root, set()) is not None:
            named.setdefault(root, set()).add(resolved.relative_to(root).as_posix())
        else:
            named[root] = None
    out: list[Diagnostic] = []
    for root, domains in roots.items():
        sources = named.get(root)
        report = check_catalogs(root, domains=(CONTENT_DOMAIN,) if sources else domains, fit=fit, sources=sources)
        out += report.diagnostics
        if notes is not None:
            notes += [n for n in report.notes if n not in notes]
    return out


def _fit_checks(notes: list[str] | None):
    """SP073 from the presentation layer (it measures with pygame and the real fonts), or None with a note."""
    from safepath.i18n.checks import fit_checker

    checker, reason = fit_checker()
    if checker is not None:
        from safepath.ui.fit import check_red_flags, check_scenario

        return (lambda scenario: check_scenario(scenario, checker),
                lambda red_flags: check_red_flags(red_flags, checker))
    if notes is not None:
        notes.append(f"SP073 (does each text fit its box on screen) was skipped: {reason}")
    return None


def _unlisted_numbers_check(helpline_files: list[Path]) -> Callable:
    """SP099: story text may show only the phone numbers of the helplines file (the linted one, else the bundled one)."""
    from safepath.story.helplines import load_helplines
    from safepath.story.phone_numbers import check_texts

    helplines, _ = load_helplines(helpline_files[0]) if helpline_files else load_helplines()
    return lambda scenario: check_texts(scenario.texts(), helplines)


def _nearby_catalogue(scenario: Path, name: str = CATALOGUE_NAME) -> Path | None:
    """An author's own content folder (``my-content/scenarios/x.yaml``) brings its own catalogues."""
    for folder in (scenario.parent, scenario.parent.parent):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None  # the bundled one


def _lint_helplines(path: Path) -> list[Diagnostic]:
    from safepath.story.helplines import load_helplines

    return list(load_helplines(path)[1])


def _guarded(file: Path, work: Callable[[], list[Diagnostic]]) -> list[Diagnostic]:
    try:
        return list(work())
    except Exception as exc:
        return [_internal_error(str(file), exc)]


def _guarded_result(file: Path, work):
    from safepath.story.loader import LoadResult

    try:
        return work()
    except Exception as exc:
        return LoadResult(None, [_internal_error(str(file), exc)])

