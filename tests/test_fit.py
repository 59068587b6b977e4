"""SP073: text that does not fit its box at the largest text size, measured with the real fonts.

The boxes must be the screens' own: the first tests lay the real screens out at 1280×720 and the largest
text size and compare their widths with the ones the check uses. Then the check must find overflows
(and only overflows) in English (``safepath lint``) and in translations (``safepath i18n status``), and
lint must still run, saying so once, when it cannot measure.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pygame = pytest.importorskip("pygame")

from safepath import i18n  # noqa: E402
from safepath.app import make_app  # noqa: E402
from safepath.commands.lint import lint_paths  # noqa: E402
from safepath.story.loader import load_scenario  # noqa: E402
from safepath.ui import boxes  # noqa: E402
from safepath.ui.fit import FitChecker, button_labels, check_scenario  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "tests" / "data" / "valid" / "red_flags.yaml"
FIXTURE = ROOT / "tests" / "data" / "i18n" / "money-offer.yaml"


@pytest.fixture(scope="module")
def checker():
    return FitChecker()


@pytest.fixture
def app(tmp_path):
    app = make_app(size=boxes.DESIGN_SIZE, lang="en", text_size=boxes.LARGEST_STEP, data_dir=tmp_path)
    yield app
    i18n.set_language("en")


# -- the boxes are the screens' boxes -----------------------------------------------------------------------
def test_story_screen_widths_are_the_checks(app, checker):
    from safepath.scenes import story

    for name, scenes in story.screenshot_states(app):
        app.render_stack(scenes)
        scene = scenes[-1]
        phone = scene.view.mode == "phone"
        screen = checker.story_boxes(phone, "en", choices=3)
        lay = scene.layout
        m = scene.view._metrics(app.theme, lay.stage_inner.width)
        assert screen["bubble"].width == m["bubble_max"] - 2 * m["pad"], name
        if phone:
            assert screen["header"].width == scene._header_text_width(app.theme, app.theme.screen_size), name
        else:
            assert screen["note"].width == lay.stage_inner.width, name
        if scene.menu is not None and scene.story.choices:
            button = scene.menu.buttons[0]
            assert screen["choice"].width == button._inner_width(app.theme, button.rect.width), name


def test_picker_card_title_width_is_the_checks(app, checker):
    from safepath.scenes import picker

    assert len(app.scenarios) >= 2  # two cards side by side: the narrower case
    [(_name, scenes)] = picker.screenshot_states(app)
    app.render_stack(scenes)
    menu = scenes[-1].menu
    card = next(b for b in menu.buttons if isinstance(b, picker.ScenarioCard))
    # a menu short of height narrows the gaps between its rows and its cards: the check takes the widest gap
    widest_gap = boxes.column_width(app.theme, menu.viewport.width, card.per_row, app.theme.gap)
    assert card.rect.width >= widest_gap
    assert checker.fixed_boxes()["picker-title"].width == card._widths(app.theme, widest_gap)[0]


def test_debrief_buttons_are_the_narrowest_interface_buttons(app, checker):
    from safepath.scenes import ending

    name, scenes = ending.screenshot_states(app)[0]
    app.render_stack(scenes)
    button = scenes[-1].menu.buttons[0]
    assert checker.fixed_boxes()["interface-button"].width == button._inner_width(app.theme, button.rect.width)


def test_button_labels_are_read_from_the_screens_code():
    labels = button_labels()
    assert {"Play again", "Continue", "Back to the stories", "Settings"} <= labels
    assert "How do you reply?" not in labels  # a prompt, not a button


# -- the check finds what does not fit ---------------------------------------------------------------------
def _scenario(tmp_path, replace: dict[str, str]):
    text = FIXTURE.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "money-offer.yaml"
    path.write_text(text, encoding="utf-8")
    result = load_scenario(path, CATALOGUE)
    assert result.scenario is not None, [d.headline() for d in result.diagnostics]
    return path, text.splitlines(), result.scenario


def test_the_fixture_fits(checker):
    assert check_scenario(load_scenario(FIXTURE, CATALOGUE).scenario, checker) == []


def test_a_name_that_wraps_in_the_chat_header(tmp_path, checker):
    path, lines, scenario = _scenario(tmp_path, {"win: {name: Ko Win,": "win: {name: Ko Win Naing Oo of the Golden Land Agency,"})
    found = check_scenario(scenario, checker)
    assert {d.code for d in found} == {"SP073"}
    where = {(d.line, d.column) for d in found}
    assert len(where) == 1  # one place: the name (reported once per box it does not fit)
    line, column = where.pop()
    assert lines[line - 1][column - 1:].startswith("Ko Win Naing Oo")
    assert any("name in the chat header" in d.message and "room for 1 line" in d.message for d in found)


def test_a_long_choice_and_a_cut_word(tmp_path, checker):
    long_choice = ("Tell Ko Win that you will think about it, ask your mother and your aunt what they think, "
                   "and look for the agency on the Department of Employment list before you answer him")
    path, lines, scenario = _scenario(tmp_path, {
        "text: Ask why the pay is so high": f"text: {long_choice}",
        "      - Aung earns {kyat:330000}": "      - Add the LINE account goldenbridgerecruitmentofficial2026. Aung earns {kyat:330000}",
    })
    found = check_scenario(scenario, checker)
    choice = next(d for d in found if "choice button" in d.message)
    assert "lines" in choice.message and "room for 3 lines" in choice.message
    assert lines[choice.line - 1].strip().startswith("- text: Tell Ko Win")
    cut = next(d for d in found if "cut in the middle" in d.message)
    assert "goldenbridgerecruitmentofficial2026" in cut.message and "note between chat messages" in cut.message
    assert lines[cut.line - 1].strip().startswith("- Add the LINE account")


def test_a_feedback_card_taller_than_the_window(tmp_path, checker):
    words = "Pay of {baht:45000} for no experience is a warning sign. " * 33  # nearly the 2,000 characters allowed
    _path, lines, scenario = _scenario(tmp_path, {
        "feedback: Good question. Pay of {baht:45000} for no experience is a warning sign.": f"feedback: {words}"})
    [d] = check_scenario(scenario, checker)
    assert "feedback" in d.message and lines[d.line - 1].strip().startswith("feedback:")


def test_lint_reports_sp073_and_can_leave_it_out(tmp_path):
    path, _lines, _scenario_ = _scenario(tmp_path, {"win: {name: Ko Win,": "win: {name: Ko Win Naing Oo of the Golden Land Agency,"})
    _files, with_fit = lint_paths([path], CATALOGUE)
    assert {d.code for d in with_fit} == {"SP073"}
    _files, without = lint_paths([path], CATALOGUE, fit=False)
    assert without == []


def test_red_flag_titles_are_checked_in_the_catalogue(tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    text = CATALOGUE.read_text(encoding="utf-8")
    long_title = ("Pay that is far, far too good for a job that needs no experience, no skills, no language "
                  "and no papers of any kind")
    (folder / "red_flags.yaml").write_text(text.replace("title: Pay that is too good", f"title: {long_title}"),
                                          encoding="utf-8")
    assert long_title in (folder / "red_flags.yaml").read_text(encoding="utf-8")
    _files, found = lint_paths([folder / "red_flags.yaml"])
    assert [d.code for d in found] == ["SP073"] and "red flag title" in found[0].message


def _lint_in_subprocess(args: list[str], prelude: str) -> subprocess.CompletedProcess:
    code = prelude + "\nfrom safepath.cli import main\nraise SystemExit(main(%r))\n" % (["lint", *args],)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "SDL_VIDEODRIVER": "dummy"})


def test_lint_without_pygame_skips_sp073_with_one_note():
    block = ("import sys\nclass NoPygame:\n"
             "    def find_spec(self, name, path=None, target=None):\n"
             "        if name == 'pygame' or name.startswith('pygame.'):\n"
             "            raise ImportError('pygame is not installed here')\n"
             "sys.meta_path.insert(0, NoPygame())\n")
    done = _lint_in_subprocess([str(ROOT / "tests" / "data" / "broken" / "sp077-malformed-placeholder.yaml"),
                                str(FIXTURE), "--catalogue", str(CATALOGUE), "--format", "json"], block)
    assert done.returncode == 1, done.stderr  # the SP077 file still fails: every other check ran
    report = json.loads(done.stdout)
    assert [d["code"] for d in report["diagnostics"]] == ["SP077"]
    notes = [line for line in done.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "SP073" in notes[0] and "pygame" in notes[0], done.stderr
    assert "Traceback" not in done.stderr


def test_lint_without_fonts_skips_sp073_with_one_note(tmp_path):
    prelude = f"import safepath.paths as p\nfrom pathlib import Path\np.fonts_dir = lambda: Path({str(tmp_path)!r})\n"
    done = _lint_in_subprocess([str(FIXTURE), "--catalogue", str(CATALOGUE)], prelude)
    assert done.returncode == 0, done.stderr
    notes = [line for line in done.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "SP073" in notes[0] and "NotoSans" in notes[0], done.stderr
    assert done.stdout.strip().endswith("1 file, 0 errors, 0 warnings")


def test_measurements_are_cached(checker, monkeypatch):
    from safepath.ui.fit import Box

    box = Box("test box", "body", False, 300, max_lines=2)
    calls = []
    real = checker._measure
    monkeypatch.setattr(checker, "_measure", lambda *a: calls.append(a) or real(*a))
    for _ in range(3):
        checker.fit("A text measured once, however often it is asked about.", box, "th")
    assert len(calls) == 1


def _shipped_texts() -> list[tuple[str, str]]:
    """(text, language) of every translated entry of the shipped catalogs and its English msgid."""
    from babel.messages.pofile import read_po

    out = []
    for po in sorted((ROOT / "locales").glob("*/LC_MESSAGES/*.po")):
        lang = po.parent.parent.name
        with po.open("rb") as handle:
            for message in read_po(handle):
                if isinstance(message.id, str) and isinstance(message.string, str) and message.string:
                    out += [(message.string, lang), (message.id, "en")]
    return out


def test_the_bound_never_passes_a_text_the_layout_does_not(checker):
    """fits() answers from an upper bound on the lines when it can; it must never pass what the layout fails."""
    import random

    from safepath.text.wrap_bound import surely_fits
    from safepath.ui.fit import Box

    texts = _shipped_texts()
    assert {lang for _, lang in texts} >= {"th", "my", "en"}
    rnd = random.Random(73)
    sure = fit = 0
    for text, lang in rnd.sample(texts, 1500):
        box = Box("test box", rnd.choice(["small", "body", "button", "heading", "title"]), rnd.random() < 0.5,
                  rnd.randint(60, 900), max_lines=rnd.choice([None, 1, 2, 3, 5, 10]))
        measure = checker.book.measurer(checker.theme.text_px(box.role))
        certain = surely_fits(text, box.width, checker._allowed(text, box), measure, box.bold, lang)
        laid = checker.fit(text, box, lang).fits
        assert laid or not certain, (text, box, lang, checker.fit(text, box, lang))
        sure += certain
        fit += laid
    assert sure > 0.8 * fit  # and it settles most of the texts that fit (so lint lays out few of them)


def test_the_bounds_never_pass_a_made_up_text_the_layout_does_not(checker):
    """Texts made to be hard: kerning pairs, ligatures, the widest letters, runs of spaces, Thai, Burmese,
    zero width spaces, hard line breaks; both bounds (measured, and by character count for ASCII)."""
    import random

    from safepath.text.wrap_bound import PLAIN_ASCII, surely_fits, surely_fits_counted
    from safepath.ui.fit import Box

    rnd = random.Random(11)
    parts = ["W", "m", "i", "l", ".", ",", "!", "?", "'", "-", "/", "(", ")", "AV", "To", "f", "ff", "fi", "  ", " ",
             " ", " ", "ก", "ข้", "က", "ျ", "ေ", "\u200b", "\n"]
    sure = 0
    for _ in range(1500):
        text = "".join(rnd.choice(parts) for _ in range(rnd.randint(1, 60)))
        box = Box("test box", rnd.choice(["small", "body", "button", "heading", "title"]), rnd.random() < 0.5,
                  rnd.randint(30, 700), max_lines=rnd.choice([None, 1, 2, 3, 5, 10]))
        lang = rnd.choice(["en", "th", "my"])
        allowed = checker._allowed(text, box)
        if allowed is not None and allowed < 1:
            continue
        certain = surely_fits(text, box.width, allowed, checker.book.measurer(checker.theme.text_px(box.role)),
                               box.bold, lang)
        if PLAIN_ASCII.fullmatch(text):
            step = checker._ascii_step(box.role, box.bold)
            certain = certain or surely_fits_counted(text, box.width, allowed, step)
        assert checker.fit(text, box, lang).fits or not certain, (text, box, lang)
        sure += certain
    assert sure > 300


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=" \nAVWfimo.,!?'-/()0123456789", max_size=60), st.sampled_from([None, 1, 2, 3, 6]),
       st.integers(1, 12))
def test_the_counted_bound_is_the_bound_with_each_character_step_wide(text, allowed, step):
    """surely_fits_counted is surely_fits given a measure of ``step`` px a character, without the measuring:
    the same answer at every width, so also at the very edge of each piece's bound."""
    from safepath.text.wrap_bound import surely_fits, surely_fits_counted

    for width in range(1, 60 * step):
        by_measure = surely_fits(text, width, allowed, lambda run, _s, _b: len(run) * step, False, "en")
        assert surely_fits_counted(text, width, allowed, step) is by_measure, width


