"""safepath export-script: a printable script in reading order, translated through the catalogues."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from safepath.authoring.analysis.generate import layered_spec, to_yaml
from safepath.cli import main
from safepath.commands.export_script import reading_order, render
from safepath.i18n import Translator
from safepath.story.loader import load_scenario
from safepath.paths import scenarios_dir

DREAM = str(scenarios_dir() / "dream-job.yaml")


def test_reading_order_is_breadth_first_and_complete():
    scenario = load_scenario(DREAM).scenario
    order = reading_order(scenario)
    assert order[0] == scenario.start and sorted(order) == sorted(scenario.scenes)
    assert order.index("ad") < order.index("telegram") < order.index("van") < order.index("riverbank")


def test_english_script_has_every_line_choice_ending_and_note():
    scenario = load_scenario(DREAM).scenario
    page = render(scenario, "en")
    sections = re.findall(r'<section class="scene" id="scene-([^"]+)"', page)
    assert sections == reading_order(scenario)
    import html

    from safepath.i18n import Translator

    text, english = html.unescape(page), Translator("en")  # amounts such as {baht:45000} are written out
    for scene in scenario.scenes.values():
        for line in scene.lines:
            assert english.text(line.text) in text
        for choice in scene.choices:
            assert english.text(choice.text) in text
        for part in scene.debrief:
            assert english.text(part.text) in text
        if scene.notes:
            assert english.text(scene.notes) in text
    assert "45,000\u00a0Thai baht" in text and "{baht:" not in text
    assert "spots the red flag: Pay that is too good" in text and "safety +1" in text
    assert "@media print" in page
    without_fonts = re.sub(r"url\(data:font/ttf;base64,[A-Za-z0-9+/=]+\)", "", page)
    assert "http" not in re.sub(r"<li>[^<]*— https?://[^<]*</li>", "", without_fonts)


def test_thai_script_uses_the_catalogue(tmp_path):
    out = tmp_path / "script.html"
    assert main(["export-script", DREAM, "--lang", "th", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    scenario = load_scenario(DREAM).scenario
    thai_title = Translator("th").text(scenario.title)
    assert thai_title in page and '<html lang="th">' in page
    assert re.search(r"[\u0E00-\u0E7F]", page)


def test_generated_scenario_and_broken_file(tmp_path, capsys):
    gen = tmp_path / "gen-5x3x2.yaml"
    gen.write_text(to_yaml(layered_spec(5, 3, 2, seed=1)), encoding="utf-8")
    out = tmp_path / "gen.html"
    assert main(["export-script", str(gen), "-o", str(out)]) == 0
    scenario = load_scenario(gen).scenario
    assert out.read_text(encoding="utf-8").count('<section class="scene"') == len(scenario.scenes)
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenes: [\n", encoding="utf-8")
    assert main(["export-script", str(bad), "-o", str(tmp_path / "x.html")]) == 1
    assert "cannot export" in capsys.readouterr().err


EVERY_BRANCH = """\
schema_version: 1
id: every-branch
title: Every branch
summary: A story that uses every part of the script.
minutes: 1
content_note: A test story.
notes: Notes for the whole story.
sources: [{title: A source, url: "https://example.org/source"}]
characters:
  me: {name: Mai, role: player}
  nok: {name: Nok, role: recruiter}
teaches: [pay-too-good]
scores: {trust: 0}
badges:
  - {id: careful, title: Careful, description: You checked., when: has(checked)}
scenes:
  start:
    kind: chat
    app: LINE
    title: Nok
    red_flags: [pay-too-good]
    notes: Notes for this scene.
    lines:
      - {nok: "Look at this.", image: job-ad}
    choices:
      - {text: Check, goto: more, spots: [pay-too-good], safety: 1, set: [checked], feedback: Good.}
      - {text: Trust, goto: more, misses: [pay-too-good], score: {trust: 1}, if: not has(checked)}
      - {text: Refuse, goto: more, false_alarm: true, unset: [checked]}
      - {text: Accept after checking, goto: more, trusts_safe: true}
  more:
    lines: [It goes on.]
    next: end
  end:
    kind: ending
    ending: safe
    debrief: Safe. It is never your fault.
