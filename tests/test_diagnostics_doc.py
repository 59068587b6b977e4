"""docs/diagnostics.md is tested: every code of CODES has a section, every example does what it says.

Each section ``## SPnnn Title`` holds ```` ```yaml bad ```` blocks (a complete file that reports
this code and no other) and ```` ```yaml fixed ```` blocks (the same, fixed: no such code, no error),
or a line ``Example: none, because ...``. The convention is written at the top of the page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from safepath.commands.lint import lint_paths
from safepath.story.diagnostics_codes import CODES

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "diagnostics.md"
TEST_CATALOGUE = ROOT / "tests" / "data" / "valid" / "red_flags.yaml"

_SECTION = re.compile(r"^## (SP\d{3}) (.+)$", re.M)
_BLOCK = re.compile(r"^```yaml (bad|fixed)([^\n]*)\n(.*?)^```$", re.M | re.S)


def sections() -> dict[str, str]:
    text = DOC.read_text(encoding="utf-8")
    found = list(_SECTION.finditer(text))
    out = {}
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        assert m.group(1) not in out, f"{m.group(1)} has two sections"
        out[m.group(1)] = text[m.end():end]
    return out


def examples(body: str, kind: str) -> list[tuple[dict, str]]:
    out = []
    for m in _BLOCK.finditer(body):
        if m.group(1) == kind:
            opts = dict(part.split("=", 1) for part in m.group(2).split() if "=" in part)
            out.append((opts, m.group(3)))
    return out


def lint_example(tmp_path: Path, blocks: list[tuple[dict, str]]):
    catalogue = str(TEST_CATALOGUE)
    for opts, text in blocks:
        path = tmp_path / opts.get("file", "example.yaml")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode(opts.get("encoding", "utf-8")))
        if "catalogue" in opts:
            catalogue = str(tmp_path / opts["catalogue"])
        if path.name == "red_flags.yaml":
            catalogue = None
    return lint_paths([tmp_path], catalogue)[1]


SECTIONS = sections()
EXAMPLE_CODES = sorted(code for code, body in SECTIONS.items() if "```yaml bad" in body)


def test_every_code_is_documented_in_order():
    missing = sorted(set(CODES) - set(SECTIONS))
    assert not missing, f"codes without a section in docs/diagnostics.md: {missing}"
    unknown = sorted(set(SECTIONS) - set(CODES))
    assert not unknown, f"sections for codes that are not in CODES: {unknown}"
    assert list(SECTIONS) == sorted(SECTIONS), "sections must be in code order"


@pytest.mark.parametrize("code", sorted(SECTIONS))
def test_section_has_examples_or_says_why_not(code):
    body = SECTIONS[code]
    has_bad, has_fixed = bool(examples(body, "bad")), bool(examples(body, "fixed"))
    if not has_bad:
        assert re.search(r"^Example: none, because \S", body, re.M), f"{code}: no example and no reason"
        assert not has_fixed
        return
    assert has_fixed, f"{code}: a bad example needs a fixed one"
    assert re.search(r"^Fix: \S", body, re.M), f"{code}: say how to fix it"


@pytest.mark.parametrize("code", EXAMPLE_CODES)
def test_bad_example_reports_exactly_its_code(code, tmp_path):
    diagnostics = lint_example(tmp_path, examples(SECTIONS[code], "bad"))
    if code == "SP049":  # lint also says why the catalogue could not be loaded, under the catalogue's own name
        assert any(d.file.endswith("missing/red_flags.yaml") and d.code == "SP001" for d in diagnostics)
        diagnostics = [d for d in diagnostics if not d.file.endswith("missing/red_flags.yaml")]
    codes = sorted({d.code for d in diagnostics})
    assert codes == [code], "\n".join(d.headline() for d in diagnostics)


@pytest.mark.parametrize("code", EXAMPLE_CODES)
def test_fixed_example_is_clean(code, tmp_path):
    diagnostics = lint_example(tmp_path, examples(SECTIONS[code], "fixed"))
    assert code not in {d.code for d in diagnostics}
    errors = [d.headline() for d in diagnostics if d.is_error]
    assert not errors, "\n".join(errors)
