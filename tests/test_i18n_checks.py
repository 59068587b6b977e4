"""Checks on text and catalogs: Zawgyi, placeholders, catalog status and `i18n status --check`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from safepath.i18n import checks
from safepath.i18n.catalogs import SHIPPED_LANGUAGES
from safepath.i18n.status import collect_status
from safepath.story.model import Pos, Text

ROOT = Path(__file__).resolve().parent.parent
ALL_PO = sorted((ROOT / "locales").glob("*/LC_MESSAGES/*.po"))

ZAWGYI = "ျမန္မာစာ ေနေကာင္းလား"  # "Burmese, are you well?" typed in Zawgyi
UNICODE = "မြန်မာစာ နေကောင်းလား"  # the same in Unicode


# -- Zawgyi -----------------------------------------------------------------
def test_zawgyi_is_detected_and_unicode_is_not():
    assert checks.is_zawgyi(ZAWGYI)
    assert not checks.is_zawgyi(UNICODE)


def test_text_without_burmese_is_not_zawgyi():
    assert checks.zawgyi_probability("Hello, 45,000 baht") == 0.0  # the detector says -inf here
    assert checks.zawgyi_probability("") == 0.0
    assert not checks.is_zawgyi("เงินเดือน 45,000 บาท")


def test_short_unicode_word_the_detector_doubts_is_not_flagged():
    word = "ဘာစကားလုံးလဲ။"  # "Which word?": the detector alone scores it ~0.99
    assert checks.zawgyi_probability(word) > 0.9
    assert not checks.is_zawgyi(word)
    assert checks.is_zawgyi("ေကာင္းတယ္")  # short, but spelled the Zawgyi way


#: short Zawgyi that is also well-formed Unicode (no Zawgyi-only code point), with its Unicode spelling
SHORT_ZAWGYI = {"အေမ": "အမေ", "အေဖ": "အဖေ", "ကေလး": "ကလေး", "ညီမေလး": "ညီမလေး", "ရွိ": "ရှိ", "သြား": "သွား"}


@pytest.mark.parametrize("zawgyi,unicode", SHORT_ZAWGYI.items())
def test_short_zawgyi_words_without_zawgyi_only_code_points_are_caught(zawgyi, unicode):
    assert not checks.has_zawgyi_marks(zawgyi)  # the spelling rules alone cannot see these
    assert checks.is_zawgyi(zawgyi)
    assert not checks.is_zawgyi(unicode)
    [found] = checks.text_diagnostics(zawgyi, "x.po", 3, 1, "The translation")
    assert found.code == "SP070" and f"“{unicode}”" in found.message


def test_no_word_of_the_shipped_burmese_is_taken_for_zawgyi():
    """The short-text readings judge single words too: run them on every word and word pair of every msgstr."""
    import re

    pieces = set()
    for path in sorted((ROOT / "locales" / "my").glob("LC_MESSAGES/*.po")):
        with open(path, "rb") as fh:
            for message in read_po(fh):
                strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
                for s in filter(None, strings):
                    words = [w for w in re.split(r"[\s၊။,.!?\"'()\-:;]+", s) if w]
                    pieces.update(words)
                    pieces.update(f"{a} {b}" for a, b in zip(words, words[1:]))
    assert len(pieces) > 1000
    assert [p for p in pieces if checks.is_zawgyi(p)] == []


def test_zawgyi_in_scenario_text_is_reported_with_its_place():
    text = Text(ZAWGYI, "s/a/line/0", Pos("content/scenarios/s.yaml", 12, 9))

    class Scenario:
        def texts(self):
            yield text

    found = checks.content_diagnostics(Scenario())
    assert [(d.code, d.file, d.line, d.column) for d in found] == [("SP070", "content/scenarios/s.yaml", 12, 9)]
    assert "Zawgyi" in found[0].message


def test_a_repeated_text_is_checked_once_and_a_bad_one_reported_at_every_place(monkeypatch):
    where = [Pos("content/scenarios/s.yaml", line, 9) for line in (12, 30, 44)]
    texts = [Text(ZAWGYI, f"s/a/line/{i}", pos) for i, pos in enumerate(where)]
    texts += [Text("Which company is this, please?", f"s/b/line/{i}", pos) for i, pos in enumerate(where)]
    asked = []
    real = checks.text_diagnostics
    monkeypatch.setattr(checks, "text_diagnostics", lambda text, *a: asked.append(text) or real(text, *a))
    found = checks.texts_diagnostics(texts)
    assert [(d.code, d.line) for d in found] == [("SP070", 12), ("SP070", 30), ("SP070", 44)]
    assert asked.count("Which company is this, please?") == 1


# -- placeholders -----------------------------------------------------------
def test_placeholders_found():
    assert checks.placeholders("Hi {name}, {n:>3} %s %(count)d {{literal}} 100%%") == {"{name}", "{n}", "%s", "%(count)"}


@pytest.mark.parametrize(
    "msgid, msgstr, problem",
    [
        ("Hello {name}", "สวัสดี {name}", None),
        ("Hello {name}", "สวัสดี {nmae}", "lost {name}; added {nmae}"),
        ("Hello {name}", "สวัสดี", "lost {name}"),
        ("Saved %s", "บันทึกแล้ว", "lost %s"),
        ("Saved", "บันทึก %(x)s", "added %(x)"),
        ("{a} and {b}", "{b} และ {a}", None),  # order may change
    ],
)
def test_placeholder_mismatch(msgid, msgstr, problem):
    assert checks.placeholder_problem(msgid, msgstr) == problem


def test_plural_forms_may_drop_a_placeholder_only_one_english_form_has():
    assert checks.placeholder_problem("One star", "{n} ดาว", "{n} stars") is None
    assert checks.placeholder_problem("{n} star", "ดาว", "{n} stars") == "lost {n}"
    assert checks.placeholder_problem("{n} star", "{n} {x}", "{n} stars") == "added {x}"


def test_message_diagnostics_code():
    found = checks.message_diagnostics("Hello {name}", "สวัสดี {nam}", "x.po", 7)
    assert [(d.code, d.line) for d in found] == [("SP071", 7)]


# -- catalog status on a small project --------------------------------------
def _project(tmp_path: Path, th_po: str) -> Path:
    root = tmp_path / "proj"
    (root / "locales").mkdir(parents=True)
    pot = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        '#: safepath/a.py:3\nmsgid "Play"\nmsgstr ""\n\n'
        '#: safepath/a.py:4\nmsgid "Hello {name}"\nmsgstr ""\n\n'
        '#: safepath/a.py:5\nmsgid "Quit"\nmsgstr ""\n'
    )
    for domain in ("safepath", "content"):
        (root / "locales" / f"{domain}.pot").write_text(pot if domain == "safepath" else pot.replace("safepath/a.py", "content/scenarios/x.yaml"), encoding="utf-8")
    th = root / "locales" / "th" / "LC_MESSAGES"
    th.mkdir(parents=True)
    (th / "safepath.po").write_text(th_po, encoding="utf-8")
    return root


TH_PO = """\
msgid ""
msgstr ""
"Language: th\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"Content-Type: text/plain; charset=utf-8\\n"

