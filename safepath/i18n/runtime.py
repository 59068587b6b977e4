"""Translators and the current language.

A :class:`Translator` answers for one language over both domains: ``safepath``
(the interface) and ``content`` (scenarios, the red-flag catalogue,
helplines). Anything it cannot translate falls back to the English source and
is counted in :attr:`Translator.missing`, so ``safepath i18n status`` and play
tests can report what a player would have seen in English.

Screens call :func:`_` when they draw or lay out text, not at import time, so
:func:`set_language` while playing changes every string on the next frame.
Strings defined at import time are marked with :func:`N_` (extracted, not
translated) and passed through :func:`_` when shown.
"""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path
from typing import Any, Callable

import safepath.i18n.formatting as formatting
from safepath.i18n.catalogs import CONTENT_DOMAIN, DOMAINS, UI_DOMAIN, MessageTable, load_table, po_path
from safepath.i18n.pseudo import PSEUDO_LANGUAGE, is_pseudo, pseudo_translate

SOURCE_LANGUAGE = "en"
#: Languages a player can pick, in menu order, with their own names.
LANGUAGE_NAMES = {"th": "ภาษาไทย", "my": "မြန်မာဘာသာ", "en": "English"}


class _Missing:
    """Sentinel for 'no usable translation'."""


def _format(text: str, fallback: str, kwargs: dict[str, Any]) -> str:
    """``str.format`` with the arguments; a broken translation formats the English instead."""
    if not kwargs:
        return text
    try:
        return text.format(**kwargs)
    except (KeyError, IndexError, ValueError, AttributeError):
        try:
            return fallback.format(**kwargs)
        except (KeyError, IndexError, ValueError, AttributeError):
            return fallback


#: puts an NGO's own catalog on top of a bundled one: (table, lang, domain) -> table; installed by
#: :func:`safepath.i18n.local.install` (the app does it), so this module never imports the checks it runs
_overlay: Callable[[MessageTable, str, str], MessageTable] | None = None


def set_overlay(overlay: Callable[[MessageTable, str, str], MessageTable] | None) -> None:
    """Use ``overlay`` for every catalog of the game's own folder from now on (loaded tables are read again)."""
    global _overlay
    _overlay = overlay
    with _state_lock:
        for translator in _translators.values():
            translator.reload()


