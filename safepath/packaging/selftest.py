"""``safepath --selftest``: does this copy of the game work, here? One line per check, exit 0 only if all pass.

The same checks run on the installed package and on the one-folder bundle (CI runs
the bundle's with an empty environment: ``env -i SDL_VIDEODRIVER=dummy
SDL_AUDIODRIVER=dummy SafePath/SafePath --selftest``), so an IT person who unzipped
the game on a laptop can ask the same question and read the answer:

1. where the game's data is, and that its folders are all there;
2. every bundled scenario, the red-flag catalogue and the helplines load without errors;
3. what an NGO added next to the game (``local/``) loads without errors;
4. every catalog (Thai, Burmese, English; interface and content) loads, and CLDR
   formatting of money works in each language;
5. the fonts open, and one Thai and one Burmese string have every glyph and come out shaped;
6. a Thai paragraph is laid out with the real fonts and broken only where ICU allows;
7. one frame of every screen is drawn (none blank);
8. every bundled story is played with synthetic key presses to an ending and its debrief;
9. a save is written, read back and its backup kept, in a temporary folder.

Nothing outside a temporary folder is written: saves and caches go there. The last
line reads ``selftest: N passed, N failed``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TextIO

#: the language of the screens drawn and played: Burmese has the tallest lines and the most shaping
SCREEN_LANGUAGE = "my"


class SelfTestFailure(Exception):
    """A check found something wrong (the pygame half raises its own, same-named class)."""


@dataclass
class Context:
    tmp: Path
    shots: Path | None = None

    def folder(self, name: str) -> Path:
        path = self.tmp / name
        path.mkdir(parents=True, exist_ok=True)
        return path


# -- the checks ---------------------------------------------------------------------------------------
def check_where(ctx: Context) -> str:
    from safepath import paths

    root = paths.project_root()
    needed = [paths.scenarios_dir(), paths.locales_dir(), paths.fonts_dir(), paths.assets_dir() / "images",
              paths.assets_dir() / "sounds"]
    missing = [str(p) for p in needed if not p.is_dir()]
    if missing:
        raise SelfTestFailure(f"missing folder(s): {', '.join(missing)}")
    from safepath.saves.storage import resolve_data_dir

    kind = "bundle" if paths.is_frozen() else "package"
    return (f"{kind}, data in {root}; saves go to {resolve_data_dir()}"
            f"{' (portable)' if paths.is_portable() else ''}; Python {sys.version.split()[0]}, {sys.platform}")


def check_scenarios(ctx: Context) -> str:
    from safepath import paths
    from safepath.story import loader
    from safepath.story.helplines import load_helplines

    report = loader.load_all([paths.scenarios_dir()])
    errors = [d for d in report.diagnostics if d.is_error]
    if errors:
        raise SelfTestFailure(f"{len(errors)} error(s), first: {errors[0].headline()}")
    if not report.scenarios:
        raise SelfTestFailure(f"no scenarios in {paths.scenarios_dir()}")
    flags, flag_diags = loader.load_catalogue()
    helplines, line_diags = load_helplines(check_age=False)
    bad = [d for d in list(flag_diags) + list(line_diags) if d.is_error]
    if bad:
        raise SelfTestFailure(bad[0].headline())
    return (f"{len(report.scenarios)} scenarios ({', '.join(sorted(report.scenarios))}), "
            f"{len(flags)} red flags, {len(helplines)} helplines")


def check_local(ctx: Context) -> str:
    from safepath import paths
    from safepath.packaging.local_content import file_problems, story_files
    from safepath.story import loader

    stories = story_files()
    problems = []
    loaded = 0
    if stories:
        report = loader.load_all([paths.scenarios_dir(), *stories])
        bundled = {os.path.normpath(str(p)) for p in loader.scenario_files([paths.scenarios_dir()])}
        problems += [d.headline() for d in report.diagnostics
                     if d.is_error and os.path.normpath(str(d.file)) not in bundled]
        loaded = sum(1 for s in report.scenarios.values() if os.path.normpath(str(s.path)) not in bundled)
    problems += file_problems(ctx.folder("local-check"))
    where = paths.local_dir()
    if problems:
        raise SelfTestFailure(f"{len(problems)} problem(s) in {where}; first: {problems[0]}")
    if not where.is_dir():
        return f"none ({where} does not exist)"
    used = _local_translations_used()
    return (f"{loaded} local stor{'y' if loaded == 1 else 'ies'} loaded from {where}; "
            f"{used} local translation file{'' if used == 1 else 's'} used; helplines fine")


def _local_translations_used() -> int:
    """How many local .po files the game's translators really read on top (one entry of each is looked up)."""
    from safepath import i18n
    from safepath.i18n.local import install, local_files, local_table

    install()
    used = 0
    for po in local_files():
        lang, domain = po.parent.parent.name, po.stem
        table, _problems = local_table(lang, domain)
        entry = next(((k, v) for k, v in (table.messages.items() if table else ()) if isinstance(v, str)), None)
        if entry is None:
            continue
        (context, msgid), wanted = entry
        shown = i18n.get_translator(lang).pgettext(context or None, msgid, domain=domain)
        if shown != wanted:
            raise SelfTestFailure(f"{paths.shown(po)}: the game shows {shown[:30]!r}, not the local {wanted[:30]!r}")
        used += 1
    return used


