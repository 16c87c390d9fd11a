"""Registrations: one home visit as imported from a Google Forms export, kept in ``private/``.

A raw export row becomes a ``Registration`` through the project's ``forms.yaml``. Identifying
fields (visitor, address, resident contact) and answers are kept apart, so that anonymising
can never pass an identifier on by accident. Problems are collected per row and column; their
messages never hold a cell value.
"""

from __future__ import annotations

import dataclasses
import operator
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mdsa.fileio import atomic_open, reading_error
from mdsa.intake.exports import RawRow
from mdsa.intake.exports.values import DateOrder
from mdsa.intake.forms.mapping import IDENTIFYING_FIELDS, Binding, BoundColumn, FormMapping
from mdsa.project.addresses import SubareaIndex, address_key, normalise_street, parse_house_number
from mdsa.project.folder import Household
from mdsa.report import Report

if TYPE_CHECKING:
    from mdsa.intake.answers import ColumnReader
    from mdsa.intake.written import Written

_ADDRESS = re.compile(r"^(?P<street>.*?[^\d\s,.])[\s,.]*(?:nr\.?\s*)?(?P<number>\d.*)$", re.I)


# A visit is a home on a date: without either it cannot be counted, matched or merged.
ESSENTIAL_FIELDS = ("address", "visit_date")


@dataclass(slots=True)  # many thousands in memory at once; slots make each smaller and quicker
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
    # Other imported exports that brought this same visit (raw copy name -> its row), so that
    # `mdsa import --undo` removes only the visits that one export alone brought.
    also_from: dict[str, int] = dataclasses.field(default_factory=dict)

    @property
    def stored(self) -> bool:
        """False for a row that an error left without its address or visit date: such a row
        is no visit (a "ghost" no command could remove), so it is not kept."""
        return not any(name in ESSENTIAL_FIELDS for name in self.incomplete)

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
        return self.to_json_bytes().decode("utf-8")

    def to_json_bytes(self) -> bytes:
        """One line of registrations.jsonl, keys sorted. orjson writes the dataclass as it is,
        in a third of json's time; dataclasses.asdict would deep-copy every answer first,
        which was most of the time of an import of 100,000 rows."""
        import orjson

        return orjson.dumps(self, option=orjson.OPT_SORT_KEYS)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Registration:
        """A stored line has every field: passed by position, which takes half the time of
        keywords (100,000 visits: 0.3 s less). Any other line goes by keyword, so that an
        unknown or missing field is the constructor's TypeError, as before."""
        if len(data) == len(_FIELD_NAMES):
            try:
                values = _FIELD_VALUES(data)
            except KeyError:  # an unknown field in place of a known one
                pass
            else:
                return cls(*values)
        return cls(**data)


_FIELD_NAMES = tuple(f.name for f in dataclasses.fields(Registration))
_FIELD_VALUES = operator.itemgetter(*_FIELD_NAMES)


class HouseholdMatcher:
    """Finds the household of a typed address in the address list, and its subarea."""

    def __init__(self, households: Iterable[Household], index: SubareaIndex) -> None:
        self.index = index
        self.by_key: dict[str, Household] = {h.key: h for h in households}
        # A street and postcode are placed once: many homes share them.
        self._placed: dict[tuple[str, str | None], str | None] = {}

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
        where = (household.street, household.postcode)
        if where not in self._placed:
            self._placed[where] = self.index.place(*where).subarea
        return self._placed[where]