class Translator:
    """Translations for one language, loaded once from ``locales/``.

    ``missing`` counts ``(domain, context, msgid)`` for every lookup that fell
    back to English. English itself is a catalog like the others (its msgstr
    copies the msgid), so a string missing from ``en`` is counted too: it means
    the catalogs were not updated after the source changed.
    """

    def __init__(self, lang: str, locales_dir: Path | str | None = None) -> None:
        self.lang = PSEUDO_LANGUAGE if is_pseudo(lang) else lang
        self.locales_dir = Path(locales_dir) if locales_dir else None
        self.missing: Counter[tuple[str, str, str]] = Counter()
        self._tables: dict[str, MessageTable] = {}
        #: (domain, context, msgid) -> whether the catalog's translation may be shown (see `_usable`)
        self._verdicts: dict[tuple[str, str, str], bool] = {}
        self._lock = threading.Lock()

    # -- catalogs -------------------------------------------------------
    @property
    def is_pseudo(self) -> bool:
        return self.lang == PSEUDO_LANGUAGE

    @property
    def locale(self):
        """The Babel :class:`~babel.Locale` used for numbers and dates."""
        return formatting.cldr_locale(self.lang)

    def table(self, domain: str) -> MessageTable:
        table = self._tables.get(domain)
        if table is None:
            with self._lock:
                table = self._tables.get(domain)
                if table is None:
                    lang = SOURCE_LANGUAGE if self.is_pseudo else self.lang
                    table = load_table(po_path(lang, domain, self.locales_dir))
                    if domain == CONTENT_DOMAIN and _own_locales:
                        table = _with_own_catalogs(table, lang, _own_locales)
                    if self.locales_dir is None and _overlay is not None:  # an NGO's local file goes on top
                        table = _overlay(table, lang, domain)
                    self._tables[domain] = table
        return table

    def _lookup(self, domain: str, context: str | None, msgid: str) -> str | list[str] | type[_Missing]:
        found = self.table(domain).lookup(context, msgid)
        key = (domain, context or "", msgid)
        if found is None or (isinstance(found, str) and not self._usable(key, found, None)):
            self.missing[key] += 1
            return _Missing
        return found  # plural forms are judged by npgettext, which knows the English plural

    def _usable(self, key: tuple[str, str, str], found: str | list[str], plural: str | None) -> bool:
        """Whether a catalog's translation passes the placeholder check (judged once per string).

        A translation that drops, renames or adds a placeholder, or writes one with an attribute,
        index or format the English does not have (``{reason.__class__}``, ``{reason:>100000000}``),
        or that has nothing visible, is not shown: the English is, and it counts as a fallback.
        """
        verdict = self._verdicts.get(key)
        if verdict is None:
            from safepath.i18n.placeholders import usable_translation

            msgid = key[2]
            if isinstance(found, str):
                verdict = usable_translation(msgid, found, plural)
            else:
                verdict = bool(found) and all(usable_translation(msgid, form, plural if plural is not None else msgid)
                                              for form in found)
            self._verdicts[key] = verdict
        return verdict

    # -- gettext API ----------------------------------------------------
    def gettext(self, msgid: str, domain: str = UI_DOMAIN, **kwargs: Any) -> str:
        return self.pgettext(None, msgid, domain=domain, **kwargs)

    def pgettext(self, context: str | None, msgid: str, domain: str = UI_DOMAIN, **kwargs: Any) -> str:
        if not msgid:
            return msgid
        found = self._lookup(domain, context, msgid)
        if found is _Missing or not isinstance(found, str):
            text = msgid
        else:
            text = found
        if self.is_pseudo:
            text = pseudo_translate(text)
        return _format(text, msgid, kwargs)

    def ngettext(self, singular: str, plural: str, n: int, domain: str = UI_DOMAIN, **kwargs: Any) -> str:
        return self.npgettext(None, singular, plural, n, domain=domain, **kwargs)

    def npgettext(
        self, context: str | None, singular: str, plural: str, n: int, domain: str = UI_DOMAIN, **kwargs: Any
    ) -> str:
        """Plural-aware lookup; ``{n}`` is always available to the format string."""
        kwargs.setdefault("n", n)
        english = singular if n == 1 else plural
        found = self._lookup(domain, context, singular)
        if isinstance(found, list) and not self._usable((domain, context or "", singular), found, plural):
            self.missing[(domain, context or "", singular)] += 1
            found = _Missing
        if isinstance(found, list) and found:
            index = self.table(domain).plural_index(n)
            text = found[index] if 0 <= index < len(found) else found[-1]
        else:
            text = english
        if self.is_pseudo:
            text = pseudo_translate(text)
        return _format(text, english, kwargs)

    def translates(self, msgid: str, context: str | None = None, domain: str = UI_DOMAIN) -> bool:
        """Whether this language has a usable translation of ``msgid`` (nothing is counted as missing).

        English, the source, translates everything; the pseudo-language too. For two languages at
        once (:func:`pair`) a string one of them lacks is shown once, not once translated and once
        in English.
        """
        if not msgid or self.lang == SOURCE_LANGUAGE or self.is_pseudo:
            return True
        found = self.table(domain).lookup(context, msgid)
        if found is None:
            return False
        return self._usable((domain, context or "", msgid), found, None if isinstance(found, str) else msgid)

    def text(self, model_text, **kwargs: Any) -> str:
        """A scenario :class:`safepath.story.model.Text`, asked by its ``(context, English)`` pair.

        Money and number placeholders (``{baht:45000}``) are written out here, for this
        language, so every screen, the terminal player and the exported script show the
        same CLDR-formatted amounts (:mod:`safepath.i18n.amounts`).
        """
        if model_text is None:
            return ""
        translated = self.pgettext(model_text.context, model_text.text, domain=CONTENT_DOMAIN)
        # an untranslated text is shown in English: its amounts too ("45,000 Thai baht", not "45,000 บาทไทย")
        written_in = self.lang if self.is_pseudo or translated != model_text.text else SOURCE_LANGUAGE
        import safepath.i18n.amounts as amounts  # story text only: the title screen (the first frame) has none

        shown = amounts.expand(translated, written_in)
        return _format(shown, shown, kwargs)

    # -- CLDR formatting ------------------------------------------------
    def format_number(self, number) -> str:
        return formatting.format_number(number, self.lang)

    def format_percent(self, fraction: float) -> str:
        return formatting.format_percent(fraction, self.lang)

    def format_money(self, amount, currency: str) -> str:
        return formatting.format_money(amount, currency, self.lang)

    def format_date(self, date, width: str = "long") -> str:
        return formatting.format_date(date, self.lang, width)

    def format_time(self, time, width: str = "short") -> str:
        return formatting.format_time(time, self.lang, width)

    # -- reports --------------------------------------------------------
    def missing_count(self, domain: str | None = None) -> int:
        """How many different strings fell back to English (optionally in one domain)."""
        return sum(1 for (d, _c, _m) in self.missing if domain is None or d == domain)

    def fallbacks(self, domain: str | None = None) -> list[tuple[str, str, str]]:
        """Every different string shown in English so far, as (domain, msgctxt, English), first seen first.

        For the author overlay: it can list exactly which texts a player of this language
        would read in English.
        """
        return [key for key in self.missing if domain is None or key[0] == domain]

    def fallback_note(self) -> str:
        """"12 strings shown in English", in this language; "" when there were none.

        Empty for English itself: there a missing entry means only that the English catalog
        is out of date (``safepath i18n status`` says so), and the player reads the same words.
        """
        count = self.missing_count()
        if not count or self.lang == SOURCE_LANGUAGE or self.is_pseudo:
            return ""
        return self.ngettext("{n} string shown in English", "{n} strings shown in English", count)

    def reload(self) -> None:
        """Forget loaded catalogs (author mode): the next lookup reads the ``.po`` files again."""
        with self._lock:
            self._tables.clear()
            self._verdicts.clear()

    def __repr__(self) -> str:
        return f"Translator({self.lang!r})"