def check_catalogs(ctx: Context) -> str:
    from safepath.i18n import catalogs, formatting

    counts = []
    for lang in catalogs.SHIPPED_LANGUAGES:
        sizes = []
        for domain in catalogs.DOMAINS:
            po = catalogs.po_path(lang, domain)
            mo = catalogs.mo_path(po)
            table = catalogs.load_table(po)
            if not table.messages:
                raise SelfTestFailure(f"{po} (or {mo.name}) is missing or unreadable")
            sizes.append(len(table.messages))
        kind = "mo" if catalogs.mo_path(catalogs.po_path(lang, catalogs.UI_DOMAIN)).is_file() else "po"
        money = formatting.format_money(45000, "THB", lang)
        if "45" not in money:
            raise SelfTestFailure(f"money in {lang} came out as {money!r}")
        counts.append(f"{lang} {'+'.join(map(str, sizes))} ({kind})")
    return "; ".join(counts) + "; CLDR money formatting in each"


def check_fonts(ctx: Context) -> str:
    from safepath.scenes import selftest as drawing

    return drawing.fonts_and_shaping()


def check_paragraph(ctx: Context) -> str:
    from safepath.scenes import selftest as drawing

    return drawing.paragraph_layout()


def check_screens(ctx: Context) -> str:
    from safepath.scenes import selftest as drawing

    return drawing.main_screens(ctx.folder("screens"), SCREEN_LANGUAGE, ctx.shots)


def check_play(ctx: Context) -> str:
    from safepath.scenes import selftest as drawing

    return drawing.play_to_an_ending(ctx.folder("play"), SCREEN_LANGUAGE, ctx.shots)


def check_save(ctx: Context) -> str:
    from safepath.play import engine
    from safepath.saves.storage import Storage
    from safepath.story import loader
    from safepath import paths

    folder = ctx.folder("saves")
    scenarios = loader.load_all([paths.scenarios_dir()]).scenarios
    if not scenarios:
        raise SelfTestFailure("there is no scenario whose progress could be saved")
    scenario = scenarios[min(scenarios)]
    state = engine.start(scenario)
    if engine.can_continue(scenario, state):
        state = engine.advance(scenario, state)
    elif engine.available_choices(scenario, state):
        state = engine.choose(scenario, state, engine.available_choices(scenario, state)[0].index)
    first = Storage(folder)
    profile = first.create_profile("Selftest", "moon")
    first.save_state(profile.id, scenario.id, state.to_json())
    settings = first.settings_for(profile.id)
    settings.language = "th"
    first.save_settings(profile.id, settings)
    if first.notices:
        raise SelfTestFailure(first.notices[0].text(lambda m: m))
    again = Storage(folder)
    names = [p.nickname for p in again.profiles()]
    saved = again.scenario_progress(profile.id, scenario.id).state
    if names != ["Selftest"] or saved != state.to_json() or again.settings_for(profile.id).language != "th":
        raise SelfTestFailure("what was read back differs from what was written")
    if again.notices:
        raise SelfTestFailure(again.notices[0].text(lambda m: m))
    backups = sorted(p.name for p in folder.rglob("*.bak"))
    if not backups:
        raise SelfTestFailure("no backup copy was written")
    return f"profile, progress and settings written and read back; {len(backups)} backups"


