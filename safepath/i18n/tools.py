"""Extracting templates and updating catalogs through Babel's API.

These do what the documented ``pybabel`` commands do (same ``babel.cfg``, same
extractor, same header: ``--project SafePath --version`` from the package and
``--copyright-holder "SafePath contributors"``), so a translator can use either.
``safepath i18n update`` merges more carefully than ``pybabel update`` (see :func:`merge`). ``safepath i18n update`` adds one
step ``pybabel`` cannot know about: the English catalog's translations are
copies of the English source, refreshed on every update (see
``docs/translating.md``, "English").
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message, get_close_matches
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import denormalize, read_po, write_po

from safepath import __version__ as _version
from safepath import paths
from safepath.i18n.catalogs import CONTENT_DOMAIN, SHIPPED_LANGUAGES, UI_DOMAIN

PROJECT = "SafePath"
COMMENT_TAGS = ("TRANSLATORS:",)
#: Plural rules Babel's table lacks: Burmese, like Thai, has one form (CLDR: only "other").
PLURAL_FORMS = {"my": "nplurals=1; plural=0;"}
COPYRIGHT_HOLDER = "SafePath contributors"
LANGUAGE_ENGLISH_NAMES = {"th": "Thai", "my": "Burmese", "en": "English"}
DRAFT_TRANSLATOR = "SafePath drafts (not yet reviewed by a native speaker)"
HEADER_COMMENT = """\
# {language} translations for SafePath.
# Copyright (C) YEAR SafePath contributors
# This file is distributed under the same license as the SafePath project.
#
# Entries with a translator comment "DRAFT:" were drafted without a native
# speaker and need review; remove the DRAFT line once reviewed.
#"""

#: Drafted translations carry this translator comment until a native speaker reviews them.
DRAFT_MARK = "DRAFT:"


@dataclass(frozen=True)
class DomainSource:
    domain: str
    folder: str  # relative to the project root, as given to ``pybabel extract``


SOURCES = {
    CONTENT_DOMAIN: DomainSource(CONTENT_DOMAIN, "content"),
    UI_DOMAIN: DomainSource(UI_DOMAIN, "safepath"),
}


def template_path(domain: str, locales_dir: Path | None = None) -> Path:
    return Path(locales_dir or paths.locales_dir()) / f"{domain}.pot"


def _method_map(root: Path):
    """``babel.cfg`` of ``root``; an author's own folder has none and uses the game's (same patterns)."""
    from babel.messages.frontend import parse_mapping_cfg

    config = root / "babel.cfg"
    if not config.is_file():
        config = paths.project_root() / "babel.cfg"
    with open(config, encoding="utf-8") as fh:
        return parse_mapping_cfg(fh, str(config))


def build_template(domain: str, root: Path | None = None) -> Catalog:
    """Extract one domain's template in memory, exactly as ``pybabel extract -F babel.cfg`` would."""
    root = Path(root or paths.project_root())
    source = SOURCES[domain]
    method_map, options_map = _method_map(root)
    catalog = Catalog(project=PROJECT, version=_version, copyright_holder=COPYRIGHT_HOLDER, charset="utf-8",
                      msgid_bugs_address="")
    cwd = os.getcwd()
    try:
        # References are written relative to the project root (content/scenarios/x.yaml:42).
        os.chdir(root)
        for filename, lineno, message, comments, context in extract_from_dir(
            source.folder,
            method_map,
            options_map,
            keywords=DEFAULT_KEYWORDS,
            comment_tags=COMMENT_TAGS,
            strip_comment_tags=True,
        ):
            filepath = os.path.normpath(os.path.join(source.folder, filename)).replace(os.sep, "/")
            catalog.add(message, None, [(filepath, lineno)], auto_comments=comments, context=context)
    finally:
        os.chdir(cwd)
    return catalog


