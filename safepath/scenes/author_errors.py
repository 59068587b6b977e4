"""The author's error overlay: what `safepath lint` would print, over the story being played.

In ``--author`` mode (and on F5) the app reloads the scenario files. When the
file of the story on screen has errors, the last good version keeps running
and this overlay shows every error as the command line does: the
``file:line:col: error SPxxx message`` headline, the source line with a caret
under the column, and the hint (see ``docs/authoring.md``). There is only
ever one such overlay: each reload replaces what it shows, and the app closes
it as soon as the file loads cleanly again.

Code text is drawn with a monospace font for Latin letters and the game's own
fonts for Thai and Burmese (scenario lines are often in those scripts); the
caret's place is measured with the same fonts, so it points at the right
letter whatever font was found. Long lists scroll (wheel, arrows, Page Up/Down,
Home/End). Esc hides the overlay until the next reload finds errors again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pygame

from safepath.scenes.base import Scene, register_scene
from safepath.text.layout import layout
from safepath.text.scripts import assign_scripts, split_runs
from safepath.ui import fonts
from safepath.ui.widgets import TextBlock, dim, draw_panel

#: source lines longer than this are cut, as `safepath lint` cuts them
SOURCE_MAX = 160
INDENT = "    "


@dataclass(frozen=True)
class ErrorEntry:
    """One error as lint prints it: headline, the source line (or None) and caret column, the hint."""

    headline: str
    source: str | None
    column: int  # 1-based, into ``source``
    hint: str

    @classmethod
    def from_diagnostic(cls, diagnostic, source_text) -> "ErrorEntry":
        """``source_text``: the file's text, or its lines by number (:func:`read_sources`), or None."""
        source, column = None, 1
        if source_text is not None and diagnostic.line > 0:
            if isinstance(source_text, str):
                lines = source_text.splitlines()
                source = lines[diagnostic.line - 1] if diagnostic.line <= len(lines) else None
            else:
                source = source_text.get(diagnostic.line)
        if source is not None:
            source = source.replace("\t", " ")
            if len(source) > SOURCE_MAX:
                source = source[: SOURCE_MAX - 3] + "..."
            column = min(max(1, diagnostic.column), len(source) + 1)
        return cls(diagnostic.headline(), source, column, diagnostic.hint)


def read_sources(diagnostics) -> dict[str, dict[int, str]]:
    """The source lines ``diagnostics`` point at, file by file (unreadable files left out).

    Only those lines are read (:func:`safepath.story.diagnostics.source_lines`), never a whole file:
    the overlay also reports on files too large to load.
    """
    from safepath.story.diagnostics import source_lines

    wanted: dict[str, set[int]] = {}
    for d in diagnostics:
        wanted.setdefault(d.file, set()).add(d.line)
    out: dict[str, dict[int, str]] = {}
    for file, numbers in wanted.items():
        lines = source_lines(file, numbers)
        if lines is not None:
            out[file] = lines
    return out


