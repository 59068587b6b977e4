"""How complete and how healthy each translation is.

``safepath i18n status`` compares every language's catalogs with templates
extracted from the current source (so a string added to a scenario and not yet
merged into the catalogs shows as missing, even if nobody re-ran ``pybabel
extract``). It counts translated, stale (fuzzy: the translation was written for
another English text, or guessed from a similar one, and the game does not use
it until a translator confirms it) and missing strings, per
language and per content file (each stale entry is an SP076 warning at its line in
the ``.po``), notes obsolete entries, and runs the catalog
checks: Babel's own format checkers plus SafePath's (Zawgyi, placeholders,
font coverage) and the key-terms glossary beside each language's catalogs
(``locales/<lang>/glossary.csv``, :mod:`safepath.i18n.glossary`, SP125).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po

from safepath import paths
from safepath.story.diagnostics import Diagnostic, error, warning
from safepath.i18n import checks
from safepath.i18n import glossary
from safepath.i18n.catalogs import DOMAINS, SHIPPED_LANGUAGES
from safepath.i18n.pocheck import check_po_text
from safepath.i18n.tools import DRAFT_MARK, build_template, read_catalog_file, template_path


@dataclass(frozen=True)
class Entry:
    """One template string, for the lists of missing and stale strings."""

    context: str
    msgid: str
    location: str  # "content/scenarios/dream-job.yaml:42"


@dataclass
class CatalogStatus:
    lang: str
    domain: str
    path: Path
    total: int = 0
    translated: int = 0
    missing: list[Entry] = field(default_factory=list)
    fuzzy: list[Entry] = field(default_factory=list)
    obsolete: int = 0
    not_in_template: int = 0  # entries the catalog has that the source no longer asks for
    drafts: int = 0  # translated entries still marked as drafts for native review
    exists: bool = True

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    @property
    def complete(self) -> bool:
        return self.exists and self.translated == self.total


@dataclass
class FileStatus:
    """Translated share of one content file (a scenario, the red flags, the helplines)."""

    file: str
    total: int = 0
    translated: dict[str, int] = field(default_factory=dict)

    def percent(self, lang: str) -> float:
        return 100.0 * self.translated.get(lang, 0) / self.total if self.total else 100.0


@dataclass
class StatusReport:
    languages: tuple[str, ...]
    catalogs: list[CatalogStatus] = field(default_factory=list)
    files: dict[str, FileStatus] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: (first, second language) -> story texts whose two-language block is too tall for its box at the largest
    #: text size, one "file:line: ..." sentence each; warnings, never failures (the screens fall back)
    pair_fits: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def language_percent(self, lang: str) -> float:
        mine = [c for c in self.catalogs if c.lang == lang]
        total = sum(c.total for c in mine)
        return 100.0 * sum(c.translated for c in mine) / total if total else 100.0

    def failures(self, required: tuple[str, ...] = SHIPPED_LANGUAGES) -> list[str]:
        """Why ``--check`` fails: incomplete required languages and catalog errors."""
        out = []
        for c in self.catalogs:
            if c.lang in required and not c.complete:
                if not c.exists:
                    out.append(f"{c.lang}/{c.domain}: the catalog {c.path} does not exist")
                else:
                    out.append(
                        f"{c.lang}/{c.domain}: {len(c.missing)} missing and {len(c.fuzzy)} stale of {c.total} strings"
                    )
        errors = [d for d in self.diagnostics if d.is_error]
        if errors:
            out.append(f"{len(errors)} error(s) in the catalogs")
        return out


def _key(message: Message) -> tuple[str, str]:
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return (message.context or "", msgid)


def _entry(message: Message) -> Entry:
    context, msgid = _key(message)
    where = f"{message.locations[0][0]}:{message.locations[0][1]}" if message.locations else ""
    return Entry(context, msgid, where)


def _is_translated(message: Message | None) -> bool:
    if message is None or message.fuzzy:
        return False
    if isinstance(message.string, (list, tuple)):
        return bool(message.string) and all(message.string)
    return bool(message.string)


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def load_template(domain: str, root: Path, fresh: bool, report: StatusReport) -> Catalog | None:
    """The template: freshly extracted from the source, or the committed ``.pot``."""
    if fresh:
        try:
            return build_template(domain, root)
        except Exception as exc:  # a broken extractor must not hide the catalogs' state
            report.notes.append(f"could not extract the {domain} template ({exc}); using {domain}.pot instead")
    pot = template_path(domain, root / "locales")
    try:
        with open(pot, "rb") as fh:
            return read_po(fh)
    except (OSError, PoFileError) as exc:
        report.notes.append(f"no usable template for {domain} ({exc}); run `safepath i18n extract`")
        return None


def read_catalog(path: Path, lang: str, shown: str, report: StatusReport) -> Catalog | None:
    """Check the syntax strictly (Babel's reader forgives too much), then read leniently to count."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        report.diagnostics.append(error("SP074", shown, 0, 0, f"The catalog is not UTF-8 text ({exc.reason} at byte {exc.start}).",
                                        "Save it as UTF-8 (Poedit always does)."))
        return None
    except OSError as exc:
        report.diagnostics.append(error("SP074", shown, 0, 0, f"The catalog cannot be read: {exc.strerror or exc}."))
        return None
    for problem in check_po_text(text):
        if problem.syntax:
            report.diagnostics.append(error("SP074", shown, problem.line, 1, f"The catalog cannot be read here: {problem.message}.",
                                            "Open it in Poedit, or compare the entry with the .pot template."))
        else:
            report.diagnostics.append(error("SP075", shown, problem.line, 1, f"Wrong catalog entry: {problem.message}."))
    try:
        with open(path, "rb") as fh:
            return read_catalog_file(fh, locale=lang, abort_invalid=False)
    except (OSError, PoFileError, UnicodeDecodeError, ValueError) as exc:
        report.diagnostics.append(error("SP074", shown, getattr(exc, "lineno", 0) or 0, 0, f"The catalog cannot be read: {exc}."))
        return None


