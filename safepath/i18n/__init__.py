"""Translation for SafePath: catalogs, the current language, CLDR formatting.

Import what screens and tools need from here::

    from safepath.i18n import _, ngettext, set_language, current

``_("Play")`` translates an interface string in the current language at call
time; ``current().text(scene_line.text)`` translates scenario text;
``current().format_money(45000, "THB")`` formats money the CLDR way;
``text_pair(line.text)`` gives ``(primary, secondary or None)`` when a second
language is shown under the first (:func:`set_second_language`). The
package never imports pygame. See ``docs/translating.md`` for the workflow.
"""

from safepath.i18n.catalogs import CONTENT_DOMAIN, DOMAINS, SHIPPED_LANGUAGES, UI_DOMAIN
from safepath.i18n.formatting import format_date, format_money, format_number, format_time
from safepath.i18n.pseudo import PSEUDO_LANGUAGE, pseudo_translate
from safepath.i18n.runtime import (
    LANGUAGE_NAMES,
    SOURCE_LANGUAGE,
    N_,
    Translator,
    _,
    current,
    current_language,
    get_translator,
    gettext,
    ngettext,
    npgettext,
    pgettext,
    pair,
    pair_in,
    reset,
    second_language,
    set_language,
    set_second_language,
    swap_languages,
    text,
    text_pair,
    text_pair_in,
)

__all__ = [
    "CONTENT_DOMAIN",
    "DOMAINS",
    "LANGUAGE_NAMES",
    "PSEUDO_LANGUAGE",
    "SHIPPED_LANGUAGES",
    "SOURCE_LANGUAGE",
    "UI_DOMAIN",
    "N_",
    "Translator",
    "_",
    "current",
    "current_language",
    "format_date",
    "format_money",
    "format_number",
    "format_time",
    "get_translator",
    "gettext",
    "ngettext",
    "npgettext",
    "pair",
    "pair_in",
    "pgettext",
    "pseudo_translate",
    "reset",
    "second_language",
    "set_language",
    "set_second_language",
    "swap_languages",
    "text",
    "text_pair",
    "text_pair_in",
]