class AuthorErrors(Scene):
    """Every error of the scenario being played, over the (still running) last good version."""

    is_overlay = True

    def __init__(self, diagnostics=(), sources: dict[str, str] | None = None) -> None:
        super().__init__()
        self.entries: list[ErrorEntry] = []
        self.scroll = 0
        self._pieces: list[tuple[int, int, pygame.Surface]] = []  # (x, y in the body, surface)
        self._content_height = 0
        self._panel = pygame.Rect(0, 0, 0, 0)
        self._body = pygame.Rect(0, 0, 0, 0)
        self._title: TextBlock | None = None
        self._intro: TextBlock | None = None
        self.show(diagnostics, sources)

    # -- content --------------------------------------------------------------------------------
    def show(self, diagnostics, sources: dict[str, str] | None = None) -> None:
        """Replace what the overlay shows (every reload calls this with the new errors)."""
        sources = read_sources(diagnostics) if sources is None else sources
        self.entries = [ErrorEntry.from_diagnostic(d, sources.get(d.file)) for d in diagnostics]
        self.scroll = 0
        if self.app is not None:
            self.relayout()

    @property
    def text_lines(self) -> list[str]:
        """The overlay's error text as lint would print it (what a test or a screen reader can read)."""
        out = []
        for e in self.entries:
            out.append(e.headline)
            if e.source is not None:
                out.append(INDENT + e.source)
                out.append(INDENT + " " * (e.column - 1) + "^")
            if e.hint:
                out.append(f"{INDENT}hint: {e.hint}")
        return out

    @property
    def message(self) -> str:
        """All of :attr:`text_lines` as one text (like :attr:`safepath.scenes.pause.Dialog.message`)."""
        return "\n".join(self.text_lines)

    # -- layout ---------------------------------------------------------------------------------
    def enter(self, app) -> None:
        super().enter(app)
        self.relayout()

    def relayout(self) -> None:
        super().relayout()
        if self.app is None:
            return
        theme = self.app.theme
        w, h = theme.screen_size
        inset = max(theme.px(16), theme.margin // 2)
        self._panel = pygame.Rect(inset, inset, max(1, w - 2 * inset), max(1, h - 2 * inset))
        inner = self._panel.inflate(-2 * theme.pad, -2 * theme.pad)
        self._title = TextBlock(self._("This story has errors"), "heading", "danger", bold=True)
        self._intro = TextBlock(
            self._("The last good version keeps running until they are fixed.") + " " +
            self._("Save the fixed file and this closes by itself. F5 reads the files again; Esc hides this."),
            "small", "text_muted")
        lang = self.app.lang
        y = inner.top + self._title.height(theme, inner.width, lang) + theme.gap // 2
        y += self._intro.height(theme, inner.width, lang) + theme.gap
        self._body = pygame.Rect(inner.left, y, inner.width, max(theme.min_touch, inner.bottom - y))
        self._lay_out_entries(theme)
        self.scroll = max(0, min(self.scroll, self.max_scroll))

    def _lay_out_entries(self, theme) -> None:
        book = fonts.default_book()
        size = theme.text_px("small")
        measure = book.code_measurer(size)
        palette = theme.palette
        width = self._body.width
        indent = measure(INDENT, "Latn")
        pieces: list[tuple[int, int, pygame.Surface]] = []
        y = 0
        for entry in self.entries:
            surf = _code_text(book, entry.headline, width, size, palette.danger, measure)
            pieces.append((0, y, surf))
            y += surf.get_height()
            if entry.source is not None:
                src = _code_text(book, entry.source, 10**6, size, palette.text, measure)
                pieces.append((indent, y, src))
                y += src.get_height()
                caret_x = indent + _code_width(entry.source[: entry.column - 1], measure)
                caret = _code_text(book, "^", width, size, palette.danger, measure)
                pieces.append((caret_x, y, caret))
                y += caret.get_height()
            if entry.hint:
                hint = _code_text(book, f"hint: {entry.hint}", max(1, width - indent), size, palette.text_muted, measure)
                pieces.append((indent, y, hint))
                y += hint.get_height()
            y += theme.gap
        self._pieces = pieces
        self._content_height = max(0, y - theme.gap)

    @property
    def max_scroll(self) -> int:
        return max(0, self._content_height - self._body.height)

    # -- events ---------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if self.app is None:
            return False
        step = max(1, self.app.theme.text_px("small") * 2)
        before = self.scroll
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_F5:
                return False  # the app reloads the files; this overlay then shows what is left
            if event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
                if self.app.stack.top is self:
                    self.app.stack.pop()
                return True
            moves = {pygame.K_UP: -step, pygame.K_DOWN: step, pygame.K_PAGEUP: -self._body.height,
                     pygame.K_PAGEDOWN: self._body.height, pygame.K_HOME: -10**9, pygame.K_END: 10**9}
            if event.key in moves:
                self.scroll += moves[event.key]
        elif event.type == pygame.MOUSEWHEEL:
            self.scroll -= int(getattr(event, "y", 0)) * step
        elif event.type not in (pygame.KEYUP, pygame.TEXTINPUT, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP,
                                pygame.FINGERDOWN, pygame.FINGERUP, pygame.FINGERMOTION):
            return False
        self.scroll = max(0, min(self.scroll, self.max_scroll))
        if self.scroll != before:
            self.needs_redraw = True
        return True  # the story underneath gets nothing while the errors are shown

    # -- drawing --------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        if self.app is None or self._title is None:
            return
        theme, lang = self.app.theme, self.app.lang
        dim(surface, theme)
        draw_panel(surface, theme, self._panel)
        inner = self._panel.inflate(-2 * theme.pad, -2 * theme.pad)
        y = inner.top + self._title.draw(surface, theme, inner.left, inner.top, inner.width, lang) + theme.gap // 2
        self._intro.draw(surface, theme, inner.left, y, inner.width, lang)
        old_clip = surface.get_clip()
        surface.set_clip(self._body.clip(old_clip) if old_clip else self._body)
        for x, top, piece in self._pieces:
            at = self._body.top + top - self.scroll
            if at + piece.get_height() < self._body.top or at > self._body.bottom:
                continue
            surface.blit(piece, (self._body.left + x, at))
        surface.set_clip(old_clip)
        if self.max_scroll:
            track = self._body.inflate(0, 0)
            bar_h = max(theme.px(24), track.height * track.height // max(1, self._content_height))
            bar_y = track.top + (track.height - bar_h) * self.scroll // self.max_scroll
            pygame.draw.rect(surface, theme.palette.border,
                             (self._panel.right - theme.pad // 2 - theme.px(4), bar_y, theme.px(4), bar_h),
                             border_radius=theme.px(2))


def _code_width(text: str, measure) -> int:
    """Width of ``text`` on one line, spaces at its end included (a layout would drop those)."""
    return sum(measure(run.text, run.script) for run in split_runs(text))


def _code_text(book: "fonts.FontBook", text: str, width: int, size: int, color, measure) -> pygame.Surface:
    """``text`` wrapped into ``width`` px with the code fonts, on a transparent surface as big as the text."""
    scripts = sorted(set(assign_scripts(text))) or ["Latn"]
    used = [book.code_font(s, size) for s in scripts]
    ascent = max(f.get_ascent() for f in used)
    line_height = max(max(f.get_linesize() for f in used), ascent - min(f.get_descent() for f in used))
    lines = layout(text, width, measure, line_height, ascent)
    w = max((line.width for line in lines), default=0)
    h = sum(line.height for line in lines) if lines else line_height
    out = pygame.Surface((max(1, w), max(1, h)), pygame.SRCALPHA)
    for line in lines:
        for run in line.runs:
            font = book.code_font(run.script, size)
            out.blit(font.render(run.text, True, color), (run.x, line.y + line.baseline - font.get_ascent()))
    return out


def screenshot_states(app) -> list[tuple[str, list]]:
    """The overlay over a chat, with the errors of a real load of a damaged copy of a story."""
    import tempfile

    from safepath.story import loader
    from safepath.scenes.story_parts import first_states_by_kind
    from safepath.scenes.story import StoryScene

    scenarios = getattr(app, "scenarios", {}) or {}
    scenario = scenarios.get("dream-job") or next(iter(scenarios.values()), None)
    if scenario is None:
        return []
    text = Path(scenario.path).read_text("utf-8")
    broken = text.replace("next:", "nxet:", 2).replace("ask-company", "ask-compnay", 1)  # two typos an author makes
    with tempfile.TemporaryDirectory(prefix="safepath-shot-") as folder:
        path = Path(folder) / Path(scenario.path).name
        path.write_text(broken, "utf-8")
        result = loader.load_scenario(path)
        errors = [d for d in result.diagnostics if d.is_error]
        overlay = AuthorErrors(errors, read_sources(errors))
    chat = first_states_by_kind(scenario).get("chat")
    return [("author-errors", [StoryScene(scenario, state=chat, preview="ready"), overlay])]