class RowConverter:
    """Turns the rows of one export into registrations; problems go into ``report``.

    Everything that is the same for every row (a reader per column, the fields the export does
    not ask, the required fields and their titles) is worked out once, here. ``date_orders``
    gives the order of day and month for a date column (by position), decided from the whole
    column beforehand (``mdsa.intake.dates``).
    """

    def __init__(
        self,
        binding: Binding,
        mapping: FormMapping,
        separator: str,
        source: str,
        matcher: HouseholdMatcher,
        report: Report,
        file: str,
        date_orders: Mapping[int, DateOrder] | None = None,
    ) -> None:
        from mdsa.intake.answers import ColumnReader

        self.binding = binding
        self.source = source
        self.matcher = matcher
        self.report = report
        self.file = file
        required = mapping.required_fields()
        orders = date_orders or {}
        self.readers = [
            ColumnReader(
                column,
                separator,
                date_order=orders.get(column.position, "dmy"),
                required=column.rule.field in required,
            )
            for column in binding.columns
            if column.rule.kind != "drop"
        ]
        fields = Counter(r.name for r in self.readers if r.target in ("identity", "answers"))
        self.shared = {name for name, count in fields.items() if count > 1}
        self.windowed = [c for c in binding.columns if c.rule.since or c.rule.until]
        self.not_asked = sorted(mapping.fields() - binding.asked_fields)
        self.required = [(n, _title_of(binding, n)) for n in sorted(required)]

    def convert(self, raw: RawRow) -> Registration:
        return self.convert_all([raw])[0]

    def convert_all(self, rows: Sequence[RawRow]) -> list[Registration]:
        """One registration per row, in two passes that keep 100,000 rows to a second or two
        (a cell-by-cell loop took half a minute).

        First column by column: a column's distinct answers are parsed once; a column with a
        problem anywhere (an unknown option, an unreadable date) is stored there and then,
        with its problems. Then row by row, for locality: the columns without any problem
        are stored from their parsed answers, and each row is checked and placed.
        """
        source = self.source
        registrations = [Registration(source=source, row=raw.number) for raw in rows]
        unreadable: dict[int, set[str]] = {}
        since: dict[int, tuple[ColumnReader, int]] = {}
        # Every row has a cell for each header (the reader pads short rows), so the table can
        # be turned into columns in one step.
        columns = list(zip(*(raw.cells for raw in rows), strict=True)) if rows else []
        fast: list[_Fast] = []
        for reader in self.readers:
            column = columns[reader.position] if columns else ()
            spec = self._read_column(reader, registrations, column, unreadable, since)
            if spec is not None:
                fast.append(spec)
        text = [(f.position, f.name, f.target) for f in fast if f.kind == "text"]
        answers_map = [(f.position, f.name, f.values) for f in fast if f.kind == "answers"]
        identity_map = [(f.position, f.name, f.values) for f in fast if f.kind == "identity"]
        lists = [(f.position, f.name, f.values) for f in fast if f.kind == "list"]
        grids = [
            (f.position, f.name, f.row_code, f.values, f.copy) for f in fast if f.kind == "grid"
        ]
        stamps = [(f.position, f.values) for f in fast if f.kind == "submitted_at"]
        dates = [(f.position, f.values) for f in fast if f.kind == "visit_date"]
        required_names = {n for n, _ in self.required}
        not_asked = self.not_asked
        for index, (registration, raw) in enumerate(zip(registrations, rows, strict=True)):
            cells = raw.cells
            answers, identity = registration.answers, registration.identity
            registration.not_asked = list(not_asked)
            for position, name, target in text:
                value = cells[position]
                if value is not None:
                    (identity if target == "identity" else answers)[name] = value.strip()
            for position, name, values in answers_map:
                value = cells[position]
                if value is not None:
                    answers[name] = values[value]
            for position, name, values in identity_map:
                value = cells[position]
                if value is not None:
                    identity[name] = values[value]
            for position, name, values in lists:
                value = cells[position]
                if value is not None:
                    answers[name] = list(values[value])
            for position, name, row_code, values, copy in grids:
                value = cells[position]
                if value is not None:
                    cell = values[value]
                    answers.setdefault(name, {})[row_code] = list(cell) if copy else cell
            for position, values in stamps:
                value = cells[position]
                if value is not None:
                    registration.submitted_at = values[value]
            for position, values in dates:
                value = cells[position]
                if value is not None:
                    registration.visit_date = values[value]
            if index in since:
                self._years_since(registration, *since[index])
            if self.windowed:
                _apply_window(registration, self.windowed)
            bad = unreadable.get(index, set())
            for name, title in self.required:
                if name not in bad and not _has(registration, name):
                    registration.incomplete.append(name)
                    outcome = (
                        "no visit is stored for this row"
                        if name in ESSENTIAL_FIELDS
                        else "the visit is kept as incomplete"
                    )
                    self.report.error(
                        "missing-required",
                        f"required answer '{name}' is empty; {outcome}",
                        file=self.file,
                        row=registration.row,
                        column=title,
                    )
            registration.incomplete.extend(sorted(bad & required_names))
            _place(registration, self.matcher, self.report, self.file, self.binding)
        return registrations

    def _read_column(
        self,
        reader: ColumnReader,
        registrations: list[Registration],
        column: Sequence[str | None],
        unreadable: dict[int, set[str]],
        since: dict[int, tuple[ColumnReader, int]],
    ) -> _Fast | None:
        """Store a column with problems now; return how to store a column without any."""
        from mdsa.intake.answers import MISSING

        name, target = reader.name, reader.target
        simple_store = target in ("answers", "identity") and name not in self.shared
        if reader.plain and simple_store:
            return _Fast(reader, None)
        distinct = {value for value in column if value is not None}
        if simple_store or target != "answers" and target != "identity":
            # The usual case (known options, numbers in range, readable dates): store only.
            values = reader.read_clean(distinct)
            if values is not None:
                return _Fast(reader, values)
        parsed_of = {value: reader.read(value) for value in distinct}
        report, file, title = self.report, self.file, reader.title
        for index, (registration, value) in enumerate(zip(registrations, column, strict=True)):
            if value is None:
                continue
            parsed = parsed_of[value]
            if parsed.problems:
                for code, severity, message in parsed.problems:
                    report.add(
                        code, severity, message, file=file, row=registration.row, column=title
                    )
                    if code == "unreadable-date":
                        unreadable.setdefault(index, set()).add(name)
            if parsed.other:
                registration.other.setdefault(reader.other_key, []).extend(parsed.other)
            if parsed.since is not None:
                since[index] = (reader, parsed.since)
            if parsed.value is not MISSING:
                self._store(registration, reader, parsed.value, registration.row)
        return None

    def _store(
        self, registration: Registration, reader: ColumnReader, value: Any, row: int
    ) -> None:
        target = reader.target
        if target == "answers" or target == "identity":
            store = registration.answers if target == "answers" else registration.identity
            if reader.copy:
                value = list(value)
            name = reader.name
            if name in self.shared and name in store:
                if store[name] != value:
                    self.report.warning(
                        "conflicting-answers",
                        f"two columns answer '{name}' differently; the first is kept",
                        file=self.file,
                        row=row,
                        column=reader.title,
                    )
                return
            store[name] = value
        elif target == "grid":
            cell = list(value) if reader.copy else value
            registration.answers.setdefault(reader.name, {})[reader.row_code] = cell
        elif target == "submitted_at":
            registration.submitted_at = value
        else:
            registration.visit_date = value

    def _years_since(self, registration: Registration, reader: ColumnReader, year: int) -> None:
        """ "sinds 1998": the years until the visit (or, without a visit date, the submission)."""
        when = registration.visit_date or registration.submitted_at
        where = {"file": self.file, "row": registration.row, "column": reader.title}
        if not when:
            message = "a year of arrival, but the row has no visit date to count from; left empty"
            self.report.warning("not-a-number", message, **where)
            return
        years = int(when[:4]) - year
        if years < 0:
            self.report.warning(
                "out-of-range", "a year of arrival after the visit; left empty", **where
            )
            return
        self._store(registration, reader, years, registration.row)


