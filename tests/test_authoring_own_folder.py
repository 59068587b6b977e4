"""docs/authoring.md, "Keeping your stories in your own folder", followed from an empty folder (issue 16).

The guide's command block is run line by line, in order, in a new folder outside the SafePath folder:
a new story, its lint and exhaustive playtest, its own catalogs with one line translated into Thai (the
translation the guide shows), its screenshots, a golden file and author mode. Only the guide's commands
are used (``mkdir`` and ``cd`` too); between ``i18n update`` and ``i18n status`` the test does what the
guide asks the author to do by hand: write the one translation it shows into the Thai catalog. Every
``<!-- own folder sample: COMMAND -->`` block must be what that command really printed (lines in order;
``...`` between parts that need not follow each other).
"""

from __future__ import annotations

import io
import os
import re
import shlex
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pygame
import pytest

from safepath import paths
from safepath.cli import main
from safepath.i18n.runtime import use_own_catalogs

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
DOC = (paths.project_root() / "docs" / "authoring.md").read_text(encoding="utf-8")
SECTION = DOC.split("### Keeping your stories in your own folder", 1)[1].split("\n### ", 1)[0]
BLOCK = re.search(r"<!-- own folder: [^>]*-->\n```console\n(.*?)^```$", SECTION, re.S | re.M).group(1)
SAMPLES = dict(re.findall(r"<!-- own folder sample: (.+?) -->\n```text\n(.*?)^```$", SECTION, re.S | re.M))
TRANSLATION = re.search(r'```text\n(msgctxt "[^"]+"\nmsgid "([^"]+)"\nmsgstr "([^"]+)")\n```', SECTION)


@pytest.fixture(autouse=True)
def game_catalogs_only_afterwards():
    yield
    use_own_catalogs()


def commands() -> list[str]:
    return [line.split("  #", 1)[0].strip() for line in BLOCK.splitlines() if line.strip()]


def shows(sample: str, output: str) -> bool:
    """Every line of the sample is in the output, in order; lines between two ``...`` follow each other."""
    real, at = output.splitlines(), 0
    for chunk in re.split(r"^\.\.\.$", sample, flags=re.M):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        start = next((i for i in range(at, len(real)) if real[i:i + len(lines)] == lines), None)
        if start is None:
            return False
        at = start + len(lines)
    return True


def run(command: str, monkeypatch) -> tuple[int, str]:
    words = shlex.split(command)
    if words[0] == "mkdir":
        Path(words[1]).mkdir()
        return 0, ""
    if words[0] == "cd":
        monkeypatch.chdir(words[1])
        return 0, ""
    assert words[0] == "safepath", f"the guide's block has a command the test cannot run: {command}"
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(words[1:])
    return code, out.getvalue() + err.getvalue()


def test_the_guide_block_and_its_samples_are_what_the_test_runs():
    wanted = ["mkdir", "cd", "safepath new", "safepath lint", "safepath playtest", "safepath i18n update",
              "safepath i18n status", "safepath screenshots", "--record", "--check", "safepath --author"]
    joined = "\n".join(commands())
    positions = [joined.find(w) for w in wanted]
    assert -1 not in positions and positions == sorted(positions), positions
    assert set(SAMPLES) <= set(commands()), sorted(set(SAMPLES) - set(commands()))
    assert TRANSLATION, "the section shows the one line to translate"


