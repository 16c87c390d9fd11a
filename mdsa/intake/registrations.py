"""Registrations: one home visit as imported from a Google Forms export, kept in ``private/``.

A raw export row becomes a ``Registration`` through the project's ``forms.yaml``. Identifying
fields (visitor, address, resident contact) and answers are kept apart, so that anonymising
can never pass an identifier on by accident. Problems are collected per row and column; their
messages never hold a cell value.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mdsa.fileio import atomic_open, read_text
from mdsa.intake.exports import RawRow, normalise_phone, parse_date, parse_number, parse_timestamp
from mdsa.intake.exports import split_choices as split
from mdsa.intake.forms.mapping import IDENTIFYING_FIELDS, Binding, BoundColumn, FormMapping
from mdsa.project.addresses import SubareaIndex, address_key, normalise_street, parse_house_number
from mdsa.project.folder import Household
from mdsa.report import Report

_ADDRESS = re.compile(r"^(?P<street>.*?[^\d\s,.])[\s,.]*(?:nr\.?\s*)?(?P<number>\d.*)$", re.I)


@dataclass
class Registration:
    source: str
    row: int
    submitted_at: str | None = None
    visit_date: str | None = None
    identity: dict[str, str] = dataclasses.field(default_factory=dict)
    household: str | None = None
    subarea: str | None = None
    subarea_source: str | None = None
    answers: dict[str, Any] = dataclasses.field(default_factory=dict)
    other: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    not_asked: list[str] = dataclasses.field(default_factory=list)
    incomplete: list[str] = dataclasses.field(default_factory=list)
    # Timestamps of earlier submissions of this same visit that this one replaced.
    supersedes: list[str] = dataclasses.field(default_factory=list)

    @property
    def address_key(self) -> str | None:
        """The household when matched, else the address as typed, normalised."""
        if self.household:
            return self.household
        address = self.identity.get("address")
        return normalise_street(address) if address else None

    @property
    def visit_key(self) -> str:
        """One visit: the same home on the same date (a resubmission has the same key)."""
        home = self.address_key or f"unknown:{self.source}:{self.row}"
        return f"{home}|{self.visit_date or ''}"

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Registration:
        return cls(**data)


class HouseholdMatcher:
    """Finds the household of a typed address in the address list, and its subarea."""

    def __init__(self, households: Iterable[Household], index: SubareaIndex) -> None:
        self.index = index
        self.by_key: dict[str, Household] = {h.key: h for h in households}

    def match(self, address: str) -> tuple[str | None, str | None, Household | None]:
        """(street, address key, household) for an address like ``Perronstraat 12a``."""
        found = _ADDRESS.match(address.strip())
        if not found:
            return None, None, None
        number = parse_house_number(found["number"])
        street = found["street"].strip()
        if number is None:
            return street, None, None
        key = address_key(street, number)
        return street, key, self.by_key.get(key)

    def subarea_of(self, household: Household) -> str | None:
        if household.subarea:
            return household.subarea
        return self.index.place(household.street, household.postcode).subarea


def convert_row(
    raw: RawRow,
    binding: Binding,
    mapping: FormMapping,
    separator: str,
    source: str,
    matcher: HouseholdMatcher,
    report: Report,
    file: str,
) -> Registration:
    """Turn one export row into a registration; problems go into ``report``."""
    registration = Registration(source=source, row=raw.number)
    registration.not_asked = sorted(mapping.fields() - binding.asked_fields)
    for column in binding.columns:
        value = raw.cells[column.position] if column.position < len(raw.cells) else None
        if value is None or column.rule.kind == "drop":
            continue
        _set_value(registration, column, value, separator, report, file)
    _apply_window(registration, binding)
    for name in sorted(mapping.required_fields()):
        if not _has(registration, name):
            registration.incomplete.append(name)
            report.error(
                "missing-required",
                f"required answer '{name}' is empty; the visit is kept as incomplete",
                file=file,
                row=raw.number,
                column=_title_of(binding, name),
            )
    _place(registration, matcher, report, file, binding)
    return registration


def _has(registration: Registration, name: str) -> bool:
    if name == "submitted_at":
        return registration.submitted_at is not None
    if name == "visit_date":
        return registration.visit_date is not None
    if name in IDENTIFYING_FIELDS:
        return bool(registration.identity.get(name))
    return name in registration.answers


def _title_of(binding: Binding, name: str) -> str | None:
    return next((c.title for c in binding.columns if c.rule.field == name), None)


def _set_value(
    registration: Registration,
    column: BoundColumn,
    value: str,
    separator: str,
    report: Report,
    file: str,
) -> None:
    rule = column.rule
    name = rule.field
    where = {"file": file, "row": registration.row, "column": column.title}
    if rule.kind == "timestamp":
        try:
            registration.submitted_at = parse_timestamp(value).isoformat()
        except ValueError:
            report.error("invalid-timestamp", "not a timestamp Google Forms writes", **where)
        return
    if rule.kind == "date":
        try:
            registration.visit_date = parse_date(value).isoformat()
        except ValueError:
            report.warning("invalid-date", "not a date; left empty", **where)
        return
    if rule.kind == "phone":
        phone = normalise_phone(value)
        if phone is None:
            report.warning("invalid-phone", "not a Dutch phone number; kept as typed", **where)
        _set(registration, name, phone or value.strip(), report, where)
        return
    if rule.kind == "text":
        _set(registration, name, value.strip(), report, where)
        return
    if rule.kind == "number":
        number = parse_number(value)
        if number is None:
            report.warning("not-a-number", "not a number; left empty", **where)
            return
        low, high = rule.range or ((0, 120) if name == "years_in_neighbourhood" else (None, None))
        if low is not None and high is not None and not low <= number <= high:
            report.warning(
                "out-of-range",
                f"outside the range {low:g} to {high:g}; left empty (never clamped)",
                **where,
            )
            return
        _set(registration, name, int(number) if number.is_integer() else number, report, where)
        return
    if rule.kind == "choice":
        label = value.strip()
        if label in rule.options:
            _set(registration, name, rule.code(label), report, where)
        else:  # typed text ("Anders: ..."), or a question without options: never a code
            _unknown_option(registration, name, label, bool(rule.options), report, where)
            _set(registration, name, "other", report, where)
        return
    if rule.kind == "multi" or (rule.kind == "grid" and rule.multiple):
        found, other = split(value, separator, list(rule.options))
        codes = [rule.code(label) for label in found]
        if rule.kind == "grid":
            cell = f"{name}.{column.row_code}"
            for piece in other:
                _unknown_option(registration, cell, piece, bool(rule.options), report, where)
            registration.answers.setdefault(name, {})[column.row_code] = codes + (
                ["other"] if other else []
            )
        else:
            _set(registration, name, codes, report, where)
            if other:
                registration.other.setdefault(name, []).extend(other)
        return
    if rule.kind == "grid":
        label = value.strip()
        code = rule.code(label) if label in rule.options else "other"
        if code == "other" and label:
            cell = f"{name}.{column.row_code}"
            _unknown_option(registration, cell, label, bool(rule.options), report, where)
        registration.answers.setdefault(name, {})[column.row_code] = code


def _unknown_option(
    registration: Registration,
    name: str,
    text: str,
    has_options: bool,
    report: Report,
    where: dict[str, Any],
) -> None:
    """Text that is no option of its question: kept in private/ (``other``), never as a code.

    Anonymise passes it on scrubbed, as a text block of category ``other_answers``."""
    registration.other.setdefault(name, []).append(text)
    if has_options:
        report.warning(
            "unknown-option",
            "an answer that is not one of the question's options in forms.yaml; it is "
            "counted as 'other' and its text goes, scrubbed, to the text blocks",
            **where,
        )


def _set(
    registration: Registration, name: str, value: Any, report: Report, where: dict[str, Any]
) -> None:
    target = registration.identity if name in IDENTIFYING_FIELDS else registration.answers
    if name in target and target[name] != value:
        report.warning(
            "conflicting-answers",
            f"two columns answer '{name}' differently; the first is kept",
            **where,
        )
        return
    target.setdefault(name, value)


def _apply_window(registration: Registration, binding: Binding) -> None:
    """Questions added or removed mid-project: outside their dates they were not asked."""
    when = registration.visit_date or (registration.submitted_at or "")[:10]
    if not when:
        return
    for column in binding.columns:
        rule = column.rule
        before = rule.since is not None and when < rule.since.isoformat()
        after = rule.until is not None and when > rule.until.isoformat()
        if before or after:
            registration.answers.pop(rule.field, None)
            if rule.field not in registration.not_asked:
                registration.not_asked.append(rule.field)


def _place(
    registration: Registration,
    matcher: HouseholdMatcher,
    report: Report,
    file: str,
    binding: Binding,
) -> None:
    """Match the address to a household and find the subarea (list, street, or as written)."""
    address = registration.identity.get("address")
    written = registration.identity.pop("subarea", None) or registration.answers.pop(
        "subarea", None
    )
    where = {"file": file, "row": registration.row}
    street = None
    if address:
        street, _, household = matcher.match(address)
        if household is not None:
            registration.household = household.key
            registration.subarea = matcher.subarea_of(household)
            registration.subarea_source = "address-list"
            return
        report.warning(
            "unmatched-address",
            "address not found in private/households.csv",
            column=_title_of(binding, "address"),
            hint="check the spelling of the street and number, or add the home to the list",
            **where,
        )
    if written and written in matcher.index.names:
        registration.subarea, registration.subarea_source = written, "form"
        return
    placed = matcher.index.place(street, registration.identity.get("postcode")) if street else None
    if placed is not None and placed.subarea:
        registration.subarea, registration.subarea_source = placed.subarea, placed.reason
        if written:
            registration.other.setdefault("subarea", []).append(written)
        return
    if written:
        registration.subarea, registration.subarea_source = written, "form-unknown"
    report.warning(
        "unplaced-visit",
        "cannot tell the subarea of this visit; the project leader must place it",
        column=_title_of(binding, "subarea") or _title_of(binding, "address"),
        **where,
    )


def load_registrations(path: Path) -> list[Registration]:
    if not path.is_file():
        return []
    lines = [line for line in read_text(path).splitlines() if line.strip()]
    try:  # one JSON array: a third faster than a call per line on 100,000 visits
        return [Registration.from_dict(data) for data in json.loads(f"[{','.join(lines)}]")]
    except (ValueError, TypeError):
        pass  # a damaged line: find it, line by line
    registrations = []
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if line.strip():
            try:
                registrations.append(Registration.from_dict(json.loads(line)))
            except (ValueError, TypeError) as e:
                from mdsa.errors import InputFileError

                raise InputFileError(
                    "damaged line in the registrations; restore it from a backup or re-import",
                    path=path,
                    line=number,
                ) from e
    return registrations


def save_registrations(path: Path, registrations: Iterable[Registration]) -> None:
    ordered = sorted(registrations, key=lambda r: (r.visit_date or "", r.submitted_at or ""))
    with atomic_open(path, "w", encoding="utf-8", newline="\n") as handle:
        for registration in ordered:
            handle.write(registration.to_json() + "\n")