def catalog_diagnostics(catalog: Catalog, shown: str) -> list[Diagnostic]:
    """Babel's format checks and SafePath's text checks on every translated entry."""
    out = []
    for message, errors in catalog.check():
        for problem in errors:
            out.append(error("SP075", shown, message.lineno or 0, 1, f"Babel reports a format problem: {problem}."))
    for message in catalog:
        if not message.id or not _is_translated(message):
            continue
        if isinstance(message.id, (list, tuple)):
            singular, plural = message.id[0], message.id[1]
            for form in message.string:
                out += checks.message_diagnostics(singular, form, shown, message.lineno or 0, plural)
        else:
            out += checks.message_diagnostics(message.id, message.string, shown, message.lineno or 0)
    return out


def collect_status(
    root: Path | None = None, languages: tuple[str, ...] = SHIPPED_LANGUAGES, fresh: bool = True, fit: bool = True,
    domains: tuple[str, ...] = DOMAINS,
) -> StatusReport:
    """Everything ``safepath i18n status`` reports; ``fit=False`` leaves out SP073 (it needs pygame and fonts).

    ``root`` is the game's folder, or an author's own folder (``content/`` and ``locales/`` side by side),
    then with ``domains=("content",)``: an author's folder holds stories, not the interface.
    """
    root = Path(root or paths.project_root())
    report = StatusReport(tuple(languages))
    fit_check = _fit_check(root, report) if fit and any(lang != "en" for lang in languages) else None
    terms_cache: dict = {}
    for domain in domains:
        template = load_template(domain, root, fresh, report)
        if template is None:
            continue
        wanted = [m for m in template if m.id]
        for message in wanted:
            if domain == "content" and message.locations:
                name = message.locations[0][0]
                report.files.setdefault(name, FileStatus(name)).total += 1
        for lang in languages:
            path = root / "locales" / lang / "LC_MESSAGES" / f"{domain}.po"
            shown = _relative(path, root)
            status = CatalogStatus(lang, domain, path, total=len(wanted))
            report.catalogs.append(status)
            catalog = read_catalog(path, lang, shown, report) if path.exists() else None
            if catalog is None:
                status.exists = path.exists()
                status.missing = [_entry(m) for m in wanted]
                continue
            wanted_keys = set()
            for message in wanted:
                wanted_keys.add(_key(message))
                found = catalog.get(message.id, message.context)
                if _is_translated(found):
                    status.translated += 1
                    if any(DRAFT_MARK in c for c in found.user_comments):
                        status.drafts += 1
                    if domain == "content" and message.locations:
                        counts = report.files[message.locations[0][0]].translated
                        counts[lang] = counts.get(lang, 0) + 1
                elif found is not None and found.fuzzy:
                    status.fuzzy.append(_entry(message))
                    report.diagnostics.append(_stale(found, shown))
                else:
                    status.missing.append(_entry(message))
            status.obsolete = len(catalog.obsolete)
            status.not_in_template = sum(1 for m in catalog if m.id and _key(m) not in wanted_keys)
            report.diagnostics += catalog_diagnostics(catalog, shown)
            report.diagnostics += glossary_diagnostics(root, lang, catalog, shown, terms_cache)
            if lang != "en" and fit_check is not None:  # English is the source: `safepath lint` checks it
                report.diagnostics += fit_check(catalog, lang, shown, domain)
    if fit_check is not None and "content" in domains:
        report.pair_fits = pair_fit_warnings(root, languages)
    return report