def _with_own_catalogs(table: MessageTable, lang: str, folders: tuple[Path, ...]) -> MessageTable:
    """The game's content table with the author's own entries laid over it (theirs win on the same key)."""
    messages = dict(table.messages)
    for folder in folders:
        messages.update(load_table(po_path(lang, CONTENT_DOMAIN, folder)).messages)
    return MessageTable(messages, table.plural_forms)


#: ``locales/`` folders of authors' own story folders, read for the content domain after the game's own
_own_locales: tuple[Path, ...] = ()


def use_own_catalogs(*locales_dirs: Path | str | None) -> None:
    """Stories from an author's own folder bring their translations in its ``locales/`` (beside ``content/``).

    Their content entries are looked up together with the game's (red flags and helplines stay
    translated by the game's catalogs). Called with nothing, only the game's catalogs are used.
    """
    global _own_locales
    wanted = tuple(Path(d) for d in locales_dirs if d)
    if wanted == _own_locales:
        return
    _own_locales = wanted
    with _state_lock:
        for translator in _translators.values():
            translator.reload()


def own_catalogs() -> tuple[Path, ...]:
    """The authors' ``locales/`` folders in use (for author mode's watcher)."""
    return _own_locales


def catalog_setup() -> tuple:
    """Which catalogs this process reads on top of the bundled ones: the overlay and the authors' folders.

    A child process (:mod:`safepath.child_job`) is given it, so it translates exactly as this one does."""
    return _overlay, _own_locales


def use_catalog_setup(setup: tuple) -> None:
    """Read the catalogs :func:`catalog_setup` described (in another process)."""
    overlay, own = setup
    if overlay is not _overlay:
        set_overlay(overlay)
    use_own_catalogs(*own)


_translators: dict[tuple[str, Path | None], Translator] = {}
_current: Translator | None = None
_state_lock = threading.Lock()


def get_translator(lang: str, locales_dir: Path | str | None = None) -> Translator:
    """The shared translator for a language (created once, so counts accumulate)."""
    key = (PSEUDO_LANGUAGE if is_pseudo(lang) else lang, Path(locales_dir) if locales_dir else None)
    with _state_lock:
        translator = _translators.get(key)
        if translator is None:
            translator = _translators[key] = Translator(lang, locales_dir)
        return translator


def set_language(lang: str, locales_dir: Path | str | None = None) -> Translator:
    """Switch the whole game to ``lang``; the next :func:`_` call uses it."""
    global _current
    translator = get_translator(lang, locales_dir)
    _current = translator
    return translator


def current() -> Translator:
    """The translator for the language in use (English until :func:`set_language`)."""
    global _current
    if _current is None:
        _current = get_translator(SOURCE_LANGUAGE)
    return _current


def current_language() -> str:
    return current().lang


def _(msgid: str, **kwargs: Any) -> str:
    """Translate an interface string in the current language, then fill ``{placeholders}``."""
    return current().gettext(msgid, **kwargs)


def gettext(msgid: str, **kwargs: Any) -> str:
    return current().gettext(msgid, **kwargs)


def pgettext(context: str, msgid: str, **kwargs: Any) -> str:
    return current().pgettext(context, msgid, **kwargs)


def ngettext(singular: str, plural: str, n: int, **kwargs: Any) -> str:
    return current().ngettext(singular, plural, n, **kwargs)


def npgettext(context: str, singular: str, plural: str, n: int, **kwargs: Any) -> str:
    return current().npgettext(context, singular, plural, n, **kwargs)


def N_(msgid: str) -> str:
    """Mark a string for extraction without translating it now (module constants)."""
    return msgid


def text(model_text, **kwargs: Any) -> str:
    """A scenario :class:`~safepath.story.model.Text` in the current language."""
    return current().text(model_text, **kwargs)


# -- two languages at once ------------------------------------------------------------------------
#: the language shown under the current one (None: only one language; the default)
_second: str | None = None


def set_second_language(lang: str | None) -> None:
    """Show ``lang`` under the current language from the next frame on (None: one language only)."""
    global _second
    _second = lang or None


