"""Printable class material, made on the laptop with no network: HTML to print from any browser.

* :func:`facilitator_sheet` — one A4 page per story for the trainer, most useful first: the timing plan,
  the content note to read out, the red flags (and safe signs) it teaches, then every decision in reading
  order with its discussion question, the facilitator notes, each choice's red flags and safe signs and
  where it leads, then the endings. What does not fit is given up step by step (:data:`STEPS`, measured by
  :mod:`safepath.classroom.sheet_fit`): smaller type down to 8.5 pt, notes cut to their first sentence, then
  dropped, marks as codes, then the choices shortened; a shortened sheet says where the full notes are.
* :func:`answer_cards` — the knowledge check without student devices: large cards students hold up
  (SCAM / REAL and the numbers 1-4, one per page, cut or fold), and for each form a tally sheet on one page
  (two columns: each item with its answers numbered as on the projector, a box beside each) on which the
  trainer writes the hands per answer before typing the totals into the game.

Pages are Jinja2 templates with autoescape on (scenario text can hold ``<`` and ``&``), the bundled Noto
fonts are inlined (no font needs to be installed; a Zawgyi font on the computer never draws the Burmese),
and a print stylesheet sets A4. Texts are translated through the game's catalogs (``Translator(lang)``).
No pygame.
"""

from __future__ import annotations

import re
from pathlib import Path

from safepath.classroom import sheet_fit
from safepath.i18n import N_

_PAGE = """<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
{{ fonts | safe }}
body { font-family: "{{ family }}", sans-serif; line-height: {{ line_height }}; color: #111; max-width: 60em;
       margin: 1.5em auto; font-size: 9pt; }
.cols { column-count: 2; column-gap: 1.5em; } ol { margin: .1em 0 .1em 1.2em; padding: 0; }
h1 { font-size: 1.5em; margin: 0 0 .2em; } h2 { font-size: 1.1em; margin: .6em 0 .2em; border-bottom: 1px solid #999; }
p { margin: .2em 0; }
.meta { color: #444; } .note { background: #f1f1f1; border-left: 4px solid #777; padding: .3em .6em; }
.decision, .moment { break-inside: avoid; page-break-inside: avoid; margin: .4em 0 .6em; }
.ask { font-weight: bold; } .flag { color: #8a1c00; } .sign { color: #0b5d2a; } .lead { color: #444; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #777; padding: .25em .4em;
       vertical-align: top; text-align: left; }
.card { page-break-after: always; break-after: page; height: 250mm; display: flex; flex-direction: column;
        align-items: center; justify-content: center; border: 3px dashed #bbb; margin-bottom: 1em; }
.card .big { font-size: 180pt; font-weight: bold; line-height: 1; } .card .word { font-size: 48pt; font-weight: bold; }
.card .small { font-size: 14pt; color: #555; }
.sheet { width: 190mm; margin: 0 auto; } .sheet .cols { column-count: 2; column-gap: 5mm; }
.sheet h1 { display: inline; font-size: 1.6em; margin: 0; } .sheet h2 { font-size: 1em; margin: .3em 0 .1em; }
.sheet .head { margin: 0 0 .3em; border-bottom: 2px solid #333; }
.sheet .blk, .sheet .decision, .sheet .moment { break-inside: avoid; page-break-inside: avoid; margin: 0 0 .4em; }
.sheet .note { padding: .1em .4em; } .sheet ol, .sheet ul { margin: .1em 0 0 1.2em; padding: 0; }
.sheet .plan td { padding: 0 .3em; border-color: #bbb; } .sheet .plan td.min { white-space: nowrap; width: 1%; }
.sheet .marks { font-size: .92em; } .sheet .foot { border-top: 1px solid #999; margin-top: .2em; }
.sheet .where { font-weight: bold; }
.tally { break-before: page; page-break-before: always; font-size: 9pt; } .tally h1 { font-size: 1.4em; }
.tally .tcols { column-count: 2; column-gap: 5mm; margin-top: .4em; }
.titem { break-inside: avoid; page-break-inside: avoid; padding: 0 0 .3em; margin: 0 0 .4em; border-bottom: 1px solid #bbb; }
.chip { display: inline-flex; align-items: center; border: 1px solid #555; margin: .2em .3em 0 0; padding-left: .3em; }
.chip .box { display: inline-block; width: 11mm; align-self: stretch; min-height: 6mm; border-left: 1px solid #555;
             margin-left: .4em; }
@media print { @page { size: A4; margin: 10mm; } body { margin: 0; max-width: none; } .card { border: none; } }
</style></head><body>
{{ body | safe }}
</body></html>
"""

