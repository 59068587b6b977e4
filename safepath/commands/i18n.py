"""Translation status and checks; extract templates and update catalogs.

    safepath i18n status [--lang th] [--check] [--limit N] [--json]
    safepath i18n extract            # write locales/{safepath,content}.pot
    safepath i18n update             # extract, then merge into every locales/LANG/LC_MESSAGES/*.po

``update`` is ``pybabel extract`` + ``pybabel update`` with two differences that spare
translators needless work (``safepath.i18n.tools.merge``): an unchanged text whose position
in its scene moved keeps its translation, and fuzzy guesses never cross from one
scenario into another. It also refreshes the English catalogs, names every translated
entry it made obsolete, and keeps the translations of a story that cannot be read today.

Run in an author's own folder (one with ``content/`` that is not the game's), or given
``--content DIR``, the commands work on that folder's stories and its own catalogs in
``locales/`` beside ``content/``, found the same way as the stories; the game's
interface and its own stories are left alone.
"""

from __future__ import annotations

import argparse
import json
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="i18n_command", metavar="ACTION")
    status = sub.add_parser("status", help="how complete each language is; stale and missing strings")
    status.add_argument("--lang", action="append", metavar="LANG",
                        help="only this language (repeat for more); default: th, my, en")
    status.add_argument("--check", action="store_true",
                        help="exit with status 1 if a shipped language is incomplete or a catalog has errors")
    status.add_argument("--limit", type=int, default=20, metavar="N", help="list at most N strings of each kind")
    status.add_argument("--from-pot", action="store_true",
                        help="compare with the committed .pot files instead of extracting from the source")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    extract = sub.add_parser("extract", help="write the templates locales/safepath.pot and locales/content.pot")
    update = sub.add_parser("update", help="extract, then merge the templates into every language's catalogs")
    update.add_argument("--lang", action="append", metavar="LANG", help="only this language (repeat for more)")
    for p in (status, extract, update):
        # SUPPRESS: `safepath --content DIR i18n status` works as well as `safepath i18n status --content DIR`
        p.add_argument("--content", metavar="DIR", default=argparse.SUPPRESS,
                       help="an author's own stories (their folder's content/): use its catalogs in locales/ beside it")
    parser.set_defaults(i18n_command=None, _i18n_parser=parser)


class Project:
    """Whose translations a command works on: the game's (both domains) or an author's own folder (content)."""

    def __init__(self, root, domains, own: bool):
        self.root, self.domains, self.own = root, domains, own

    def describe(self) -> str:
        """Which folders, as the author would type them (relative to where they stand, when inside it)."""
        from pathlib import Path

        def near(path) -> str:
            try:
                return path.resolve().relative_to(Path.cwd().resolve()).as_posix() + "/"
            except ValueError:
                return str(path)

        return (f"your own stories in {near(self.root / 'content')}; their catalogs are in {near(self.root / 'locales')}"
                if self.own else "")


def find_project(args: argparse.Namespace) -> Project | str:
    """The project to work on, or a sentence saying why the ``--content`` folder is not one."""
    from pathlib import Path

    from safepath import paths
    from safepath.i18n.catalogs import CONTENT_DOMAIN, DOMAINS

    content = getattr(args, "content", None)
    if content is not None:
        if not Path(content).is_dir():
            return f"the story folder {content} does not exist"
        root = paths.own_folder(content)
        if root is None:
            if paths.content_dir().resolve() in (Path(content).resolve(), *Path(content).resolve().parents):
                return Project(paths.project_root(), DOMAINS, False)
            return (f"{content} is not inside a folder named content; keep your stories in "
                    "FOLDER/content/scenarios/ so their catalogs can live in FOLDER/locales/")
        return Project(root, (CONTENT_DOMAIN,), True)
    here = Path.cwd()
    # standing in the folder (it holds content/), or anywhere inside its content/: as for the stories
    own = paths.own_folder(here / "content") if (here / "content").is_dir() else paths.own_folder(here)
    if own is not None and own.resolve() != paths.project_root().resolve():
        return Project(own, (CONTENT_DOMAIN,), True)
    return Project(paths.project_root(), DOMAINS, False)


