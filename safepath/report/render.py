"""Turning suppressed tables into the report's files: one HTML page, a one-page summary, CSV files, a README.

Every word goes through the interface catalog (``tr``, a Translator's ``gettext``), numbers through CLDR
(Babel) in the report's language. A hidden cell is written "hidden" (translated) in the page and
``hidden`` in the CSV files, whatever its value was; a percentage of a small group near 0 % or 100 % as a
range. No pygame.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any, Callable

from safepath.i18n.runtime import N_
from safepath.report import charts
from safepath.report.tables import COUNT, NUMBER, PERCENT, TALLY, TEXT, Table, percent_range

#: words of the page that are not in a table (msgids; translated in :func:`words`)
WORDS = {
    "title": N_("SafePath report for trainers"),
    "endings": N_("How the stories ended"),
    "checks": N_("Right answers in the knowledge checks"),
    "no_plays": N_("No story has been played to the end yet."),
    "no_checks": N_("No knowledge check has been answered yet."),
    "flags_chart": N_("Red flags spotted in the stories"),
    "nothing": N_("Nothing to show yet."),
    "reading": N_("How to read this report"),
    "receipt": N_("Privacy receipt"),
    "sources": N_("Where the records came from"),
    "problems": N_("Files and records that were not counted"),
    "hidden": N_("hidden"),
}

READING = (
    N_("Numbers from 1 to {below} are hidden, and so is any number from which a hidden one could be worked out "
       "(for example from a total). Rates and scores of fewer than {k} players are hidden too. This keeps every "
       "young person in a small group from being recognised."),
    N_("Scams spotted (H) is the share of scam offers a player called a scam. Real offers called scams (F) is the "
       "share of real, safe offers a player refused. A good result has H high and F low."),
    N_("d′ (d-prime) says how well players tell scams from real offers: 0 is guessing, 1 is fair, 2 or more is "
       "very good. c says which way answers lean: below 0 towards \"scam\", above 0 towards \"real\". When c falls "
       "but d′ does not rise, players became suspicious of everything; that is not learning."),
    N_("Hake's g compares the right answers before and after with what was left to learn: below 0.3 is a low "
       "gain, 0.3 to 0.7 medium, above 0.7 high. The mean normalised change does the same player by player; "
       "d_z is the size of the change compared with how much players differ."),
)


def words(tr: Callable[[str], str]) -> dict[str, str]:
    return {key: tr(msgid) for key, msgid in WORDS.items()}


@dataclass
class Formatter:
    """Values as text in the report's language; ``k`` for the hidden-cell words."""

    lang: str
    tr: Callable[..., str]
    k: int

    def __post_init__(self) -> None:
        from babel import numbers

        from safepath.i18n.formatting import cldr_locale

        self._numbers = numbers
        self._locale = cldr_locale(self.lang)
        self.hidden_word = self.tr(WORDS["hidden"])

    def count(self, value: Any) -> str:
        return self._numbers.format_decimal(value, locale=self._locale)

    def percent(self, fraction: float, size: float | None = None) -> str:
        where = percent_range(fraction, size)
        if where == "below":
            return self.tr(N_("under {percent}"), percent=self._numbers.format_percent(0.05, locale=self._locale))
        if where == "above":
            return self.tr(N_("over {percent}"), percent=self._numbers.format_percent(0.95, locale=self._locale))
        return self._numbers.format_percent(fraction, format="#,##0%", locale=self._locale)

    def number(self, value: float) -> str:
        return self._numbers.format_decimal(value, format="#,##0.00", locale=self._locale)

    def cell(self, table: Table, row: int, key: str) -> tuple[str, bool]:
        """(text, hidden) of one cell for the page."""
        if table.is_hidden(row, key):
            return self.hidden_word, True
        value = table.value(row, key)
        kind = table.column(key).kind
        if value is None:
            return "—", False
        if kind in (COUNT, TALLY):
            return self.count(value), False
        if kind == PERCENT:
            return self.percent(value, table.group_size(row, key)), False
        if kind == NUMBER:
            return self.number(value), False
        return str(value), False


def csv_value(table: Table, row: int, key: str) -> str:
    """A cell for a spreadsheet: plain digits with a dot, percentages as 0–100, ``hidden`` when suppressed."""
    if table.is_hidden(row, key):
        return "hidden"
    value = table.value(row, key)
    kind = table.column(key).kind
    if value is None:
        return ""
    if kind in (COUNT, TALLY):
        return str(int(value)) if float(value).is_integer() else f"{value:.2f}"
    if kind == PERCENT:
        where = percent_range(value, table.group_size(row, key))
        return "<5" if where == "below" else ">95" if where == "above" else f"{100 * value:.1f}"
    if kind == NUMBER:
        return f"{value:.3f}"
    return str(value)