#: the facilitator sheet: one A4 page (sheet_fit decides how much fits); most useful first: timings, the
#: content note, the flags taught, then each decision with its prompt, choices, red flags and safe signs
_SHEET = """
<div class="sheet" style="font-size: {{ size }}pt; line-height: {{ lead }}">
<div class="head"><h1>{{ title }}</h1> <span class="meta">{{ w.minutes }} · {{ w.audience }}</span></div>
<div class="cols">
{% if summary %}<p class="blk">{{ summary }}</p>{% endif %}
<div class="blk"><h2>{{ w.plan }}</h2>
<table class="plan">{% for step, mins in plan %}<tr><td>{{ step }}</td><td class="min">{{ mins }}</td></tr>{% endfor %}</table></div>
<div class="blk"><h2>{{ w.before }}</h2><p class="note">{{ w.read_out }} {{ content_note }}</p></div>
<div class="blk"><h2>{{ w.teaches }}</h2>
<p>{% for f in flags %}<b class="flag">{{ f.title }}</b>{% if not loop.last %} · {% endif %}{% endfor %}</p>
{% if signs %}<h2>{{ w.signs }}</h2><p>{% for s in signs %}<b class="sign">{{ s }}</b>{% if not loop.last %} · {% endif %}{% endfor %}</p>{% endif %}</div>
{% if notes %}<p class="blk">{{ notes }}</p>{% endif %}
<h2 class="blk">{{ w.decisions }}</h2>
{% for d in decisions %}<div class="{{ 'decision' if d.choices else 'moment' }}"><b>{{ d.number }}. {{ d.title }}</b>
{% if d.discuss %}<div class="ask">{{ w.ask }} {{ d.discuss }}</div>{% endif %}
{% if d.notes %}<div class="note">{{ d.notes }}</div>{% endif %}
{% if d.choices %}<ol>{% for c in d.choices %}<li>{{ c.text }}{% if c.vote %} <i>({{ w.voted }})</i>{% endif %}
{% if c.leads %} <span class="lead">· {{ w.leads }} {{ c.leads }}</span>{% endif %}{% if c.marks %}{% if not inline %}<br>{% else %} {% endif %}<span class="marks">
{% for k in ("spots", "misses", "trusts", "doubts") if c[k] %}<span class="{{ 'flag' if k in ('spots', 'misses') else 'sign' }}">{{ w[k] }} {{ c[k] | join(", ") }}</span>{% if not loop.last %} · {% endif %}{% endfor %}
</span>{% endif %}</li>{% endfor %}</ol>{% endif %}</div>
{% endfor %}
<div class="blk"><h2>{{ w.endings }}</h2>
<ul>{% for e in endings %}<li><b>{{ e.title }}</b> ({{ e.kind }}){% if e.notes %}: {{ e.notes }}{% endif %}</li>{% endfor %}</ul></div>
</div>
<div class="foot">{% if shortened %}<p class="where">{{ w.where }}</p>{% endif %}<p class="meta">{{ w.never }}</p></div>
</div>
"""

_CARDS = """
<h1>{{ w.cards_title }}</h1>
<p>{{ w.cards_how }}</p>
{% for big, word in cards %}<div class="card"><div class="big">{{ big }}</div><div class="word">{{ word }}</div>
<div class="small">SafePath</div></div>{% endfor %}
{% for form in forms %}<div class="tally" style="line-height: {{ lead }}"><h1>{{ w.tally }} {{ form.letter }} ({{ form.phase }})</h1>
<p class="meta">{{ w.tally_how }}</p>
<div class="tcols">{% for item in form.rows %}<div class="titem"><b>{{ loop.index }}.</b> {{ item.text }}
<div class="chips">{% for card, label in item.answers %}<span class="chip"><b>{{ card }}</b>&nbsp;{{ label }}<span class="box"></span></span>
{% endfor %}</div></div>
{% endfor %}</div></div>
{% endfor %}
"""

