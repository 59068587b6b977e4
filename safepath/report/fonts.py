"""The bundled Noto fonts, cut down to the glyphs a report uses and embedded in it as WOFF2.

A report must read the same on an NGO office computer that has no Thai or Burmese font (or, worse, a
Zawgyi font that garbles Unicode Burmese). So the page carries its own fonts: Noto Sans for Latin text,
digits and punctuation, Noto Sans Thai and Noto Sans Myanmar, each in regular and bold, limited by
``unicode-range`` to its script. fontTools' subsetter keeps only the characters of the page (and every
glyph the fonts' shaping rules can reach from them, so the browser's HarfBuzz still forms Thai and Burmese
clusters); WOFF2 (Brotli) makes a Burmese report's fonts a few tens of kilobytes instead of ~400 KB.

Without fontTools or Brotli the report is still written: with WOFF (zlib), or with no embedded font and a
note in the privacy receipt. No pygame.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path

FAMILY = "SafePath Report"

#: (file, weight, unicode-range, ranges as (first, last) code points)
FACES = (
    ("NotoSans-Regular.ttf", 400, "latin"),
    ("NotoSans-Bold.ttf", 700, "latin"),
    ("NotoSansThai-Regular.ttf", 400, "thai"),
    ("NotoSansThai-Bold.ttf", 700, "thai"),
    ("NotoSansMyanmar-Regular.ttf", 400, "myanmar"),
    ("NotoSansMyanmar-Bold.ttf", 700, "myanmar"),
)
SCRIPT_RANGES = {
    "thai": ((0x0E00, 0x0E7F),),
    "myanmar": ((0x1000, 0x109F), (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F)),
}
#: characters a browser may draw though the text does not hold them: Thai SARA AM is shaped as NIKHAHIT +
#: SARA AA (HarfBuzz decomposes it, so the subsetter's closure never sees them), joiners, the dotted circle
#: shown under a mark that lost its base, the ellipsis and dashes of wrapped or empty cells
ALWAYS = "\u0e4d\u0e32\u200b\u200c\u200d\u25cc\u2026\u2013\u2014\u00a0 0123456789%.,:;()-<>/·′"


@dataclass(frozen=True)
class EmbeddedFonts:
    css: str  # @font-face rules
    bytes: int  # size of the embedded font data (before base64)
    flavor: str  # "woff2", "woff" or "" (none embedded)
    note: str = ""  # English: why no font could be embedded


def _in_script(cp: int, script: str) -> bool:
    if script == "latin":
        return not any(lo <= cp <= hi for ranges in SCRIPT_RANGES.values() for lo, hi in ranges)
    return any(lo <= cp <= hi for lo, hi in SCRIPT_RANGES[script])


def _range_css(script: str, codepoints: list[int]) -> str:
    if script != "latin":
        return ", ".join(f"U+{lo:04X}-{hi:04X}" for lo, hi in SCRIPT_RANGES[script])
    return ", ".join(f"U+{cp:04X}" for cp in codepoints)


def _flavor() -> str:
    try:
        import brotli  # noqa: F401  (fontTools writes WOFF2 with it)
    except ImportError:
        return "woff"
    return "woff2"


def _tables() -> None:
    """Import the table modules of the Noto fonts by name.

    fontTools loads a table's module from its tag at run time (``getTableModule``), which PyInstaller cannot
    see; written out here, the one-folder bundle carries them and its reports get their fonts too.
    """
    from fontTools.ttLib.tables import (  # noqa: F401
        D_S_I_G_, G_D_E_F_, G_P_O_S_, G_S_U_B_, O_S_2f_2, _c_m_a_p, _c_v_t, _f_p_g_m, _g_a_s_p, _g_l_y_f, _h_e_a_d,
        _h_h_e_a, _h_m_t_x, _l_o_c_a, _m_a_x_p, _n_a_m_e, _p_o_s_t, _p_r_e_p)
    from fontTools.ttLib import woff2  # noqa: F401


def subset(path: Path, text: str, flavor: str, every_feature: bool = True) -> bytes:
    """The font at ``path`` with only what ``text`` needs, as ``flavor`` (woff2 or woff).

    ``every_feature``: keep every OpenType feature (Thai and Burmese need their shaping rules); Latin text
    does with fontTools' default set (kerning, ligatures, marks), which subsets twice as fast.
    """
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    _tables()
    options = ft_subset.Options()
    if every_feature:
        options.layout_features = ["*"]  # every shaping feature: Thai marks, Burmese medials and reordering
    options.flavor = flavor
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # browsers hint themselves; hints are a third of the bytes
    options.desubroutinize = True  # smaller after WOFF2's compression
    font = TTFont(str(path), lazy=True)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = flavor
    font.save(out)
    return out.getvalue()


#: subsets kept in the cache folder (the oldest go first); a trainer's reports share most of their letters
CACHE_FILES = 48


def cache_folder() -> Path | None:
    """``report-fonts/`` beside the game's other caches (``SAFEPATH_CACHE_DIR`` overrides, empty disables)."""
    import os

    override = os.environ.get("SAFEPATH_CACHE_DIR")
    if override is not None:
        return Path(override) / "report-fonts" if override else None
    from safepath.i18n.catalogs import cache_dir

    base = cache_dir()
    return base.parent / "report-fonts" if base is not None else None