def second_language() -> str | None:
    """The second language in use, or None; never the same as :func:`current_language`."""
    if _second is None or _second == current_language() or is_pseudo(_second):
        return None
    return _second


def second_language_problem(primary: str | None, second: str | None) -> str | None:
    """Why ``second`` cannot be the second language beside ``primary`` (a plain English sentence), or None.

    For the command line (``--lang th --second-lang my``), which says it before anything starts.
    """
    if second is None:
        return None
    if second not in LANGUAGE_NAMES:
        return (f"--second-lang {second!r} is not a language SafePath has: choose one of "
                f"{', '.join(LANGUAGE_NAMES)}.")
    if second == (primary or SOURCE_LANGUAGE):
        return (f"--second-lang {second} is the same as the game's language: choose another "
                f"language, or leave --second-lang out to show one language.")
    return None


def swap_languages() -> tuple[str, str] | None:
    """Make the second language the first and the first the second; the new ``(first, second)``, or None.

    Nothing changes (None) when there is no second language.
    """
    second = second_language()
    if second is None:
        return None
    first = current_language()
    set_language(second)
    set_second_language(first)
    return second, first


def _paired(first: Translator, second_lang: str | None, shown: str, translated: Callable[[Translator], bool],
            render: Callable[[Translator], str]) -> tuple[str, str | None]:
    """``(shown, the same in the second language)``, the second None when it would repeat or fall back."""
    if second_lang is None or not translated(first):
        return shown, None
    other = get_translator(second_lang, first.locales_dir)
    if not translated(other):
        return shown, None
    under = render(other)
    return shown, (under if under and under != shown else None)


def text_pair(model_text, **kwargs: Any) -> tuple[str, str | None]:
    """A scenario text in the current language and in the second one: ``(primary, secondary or None)``.

    The secondary is None with no second language, when it reads the same as the primary, or when
    either language has no translation of it (it would repeat the English): a string not
    translated in one of the two languages is shown once, not twice.
    """
    return text_pair_in(current(), second_language(), model_text, **kwargs)


def text_pair_in(first: Translator, second_lang: str | None, model_text, **kwargs: Any) -> tuple[str, str | None]:
    """:func:`text_pair` for a screen that names its languages (``first``'s translator, ``second_lang``)."""
    shown = first.text(model_text, **kwargs)
    if model_text is None or second_lang == first.lang:
        return shown, None
    return _paired(first, second_lang, shown,
                   lambda tr: tr.translates(model_text.text, model_text.context, CONTENT_DOMAIN),
                   lambda tr: tr.text(model_text, **kwargs))


def pair(msgid: str, context: str | None = None, **kwargs: Any) -> tuple[str, str | None]:
    """An interface string in the current language and in the second one (see :func:`text_pair`)."""
    return pair_in(current(), second_language(), msgid, context, **kwargs)


def pair_in(first: Translator, second_lang: str | None, msgid: str, context: str | None = None,
            **kwargs: Any) -> tuple[str, str | None]:
    """:func:`pair` for a screen that names its languages.

    A placeholder's value may be a scenario text (``title=red_flag.title``): it is translated
    in each language, and the pair has a secondary only when the sentence and every such text
    are translated in both ("Red flag spotted: {title}" is never half Thai, half English).
    """
    texts = {k: v for k, v in kwargs.items() if hasattr(v, "context") and hasattr(v, "text")}

    def filled(tr: Translator) -> dict[str, Any]:
        return {**kwargs, **{k: tr.text(v) for k, v in texts.items()}}

    def translated(tr: Translator) -> bool:
        return tr.translates(msgid, context) and all(tr.translates(v.text, v.context, CONTENT_DOMAIN)
                                                     for v in texts.values())

    shown = first.pgettext(context, msgid, **filled(first))
    if second_lang == first.lang:
        return shown, None
    return _paired(first, second_lang, shown, translated, lambda tr: tr.pgettext(context, msgid, **filled(tr)))


def reset() -> None:
    """Forget every translator and the second language (tests, author mode reload)."""
    global _current, _second
    with _state_lock:
        _translators.clear()
        _current = None
        _second = None


__all__ = [
    "CONTENT_DOMAIN",
    "DOMAINS",
    "LANGUAGE_NAMES",
    "SOURCE_LANGUAGE",
    "UI_DOMAIN",
    "Translator",
    "N_",
    "_",
    "current",
    "current_language",
    "get_translator",
    "gettext",
    "ngettext",
    "npgettext",
    "pgettext",
    "reset",
    "set_language",
    "text",
    "use_own_catalogs",
    "own_catalogs",
    "pair",
    "pair_in",
    "second_language",
    "second_language_problem",
    "set_second_language",
    "swap_languages",
    "text_pair",
    "text_pair_in",
]
