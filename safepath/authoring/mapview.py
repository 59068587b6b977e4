"""A scenario's map as Graphviz DOT, Mermaid or a self-contained HTML page.

Scenes are nodes coloured by kind; endings are marked with their kind; each
choice is an edge labelled with its (shortened) text, its condition, and the red
flags it teaches (``✓`` spotted, ``✗`` missed); ``next`` is a dashed
"Continue" edge. Scenes no path reaches (conditions included, see
:mod:`safepath.authoring.analysis.states`) get a thick red dashed border, so a
misspelt ``goto`` jumps out of the picture.

The HTML map never touches the network: the SVG is drawn by Graphviz ``dot``
when it is installed (its DOCTYPE, the only external reference, is removed) and
otherwise by the small layered layout below, and the styles are inline.
"""

from __future__ import annotations

import html
import shutil
import subprocess
from collections import deque
from dataclasses import dataclass

from safepath.story import model

KIND_COLOURS = {
    "chat": "#d6eaff",
    "narration": "#eeeeee",
    "decision": "#fff3c4",
    # drills: one colour, the kind is written in the box
    "phone": "#d9f2ef",
    "register": "#d9f2ef",
    "codeword": "#d9f2ef",
    "travelplan": "#d9f2ef",
}
ENDING_COLOURS = {
    "safe": "#c8f0c8",
    "recovered": "#ffe0b3",
    "trapped-with-help": "#e6d5f5",
}
LABEL_LIMIT = 34


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str  # shortened choice text or "Continue"
    condition: str
    spots: tuple[str, ...]
    misses: tuple[str, ...]
    is_next: bool
    false_alarm: bool = False  # refuses or distrusts an offer that was safe
    trusts_safe: bool = False  # rightly accepts a safe offer after checking it

    @property
    def good(self) -> bool:
        """Drawn green: the choice spots a red flag or rightly trusts a safe offer."""
        return bool(self.spots) or self.trusts_safe

    @property
    def bad(self) -> bool:
        """Drawn red: the choice misses a red flag or refuses a safe offer (a false alarm)."""
        return bool(self.misses) or self.false_alarm

    def full_label(self) -> str:
        parts = [self.label]
        if self.condition:
            parts.append(f"if {self.condition}")
        parts += [f"✓ {f}" for f in self.spots] + [f"✗ {f}" for f in self.misses]
        if self.trusts_safe:
            parts.append("✓ trusts a safe offer")
        if self.false_alarm:
            parts.append("✗ false alarm: refuses a safe offer")
        return "\n".join(parts)


