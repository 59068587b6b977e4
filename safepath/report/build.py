"""Making a report: records in, a folder of files out.

    collection = inputs.collect(files, storage)            # records, each once, and what went wrong
    report = make_report(collection, lang="th", k=10)       # figures, suppressed, rendered
    written = write_report(report, folder)                  # report.html, summary.html, csv/, README, receipt

The folder holds:

* ``report.html``: everything, one self-contained page (fonts, charts and styles inside; nothing loaded);
  printed, its first page is the summary;
* ``summary.html``: the summary alone, one A4 page, to print for a donor or a head teacher;
* ``csv/*.csv`` and ``csv/README.txt``: every table, and what every column means;
* ``privacy-receipt.txt``: what the report holds and hides, and where its records came from.

No pygame; the report screen and ``safepath report`` both call this.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from safepath.i18n.runtime import N_
from safepath.report import figures as _figures
from safepath.report import render
from safepath.report.inputs import Collection
from safepath.report.tables import DEFAULT_K, check_k, suppress

#: the order of the detailed tables on the page
PAGE_ORDER = ("people_by_gender", "people_by_age", "plays_by_story", "red_flags_in_stories", "story_choices",
              "plays_by_language", "checks_by_phase", "check_change", "check_signs", "class_sessions",
              "class_votes", "class_checks", "overview")


@dataclass
class Report:
    lang: str
    k: int
    figures: _figures.Figures
    html: str
    summary_html: str
    csv: dict[str, bytes]
    readme: str
    receipt: str
    font_bytes: int
    collection: Collection
    hidden: dict[str, int] = field(default_factory=dict)  # reason -> cells hidden

    @property
    def tables(self):
        return self.figures.tables


def load_content(scenarios: dict | None = None):
    """Story titles, red flags, safe signs and check forms for the labels (what fails to load is just not named)."""
    from safepath import paths
    from safepath.checks.loader import load_bank
    from safepath.story.loader import load_all, load_catalogue, load_safe_signs

    red_flags = load_catalogue()[0]
    safe_signs = load_safe_signs()[0]
    if scenarios is None:
        folders = [p for p in (paths.scenarios_dir(), paths.local_scenarios_dir()) if p.is_dir()]
        scenarios = load_all(folders).scenarios
    forms = load_bank(red_flags=red_flags, safe_signs=safe_signs).forms
    return scenarios, red_flags, safe_signs, forms


def _translator(lang: str):
    from safepath.i18n.runtime import Translator

    return Translator(lang)


def make_report(collection: Collection, lang: str = "en", k: int = DEFAULT_K, *, content=None,
                when: _dt.date | None = None, export_file: str | None = None) -> Report:
    """Compute, suppress and render; ``content`` is :func:`load_content`'s answer (loaded when None)."""
    check_k(k)
    translator = _translator(lang)
    tr = translator.gettext
    scenarios, red_flags, safe_signs, forms = content if content is not None else load_content()
    labels = _figures.Labels(tr, translator.text, scenarios, red_flags, safe_signs)
    from safepath.report.inputs import paused_gc

    with paused_gc():  # scoring makes an object or two per answer: hundreds of thousands, none cyclic
        figs = _figures.build(collection.records, labels, forms)
    hidden: dict[str, int] = {}
    for table in figs.tables.values():
        suppress(table, k)
        for reason, n in table.counts_hidden.items():
            hidden[reason] = hidden.get(reason, 0) + n
    fmt = render.Formatter(lang, tr, k)
    when = when or _dt.date.today()
    context = _context(figs, collection, fmt, tr, translator, lang, k, when, hidden, export_file)
    page, summary, font_bytes, font_note = _with_fonts(context)
    if font_note:  # rare: a damaged font file, or fontTools missing; the page then falls back to the computer's
        context["receipt"].append(tr(N_("The fonts could not be embedded ({reason}); the report uses the "
                                        "computer's own fonts."), reason=font_note))
        page, summary, font_bytes, _note = _with_fonts(context)
    ordered = [figs.tables[key] for key in PAGE_ORDER if key in figs.tables]
    csv = {f"{t.key}.csv": render.csv_bytes(t) for t in ordered}
    readme = render.readme(ordered, tr, k)
    receipt = "\n".join([tr(WORDS_RECEIPT), ""] + [f"- {line}" for line in context["receipt"]] + [""] +
                        [" | ".join(context["source_columns"])] + [" | ".join(s) for s in context["sources"]] +
                        ([""] + [tr(render.WORDS["problems"])] + [f"- {p}" for p in context["problems"]]
                         if context["problems"] else []))
    return Report(lang, k, figs, page, summary, csv, readme, receipt + "\n", font_bytes, collection, hidden)


WORDS_RECEIPT = N_("SafePath report: privacy receipt")