def pair_fit_warnings(root: Path, languages: tuple[str, ...]) -> dict[tuple[str, str], list[str]]:
    """Per pair of ``languages`` (first, second), the story texts whose two-language block does not fit its box.

    The second language shown under the first (issue 14) makes every box taller; where a pair cannot
    fit, the screens fall back (compact choices, a narrower phone, a scrolling card, one language), so
    this is information for a translator or author who wants a shorter text, not a failure of ``--check``.
    Measured by :func:`safepath.ui.fit.scenario_pair_problems` at the design window and the largest text size.
    """
    from safepath.i18n.checks import fit_checker

    checker, _reason = fit_checker()  # when it is missing, _fit_check has said so in a note already
    if checker is None:
        return {}
    from safepath.story import loader
    from safepath.ui.fit import scenario_pair_problems

    catalogue = root / "content" / "red_flags.yaml"
    if not catalogue.is_file():
        catalogue = paths.content_dir() / "red_flags.yaml"
    scenarios = list(loader.load_all([root / "content" / "scenarios"], catalogue).scenarios.values())
    out = {}
    for first in languages:
        for second in languages:
            if first != second:
                out[(first, second)] = [_short_path(line, root) for scenario in scenarios
                                        for line in scenario_pair_problems(scenario, first, second, checker)]
    return out


def check_catalogs(root: Path, languages: tuple[str, ...] = SHIPPED_LANGUAGES, domains: tuple[str, ...] = DOMAINS,
                   fit: bool = True, sources: set[str] | None = None) -> StatusReport:
    """The checks ``collect_status`` runs on the catalogs themselves, without extracting templates.

    For ``safepath lint``: the same findings as ``i18n status`` (a translation that does not fit its
    box, SP073; Zawgyi, SP070; placeholders, fonts, syntax, stale entries), at the ``.po`` line, in
    the report's ``diagnostics``; completeness is ``i18n status``'s business and is not counted here.
    With ``sources`` (``#:`` references such as ``content/scenarios/x.yaml``), only the entries of those
    files are checked: linting one story checks its own translations, not every catalog of the game.
    """
    root = Path(root)
    report = StatusReport(tuple(languages))
    wanted = [lang for lang in languages if (root / "locales" / lang / "LC_MESSAGES").is_dir()]
    fit_check = _fit_check(root, report) if fit and any(lang != "en" for lang in wanted) else None
    terms_cache: dict = {}
    for domain in domains:
        for lang in wanted:
            path = root / "locales" / lang / "LC_MESSAGES" / f"{domain}.po"
            if not path.exists():
                continue
            shown = _relative(path, Path.cwd()) if _inside(path, Path.cwd()) else _relative(path, root)
            catalog = read_catalog(path, lang, shown, report)
            if catalog is None:
                continue
            if sources is not None:
                catalog = _entries_of(catalog, sources)
            report.diagnostics += [_stale(m, shown) for m in catalog if m.id and m.fuzzy]
            report.diagnostics += catalog_diagnostics(catalog, shown)
            report.diagnostics += glossary_diagnostics(root, lang, catalog, shown, terms_cache)
            if lang != "en" and fit_check is not None:
                report.diagnostics += fit_check(catalog, lang, shown, domain)
    return report


def glossary_diagnostics(root: Path, lang: str, catalog: Catalog, shown: str, cache: dict) -> list[Diagnostic]:
    """SP125 for entries that leave out a key term's agreed word; SP126 (once) for a glossary that cannot be read."""
    path = glossary.glossary_path(root / "locales", lang)
    out: list[Diagnostic] = []
    if lang not in cache:
        terms, problems = glossary.read_glossary(path) if path.exists() else ([], [])
        cache[lang] = terms
        out += problems
    return out + glossary.term_diagnostics(catalog, cache[lang], shown)


def _entries_of(catalog: Catalog, sources: set[str]) -> Catalog:
    """A catalog holding only the entries whose ``#:`` reference is one of ``sources`` (same Message objects)."""
    kept = Catalog(locale=catalog.locale, domain=catalog.domain, charset="utf-8")
    kept.mime_headers = catalog.mime_headers
    for message in catalog:
        if message.id and any(location[0] in sources for location in message.locations):
            kept[message.id] = message
    return kept


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _fit_check(root: Path, report: StatusReport):
    """SP073 (does each translation fit its box) from the presentation layer, or ``None`` with a note why not."""
    from safepath.i18n.checks import fit_checker

    checker, reason = fit_checker()
    if checker is None:
        report.notes.append(f"SP073 (does each translation fit its box) was skipped: {reason}")
        return None
    from safepath.ui.fit import check_catalog

    from safepath.story import loader

    catalogue = root / "content" / "red_flags.yaml"
    if not catalogue.is_file():  # an author's own folder uses the game's red flags
        catalogue = paths.content_dir() / "red_flags.yaml"
    loaded = loader.load_all([root / "content" / "scenarios"], catalogue)
    red_flags, _problems = loader.load_catalogue(catalogue)
    scenarios = list(loaded.scenarios.values())
    from safepath.checks.loader import load_bank

    from safepath.ui.check_fit import boxes_by_context

    check_forms = list(load_bank(root / "content" / "checks", red_flags).forms.values())
    return lambda catalog, lang, shown, domain: check_catalog(
        catalog, lang, shown, domain, scenarios, red_flags.values(), checker,
        lambda checker, lang: boxes_by_context(check_forms, checker, lang))