def test_from_an_empty_folder_to_author_mode(tmp_path, monkeypatch):
    from safepath import app as game

    assert paths.project_root() not in tmp_path.parents  # outside the SafePath folder
    monkeypatch.chdir(tmp_path)
    watched = []
    monkeypatch.setattr(game.App, "loop", lambda self: watched.append(sorted(self.scenarios)))
    outputs: dict[str, str] = {}
    for command in commands():
        code, output = run(command, monkeypatch)
        assert code == 0, f"{command}\n{output}"
        outputs[command] = output
        if command == "safepath i18n update":  # the author translates the line the guide shows
            po = Path("locales/th/LC_MESSAGES/content.po")
            entry, english, thai = TRANSLATION.groups()
            text = po.read_text(encoding="utf-8")
            empty = entry.replace(f'msgstr "{thai}"', 'msgstr ""')
            assert empty in text, f"the catalog has no entry as the guide shows it:\n{empty}"
            po.write_text(text.replace(empty, entry), encoding="utf-8")
    for command, sample in SAMPLES.items():
        assert shows(sample, outputs[command]), (f"docs/authoring.md shows for `{command}`:\n{sample}\n"
                                                 f"--- it prints:\n{outputs[command]}")
    folder = tmp_path / "ngo-stories"
    # its own catalogs, with its own story only; the game's catalogs are not the ones written
    assert (folder / "locales" / "th" / "LC_MESSAGES" / "content.po").is_file()
    assert "dream-job" not in (folder / "locales" / "th" / "LC_MESSAGES" / "content.po").read_text(encoding="utf-8")
    # every scene drawn, in each language; the Thai picture shows the translated line, the English one not
    scenes = sorted(p.name for p in (folder / "shots" / "1280x720" / "th" / "ngo-story").glob("*.png"))
    assert scenes == ["01-ad.png", "02-check.png", "03-safe-end-debrief.png", "03-safe-end.png",
                      "04-trapped-debrief.png", "04-trapped.png"]
    thai = pygame.image.load(str(folder / "shots" / "1280x720" / "th" / "ngo-story" / "01-ad.png"))
    english = pygame.image.load(str(folder / "shots" / "1280x720" / "en" / "ngo-story" / "01-ad.png"))
    assert pygame.image.tobytes(thai, "RGB") != pygame.image.tobytes(english, "RGB")
    # the golden file names its choices by scene and the ending by its id
    golden = (folder / "tests" / "playthroughs" / "ngo-safe.yaml").read_text(encoding="utf-8")
    assert "- ad: 1  #" in golden and "ending: safe-end" in golden
    # author mode started the game on the folder's story
    assert watched == [["ngo-story"]]


def test_the_translated_line_is_what_the_thai_player_reads(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for command in commands()[:6]:  # up to and including `safepath i18n update`
        run(command, monkeypatch)
    entry, english, thai = TRANSLATION.groups()
    po = Path("locales/th/LC_MESSAGES/content.po")
    po.write_text(po.read_text(encoding="utf-8").replace(entry.replace(f'msgstr "{thai}"', 'msgstr ""'), entry),
                  encoding="utf-8")
    code, out = run("safepath --lang th play --text content/scenarios/ngo-story.yaml --choices 1,1", monkeypatch)
    assert code == 0 and thai in out and english not in out


def test_the_golden_example_of_section_14_passes_on_the_worked_example(tmp_path, monkeypatch):
    """The guide's golden file (choices by scene, the ending by its id) against the story of section 3."""
    example = re.search(r"<!-- example: night-market\.yaml[^>]*-->\n```yaml\n(.*?)^```$", DOC, re.S | re.M).group(1)
    golden = re.search(r"```yaml\n(scenario: \.\./\.\./content/scenarios/night-market\.yaml.*?)^```$", DOC,
                       re.S | re.M).group(1)
    (tmp_path / "content" / "scenarios").mkdir(parents=True)
    (tmp_path / "content" / "scenarios" / "night-market.yaml").write_text(example, encoding="utf-8")
    (tmp_path / "tests" / "playthroughs").mkdir(parents=True)
    (tmp_path / "tests" / "playthroughs" / "night-market-safe.yaml").write_text(golden, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out = run("safepath playtest --check tests/playthroughs/", monkeypatch)
    assert code == 0, out


def test_the_line_numbers_the_guide_gives_are_the_lines_of_its_example():
    """Each sample message names a line of the worked example; the prose under section 4's sample agrees."""
    import difflib

    example = re.search(r"<!-- example: night-market\.yaml[^>]*-->\n```yaml\n(.*?)^```$", DOC, re.S | re.M)
    lines = example.group(1).splitlines()
    for m in re.finditer(r"^content/scenarios/night-market\.yaml:(\d+):(\d+): \w+ (SP\d+).*\n(.*)\n", DOC, re.M):
        shown = m.group(4).strip()
        best = max(range(len(lines)), key=lambda i: difflib.SequenceMatcher(None, shown, lines[i].strip()).ratio())
        assert best + 1 == int(m.group(1)), f"{m.group(3)} sample says line {m.group(1)}; the example has it at {best + 1}"
    said = re.search(r"^```text\ncontent/scenarios/night-market\.yaml:(\d+):(\d+): error SP030.*?```\n\nRead it like this:"
                     r" .*? on line (\d+), at column (\d+).*?go to line (\d+)", DOC, re.S | re.M)
    assert said and said.group(1) == said.group(3) == said.group(5) and said.group(2) == said.group(4)
