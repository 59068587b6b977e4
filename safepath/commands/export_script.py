"""A printable script of a scenario, in story order, for reviewers who do not read YAML.

    safepath export-script SCENARIO [--lang th|my|en] [--second-lang th|my|en] [-o script.html]

Scenes come in reading order (breadth-first from the start, the order a player
meets them), each with its speakers and lines, the red flags it shows, every
choice with where it leads and what it changes in plain words, the ending kind
and debrief, and the facilitator notes. Scenario text is translated through the
same gettext catalogues as the game (``Translator(lang).text``), so NGO staff and
translators can review a language on paper; untranslated text stays English.
The page is one HTML file with print styles (A4, each scene kept on one page
where it fits) and no external resources: the bundled Noto fonts for the
language are inlined, so a reviewer's computer needs no Thai or Burmese font
(and a Zawgyi font installed there cannot garble the Burmese).

With ``--second-lang`` every story text (title, summary, content note, lines, choices, feedback,
debrief, notes) is written in two columns side by side, the first language on the left, each
column marked with its ``lang`` so a browser breaks and shapes it as that language: a Thai and a
Burmese reviewer can check one page together. A text not translated in one of the two is written
once across both columns (:func:`safepath.i18n.text_pair_in`), never twice; the fixed labels stay
in the first language.
"""

from __future__ import annotations

import argparse
import html
import sys
from collections import deque
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", help="scenario file")
    parser.add_argument("--lang", default="en", choices=["en", "th", "my"], help="language of the script (default en)")
    parser.add_argument("--second-lang", choices=["en", "th", "my"], default=None,
                        help="also write every story text in this language, in a second column")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write here (default: SCENARIO-LANG.html, or SCENARIO-LANG+SECOND.html)")


def reading_order(scenario) -> list[str]:
    """Breadth-first from the start, following choices in order; scenes no path reaches come last."""
    order, seen = [], {scenario.start}
    queue = deque([scenario.start])
    while queue:
        sid = queue.popleft()
        order.append(sid)
        scene = scenario.scenes[sid]
        for target in [c.goto for c in scene.choices] + ([scene.next] if scene.next else []):
            if target in scenario.scenes and target not in seen:
                seen.add(target)
                queue.append(target)
    return order + [sid for sid in scenario.scenes if sid not in seen]


def _effects(t, scenario, choice, esc) -> list[str]:
    e = choice.effects
    words = []
    for name, delta in e.scores.items():
        signed = f"{delta:+d}"  # formatted outside the gettext call, so pybabel can extract the message
        words.append(t.gettext("{score} {delta}", score=esc(name), delta=signed))
    for flag in e.spots:
        words.append(t.gettext("spots the red flag: {title}", title=esc(_flag_title(t, scenario, flag))))
    for flag in e.misses:
        words.append(t.gettext("misses the red flag: {title}", title=esc(_flag_title(t, scenario, flag))))
    if e.false_alarm:
        words.append(t.gettext("false alarm: refuses an offer that was safe"))
    if e.trusts_safe:
        words.append(t.gettext("rightly trusts a safe offer"))
    if e.set:
        words.append(t.gettext("remembers: {flags}", flags=esc(", ".join(e.set))))
    if e.unset:
        words.append(t.gettext("forgets: {flags}", flags=esc(", ".join(e.unset))))
    return words


def _flag_title(t, scenario, flag: str) -> str:
    entry = scenario.red_flags.get(flag)
    return t.text(entry.title) if entry else flag


#: the bundled fonts each language's script embeds: (file, weight, unicode-range); Noto Sans (Latin) always,
#: because English text that is not translated yet, digits and punctuation are not in the Thai and Myanmar fonts
_LATIN_RANGE = "U+0000-0DFF, U+0E80-0FFF, U+10A0-A9DF, U+AA00-AA5F, U+AA80-FFFF"
_THAI_RANGE = "U+0E00-0E7F"
_MYANMAR_RANGE = "U+1000-109F, U+A9E0-A9FF, U+AA60-AA7F"
FONTS = {
    "en": [("NotoSans-Regular.ttf", 400, _LATIN_RANGE), ("NotoSans-Bold.ttf", 700, _LATIN_RANGE)],
    "th": [("NotoSansThai-Regular.ttf", 400, _THAI_RANGE), ("NotoSansThai-Bold.ttf", 700, _THAI_RANGE)],
    "my": [("NotoSansMyanmar-Regular.ttf", 400, _MYANMAR_RANGE), ("NotoSansMyanmar-Bold.ttf", 700, _MYANMAR_RANGE)],
}
#: one family name for all embedded faces: the browser takes each character from the face whose
#: unicode-range covers it, so a Zawgyi font installed on the machine never draws the Burmese
FAMILY = "SafePath Script"
LINE_HEIGHT = {"en": 1.5, "th": 1.7, "my": 1.9}  # Thai and Burmese marks stack above and below the line


