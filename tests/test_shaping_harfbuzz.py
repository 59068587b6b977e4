"""SDL_ttf's shaping (pygame-ce with ``set_script``) against HarfBuzz, for Thai and Burmese.

Why these tests: a font created without ``set_script`` still renders *something*
for Burmese and Thai, just wrongly (ေ not moved left, no kinzi, visible virama;
Thai tone marks colliding with ำ, marks not moved left over ป ฝ ฟ, ญ and ฐ keeping
their tails above a vowel below). Only a reference shaper can tell. uharfbuzz is a
test-only dependency.

What can and cannot be compared. SDL_ttf shapes with HarfBuzz internally but its
API (and pygame's) gives out only rendered pixels and sizes: no glyph ids, no
per-glyph advances or offsets. So glyph ids cannot be compared directly. Instead:

* **Total advance** (``size()``) against HarfBuzz's sum of advances, with a HarfBuzz
  font that positions like SDL_ttf (``_sdl_like_font``: ppem = point size, hinted
  advances rounded to pixels before GPOS adjustments).
* **Per-cluster widths**: HarfBuzz shapes the whole string; for every cluster
  boundary, the width SDL_ttf's ``TTF_Size`` would report for the glyphs before it
  (pen position and the glyphs' ink extents, ``_sdl_size``) must equal pygame's
  ``size()`` of that prefix, within a pixel. This checks every cluster's advance
  and where its marks' ink ends, not only the total.
* **Glyphs, as ink**: HarfBuzz's glyphs (its glyph ids, drawn from their outlines
  with ``draw_glyph_with_pen``) at HarfBuzz's positions are rasterised here and
  compared with pygame's rendering pixel by pixel. A different glyph id (ำ not
  decomposed, a tailless ญ not chosen) or a different position shows as ink in
  the wrong place.

Most Thai text is not sensitive to shaping at all (marks have no advance and often
sit where they would anyway), so a test on everyday words cannot fail when
``set_script`` is forgotten. The ``SHAPING_*`` strings were chosen because they
depend on it, and for each one the test asserts that an unshaped font is
measurably worse than the shaped one (by the pixel comparison or the
per-cluster widths): that is what proves the shaped results come from shaping.
The ``EVERYDAY_*`` strings are checked for agreement only.
"""

from __future__ import annotations

import math

import pytest

pygame = pytest.importorskip("pygame")
hb = pytest.importorskip("uharfbuzz")
try:  # only the glyph-level comparison rasterises outlines with numpy (a test-only dependency)
    import numpy as np
except ImportError:  # pragma: no cover
    np = None
needs_numpy = pytest.mark.skipif(np is None, reason="numpy (test extra) is needed to rasterise HarfBuzz outlines")

from safepath import paths  # noqa: E402
from safepath.text.scripts import MYANMAR, THAI, split_runs  # noqa: E402
from safepath.ui.fonts import FONT_FILES, FontBook  # noqa: E402

#: Burmese whose rendering depends on shaping (reordered ေ ြ, kinzi, stacked consonants, medials)
SHAPING_BURMESE = [
    "မင်္ဂလာပါ", "မက်ဆေ့ချ်ပို့လာတယ်", "ကျွန်ုပ်တို့ ကောင်းပါတယ်", "အခမဲ့နေရာ", "ဘယ်တော့မှ သင့်အပြစ်မဟုတ်ပါ",
    "ကြောင်းကို", "ဗိုလ်ချုပ်", "ငွေလွှဲပါ", "အင်္ဂလိပ်", "ဗုဒ္ဓ", "ကမ္ဘာ", "ပြော", "ကြည့်", "ရှိ", "နေကောင်းလား",
]
#: Thai whose rendering depends on shaping: ำ with a tone mark, marks over tall consonants (ป ฝ ฟ),
#: stacked vowel + tone, ญ with a vowel below (its tail removed)
SHAPING_THAI = [
    "น้ำ", "น้ำตา", "น้ำใจ", "ย้ำ", "ซ้ำ", "ค่ำ", "ต่ำ", "ก้ำกึ่ง", "ทั้งนั้น", "ตั้งใจ", "กตัญญู", "ปั๊ม",
    "ปั๊มน้ำมัน", "ปี่", "ปิ่นโต",
]
#: everyday words of the game, many of them insensitive to shaping: checked for agreement only
EVERYDAY_BURMESE = ["ဂိမ်းကစားပါ", "သင့်အလုပ်", "ပတ်စပို့ဓာတ်ပုံ", "သတိထားပါ"]
EVERYDAY_THAI = [
    "เริ่มต้นบอกว่า", "เงินเดือน", "ไม่ต้องมีประสบการณ์", "กำลัง", "ผู้ใหญ่", "ส่งรูปหนังสือเดินทาง", "ที่พักฟรี",
    "ปฏิเสธ", "ญาติพี่น้อง", "ฤดูกาล", "ฤๅษี", "ขอบคุณครับ", "ดูแลตัวเองนะ", "กี่โมง",
]
BURMESE = SHAPING_BURMESE + EVERYDAY_BURMESE
THAI_STRINGS = SHAPING_THAI + EVERYDAY_THAI
SIZES = (18, 24, 40)