def _with_fonts(context: dict) -> tuple[str, str, int, str]:
    """The page and the summary, with the glyphs the page uses embedded (the summary's are among them).

    The page is rendered once without fonts to learn its characters, then again with exactly those glyphs.
    """
    from markupsafe import Markup

    from safepath.report import fonts

    draft = render.render_page(dict(context, font_css="", full=True))
    text = re.sub(r"<style>.*?</style>", "", draft, flags=re.S)
    embedded = fonts.embed(text)
    css = Markup(embedded.css)  # our own @font-face rules (base64 and font names only): not to be escaped
    page = render.render_page(dict(context, font_css=css, full=True))
    summary = render.render_page(dict(context, font_css=css, full=False))
    return page, summary, embedded.bytes, embedded.note


def _context(figs, collection: Collection, fmt: render.Formatter, tr, translator, lang: str, k: int,
             when: _dt.date, hidden: dict[str, int], export_file: str | None) -> dict[str, Any]:
    from safepath import __version__
    from safepath.report.fonts import FAMILY

    tables = figs.tables
    T = render.words(tr)
    date = lambda iso: translator.format_date(_dt.date.fromisoformat(iso), "medium")  # noqa: E731
    if figs.first_date:
        period = f"{date(figs.first_date)} – {date(figs.last_date)}"
        period_line = tr(N_("Records from {first} to {last}"), first=date(figs.first_date), last=date(figs.last_date))
    else:
        period = period_line = tr(N_("No records yet"))
    made_line = tr(N_("Made on {date} with SafePath {version}; numbers under {k} are hidden"),
                   date=translator.format_date(when, "medium"), version=__version__, k=fmt.count(k))
    # -- summary cards
    overview = tables["overview"]
    cards = []
    wanted = {"play_throughs": N_("Stories played to the end"), "players": N_("Players on their own"),
              "checks": N_("Knowledge checks answered"), "class_sessions": N_("Class sessions")}
    for r, row in enumerate(overview.rows):
        if row["key"] in wanted:
            text, is_hidden = fmt.cell(overview, r, "count")
            cards.append({"value": text, "label": tr(wanted[row["key"]]), "hidden": is_hidden})
    people = tables["people_by_gender"]
    total = people.total_row
    text, is_hidden = fmt.cell(people, total, "people")
    parts = []
    for r in range(total):
        if people.value(r, "people"):
            value, _h = fmt.cell(people, r, "people")
            parts.append(f"{people.value(r, 'group')} {value}")
    cards.append({"value": text, "label": tr(N_("People trained in class")) + (f" ({', '.join(parts)})" if parts else ""),
                  "hidden": is_hidden})
    checks_t = tables["checks_by_phase"]
    post = next((r for r in range(len(checks_t.rows)) if checks_t.value(r, "key") == "post"), None)
    if post is not None:
        text, is_hidden = fmt.cell(checks_t, post, "passed")
        cards.append({"value": text, "label": tr(N_("Passed the check afterwards (at least 70 percent right)")),
                      "hidden": is_hidden})
    # -- the change from pre to post, in a sentence
    change_t = tables["check_change"]
    summary_change, verdict = "", None
    row = next((r for r in range(len(change_t.rows)) if change_t.value(r, "key") == "pre_post"), None)
    if row is not None:
        if change_t.is_hidden(row, "before"):
            summary_change = tr(N_("Fewer than {k} players took a check both before and after, so the change is "
                                   "not shown."), k=fmt.count(k))
        else:
            cell = lambda key: fmt.cell(change_t, row, key)[0]  # noqa: E731
            # no arrows: the embedded Noto fonts have none (the page must not need a font of the computer)
            summary_change = tr(N_("{players} players took a check before and after: right answers {before} before, "
                                   "{after} after; Hake's g {g} ({band}); d′ from {d1} to {d2}; c from {c1} to {c2}."),
                                players=cell("players"), before=cell("before"), after=cell("after"), g=cell("hake_g"),
                                band=cell("band"), d1=cell("d_prime_before"), d2=cell("d_prime_after"),
                                c1=cell("c_before"), c2=cell("c_after"))
            verdict = tr(figs.verdict) if figs.verdict else None
    # -- charts
    plays = tables["plays_by_story"]
    checks = tables["checks_by_phase"]
    flags = tables["red_flags_in_stories"]
    endings_summary = render.endings_chart(plays, fmt, tr, limit=6)
    checks_chart = render.percent_chart(checks, fmt, tr, "phase", "percent_correct", T["checks"], colour=3)
    flags_summary = render.percent_chart(flags, fmt, tr, "red_flag", "percent_spotted", T["flags_chart"], limit=6)
    # -- detailed tables
    page_tables = []
    for key in PAGE_ORDER:
        table = tables.get(key)
        if table is None:
            continue
        pt = render.page_table(table, fmt, tr)
        if key == "plays_by_story":
            pt.chart = render.endings_chart(table, fmt, tr)
        elif key == "red_flags_in_stories":
            pt.chart = render.percent_chart(table, fmt, tr, "red_flag", "percent_spotted", tr(table.title))
        elif key == "check_signs":
            pt.chart = render.signs_chart(table, fmt, tr)
        page_tables.append(pt)
    # -- privacy receipt
    receipt = [
        tr(N_("This report holds counts, rates and scores only: no name, no nickname, no player code, no record "
              "id and nothing a player typed.")),
        tr(N_("Numbers from 1 to {below} are hidden (k = {k}): {small} cells. {complement} more cells are hidden "
              "so that a hidden number cannot be worked out from a total, and {group} rates or scores of groups "
              "smaller than {k}."), below=fmt.count(k - 1), k=fmt.count(k), small=fmt.count(hidden.get("small", 0)),
           complement=fmt.count(hidden.get("complement", 0)), group=fmt.count(hidden.get("group", 0))),
        tr(N_("Percentages of groups smaller than 100 that are under 5 percent or over 95 percent are shown as a range.")),
        tr(N_("{records} records read from {sources} sources; {copies} copies of records already counted were counted once."),
           records=fmt.count(len(collection.records)), sources=fmt.count(len(collection.sources)),
           copies=fmt.count(collection.duplicates)),
        tr(N_("Class labels are shown as the trainer typed them; students are only counted, never named.")),
        tr(N_("Made offline on this computer: nothing was sent anywhere.")),
    ]
    if export_file:
        receipt.append(tr(N_("{file} beside this report holds the anonymous records themselves (with the random codes "
                             "that pair a player's checks), for merging laptops. Keep it as safely as the laptops, "
                             "and delete it when the reports are made."), file=export_file))
    source_columns = [tr(N_("Source")), tr(N_("Records")), tr(N_("Counted")), tr(N_("Copies")), tr(N_("Left out")),
                      tr(N_("Checksum"))]
    sources = []
    for s in collection.sources:
        name = tr(N_("this laptop")) if s.kind == "laptop" else Path(s.name).name
        sources.append([name, fmt.count(s.read), fmt.count(s.counted), fmt.count(s.duplicates),
                        tr(N_("the whole file")) if s.refused else fmt.count(s.rejected),
                        (s.checksum or "—")[:19]])
    problems = [d.headline() + (f" ({d.hint})" if d.hint else "") for d in collection.diagnostics]
    privacy_line = tr(N_("No names, no nicknames, no player codes: only counts. Numbers under {k} are hidden, with "
                         "any number they could be worked out from."), k=fmt.count(k))
    return {
        "lang": lang, "version": __version__, "family": FAMILY, "T": T, "period": period, "period_line": period_line,
        "made_line": made_line, "cards": cards, "verdict": verdict, "summary_change": summary_change,
        "endings_chart": endings_summary, "checks_chart": checks_chart, "flags_chart": flags_summary,
        "privacy_line": privacy_line, "tables": page_tables,
        "reading": [tr(p, below=fmt.count(k - 1), k=fmt.count(k)) for p in render.READING],
        "receipt": receipt, "source_columns": source_columns, "sources": sources, "problems": problems,
    }


