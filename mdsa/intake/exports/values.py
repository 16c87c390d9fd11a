"""Parse the values of an export cell: timestamps, dates, numbers and Dutch phone numbers.

Every export path writes these differently (see ``google-forms-exports.md``): the Forms
download writes ``2024/12/03 8:48:17 p.m. CET``, a Dutch sheet ``4-5-2026 10:59:37``, Dutch
Excel ``4-5-2026 10:59`` and ``7,5``, and a sheet turns ``0612345678`` into ``612345678``.
The parsers accept all of them and raise ``ValueError`` (without the value in the message, as
it may be private) or return ``None`` on anything else.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import cache, lru_cache
from typing import Literal

PROJECT_TIMEZONE = "Europe/Amsterdam"
# The order of day and month in a date written with numbers and the year last: ``dmy`` in
# Dutch, Belgian and most sheets, ``mdy`` in a US-locale sheet. Year-first dates are ISO.
DateOrder = Literal["dmy", "mdy"]

# Named zones seen (or to be expected) after the time; GMT/UTC may carry an offset instead.
_ZONE_MINUTES = {
    "CEST": 120,
    "CET": 60,
    "MESZ": 120,
    "MEZ": 60,
    "WEST": 60,
    "WET": 0,
    "BST": 60,
    "EEST": 180,
    "EET": 120,
    "GMT": 0,
    "UTC": 0,
    "Z": 0,
}
_ZONE_NAMES = "|".join(sorted(_ZONE_MINUTES, key=len, reverse=True))

_TIME = r"""
    (?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<frac>\d{1,6}))?)?
    (?:\ ?(?P<ampm>[ap])\.?\ ?m\.?)?
    (?:\ ?(?:
        (?:GMT|UTC)?(?P<offset>[+-]\d{1,2}(?::?\d{2})?)
      | (?P<zone>ZONE_NAMES)
    ))?