# DRAFT: machine-drafted, needs review by a native Thai speaker
msgid "Play"
msgstr "เล่น"

msgid "Hello {name}"
msgstr "สวัสดี {nam}"

#, fuzzy
msgid "Quit"
msgstr "ออก"

#~ msgid "Old"
#~ msgstr "เก่า"
"""


def test_status_counts_translated_stale_missing_obsolete_and_drafts(tmp_path):
    root = _project(tmp_path, TH_PO)
    report = collect_status(root, languages=("th",), fresh=False)
    ui = next(c for c in report.catalogs if c.domain == "safepath")
    assert (ui.total, ui.translated, ui.obsolete, ui.drafts) == (3, 2, 1, 1)
    assert [e.msgid for e in ui.fuzzy] == ["Quit"]
    assert ui.missing == []
    content = next(c for c in report.catalogs if c.domain == "content")
    assert not content.exists and len(content.missing) == 3
    codes = sorted(d.code for d in report.diagnostics)
    assert codes == ["SP071", "SP076"]
    sp071 = next(d for d in report.diagnostics if d.code == "SP071")
    assert sp071.file.endswith("th/LC_MESSAGES/safepath.po") and sp071.line == 11  # the entry's msgid line, as Babel and Poedit count
    assert report.failures(("th",))  # incomplete and has an error


def test_status_reports_a_broken_po_with_its_line(tmp_path):
    root = _project(tmp_path, TH_PO + '\nmsgid "Broken"\nmsgstr "no end\n')
    report = collect_status(root, languages=("th",), fresh=False)
    broken = [d for d in report.diagnostics if d.code == "SP074"]
    assert broken and broken[0].line > 0


def test_babel_checker_finds_wrong_plural_count(tmp_path):
    po = TH_PO.replace("nplurals=1; plural=0;", "nplurals=2; plural=(n != 1);") + (
        '\nmsgid "{n} star"\nmsgid_plural "{n} stars"\nmsgstr[0] "{n} ดาว"\n'
    )
    root = _project(tmp_path, po)
    report = collect_status(root, languages=("th",), fresh=False)
    assert any(d.code == "SP075" for d in report.diagnostics)


# -- the shipped catalogs ---------------------------------------------------
def test_every_catalog_passes_babel_checks_and_our_checks():
    assert ALL_PO, "no catalogs found"
    for path in ALL_PO:
        with open(path, "rb") as fh:
            catalog = read_po(fh, abort_invalid=True)
        from safepath.i18n.status import catalog_diagnostics

        problems = [d.headline() for d in catalog_diagnostics(catalog, str(path)) if d.is_error]
        assert problems == [], problems


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext msgfmt is not installed (Babel checks above still run)")
@pytest.mark.parametrize("path", ALL_PO, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_msgfmt_check_passes(path, tmp_path):
    done = subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "out.mo"), str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_burmese_catalogs_are_unicode_not_zawgyi():
    for path in (ROOT / "locales" / "my" / "LC_MESSAGES").glob("*.po"):
        with open(path, "rb") as fh:
            catalog = read_po(fh)
        for message in catalog:
            strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
            for s in strings:
                assert not checks.is_zawgyi(s or ""), (path.name, message.id)


def test_drafted_translations_are_marked_for_review():
    for lang, speaker in (("th", "Thai"), ("my", "Burmese")):
        for path in (ROOT / "locales" / lang / "LC_MESSAGES").glob("*.po"):
            with open(path, "rb") as fh:
                catalog = read_po(fh)
            for message in catalog:
                strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
                if message.id and any(strings) and not message.fuzzy:
                    assert any("DRAFT" in c and speaker in c for c in message.user_comments), (path, message.id)


def test_i18n_status_check_passes_for_shipped_languages():
    done = subprocess.run(
        [sys.executable, "-m", "safepath", "i18n", "status", "--check", *sum((["--lang", l] for l in SHIPPED_LANGUAGES), [])],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "check passed" in done.stdout


# -- strict .po syntax (what msgfmt --check refuses, without msgfmt) -------------
from safepath.i18n.pocheck import check_po_text  # noqa: E402

HEADER = 'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'


@pytest.mark.parametrize(
    "body, line, words",
    [
        ('msgid "Play"\nmsgstr "no end\n', 6, "quoted"),
        ('msgid "Play"\nmsgstr "bad \\q escape"\n', 6, "quoted"),
        ('msgid "Play"\nmsgsrt "typo"\n', 6, "cannot read"),
        ('msgstr "orphan"\n', 5, "before any"),
        ('msgid "{n} star"\nmsgid_plural "{n} stars"\nmsgstr[0] "a"\nmsgstr[1] "b"\n', 5, "plural form"),
        ('msgid "Play"\nmsgstr "a"\n\nmsgid "Play"\nmsgstr "b"\n', 8, "defined twice"),
        ('msgid "Play"\n\nmsgid "Quit"\nmsgstr ""\n', 5, "no msgstr"),
    ],
)
def test_po_problems_are_found_with_their_line(body, line, words, tmp_path):
    problems = check_po_text(HEADER + body)
    assert any(p.line == line and words in p.message for p in problems), problems
    if shutil.which("msgfmt"):  # GNU gettext agrees that each of these is an error
        po = tmp_path / "x.po"
        po.write_text(HEADER + body, encoding="utf-8")
        done = subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "x.mo"), str(po)], capture_output=True)
        assert done.returncode != 0


def test_good_po_has_no_problems():
    body = (
        '# comment\nmsgctxt "menu"\nmsgid "Back"\nmsgstr "กลับ"\n\n'
        'msgid ""\n"long "\n"text"\nmsgstr "ยาว"\n\n'
        'msgid "{n} star"\nmsgid_plural "{n} stars"\nmsgstr[0] "{n} ดาว"\n\n'
        '#~ msgid "Old"\n#~ msgstr "เก่า"\n'
    )
    assert check_po_text(HEADER + body) == []


# -- font coverage ----------------------------------------------------------
def test_font_coverage_agrees_with_harfbuzz():
    hb = pytest.importorskip("uharfbuzz")
    from safepath.i18n.coverage import SHIPPED_FONTS, _cmap_codepoints

    for name in SHIPPED_FONTS:
        data = (ROOT / "assets" / "fonts" / name).read_bytes()
        font = hb.Font(hb.Face(data))
        ours = _cmap_codepoints(data)
        assert len(ours) > 90, name
        for cp in list(ours)[:: max(1, len(ours) // 400)]:
            assert font.get_nominal_glyph(cp), (name, hex(cp))
        for cp in (0x1F600, 0x27E6):
            assert (cp in ours) == bool(font.get_nominal_glyph(cp)), (name, hex(cp))


def test_mixed_strings_are_covered_and_emoji_are_not():
    assert checks.uncovered_characters("เงินเดือน 45,000 บาท") == []
    assert checks.uncovered_characters("ဖုန်း 1300") == []
    assert checks.uncovered_characters("Call 1300 😀") == ["😀"]
    found = checks.text_diagnostics("Hi ⟦x⟧", "s.yaml", 3, 5, "This text")
    assert [d.code for d in found] == ["SP072"] and "U+27E6" in found[0].message
