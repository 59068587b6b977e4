"""The sample outputs in docs/authoring.md are what the commands really print for the guide's example.

Each sample block is marked ``<!-- sample: WHAT (...) -->`` just before it. For every mark this file knows
how to make the real output (a new mark without a runner here fails the test), and compares: every line of
the sample must appear in the real output, in order, and lines between two ``...`` lines must follow each
other there too. So a figure such as "situations explored: 8" or "5 files" cannot drift from the code.
"""

from __future__ import annotations

import io
import re
import shutil
from contextlib import redirect_stdout

import pytest

from safepath import paths
from safepath.cli import main

DOC = paths.project_root() / "docs" / "authoring.md"
TEXT = DOC.read_text(encoding="utf-8")
EXAMPLE = re.search(r"<!-- example: night-market\.yaml[^>]*-->\n```yaml\n(.*?)^```$", TEXT, re.S | re.M).group(1)
SAMPLE = re.compile(r"^ *<!-- sample: (.+?) \(.*?\) -->\n *```text\n(.*?)^ *```$", re.S | re.M)


def samples() -> dict[str, str]:
    found = {}
    for m in SAMPLE.finditer(TEXT):
        indent = len(m.group(2)) - len(m.group(2).lstrip(" "))
        found[m.group(1)] = "\n".join(line[indent:] for line in m.group(2).splitlines())
    return found


def author_folder(tmp_path):
    """A copy of the game's content folder with the guide's example added, as a new author has it."""
    content = tmp_path / "content"
    shutil.copytree(paths.content_dir(), content)
    (content / "scenarios" / "night-market.yaml").write_text(EXAMPLE, encoding="utf-8")
    return tmp_path


def run(args: list[str]) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        main(args)
    return out.getvalue()


def real_lint(tmp_path, monkeypatch) -> str:
    monkeypatch.chdir(author_folder(tmp_path))
    return run(["lint", "content/"])


def real_exhaustive(tmp_path, monkeypatch) -> str:
    monkeypatch.chdir(author_folder(tmp_path))
    return run(["playtest", "content/scenarios/night-market.yaml", "--exhaustive"])


def real_catalog_entry(tmp_path, monkeypatch) -> str:
    """The entry the extractor writes for the first line of scene 'offer', as it reads in content.po."""
    from safepath.i18n.extract import extract_scenario

    folder = author_folder(tmp_path)
    monkeypatch.chdir(folder)
    with open("content/scenarios/night-market.yaml", "rb") as f:  # a real path: the extractor reads the file
        entries = list(extract_scenario(f, [], [], {}))
    for lineno, _, (context, text), comments in entries:
        if context == "night-market/offer/line/0":
            return "\n".join([*(f"#. {c}" for c in comments), f"#: content/scenarios/night-market.yaml:{lineno}",
                              f'msgctxt "{context}"', f'msgid "{text}"', 'msgstr ""'])
    raise AssertionError("the example has no line 0 in scene 'offer'")


RUNNERS = {
    "safepath lint content/": real_lint,
    "safepath playtest content/scenarios/night-market.yaml --exhaustive": real_exhaustive,
    "catalog entry": real_catalog_entry,
}


def test_every_sample_has_a_runner():
    found = samples()
    assert set(found) == set(RUNNERS), "add a runner for each <!-- sample: ... --> block (or remove the mark)"


@pytest.mark.parametrize("what", sorted(RUNNERS))
def test_sample_output_is_the_real_output(what, tmp_path, monkeypatch):
    shown = samples()[what]
    real = RUNNERS[what](tmp_path, monkeypatch).splitlines()
    at = 0
    for chunk in re.split(r"^ *\.\.\.$", shown, flags=re.M):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        start = next((i for i in range(at, len(real)) if real[i:i + len(lines)] == lines), None)
        assert start is not None, ("docs/authoring.md shows lines the command does not print (in this order):\n"
                                   + "\n".join(lines) + "\n--- the command prints:\n" + "\n".join(real))
        at = start + len(lines)


def test_status_example_counts_the_strings_of_the_example(tmp_path, monkeypatch):
    from safepath.i18n.extract import extract_scenario

    shown = re.search(r"`content/scenarios/night-market\.yaml +(\d+) strings +th 0\.0% +my 0\.0% +en 100\.0%`", TEXT)
    assert shown, "section 13 should show the status line of the example"
    path = author_folder(tmp_path) / "content" / "scenarios" / "night-market.yaml"
    with open(path, "rb") as f:
        assert int(shown.group(1)) == len(list(extract_scenario(f, [], [], {})))
