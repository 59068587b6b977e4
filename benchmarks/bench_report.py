"""A trainers' report from 100,000 play records and 10,000 check answers: time and size.

Targets (issue 13): the whole report (records read and checked, figures, suppression, HTML with embedded
fonts, CSV files written) in under 5 s on the project's 2-core machine; report.html under 500 KB. Cold:
the font subsets are cut (a fresh cache folder); warm: the same report again, its subsets from the cache.
A last line shows a heavier set, 10,000 whole checks (200,000 answers), for scale.

Side by side with baselines:
* time: reading the export file and checking the records only (json + validate + dedup), the floor any
  report pays; the report's own work is what comes on top;
* size: the same page with the three Noto fonts embedded whole (base64 TTF, what ``export-script`` does)
  instead of cut down to the glyphs used (WOFF2).

The records are the seeded synthetic set of :mod:`safepath.report.synthetic` (real story and form ids).
"""

from __future__ import annotations

import base64
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from safepath.report import build, export, inputs, synthetic  # noqa: E402

PLAYS, ANSWERS = 100_000, 10_000


class Clock:
    """Wall-clock and CPU seconds side by side: on a machine shared by other jobs the wall clock waits for
    them, while the CPU time is what the report itself costs (what an otherwise idle laptop waits)."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        out = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return out


def timed_report(path: Path, content, out: Path):
    clock = Clock()
    collection = inputs.collect([path])
    read = clock.lap()
    report = build.make_report(collection, "my", 10, content=content)
    made = clock.lap()
    build.write_report(report, out)
    written = clock.lap()
    total = tuple(a + b + c for a, b, c in zip(read, made, written))
    return read, made, written, total, report


def row(label: str, times: tuple[float, float], note: str = "") -> None:
    print(f"{label:<48}{times[0]:>8.2f}{times[1]:>8.2f}  {note}")


def main() -> int:
    content = build.load_content()
    scenarios, _flags, _signs, forms = content
    per_check = len(forms["A"].items)
    records = synthetic.play_records(PLAYS, scenarios, seed=1, players=20_000)
    records += synthetic.check_records(ANSWERS // per_check // 2, forms, seed=2)  # a pre- and a post-check each
    answers = sum(len(r["answers"]) for r in records if r["kind"] == "check")
    checks = sum(r["kind"] == "check" for r in records)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.environ["SAFEPATH_CACHE_DIR"] = str(tmp / "cache")
        path = export.write_export(records, tmp / "records.json")
        size_mb = path.stat().st_size / 1e6

        clock = Clock()
        floor = inputs.collect([path])
        read_s = clock.lap()

        read_t, made_t, write_t, total, report = timed_report(path, content, tmp / "report")
        _r, warm_made, _w, warm, _rep = timed_report(path, content, tmp / "report-warm")
        heavy = records + synthetic.check_records(5_000, forms, seed=3)
        heavy_path = export.write_export(heavy, tmp / "heavy.json")
        *_x, heavy_total, _h = timed_report(heavy_path, content, tmp / "report-heavy")

        html = (tmp / "report" / "report.html").stat().st_size
        whole_fonts = sum(len(base64.b64encode((ROOT / "assets" / "fonts" / name).read_bytes()))
                          for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSansThai-Regular.ttf",
                                       "NotoSansThai-Bold.ttf", "NotoSansMyanmar-Regular.ttf", "NotoSansMyanmar-Bold.ttf"))
        embedded = report.font_bytes
    print(f"records: {len(floor.records):,} ({PLAYS:,} plays, {checks:,} checks with {answers:,} answers); "
          f"export file {size_mb:.1f} MB; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'seconds':<48}{'wall':>8}{'CPU':>8}")
    row("baseline: read + check the records only", read_s)
    row("report: read + check", read_t)
    row("report: figures, suppression, HTML, fonts", made_t)
    row("report: write the folder", write_t)
    row("report: total, cold (target < 5 s)", total, "ok" if total[1] < 5 else "TOO SLOW")
    row("report: total, warm font cache", warm, f"(figures, HTML, fonts {warm_made[1]:.2f} CPU)")
    row("for scale: + 10,000 whole checks (200,000 answers)", heavy_total)
    print(f"report.html {html / 1024:.0f} KB (target < 500 KB) {'ok' if html < 500_000 else 'TOO BIG'}; "
          f"fonts embedded {embedded / 1024:.0f} KB as WOFF2 subsets; "
          f"baseline: the whole fonts in base64 would be {whole_fonts / 1024:.0f} KB")
    return 0 if total[1] < 5 and html < 500_000 else 1


if __name__ == "__main__":
    sys.exit(main())