def shorten(text: str, limit: int = LABEL_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def edges(scenario: model.Scenario) -> list[Edge]:
    out = []
    for scene in scenario.scenes.values():
        for c in scene.choices:
            label = f"[{c.outcome}] {c.text.text}" if c.outcome else c.text.text
            out.append(Edge(scene.id, c.goto, shorten(label), c.condition_source, c.effects.spots,
                            c.effects.misses, False, c.effects.false_alarm, c.effects.trusts_safe))
        if scene.next:
            out.append(Edge(scene.id, scene.next, "Continue", "", (), (), True))
    return out


def unreachable(scenario: model.Scenario) -> set[str]:
    from safepath.authoring.analysis.states import explore

    graph = explore(scenario, max_states=50_000)
    if not graph.complete:
        return set()
    return set(scenario.scenes) - {s for s, _, _ in graph.states}


def node_label(scene: model.Scene) -> str:
    head = scene.id
    if scene.is_ending and scene.ending:
        head = f"{scene.id}\nENDING: {scene.ending.value}"
    elif scene.title:
        head = f"{scene.id}\n{shorten(scene.title.text, 28)}"
    else:
        head = f"{scene.id}\n({scene.kind.value})"
    if scene.is_drill:
        head += f"\nDRILL: {scene.kind.value}"
        if isinstance(scene.drill, model.PhoneDrill):
            head += f" {scene.drill.number}" + (f", {scene.drill.menu}" if scene.drill.menu else "")
    if scene.red_flags:
        head += "\n" + "\n".join(f"⚑ {f}" for f in scene.red_flags)
    return head


def fill(scene: model.Scene) -> str:
    if scene.is_ending and scene.ending:
        return ENDING_COLOURS.get(scene.ending.value, "#ffffff")
    return KIND_COLOURS.get(scene.kind.value, "#ffffff")


# -- DOT -------------------------------------------------------------------

def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(scenario: model.Scenario, lost: set[str] | None = None) -> str:
    lost = unreachable(scenario) if lost is None else lost
    out = [f"digraph {_dot_quote(scenario.id)} {{",
           "  graph [rankdir=TB, fontname=\"Noto Sans\", label=" + _dot_quote(scenario.title.text) + ", labelloc=t];",
           "  node [shape=box, style=\"rounded,filled\", fontname=\"Noto Sans\", fontsize=11];",
           "  edge [fontname=\"Noto Sans\", fontsize=9];"]
    for scene in scenario.scenes.values():
        attrs = {"label": node_label(scene), "fillcolor": fill(scene), "tooltip": f"{scene.pos}"}
        extra = ""
        if scene.is_ending:
            extra = ", shape=doubleoctagon"
        if scene.id == scenario.start:
            extra += ", penwidth=2.5"
        if scene.id in lost:
            attrs["label"] += "\nUNREACHABLE"
            extra += ", color=\"#d00000\", penwidth=3, style=\"rounded,filled,dashed\""
        out.append(f"  {_dot_quote(scene.id)} [" + ", ".join(f"{k}={_dot_quote(v)}" for k, v in attrs.items())
                   + extra + "];")
    for e in edges(scenario):
        style = ", style=dashed" if e.is_next else ""
        colour = ", color=\"#1a7f1a\", fontcolor=\"#1a7f1a\"" if e.good else (
            ", color=\"#c0392b\", fontcolor=\"#c0392b\"" if e.bad else "")
        out.append(f"  {_dot_quote(e.source)} -> {_dot_quote(e.target)} [label={_dot_quote(e.full_label())}{style}{colour}];")
    out.append("}")
    return "\n".join(out) + "\n"


# -- Mermaid -----------------------------------------------------------------

def _mermaid_text(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "<br/>")


def to_mermaid(scenario: model.Scenario, lost: set[str] | None = None) -> str:
    lost = unreachable(scenario) if lost is None else lost
    ids = {sid: f"n{i}" for i, sid in enumerate(scenario.scenes)}
    out = ["flowchart TD"]
    for scene in scenario.scenes.values():
        label = _mermaid_text(node_label(scene) + ("\nUNREACHABLE" if scene.id in lost else ""))
        shape = ('(["', '"])') if scene.is_ending else ('["', '"]')
        out.append(f"  {ids[scene.id]}{shape[0]}{label}{shape[1]}")
    styles, links = [], 0
    for e in edges(scenario):
        if e.target not in ids:
            continue
        arrow = "-.->" if e.is_next else "-->"
        if e.good or e.bad:  # as in DOT: green when the choice spots a red flag, red when it misses one
            colour = "#1a7f1a" if e.good else "#c0392b"
            styles.append(f"  linkStyle {links} stroke:{colour},color:{colour},stroke-width:2px")
        out.append(f"  {ids[e.source]} {arrow}|\"{_mermaid_text(e.full_label())}\"| {ids[e.target]}")
        links += 1  # Mermaid numbers links in the order they are written, from 0
    out += styles
    for kind, colour in {**KIND_COLOURS, **ENDING_COLOURS}.items():
        out.append(f"  classDef {kind.replace('-', '_')} fill:{colour},stroke:#555")
    out.append("  classDef unreachable stroke:#d00000,stroke-width:3px,stroke-dasharray:5 3")
    for scene in scenario.scenes.values():
        cls = scene.ending.value if scene.is_ending and scene.ending else scene.kind.value
        out.append(f"  class {ids[scene.id]} {cls.replace('-', '_')}")
        if scene.id in lost:
            out.append(f"  class {ids[scene.id]} unreachable")
    return "\n".join(out) + "\n"


# -- SVG and HTML ---------------------------------------------------------

def dot_available() -> bool:
    return shutil.which("dot") is not None


def run_dot(dot_source: str, fmt: str) -> bytes:
    """Render with Graphviz; raises FileNotFoundError when ``dot`` is not installed."""
    path = shutil.which("dot")
    if path is None:
        raise FileNotFoundError("dot")
    done = subprocess.run([path, f"-T{fmt}"], input=dot_source.encode("utf-8"), capture_output=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode("utf-8", "replace").strip() or "dot failed")
    return done.stdout


def _strip_prolog(svg: str) -> str:
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


#: sizes of the fallback drawing, in SVG pixels
_NODE_FONT, _EDGE_FONT = 11, 9
_NODE_LINE, _EDGE_LINE = 14, 11
_CHAR_W = {_NODE_FONT: 6.6, _EDGE_FONT: 5.4}  # a generous average width of one character (bold ids included)


def _text_width(text: str, size: int) -> float:
    return len(text) * _CHAR_W[size]


def _rows(scenario: model.Scenario, all_edges: list[Edge]) -> dict[int, list[str]]:
    """Scenes by distance from the start (scenes no path reaches go last), each row ordered by the mean
    place of the scenes leading into it, so fewer arrows cross."""
    out_edges: dict[str, list[Edge]] = {}
    for e in all_edges:
        out_edges.setdefault(e.source, []).append(e)
    depth = {scenario.start: 0}
    queue = deque([scenario.start])
    while queue:
        sid = queue.popleft()
        for e in out_edges.get(sid, []):
            if e.target in scenario.scenes and e.target not in depth:
                depth[e.target] = depth[sid] + 1
                queue.append(e.target)
    bottom = max(depth.values(), default=0) + 1
    rows: dict[int, list[str]] = {}
    for sid in scenario.scenes:
        rows.setdefault(depth.get(sid, bottom), []).append(sid)
    place: dict[str, float] = {}
    parents: dict[str, list[str]] = {}
    for e in all_edges:
        parents.setdefault(e.target, []).append(e.source)
    for r in sorted(rows):
        def key(sid: str) -> float:
            seen = [place[p] for p in parents.get(sid, []) if p in place]
            return sum(seen) / len(seen) if seen else float(len(place))
        rows[r].sort(key=key)
        for i, sid in enumerate(rows[r]):
            place[sid] = i - (len(rows[r]) - 1) / 2
    return dict(sorted(rows.items()))


def _edge_lines(e: Edge) -> list[str]:
    """Every part of an edge's label, each short enough to read; the full text is in the tooltip."""
    return [shorten(line, 44) for line in e.full_label().split("\n")]


def _cubic(p0, p1, p2, p3):
    """An SVG cubic curve from ``p0`` to ``p3`` (controls ``p1``, ``p2``), and its point at ``t`` in 0..1."""
    shape = (f'<path d="M{p0[0]:.0f},{p0[1]:.0f} C{p1[0]:.0f},{p1[1]:.0f} {p2[0]:.0f},{p2[1]:.0f} '
             f'{p3[0]:.0f},{p3[1]:.0f}" fill="none"')

    def point(t):
        u = 1 - t
        return tuple(u ** 3 * a + 3 * u * u * t * b + 3 * u * t * t * c + t ** 3 * d
                     for a, b, c, d in zip(p0, p1, p2, p3))

    return shape, point


def simple_svg(scenario: model.Scenario, lost: set[str]) -> str:
    """A layered drawing without Graphviz: rows by distance from the start.

    Nothing is left out: a box grows to hold every line of its label (red flags, UNREACHABLE), and every
    line of an edge's label is drawn. Edge labels are placed one by one where they overlap no box and no
    label placed before (trying points along the arrow), on a white halo so that crossing arrows do not
    hide them; the gaps between rows grow with the labels they must hold.
    """
    all_edges = [e for e in edges(scenario) if e.source in scenario.scenes and e.target in scenario.scenes]
    rows = _rows(scenario, all_edges)
    labels = {sid: node_label(scenario.scenes[sid]).split("\n") + (["UNREACHABLE"] if sid in lost else [])
              for sid in scenario.scenes}
    box_w = min(340.0, max([190.0] + [_text_width(line, _NODE_FONT) + 20 for ls in labels.values() for line in ls]))
    box_h = {sid: 12 + _NODE_LINE * len(ls) for sid, ls in labels.items()}
    gap_x = 60
    row_of = {sid: r for r, sids in rows.items() for sid in sids}
    # room between a row and the next: the label blocks leaving one scene are stacked, so give the busiest
    # scene of the row room for all of its labels
    need: dict[int, float] = {}
    for sid in scenario.scenes:
        out = [e for e in all_edges if e.source == sid and row_of[e.target] > row_of[sid]]
        stacked = sum(_EDGE_LINE * len(_edge_lines(e)) + 6 for e in out)
        need[row_of[sid]] = max(need.get(row_of[sid], 0.0), stacked)
    widest = max(len(r) for r in rows.values())
    width = widest * (box_w + gap_x) + gap_x + 120  # room on the right for arrows that go back up
    where: dict[str, tuple[float, float]] = {}
    y = 30.0
    row_top: dict[int, float] = {}
    for r, sids in rows.items():
        row_top[r] = y
        offset = (width - 120 - len(sids) * (box_w + gap_x) + gap_x) / 2
        for i, sid in enumerate(sids):
            where[sid] = (offset + i * (box_w + gap_x), y)
        y += max(box_h[sid] for sid in sids) + max(110.0, need.get(r, 0.0) + 50)
    height = y
    placed: list[tuple[float, float, float, float]] = [(x, y0, x + box_w, y0 + box_h[sid]) for sid, (x, y0) in where.items()]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
             f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{html.escape(scenario.id)} map">',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
             '<style>text { font-family: "Noto Sans", "DejaVu Sans", sans-serif; } '
             '.edge-label text { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }</style>']
    edge_parts, label_parts = [], []
    for e in all_edges:
        (x1, y1), (x2, y2) = where[e.source], where[e.target]
        colour = "#1a7f1a" if e.good else "#c0392b" if e.bad else "#555"
        dash = ' stroke-dasharray="6 4"' if e.is_next else ""
        lines = _edge_lines(e)
        if row_of[e.target] > row_of[e.source]:  # down: a straight arrow
            sx, sy, tx, ty = x1 + box_w / 2, y1 + box_h[e.source], x2 + box_w / 2, y2
            shape = f'<line x1="{sx:.0f}" y1="{sy:.0f}" x2="{tx:.0f}" y2="{ty:.0f}"'

            def point(t, sx=sx, sy=sy, tx=tx, ty=ty):
                return sx + (tx - sx) * t, sy + (ty - sy) * t
        elif row_of[e.target] == row_of[e.source]:  # same row: a curve dipping below the two boxes
            sx, sy = x1 + box_w / 2 + (12 if x2 > x1 else -12), y1 + box_h[e.source]
            tx, ty = x2 + box_w / 2 + (-12 if x2 > x1 else 12), y2 + box_h[e.target]
            dip = max(sy, ty) + 34
            shape, point = _cubic((sx, sy), (sx, dip), (tx, dip), (tx, ty))
        else:  # back up: a curve out to the right of both boxes
            sx, sy = x1 + box_w, y1 + box_h[e.source] / 2
            tx, ty = x2 + box_w, y2 + box_h[e.target] / 2
            bulge = max(sx, tx) + 50 + 10 * (abs(sy - ty) > 1)
            shape, point = _cubic((sx, sy), (bulge, sy), (bulge, ty), (tx, ty))
        edge_parts.append(f'<g class="edge"><title>{html.escape(e.full_label())}</title>{shape} stroke="{colour}"'
                          f'{dash} marker-end="url(#arrow)"/></g>')
        w = max(_text_width(line, _EDGE_FONT) for line in lines) + 6
        h = _EDGE_LINE * len(lines) + 2
        mx, my = _free_spot(point, w, h, placed)
        placed.append((mx - w / 2, my - h / 2, mx + w / 2, my + h / 2))
        texts = "".join(f'<text x="{mx:.0f}" y="{my - h / 2 + 9 + _EDGE_LINE * k:.0f}" font-size="{_EDGE_FONT}" '
                        f'fill="{colour}" text-anchor="middle">{html.escape(line)}</text>' for k, line in enumerate(lines))
        label_parts.append(f'<g class="edge-label"><title>{html.escape(e.full_label())}</title>{texts}</g>')
    parts += edge_parts
    for sid, (x, y0) in where.items():
        scene = scenario.scenes[sid]
        stroke = ' stroke="#d00000" stroke-width="3" stroke-dasharray="6 3"' if sid in lost else ' stroke="#555"'
        parts.append(f'<g class="node"><title>{html.escape(str(scene.pos))}</title>'
                     f'<rect x="{x:.0f}" y="{y0:.0f}" width="{box_w:.0f}" height="{box_h[sid]}" rx="10" '
                     f'fill="{fill(scene)}"{stroke}/>')
        for k, text in enumerate(labels[sid]):
            weight = ' font-weight="bold"' if k == 0 or text == "UNREACHABLE" else ""
            colour = ' fill="#d00000"' if text == "UNREACHABLE" else ""
            parts.append(f'<text x="{x + box_w / 2:.0f}" y="{y0 + 17 + _NODE_LINE * k:.0f}" font-size="{_NODE_FONT}"'
                         f'{weight}{colour} text-anchor="middle">{html.escape(text)}</text>')
        parts.append("</g>")
    parts += label_parts  # last, so labels sit on top of arrows and boxes
    parts.append("</svg>")
    return "\n".join(parts)


