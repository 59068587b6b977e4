"""Numbers, money, dates and times in the player's language, from CLDR via Babel.

A salary offer reads "฿45,000" to a Thai player and "45,000 ฿" to a Burmese
one; the game never builds these strings by hand. Digits stay as CLDR's Babel
data gives them (Western digits for Thai, Burmese and English). Whole amounts
of money are shown without ".00": job ads quote round salaries, and fewer
characters are easier to read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - typing only
    import datetime as _dt
    from decimal import Decimal

    from babel import Locale

# Babel (and decimal, datetime) are imported on first use, not with this module: Babel's locale data
# takes ~10 ms to import, and the game's first screen formats no number or date (start-up time).


def _dates():
    from babel import dates

    return dates


def _numbers():
    from babel import numbers

    return numbers


#: game language -> CLDR locale used for formatting (the pseudo-locale formats like English).
CLDR_LOCALES = {"th": "th_TH", "my": "my_MM", "en": "en"}


@lru_cache(maxsize=16)
def cldr_locale(lang: str) -> "Locale":
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(CLDR_LOCALES.get(lang, lang))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse("en")


def format_number(number: int | float | Decimal, lang: str) -> str:
    return _numbers().format_decimal(number, locale=cldr_locale(lang))


def format_percent(fraction: float, lang: str) -> str:
    return _numbers().format_percent(fraction, locale=cldr_locale(lang))


def format_money(amount: int | float | Decimal, currency: str, lang: str) -> str:
    """An amount of ``THB`` (baht) or ``MMK`` (kyat), with the locale's symbol and order."""
    locale = cldr_locale(lang)
    from decimal import Decimal

    if Decimal(str(amount)) == Decimal(str(amount)).to_integral_value():
        pattern = locale.currency_formats["standard"].pattern
        whole = re.sub(r"\.0+", "", pattern)
        return _numbers().format_currency(amount, currency, format=whole, locale=locale, currency_digits=False)
    return _numbers().format_currency(amount, currency, locale=locale)


def format_money_name(amount: int | float | Decimal, currency: str, lang: str) -> str:
    """An amount with the currency's name in words, CLDR's way: "45,000 Thai baht", "45,000 บาทไทย".

    Used for ``{baht:…}`` and ``{kyat:…}`` in story text (see :mod:`safepath.i18n.amounts` for why
    names, not symbols). Whole amounts have no ".00"; others keep the currency's own digits.
    """
    from decimal import Decimal

    value = Decimal(str(amount))
    whole = value == value.to_integral_value()
    return _numbers().format_currency(value, currency, locale=cldr_locale(lang), format_type="name",
                                      currency_digits=not whole)


def format_date(date: _dt.date, lang: str, width: str = "long") -> str:
    return _dates().format_date(date, format=width, locale=cldr_locale(lang))


def format_time(time: _dt.time | _dt.datetime, lang: str, width: str = "short") -> str:
    return _dates().format_time(time, format=width, locale=cldr_locale(lang))


def format_datetime(moment: _dt.datetime, lang: str, width: str = "medium") -> str:
    return _dates().format_datetime(moment, format=width, locale=cldr_locale(lang))