def _sdl_like_font(path: str, size: int):
    """A HarfBuzz font positioned like SDL_ttf: scale 26.6 at ppem=size, advances rounded to pixels."""
    face = hb.Face(hb.Blob.from_file_path(path))
    base = hb.Font(face)
    base.scale = (size * 64, size * 64)
    base.ppem = (size, size)
    sub = hb.Font(base)
    funcs = hb.FontFuncs()
    funcs.set_glyph_h_advance_func(lambda font, gid, data: ((base.get_glyph_h_advance(gid) + 32) // 64) * 64, None)
    funcs.set_nominal_glyph_func(lambda font, cp, data: base.get_nominal_glyph(cp) or 0, None)
    sub.funcs = funcs
    return base, sub


def _shape(font, text: str):
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf)
    return buf.glyph_infos, buf.glyph_positions


def _font_path(script: str, bold: bool) -> str:
    return str(paths.fonts_dir() / FONT_FILES[(script, bold)])


CASES = [(MYANMAR, s) for s in BURMESE] + [(THAI, s) for s in THAI_STRINGS]
SHAPING_CASES = [(MYANMAR, s) for s in SHAPING_BURMESE] + [(THAI, s) for s in SHAPING_THAI]


def test_there_are_at_least_twenty_shaping_dependent_strings():
    assert len(SHAPING_BURMESE) + len(SHAPING_THAI) >= 20 and len(SHAPING_THAI) >= 10


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("script,text", CASES)
def test_total_advance_matches_harfbuzz(script, text, bold):
    book = FontBook()
    for size in SIZES:
        _base, font = _sdl_like_font(_font_path(script, bold), size)
        _infos, positions = _shape(font, text)
        harfbuzz_width = sum(p.x_advance for p in positions) / 64
        assert abs(book.get(script, size, bold).size(text)[0] - harfbuzz_width) <= 1, (text, size)


def _sdl_size(base, infos, positions, upto: int) -> int:
    """What SDL_ttf's ``TTF_Size`` gives for the glyphs of clusters before ``upto``, from HarfBuzz's shaping.

    SDL_ttf measures from the leftmost ink (or the origin) to the rightmost ink or the pen's end,
    so a tone mark whose ink overhangs the last advance makes a prefix wider; glyph extents
    (ink) come from the font through HarfBuzz, placed at each glyph's pen position and offset.
    """
    x = minx = maxx = 0
    for info, pos in zip(infos, positions):
        if info.cluster >= upto:
            break
        ext = base.get_glyph_extents(info.codepoint)
        if ext.width:
            left = math.floor((x + pos.x_offset) / 64) + math.floor(ext.x_bearing / 64)
            right = left + math.ceil((ext.x_bearing + ext.width) / 64) - math.floor(ext.x_bearing / 64)
            minx, maxx = min(minx, left), max(maxx, right)
        x += pos.x_advance
        maxx = max(maxx, round(x / 64))
    return maxx - minx


def _cluster_widths(script: str, text: str, size: int, font) -> list[tuple[int, int, int]]:
    """(cluster boundary, HarfBuzz's SDL-style width up to it, ``font.size`` of that prefix)."""
    base, hb_font = _sdl_like_font(_font_path(script, False), size)
    infos, positions = _shape(hb_font, text)
    bounds = sorted({info.cluster for info in infos} | {len(text)})[1:]
    return [(c, _sdl_size(base, infos, positions, c), font.size(text[:c])[0]) for c in bounds]


@pytest.mark.parametrize("script,text", CASES)
def test_every_cluster_prefix_matches_harfbuzz(script, text):
    book = FontBook()
    for size in SIZES:
        widths = _cluster_widths(script, text, size, book.get(script, size))
        assert widths and widths[-1][0] == len(text)
        for boundary, harfbuzz, sdl in widths:
            assert abs(harfbuzz - sdl) <= 1, (text, size, text[:boundary], harfbuzz, sdl)


def test_unshaped_font_differs_from_harfbuzz():
    """The reference catches a missing set_script: the kinzi word is 26 px too wide unshaped."""
    path = _font_path(MYANMAR, False)
    unshaped = pygame.font.Font(path, 40)
    _base, font = _sdl_like_font(path, 40)
    width = sum(p.x_advance for p in _shape(font, "မင်္ဂလာပါ")[1]) / 64
    assert width == 155 and unshaped.size("မင်္ဂလာပါ")[0] == 181


# -- glyph-level comparison -----------------------------------------------------------------------
class _Outline:
    """A fontTools-style pen for ``draw_glyph_with_pen``: 26.6 points in, flattened pixel polygons out."""

    def __init__(self, dx: float, dy: float) -> None:
        self.dx, self.dy = dx, dy
        self.contours: list[list[tuple[float, float]]] = []
        self.pt = (0.0, 0.0)

    def _to(self, x, y):
        self.pt = (x, y)
        self.contours[-1].append((self.dx + x / 64, self.dy - y / 64))

    def moveTo(self, pt):
        self.contours.append([])
        self._to(*pt)

    def lineTo(self, pt):
        self._to(*pt)

    def qCurveTo(self, *pts):
        # TrueType implied on-curve points between consecutive off-curve points
        for k in range(len(pts) - 1):
            cx, cy = pts[k]
            if k < len(pts) - 2:
                x, y = (pts[k][0] + pts[k + 1][0]) / 2, (pts[k][1] + pts[k + 1][1]) / 2
            else:
                x, y = pts[-1]
            x0, y0 = self.pt
            for i in range(1, 9):
                t = i / 8
                self._to((1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t * t * x,
                         (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t * t * y)

    def curveTo(self, c1, c2, end):
        (x0, y0), (ax, ay), (bx, by), (x, y) = self.pt, c1, c2, end
        for i in range(1, 9):
            t, u = i / 8, 1 - i / 8
            self._to(u ** 3 * x0 + 3 * u * u * t * ax + 3 * u * t * t * bx + t ** 3 * x,
                     u ** 3 * y0 + 3 * u * u * t * ay + 3 * u * t * t * by + t ** 3 * y)

    def closePath(self):
        pass

    def endPath(self):
        pass


def _rasterise(contours, width: int, height: int, ss: int = 4):
    """Coverage (0..1) of polygons filled with the non-zero rule, ``ss``×``ss`` samples per pixel."""
    edges = []
    for c in contours:
        for (x0, y0), (x1, y1) in zip(c, c[1:] + c[:1]):
            if y0 != y1:
                edges.append((x0, y0, x1, y1))
    if not edges:
        return np.zeros((height, width))
    e = np.array(edges) * ss
    x0, y0, x1, y1 = e.T
    wind = np.where(y1 > y0, 1, -1)
    lo, hi = np.minimum(y0, y1), np.maximum(y0, y1)
    grid = np.zeros((height * ss, width * ss), dtype=bool)
    xs = np.arange(width * ss) + 0.5
    for row in range(height * ss):
        y = row + 0.5
        hit = (lo <= y) & (y < hi)
        if not hit.any():
            continue
        cx = x0[hit] + (y - y0[hit]) * (x1[hit] - x0[hit]) / (y1[hit] - y0[hit])
        w = wind[hit]
        # winding number at each sample = sum of directions of crossings to its left
        grid[row] = ((cx[None, :] < xs[:, None]) * w[None, :]).sum(axis=1) != 0
    return grid.reshape(height, ss, width, ss).mean(axis=(1, 3))


def _harfbuzz_ink(path: str, size: int, text: str, width: int, height: int, ascent: int):
    """HarfBuzz's glyphs at HarfBuzz's positions, rasterised with the baseline at ``ascent``."""
    base, font = _sdl_like_font(path, size)
    infos, positions = _shape(font, text)
    contours = []
    x = 0
    for info, pos in zip(infos, positions):
        pen = _Outline((x + pos.x_offset) / 64, ascent - pos.y_offset / 64)
        base.draw_glyph_with_pen(info.codepoint, pen)
        contours += pen.contours
        x += pos.x_advance
    return _rasterise(contours, width, height)


def _pygame_ink(font, text: str):
    surface = font.render(text, True, (255, 255, 255))
    return pygame.surfarray.array_alpha(surface).T / 255.0


def _dilate(mask):
    out = mask.copy()
    out[1:, :] |= mask[:-1, :]
    out[:-1, :] |= mask[1:, :]
    grown = out.copy()
    grown[:, 1:] |= out[:, :-1]
    grown[:, :-1] |= out[:, 1:]
    return grown


def _best_match(reference, ink) -> float:
    """How well two renderings agree, 0..1, at the best shift within ±2 px.

    Hinting and anti-aliasing move edges by up to a pixel, so a pixel inked in
    one image counts as matched when the other has ink within one pixel. The score
    is the smaller of the two matched fractions (so missing and extra ink both count).
    """
    h, w = reference.shape
    ref = reference > 0.5
    ref_grown = _dilate(ref)
    padded = np.zeros((h + 4, w + 4), dtype=bool)
    mask = (ink > 0.5)[:h, :w]
    padded[2:2 + mask.shape[0], 2:2 + mask.shape[1]] = mask
    best = 0.0
    for dy in range(5):
        for dx in range(5):
            shifted = padded[dy:dy + h, dx:dx + w]
            if not shifted.any() or not ref.any():
                continue
            precision = (shifted & ref_grown).sum() / shifted.sum()
            recall = (ref & _dilate(shifted)).sum() / ref.sum()
            best = max(best, min(precision, recall))
    return best


def _ink_scores(script: str, text: str, size: int = 40) -> tuple[float, float]:
    """How well the shaped and an unshaped pygame font match HarfBuzz's ink (0..1)."""
    path = _font_path(script, False)
    shaped = FontBook().get(script, size)
    w, h = shaped.size(text)
    reference = _harfbuzz_ink(path, size, text, w + 8, h, shaped.get_ascent())
    unshaped = pygame.font.Font(path, size)  # no set_script: what a font made outside FontBook draws
    return _best_match(reference, _pygame_ink(shaped, text)), _best_match(reference, _pygame_ink(unshaped, text))


@needs_numpy
@pytest.mark.parametrize("script,text", CASES)
def test_rendered_glyphs_match_harfbuzz(script, text):
    shaped, _unshaped = _ink_scores(script, text)
    assert shaped >= 0.98, (text, shaped)


#: how much worse an unshaped font must be: this much lower ink score, or a cluster this many px off
INK_MARGIN, WIDTH_MARGIN = 0.025, 2


@needs_numpy
@pytest.mark.parametrize("script,text", SHAPING_CASES)
def test_without_set_script_these_strings_come_out_measurably_wrong(script, text):
    """The proof that the agreement above comes from shaping: an unshaped font disagrees with HarfBuzz."""
    shaped, unshaped = _ink_scores(script, text)
    worst_cluster = max(abs(harfbuzz - sdl) for _c, harfbuzz, sdl in
                        _cluster_widths(script, text, 40, pygame.font.Font(_font_path(script, False), 40)))
    assert shaped - unshaped >= INK_MARGIN or worst_cluster >= WIDTH_MARGIN, (text, shaped, unshaped, worst_cluster)
    if script == MYANMAR and any(ch in text for ch in "\u1031\u103c\u1039"):
        assert unshaped < 0.95, text  # ေ ြ not reordered, virama visible: plainly wrong


@pytest.mark.parametrize("text", ["เงินเดือน 45,000 บาท", "ဖုန်း 1300", "โทร 1300 ฟรี", "Call ဖုန်း 1300 (24/7)",
                                  "ค่าจ้าง 1,500 ดอลลาร์!", "ကျပ် ၅၀,၀၀၀ - 50,000 kyat"])
def test_mixed_strings_have_a_glyph_for_every_character(text):
    """Each run's font (as chosen by split_runs) has every character of the run: no boxes."""
    for run in split_runs(text):
        face = hb.Face(hb.Blob.from_file_path(_font_path(run.script, False)))
        font = hb.Font(face)
        missing = [ch for ch in run.text if not font.get_nominal_glyph(ord(ch))]
        assert not missing, (run, missing)
        pg_font = FontBook().get(run.script, 24)
        assert all(m is not None for m in pg_font.metrics(run.text)), run


# -- typewriter reveal never shows dotted circles ------------------------------------------------
def _dotted_circles(text: str) -> int:
    """How many dotted-circle glyphs HarfBuzz inserts (broken clusters) when shaping ``text`` by runs."""
    count = 0
    for run in split_runs(text):
        if run.script not in (THAI, MYANMAR):
            continue
        face = hb.Face(hb.Blob.from_file_path(_font_path(run.script, False)))
        font = hb.Font(face)
        circle = font.get_nominal_glyph(0x25CC)
        infos, _positions = _shape(font, run.text)
        count += sum(1 for info in infos if info.codepoint == circle)
    return count


REVEAL_TEXTS = ["မင်္ဂလာပါ ကျွန်ုပ်တို့ ဂိမ်းကစားပါ သင့်အလုပ် ကြောင်း", "เริ่มต้นบอกว่า น้ำ กำลัง ผู้ใหญ่ ปั๊มน้ำมัน"]


@pytest.mark.parametrize("text", REVEAL_TEXTS)
def test_typewriter_prefixes_never_show_dotted_circles(text):
    from safepath.text.breaks import reveal_units

    units = reveal_units(text)
    shown = ""
    for unit in units:
        shown += unit
        assert _dotted_circles(shown) == 0, shown
    if any("\u1000" <= ch <= "\u109f" for ch in text):
        # revealing Burmese code point by code point would (ေ or ် arriving alone): the check can fail
        assert any(_dotted_circles(text[:i]) for i in range(1, len(text)))