def test_the_coarse_ascii_breaks_are_breaks_icu_allows():
    """The bound cuts ASCII text only where ICU surely allows a break, so each coarse piece holds whole pieces."""
    import random

    from safepath.text.breaks import line_break_opportunities
    from safepath.text.wrap_bound import _SURE_ASCII_BREAK

    english = [text for text, lang in _shipped_texts() if lang == "en" and text.isascii()]
    rnd = random.Random(5)
    alphabet = "aZ5 .,;:!?()[]{}\"'-/$%&*+=<>#@_|~"
    english += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 24))) for _ in range(3000)]
    for text in english:
        for paragraph in text.split("\n"):
            sure = {m.end() for m in _SURE_ASCII_BREAK.finditer(paragraph)}
            assert sure <= set(line_break_opportunities(paragraph, "en")), paragraph


def test_a_long_text_with_room_to_spare_is_not_laid_out(monkeypatch):
    import importlib

    from safepath.ui.fit import Box

    layout_module = importlib.import_module("safepath.text.layout")

    checker = FitChecker()
    monkeypatch.setattr(layout_module, "layout", lambda *a, **k: pytest.fail("laid out"))
    roomy = Box("story card", "body", False, 600, max_height=2000)
    assert checker.fits("A message that takes a few lines. " * 8, roomy, "en")
    assert checker.fits("ข้อความที่ยาวพอสมควร มีหลายคำ " * 6, roomy, "th")
    monkeypatch.undo()
    tight = Box("choice button", "button", True, 300, max_lines=1)
    assert not checker.fits("A message that takes a few lines. " * 8, tight, "en")  # laid out: it does not fit
    assert not checker.fits("https://an-address-far-too-long-for-the-box.example/with/a/path", tight, "en")