def font_faces(lang: str, second_lang: str | None = None) -> str:
    """@font-face rules with the bundled fonts inlined (base64), so the page needs no installed font."""
    import base64

    from safepath.paths import fonts_dir

    rules = []
    faces = FONTS["en"] + [f for code in dict.fromkeys((lang, second_lang)) if code not in (None, "en") for f in FONTS[code]]
    for name, weight, unicode_range in faces:
        data = base64.b64encode((fonts_dir() / name).read_bytes()).decode("ascii")
        rules.append(f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; font-style: normal; '
                     f'unicode-range: {unicode_range}; src: url(data:font/ttf;base64,{data}) format("truetype"); }}')
    return "\n".join(rules)


def labels(t) -> dict[str, str]:
    """Every fixed word of the script, translated.

    Each call stands on its own line, never inside an f-string: pybabel cannot see a call inside an
    f-string (Python 3.11 reads the whole f-string as one token), so such a label would never reach the
    translators (tests/test_export_script.py checks this).
    """
    return {
        "content_note": t.gettext("Content note"),
        "facilitator": t.gettext("Facilitator notes"),
        "characters": t.gettext("Characters"),
        "teaches": t.gettext("Red flags this story teaches"),
        "story": t.gettext("The story"),
        "flags_here": t.gettext("Red flags here"),
        "picture": t.gettext("picture"),
        "choices": t.gettext("Choices"),
        "goes_to": t.gettext("goes to"),
        "only_if": t.gettext("shown only if"),
        "feedback": t.gettext("Feedback"),
        "continue_to": t.gettext("Continue to"),
        "ending": t.gettext("Ending"),
        "debrief": t.gettext("Debrief"),
        "badges": t.gettext("Badges"),
        "sources": t.gettext("Sources"),
        "script": t.gettext("script"),
        "drill": t.gettext("Drill"),
        "outcome": t.gettext("drill outcome"),
        "dial": t.gettext("dial"),
        "then_press": t.gettext("then press"),
        "on_the_line": t.gettext("On the line"),
        "names": t.gettext("Names to look up"),
        "register_says": t.gettext("the register says"),
        "words": t.gettext("Code words to pick from"),
        "made_with": t.gettext("made with"),
        "plan": t.gettext("Travel plan answers"),
    }


def _drill_html(t, scenario, scene, word, esc, who) -> str:
    """What a drill scene asks, for the trainer reading the script: the number and the answer, the names and
    what the register says of each, the code words, the travel plan's answers."""
    from safepath.play import drills
    from safepath.story import model, register as reg

    d = scene.drill
    out = [f'<div class="drill"><b>{word["drill"]}:</b> ']
    if isinstance(d, model.PhoneDrill):
        menu = f", {word['then_press']} <b>{esc(d.menu)}</b>" if d.menu else ""
        out.append(f"{word['dial']} <b>{esc(d.number)}</b>{menu} ({esc(t.text(d.name))})")
        out.append(f"<div>{word['on_the_line']}:</div><ul>")
        out += [f"<li>{esc(t.text(line))}</li>" for line in d.answer]
        out.append("</ul>")
    elif isinstance(d, model.RegisterDrill):
        out.append(f"{word['names']}:<ul>")
        out += [f"<li>{esc(name)} — {word['register_says']} <code>{esc(reg.lookup(d.agencies, name))}</code></li>"
                for name in d.names]
        out.append("</ul>")
    elif isinstance(d, model.CodewordDrill):
        out.append(f"{word['words']} ({word['made_with']} {esc(who(d.partner))}): "
                   + ", ".join(esc(t.text(w)) for w in d.words))
    elif isinstance(d, model.TravelPlanDrill):
        out.append(f"{word['plan']} ({word['made_with']} {esc(who(d.partner))}):<ul>")
        for key, answers in d.options:
            out.append(f"<li>{esc(t.gettext(drills.QUESTIONS[key]))} "
                       + " / ".join(esc(t.text(a)) for a in answers) + "</li>")
        out.append("</ul>")
    out.append("</div>")
    return "".join(out)


