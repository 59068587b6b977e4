"""Excerpts under diagnostics read only the lines they show (issue 18, item 8): a huge file costs nothing."""

from __future__ import annotations

import io
import tracemalloc
from contextlib import redirect_stdout

from hypothesis import given, settings
from hypothesis import strategies as st

from safepath.cli import main
from safepath.scenes.author_errors import ErrorEntry, read_sources
from safepath.story.diagnostics import LINE_KEEP, error, format_all, source_lines

MB = 1024 * 1024


def whole_file_lines(data: bytes) -> list[str]:
    """How the excerpt lines were found before: the whole file decoded, NULs dropped, ``splitlines``."""
    return data.decode("utf-8", errors="replace").replace("\x00", "").splitlines()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "ไทย", "မြန်", "\n", "\r", "\r\n", "\x00", "\u2028", "\x0c", "\xe9".encode("latin-1").decode("latin-1"),
                                 "x" * 50]), max_size=60),
       st.sets(st.integers(min_value=0, max_value=25), max_size=6), st.sampled_from([1, 2, 3, 7, 1 << 16]))
def test_lines_are_those_of_the_whole_file(tmp_path_factory, pieces, wanted, chunk):
    import safepath.story.diagnostics as diagnostics

    data = "".join(pieces).encode("utf-8") + b"\xff"  # and one byte that is not UTF-8
    path = tmp_path_factory.mktemp("src") / "s.yaml"
    path.write_bytes(data)
    old = whole_file_lines(data)
    expected = {n: old[n - 1][:LINE_KEEP] for n in wanted if 0 < n <= len(old)}
    saved = diagnostics._CHUNK
    diagnostics._CHUNK = chunk  # pieces split CR LF pairs and UTF-8 sequences everywhere
    try:
        assert source_lines(path, wanted) == expected
    finally:
        diagnostics._CHUNK = saved


def test_a_too_large_file_is_reported_without_reading_it(tmp_path):
    big = tmp_path / "huge.yaml"
    big.write_bytes(b"id: x\n" + b"# " + b"y" * (40 * MB) + b"\n")
    tracemalloc.start()
    text = format_all([error("SP008", str(big), 0, 0, "file is too large")])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "SP008" in text
    assert peak < 1 * MB, f"printing a whole-file diagnostic used {peak / MB:.1f} MB"


def test_an_error_near_the_top_of_a_huge_file_reads_only_that_far(tmp_path):
    big = tmp_path / "huge.yaml"
    big.write_bytes(b"id: x\ntitle: [oops\n" + b"z" * (40 * MB) + b"\nend: 1\n")
    tracemalloc.start()
    text = format_all([error("SP003", str(big), 2, 8, "a list is not closed"),
                       error("SP003", str(big), 3, 5, "and a very long line")])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    lines = text.splitlines()
    assert lines[1] == "    title: [oops" and lines[2] == "           ^"
    assert lines[4] == "    " + "z" * 157 + "...", "a huge line is cut as before"
    assert peak < 1 * MB, f"the excerpts used {peak / MB:.1f} MB"


def test_lint_refuses_a_huge_file_and_prints_its_headline_only(tmp_path):
    big = tmp_path / "huge.yaml"
    with open(big, "wb") as handle:
        handle.truncate(20 * MB)  # sparse: nothing written, 20 MB of NUL bytes when read
    out = io.StringIO()
    tracemalloc.start()
    with redirect_stdout(out):
        status = main(["lint", str(big)])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert status == 1 and "SP008" in out.getvalue()
    assert peak < 5 * MB, f"lint of a refused file used {peak / MB:.1f} MB"


def test_the_author_overlay_reads_only_the_lines_it_shows(tmp_path):
    big = tmp_path / "huge.yaml"
    big.write_bytes(b"id: x\n\tbad: 1\n" + b"q" * (20 * MB))
    diags = [error("SP005", str(big), 2, 1, "a tab"), error("SP008", str(big), 0, 0, "too large")]
    tracemalloc.start()
    sources = read_sources(diags)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert sources == {str(big): {2: "\tbad: 1"}}
    assert ErrorEntry.from_diagnostic(diags[0], sources[str(big)]).source == " bad: 1"
    assert ErrorEntry.from_diagnostic(diags[1], sources[str(big)]).source is None
    assert peak < 1 * MB