#: the facilitator sheet's timing plan for one story: (step, share of the class period); the story's own
#: minutes are the play time, the rest is the discussion the research asks for (warm-up, debrief, help)
PLAN = (N_("Warm-up: ask who has seen a job offer online this month"), N_("Read the content note; say anyone may step out"),
        N_("The story, with class votes"), N_("Debrief and the road not taken"), N_("Where help is: the helpline card"))


def _env():
    import jinja2

    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                              lstrip_blocks=True)


def _page(lang: str, title: str, body: str) -> str:
    from safepath.commands.export_script import FAMILY, LINE_HEIGHT, font_faces

    return _env().from_string(_PAGE).render(lang=lang, title=title, body=body, fonts=font_faces(lang), family=FAMILY,
                                            line_height=LINE_HEIGHT.get(lang, 1.6))


def _words(t) -> dict[str, str]:
    return {
        "before": t.gettext("Before the story"), "read_out": t.gettext("Read this out:"),
        "plan": t.gettext("Timing"), "teaches": t.gettext("Red flags this story teaches"),
        "flag": t.gettext("Red flag"), "why": t.gettext("Why it matters"), "action": t.gettext("What to do"),
        "decisions": t.gettext("The decisions and moments to watch, in the order the class meets them"),
        "ask": t.gettext("Ask the class:"), "voted": t.gettext("marked for a class vote"),
        "spots": t.gettext("spots:"), "misses": t.gettext("goes past:"), "trusts": t.gettext("rightly trusts:"),
        "doubts": t.gettext("doubts a real sign:"), "signs": t.gettext("Safe signs in this story"), "leads": t.gettext("leads to:"), "endings": t.gettext("Endings"),
        "never": t.gettext("What happened in this story is never the fault of the person who was tricked."),
        "where": t.gettext("Some notes are shortened to fit one page. The full notes of every scene are in the "
                           "presenter view (key N) and in the story script (safepath export-script)."),
        "cards_title": t.gettext("Answer cards for the knowledge check"),
        "cards_how": t.gettext("Print one set per student, or one per pair. Students hold up a card; the trainer "
                               "counts the cards for each answer and types the totals into the game."),
        "tally": t.gettext("Tally sheet, form"),
        "tally_how": t.gettext("Write the number of cards (or hands) for each answer, then type the totals into "
                               "the game."),
        "item": t.gettext("Question"), "answers": t.gettext("Answers and count"),
    }