def run(args: argparse.Namespace) -> int:
    action = args.i18n_command or "status"
    project = find_project(args)
    if isinstance(project, str):
        print(f"safepath i18n: {project}", file=sys.stderr)
        return 2
    if project.own and action in ("status", "extract", "update") and not getattr(args, "json", False):
        print(f"Translations of {project.describe()}")
    if action == "status":
        return _status(args, project)
    if action == "extract":
        from safepath.i18n.tools import write_template

        failed = 0
        for domain in project.domains:
            try:
                print(f"wrote {write_template(domain, project.root)}")
            except Exception as exc:  # report and go on with the other domain
                failed += 1
                print(f"safepath i18n extract: could not extract the {domain} strings: {exc}", file=sys.stderr)
        return 1 if failed else 0
    if action == "update":
        from safepath.i18n.catalogs import SHIPPED_LANGUAGES
        from safepath.i18n.tools import update_catalogs

        languages = tuple(args.lang or SHIPPED_LANGUAGES)
        failed = 0
        for domain in project.domains:
            try:
                reports: dict = {}
                for path in update_catalogs(project.root, languages=languages, domains=(domain,), reports=reports):
                    merged = reports.get(path)
                    details = []
                    if merged is not None and merged.moved:
                        details.append(f"{len(merged.moved)} unchanged text(s) moved, translation kept")
                    if merged is not None and merged.fuzzy:
                        details.append(f"{len(merged.fuzzy)} new fuzzy entr{'y' if len(merged.fuzzy) == 1 else 'ies'} to check")
                    shown = _shown(path, project)
                    print(f"updated {shown}" + (f" ({'; '.join(details)})" if details else ""))
                    if merged is not None:
                        _say_what_was_kept(merged, shown)
            except Exception as exc:  # report and go on with the other domain
                failed += 1
                print(f"safepath i18n update: could not update the {domain} catalogs: {exc}", file=sys.stderr)
        return 1 if failed else 0
    print(f"safepath i18n: unknown action {action!r}", file=sys.stderr)
    return 2


def _shown(path, project: Project) -> str:
    """A catalog's path as the author knows it: relative to their own folder (the game's stay absolute)."""
    if not project.own:
        return str(path)
    try:
        return path.relative_to(project.root).as_posix()
    except ValueError:
        return str(path)


def _say_what_was_kept(merged, shown: str) -> None:
    """Nothing becomes obsolete without a word, and an unreadable story keeps its translations."""
    english = shown.replace("\\", "/").split("/")[-3:-2] == ["en"]  # copies of the source: nothing was lost
    if merged.obsoleted and not english:
        names = ", ".join(merged.obsoleted[:5]) + (f" and {len(merged.obsoleted) - 5} more" if len(merged.obsoleted) > 5 else "")
        print(f"  {len(merged.obsoleted)} translated entr{'y is' if len(merged.obsoleted) == 1 else 'ies are'} no longer "
              f"in the stories and kept at the end of {shown} as obsolete (#~): {names}. If a story or a line was "
              "renamed or removed by mistake, put it back and run `safepath i18n update` again to get them back.")
    for source, contexts in sorted(merged.kept.items()):
        print(f"  {source} cannot be read (run `safepath lint {source}`), so its {len(contexts)} entr"
              f"{'y was' if len(contexts) == 1 else 'ies were'} kept as they are, not made obsolete.")


def _status(args: argparse.Namespace, project: Project) -> int:
    from safepath.i18n.catalogs import SHIPPED_LANGUAGES
    from safepath.i18n.status import collect_status, format_report

    languages = tuple(getattr(args, "lang", None) or SHIPPED_LANGUAGES)
    report = collect_status(project.root, languages=languages, fresh=not getattr(args, "from_pot", False),
                            domains=project.domains)
    if getattr(args, "json", False):
        data = {
            "languages": {lang: round(report.language_percent(lang), 2) for lang in languages},
            "catalogs": [
                {
                    "lang": c.lang, "domain": c.domain, "total": c.total, "translated": c.translated,
                    "percent": round(c.percent, 2), "drafts": c.drafts, "obsolete": c.obsolete,
                    "stale": [vars(e) for e in c.fuzzy], "missing": [vars(e) for e in c.missing],
                }
                for c in report.catalogs
            ],
            "files": {
                name: {lang: round(f.percent(lang), 2) for lang in languages} for name, f in report.files.items()
            },
            "diagnostics": [d.to_json() for d in report.diagnostics],
            "notes": report.notes,
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(format_report(report, limit=getattr(args, "limit", 20)))
    if getattr(args, "check", False):
        failures = report.failures(tuple(lang for lang in languages if lang in SHIPPED_LANGUAGES))
        if failures:
            print("\ncheck failed:", file=sys.stderr)
            for line in failures:
                print(f"  {line}", file=sys.stderr)
            return 1
        print("\ncheck passed: every shipped language is complete and the catalogs have no errors.")
    return 0
