"""The order of day and month in an export's date columns, decided from whole columns.

A date written ``4/5/2026`` is the 4th of May in a Dutch sheet and April 5th in a US one; one
cell cannot tell. A column can: a first number above 12 (``14/4/2026``) means day first, a
second one above 12 (``4/14/2026``) month first, and that decides every row. The columns of
one export share its sheet's locale, so a column that cannot decide takes the order of one
that can. When no column decides, the export's own signals do: the time zone of the
timestamps (a European zone: day first; a negative offset, the Americas: month first), an
AM/PM clock (month first: Dutch and Belgian sheets use 24 hours) and the UI language of the
timestamp title (``Timestamp``: month first; ``Tijdstempel`` and the others: day first). Such a
guess is always reported (``ambiguous-date-order``) with the column, never made silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mdsa.intake.exports.model import RawProblem, RawRow
from mdsa.intake.exports.values import DateOrder
from mdsa.intake.forms.mapping import BoundColumn

_NUMBERS_FIRST = re.compile(r"\s*(\d{1,2})([-/.])(\d{1,2})\2\d{4}(?!\d)")
_AM_PM = re.compile(r"\d:\d{2}(?::\d{2})?\s?[ap]\.?\s?m\b\.?", re.IGNORECASE)
_ZONE = re.compile(
    r"(?:\b(?P<europe>CES?T|MES?Z|WES?T|EES?T|BST)\b|(?:GMT|UTC)\s?(?P<offset>[+-]\d{1,2})|"
    r"(?P<zero>\b(?:GMT|UTC)\b))",
    re.IGNORECASE,
)
_ORDER_WORDS = {"dmy": "day first", "mdy": "month first"}


@dataclass(frozen=True)
class ColumnOrder:
    """What one column shows: ``dmy``, ``mdy``, ``None`` (nothing to decide: ISO dates, or
    day equal to month) or ``"ambiguous"`` (dates whose day and month are both 12 or less).
    ``mixed`` is set when the column shows both orders."""

    order: DateOrder | None | str
    mixed: bool = False


def column_order(values: Iterable[str]) -> ColumnOrder:
    day_first = month_first = ambiguous = False
    for value in values:
        match = _NUMBERS_FIRST.match(value)
        if match is None:
            continue
        first, second = int(match[1]), int(match[3])
        if first > 12 >= second:
            day_first = True
        elif second > 12 >= first:
            month_first = True
        elif first != second and first <= 12 and second <= 12:
            ambiguous = True
    if day_first and month_first:
        return ColumnOrder("dmy", mixed=True)
    if day_first:
        return ColumnOrder("dmy")
    if month_first:
        return ColumnOrder("mdy")
    return ColumnOrder("ambiguous" if ambiguous else None)


def export_signal(timestamps: Iterable[str], timestamp_title: str | None) -> tuple[DateOrder, str]:
    """The order the export's own signals point to, and why (for the warning)."""
    europe = americas = am_pm = False
    for value in timestamps:
        if (zone := _ZONE.search(value)) is not None:
            if zone["offset"] is not None and int(zone["offset"]) < 0:
                americas = True
            else:
                europe = True
        if _AM_PM.search(value):
            am_pm = True
    if europe and not americas:
        return "dmy", "the timestamps carry a European time zone"
    if americas and not europe:
        return "mdy", "the timestamps carry a time zone of the Americas"
    if am_pm:
        return "mdy", "the timestamps use AM/PM, as US sheets do"
    if timestamp_title is not None and timestamp_title.strip().casefold() == "timestamp":
        return "mdy", "the export's timestamp column has the English title 'Timestamp'"
    if timestamp_title:
        return "dmy", f"the export's timestamp column has the title '{timestamp_title.strip()}'"
    return "dmy", "nothing in the export tells, and Dutch sheets write the day first"


def date_orders(
    columns: Sequence[BoundColumn], rows: Sequence[RawRow]
) -> tuple[dict[int, DateOrder], list[RawProblem]]:
    """The order of day and month for each timestamp and date column (by position), and a
    warning for each column whose order had to be guessed or that mixes both orders."""
    dated = [c for c in columns if c.rule.kind in ("timestamp", "date")]
    if not dated:
        return {}, []
    seen: dict[int, set[str]] = {c.position: set() for c in dated}
    for row in rows:
        for position, values in seen.items():
            value = row.cells[position] if position < len(row.cells) else None
            if value is not None:
                values.add(value)
    shown = {c.position: column_order(seen[c.position]) for c in dated}
    decided = {s.order for s in shown.values() if s.order in ("dmy", "mdy") and not s.mixed}
    stamps = [c for c in dated if c.rule.kind == "timestamp"]
    orders: dict[int, DateOrder] = {}
    problems: list[RawProblem] = []
    guess: tuple[DateOrder, str] | None = None
    for column in dated:
        found = shown[column.position]
        if found.order == "dmy" or found.order == "mdy":
            orders[column.position] = "mdy" if found.order == "mdy" else "dmy"
            if found.mixed:
                problems.append(
                    _problem(
                        column,
                        "this column has dates with the day first and dates with the month "
                        "first; all are read day first, so the others cannot be read",
                    )
                )
            continue
        if found.order is None:
            continue  # ISO dates, or day equal to month: nothing to decide
        if len(decided) == 1:
            order: DateOrder = "mdy" if decided == {"mdy"} else "dmy"
            reason = "as in the other date columns of this export, which can tell"
        else:
            if guess is None:
                stamp_values = (v for c in stamps for v in seen[c.position])
                guess = export_signal(stamp_values, stamps[0].title if stamps else None)
            order, reason = guess
        orders[column.position] = order
        problems.append(
            _problem(
                column,
                "no date in this column has a day above 12, so day and month cannot be told "
                f"apart; read {_ORDER_WORDS[order]}, because {reason}",
            )
        )
    return orders, problems


def _problem(column: BoundColumn, message: str) -> RawProblem:
    return RawProblem(
        "ambiguous-date-order",
        "warning",
        message,
        row=None,
        column=column.position + 1,
    )
