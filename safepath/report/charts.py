"""Inline SVG charts for the report: plain bars a projector and a black-and-white printer both show.

No chart library: a few rectangles and texts, written here with every label escaped. Each bar's label
sits on its own line above the bar, so long Thai or Burmese names never overflow; a hidden (suppressed)
value is drawn as a hatched grey bar and says so, and a chart also carries a ``<title>`` for screen
readers. No pygame.
"""

from __future__ import annotations

from markupsafe import Markup, escape

WIDTH = 640
BAR = 16
ROW = 44
PALETTE = ("#2f6f5e", "#d08c2b", "#9b3d3d", "#5b6fa8", "#777777")
PATTERN = ('<defs><pattern id="hidden" width="6" height="6" patternUnits="userSpaceOnUse" '
           'patternTransform="rotate(45)"><rect width="6" height="6" fill="#e4e4e4"/>'
           '<line x1="0" y1="0" x2="0" y2="6" stroke="#aaaaaa" stroke-width="3"/></pattern></defs>')


def _svg(height: int, title: str, body: list[str]) -> Markup:
    return Markup(f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
                  f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">'
                  f'<title>{escape(title)}</title>{PATTERN}{"".join(body)}</svg>')


def _bar(top: int, fraction: float | None, text: str, hidden_word: str, colour: int, height: int) -> list[str]:
    """One bar at ``top`` with its value beside it; a hidden value is a hatched bar that says so."""
    baseline = top + min(13, height - 1)
    if fraction is None:
        return [f'<rect x="0" y="{top}" width="{WIDTH * 0.3:.1f}" height="{height}" fill="url(#hidden)"/>',
                f'<text x="{WIDTH * 0.3 + 6:.1f}" y="{baseline}" class="value">{escape(hidden_word)}</text>']
    w = max(1.0, (WIDTH - 90) * max(0.0, min(1.0, fraction)))
    return [f'<rect x="0" y="{top}" width="{w:.1f}" height="{height}" fill="{PALETTE[colour]}"/>',
            f'<text x="{w + 6:.1f}" y="{baseline}" class="value">{escape(text)}</text>']


def _legend(y: int, entries: list[tuple[str, str]]) -> list[str]:
    """A row of (fill, name) swatches at ``y``."""
    body, x = [], 0
    for fill, name in entries:
        body.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{fill}"/>')
        body.append(f'<text x="{x + 16}" y="{y + 11}" class="legend">{escape(name)}</text>')
        x += 16 + 9 * max(6, len(name)) + 12
    return body


def bars(title: str, rows: list[tuple[str, float | None, str]], hidden_word: str, colour: int = 0) -> Markup:
    """One bar per row: (label, fraction 0–1 or None when hidden, the value as text)."""
    body, y = [], 4
    for label, fraction, text in rows:
        body.append(f'<text x="0" y="{y + 13}" class="label">{escape(label)}</text>')
        body += _bar(y + 18, fraction, text, hidden_word, colour, BAR)
        y += ROW
    return _svg(y + 4, title, body)


def paired(title: str, rows: list[tuple[str, list[tuple[float | None, str]]]], series: list[str],
           hidden_word: str) -> Markup:
    """Bars side by side for each row: (label, [(fraction or None, text) for each of ``series``])."""
    body, y = _legend(4, [(PALETTE[i], name) for i, name in enumerate(series)]), 4 + 22
    for label, values in rows:
        body.append(f'<text x="0" y="{y + 13}" class="label">{escape(label)}</text>')
        top = y + 18
        for i, (fraction, text) in enumerate(values):
            body += _bar(top, fraction, text, hidden_word, i, BAR - 4)
            top += BAR - 1
        y = top + 12
    return _svg(y + 4, title, body)


def stacked(title: str, rows: list[tuple[str, list[float | None], str]], series: list[str], hidden_word: str) -> Markup:
    """One bar per row split into ``series`` (counts; None: hidden), with the row's total as text."""
    body = _legend(4, [(PALETTE[i], name) for i, name in enumerate(series)] + [("url(#hidden)", hidden_word)])
    y = 4 + 22
    for label, values, total_text in rows:
        body.append(f'<text x="0" y="{y + 13}" class="label">{escape(label)}</text>')
        top = y + 18
        known = [v for v in values if v is not None]
        hidden = [i for i, v in enumerate(values) if v is None]
        total = sum(known)
        # hidden parts share what is left of the bar equally: their sizes are not shown, not even by width
        scale = (WIDTH - 110) / (total if not hidden else total / 0.8 if total else 1)
        x = 0.0
        for i, v in enumerate(values):
            if v is None:
                w = (WIDTH - 110) * (0.2 if total else 1.0) / len(hidden)
                fill = "url(#hidden)"
            else:
                w = v * scale
                fill = PALETTE[i]
            if w > 0:
                body.append(f'<rect x="{x:.1f}" y="{top}" width="{w:.1f}" height="{BAR}" fill="{fill}"/>')
            x += w
        body.append(f'<text x="{x + 6:.1f}" y="{top + 13}" class="value">{escape(total_text)}</text>')
        y += ROW
    return _svg(y + 4, title, body)