def test_plain_english_with_room_to_spare_is_not_even_measured(monkeypatch):
    from safepath.ui.fit import Box

    checker = FitChecker()
    monkeypatch.setattr(checker.book, "measurer", lambda *a: pytest.fail("measured"))
    assert checker.fits("Which company is this, please? I would like to check it first.",
                        Box("story card", "body", False, 600, max_height=2000), "en")


# -- translations (i18n status) -----------------------------------------------------------------------------
@pytest.fixture
def project(tmp_path, monkeypatch):
    dest = tmp_path / "proj"
    dest.mkdir()
    shutil.copy2(ROOT / "babel.cfg", dest / "babel.cfg")
    shutil.copytree(ROOT / "content", dest / "content")
    shutil.copytree(ROOT / "locales", dest / "locales")
    (dest / "safepath").mkdir()
    (dest / "safepath" / "menu.py").write_text("from safepath.i18n import _\n_('Play again')\n", encoding="utf-8")
    monkeypatch.setenv("SAFEPATH_ROOT", str(dest))
    monkeypatch.setenv("SAFEPATH_CACHE_DIR", "")
    yield dest
    i18n.reset()


def test_status_reports_a_translation_that_does_not_fit_at_its_po_line(project):
    from babel.messages.pofile import read_po, write_po

    from safepath.i18n.status import collect_status

    po = project / "locales" / "th" / "LC_MESSAGES" / "content.po"
    with open(po, "rb") as fh:
        catalog = read_po(fh)
    name = catalog.get("Fon", "dream-job/character/fon")
    assert name is not None and name.string
    name.string = "ฝน เพื่อนสนิทที่สุดของพลอยตั้งแต่เรียนชั้นประถมที่โรงเรียนในหมู่บ้าน"
    ui = project / "locales" / "th" / "LC_MESSAGES" / "safepath.po"
    with open(ui, "rb") as fh:
        ui_catalog = read_po(fh)
    again = ui_catalog.get("Play again")
    again.string = "เล่นเรื่องนี้อีกครั้งตั้งแต่ต้นจนจบพร้อมกับเพื่อนๆ ของคุณที่โรงเรียนและที่บ้านทุกคน"
    for path, cat in ((po, catalog), (ui, ui_catalog)):
        with open(path, "wb") as fh:
            write_po(fh, cat, width=76)
    report = collect_status(project, languages=("th",))
    found = [d for d in report.diagnostics if d.code == "SP073"]
    content = [d for d in found if d.file.endswith("content.po")]
    assert content and all("Thai" in d.message for d in content)
    lines = po.read_text(encoding="utf-8").splitlines()
    assert any('msgctxt "dream-job/character/fon"' in "\n".join(lines[d.line - 2:d.line + 1]) for d in content)
    interface = [d for d in found if d.file.endswith("safepath.po")]
    assert len(interface) == 1 and "button" in interface[0].message
    ui_lines = ui.read_text(encoding="utf-8").splitlines()
    assert 'msgid "Play again"' in "\n".join(ui_lines[interface[0].line - 1:interface[0].line + 2])


