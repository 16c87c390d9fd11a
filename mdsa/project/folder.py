"""Find a project folder and load its files leniently, collecting every problem in a report.

A project is a folder with ``mdsa.yaml``. Loading never stops at the first problem: each file is
parsed and checked on its own, the valid parts are kept for the cross-file checks, and each
problem becomes an ``Issue`` with file and line (YAML) or row and column (CSV).
"""

from __future__ import annotations

import csv
import difflib
import io
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from mdsa.errors import InputFileError, ProjectNotFoundError
from mdsa.fileio import Loc, YamlDocument, load_yaml, read_text
from mdsa.project.addresses import HouseNumber, address_key, parse_house_number
from mdsa.report import Report

if TYPE_CHECKING:
    from pydantic import BaseModel

    from mdsa.project.models import (
        CommunicationPlan,
        PartnersFile,
        PrivacyPlan,
        ProjectConfig,
        TeamFile,
    )

M = TypeVar("M", bound="BaseModel")

PROJECT_FILE = "mdsa.yaml"
TEAM_FILE = "team.yaml"
PARTNERS_FILE = "partners.yaml"
PRIVACY_FILE = "privacy.yaml"
COMMUNICATION_FILE = "communication.yaml"
PRIVATE_DIR = "private"
HOUSEHOLDS_FILE = f"{PRIVATE_DIR}/households.csv"
REGISTRATIONS_FILE = f"{PRIVATE_DIR}/registrations.jsonl"

# Column titles accepted in households.csv, with the Dutch titles a project leader may use.
HOUSEHOLD_COLUMNS: dict[str, tuple[str, ...]] = {
    "street": ("street", "straat", "straatnaam"),
    "house_number": ("house_number", "huisnummer", "nummer", "huisnr"),
    "postcode": ("postcode", "postal_code"),
    "subarea": ("subarea", "subbuurt", "buurt"),
    "block": ("block", "blok", "complex"),
    "renovation_week": ("renovation_week", "renovatieweek", "week"),
    # Optional, for the invitation letters: the addressee and the planned visit.
    "name": ("name", "naam", "tenaamstelling", "aanhef"),
    "visit_date": ("visit_date", "bezoekdatum", "datum_bezoek", "afspraak"),
    "visit_time": ("visit_time", "tijdvak", "tijd", "bezoektijd"),
}
REQUIRED_HOUSEHOLD_COLUMNS = ("street", "house_number")


def find_project(start: Path | None = None) -> Path:
    """The project folder: ``start`` itself, or the current folder or its nearest parent."""
    if start is not None:
        if not start.is_dir():
            raise ProjectNotFoundError(
                "no such folder", path=start, hint=f"create a project with: mdsa init {start}"
            )
        if not (start / PROJECT_FILE).is_file():
            raise ProjectNotFoundError(
                f"not an mdsa project: there is no {PROJECT_FILE} in this folder",
                path=start,
                hint=f"create one with: mdsa init {start}",
            )
        return start
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / PROJECT_FILE).is_file():
            return folder
    raise ProjectNotFoundError(
        f"no {PROJECT_FILE} in this folder or any folder above it",
        hint="give the project folder (mdsa validate DIR) or create one with: mdsa init DIR",
    )


@dataclass(frozen=True)
class Household:
    """One home of the address list. Lives only in memory: it holds an address."""

    row: int
    street: str
    house_number: HouseNumber
    postcode: str | None
    subarea: str | None
    block: str | None = None
    renovation_week: str | None = None
    name: str | None = None
    visit_date: date | None = None
    visit_time: str | None = None

    @property
    def key(self) -> str:
        return address_key(self.street, self.house_number)


@dataclass
class Project:
    root: Path
    config: ProjectConfig | None = None
    team: TeamFile | None = None
    partners: PartnersFile | None = None
    privacy: PrivacyPlan | None = None
    communication: CommunicationPlan | None = None
    households: list[Household] | None = None
    household_subarea_given: dict[int, str] = field(default_factory=dict)
    documents: dict[str, YamlDocument] = field(default_factory=dict)

    @property
    def private_dir(self) -> Path:
        return self.root / PRIVATE_DIR

    @property
    def name(self) -> str:
        return self.config.name if self.config else self.root.name

    def organisation_names(self) -> list[str]:
        return [p.name for p in self.partners.organisations] if self.partners else []


def load_project(root: Path) -> tuple[Project, Report]:
    """Load every file of the project; problems go into the report, never raised."""
    from mdsa.project import models

    report = Report()
    project = Project(root=root)
    project.config = _load_model(project, PROJECT_FILE, models.ProjectConfig, report)
    project.team = _load_model(project, TEAM_FILE, models.TeamFile, report)
    project.partners = _load_model(project, PARTNERS_FILE, models.PartnersFile, report)
    project.privacy = _load_model(project, PRIVACY_FILE, models.PrivacyPlan, report)
    project.communication = _load_model(
        project, COMMUNICATION_FILE, models.CommunicationPlan, report
    )
    project.households = _load_households(project, report)
    return project, report