def read_catalog_file(fileobj, **options) -> Catalog:
    """``read_po``, plus the previous English of fuzzy entries (``#| msgid "..."``).

    Babel writes previous msgids but reads them back as translator comments
    (``# | msgid "..."``), which would pile up on every update; here they become
    ``previous_id`` again, so they are written once and ``i18n status`` can quote them.
    """
    catalog = read_po(fileobj, **options)
    for message in list(catalog) + list(catalog.obsolete.values()):
        kept, previous, part = [], {}, None
        for comment in message.user_comments:
            if not comment.startswith("| "):
                kept.append(comment)
                continue
            body = comment[2:].strip()
            keyword, _, rest = body.partition(" ")
            if keyword in ("msgid", "msgid_plural", "msgctxt"):
                part, body = keyword, rest
            if part is None or not body.startswith('"'):
                kept.append(comment)
                continue
            previous.setdefault(part, []).append(body)
        if previous.get("msgid"):
            message.user_comments = kept
            message.previous_id = [denormalize("\n".join(previous[k])) for k in ("msgid", "msgid_plural") if k in previous]
    return catalog


def _render(catalog: Catalog, **options) -> bytes:
    """The ``.po`` text; fuzzy entries keep their previous English (``#| msgid``), which Poedit shows as a diff."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=76, include_previous=True, **options)
    return buffer.getvalue()


def _without_dates(data: bytes) -> bytes:
    """The file minus the header dates that change on every run, to compare contents."""
    return re.sub(rb'^"(POT-Creation-Date|PO-Revision-Date): [^"]*"$', b"", data, flags=re.M)


def _write_if_changed(path: Path, data: bytes) -> None:
    """Rewrite only when more than the dates changed, so version control shows real changes only."""
    try:
        if _without_dates(path.read_bytes()) == _without_dates(data):
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_template(domain: str, root: Path | None = None, locales_dir: Path | None = None) -> Path:
    catalog = build_template(domain, root)
    out = template_path(domain, locales_dir or (Path(root) / "locales" if root else None))
    _write_if_changed(out, _render(catalog, omit_header=False))
    return out


def update_catalogs(
    root: Path | None = None,
    languages: tuple[str, ...] = SHIPPED_LANGUAGES,
    extract: bool = True,
    domains: tuple[str, ...] = tuple(SOURCES),
    reports: dict[Path, "MergeReport"] | None = None,
) -> list[Path]:
    """Re-extract (optional), then merge each template into every language (like ``pybabel update``,
    but see :func:`merge`). ``reports``, when given, receives what the merge did for each catalog."""
    root = Path(root or paths.project_root())
    locales = root / "locales"
    written = []
    for domain in domains:
        pot = write_template(domain, root, locales) if extract else template_path(domain, locales)
        with open(pot, "rb") as fh:
            template = read_po(fh)
        unreadable = unreadable_sources(root, domain, template)
        for lang in languages:
            po = locales / lang / "LC_MESSAGES" / f"{domain}.po"
            if po.exists():
                with open(po, "rb") as fh:
                    catalog = read_catalog_file(fh, locale=lang)
                _fix_plural_forms(catalog, lang)
                report = merge(catalog, template, keep_from=unreadable)
                if reports is not None:
                    reports[po] = report
            else:
                catalog = Catalog(
                    locale=lang,
                    domain=domain,
                    project=PROJECT,
                    version=_version,
                    copyright_holder=COPYRIGHT_HOLDER,
                    charset="utf-8",
                    fuzzy=False,
                    header_comment=HEADER_COMMENT.format(language=LANGUAGE_ENGLISH_NAMES.get(lang, lang)),
                    last_translator=DRAFT_TRANSLATOR,
                    language_team=f"{LANGUAGE_ENGLISH_NAMES.get(lang, lang)} (SafePath volunteers)",
                )
                _fix_plural_forms(catalog, lang)
                catalog.update(template)
                catalog.revision_date = _dt.datetime.now(_dt.timezone.utc)
            if lang == "en":
                fill_english(catalog)
            _write_if_changed(po, _render(catalog))
            written.append(po)
    return written


# -- merging a template into a catalog -------------------------------------------------------------
#: a content context "scenario/scene/line/<index or id>[/feedback]", split where a position can move
_SLOT = re.compile(r"^(?P<scene>[^/]+/[^/]+)/(?P<kind>line|choice)/(?P<slot>[^/]+)(?P<tail>(?:/.+)?)$")


@dataclass
class MergeReport:
    """What :func:`merge` did beyond exact matches (for tests and for ``safepath i18n update``'s output)."""

    moved: list[tuple[str, str]] = field(default_factory=list)  # (old msgctxt, new msgctxt), kept as translated
    fuzzy: list[tuple[str, str]] = field(default_factory=list)  # (source msgctxt, new msgctxt), to check
    #: msgctxt of translated entries this update made obsolete (``#~``): the source no longer has them
    obsoleted: list[str] = field(default_factory=list)
    #: source file -> msgctxt of its entries kept as they are because the file could not be read this time
    kept: dict[str, list[str]] = field(default_factory=dict)


def unreadable_sources(root: Path, domain: str, template: Catalog) -> set[str]:
    """Content files that exist but gave the template no text (the loader could not read them).

    Without this a story with one YAML mistake would lose every translation to ``#~`` on the next
    update; its entries are kept until the file reads again. Paths as the ``#:`` references write them.
    """
    if domain != CONTENT_DOMAIN:
        return set()
    folder = Path(root) / SOURCES[domain].folder
    found = {location[0] for message in template for location in message.locations}
    out = set()
    for path in folder.rglob("*.y*ml"):
        reference = path.relative_to(root).as_posix()
        if path.suffix in (".yaml", ".yml") and reference not in found:
            out.add(reference)
    return out


def _key(message: Message) -> tuple[str, str]:
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return (message.context or "", msgid)


def _scenario_of(context: str) -> str:
    """The part of a msgctxt fuzzy guesses may not cross: the scenario (or ``red-flag``, ``helpline``)."""
    return context.split("/", 1)[0]


def _slot_group(context: str) -> tuple[str, str, str] | None:
    m = _SLOT.match(context)
    return (m.group("scene"), m.group("kind"), m.group("tail")) if m else None


def _slot_distance(a: str, b: str) -> tuple[int, str]:
    sa, sb = _SLOT.match(a).group("slot"), _SLOT.match(b).group("slot")
    if sa.isdigit() and sb.isdigit():
        return abs(int(sa) - int(sb)), b
    return 10**6, b


def merge(catalog: Catalog, template: Catalog, keep_from: set[str] = frozenset()) -> MergeReport:
    """``catalog.update(template)``, minus two guesses that make translators re-check unchanged text.

    ``pybabel update`` (Babel's ``Catalog.update``) looks entries up by (msgid, msgctxt) and,
    for anything new, takes the most similar msgid of the *whole* catalog as a fuzzy guess. With
    positional contexts (``dream-job/ad/line/2``) that goes wrong twice:

    * a line inserted at the top of a scene moves every line below it to a new context; Babel
      marks each of them fuzzy (the game then shows English) although not a word changed. Here
      an entry whose English is identical and whose context differs only in the position (or
      the new ``id:``) within the same scene and list keeps its translation as it is;
    * a brand-new story got guesses copied from *other* stories, which a translator cannot tell
      from real stale entries. Here a guess comes from the same scenario only: first the entry
      that was in the same place (the English there changed: fuzzy, which is what translators
      want), then the most similar English of the same scenario (Babel's own matcher).

    Everything else (comments, flags, plural forms, obsolete entries) is Babel's ``update``, except
    that nothing becomes obsolete unsaid: the report names every translated entry that did, and
    entries of a file in ``keep_from`` (it exists but could not be read) stay as they are.
    """
    report = MergeReport()
    obsolete_before = set(catalog.obsolete)
    old = {_key(m): m for m in catalog if m.id}
    wanted = [m for m in template if m.id]
    wanted_keys = {_key(m) for m in wanted}
    unmatched = [m for m in wanted if _key(m) not in old]
    spare = {k: m for k, m in old.items() if k not in wanted_keys}  # old entries nothing asks for as they are

    # 1. identical English whose position moved within its scene: carry the translation over, not fuzzy
    still = []
    for message in unmatched:
        context, msgid = _key(message)
        group = _slot_group(context)
        candidates = [k for k in spare if k[1] == msgid and group is not None and _slot_group(k[0]) == group]
        if not candidates:
            still.append(message)
            continue
        source = min(candidates, key=lambda k: _slot_distance(context, k[0]))
        _move(catalog, spare.pop(source), message.id, context)
        report.moved.append((source[0], context))
    # 2. the same place with changed English, then the most similar English of the same scenario: fuzzy
    guesses: dict[tuple[str, str], tuple[Message, bool]] = {}
    for message in still:
        context, msgid = _key(message)
        same_place = next((k for k in spare if k[0] == context and context and spare[k].string), None)
        if same_place is not None:
            guesses[(context, msgid)] = (spare.pop(same_place), True)
            continue
        pool = {k[1].lower().strip(): k for k, m in old.items()
                if m.string and k[1] and _scenario_of(k[0]) == _scenario_of(context) and k not in guesses}
        close = get_close_matches(msgid.lower().strip(), pool.keys(), 1)
        if close:
            guesses[(context, msgid)] = (old[pool[close[0]]], False)
    for (context, msgid), (source, _same_place) in guesses.items():
        target = next(m for m in still if _key(m) == (context, msgid))
        _copy_as_guess(catalog, source, target)
        report.fuzzy.append((source.context or "", context))
    used_as_guess = {_key(source) for source, _same_place in guesses.values()}
    kept_previous = {_key(m): list(m.previous_id) for m in catalog if m.id and m.fuzzy and m.previous_id}
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    previous = {(c, m): source for (c, m), (source, _s) in guesses.items()}
    for message in catalog:
        if not message.id or not message.fuzzy:
            continue
        source = previous.get(_key(message))
        if source is not None:
            message.previous_id = [source.id] if isinstance(source.id, str) else list(source.id)
        elif _key(message) in kept_previous:  # still fuzzy from an earlier update: keep what it was
            message.previous_id = kept_previous[_key(message)]
    for key in list(catalog.obsolete):
        entry = catalog.obsolete[key]
        if _key(entry) in used_as_guess:  # like Babel: a guess's source is not also kept as obsolete
            del catalog.obsolete[key]
            continue
        if key in obsolete_before:
            continue
        source = entry.locations[0][0] if entry.locations else ""
        if source in keep_from:  # the story is still there, only unreadable today: keep its translations
            del catalog.obsolete[key]
            catalog[entry.id] = entry
            report.kept.setdefault(source, []).append(entry.context or "")
        elif entry.string and (not isinstance(entry.string, (list, tuple)) or any(entry.string)):
            report.obsoleted.append(entry.context or "")
    return report


def _move(catalog: Catalog, entry: Message, new_id, new_context: str) -> None:
    """Re-file ``entry`` under a new context, translation, comments and flags unchanged."""
    catalog.delete(entry.id, entry.context)
    catalog.add(new_id, entry.string, list(entry.locations), set(entry.flags), list(entry.auto_comments),
                list(entry.user_comments), list(entry.previous_id), entry.lineno, new_context)


def _copy_as_guess(catalog: Catalog, source: Message, target: Message) -> None:
    """A fuzzy copy of ``source``'s translation under ``target``'s key, for Babel's update to keep."""
    string = source.string
    if isinstance(target.id, (list, tuple)) and not isinstance(string, (list, tuple)):
        string = tuple([string] + [""] * (len(target.id) - 1))
    elif not isinstance(target.id, (list, tuple)) and isinstance(string, (list, tuple)):
        string = string[0]
    catalog.add(target.id, string, [], set(source.flags) | {"fuzzy"}, [], list(source.user_comments),
                [], None, target.context)


def _fix_plural_forms(catalog: Catalog, lang: str) -> None:
    wanted = PLURAL_FORMS.get(lang)
    if wanted and catalog.plural_forms != wanted:
        headers = [(k, v) for k, v in catalog.mime_headers if k.lower() != "plural-forms"]
        catalog.mime_headers = headers + [("Plural-Forms", wanted)]


def fill_english(catalog: Catalog) -> int:
    """English translations are the English source: copy msgid into empty or stale msgstr."""
    changed = 0
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, (list, tuple)):
            singular, plural = message.id[0], message.id[1]
            wanted = tuple([singular] + [plural] * (max(catalog.num_plurals, 2) - 1))
            if message.fuzzy or tuple(message.string or ()) != wanted:
                message.string = wanted
                changed += 1
        elif message.fuzzy or message.string != message.id:
            message.string = message.id
            changed += 1
        if message.fuzzy:
            message.flags.discard("fuzzy")
        message.previous_id = []
    return changed
