"""Printable class material, made on the laptop with no network: HTML to print from any browser.

* :func:`facilitator_sheet` — one page per story for the trainer: what it is about, how long, the content
  note to read out, the red flags it teaches (why they matter, what to do), a timing plan, and every
  decision in reading order with its discussion question, the facilitator notes and where each choice
  leads, then the endings.
* :func:`answer_cards` — the knowledge check without student devices: large cards students hold up
  (SCAM / REAL and the numbers 1-4, one per page, cut or fold), and for each form a tally sheet on which
  the trainer writes the hands per answer before typing the totals into the game.

Pages are Jinja2 templates with autoescape on (scenario text can hold ``<`` and ``&``), the bundled Noto
fonts are inlined (no font needs to be installed; a Zawgyi font on the computer never draws the Burmese),
and a print stylesheet sets A4. Texts are translated through the game's catalogs (``Translator(lang)``).
No pygame.
"""

from __future__ import annotations

from pathlib import Path

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
       vertical-align: top; text-align: left; } td.box { width: 5em; height: 1.8em; }
.card { page-break-after: always; break-after: page; height: 250mm; display: flex; flex-direction: column;
        align-items: center; justify-content: center; border: 3px dashed #bbb; margin-bottom: 1em; }
.card .big { font-size: 180pt; font-weight: bold; line-height: 1; } .card .word { font-size: 48pt; font-weight: bold; }
.card .small { font-size: 14pt; color: #555; }
@media print { @page { size: A4; margin: 10mm; } body { margin: 0; max-width: none; } .card { border: none; } }
</style></head><body>
{{ body | safe }}
</body></html>
"""

_SHEET = """
<h1>{{ title }}</h1>
<p class="meta">{{ w.minutes }} · {{ w.audience }} · {{ summary }}</p>
<h2>{{ w.before }}</h2>
<p class="note">{{ w.read_out }} {{ content_note }}</p>
{% if notes %}<p>{{ notes }}</p>{% endif %}
<div class="cols">
<h2>{{ w.plan }}</h2>
<table>{% for step, mins in plan %}<tr><td>{{ step }}</td><td>{{ mins }}</td></tr>{% endfor %}</table>
<h2>{{ w.teaches }}</h2>
<p>{% for f in flags %}<b class="flag">{{ f.title }}</b>{% if not loop.last %} · {% endif %}{% endfor %}</p>
</div>
<h2>{{ w.decisions }}</h2>
<div class="cols">
{% for d in decisions %}<div class="{{ 'decision' if d.choices else 'moment' }}"><b>{{ loop.index }}. {{ d.title }}</b>
{% if d.discuss %}<div class="ask">{{ w.ask }} {{ d.discuss }}</div>{% endif %}
{% if d.notes %}<div class="note">{{ d.notes }}</div>{% endif %}
{% if d.choices %}<ol>{% for c in d.choices %}<li>{{ c.text }}{% if c.vote %} <i>({{ w.voted }})</i>{% endif %}
{% for f in c.spots %} <span class="flag">· {{ w.spots }} {{ f }}</span>{% endfor %}
{% for f in c.misses %} <span class="flag">· {{ w.misses }} {{ f }}</span>{% endfor %}
{% for s in c.trusts %} <span class="sign">· {{ w.trusts }} {{ s }}</span>{% endfor %}
{% for s in c.doubts %} <span class="sign">· {{ w.doubts }} {{ s }}</span>{% endfor %}
<span class="lead">· {{ w.leads }} {{ c.leads }}</span></li>{% endfor %}</ol>{% endif %}</div>{% endfor %}
</div>
<h2>{{ w.endings }}</h2>
<ul>{% for e in endings %}<li><b>{{ e.title }}</b> ({{ e.kind }}){% if e.notes %}: {{ e.notes }}{% endif %}</li>{% endfor %}</ul>
<p class="meta">{{ w.never }}</p>
"""

_CARDS = """
<h1>{{ w.cards_title }}</h1>
<p>{{ w.cards_how }}</p>
{% for big, word in cards %}<div class="card"><div class="big">{{ big }}</div><div class="word">{{ word }}</div>
<div class="small">SafePath</div></div>{% endfor %}
{% for form in forms %}<h1>{{ w.tally }} {{ form.letter }} ({{ form.phase }})</h1>
<p class="meta">{{ w.tally_how }}</p>
<table><tr><th>#</th><th>{{ w.item }}</th><th>{{ w.answers }}</th></tr>
{% for item in form.rows %}<tr><td>{{ loop.index }}</td><td>{{ item.text }}</td><td><table>
{% for card, label in item.answers %}<tr><td><b>{{ card }}</b> {{ label }}</td><td class="box"></td></tr>{% endfor %}
</table></td></tr>{% endfor %}</table>{% endfor %}
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
        "doubts": t.gettext("doubts a real sign:"), "leads": t.gettext("leads to:"), "endings": t.gettext("Endings"),
        "never": t.gettext("What happened in this story is never the fault of the person who was tricked."),
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
            ends = ""  # which endings stay possible: on the projector's road not taken, not on paper
            choices.append({"text": t.text(info.text), "vote": choice.vote,
                            "spots": [t.text(f.title) for f in info.spots], "misses": [t.text(f.title) for f in info.misses],
                            "trusts": [t.text(s.title) for s in info.trusts], "doubts": [t.text(s.title) for s in info.doubts],
                            "leads": title_of(info.goto) + (f" ({ends})" if ends else "")})
        decisions.append({"title": title_of(scene), "discuss": t.text(scene.discuss) if scene.discuss else "",
                          "notes": t.text(scene.notes) if scene.notes else "", "choices": choices})
    story = scenario.minutes
    plan = [(t.gettext(PLAN[0]), 5), (t.gettext(PLAN[1]), 2), (t.gettext(PLAN[2]), story * 2),
            (t.gettext(PLAN[3]), max(10, story)), (t.gettext(PLAN[4]), 3)]
    plan = [(step, t.gettext("{minutes} minutes", minutes=format_number(m, lang))) for step, m in plan]
    flags = [{"title": t.text(f.title), "why": t.text(f.why), "action": t.text(f.action)}
             for fid in scenario.teaches if (f := scenario.red_flags.get(fid)) is not None]
    endings = [{"title": title_of(s), "kind": kinds.get(s.ending.value, "") if s.ending else "",
                "notes": t.text(s.notes) if s.notes else ""} for s in scenario.scenes.values() if s.is_ending]
    body = _env().from_string(_SHEET).render(
        w=w, title=t.text(scenario.title), summary=t.text(scenario.summary), content_note=t.text(scenario.content_note),
        notes=t.text(scenario.notes) if scenario.notes else "", plan=plan, flags=flags, decisions=decisions,
        endings=endings)
    return _page(lang, t.text(scenario.title), body)


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
    body = _env().from_string(_CARDS).render(w=w, cards=cards, forms=out_forms)
    return _page(lang, w["cards_title"], body)


def write_all(scenarios, forms: dict, lang: str, folder: Path, code: str | None = None) -> list[Path]:
    """Write every story's facilitator sheet and the answer cards into ``folder``; the files written."""
    from safepath.checks.schedule import forms_for

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for scenario in scenarios:
        path = folder / f"facilitator-{scenario.id}-{lang}.html"
        path.write_text(facilitator_sheet(scenario, lang), encoding="utf-8")
        written.append(path)
    pre, post = forms_for(code)
    path = folder / f"answer-cards-{lang}.html"
    path.write_text(answer_cards(forms, lang, pre, post), encoding="utf-8")
    written.append(path)
    return written
