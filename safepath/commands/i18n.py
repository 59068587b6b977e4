"""Translation status and checks; extract templates and update catalogs.

    safepath i18n status [--lang th] [--check] [--limit N] [--json]
    safepath i18n extract            # write locales/{safepath,content}.pot
    safepath i18n update             # extract, then merge into every locales/LANG/LC_MESSAGES/*.po

``update`` is ``pybabel extract`` + ``pybabel update`` with two differences that spare
translators needless work (``safepath.i18n.tools.merge``): an unchanged text whose position
in its scene moved keeps its translation, and fuzzy guesses never cross from one
scenario into another. It also refreshes the English catalogs.
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
    sub.add_parser("extract", help="write the templates locales/safepath.pot and locales/content.pot")
    update = sub.add_parser("update", help="extract, then merge the templates into every language's catalogs")
    update.add_argument("--lang", action="append", metavar="LANG", help="only this language (repeat for more)")
    parser.set_defaults(i18n_command=None, _i18n_parser=parser)


def run(args: argparse.Namespace) -> int:
    action = args.i18n_command or "status"
    if action == "status":
        return _status(args)
    if action == "extract":
        from safepath.i18n.catalogs import DOMAINS
        from safepath.i18n.tools import write_template

        failed = 0
        for domain in DOMAINS:
            try:
                print(f"wrote {write_template(domain)}")
            except Exception as exc:  # report and go on with the other domain
                failed += 1
                print(f"safepath i18n extract: could not extract the {domain} strings: {exc}", file=sys.stderr)
        return 1 if failed else 0
    if action == "update":
        from safepath.i18n.catalogs import SHIPPED_LANGUAGES
        from safepath.i18n.tools import update_catalogs

        from safepath.i18n.catalogs import DOMAINS

        languages = tuple(args.lang or SHIPPED_LANGUAGES)
        failed = 0
        for domain in DOMAINS:
            try:
                reports: dict = {}
                for path in update_catalogs(languages=languages, domains=(domain,), reports=reports):
                    merged = reports.get(path)
                    details = []
                    if merged is not None and merged.moved:
                        details.append(f"{len(merged.moved)} unchanged text(s) moved, translation kept")
                    if merged is not None and merged.fuzzy:
                        details.append(f"{len(merged.fuzzy)} new fuzzy entr{'y' if len(merged.fuzzy) == 1 else 'ies'} to check")
                    print(f"updated {path}" + (f" ({'; '.join(details)})" if details else ""))
            except Exception as exc:  # report and go on with the other domain
                failed += 1
                print(f"safepath i18n update: could not update the {domain} catalogs: {exc}", file=sys.stderr)
        return 1 if failed else 0
    print(f"safepath i18n: unknown action {action!r}", file=sys.stderr)
    return 2


def _status(args: argparse.Namespace) -> int:
    from safepath.i18n.catalogs import SHIPPED_LANGUAGES
    from safepath.i18n.status import collect_status, format_report

    languages = tuple(getattr(args, "lang", None) or SHIPPED_LANGUAGES)
    report = collect_status(languages=languages, fresh=not getattr(args, "from_pot", False))
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