def _free_spot(point, w: float, h: float, placed: list[tuple[float, float, float, float]]) -> tuple[float, float]:
    """The first point along an arrow (from its middle outwards) where a w x h label overlaps nothing placed;
    then, for busy maps, the same points moved a little to the side of the arrow; otherwise the point where it
    overlaps least."""
    best, best_overlap = point(0.5), float("inf")
    along = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.35, 0.65, 0.45, 0.55, 0.15, 0.85)
    sideways = [(0.0, 0.0)] + [(dx * w, dy * h) for dx in (0.6, -0.6, 1.1, -1.1) for dy in (0.0, 1.0, -1.0)]
    for dx, dy in sideways:
        for t in along:
            x, y = point(t)
            x, y = x + dx, y + dy
            box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
            overlap = sum(max(0.0, min(box[2], p[2]) - max(box[0], p[0]))
                          * max(0.0, min(box[3], p[3]) - max(box[1], p[1])) for p in placed)
            if overlap == 0:
                return x, y
            if overlap < best_overlap:
                best, best_overlap = (x, y), overlap
    return best


def to_html(scenario: model.Scenario, use_dot: bool | None = None) -> str:
    lost = unreachable(scenario)
    svg = None
    if use_dot is None:
        use_dot = dot_available()
    if use_dot:
        try:
            svg = _strip_prolog(run_dot(to_dot(scenario, lost), "svg").decode("utf-8"))
        except (OSError, RuntimeError, subprocess.TimeoutExpired):
            svg = None
    if svg is None:
        svg = simple_svg(scenario, lost)
    legend = "".join(f'<span class="chip" style="background:{c}">{html.escape(k)}</span>'
                     for k, c in {**KIND_COLOURS, **{f"ending: {k}": v for k, v in ENDING_COLOURS.items()}}.items())
    rows = []
    for scene in scenario.scenes.values():
        kind = f"ending ({scene.ending.value})" if scene.is_ending and scene.ending else scene.kind.value
        css = ' class="lost"' if scene.id in lost else ""
        rows.append(f"<tr{css}><td>{html.escape(scene.id)}</td>"
                    f"<td>{html.escape(kind)}</td><td>{html.escape(', '.join(scene.red_flags))}</td>"
                    f"<td>{html.escape(str(scene.pos))}</td></tr>")
    analysis = analysis_html(scenario)
    warning = ""
    if lost:
        warning = ('<p class="warn">Unreachable scenes (no path from the start leads there): '
                   + html.escape(", ".join(sorted(lost))) + "</p>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Map of {html.escape(scenario.id)}</title>
<style>
body {{ font-family: "Noto Sans", sans-serif; margin: 1.5em; color: #222; }}
.chip {{ display: inline-block; padding: .2em .6em; margin: .2em; border: 1px solid #555; border-radius: .6em; }}
.map {{ overflow: auto; border: 1px solid #ccc; padding: .5em; }}
.map svg {{ max-width: 100%; height: auto; }}  /* fit the window; zoom the page to read details */
.warn {{ color: #a00000; font-weight: bold; }}
table {{ border-collapse: collapse; margin-top: 1em; }}
td, th {{ border: 1px solid #ccc; padding: .2em .6em; text-align: left; }}
tr.lost td {{ color: #a00000; }}
td.all {{ background: #e3f1e6; }} td.some {{ background: #fff4d6; }} td.none {{ color: #777; }}
</style></head>
<body>
<h1>{html.escape(scenario.title.text)} <small>({html.escape(scenario.id)})</small></h1>
<p>Start: <b>{html.escape(scenario.start)}</b>. Edge labels: the choice, its condition (<i>if</i>),
✓ red flag spotted or safe offer trusted, ✗ red flag missed or false alarm (a safe offer refused); dashed edges are “Continue”. ⚑ marks red flags shown in a scene.</p>
<p>{legend}</p>
{warning}
<div class="map">
{svg}
</div>
<h2>Scenes</h2>
<table><tr><th>scene</th><th>kind</th><th>red flags</th><th>where</th></tr>
{''.join(rows)}
</table>
{analysis}
</body></html>
"""


def analysis_html(scenario: model.Scenario) -> str:
    """The exhaustive analysis as HTML: what each debrief may claim, and the scoring properties (docs/scoring.md)."""
    from safepath.authoring.analysis.claims import ALL, NONE, claims
    from safepath.authoring.analysis.paths import count_paths
    from safepath.authoring.analysis.properties import check, format_properties
    from safepath.authoring.analysis.states import explore

    graph = explore(scenario)
    if not graph.complete:
        return "<h2>What each debrief may claim</h2><p>Not worked out: the story has too many situations to check.</p>"
    report = count_paths(graph)
    table = claims(report)
    if not table:
        return "<h2>What each debrief may claim</h2><p>Not worked out: a loop allows paths of any length.</p>"
    esc = html.escape
    parts = ["<h2>What each debrief may claim</h2>",
             "<p>For each ending, on how many of the paths into it each fact holds at the end. A debrief part "
             "without <code>if:</code> may only say what holds on <b>all</b> of them.</p>"]
    for sid, found in table.items():
        parts.append(f"<h3>{esc(sid)} ({found.paths:,} paths)</h3>")
        parts.append("<table><tr><th>red flag</th><th>met</th><th>spotted</th><th>missed</th></tr>")
        for rid in found.faced:
            cells = []
            for counts in (found.faced, found.spotted, found.missed):
                k = counts[rid]
                share = found.share(k)
                css = {ALL: "all", NONE: "none"}.get(share, "some")
                cells.append(f'<td class="{css}">{share}{f" ({k:,})" if share not in (ALL, NONE) else ""}</td>')
            parts.append(f"<tr><td>{esc(rid)}</td>{''.join(cells)}</tr>")
        parts.append("</table>")
        if found.flags:
            parts.append("<table><tr><th>story flag</th><th>set at the end</th></tr>")
            for name, k in found.flags.items():
                share = found.share(k)
                css = {ALL: "all", NONE: "none"}.get(share, "some")
                parts.append(f'<tr><td>{esc(name)}</td><td class="{css}">{share}'
                             f'{f" ({k:,})" if share not in (ALL, NONE) else ""}</td></tr>')
            parts.append("</table>")
    parts.append("<h2>Scoring properties</h2><pre>" + esc("\n".join(format_properties(check(report)))) + "</pre>")
    return "\n".join(parts)