def facilitator_sheet(scenario, lang: str) -> str:
    """The one-page facilitator sheet of ``scenario`` in ``lang`` (a whole HTML page)."""
    from safepath.classroom.presenter import choice_infos
    from safepath.commands.export_script import reading_order
    from safepath.i18n import Translator, format_number
    from safepath.play import engine

    t = Translator(lang)
    w = _words(t)
    w["minutes"] = t.gettext("{minutes} minutes", minutes=format_number(scenario.minutes, lang))
    w["audience"] = t.gettext("ages {ages}", ages=scenario.audience)
    kinds = {"safe": t.gettext("a safe ending"), "recovered": t.gettext("got out with help"),
             "trapped-with-help": t.gettext("trapped, then help comes")}

    def title_of(scene) -> str:
        return t.text(scene.title) if scene.title else scene.id

    # every decision in reading order, with the choices that are open when a player first gets there
    first_state = {}
    seen = {engine.start(scenario)}
    queue = list(seen)
    while queue and len(seen) < 20_000:
        state = queue.pop(0)
        first_state.setdefault(state.scene, state)
        if engine.is_ended(scenario, state):
            continue
        for nxt in engine.next_states(scenario, state):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    decisions = []
    for sid in reading_order(scenario):
        scene = scenario.scenes[sid]
        if not scene.choices and scene.notes and not scene.is_ending:  # a moment to watch: its notes only
            decisions.append({"title": title_of(scene), "discuss": "", "notes": t.text(scene.notes), "choices": []})
            continue
        if not scene.choices or sid not in first_state:
            continue
        choices = []
        for info in choice_infos(scenario, first_state[sid]):
            choice = next(c for c in scene.choices if (c.id or str(c.index + 1)) == info.key)
            marks = {"spots": [t.text(f.title) for f in info.spots], "misses": [t.text(f.title) for f in info.misses],
                     "trusts": [t.text(s.title) for s in info.trusts], "doubts": [t.text(s.title) for s in info.doubts]}
            choices.append({"text": t.text(info.text), "vote": choice.vote, "leads": title_of(info.goto),
                            "marks": any(marks.values()), **marks})
        decisions.append({"title": title_of(scene), "discuss": t.text(scene.discuss) if scene.discuss else "",
                          "notes": t.text(scene.notes) if scene.notes else "", "choices": choices})
    story = scenario.minutes
    plan = [(t.gettext(PLAN[0]), 5), (t.gettext(PLAN[1]), 2), (t.gettext(PLAN[2]), story * 2),
            (t.gettext(PLAN[3]), max(10, story)), (t.gettext(PLAN[4]), 3)]
    plan = [(step, t.gettext("{minutes} minutes", minutes=format_number(m, lang))) for step, m in plan]
    flags = [{"title": t.text(f.title)} for fid in scenario.teaches if (f := scenario.red_flags.get(fid)) is not None]
    endings = [{"title": title_of(s), "kind": kinds.get(s.ending.value, "") if s.ending else "",
                "notes": t.text(s.notes) if s.notes else ""} for s in scenario.scenes.values() if s.is_ending]
    full = {"w": w, "title": t.text(scenario.title), "summary": t.text(scenario.summary),
            "content_note": t.text(scenario.content_note), "notes": t.text(scenario.notes) if scenario.notes else "",
            "plan": plan, "flags": flags, "decisions": decisions, "endings": endings}
    data, size = fitted(full, lang)
    body = _env().from_string(_SHEET).render(size=format(size, "g"), lead=sheet_fit.LINE_HEIGHT.get(lang, 1.5), **data)
    return _page(lang, t.text(scenario.title), body)


#: what the sheet gives up, step by step, until it fits one page: (body type in pt, notes kept, compact).
#: Notes kept: ``None`` every note in full, a number each note cut to its first sentence(s) within that many
#: characters, ``0`` no notes (a moment to watch keeps its title). Compact: 1 the red flags and safe
#: signs of each choice as codes (R1, S1) listed once at the top; 2 also no "leads to" and no decision with a
#: single choice that marks nothing (a "continue"); 3 also each choice within two lines, its marks after
#: its first words (the whole text is on the projector and in the presenter view); 4 within one line; 5 only the
#: decisions where some choice spots or misses a red flag or trusts or doubts a safe sign. Below 8.5 pt
#: print is too small to read in a classroom.
STEPS = ((10, None, 0), (9.5, None, 0), (9, None, 0), (9, 240, 0), (9, 140, 0), (9, 140, 1), (9, 80, 1),
         (9, 80, 2), (9, 0, 2), (8.5, 0, 2), (8.5, 0, 3), (8.5, 0, 4), (8.5, 0, 5))


def fitted(full: dict, lang: str) -> tuple[dict, float]:
    """The first step of :data:`STEPS` at which the sheet fits one A4 page: its texts and body type size.

    A sheet that shortens anything says so, and where the full notes are (the presenter view, export-script).
    If even the last step is too long, the sheet is printed at the last step (it then runs onto a second page
    rather than lose a decision: the decisions and their red flags are what the trainer needs in the room).
    """
    for size, keep, compact in STEPS:
        data = _shortened(full, keep, compact, lang, size)
        if sheet_fit.fits(*_blocks(data, lang), size, lang):
            return data, size
    return data, size


