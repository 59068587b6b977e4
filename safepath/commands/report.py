"""``safepath report``: a report for trainers and donors from this laptop's records and other laptops' exports.

    safepath report [-o OUTDIR] [--lang th|my|en] [-k K] [--export FILE] [EXPORT ...]

Reads the anonymous records of this laptop (``--data-dir``, ``--portable`` as for the game; ``--no-local``
leaves them out) and of every EXPORT file given (export files of other laptops, a laptop's
``results.json``, or a folder of them), counts each record once, and writes a folder: ``report.html``
(everything, self-contained), ``summary.html`` (one A4 page), ``csv/`` with a README, and
``privacy-receipt.txt``. Counts from 1 to K − 1 are hidden, with complementary suppression (K = 10 unless
``-k`` says otherwise; never below 5). ``--export FILE`` also writes all the records read into one export
file, to carry to another computer and merge there. A file that cannot be trusted is named with its line
and column and left out; the exit status is then 1, though the report of the rest is written.
See ``docs/reports.md``.
"""

from __future__ import annotations

import argparse
import sys


def _k(text: str) -> int:
    from safepath.report.tables import check_k

    try:
        return check_k(int(text))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc) if text.strip().lstrip("-").isdigit()
                                         else f"k must be a whole number (it was {text!r})") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("exports", nargs="*", metavar="EXPORT",
                        help="export files of other laptops (or their results.json, or folders of them) to merge")
    parser.add_argument("-o", "--output", metavar="OUTDIR",
                        help="folder to write the report into (default: SafePath-report-DATE in the current folder)")
    parser.add_argument("--lang", choices=["th", "my", "en"], default="en", help="language of the report (default en)")
    parser.add_argument("-k", type=_k, default=10, metavar="K",
                        help="hide counts below K, and what they could be worked out from (default 10, at least 5)")
    parser.add_argument("--export", metavar="FILE", help="also write every record read into one export file")
    parser.add_argument("--no-local", action="store_true", help="leave out this laptop's own records")
    parser.add_argument("--data-dir", metavar="DIR", help="the game's data folder (default: the player's data folder)")
    parser.add_argument("--portable", action="store_true", help="use the saves next to the game (a USB stick)")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from safepath.report import build, export, inputs
    from safepath.saves.storage import Storage, resolve_data_dir
    from safepath.story.diagnostics import format_all

    storage = None if args.no_local else Storage(resolve_data_dir(args.portable, args.data_dir))
    collection = inputs.collect(args.exports, storage)
    if collection.diagnostics:
        print(format_all(collection.diagnostics), file=sys.stderr)
    for s in collection.sources:
        state = "refused" if s.refused else f"{s.counted} counted, {s.duplicates} already counted, {s.rejected} left out"
        print(f"{'this laptop' if s.kind == 'laptop' else s.name}: {s.read} records ({state})")
    export_path = None
    if args.export:
        export_path = Path(args.export)
        try:
            export.write_export(collection.records, export_path)
        except OSError as exc:
            print(f"{export_path}: the export could not be written ({exc.strerror or exc})", file=sys.stderr)
            return 1
        print(f"export: {export_path} ({len(collection.records)} records)")
    folder = Path(args.output) if args.output else build.report_folder(Path.cwd())
    report = build.make_report(collection, args.lang, args.k,
                               export_file=export_path.name if export_path and export_path.parent.resolve() == folder.resolve() else None)
    try:
        written = build.write_report(report, folder)
    except OSError as exc:
        print(f"{folder}: the report could not be written ({exc.strerror or exc})", file=sys.stderr)
        return 1
    hidden = sum(report.hidden.values())
    print(f"report: {folder / 'report.html'} ({len(report.html) // 1024} KB, {len(written)} files; "
          f"{len(collection.records)} records, {hidden} cells hidden with k = {args.k})")
    return 1 if collection.errors else 0
