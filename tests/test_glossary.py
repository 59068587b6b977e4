"""The key-terms glossary beside the catalogs, and the check that translations use it (SP125, SP126)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from babel.messages.catalog import Catalog

from safepath.i18n import glossary
from safepath.i18n.status import check_catalogs, collect_status

ROOT = Path(__file__).resolve().parents[1]


def write_glossary(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_glossaries_read_clean_and_cover_the_key_terms():
    wanted = {"recruiter", "agency", "licence", "passport", "victim", "trafficking", "scam compound", "code word"}
    for lang in ("th", "my"):
        terms, problems = glossary.read_glossary(ROOT / "locales" / lang / "glossary.csv")
        assert problems == []
        assert wanted <= {t.source for t in terms}, lang
        with (ROOT / "locales" / lang / "glossary.csv").open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        assert header == ["source", "target", "explanation"]  # the columns Weblate's glossary import reads


def test_terms_match_whole_words_plurals_and_longer_terms_first(tmp_path):
    terms, _ = glossary.read_glossary(write_glossary(tmp_path, "source,target,explanation\n"
                                                    "compound,อาคาร,\nscam compound,แหล่งหลอกลวง,\nagency,บริษัทจัดหางาน,\n"))
    found = [t.source for t in glossary.terms_in("Two scam compounds and three agencies", terms)]
    assert sorted(found) == ["agency", "scam compound"]  # "compound" is inside "scam compounds"
    assert glossary.terms_in("The agent of an agencyless firm", terms) == []


def test_a_wrong_word_for_a_key_term_is_reported_at_its_line(tmp_path):
    terms, _ = glossary.read_glossary(ROOT / "locales" / "th" / "glossary.csv")
    catalog = Catalog(locale="th")
    catalog.add("The recruiter asks you to move to LINE.", "คนหางานขอให้ย้ายไปคุยใน LINE", lineno=12)
    catalog.add("Fake recruiters use big money.", "นายหน้าปลอมใช้เงินก้อนใหญ่", lineno=20)
    catalog.add("The recruiter calls.", "", lineno=30)  # untranslated: completeness is another check
    found = glossary.term_diagnostics(catalog, terms, "th/content.po")
    assert [(d.code, d.line) for d in found] == [("SP125", 12)]
    assert "recruiter" in found[0].message and "นายหน้า" in found[0].message and found[0].is_error


def test_a_broken_glossary_says_what_is_wrong_and_stops_nothing_else(tmp_path):
    assert [d.code for d in glossary.read_glossary(write_glossary(tmp_path, "term;translation\n"))[1]] == ["SP126"]
    terms, problems = glossary.read_glossary(write_glossary(tmp_path, "source,target\nrecruiter,\npassport,พาสปอร์ต\n"))
    assert [(d.code, d.line) for d in problems] == [("SP126", 2)] and [t.source for t in terms] == ["passport"]
    (tmp_path / "bad.csv").write_bytes(b"source,target\n\xff\xfe,x\n")
    assert [d.code for d in glossary.read_glossary(tmp_path / "bad.csv")[1]] == ["SP126"]


def test_shipped_catalogs_follow_the_glossary():
    report = check_catalogs(ROOT, fit=False)
    assert [d for d in report.diagnostics if d.code in ("SP125", "SP126")] == []


def test_i18n_status_reports_a_term_that_spreads(tmp_path):
    """An author's copy where a translator wrote the job-seeker word: status names the .po line, --check fails."""
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    po = tmp_path / "locales" / "th" / "LC_MESSAGES" / "content.po"
    text = po.read_text(encoding="utf-8")
    assert "นายหน้าขอให้ย้ายไปคุยใน" in text
    po.write_text(text.replace("นายหน้าขอให้ย้ายไปคุยใน", "คนหางานขอให้ย้ายไปคุยใน", 1), encoding="utf-8")
    report = collect_status(tmp_path, fit=False, domains=("content",))
    found = [d for d in report.diagnostics if d.code == "SP125"]
    assert len(found) == 1 and found[0].file.endswith("th/LC_MESSAGES/content.po")
    assert report.failures(), "--check must fail"
