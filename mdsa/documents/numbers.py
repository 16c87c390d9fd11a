"""Dutch numbers and dates as residents read them: ``1.234``, ``12,5%``, ``3 december 2026``.

Plain Python, no locale: the machine's locale must not change a letter.
"""

from __future__ import annotations

from datetime import date

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def dutch_number(value: float, decimals: int = 0) -> str:
    """``1234.5`` -> ``1.234,5`` with ``decimals=1``; a point groups thousands, a comma decimals."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def dutch_percent(fraction: float, decimals: int = 1) -> str:
    """A fraction as a Dutch percentage: ``0.125`` -> ``12,5%``; whole numbers lose ``,0``."""
    text = dutch_number(fraction * 100, decimals)
    if decimals and text.endswith("," + "0" * decimals):
        text = text[: -(decimals + 1)]
    return f"{text}%"


def dutch_date(day: date, *, weekday: bool = False) -> str:
    """``3 december 2026``; with ``weekday``: ``donderdag 3 december 2026``."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text
