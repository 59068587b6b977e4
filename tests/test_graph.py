"""safepath graph: DOT (checked by Graphviz when installed), Mermaid and a self-contained HTML map."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from safepath.authoring import mapview
from safepath.authoring.analysis.generate import layered_spec, to_model, to_yaml
from safepath.cli import main
from safepath.story.loader import load_scenario
from safepath.paths import scenarios_dir

DREAM = str(scenarios_dir() / "dream-job.yaml")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")


def dream():
    return load_scenario(DREAM).scenario


def with_orphan():
    spec = layered_spec(3, width=2, choices=2, seed=0)
    spec["scenes"]["orphan"] = {"lines": ["Nobody comes here."], "next": "end-safe"}
    spec["scenes"]["s0-0"]["choices"][0]["spots"] = ["rush"]
    spec["scenes"]["s0-0"]["choices"][1]["if"] = "safety > 40"
    return to_model(spec)


def test_dot_names_every_scene_and_marks_endings_and_red_flags():
    scenario = dream()
    dot = mapview.to_dot(scenario)
    for sid in scenario.scenes:
        assert f'"{sid}" [' in dot
    assert "ENDING: safe" in dot and "ENDING: recovered" in dot and "ENDING: trapped-with-help" in dot
    assert "✓ pay-too-good" in dot and "✗ " in dot and "style=dashed" in dot
    assert "UNREACHABLE" not in dot


def test_unreachable_scene_and_condition_shown():
    scenario = with_orphan()
    dot = mapview.to_dot(scenario)
    assert re.search(r'"orphan" \[label="orphan\\n\(narration\)\\nUNREACHABLE".*color="#d00000"', dot)
    assert "if safety > 40" in dot
    assert "UNREACHABLE" in mapview.to_mermaid(scenario)
    assert "Unreachable scenes" in mapview.to_html(scenario, use_dot=False)


@needs_dot
@pytest.mark.parametrize("build", [dream, with_orphan])
def test_dot_passes_graphviz(build):
    done = subprocess.run(["dot", "-Tsvg"], input=mapview.to_dot(build()).encode(), capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    ET.fromstring(done.stdout)


def test_mermaid_structure():
    scenario = dream()
    text = mapview.to_mermaid(scenario)
    assert text.startswith("flowchart TD\n")
    n_edges = sum(len(s.choices) + bool(s.next) for s in scenario.scenes.values())
    assert len(re.findall(r"^  n\d+ (-->|-\.->)\|", text, re.M)) == n_edges
    assert '"' not in "".join(re.findall(r'\["(.*?)"\]', text))  # quotes inside labels are escaped


def _external_references(page: str) -> list[str]:
    page = re.sub(r'xmlns(:\w+)?="[^"]*"', "", page)  # XML namespaces are names, never fetched
    return re.findall(r'(?:src|href)\s*=\s*"(?!#)[^"]*"|url\((?!#)[^)]*\)|@import|<script[^>]*src|<link\b|https?://',
                      page, re.I)


@pytest.mark.parametrize("use_dot", [False, pytest.param(True, marks=needs_dot)])
def test_html_is_self_contained_and_well_formed(use_dot):
    page = mapview.to_html(dream(), use_dot=use_dot)
    assert _external_references(page) == []
    assert page.count("<svg") == 1 and "</svg>" in page and "<!DOCTYPE svg" not in page
    svg = page[page.index("<svg"): page.index("</svg>") + 6]
    ET.fromstring(svg)  # the embedded map is well-formed XML


def test_fallback_svg_draws_every_scene_and_edge():
    scenario = with_orphan()
    svg = mapview.simple_svg(scenario, {"orphan"})
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f"{ns}g[@class='node']")) == len(scenario.scenes)
    assert len(root.findall(f"{ns}g[@class='edge']")) == sum(
        len(s.choices) + bool(s.next) for s in scenario.scenes.values())
    assert 'stroke="#d00000"' in svg


@pytest.mark.parametrize("use_dot", [False, pytest.param(True, marks=needs_dot)])
def test_html_opens_in_headless_chromium_without_console_errors(tmp_path, use_dot):
    browser = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
    if browser is None:
        pytest.skip("Chromium is not installed; docs/authoring.md describes the manual check")
    page = tmp_path / "map.html"
    page.write_text(mapview.to_html(dream(), use_dot=use_dot), encoding="utf-8")
    done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                           "--dump-dom", page.as_uri()], capture_output=True, timeout=120)
    assert done.returncode == 0
    assert b"<svg" in done.stdout
    console = [line for line in done.stderr.decode("utf-8", "replace").splitlines() if "CONSOLE" in line]
    assert console == []


def test_graph_command_formats(tmp_path, capsys):
    assert main(["graph", DREAM, "--format", "mermaid"]) == 0
    assert capsys.readouterr().out.startswith("flowchart TD")
    out = tmp_path / "map.html"
    assert main(["graph", DREAM, "--format", "html", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    capsys.readouterr()
    gen = tmp_path / "gen-12x3x2.yaml"
    gen.write_text(to_yaml(layered_spec(12, 3, 2, seed=3)), encoding="utf-8")
    assert main(["graph", str(gen)]) == 0
    assert capsys.readouterr().out.startswith('digraph "gen-12x3x2"')


@needs_dot
def test_svg_and_png_with_dot(tmp_path):
    svg, png = tmp_path / "m.svg", tmp_path / "m.png"
    assert main(["graph", DREAM, "--svg", "-o", str(svg)]) == 0
    assert main(["graph", DREAM, "--png", "-o", str(png)]) == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and b"<svg" in svg.read_bytes()


def test_svg_without_dot_says_so_clearly(monkeypatch, capsys):
    monkeypatch.setattr(mapview.shutil, "which", lambda name: None)
    assert main(["graph", DREAM, "--svg"]) == 1
    err = capsys.readouterr().err
    assert "Graphviz `dot` is not installed" in err and "--format html" in err


NS = "{http://www.w3.org/2000/svg}"


def _label_boxes(root):
    """Rough boxes of the edge labels of a fallback drawing (the same width estimate the layout uses)."""
    boxes = []
    for g in root.findall(f"{NS}g[@class='edge-label']"):
        texts = g.findall(f"{NS}text")
        if texts:
            width = max(len(t.text) * mapview._CHAR_W[mapview._EDGE_FONT] for t in texts)
            ys = [float(t.get("y")) for t in texts]
            x = float(texts[0].get("x"))
            boxes.append((x - width / 2, min(ys) - 9, x + width / 2, max(ys) + 2))
    return boxes


def test_fallback_boxes_grow_so_no_label_line_is_dropped():
    spec = layered_spec(3, width=2, choices=2, seed=0)
    spec["scenes"]["s1-0"]["red_flags"] = ["pay-too-good", "free-travel", "private-chat", "rush", "secrecy"]
    spec["scenes"]["orphan"] = {"lines": ["Nobody."], "next": "end-safe", "red_flags": ["rush", "secrecy"]}
    first = spec["scenes"]["s0-0"]["choices"][0]
    first.update(spots=["pay-too-good", "free-travel"], misses=["rush"], **{"if": "safety > -5"})
    scenario = to_model(spec)
    root = ET.fromstring(mapview.simple_svg(scenario, {"orphan"}))
    nodes = {g.find(f"{NS}title").text: g for g in root.findall(f"{NS}g[@class='node']")}
    busy = nodes[str(scenario.scenes["s1-0"].pos)]
    shown = [t.text for t in busy.findall(f"{NS}text")]
    assert shown == mapview.node_label(scenario.scenes["s1-0"]).split("\n")
    assert {"⚑ rush", "⚑ secrecy"} <= set(shown)
    assert float(busy.find(f"{NS}rect").get("height")) >= 14 * len(shown)
    lost = [t.text for t in nodes[str(scenario.scenes["orphan"].pos)].findall(f"{NS}text")]
    assert lost[-1] == "UNREACHABLE" and "⚑ secrecy" in lost
    edge_texts = [t.text for g in root.findall(f"{NS}g[@class='edge-label']") for t in g.findall(f"{NS}text")]
    assert {"if safety > -5", "✓ pay-too-good", "✓ free-travel", "✗ rush"} <= set(edge_texts)


@pytest.mark.parametrize("build", [dream, lambda: load_scenario(scenarios_dir() / "friend-referral.yaml").scenario,
                                   lambda: to_model(layered_spec(6, 3, 2, seed=1, conditions=True))])
def test_fallback_edge_labels_do_not_overlap_each_other(build):
    boxes = _label_boxes(ET.fromstring(mapview.simple_svg(build(), set())))
    assert len(boxes) == sum(len(s.choices) + bool(s.next) for s in build().scenes.values())
    clashes = [(a, b) for i, a in enumerate(boxes) for b in boxes[:i]
               if min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1]
    assert clashes == []


def test_mermaid_colours_the_links_that_teach_red_flags():
    scenario = dream()
    text = mapview.to_mermaid(scenario)
    links = re.findall(r"^  n\d+ (?:-->|-\.->)\|\"(.*?)\"\| n\d+$", text, re.M)
    styles = dict(re.findall(r"^  linkStyle (\d+) stroke:(#[0-9a-f]{6}),", text, re.M))
    assert styles, "no link is coloured"
    for i, label in enumerate(links):
        if "✓ " in label:
            assert styles.get(str(i)) == "#1a7f1a", label
        elif "✗ " in label:
            assert styles.get(str(i)) == "#c0392b", label
        else:
            assert str(i) not in styles, label
