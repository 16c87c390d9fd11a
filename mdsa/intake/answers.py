"""Read the cells of one export column into what a registration stores, with the problems found.

A ``ColumnReader`` is made once per column of an export. It turns a cell's text into a
``Parsed`` result: the value to store (a code, a number, a date), the text typed into a closed
question that is no option (kept in ``private/`` as ``other``) and the problems, each without
the cell's value. Closed answers repeat from row to row ("Goed", "7", "Alleenstaand"), so the
result for a text is kept and reused: an export of 100,000 rows parses each distinct answer of
a column once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final, Literal

from mdsa.intake.exports import normalise_phone, parse_date, parse_number
from mdsa.intake.exports import split_choices as split
from mdsa.intake.exports.values import DateOrder, timestamp_text
from mdsa.intake.forms.mapping import IDENTIFYING_FIELDS, BoundColumn
from mdsa.report import Severity

Target = Literal["submitted_at", "visit_date", "identity", "answers", "grid"]
Problem = tuple[str, Severity, str]  # code, severity, message (never the cell's value)


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()
DEFAULT_YEARS_RANGE = (0.0, 120.0)
FIRST_YEAR, LAST_YEAR = 1900, 2100  # a years answer in this range is the year of arrival
UNKNOWN_OPTION = (
    "an answer that is not one of the question's options in forms.yaml; it is counted as "
    "'other' and its text goes, scrubbed, to the text blocks"
)


def problem(*, code: str, severity: Severity, message: str) -> Problem:
    """One problem of a cell; ``code`` is one of ``mdsa.codes``, the message holds no value."""
    return code, severity, message


@dataclass(frozen=True)
class Parsed:
    """What one cell gives: ``value`` to store (or ``MISSING``), ``other`` texts that are no
    option, ``problems``, and ``since`` when the years question was answered with a year
    ("sinds 1998"): the number of years then depends on the row's visit date."""

    value: Any = MISSING
    other: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    since: int | None = None


