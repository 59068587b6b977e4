"""The report in a real browser: headless Chromium with no system font at all and no network.

* fontconfig is pointed at a folder of its own (``FONTCONFIG_FILE``) whose one font has no letter at all
  (Chromium draws no text, not even web fonts, with no system font whatever), so every glyph on the page
  must come from the fonts embedded in it: the same page with its @font-face rules taken out is blank;
* every host name resolves to nothing (``--host-resolver-rules``) and the DOM Chromium built holds no
  external address;
* ``summary.html`` printed to PDF (A4) is exactly one page, in Thai, Burmese and English.

Skipped, with the reason, when Chromium is not installed. The screenshots are kept in the test's temporary
folder (``SAFEPATH_REPORT_SHOTS=DIR`` keeps them there instead, to look at).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from safepath.report import build, inputs, synthetic

BROWSER = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="Chromium is not installed; docs/reports.md describes the manual check")

EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["'](?!#|data:)|url\((?!["']?(?:data:|#))|https?://(?!www\.w3\.org/2000/svg)""", re.I)


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    base = Path(os.environ.get("SAFEPATH_REPORT_SHOTS") or tmp_path_factory.mktemp("report-chromium"))
    base.mkdir(parents=True, exist_ok=True)
    empty = base / "no-fonts"
    empty.mkdir(exist_ok=True)
    placeholder(empty / "placeholder.ttf")
    conf = base / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>{empty}</dir>'
                    f'<cachedir>{base / "fc-cache"}</cachedir></fontconfig>', encoding="utf-8")
    content = build.load_content()
    collection = inputs.Collection()
    source = inputs.Source("synthetic", "export")
    collection.sources.append(source)
    for i, r in enumerate(synthetic.dataset(plays=400, players=60, sessions=3, seed=5, content=content)):
        collection.add(r, source, None, i)
    out = {}
    for lang in ("th", "my", "en"):
        report = build.make_report(collection, lang, 10, content=content)
        folder = base / lang
        build.write_report(report, folder)
        bare = re.sub(r"@font-face \{[^}]*\}", "", report.html)
        (folder / "no-embedded-fonts.html").write_text(bare, encoding="utf-8")
        out[lang] = folder
    return base, conf, out


def placeholder(path: Path) -> None:
    """A font with a space and nothing else, under a name no page asks for."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from safepath.paths import fonts_dir

    options = subset.Options()
    options.name_IDs = ["*"]
    font = TTFont(str(fonts_dir() / "NotoSans-Regular.ttf"))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[0x20])
    subsetter.subset(font)
    for record in font["name"].names:
        if record.nameID in (1, 4, 6, 16):
            record.string = "SafePath Placeholder"
    font.save(str(path))


def ink(png: Path) -> int:
    """Dark pixels of a screenshot (text and dark bars)."""
    import pygame

    surface = pygame.image.load(str(png))
    w, h = surface.get_size()
    return sum(1 for y in range(0, h, 2) for x in range(0, w, 2) if sum(surface.get_at((x, y))[:3]) < 200)


def chromium(conf: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, FONTCONFIG_FILE=str(conf))
    return subprocess.run([BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions",
                           "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost", "--no-first-run",
                           "--disable-background-networking", *args], capture_output=True, timeout=180, env=env)


def pdf_pages(data: bytes) -> int:
    """Pages of a PDF: the page objects (``/Type /Page``, not ``/Pages``)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


@pytest.mark.parametrize("lang", ["th", "my", "en"])
def test_screenshot_draws_with_the_embedded_fonts_only(folders, lang):
    base, conf, out = folders
    shots = []
    for page in ("report.html", "no-embedded-fonts.html"):
        shot = out[lang] / (page.replace(".html", "") + ".png")
        done = chromium(conf, "--window-size=1100,1600", f"--screenshot={shot}", (out[lang] / page).as_uri())
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
        shots.append(ink(shot))
    with_fonts, without = shots
    # without its fonts the page has only the dark bars of its charts; with them, its text too
    assert with_fonts > 2 * without, (with_fonts, without)


@pytest.mark.parametrize("lang", ["th", "my", "en"])
def test_dom_has_no_external_address(folders, lang):
    base, conf, out = folders
    done = chromium(conf, "--dump-dom", (out[lang] / "report.html").as_uri())
    assert done.returncode == 0
    dom = done.stdout.decode("utf-8")
    assert "<svg" in dom and "</html>" in dom
    found = EXTERNAL.search(dom)
    assert found is None, found.group(0)


@pytest.mark.parametrize("lang", ["th", "my", "en"])
def test_summary_prints_on_one_a4_page(folders, lang):
    base, conf, out = folders
    pdf = out[lang] / "summary.pdf"
    done = chromium(conf, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", (out[lang] / "summary.html").as_uri())
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert pdf_pages(data) == 1
    if lang == "my":  # the whole report prints too (once is enough): the summary first, the tables after it
        full = out[lang] / "report.pdf"
        done = chromium(conf, "--no-pdf-header-footer", f"--print-to-pdf={full}", (out[lang] / "report.html").as_uri())
        assert done.returncode == 0 and pdf_pages(full.read_bytes()) >= 3
    # A4: 595 × 842 points
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert box and abs(float(box.group(1)) - 595.3) < 1 and abs(float(box.group(2)) - 841.9) < 1