def _shortened(full: dict, keep: int | None, compact: int, lang: str, size: float) -> dict:
    def cut(text: str) -> str:
        return text if keep is None or not text else condense(text, keep, lang) if keep else ""

    flag_code, sign_code = {}, {}
    if compact:
        for f in full["flags"]:
            flag_code.setdefault(f["title"], f"R{len(flag_code) + 1}")
        for d in full["decisions"]:
            for c in d["choices"]:
                for x in c["spots"] + c["misses"]:
                    flag_code.setdefault(x, f"R{len(flag_code) + 1}")
                for x in c["trusts"] + c["doubts"]:
                    sign_code.setdefault(x, f"S{len(sign_code) + 1}")
    decisions = []
    for d in full["decisions"]:
        choices = [{**c, "spots": [flag_code.get(x, x) for x in c["spots"]],
                    "misses": [flag_code.get(x, x) for x in c["misses"]],
                    "trusts": [sign_code.get(x, x) for x in c["trusts"]],
                    "doubts": [sign_code.get(x, x) for x in c["doubts"]],
                    "leads": c["leads"] if compact < 2 else "",
                    "text": c["text"]} for c in d["choices"]]
        if compact >= 3:  # two lines each, then one: the text cut to the room its marks leave
            line = sheet_fit.COLUMN_W - 1.2 * size
            for c in choices:
                room = line * (2 if compact == 3 else 1) - sheet_fit.text_width(" " + _marks(full["w"], c), size)
                c["text"] = sheet_fit.cut_to_width(c["text"], max(room, line / 3), size, lang)
        notes = cut(d["notes"])
        if compact >= 2 and len(choices) == 1 and not choices[0]["marks"] and not notes and not d["discuss"]:
            continue
        if choices and compact >= 5 and not any(c["marks"] for c in choices) and not d["discuss"]:
            continue
        decisions.append({**d, "notes": notes, "choices": choices})  # a hard moment stays, by its title at least
    for number, d in enumerate(decisions, 1):
        d["number"] = number
    endings = [{**e, "notes": cut(e["notes"])} for e in full["endings"]]
    flags = ([{"title": f"{code} {title}"} for title, code in flag_code.items()] if compact else full["flags"])
    signs = [f"{code} {title}" for title, code in sign_code.items()]
    data = {**full, "notes": cut(full["notes"]), "decisions": decisions, "endings": endings, "flags": flags,
            "signs": signs, "inline": compact >= 3}
    data["shortened"] = bool(compact >= 2 or data["notes"] != full["notes"]
                             or sum(len(d["notes"]) for d in decisions) < sum(len(d["notes"]) for d in full["decisions"])
                             or any(e["notes"] != f["notes"] for e, f in zip(endings, full["endings"])))
    return data


#: where a sentence ends: Latin punctuation before a space, the Burmese full stop ။; Thai separates
#: sentences with a space
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\u104b|(?<=[\u0e00-\u0e7f]) (?=[\u0e00-\u0e7f])")


def condense(text: str, limit: int, lang: str) -> str:
    """``text`` cut to its first sentence(s) within ``limit`` characters, or at a line break with an ellipsis."""
    from safepath.text.breaks import line_break_opportunities

    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text) if m.end() <= limit]
    if ends:
        return text[:ends[-1]].strip()
    cuts = [i for i in line_break_opportunities(text, lang) if i <= limit]
    return text[:cuts[-1] if cuts else limit].rstrip(" ,;:\u104a") + "…"


def _marks(w: dict, choice: dict) -> str:
    return " · ".join(w[k] + " " + ", ".join(choice[k]) for k in ("spots", "misses", "trusts", "doubts") if choice[k])