def csv_bytes(table: Table) -> bytes:
    """The table as CSV in UTF-8 with a byte-order mark (spreadsheets then show Thai and Burmese right)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.key for c in table.columns])
    for r in range(len(table.rows)):
        writer.writerow([csv_value(table, r, c.key) for c in table.columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def readme(tables: list[Table], tr: Callable[..., str], k: int) -> str:
    """README.txt beside the CSV files: what each file and each column is, in the report's language."""
    lines = [tr(N_("SafePath report: the tables as CSV files")), "=" * 60, "",
             tr(N_("Each file is one table of the report, in UTF-8 with a byte-order mark, so spreadsheet "
                   "programs show Thai and Burmese correctly. The first line names the columns.")), "",
             tr(N_("\"hidden\" means the number was hidden to protect privacy: it was from 1 to {below}, or a hidden "
                   "number could have been worked out from it (k = {k}).") , below=k - 1, k=k),
             tr(N_("Percentages are written from 0 to 100; \"<5\" and \">95\" are ranges for small groups.")),
             tr(N_("Numbers use a dot for decimals; an empty cell means not available.")), ""]
    for t in tables:
        lines += [f"{t.key}.csv — {tr(t.title)}"]
        if t.note:
            lines.append("  " + tr(t.note))
        for c in t.columns:
            lines.append(f"  {c.key}: {tr(c.help) if c.help else tr(c.title)}")
        lines.append("")
    return "\n".join(lines)


@dataclass
class PageTable:
    key: str
    title: str
    note: str
    columns: list[dict]
    rows: list[dict] = field(default_factory=list)
    chart: Any = None


def page_table(table: Table, fmt: Formatter, tr: Callable[..., str]) -> PageTable:
    """A table as the template draws it: id columns stay in the CSV files only."""
    shown = [c for c in table.columns if not (c.kind == TEXT and (c.key == "key" or c.key.endswith("_id")))]
    out = PageTable(table.key, tr(table.title), tr(table.note) if table.note else "",
                    [{"title": tr(c.title), "numeric": c.kind in (COUNT, TALLY, PERCENT, NUMBER)} for c in shown])
    for r in range(len(table.rows)):
        cells = []
        for c in shown:
            text, hidden = fmt.cell(table, r, c.key)
            cells.append({"text": text, "hidden": hidden, "numeric": c.kind in (COUNT, TALLY, PERCENT, NUMBER)})
        out.rows.append({"cells": cells, "total": r == table.total_row})
    return out


# -- charts of the tables -----------------------------------------------------------------------------------
def endings_chart(table: Table, fmt: Formatter, tr, limit: int | None = None):
    from safepath.report.figures import ENDING_KINDS, ENDING_WORDS

    body = [r for r in range(len(table.rows)) if r != table.total_row]
    body.sort(key=lambda r: -(table.value(r, "plays") or 0))
    if limit:
        body = body[:limit]
    if not body:
        return None
    rows = []
    for r in body:
        values = [None if table.is_hidden(r, k.replace("-", "_")) else table.value(r, k.replace("-", "_")) for k in ENDING_KINDS]
        total, _hidden = fmt.cell(table, r, "plays")
        rows.append((table.value(r, "story"), values, total))
    return charts.stacked(tr(table.title), rows, [tr(ENDING_WORDS[k]) for k in ENDING_KINDS], fmt.hidden_word)


def percent_chart(table: Table, fmt: Formatter, tr, label: str, key: str, title: str, limit: int | None = None,
                  colour: int = 0):
    rows = []
    for r in range(len(table.rows)):
        if r == table.total_row:
            continue
        value = table.shown(r, key)
        text, _hidden = fmt.cell(table, r, key)
        rows.append((str(table.value(r, label)), value if isinstance(value, (int, float)) else None, text))
    if limit:
        rows = rows[:limit]
    return charts.bars(title, rows, fmt.hidden_word, colour) if rows else None


def signs_chart(table: Table, fmt: Formatter, tr):
    from safepath.report.figures import PHASE_WORDS

    phases = [p for p in ("pre", "post", "booster") if any(table.value(r, f"{p}_players") for r in range(len(table.rows)))]
    if not phases or not table.rows:
        return None
    rows = []
    for r in range(len(table.rows)):
        values = []
        for p in phases:
            value = table.shown(r, f"{p}_percent")
            text, _hidden = fmt.cell(table, r, f"{p}_percent")
            values.append((value if isinstance(value, (int, float)) else None, text))
        rows.append((str(table.value(r, "sign")), values))
    return charts.paired(tr(table.title), rows, [tr(PHASE_WORDS[p]) for p in phases], fmt.hidden_word)


def render_page(context: dict) -> str:
    """The page from the template (autoescaped: a class label "<b>" is shown, never obeyed)."""
    import jinja2

    from safepath.report.template import PAGE

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=False)
    return env.from_string(PAGE).render(**context)