def report_folder(parent: str | Path, when: _dt.date | None = None) -> Path:
    """``parent/SafePath-report-YYYY-MM-DD`` (``-2``, ``-3`` … when that name is taken): never overwrites a report."""
    parent = Path(parent)
    base = f"SafePath-report-{(when or _dt.date.today()).isoformat()}"
    candidate, n = parent / base, 1
    while candidate.exists():
        n += 1
        candidate = parent / f"{base}-{n}"
    return candidate


def make_and_write(collection: Collection, lang: str, k: int, scenarios: dict | None, folder: str | Path,
                   export_file: str | None = None) -> list[Path]:
    """:func:`make_report` and :func:`write_report` in one call, the files written: what the report screen
    runs in a child process (:mod:`safepath.child_job`), so the fonts' subsetting never stays in the game's memory."""
    report = make_report(collection, lang, k, content=load_content(scenarios), export_file=export_file)
    return write_report(report, folder)


def write_report(report: Report, folder: str | Path) -> list[Path]:
    """Write the report's files into ``folder`` (made if needed), each atomically; OSError when the disk refuses."""
    from safepath.saves.atomic import write_atomic

    folder = Path(folder)
    written = [write_atomic(folder / "report.html", report.html.encode("utf-8")),
               write_atomic(folder / "summary.html", report.summary_html.encode("utf-8"))]
    for name, data in report.csv.items():
        written.append(write_atomic(folder / "csv" / name, data))
    written.append(write_atomic(folder / "csv" / "README.txt", ("\ufeff" + report.readme).encode("utf-8")))
    written.append(write_atomic(folder / "privacy-receipt.txt", ("\ufeff" + report.receipt).encode("utf-8")))
    return written