"""


def _used_interface_messages(monkeypatch, pages):
    """The interface msgids the renderer looks up while making ``pages`` (a list of (path, lang))."""
    from safepath.i18n import runtime

    used = set()
    real = runtime.Translator._lookup

    def spy(self, domain, context, msgid):
        if domain == runtime.UI_DOMAIN:
            used.add(msgid)
        return real(self, domain, context, msgid)

    monkeypatch.setattr(runtime.Translator, "_lookup", spy)
    for path, lang in pages:
        render(load_scenario(path).scenario, lang)
    return used


def test_every_label_reaches_the_translators(tmp_path, monkeypatch):
    """pybabel (the project's babel.cfg) must extract every interface string the script uses.

    A gettext call inside an f-string is invisible to the extractor, so its label would stay English
    in every language for ever; this test names it.
    """
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    story = tmp_path / "every-branch.yaml"
    story.write_text(EVERY_BRANCH, encoding="utf-8")
    assert load_scenario(story).diagnostics == []
    used = _used_interface_messages(monkeypatch, [(story, "en"), (story, "th"), (DREAM, "my")])
    root = Path(__file__).resolve().parent.parent
    with open(root / "babel.cfg", encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    extracted = set()
    for filename, _, message, _, _ in extract_from_dir(str(root / "safepath"), method_map, options_map):
        extracted.add(message[0] if isinstance(message, tuple) else message)
    for label in ("Characters", "The story", "Choices", "goes to", "Continue to", "Content note", "Facilitator notes",
                  "Feedback", "Ending", "Debrief", "Sources", "Red flags here", "shown only if", "picture",
                  "{n} minute", "{score} {delta}", "forgets: {flags}", "rightly trusts a safe offer"):
        assert label in used, f"the test story no longer exercises {label!r}"
    missing = sorted(used - extracted)
    assert not missing, f"used by export-script but not extracted by pybabel (a call inside an f-string?): {missing}"


def test_no_f_string_inside_a_gettext_call(capsys):
    """Babel warns 'Skipping f-string with substitutions' (on stderr) for an f-string argument of a call."""
    import io

    from babel.messages.extract import extract_python

    source = (Path(__file__).resolve().parent.parent / "safepath" / "commands" / "export_script.py").read_bytes()
    list(extract_python(io.BytesIO(source), ["gettext", "ngettext", "pgettext", "_"], [], {}))
    assert "f-string" not in capsys.readouterr().err


@pytest.mark.parametrize("lang, files", [("th", ["NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf"]),
                                         ("my", ["NotoSansMyanmar-Regular.ttf", "NotoSansMyanmar-Bold.ttf"]),
                                         ("en", [])])
def test_script_embeds_the_fonts_of_its_language(lang, files):
    """No Thai or Burmese font needs to be installed: the bundled ones travel inside the page."""
    import base64

    from safepath.paths import fonts_dir

    page = render(load_scenario(DREAM).scenario, lang)
    faces = re.findall(r"@font-face \{[^}]*unicode-range: ([^;]+);[^}]*base64,([A-Za-z0-9+/=]+)", page)
    embedded = [base64.b64decode(data) for _, data in faces]
    for name in ["NotoSans-Regular.ttf", "NotoSans-Bold.ttf", *files]:
        assert (fonts_dir() / name).read_bytes() in embedded, name
    assert len(embedded) == 2 + len(files)
    if lang == "my":  # the Myanmar face owns the Burmese letters, so an installed Zawgyi font is never used
        assert any("U+1000-109F" in ranges for ranges, _ in faces)
        assert not any("U+1000" in ranges for ranges, data in faces
                       if base64.b64decode(data) == (fonts_dir() / "NotoSans-Regular.ttf").read_bytes())
    assert 'font-family: "SafePath Script", sans-serif' in page


def test_two_languages_side_by_side(tmp_path):
    """--second-lang: every story text in two columns, the first language first, each marked with its lang;
    the labels stay in the first language; both scripts' fonts are embedded; the file name says both."""
    from safepath.i18n import text_pair_in

    import os

    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert main(["export-script", DREAM, "--lang", "th", "--second-lang", "my"]) == 0
    finally:
        os.chdir(here)
    page = (tmp_path / "dream-job-th+my.html").read_text(encoding="utf-8")
    scenario = load_scenario(DREAM).scenario
    th = Translator("th")
    line = next(line for sid in reading_order(scenario) for line in scenario.scenes[sid].lines)
    first, second = text_pair_in(th, "my", line.text)
    assert second and re.search(r"[\u1000-\u109F]", second)
    import html

    assert (f'<span class="two"><span lang="th">{html.escape(first)}</span>'
            f'<span lang="my" class="second">{html.escape(second)}</span></span>') in page
    assert html.escape(th.gettext("Choices")) in page, "the labels are Thai"
    assert page.count("font-family: \"SafePath Script\"; font-weight: 400") == 3, "Latin, Thai and Burmese faces"


def test_a_text_missing_in_one_language_is_written_once(tmp_path):
    """A story no catalog knows (as a new story before translation): every text once, no second column."""
    gen = tmp_path / "gen-5x3x2.yaml"
    gen.write_text(to_yaml(layered_spec(5, 3, 2, seed=1)), encoding="utf-8")
    one, two = tmp_path / "one.html", tmp_path / "two.html"
    assert main(["export-script", str(gen), "--lang", "th", "-o", str(one)]) == 0
    assert main(["export-script", str(gen), "--lang", "th", "--second-lang", "my", "-o", str(two)]) == 0
    assert 'class="two"' not in two.read_text(encoding="utf-8")
    scenario = load_scenario(gen).scenario
    text = Translator("th").text(next(iter(scenario.scenes.values())).lines[0].text)
    import html

    assert two.read_text(encoding="utf-8").count(html.escape(text)) == one.read_text(encoding="utf-8").count(html.escape(text))


def test_the_second_language_cannot_be_the_first(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["export-script", DREAM, "--lang", "my", "--second-lang", "my"])
    assert stop.value.code == 2 and "--second-lang" in capsys.readouterr().err