def check_child(ctx: Context) -> str:
    """The class sheets, as the trainer's screen writes them: in a child process (this program started again)."""
    from safepath import paths
    from safepath.checks.loader import load_bank
    from safepath.child_job import ChildJob
    from safepath.classroom.sheets import write_all
    from safepath.story import loader

    scenarios = loader.load_all([paths.scenarios_dir()]).scenarios
    if not scenarios:
        raise SelfTestFailure("there is no scenario to write a facilitator sheet for")
    scenario = scenarios[min(scenarios)]
    forms = dict(load_bank(None, loader.load_catalogue()[0], loader.load_safe_signs()[0]).forms)
    job = ChildJob(write_all, [scenario], forms, SCREEN_LANGUAGE, ctx.folder("sheets"))
    written = job.result(timeout=300)
    if not job.ran_in_child:
        raise SelfTestFailure("no child process could be started: the sheets and reports would stay in memory")
    missing = [p.name for p in written if not p.is_file() or p.stat().st_size < 10_000]
    if missing:
        raise SelfTestFailure(f"the child process wrote {', '.join(missing)} empty or not at all")
    return f"{len(written)} printable pages (fonts embedded) written by a child process"


CHECKS: list[tuple[str, Callable[[Context], str]]] = [
    ("where", check_where),
    ("scenarios", check_scenarios),
    ("local content", check_local),
    ("catalogs", check_catalogs),
    ("fonts and shaping", check_fonts),
    ("paragraph with ICU breaks", check_paragraph),
    ("screens", check_screens),
    ("play to an ending", check_play),
    ("save and read back", check_save),
    ("class sheets in a child process", check_child),
]


# -- running them ---------------------------------------------------------------------------------
def run_checks(say: Callable[[str], None], shots: Path | None = None, verbose: bool = False) -> int:
    """Run every check, one line each; the number that failed."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # headless unless a driver was chosen (Xvfb)
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    failed = 0
    with tempfile.TemporaryDirectory(prefix="safepath-selftest-") as tmp:
        ctx = Context(Path(tmp), Path(shots) if shots else None)
        saved_cache = os.environ.get("SAFEPATH_CACHE_DIR")
        os.environ["SAFEPATH_CACHE_DIR"] = str(ctx.folder("cache"))  # caches are exercised, never the player's
        try:
            for name, check in CHECKS:
                started = time.perf_counter()
                try:
                    detail, ok = check(ctx), True
                except Exception as exc:  # every failure is a line of the report, never a traceback alone
                    detail, ok = f"{type(exc).__name__}: {exc}", False
                    if verbose:
                        say(traceback.format_exc().rstrip())
                took = (time.perf_counter() - started) * 1000
                failed += not ok
                say(f"{'ok  ' if ok else 'FAIL'} {name}: {detail} ({took:.0f} ms)")
        finally:
            if saved_cache is None:
                os.environ.pop("SAFEPATH_CACHE_DIR", None)
            else:
                os.environ["SAFEPATH_CACHE_DIR"] = saved_cache
            _quit_pygame()
    say(f"selftest: {len(CHECKS) - failed} passed, {failed} failed")
    return failed


def _quit_pygame() -> None:
    pygame = sys.modules.get("pygame")
    if pygame is not None:
        pygame.display.quit()


def _writer(stream: TextIO | None, log: Path | None) -> Callable[[str], None]:
    """Print to the terminal (when there is one: a windowed Windows program has none) and to ``log``."""
    handle = open(log, "w", encoding="utf-8") if log else None  # noqa: SIM115 (closed at exit)

    def say(line: str) -> None:
        if stream is not None:
            encoding = getattr(stream, "encoding", None) or "utf-8"
            stream.write(line.encode(encoding, "replace").decode(encoding) + "\n")
            stream.flush()
        if handle is not None:
            handle.write(line + "\n")
            handle.flush()

    return say


def run(args) -> int:
    """``safepath --selftest [--selftest-log FILE] [--selftest-shots DIR]``: exit 0 only if every check passed."""
    log = getattr(args, "selftest_log", None)
    shots = getattr(args, "selftest_shots", None)
    say = _writer(sys.stdout, Path(log) if log else None)
    return 1 if run_checks(say, Path(shots) if shots else None, verbose=bool(os.environ.get("SAFEPATH_SELFTEST_VERBOSE"))) else 0