def test_status_of_the_shipped_catalogs_runs_the_fit_check():
    from safepath.i18n.status import collect_status

    report = collect_status(languages=("th", "my"))
    assert not any("SP073" in note for note in report.notes)  # it ran (pygame and fonts are here)
    for d in (d for d in report.diagnostics if d.code == "SP073"):
        assert d.line > 0 and d.file.startswith("locales/")


def test_status_lists_texts_too_tall_in_two_languages_as_warnings_not_failures():
    """`i18n status` names, per pair of languages, each story text whose two-language block outgrows its box at
    the largest text size (file:line, a warning line); --check does not fail on them: the screens fall back."""
    from safepath.i18n.status import collect_status, format_report
    from safepath.story import loader
    from safepath.ui.fit import scenario_pair_problems
    from safepath import paths

    report = collect_status(languages=("my", "th"))
    assert set(report.pair_fits) == {("my", "th"), ("th", "my")}
    tight = report.pair_fits[("my", "th")]
    assert tight, "Burmese with Thai under it is tight in a few bubbles at the largest text size"
    checker = FitChecker()
    scenarios = loader.load_all([paths.scenarios_dir()]).scenarios.values()
    expected = [line for s in scenarios for line in scenario_pair_problems(s, "my", "th", checker)]
    assert [line.split(":", 1)[1] for line in tight] == [line.split(":", 1)[1] for line in expected]
    assert all(line.startswith("content/scenarios/") for line in tight)
    assert not report.failures(required=("my", "th")), "information, not a failure of --check"
    text = format_report(report, limit=3)
    assert f"my+th: {len(tight)} texts" in text
    first_file, first_line = tight[0].split(":")[:2]
    assert f"  {first_file}:{first_line}: warning: in Burmese with Thai under it" in text