def read_yaml_mapping(
    path: Path, name: str, report: Report
) -> tuple[YamlDocument, dict[str, Any] | None] | None:
    """A project YAML file read with its problems in ``report``: ``None`` when it cannot be
    read, the data ``None`` when it is not ``key: value`` lines; duplicate keys reported."""
    try:
        document = load_yaml(path)
    except InputFileError as e:
        report.error(e.code, e.message, file=name, line=e.line, column=e.column, hint=e.hint)
        return None
    for loc, line in document.duplicate_keys:
        report.error(
            "duplicate-key",
            f"key '{loc[-1]}' appears twice; the second one wins",
            file=name,
            line=line,
            hint="remove one of the two",
        )
    data = document.data if document.data is not None else {}
    if not isinstance(data, dict):
        report.error(
            "not-a-mapping", "the file must hold 'key: value' lines at the top level", file=name
        )
        return document, None
    return document, data


def _load_model(project: Project, name: str, model: type[M], report: Report) -> M | None:
    from pydantic import ValidationError

    path = project.root / name
    if not path.is_file():
        report.error(
            "missing-file",
            "file is missing",
            file=name,
            hint=f"create the missing files with: mdsa init {project.root} --add-missing",
        )
        return None
    read = read_yaml_mapping(path, name, report)
    if read is None:
        return None
    document, data = read
    project.documents[name] = document
    if data is None:
        return None
    try:
        return model.model_validate(data)
    except ValidationError as e:
        errors = e.errors()
    for error in errors:
        _report_validation_error(report, name, document, model, error)
    salvaged = _drop_invalid(data, [tuple(err["loc"]) for err in errors])
    try:
        return model.model_validate(salvaged)
    except ValidationError:
        return None