def cached_subset(path: Path, text: str, flavor: str, every_feature: bool) -> bytes:
    """:func:`subset`, kept on disk by font, letters and options: the same letters are cut only once."""
    import hashlib
    import os

    try:
        stat = path.stat()
        key = hashlib.sha256(f"{path.name}|{stat.st_size}|{stat.st_mtime_ns}|{flavor}|{every_feature}|{text}"
                             .encode("utf-8")).hexdigest()[:32]
    except OSError:
        key = None
    folder = cache_folder()
    cached = folder / f"{key}.{flavor}" if folder is not None and key else None
    if cached is not None:
        try:
            return cached.read_bytes()
        except OSError:
            pass
    data = subset(path, text, flavor, every_feature)
    if cached is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            temp = cached.with_suffix(f".{os.getpid()}.tmp")
            temp.write_bytes(data)
            os.replace(temp, cached)
            old = sorted(folder.glob(f"*.{flavor}"), key=lambda p: p.stat().st_mtime)
            for stale in old[:-CACHE_FILES]:
                stale.unlink()
        except OSError:
            pass  # a read-only cache folder only costs time
    return data


def embed(text: str, fonts_dir: Path | None = None) -> EmbeddedFonts:
    """@font-face rules with the three Noto fonts cut down to ``text``'s characters, inlined as base64."""
    if fonts_dir is None:
        from safepath.paths import fonts_dir as _fonts_dir

        fonts_dir = _fonts_dir()
    try:
        import fontTools  # noqa: F401
    except ImportError:
        return EmbeddedFonts("", 0, "", "fontTools is not installed, so no font could be embedded")
    flavor = _flavor()
    chars = sorted({ord(ch) for ch in text + ALWAYS if ord(ch) >= 0x20})
    rules, total = [], 0
    for name, weight, script in FACES:
        used = [cp for cp in chars if _in_script(cp, script)]
        if script != "latin" and not any(_in_script(cp, script) for cp in map(ord, text)):
            continue  # no Thai (or Burmese) in this report: no Thai font in it
        try:
            data = cached_subset(fonts_dir / name, "".join(map(chr, used)), flavor, script != "latin")
        except Exception as exc:  # a damaged or missing font: the report goes on with the others
            return EmbeddedFonts("", 0, "", f"the font {name} could not be embedded ({exc})")
        total += len(data)
        encoded = base64.b64encode(data).decode("ascii")
        rules.append(f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; font-style: normal; '
                     f'font-display: block; unicode-range: {_range_css(script, used)}; '
                     f'src: url(data:font/{flavor};base64,{encoded}) format("{flavor}"); }}')
    return EmbeddedFonts("\n".join(rules), total, flavor)