""".replace("ZONE_NAMES", _ZONE_NAMES)
# 2017/05/02 12:11:03 PM GMT+2 (Forms download), 2024-12-03T20:48:17 (ISO, xlsx).
_YEAR_FIRST = re.compile(
    r"(?P<y>\d{4})(?P<sep>[-/])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?:T|\ )" + _TIME,
    re.VERBOSE | re.IGNORECASE,
)
# 4-5-2026 10:59:37 (Dutch sheet), 4-5-2026 10:59 (Excel), 01/10/2026 10:00:00 (Belgian).
_DAY_FIRST = re.compile(
    r"(?P<d>\d{1,2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})\ " + _TIME,
    re.VERBOSE | re.IGNORECASE,
)
_DATE_YEAR_FIRST = re.compile(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[T ]0{1,2}:00(?::00)?)?")
_DATE_DAY_FIRST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?: 0{1,2}:00(?::00)?)?")
_DATE_SHORT_YEAR = re.compile(r"\d{1,2}([-/.])\d{1,2}\1\d{2}")


@cache
def project_timezone() -> tzinfo:
    """Europe/Amsterdam, loaded on first use (on Windows this needs the ``tzdata`` package)."""
    from zoneinfo import ZoneInfo

    return ZoneInfo(PROJECT_TIMEZONE)


def _squash(value: str) -> str:
    """Collapse every run of white space (also no-break and narrow no-break) to one space."""
    return " ".join(value.split())


def parse_timestamp(value: str, order: DateOrder = "dmy") -> datetime:
    """Parse a response timestamp from any export into an aware datetime in project time.

    A time without a zone is local time of the project (Europe/Amsterdam); a time with a zone
    (``CET``, ``CEST``, ``GMT+2``, ``UTC+3``, ``+01:00``) is converted to it. Dates written
    with the day and month as numbers and the year last are read in ``order``: day first as in
    Dutch and Belgian sheets, unless the column shows otherwise (``date_order``). Raises
    ``ValueError`` for anything else.
    """
    text = _squash(value)
    match = _YEAR_FIRST.fullmatch(text)
    swap = False
    if match is None:
        match = _DAY_FIRST.fullmatch(text)
        swap = order == "mdy"
    if match is None:
        raise ValueError("not a recognised timestamp")
    hour = int(match["H"])
    if match["ampm"]:
        if hour > 12:
            raise ValueError("hour above 12 with a.m./p.m.")
        hour = hour % 12 + (12 if match["ampm"].lower() == "p" else 0)
    micro = int((match["frac"] or "0").ljust(6, "0"))
    zone: tzinfo | None = None
    if match["offset"]:
        zone = timezone(_offset(match["offset"]))
    elif match["zone"]:
        zone = timezone(timedelta(minutes=_ZONE_MINUTES[match["zone"].upper()]))
    day, month = (match["m"], match["d"]) if swap else (match["d"], match["m"])
    try:
        moment = datetime(
            int(match["y"]),
            int(month),
            int(day),
            hour,
            int(match["M"]),
            int(match["S"] or 0),
            micro,
        )
    except ValueError:
        raise ValueError("not a valid date or time") from None
    if zone is None:
        return moment.replace(tzinfo=project_timezone())
    return moment.replace(tzinfo=zone).astimezone(project_timezone())


def timestamp_text(value: str, order: DateOrder = "dmy") -> str:
    """``parse_timestamp(value, order).isoformat()``, quicker for the xlsx reader's form.

    A time written ``2024-12-03T20:48:17`` (no zone: project time) gets the offset of its
    hour, worked out once per hour: the offset of Europe/Amsterdam only changes on the hour.
    """
    if len(value) == 19 and value[10] == "T" and value[4] == "-":
        try:
            datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return value + _hour_offset(value[:13])
    return parse_timestamp(value, order).isoformat()


@lru_cache(maxsize=65536)  # distinct values come in set order, not by time: room for years
def _hour_offset(hour: str) -> str:
    """``+01:00`` or ``+02:00``: the offset of project time in the hour ``2024-12-03T20``."""
    moment = datetime.fromisoformat(hour + ":00:00").replace(tzinfo=project_timezone())
    return moment.isoformat()[19:]


def _offset(text: str) -> timedelta:
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    if len(digits) <= 2:
        hours, minutes = int(digits), 0
    else:
        hours, minutes = int(digits[:-2]), int(digits[-2:])
    if hours > 14 or minutes >= 60:
        raise ValueError("not a valid time zone offset")
    return sign * timedelta(hours=hours, minutes=minutes)


def parse_date(value: str, order: DateOrder = "dmy") -> date:
    """Parse the answer to a date question: ``2023-04-13``, ``13-4-2023``, ``13/4/2023``.

    Year-first is ISO (the Forms download, xlsx); otherwise the day comes first (Dutch and
    Belgian sheets, Dutch Excel) unless ``order`` is ``mdy`` (a US sheet, see ``date_order``).
    A midnight time after the date is accepted (a date cell re-saved with its time). A
    two-digit year is refused: ``13-4-23`` could as well be 2013-04-23 written year first.
    The messages say why, never the value.
    """
    text = _squash(value)
    if match := _DATE_YEAR_FIRST.fullmatch(text):
        year, month, day = int(match[1]), int(match[3]), int(match[4])
    elif match := _DATE_DAY_FIRST.fullmatch(text):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
        if order == "mdy":
            day, month = month, day
    elif _DATE_SHORT_YEAR.fullmatch(text):
        raise ValueError("a two-digit year is ambiguous: write the year in full")
    else:
        raise ValueError("not a date mdsa can read")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError("no such date in the calendar") from None


_NUMBER = re.compile(r"([+-]?)(\d[\d.,]*|[.,]\d+)(?:[eE]([+-]?\d{1,3}))?")
_GROUPS = re.compile(r"\d{1,3}(?:\d{3})*")


def parse_number(value: str) -> float | None:
    """Parse a number written with a decimal comma (``7,5``) or dot (``7.5``).

    When both marks occur, the last one is the decimal mark and the other must group
    thousands (``1.234,5``, ``1,234.5``); several of one mark only group thousands
    (``1.234.567``). Returns ``None`` for an empty cell or anything that is not a number.
    """
    if value.isascii() and value.isdigit():
        return float(value)
    text = value.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    match = _NUMBER.fullmatch(text)
    if match is None:
        return None
    sign, body, exponent = match[1], match[2], match[3]
    if body[-1] in ".,":
        return None
    commas, dots = body.count(","), body.count(".")
    if commas and dots:
        decimal = "," if body.rfind(",") > body.rfind(".") else "."
        grouping = "." if decimal == "," else ","
        whole, _, fraction = body.rpartition(decimal)
        if grouping in fraction or not _is_grouped(whole, grouping):
            return None
        body = whole.replace(grouping, "") + "." + fraction
    elif commas + dots > 1:
        mark = "," if commas else "."
        if not _is_grouped(body, mark):
            return None
        body = body.replace(mark, "")
    else:
        body = body.replace(",", ".")
    return float(f"{sign}{body}e{exponent or 0}")


def _is_grouped(whole: str, mark: str) -> bool:
    groups = whole.split(mark)
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


_PHONE_NOISE = re.compile(r"[\s\-./()]")
_EXCEL_FLOAT = re.compile(r"(\d+)[.,]0+")


def normalise_phone(value: str) -> str | None:
    """Give back a Dutch phone number as ``0612345678`` or ``+31612345678``, or ``None``.

    Restores the leading zero a sheet or Excel took away (``612345678``, ``243456789``) and
    the plus (``31612345678``); accepts spaces, dashes, dots, parentheses, ``(0)`` and
    ``0031``. Anything else (foreign numbers, service numbers, numbers Excel wrote in
    scientific notation, text) is ``None``.
    """
    text = value.strip()
    if float_match := _EXCEL_FLOAT.fullmatch(text):
        text = float_match[1]
    text = _PHONE_NOISE.sub("", text.replace("(0)", ""))
    international = False
    if text.startswith("+"):
        international, text = True, text[1:]
    elif text.startswith("00"):
        international, text = True, text[2:]
    if not (text.isascii() and text.isdigit()):
        return None
    if international or (len(text) == 11 and text.startswith("31")):
        if text.startswith("310") and len(text) == 12:
            text = "31" + text[3:]
        if len(text) == 11 and text.startswith("31") and text[2] != "0":
            return "+" + text
        return None
    if len(text) == 10 and text[0] == "0" and text[1] != "0":
        return text
    if len(text) == 9 and text[0] != "0":
        return "0" + text
    return None


def looks_like_forms_download_timestamp(value: str) -> bool:
    """True for the Forms download's own form: year first with ``/`` and a time zone."""
    match = _YEAR_FIRST.fullmatch(_squash(value))
    return bool(match and match["sep"] == "/" and (match["zone"] or match["offset"]))