def _report_validation_error(
    report: Report, name: str, document: YamlDocument, model: type[BaseModel], error: Any
) -> None:
    loc: Loc = tuple(error["loc"])
    line = document.line_of(loc)
    where = ".".join(str(part) for part in loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        valid = list(_model_at(model, loc[:-1]) or [])
        guess = difflib.get_close_matches(str(loc[-1]), valid, n=1, cutoff=0.5)
        hint = f"did you mean '{guess[0]}'?" if guess else f"valid keys: {', '.join(valid)}"
        report.error("unknown-key", f"unknown key '{where}'", file=name, line=line, hint=hint)
    elif kind == "missing":
        report.error(
            "missing-key", f"'{where}' is required", file=name, line=line, hint=f"add '{loc[-1]}:'"
        )
    elif kind == "literal_error":
        report.error("invalid-choice", f"'{where}': {error['msg']}", file=name, line=line)
    else:
        message = error["msg"].removeprefix("Value error, ")
        report.error("invalid-value", f"'{where}': {message}", file=name, line=line)


def _model_at(model: type[BaseModel], loc: Loc) -> dict[str, Any] | None:
    """The fields of the model that sits at ``loc`` inside ``model`` (for key suggestions)."""
    from pydantic import BaseModel

    current: Any = model
    for part in (*loc, None):
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            if part is None:
                return dict(current.model_fields)
            if not isinstance(part, str) or part not in current.model_fields:
                return None
            current = current.model_fields[part].annotation
        elif typing.get_origin(current) in (list, tuple):
            current = typing.get_args(current)[0]
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    return None


def _unwrap(annotation: Any) -> Any:
    """Strip ``Annotated`` and ``X | None`` down to the type that holds fields."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def _drop_invalid(data: dict[str, Any], locs: Iterable[Loc]) -> dict[str, Any]:
    """A copy of ``data`` without the parts that failed: the bad list item or mapping entry,
    else the bad top-level key, so the valid rest can still be checked against other files."""
    import copy

    salvaged = copy.deepcopy(data)
    drops: set[tuple[str, Any]] = set()
    for loc in locs:
        if not loc:
            continue
        head = str(loc[0])
        value = data.get(head)
        if len(loc) >= 2 and isinstance(value, list | dict):
            drops.add((head, loc[1]))
        else:
            drops.add((head, None))
    for head, item in sorted(drops, key=lambda d: (d[0], -d[1] if isinstance(d[1], int) else 0)):
        if head not in salvaged:
            continue
        container = salvaged[head]
        if item is None:
            del salvaged[head]
        elif isinstance(container, list) and isinstance(item, int) and item < len(container):
            del container[item]
        elif isinstance(container, dict):
            container.pop(item, None)
    return salvaged


def _load_households(project: Project, report: Report) -> list[Household] | None:
    path = project.root / HOUSEHOLDS_FILE
    if path.exists() and not path.is_file():
        report.error(
            "not-a-file",
            "is a folder, expected the address list (a CSV file)",
            file=HOUSEHOLDS_FILE,
        )
        return None
    if not path.is_file() and (project.root / "private.locked").is_file():
        report.warning(
            "project-locked",
            "private/ is locked (mdsa lock), so the address list is not checked",
            file="private.locked",
            hint=f"unlock it to work with it: mdsa unlock {project.root}",
        )
        return None
    if not path.is_file():
        report.warning(
            "missing-households",
            "there is no address list yet",
            file=HOUSEHOLDS_FILE,
            hint="put the address list (street, house_number, postcode, subarea) in this file",
        )
        return None
    try:
        text = read_text(path, encodings=("utf-8-sig", "cp1252"))
    except InputFileError as e:
        report.error("unreadable-file", e.message, file=HOUSEHOLDS_FILE, line=e.line, hint=e.hint)
        return None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if not header:
        report.error("empty-file", "the address list has no header row", file=HOUSEHOLDS_FILE)
        return None
    titles = {alias for aliases in HOUSEHOLD_COLUMNS.values() for alias in aliases}
    if not any(_column_key(title) in titles for title in header):
        # Never print the cells: without a header row, row 1 is a home's address.
        report.error(
            "missing-header",
            "the first row is not a header: none of its cells is a known column title "
            "(its cells are not shown, as they may be an address)",
            file=HOUSEHOLDS_FILE,
            row=1,
            hint="add a first row with the titles: " + ",".join(HOUSEHOLD_COLUMNS),
        )
        return None
    columns = _household_columns(header, report)
    missing = [c for c in REQUIRED_HOUSEHOLD_COLUMNS if c not in columns]
    if missing:
        for column in missing:
            report.error(
                "missing-column",
                f"the address list has no '{column}' column",
                file=HOUSEHOLDS_FILE,
                row=1,
                hint=f"accepted titles: {', '.join(HOUSEHOLD_COLUMNS[column])}",
            )
        return None
    households: list[Household] = []
    row_number = 1
    try:
        for row_number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                report.error(
                    "wrong-cell-count",
                    f"the row has {len(cells)} cell(s), the header has {len(header)}; "
                    "the row is skipped",
                    file=HOUSEHOLDS_FILE,
                    row=row_number,
                    hint=f"a '{delimiter}' inside a cell must be in quotes, or a cell is missing",
                )
                continue
            household = _household_from_row(project, row_number, cells, columns, report)
            if household is not None:
                households.append(household)
    except csv.Error:
        report.error(
            "bad-csv",
            "the file cannot be read as CSV from this row on (a NUL byte or a broken quote)",
            file=HOUSEHOLDS_FILE,
            row=row_number + 1,
            hint="open it in a spreadsheet and save it again as CSV UTF-8",
        )
    return households


def _column_key(title: str) -> str:
    return title.strip().casefold().replace(" ", "_")


def _household_columns(header: list[str], report: Report) -> dict[str, int]:
    columns: dict[str, int] = {}
    lookup = {alias: name for name, aliases in HOUSEHOLD_COLUMNS.items() for alias in aliases}
    for index, title in enumerate(header):
        key = _column_key(title)
        if not key:
            continue
        name = lookup.get(key)
        if name is None:
            # The title is not printed: in a shifted header it may be a cell of an address.
            report.warning(
                "unknown-column",
                f"column {index + 1} ({_column_letter(index)}) has a title mdsa does not know; "
                "it is not used",
                file=HOUSEHOLDS_FILE,
                row=1,
                hint=f"known columns: {', '.join(HOUSEHOLD_COLUMNS)}",
            )
        elif name in columns:
            report.error(
                "duplicate-column", f"two columns mean '{name}'", file=HOUSEHOLDS_FILE, row=1
            )
        else:
            columns[name] = index
    return columns


def _column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _household_from_row(
    project: Project, row: int, cells: list[str], columns: dict[str, int], report: Report
) -> Household | None:
    from mdsa.project.models import is_postcode, normalise_postcode

    def cell(name: str) -> str:
        index = columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    where = {"file": HOUSEHOLDS_FILE, "row": row}
    street, number_text, postcode = cell("street"), cell("house_number"), cell("postcode")
    if not street:
        report.error("missing-value", "the street is empty", column="street", **where)
        return None
    house_number = parse_house_number(number_text)
    if house_number is None:
        report.error(
            "invalid-house-number",
            "not a house number" if number_text else "the house number is empty",
            column="house_number",
            hint="write a number with an optional addition: 12, 12a, 12 A, 103-2",
            **where,
        )
        return None
    if postcode and not is_postcode(postcode):
        report.error(
            "invalid-postcode",
            "not a Dutch postcode",
            column="postcode",
            hint="four digits and two letters, like 6541 AB",
            **where,
        )
        postcode = ""
    subarea = cell("subarea") or None
    if subarea:
        project.household_subarea_given[row] = subarea
    return Household(
        row=row,
        street=street,
        house_number=house_number,
        postcode=normalise_postcode(postcode) if postcode else None,
        subarea=subarea,
        block=cell("block") or None,
        renovation_week=cell("renovation_week") or None,
        name=cell("name") or None,
        visit_date=_visit_date(cell("visit_date"), report, where),
        visit_time=cell("visit_time") or None,
    )


def _visit_date(text: str, report: Report, where: dict[str, Any]) -> date | None:
    """A visit date as 2016-09-13 or 13-09-2016; an unreadable one is a warning, left empty."""
    if not text:
        return None
    for form in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    report.warning(
        "unreadable-date",
        "the visit date is not a date; the letter says the date will be agreed",
        column="visit_date",
        hint="write it as 2016-09-13 or 13-09-2016",
        **where,
    )
    return None