class _Fast:
    """A column without any problem, stored in the row pass: ``values`` maps each distinct
    cell to what is stored (``None``: text, stored as typed)."""

    def __init__(self, reader: ColumnReader, values: dict[str, Any] | None) -> None:
        self.position, self.name, self.target = reader.position, reader.name, reader.target
        self.row_code, self.copy, self.values = reader.row_code, reader.copy, values or {}
        self.kind: str
        if values is None:
            self.kind = "text"
        elif self.target == "answers" and self.copy:
            self.kind = "list"
        else:
            self.kind = self.target


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


def _apply_window(registration: Registration, columns: Iterable[BoundColumn]) -> None:
    """Questions added or removed mid-project: outside their dates they were not asked."""
    when = registration.visit_date or (registration.submitted_at or "")[:10]
    if not when:
        return
    for column in columns:
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
    street = None
    if address:
        street, key, household = matcher.match(address)
        if household is not None:
            registration.household = key  # the household's key: it was found by it
            registration.subarea = matcher.subarea_of(household)
            registration.subarea_source = "address-list"
            return
    where = {"file": file, "row": registration.row}
    if address:
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
    return list(iter_registrations(path))


def iter_registrations(path: Path) -> Iterator[Registration]:
    """The registrations of ``path`` one at a time, read line by line: what goes through them
    once need not hold them all (100,000 are about 400 MB). Lines end at ``\\n`` only: a note
    may hold a U+2028 line separator, which JSON leaves as it is."""
    import orjson

    from mdsa.errors import InputFileError

    if not path.is_file():
        return
    try:
        handle = path.open("rb")
    except OSError as e:
        raise reading_error(path, e) from e
    with handle:
        for number, line in enumerate(handle, start=1):
            if number == 1:
                line = line.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark
            if line.strip():
                try:
                    yield Registration.from_dict(orjson.loads(line))
                except (ValueError, TypeError) as e:
                    raise InputFileError(
                        "damaged line in the registrations; restore it from a backup or re-import",
                        path=path,
                        line=number,
                    ) from e


def save_registrations(path: Path, registrations: Iterable[Registration | Written]) -> None:
    """Every registration as one line, by visit date and submission; a ``Written`` one is
    already its line. The lines go out in blocks of 128: one write per line took about twice
    the time, and a larger block keeps more of orjson's oversized buffers (see
    ``mdsa.intake.written.written``)."""
    from mdsa.intake.written import Written

    ordered = sorted(registrations, key=lambda r: (r.visit_date or "", r.submitted_at or ""))
    with atomic_open(path, "wb") as handle:
        for start in range(0, len(ordered), _WRITE_BLOCK):
            block = ordered[start : start + _WRITE_BLOCK]
            lines = [r.line if isinstance(r, Written) else r.to_json_bytes() for r in block]
            lines.append(b"")
            handle.write(b"\n".join(lines))


_WRITE_BLOCK = 128
