"""The report's files: escaped, self-contained, small, fonts cut down, CSV with BOM and a README for every column."""

from __future__ import annotations

import csv
import io
import re

import pytest

from safepath.report import build, inputs, synthetic
from safepath.saves import records as R


@pytest.fixture(scope="module")
def content():
    return build.load_content()


def collection_of(records) -> inputs.Collection:
    c = inputs.Collection()
    source = inputs.Source("synthetic.json", "export")
    c.sources.append(source)
    for i, r in enumerate(records):
        c.add(r, source, None, i)
    return c


@pytest.fixture(scope="module")
def records(content):
    recs = synthetic.dataset(plays=500, players=60, sessions=3, seed=3, content=content)
    recs.append(R.validate({"id": R.new_id(), "kind": "class", "date": "2026-11-20", "session": "evil",
                            "label": "<script>alert('x')</script> & Co", "gender": {"female": 20, "male": 12},
                            "age_bands": {}, "stories": []}))
    return recs


@pytest.fixture(scope="module")
def reports(records, content):
    c = collection_of(records)
    return {lang: build.make_report(c, lang, 10, content=content) for lang in ("en", "th", "my")}


EXTERNAL = re.compile(r"""(?:src|href|action|xlink:href)\s*=\s*["'](?!#|data:)|url\((?!["']?(?:data:|#))|@import|https?://(?!www\.w3\.org/2000/svg)""", re.I)


def test_values_are_escaped_never_obeyed(reports):
    html = reports["en"].html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co" in html


def test_self_contained_no_external_address(reports):
    for report in reports.values():
        for page in (report.html, report.summary_html):
            assert not EXTERNAL.search(page), EXTERNAL.search(page).group(0)
            assert "default-src 'none'" in page  # and the browser is told to load nothing


def test_size_and_fonts_only_for_the_scripts_used(reports):
    for lang, report in reports.items():
        assert len(report.html.encode("utf-8")) < 500_000, lang
        faces = re.findall(r"unicode-range: ([^;]+);", report.html)
        thai = any("U+0E00" in f for f in faces)
        burmese = any("U+1000" in f for f in faces)
        assert "format(\"woff2\")" in report.html
        # a script's font is embedded exactly when the page's text holds that script (languages are named in
        # their own script, so even the English page shows ไทย and မြန်မာ)
        text = re.sub(r"<style>.*?</style>", "", report.html, flags=re.S)
        assert thai == bool(re.search("[\u0e00-\u0e7f]", text)), lang
        assert burmese == bool(re.search("[\u1000-\u109f]", text)), lang
        assert thai and burmese
    from safepath.report import fonts

    plain = fonts.embed("Report for trainers: 12 players")
    faces = re.findall(r"unicode-range: ([^;]+);", plain.css)
    assert len(faces) == 2 and not any("U+0E00" in f or "U+1000" in f for f in faces)  # Latin only
    assert plain.flavor == "woff2" and plain.bytes < 20_000


def test_fonts_hold_the_glyphs_of_the_page(reports):
    import base64

    from fontTools.ttLib import TTFont

    html = reports["th"].html
    text = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    thai = {ord(ch) for ch in text if 0x0E00 <= ord(ch) <= 0x0E7F}
    fonts = re.findall(r"unicode-range: U\+0E00-0E7F; src: url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\)", html)
    assert len(fonts) == 2  # regular and bold
    for data in fonts:
        cmap = TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()
        assert thai <= set(cmap)
        assert len(cmap) < 120  # cut down: the whole Thai font maps more than twice as many
    assert 0x0E4D in set(cmap) or 0x0E33 not in thai  # SARA AM's parts, which shaping needs


def test_no_player_codes_record_ids_or_nicknames_in_any_file(reports, records):
    report = reports["en"]
    everything = report.html + report.summary_html + report.readme + report.receipt + "".join(
        b.decode("utf-8") for b in report.csv.values())
    codes = {r["player"] for r in records if r.get("player")}
    ids = {r["id"] for r in records}
    assert not [c for c in codes if c in everything]
    assert not [i for i in ids if i in everything]


def test_csv_files_have_a_bom_and_every_column_is_explained(reports):
    report = reports["th"]
    assert "plays_by_story.csv" in report.csv and "check_change.csv" in report.csv
    for name, data in report.csv.items():
        assert data.startswith(b"\xef\xbb\xbf"), name
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        header = rows[0]
        section = report.readme.split(f"{name} — ", 1)[1].split("\n\n", 1)[0]
        for column in header:
            assert f"  {column}: " in section, (name, column)
        assert all(len(r) == len(header) for r in rows)


def test_hidden_cells_in_csv_and_page(reports):
    report = reports["en"]
    gender = list(csv.reader(io.StringIO(report.csv["people_by_gender.csv"].decode("utf-8-sig"))))
    values = {row[1]: row[2] for row in gender[1:]}
    assert values["other"] == "hidden" or int(values["other"]) >= 10 or values["other"] == "0"
    assert any(v == "hidden" for v in values.values())
    assert report.hidden.get("small", 0) > 0
    assert "hidden" in report.html


def test_every_word_of_the_thai_page_is_translated(reports):
    """The page's own words come from the catalog: no English sentence is left in a Thai report."""
    html = reports["th"].html
    text = re.sub(r"<style>.*?</style>|<[^>]+>", " ", html, flags=re.S)
    english = [w for w in re.findall(r"[A-Za-z][a-z]{3,}(?: [a-z]{3,}){2,}", text)]
    assert not english, english[:5]


def test_written_folder(tmp_path, reports):
    folder = build.report_folder(tmp_path)
    written = build.write_report(reports["my"], folder)
    names = sorted(str(p.relative_to(folder)) for p in written)
    assert "report.html" in names and "summary.html" in names and "privacy-receipt.txt" in names
    assert "csv/README.txt" in names
    assert build.report_folder(tmp_path) != folder  # a second report never overwrites the first
    assert (folder / "privacy-receipt.txt").read_bytes().startswith(b"\xef\xbb\xbf")


def test_empty_report_is_still_a_report(content):
    report = build.make_report(inputs.Collection(), "my", 10, content=content)
    assert "<html" in report.html and report.csv


def test_a_damaged_font_still_gives_a_report_that_says_so(content, monkeypatch):
    from safepath.report import fonts

    monkeypatch.setenv("SAFEPATH_CACHE_DIR", "")  # no cached subsets: every font is cut now

    def broken(path, text, flavor, every_feature=True):
        raise ValueError(f"{path.name} is damaged")

    monkeypatch.setattr(fonts, "subset", broken)
    report = build.make_report(inputs.Collection(), "th", 10, content=content)
    assert "@font-face" not in report.html
    assert "is damaged" in report.html and "is damaged" in report.receipt