def two_columns(first: str, second: str | None, lang: str, second_lang: str | None) -> str:
    """A story text as HTML: escaped alone, or (with a second text) two columns side by side, each with its lang."""
    esc = html.escape
    if not second:
        return esc(first)
    return (f'<span class="two"><span lang="{esc(lang)}">{esc(first)}</span>'
            f'<span lang="{esc(second_lang or "")}" class="second">{esc(second)}</span></span>')


def render(scenario, lang: str = "en", second_lang: str | None = None) -> str:
    from safepath.commands.play import ENDING_TITLES
    from safepath.i18n import Translator, text_pair_in

    t = Translator(lang)
    esc = html.escape
    second_lang = second_lang if second_lang != lang else None

    def st(text) -> str:
        """A story text, escaped, in one or two columns (the second only when both languages have it)."""
        first, second = text_pair_in(t, second_lang, text) if second_lang else (t.text(text), None)
        return two_columns(first, second, lang, second_lang)
    word = {key: esc(text) for key, text in labels(t).items()}
    order = reading_order(scenario)
    number = {sid: n for n, sid in enumerate(order, 1)}
    minutes = t.ngettext("{n} minute", "{n} minutes", scenario.minutes)

    def who(speaker: str | None) -> str:
        if speaker is None:
            return ""
        ch = scenario.characters.get(speaker)
        return t.text(ch.name) if ch else speaker

    def link(sid: str) -> str:
        return f'<a href="#scene-{esc(sid)}">{number.get(sid, "?")}. {esc(sid)}</a>'

    parts = [f"<h1>{st(scenario.title)}</h1>",
             f"<p class=\"meta\">{esc(scenario.id)} · {esc(scenario.audience)} · {esc(minutes)} · {esc(lang)}"
             + (f" + {esc(second_lang)}" if second_lang else "") + "</p>",
             f"<p>{st(scenario.summary)}</p>",
             f"<p class=\"note\"><b>{word['content_note']}:</b> {st(scenario.content_note)}</p>"]
    if scenario.notes:
        parts.append(f"<p class=\"facilitator\"><b>{word['facilitator']}:</b> {st(scenario.notes)}</p>")
    parts.append(f"<h2>{word['characters']}</h2><ul>")
    for ch in scenario.characters.values():
        parts.append(f"<li><b>{esc(t.text(ch.name))}</b> ({esc(ch.role.value)})</li>")
    parts.append("</ul>")
    if scenario.teaches:
        parts.append(f"<h2>{word['teaches']}</h2><ul>")
        for flag in scenario.teaches:
            entry = scenario.red_flags.get(flag)
            why = f" — {esc(t.text(entry.why))}" if entry else ""
            parts.append(f"<li><b>{esc(_flag_title(t, scenario, flag))}</b>{why}</li>")
        parts.append("</ul>")
    parts.append(f"<h2>{word['story']}</h2>")
    for sid in order:
        scene = scenario.scenes[sid]
        kind = scene.kind.value + (f" · {scene.app}" if scene.app else "")
        title = f" — {esc(t.text(scene.title))}" if scene.title else ""
        parts.append(f'<section class="scene" id="scene-{esc(sid)}"><h3>{number[sid]}. {esc(sid)}{title} '
                     f'<small>({esc(kind)})</small></h3>')
        if scene.red_flags:
            flags = ", ".join(esc(_flag_title(t, scenario, f)) for f in scene.red_flags)
            parts.append(f"<p class=\"flags\">{word['flags_here']}: {flags}</p>")
        parts.append('<table class="lines">')
        for line in scene.lines:
            image = f" <i>[{word['picture']}: {esc(line.image)}]</i>" if line.image else ""
            only = f" <small>({word['only_if']} <code>{esc(line.condition_source)}</code>)</small>" if line.condition_source else ""
            parts.append(f"<tr><th>{esc(who(line.speaker))}</th><td>{st(line.text)}{image}{only}</td></tr>")
        parts.append("</table>")
        if scene.drill is not None:
            parts.append(_drill_html(t, scenario, scene, word, esc, who))
        if scene.choices:
            parts.append(f"<h4>{word['choices']}</h4><ol class=\"choices\">")
            for c in scene.choices:
                details = [f"{word['goes_to']} {link(c.goto)}"]
                if c.outcome:
                    details.insert(0, f"{word['outcome']} <code>{esc(c.outcome)}</code>")
                if c.condition_source:
                    details.append(f"{word['only_if']} <code>{esc(c.condition_source)}</code>")
                details += _effects(t, scenario, c, esc)
                feedback = (f"<div class=\"feedback\">{word['feedback']}: {st(c.feedback)}</div>"
                            if c.feedback else "")
                parts.append(f"<li><b>{st(c.text)}</b><div class=\"effects\">{'; '.join(details)}</div>"
                             f"{feedback}</li>")
            parts.append("</ol>")
        elif scene.next:
            parts.append(f"<p>{word['continue_to']} {link(scene.next)}</p>")
        if scene.is_ending:
            kind_words = scene.ending.value if scene.ending else ""
            heading = t.gettext(ENDING_TITLES[kind_words]) if kind_words in ENDING_TITLES else ""
            parts.append(f"<p class=\"ending\"><b>{word['ending']}: {esc(kind_words)}</b>"
                         + (f" — {esc(heading)}" if heading else "") + "</p>")
            for part in scene.debrief:
                only = (f" <small>({word['only_if']} <code>{esc(part.condition_source)}</code>)</small>"
                        if part.condition_source else "")
                parts.append(f"<p class=\"debrief\"><b>{word['debrief']}:</b> {st(part.text)}{only}</p>")
            if scene.refusal_cost is not None:
                parts.append(f"<p class=\"debrief\"><b>{esc(t.gettext('What saying no cost'))}:</b> "
                             f"{st(scene.refusal_cost)} <small>({word['only_if']} "
                             "<code>refused a real offer and accepted none</code>)</small></p>")
        if scene.notes:
            parts.append(f"<p class=\"facilitator\"><b>{word['facilitator']}:</b> {st(scene.notes)}</p>")
        parts.append(f"<p class=\"where\">{esc(str(scene.pos))}</p></section>")
    if scenario.badges:
        parts.append(f"<h2>{word['badges']}</h2><ul>")
        for b in scenario.badges:
            parts.append(f"<li><b>{esc(t.text(b.title))}</b>: {esc(t.text(b.description))} "
                         f"<code>{esc(b.condition_source)}</code></li>")
        parts.append("</ul>")
    if scenario.sources:
        parts.append(f"<h2>{word['sources']}</h2><ul>")
        for s in scenario.sources:
            parts.append(f"<li>{esc(s.title)} — {esc(s.url)}</li>")
        parts.append("</ul>")
    body = "\n".join(parts)
    return f"""<!DOCTYPE html>
<html lang="{esc(lang)}"><head><meta charset="utf-8">
<title>{esc(t.text(scenario.title))} — {word['script']}</title>
<style>
{font_faces(lang, second_lang)}
body {{ font-family: "{FAMILY}", sans-serif; max-width: {"64em" if second_lang else "46em"}; margin: 2em auto;
       line-height: {max(LINE_HEIGHT.get(lang, 1.6), LINE_HEIGHT.get(second_lang, 0.0))}; color: #111; }}
.two {{ display: grid; grid-template-columns: 1fr 1fr; column-gap: 1.2em; }}
.two > .second {{ border-left: 1px solid #bbb; padding-left: .6em; font-weight: normal; }}
.meta, .where {{ color: #666; font-size: .85em; }}
.scene {{ border-top: 2px solid #999; padding-top: .5em; margin-top: 1.5em; }}
.lines th {{ text-align: right; vertical-align: top; padding-right: 1em; white-space: nowrap; color: #333; }}
.flags {{ color: #a00000; }}
.effects {{ color: #444; font-size: .9em; }}
.feedback {{ font-style: italic; font-size: .9em; }}
.ending {{ color: #064; }}
.facilitator {{ background: #f3f3f3; padding: .4em .6em; border-left: 4px solid #888; }}
@media print {{
  @page {{ size: A4; margin: 18mm; }}
  body {{ margin: 0; max-width: none; font-size: 11pt; }}
  .scene {{ break-inside: avoid; page-break-inside: avoid; }}
  a {{ color: inherit; text-decoration: none; }}
}}
</style></head>
<body>
{body}
</body></html>
"""


def run(args: argparse.Namespace) -> int:
    from safepath.story.diagnostics import format_all
    from safepath.story.loader import load_scenario

    from safepath import paths
    from safepath.i18n.runtime import use_own_catalogs

    use_own_catalogs(paths.own_locales(args.scenario))  # an author's own folder brings its own translations
    loaded = load_scenario(args.scenario)
    if loaded.scenario is None:
        print(format_all(loaded.diagnostics), file=sys.stderr)
        print(f"{args.scenario}: cannot export a scenario that does not load", file=sys.stderr)
        return 1
    second = getattr(args, "second_lang", None)
    page = render(loaded.scenario, args.lang, second)
    out = Path(args.output or f"{loaded.scenario.id}-{args.lang}{'+' + second if second else ''}.html")
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        print(f"safepath export-script: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {out}")
    return 0