def _blocks(data: dict, lang: str):
    """The sheet as sheet_fit blocks, in the template's order (keep the two in step)."""
    from safepath.classroom.sheet_fit import Block

    w = data["w"]
    header = [Block(((data["title"] + "  " + w["minutes"] + " · " + w["audience"], True, 1.6, 0),), 0.5)]
    cols = []
    if data["summary"]:
        cols.append(Block(((data["summary"], False, 1, 0),)))
    cols.append(Block(((w["plan"], True, 1, 0),) + tuple((step, False, 1, 6) for step, _ in data["plan"]), 0.8))
    cols.append(Block(((w["before"], True, 1, 0), (w["read_out"] + " " + data["content_note"], False, 1, 0.8)), 0.8))
    legend = [(w["teaches"], True, 1, 0), (" · ".join(f["title"] for f in data["flags"]), True, 1, 0)]
    if data["signs"]:
        legend += [(w["signs"], True, 1, 0), (" · ".join(data["signs"]), True, 1, 0)]
    cols.append(Block(tuple(legend), 0.8))
    if data["notes"]:
        cols.append(Block(((data["notes"], False, 1, 0),)))
    cols.append(Block(((w["decisions"], True, 1, 0),), 0.8))
    for d in data["decisions"]:
        runs = [(f"{d['number']}. {d['title']}", True, 1, 0)]
        if d["discuss"]:
            runs.append((w["ask"] + " " + d["discuss"], True, 1, 0))
        if d["notes"]:
            runs.append((d["notes"], False, 1, 0.8))
        for c in d["choices"]:
            line = (c["text"] + (f" ({w['voted']})" if c["vote"] else "")
                    + (" · " + w["leads"] + " " + c["leads"] if c["leads"] else ""))
            if data["inline"]:
                runs.append((line + " " + _marks(w, c), False, 1, 1.2))
                continue
            runs.append((line, False, 1, 1.2))
            if c["marks"]:
                runs.append((_marks(w, c), False, 0.92, 1.2))
        cols.append(Block(tuple(runs)))
    cols.append(Block(((w["endings"], True, 1, 0),) + tuple(
        (e["title"] + f" ({e['kind']})" + (": " + e["notes"] if e["notes"] else ""), False, 1, 1.2)
        for e in data["endings"]), 0.8))
    footer = [Block(((w["where"], True, 1, 0),), 0.2)] if data["shortened"] else []
    footer.append(Block(((w["never"], False, 1, 0),), 0.4))
    return header, cols, footer


def answer_cards(forms: dict, lang: str, pre: str = "A", post: str = "B") -> str:
    """Answer cards students hold up, and a tally sheet per form (pre and post), in ``lang``."""
    from safepath.checks.model import ActionItem, OfferItem
    from safepath.checks.schedule import item_order
    from safepath.i18n import Translator

    t = Translator(lang)
    w = _words(t)
    # the numbers the projector shows beside each answer: 1 and 2 are "a scam" and "a real offer" for offers
    cards = [("1", t.gettext("A scam")), ("2", t.gettext("A real offer")), ("3", ""), ("4", "")]
    out_forms = []
    for letter, phase in ((pre, t.gettext("before the story")), (post, t.gettext("after the story"))):
        form = forms.get(letter)
        if form is None:
            continue
        items = []
        for item in item_order(form):
            if isinstance(item, ActionItem):
                text = t.text(item.situation)
            else:
                text = " ".join(t.text(line) for line in item.message.lines)
            if isinstance(item, OfferItem):
                answers = [("1", t.gettext("A scam")), ("2", t.gettext("A real offer"))]
            else:
                answers = [(str(n), t.text(o.text)) for n, o in enumerate(item.options, 1)]
            items.append({"text": text, "answers": answers})
        out_forms.append({"letter": letter, "phase": phase, "rows": items})
    body = _env().from_string(_CARDS).render(w=w, cards=cards, forms=out_forms, lead=sheet_fit.LINE_HEIGHT.get(lang, 1.5))
    return _page(lang, w["cards_title"], body)


def write_all(scenarios, forms: dict, lang: str, folder: Path, code: str | None = None) -> list[Path]:
    """Write every story's facilitator sheet and the answer cards into ``folder``; the files written."""
    from safepath.checks.schedule import forms_for
    from safepath.saves.atomic import write_atomic

    folder = Path(folder)
    written = []
    for scenario in scenarios:  # each file whole or not at all: a sheet printed from a full stick is never cut short
        written.append(write_atomic(folder / f"facilitator-{scenario.id}-{lang}.html",
                                    facilitator_sheet(scenario, lang).encode("utf-8")))
    pre, post = forms_for(code)
    written.append(write_atomic(folder / f"answer-cards-{lang}.html",
                                answer_cards(forms, lang, pre, post).encode("utf-8")))
    return written
