"""Huge files where small ones belong (issue 18, items 7 and 8): time and peak memory, before beside after.

1. ``safepath lint`` of a 1 GB YAML file. Lint refuses it (SP008, the 8 MB limit) without reading it; then
   it prints each diagnostic with its source line. *Before*: the report read the whole file to find those
   lines (``Path.read_bytes().decode()``, as ``format_all`` did until issue 18); *after*: only the lines shown
   are read (:func:`safepath.story.diagnostics.source_lines`). Beside them, lint of a small file with one
   error: the floor (start-up, imports, the catalogue and helplines checks).
2. Starting the game on a 200 MB ``profiles.json`` (a damaged or hostile file). *Before*: the whole file was
   read and parsed (``read_bytes`` + ``json.loads``, what ``savefile._parse`` did); *after*: the save reader
   sees the size, sets the file aside as damaged and starts fresh, reading nothing.

Each measurement runs in its own process; "peak MB" is that process's maximum resident set size (it includes
the interpreter and the imports). Target: after, within 0.25 s and 10 MB of the small file's lint, and the
start within 0.25 s and 60 MB (generous for a shared machine: before is seconds and gigabytes).
``BENCH_SAVES_MB=200`` makes the lint file smaller (default 1024 MB: the issue's 1 GB).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
TARGET_SECONDS, TARGET_MB = 0.25, 60  # the start; lint: this much above the small file's lint (and 10 MB)

CHILD = r"""
import sys, time, json
sys.path.insert(0, {root!r})
from pathlib import Path
case, path = sys.argv[1], sys.argv[2]
began = time.perf_counter()
if case.startswith("lint"):
    import io
    from contextlib import redirect_stdout
    from safepath.story import diagnostics
    if case.endswith("before"):
        def whole_file(diags):  # the report as it was: every named file read whole for its caret lines
            texts, blocks = {{}}, []
            for d in sorted(diags, key=diagnostics.sort_key):
                if d.file not in texts:
                    texts[d.file] = Path(d.file).read_bytes().decode("utf-8", errors="replace").replace("\x00", "")
                blocks.append(d.format(texts[d.file]))
            return "\n".join(blocks)
        import safepath.commands.lint as lint
        lint.format_all = whole_file
    from safepath.cli import main
    out = io.StringIO()
    with redirect_stdout(out):
        main(["lint", path])
    assert "error" in out.getvalue(), out.getvalue()
else:
    if case.endswith("before"):
        data = json.loads(Path(path).read_bytes().decode("utf-8"))  # what reading a save did
        assert data["data"]["profiles"] == []
    else:
        from safepath.saves.storage import Storage
        s = Storage(Path(path).parent)
        assert s.profiles() == [] and s.take_notices()
print(time.perf_counter() - began)
"""


def measure(case: str, path: Path) -> tuple[float, float]:
    """(seconds inside the child, peak resident MB of the child)."""
    proc = subprocess.Popen([sys.executable, "-c", CHILD.format(root=str(ROOT)), case, str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _pid, status, usage = os.wait4(proc.pid, 0)
    out, err = proc.stdout.read(), proc.stderr.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{case} failed: {err}")
    peak_kb = usage.ru_maxrss  # kilobytes on Linux
    return float(out.strip().splitlines()[-1]), peak_kb / 1024


def write_huge_yaml(path: Path, size: int, head: bytes = b"") -> None:
    line = b"  - text: 'a filler line of a story that is far too long to be one'\n"
    block = line * (MB // len(line))
    with open(path, "wb") as handle:
        handle.write(head)
        while handle.tell() < size:
            handle.write(block)


def main() -> int:
    if not hasattr(os, "wait4"):
        print("needs os.wait4 (Linux, macOS) to measure each process's peak memory")
        return 0
    size = int(os.environ.get("BENCH_SAVES_MB", "1024")) * MB
    with tempfile.TemporaryDirectory(prefix="safepath-bench-saves-") as tmp:
        folder = Path(tmp)
        small = folder / "small.yaml"
        small.write_bytes(b"schema_version: 1\nid: small\ntitle: [not closed\n")
        big = folder / "huge.yaml"
        write_huge_yaml(big, size, b"schema_version: 1\nid: huge\nscenes:\n")
        saves = folder / "saves"
        saves.mkdir()
        with open(saves / "profiles.json", "wb") as handle:  # streamed: this process stays small (its children
            handle.write(b'{"format": "safepath-save", "kind": "profiles", "version": 1, "seq": 1, '  # inherit it)
                         b'"checksum": "sha256:0", "data": {"profiles": [], "padding": "')
            for _ in range(200):
                handle.write(b"x" * MB)
            handle.write(b'"}}')
        floor = measure("lint-after", small)
        lint_before, lint_after = measure("lint-before", big), measure("lint-after", big)
        save_before, save_after = measure("save-before", saves / "profiles.json"), measure("save-after", saves / "profiles.json")
    rows = [("lint of a 1 KB file with one error (the floor)", floor, floor),
            (f"lint of a {size // MB:,} MB file (refused, SP008)", lint_before, lint_after),
            ("start on a 200 MB profiles.json", save_before, save_after)]
    print(f"{'case':52} {'before s':>9} {'before MB':>10} {'after s':>8} {'after MB':>9}")
    for label, (bs, bm), (as_, am) in rows:
        print(f"{label:52} {bs:>9.3f} {bm:>10.0f} {as_:>8.3f} {am:>9.0f}")
    ok = (lint_after[0] - floor[0] < TARGET_SECONDS and lint_after[1] - floor[1] < 10
          and save_after[0] < TARGET_SECONDS and save_after[1] < TARGET_MB)
    print(f"target: lint of the huge file within {TARGET_SECONDS} s and 10 MB of the floor; the start under "
          f"{TARGET_SECONDS} s and {TARGET_MB} MB: " + ("OK" if ok else "MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