class ColumnReader:
    """Reads the cells of one bound column; results of closed questions are reused."""

    def __init__(
        self,
        column: BoundColumn,
        separator: str,
        *,
        date_order: DateOrder = "dmy",
        required: bool = False,
    ) -> None:
        rule = column.rule
        self.position = column.position
        self.title = column.title
        self.rule = rule
        self.name = rule.field
        self.separator = separator
        self.date_order: DateOrder = date_order
        self.required = required
        self.plain = rule.kind == "text"  # stored as typed: no parsing, nothing to reuse
        self.target: Target
        if rule.kind == "timestamp":
            self.target = "submitted_at"
        elif rule.kind == "date":
            self.target = "visit_date"
        elif rule.kind == "grid":
            self.target = "grid"
        elif rule.field in IDENTIFYING_FIELDS:
            self.target = "identity"
        else:
            self.target = "answers"
        self.row_code = column.row_code or ""
        self.other_key = f"{self.name}.{self.row_code}" if rule.kind == "grid" else self.name
        self.copy = rule.kind == "multi" or (rule.kind == "grid" and rule.multiple)
        self._cache: dict[str, Parsed] | None = (
            None if rule.kind in ("text", "timestamp", "phone") else {}
        )

    def read(self, value: str) -> Parsed:
        cache = self._cache
        if cache is None:
            return self._parse(value)
        parsed = cache.get(value)
        if parsed is None:
            parsed = cache[value] = self._parse(value)
        return parsed

    def read_clean(self, values: Iterable[str]) -> dict[str, Any] | None:
        """What each of ``values`` stores, or ``None`` when one of them has a problem, text
        that is no option, a year of arrival or nothing to store: then each is ``read``.
        A timestamp column, whose cells all differ, is read without a ``Parsed`` per cell."""
        if self.rule.kind == "timestamp":
            order = self.date_order
            try:
                return {value: timestamp_text(value, order) for value in values}
            except ValueError:
                return None
        stored: dict[str, Any] = {}
        for value in values:
            parsed = self.read(value)
            if parsed.problems or parsed.other or parsed.since is not None:
                return None
            if parsed.value is MISSING:
                return None
            stored[value] = parsed.value
        return stored

    def _parse(self, value: str) -> Parsed:
        kind = self.rule.kind
        if kind == "timestamp":
            try:
                return Parsed(timestamp_text(value, self.date_order))
            except ValueError:
                message = "not a timestamp Google Forms writes"
                return Parsed(
                    problems=(problem(code="invalid-timestamp", severity="error", message=message),)
                )
        if kind == "date":
            try:
                return Parsed(parse_date(value, self.date_order).isoformat())
            except ValueError as error:
                return Parsed(problems=(self._unreadable_date(str(error)),))
        if kind == "phone":
            phone = normalise_phone(value)
            if phone is None:
                found = problem(
                    code="invalid-phone",
                    severity="warning",
                    message="not a Dutch phone number; kept as typed",
                )
                return Parsed(value.strip(), problems=(found,))
            return Parsed(phone)
        if kind == "text":
            return Parsed(value.strip())
        if kind == "number":
            return self._number(value)
        if kind == "choice":
            return self._choice(value)
        if kind == "multi" or (kind == "grid" and self.rule.multiple):
            return self._multi(value)
        if kind == "grid":
            label = value.strip()
            if label in self.rule.options:
                return Parsed(self.rule.code(label))
            return self._unknown(label)
        return Parsed()

    def _unreadable_date(self, reason: str) -> Problem:
        if self.required:
            return problem(
                code="unreadable-date",
                severity="error",
                message=f"{reason}; no visit is stored for this row",
            )
        return problem(code="unreadable-date", severity="warning", message=f"{reason}; left empty")

    def _number(self, value: str) -> Parsed:
        name = self.name
        number = parse_number(value)
        since: int | None = None
        if name == "years_in_neighbourhood":
            if number is None:
                number, since = parse_years(value) or (None, None)
            elif number.is_integer() and FIRST_YEAR <= number <= LAST_YEAR:
                since = int(number)  # "1998": the year the resident came
                number = None
        if since is not None:
            return Parsed(since=since)
        if number is None:
            return Parsed(
                problems=(
                    problem(
                        code="not-a-number", severity="warning", message="not a number; left empty"
                    ),
                )
            )
        if name.startswith("scale.") and not number.is_integer():
            message = (
                "a scale answer with decimals, but a scale has whole steps; left empty "
                "(never rounded)"
            )
            return Parsed(
                problems=(problem(code="decimal-scale", severity="warning", message=message),)
            )
        low, high = self.rule.range or (
            DEFAULT_YEARS_RANGE if name == "years_in_neighbourhood" else (None, None)
        )
        if low is not None and high is not None and not low <= number <= high:
            message = f"outside the range {low:g} to {high:g}; left empty (never clamped)"
            return Parsed(
                problems=(problem(code="out-of-range", severity="warning", message=message),)
            )
        return Parsed(int(number) if number.is_integer() else number)

    def _choice(self, value: str) -> Parsed:
        label = value.strip()
        if label in self.rule.options:
            return Parsed(self.rule.code(label))
        # Typed text ("Anders: ..."), or a question without options: never a code.
        unknown = self._unknown(label)
        return Parsed("other", unknown.other, unknown.problems)

    def _unknown(self, label: str) -> Parsed:
        if not label:
            return Parsed("other")
        problems: tuple[Problem, ...] = (
            (problem(code="unknown-option", severity="warning", message=UNKNOWN_OPTION),)
            if self.rule.options
            else ()
        )
        return Parsed("other", (label,), problems)

    def _multi(self, value: str) -> Parsed:
        options = self.rule.options
        found, other = split(value, self.separator, list(options))
        codes = [options.get(label, label) for label in found]
        if self.rule.kind == "grid":
            problems: tuple[Problem, ...] = ()
            if options and other:
                problems = (
                    problem(code="unknown-option", severity="warning", message=UNKNOWN_OPTION),
                ) * len(other)
            return Parsed(tuple(codes + (["other"] if other else [])), tuple(other), problems)
        # A checkbox list keeps its codes; the typed text of Forms' own "Anders" item goes with
        # it, unreported, to be scrubbed into the text blocks.
        return Parsed(tuple(codes), tuple(other))


_YEAR_WORDS = re.compile(
    r"^(?:(?:ruim|bijna|ongeveer|circa|ca\.?|pakweg|zo'?n|meer\s+dan|minder\s+dan|±|\+/-|~)\s*)?"
    r"(?P<number>\d{1,3}(?:[.,]\d)?)\s*\+?\s*(?:jaar|jr\.?|years?|yrs?)?\.?$",
    re.IGNORECASE,
)
_SINCE = re.compile(
    r"^(?:(?:sinds|vanaf|since|from|in)\s+)?(?:(?:het\s+)?(?:jaar\s+))?(?P<year>(?:19|20)\d{2})\.?$",
    re.IGNORECASE,
)
_UNDER_A_YEAR = re.compile(
    r"^(?:een\s+)?(?:half\s+jaar|paar\s+maanden|\d{1,2}\s+maand(?:en)?|(?:\d{1,2}\s+)?weken|"
    r"\d{1,2}\s+months?|net|pas)$",
    re.IGNORECASE,
)


def parse_years(value: str) -> tuple[float | None, int | None] | None:
    """The years answer written as text: ``(years, None)`` for "5 jaar", "ruim 20", "20+",
    "3 maanden" (0); ``(None, year)`` for "sinds 1998" or "1998", whose years depend on the
    visit date; ``None`` for anything else."""
    text = " ".join(value.split())
    if match := _YEAR_WORDS.fullmatch(text):
        number = parse_number(match["number"])
        return (number, None) if number is not None else None
    if match := _SINCE.fullmatch(text):
        return None, int(match["year"])
    if _UNDER_A_YEAR.fullmatch(text):
        return 0.0, None
    return None
