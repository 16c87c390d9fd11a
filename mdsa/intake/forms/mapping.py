"""``forms.yaml``: which question title of a Google Form goes to which field of a registration.

The format is a contract (extend it, never change it)::

    columns:
      Tijdstempel: submitted_at
      Belemmeringen: [text.person_obstacles, text.environment_obstacles]  # n-th column, n-th field
      "Hoe tevreden bent u? (1-10)": {field: scale.satisfaction, range: [1, 10]}
      Soort actie: {field: actions, options: {Zorgsignaal: care_signal}}
      E-mailadres: drop

An entry is a field, a list of fields (for a title that occurs more than once, by position) or a
mapping with ``field`` and optionally ``range``, ``options``, ``multiple`` and ``required``;
mdsa adds ``rows`` (grid row label -> code), ``since`` and ``until`` (the dates a question was
added to or removed from the form, so earlier or later visits count as "not asked").
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from mdsa.errors import InputFileError
from mdsa.fileio import load_yaml
from mdsa.intake.exports.table import TIMESTAMP_TITLES as GENERATED_TIMESTAMP_TITLES
from mdsa.report import Report

FORMS_FILE = "forms.yaml"

FIXED_FIELDS: dict[str, str] = {
    "submitted_at": "timestamp",
    "visit_date": "date",
    "visitor": "text",
    "address": "text",
    "postcode": "text",
    "subarea": "text",
    "resident_name": "text",
    "resident_phone": "phone",
    "resident_email": "text",
    "age_group": "choice",
    "household_type": "choice",
    "years_in_neighbourhood": "number",
    "cards": "multi",
    "actions": "multi",
    "wants_to_join": "choice",
    "visit_outcome": "choice",
    "drop": "drop",
}
PREFIXES: dict[str, str] = {
    "scale": "number",
    "choice": "choice",
    "multi": "multi",
    "grid": "grid",
    "text": "text",
}
# Fields that identify a resident, a home or a worker: they never leave private/.
IDENTIFYING_FIELDS = frozenset(
    {"visitor", "address", "postcode", "resident_name", "resident_phone", "resident_email"}
)
VISIT_OUTCOMES = ("held", "declined", "not_home", "technical_only")
ACTION_CODES = ("care_signal", "wellbeing_question", "housing_question", "participation_chance")
# The timestamp titles a generated forms.yaml maps (Dutch and English UI).
TIMESTAMP_TITLES = ("Tijdstempel", "Timestamp")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_GRID_HEADER = re.compile(r"^(?P<title>.*?)\s*\[(?P<row>[^\[\]]+)\]$")

Kind = Literal["timestamp", "date", "text", "phone", "choice", "multi", "number", "grid", "drop"]


def field_kind(name: str) -> Kind | None:
    """The kind of a canonical field name, or ``None`` when it is not one."""
    if name in FIXED_FIELDS:
        return FIXED_FIELDS[name]  # type: ignore[return-value]
    prefix, _, rest = name.partition(".")
    if prefix in PREFIXES and _NAME.match(rest):
        return PREFIXES[prefix]  # type: ignore[return-value]
    return None


@dataclass(frozen=True)
class ColumnRule:
    title: str
    field: str
    kind: Kind
    line: int | None = None
    range: tuple[float, float] | None = None
    options: dict[str, str] = dataclasses.field(default_factory=dict)
    rows: dict[str, str] = dataclasses.field(default_factory=dict)
    multiple: bool = False
    required: bool = False
    since: date | None = None
    until: date | None = None

    def code(self, label: str) -> str:
        return self.options.get(label, label)


@dataclass
class FormMapping:
    path: Path | None
    rules: dict[str, list[ColumnRule]] = dataclasses.field(
        default_factory=dict
    )  # title -> by occurrence

    def titles(self) -> list[str]:
        return list(self.rules)

    def fields(self) -> set[str]:
        return {r.field for rules in self.rules.values() for r in rules if r.kind != "drop"}

    def required_fields(self) -> set[str]:
        return {r.field for rules in self.rules.values() for r in rules if r.required}


_ENTRY_KEYS = {"field", "range", "options", "rows", "multiple", "required", "since", "until"}


def load_mapping(path: Path, report: Report) -> FormMapping | None:
    """Read ``forms.yaml``; every problem goes into ``report`` with its line."""
    name = path.name
    try:
        document = load_yaml(path)
    except InputFileError as e:
        report.error("yaml-syntax", e.message, file=name, line=e.line, hint=e.hint)
        return None
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        report.error(
            "missing-key",
            "forms.yaml needs a 'columns:' mapping of question titles to fields",
            file=name,
            hint="write one with: mdsa form, or propose one with: mdsa import EXPORT --suggest",
        )
        return None
    for key in data:
        if key != "columns":
            report.error(
                "unknown-key", f"unknown key '{key}'", file=name, line=document.line_of((key,))
            )
    mapping = FormMapping(path=path)
    for raw_title, entry in data["columns"].items():
        title = str(raw_title).strip()
        line = document.line_of(("columns", raw_title))
        where = {"file": name, "line": line}
        entries = entry if isinstance(entry, list) else [entry]
        rules = [r for e in entries if (r := _rule(title, e, line, report, where)) is not None]
        if len(rules) == len(entries):
            mapping.rules.setdefault(title, []).extend(rules)
    return mapping


def _rule(
    title: str, entry: Any, line: int | None, report: Report, where: dict[str, Any]
) -> ColumnRule | None:
    if isinstance(entry, str):
        entry = {"field": entry}
    if not isinstance(entry, dict) or "field" not in entry:
        report.error(
            "invalid-value",
            f"'{title}': give a field name, a list of field names, or a mapping with 'field'",
            **where,
        )
        return None
    unknown = set(entry) - _ENTRY_KEYS
    if unknown:
        report.error(
            "unknown-key",
            f"'{title}': unknown key(s) {', '.join(sorted(map(str, unknown)))}",
            hint=f"valid keys: {', '.join(sorted(_ENTRY_KEYS))}",
            **where,
        )
        return None
    name = str(entry["field"])
    kind = field_kind(name)
    if kind is None:
        report.error(
            "unknown-field",
            f"'{title}': '{name}' is not a field",
            hint="fields: "
            + ", ".join(FIXED_FIELDS)
            + ", or scale./choice./multi./grid./text.NAME",
            **where,
        )
        return None
    rng = entry.get("range")
    if rng is not None and not (
        isinstance(rng, list)
        and len(rng) == 2
        and all(isinstance(v, int | float) for v in rng)
        and rng[0] < rng[1]
    ):
        report.error("invalid-value", f"'{title}': range must be [low, high]", **where)
        return None
    for key in ("options", "rows"):
        value = entry.get(key, {})
        if not isinstance(value, dict):
            report.error("invalid-value", f"'{title}': {key} must map labels to codes", **where)
            return None
    for key in ("since", "until"):
        if entry.get(key) is not None and not isinstance(entry[key], date):
            report.error("invalid-value", f"'{title}': {key} must be a date (YYYY-MM-DD)", **where)
            return None
    return ColumnRule(
        title=title,
        field=name,
        kind=kind,
        line=line,
        range=(float(rng[0]), float(rng[1])) if rng else None,
        options={str(k).strip(): _code(v) for k, v in (entry.get("options") or {}).items()},
        rows={str(k).strip(): _code(v) for k, v in (entry.get("rows") or {}).items()},
        multiple=bool(entry.get("multiple", kind == "multi")),
        required=bool(entry.get("required", False)),
        since=entry.get("since"),
        until=entry.get("until"),
    )


def _code(value: Any) -> str:
    """An option code as written: YAML reads an unquoted ``yes``/``no`` as a boolean."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