def test_a_text_repeated_in_several_scenes_is_reported_at_each(tmp_path, checker):
    long_choice = ("Tell Khun Nok that you will think about it, ask your mother and your aunt what they think, "
                   "and look for the agency on the Department of Employment list before you answer her")
    scenes = []
    for i in range(3):
        scenes += [f"  s{i}:", "    kind: chat", "    app: LINE", "    lines:", "      - nok: Are you still there?",
                   "    choices:", f"      - {{text: \"{long_choice}\", goto: s{i + 1}}}", f"      - {{text: Not now, goto: s{i + 1}}}"]
    scenes += ["  s3:", "    kind: ending", "    ending: safe", "    debrief: You checked first. It is never your fault."]
    path = tmp_path / "repeated.yaml"
    path.write_text("\n".join([
        "schema_version: 1", "id: repeated", "title: Repeated", "summary: The same reply three times.", "minutes: 5",
        "content_note: A story about a fake job offer.", 'sources: [{title: UNODC report, url: "https://www.unodc.org/"}]',
        "characters:", "  mai: {name: Mai, role: player}", "  nok: {name: Khun Nok, role: recruiter}",
        "teaches: [pay-too-good]", "scenes:", *scenes]) + "\n", encoding="utf-8")
    result = load_scenario(path, CATALOGUE)
    assert result.scenario is not None, [d.headline() for d in result.diagnostics]
    found = [d for d in check_scenario(result.scenario, checker) if "choice button" in d.message]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len({d.line for d in found}) == 3
    assert all(lines[d.line - 1].lstrip().startswith("- {text: \"Tell Khun Nok") for d in found)
