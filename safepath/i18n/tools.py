"""Extracting templates and updating catalogs through Babel's API.

These do what the documented ``pybabel`` commands do (same ``babel.cfg``, same
extractor), so a translator can use either. ``safepath i18n update`` adds one
step ``pybabel`` cannot know about: the English catalog's translations are
copies of the English source, refreshed on every update (see
``docs/translating.md``, "English").
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

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
    from babel.messages.frontend import parse_mapping_cfg

    with open(root / "babel.cfg", encoding="utf-8") as fh:
        return parse_mapping_cfg(fh, str(root / "babel.cfg"))


def build_template(domain: str, root: Path | None = None) -> Catalog:
    """Extract one domain's template in memory, exactly as ``pybabel extract -F babel.cfg`` would."""
    root = Path(root or paths.project_root())
    source = SOURCES[domain]
    method_map, options_map = _method_map(root)
    catalog = Catalog(project=PROJECT, version=_version, charset="utf-8", msgid_bugs_address="")
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


def _render(catalog: Catalog, **options) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=76, **options)
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
) -> list[Path]:
    """Re-extract (optional), then merge each template into every language (like ``pybabel update``)."""
    root = Path(root or paths.project_root())
    locales = root / "locales"
    written = []
    for domain in domains:
        pot = write_template(domain, root, locales) if extract else template_path(domain, locales)
        with open(pot, "rb") as fh:
            template = read_po(fh)
        for lang in languages:
            po = locales / lang / "LC_MESSAGES" / f"{domain}.po"
            if po.exists():
                with open(po, "rb") as fh:
                    catalog = read_po(fh, locale=lang)
                _fix_plural_forms(catalog, lang)
                catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
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
