"""A printable script of a scenario, in story order, for reviewers who do not read YAML.

    safepath export-script SCENARIO [--lang th|my|en] [-o script.html]

Scenes come in reading order (breadth-first from the start, the order a player
meets them), each with its speakers and lines, the red flags it shows, every
choice with where it leads and what it changes in plain words, the ending kind
and debrief, and the facilitator notes. Scenario text is translated through the
same gettext catalogues as the game (``Translator(lang).text``), so NGO staff and
translators can review a language on paper; untranslated text stays English.
The page is one HTML file with print styles (A4, each scene kept on one page
where it fits) and no external resources.
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
    parser.add_argument("-o", "--output", metavar="FILE", help="write here (default: SCENARIO-LANG.html)")


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
        words.append(t.gettext("{score} {delta}", score=esc(name), delta=f"{delta:+d}"))
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


def render(scenario, lang: str = "en") -> str:
    from safepath.i18n import Translator

    t = Translator(lang)
    esc = html.escape
    order = reading_order(scenario)
    number = {sid: n for n, sid in enumerate(order, 1)}

    def who(speaker: str | None) -> str:
        if speaker is None:
            return ""
        ch = scenario.characters.get(speaker)
        return t.text(ch.name) if ch else speaker

    def link(sid: str) -> str:
        return f'<a href="#scene-{esc(sid)}">{number.get(sid, "?")}. {esc(sid)}</a>'

    parts = [f"<h1>{esc(t.text(scenario.title))}</h1>",
             f"<p class=\"meta\">{esc(scenario.id)} · {esc(scenario.audience)} · "
             f"{esc(t.gettext('{minutes} minutes', minutes=scenario.minutes))} · {esc(lang)}</p>",
             f"<p>{esc(t.text(scenario.summary))}</p>",
             f"<p class=\"note\"><b>{esc(t.gettext('Content note'))}:</b> {esc(t.text(scenario.content_note))}</p>"]
    if scenario.notes:
        parts.append(f"<p class=\"facilitator\"><b>{esc(t.gettext('Facilitator notes'))}:</b> "
                     f"{esc(t.text(scenario.notes))}</p>")
    parts.append(f"<h2>{esc(t.gettext('Characters'))}</h2><ul>")
    for ch in scenario.characters.values():
        parts.append(f"<li><b>{esc(t.text(ch.name))}</b> ({esc(ch.role.value)})</li>")
    parts.append("</ul>")
    if scenario.teaches:
        parts.append(f"<h2>{esc(t.gettext('Red flags this story teaches'))}</h2><ul>")
        for flag in scenario.teaches:
            entry = scenario.red_flags.get(flag)
            why = f" — {esc(t.text(entry.why))}" if entry else ""
            parts.append(f"<li><b>{esc(_flag_title(t, scenario, flag))}</b>{why}</li>")
        parts.append("</ul>")
    parts.append(f"<h2>{esc(t.gettext('The story'))}</h2>")
    for sid in order:
        scene = scenario.scenes[sid]
        kind = scene.kind.value + (f" · {scene.app}" if scene.app else "")
        title = f" — {esc(t.text(scene.title))}" if scene.title else ""
        parts.append(f'<section class="scene" id="scene-{esc(sid)}"><h3>{number[sid]}. {esc(sid)}{title} '
                     f'<small>({esc(kind)})</small></h3>')
        if scene.red_flags:
            flags = ", ".join(esc(_flag_title(t, scenario, f)) for f in scene.red_flags)
            parts.append(f"<p class=\"flags\">⚑ {esc(t.gettext('Red flags here'))}: {flags}</p>")
        parts.append('<table class="lines">')
        for line in scene.lines:
            image = f" <i>[{esc(t.gettext('picture'))}: {esc(line.image)}]</i>" if line.image else ""
            parts.append(f"<tr><th>{esc(who(line.speaker))}</th><td>{esc(t.text(line.text))}{image}</td></tr>")
        parts.append("</table>")
        if scene.choices:
            parts.append(f"<h4>{esc(t.gettext('Choices'))}</h4><ol class=\"choices\">")
            for c in scene.choices:
                details = [f"{esc(t.gettext('goes to'))} {link(c.goto)}"]
                if c.condition_source:
                    details.append(f"{esc(t.gettext('shown only if'))} <code>{esc(c.condition_source)}</code>")
                details += _effects(t, scenario, c, esc)
                feedback = (f"<div class=\"feedback\">{esc(t.gettext('Feedback'))}: {esc(t.text(c.feedback))}</div>"
                            if c.feedback else "")
                parts.append(f"<li><b>{esc(t.text(c.text))}</b><div class=\"effects\">{'; '.join(details)}</div>"
                             f"{feedback}</li>")
            parts.append("</ol>")
        elif scene.next:
            parts.append(f"<p>{esc(t.gettext('Continue to'))} {link(scene.next)}</p>")
        if scene.is_ending:
            kind_words = scene.ending.value if scene.ending else ""
            parts.append(f"<p class=\"ending\"><b>{esc(t.gettext('Ending'))}: {esc(kind_words)}</b></p>")
            if scene.debrief:
                parts.append(f"<p class=\"debrief\"><b>{esc(t.gettext('Debrief'))}:</b> {esc(t.text(scene.debrief))}</p>")
        if scene.notes:
            parts.append(f"<p class=\"facilitator\"><b>{esc(t.gettext('Facilitator notes'))}:</b> "
                         f"{esc(t.text(scene.notes))}</p>")
        parts.append(f"<p class=\"where\">{esc(str(scene.pos))}</p></section>")
    if scenario.badges:
        parts.append(f"<h2>{esc(t.gettext('Badges'))}</h2><ul>")
        for b in scenario.badges:
            parts.append(f"<li><b>{esc(t.text(b.title))}</b>: {esc(t.text(b.description))} "
                         f"<code>{esc(b.condition_source)}</code></li>")
        parts.append("</ul>")
    if scenario.sources:
        parts.append(f"<h2>{esc(t.gettext('Sources'))}</h2><ul>")
        for s in scenario.sources:
            parts.append(f"<li>{esc(s.title)} — {esc(s.url)}</li>")
        parts.append("</ul>")
    body = "\n".join(parts)
    return f"""<!DOCTYPE html>
<html lang="{esc(lang)}"><head><meta charset="utf-8">
<title>{esc(t.text(scenario.title))} — {esc(t.gettext('script'))}</title>
<style>
body {{ font-family: "Noto Sans", "Noto Sans Thai", "Noto Sans Myanmar", sans-serif; max-width: 46em; margin: 2em auto;
       line-height: 1.5; color: #111; }}
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
    from safepath.diagnostics import format_all
    from safepath.loader import load_scenario

    loaded = load_scenario(args.scenario)
    if loaded.scenario is None:
        print(format_all(loaded.diagnostics), file=sys.stderr)
        print(f"{args.scenario}: cannot export a scenario that does not load", file=sys.stderr)
        return 1
    page = render(loaded.scenario, args.lang)
    out = Path(args.output or f"{loaded.scenario.id}-{args.lang}.html")
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        print(f"safepath export-script: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {out}")
    return 0