def _short_path(line: str, root: Path) -> str:
    """``line`` with its leading file name relative to ``root``, as the other lines of the report name files."""
    where, sep, rest = line.partition(":")
    return _relative(Path(where), root) + sep + rest if sep and Path(where).is_absolute() else line


def _stale(message: Message, shown: str) -> Diagnostic:
    """SP076 at the fuzzy entry's own line, saying what fuzzy means without claiming more than is known.

    A fuzzy entry is either the old translation of a text whose English then changed (``previous``
    msgid known) or a guess copied from a similar English text; either way the game does not use it.
    """
    def short(text: str) -> str:
        return text if len(text) <= 60 else text[:57] + "..."

    english = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    if message.previous_id:
        why = f"it was written for another English text, {short(message.previous_id[0])!r}"
    else:
        why = "it is marked as needing work"
    return warning("SP076", shown, message.lineno or 0, 1,
                   f"Stale (fuzzy) translation of {short(english)!r}: {why}, so the game shows English here.",
                   "Check it in Poedit (\"Needs work\"), fix it if needed and mark it as done.")


def format_report(report: StatusReport, limit: int = 20) -> str:
    """The plain-text report of ``safepath i18n status``."""
    out = ["Translation status (compared with the strings the game uses now)", ""]
    out.append(f"{'language':<9}{'domain':<10}{'translated':>17}{'stale':>7}{'missing':>9}{'obsolete':>10}{'draft':>7}")
    for c in report.catalogs:
        done = f"{c.translated}/{c.total} {c.percent:5.1f}%"
        out.append(
            f"{c.lang:<9}{c.domain:<10}{done:>17}{len(c.fuzzy):>7}{len(c.missing):>9}{c.obsolete:>10}{c.drafts:>7}"
            + ("" if c.exists else "   (no catalog)")
        )
    out.append("")
    out.append("Overall: " + ", ".join(f"{lang} {report.language_percent(lang):.1f}%" for lang in report.languages))
    if report.files:
        out += ["", "Per content file:"]
        for name in sorted(report.files):
            f = report.files[name]
            shares = "  ".join(f"{lang} {f.percent(lang):5.1f}%" for lang in report.languages)
            out.append(f"  {name:<42} {f.total:>4} strings  {shares}")
    for c in report.catalogs:
        for title, entries in (("stale (fuzzy)", c.fuzzy), ("missing", c.missing)):
            if not entries:
                continue
            out += ["", f"{c.lang}/{c.domain}: {len(entries)} {title}:"]
            for e in entries[:limit]:
                context = f" [{e.context}]" if e.context else ""
                english = e.msgid if len(e.msgid) <= 70 else e.msgid[:67] + "..."
                out.append(f"  {e.location}{context} {english!r}")
            if len(entries) > limit:
                out.append(f"  ... and {len(entries) - limit} more (use --limit)")
        if c.obsolete:
            out.append(f"{c.lang}/{c.domain}: {c.obsolete} obsolete entr{'y' if c.obsolete == 1 else 'ies'} kept (#~) for reuse")
        if c.not_in_template:
            out.append(f"{c.lang}/{c.domain}: {c.not_in_template} entr{'y' if c.not_in_template == 1 else 'ies'} no longer "
                       "used by the game; run `safepath i18n update`")
    if report.diagnostics:
        from safepath.story.diagnostics import format_all

        out += ["", "Problems:", format_all(report.diagnostics)]
    tight = {pair: lines for pair, lines in report.pair_fits.items() if lines}
    if tight:
        out += ["", "Two languages at once: texts too tall for their box at the largest text size "
                "(the screens fall back to compact buttons, a narrower phone or one language; a shorter "
                "translation avoids it):"]
        for (first, second), lines in tight.items():
            out.append(f"{first}+{second}: {len(lines)} text{'' if len(lines) == 1 else 's'}")
            for line in lines[:limit]:
                where, _sep, what = line.partition(": ")
                out.append(f"  {where}: warning: {what}")
            if len(lines) > limit:
                out.append(f"  ... and {len(lines) - limit} more (use --limit)")
    for note in report.notes:
        out.append(f"note: {note}")
    return "\n".join(out)