@dataclass(frozen=True)
class BoundColumn:
    """One column of an export, bound to its rule (and its grid row)."""

    position: int
    title: str
    rule: ColumnRule
    row_code: str | None = None  # for grid columns


@dataclass
class Binding:
    columns: list[BoundColumn]
    unmapped: list[tuple[int, str]]
    asked_fields: set[str]


def bind(mapping: FormMapping, headers: tuple[str, ...]) -> Binding:
    """Bind each column of an export to its rule: by title (n-th occurrence, n-th rule), grid
    columns ``Title [Row]`` by their title, the generated timestamp column by default."""
    seen: Counter[str] = Counter()
    columns: list[BoundColumn] = []
    unmapped: list[tuple[int, str]] = []
    for position, raw in enumerate(headers):
        title = raw.strip()
        rules = mapping.rules.get(title)
        if rules:
            index = seen[title]
            seen[title] += 1
            rule = rules[min(index, len(rules) - 1)]
            columns.append(BoundColumn(position, title, rule))
            continue
        grid = _GRID_HEADER.match(title)
        grid_rules = mapping.rules.get(grid["title"].strip()) if grid else None
        if grid and grid_rules and grid_rules[0].kind == "grid":
            rule = grid_rules[0]
            row = grid["row"].strip()
            columns.append(BoundColumn(position, title, rule, rule.rows.get(row, row)))
            continue
        if position == 0 and title.casefold() in GENERATED_TIMESTAMP_TITLES:
            columns.append(
                BoundColumn(position, title, ColumnRule(title, "submitted_at", "timestamp"))
            )
            continue
        unmapped.append((position, title))
    asked = {c.rule.field for c in columns if c.rule.kind != "drop"}
    return Binding(columns, unmapped, asked)
