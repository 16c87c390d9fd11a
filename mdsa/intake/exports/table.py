"""Turn the records of any export (CSV rows, xlsx rows) into headers, rows and blank rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mdsa.intake.exports.model import ExportError, RawProblem, RawRow

# The first column Google Forms writes, in the UI languages a project may meet.
TIMESTAMP_TITLES = frozenset(
    {
        "timestamp",
        "tijdstempel",
        "marca temporal",
        "horodateur",
        "zeitstempel",
        "carimbo de data/hora",
    }
)


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[RawRow, ...]
    blank_rows: tuple[int, ...]
    problems: tuple[RawProblem, ...]


def clean_title(title: str | None) -> str:
    if title is None:
        return ""
    return title.replace("\r\n", "\n").replace("\r", "\n").strip()


def is_blank(record: Sequence[str | None]) -> bool:
    return not any(cell and not cell.isspace() for cell in record)


def _newlines(cell: str) -> str:
    return cell.replace("\r\n", "\n").replace("\r", "\n")


def build_table(
    records: Iterable[Sequence[str | None]], path: Path, *, clean: bool = False
) -> Table:
    """Read the header (the first non-blank record) and the data rows after it.

    Blank rows are skipped and their numbers kept, also those above the header (those after
    the last data row are not part of the table); numbers are the rows a spreadsheet shows: an
    empty line is a row, a cell over several lines is one. Short rows are padded; cells beyond
    the header are reported when they hold a value; trailing columns without a title and
    without any value are dropped. ``clean`` says the reader already made every empty or
    white-space cell ``None`` and every line ending ``\\n`` (the xlsx reader does so).
    """
    number = 0
    titles: list[str] | None = None
    iterator = iter(records)
    leading: list[int] = []  # blank rows above the header: a spreadsheet shows them too
    for record in iterator:
        number += 1
        if not is_blank(record):
            titles = [clean_title(t) for t in record]
            break
        leading.append(number)
    if titles is None:
        raise ExportError(
            "the file holds no header row (it is empty)", path=path, code="empty-export"
        )
    width = len(titles)
    data: list[tuple[int, Sequence[str | None]]] = []
    blank: list[int] = leading
    pending: list[int] = []
    problems: list[RawProblem] = []
    for record in iterator:
        number += 1
        cells: Sequence[str | None] = (
            record  # the xlsx reader's rows, kept as they come
            if clean
            else [
                None if not c or c.isspace() else (_newlines(c) if "\r" in c else c) for c in record
            ]
        )
        if not any(cells):
            pending.append(number)
            continue
        if pending:
            blank.extend(pending)
            pending.clear()
        size = len(cells)
        if size < width:
            cells = [*cells, *[None] * (width - size)]
        elif size > width:
            extra = [i for i in range(width, size) if cells[i] is not None]
            if extra:
                problems.append(
                    RawProblem(
                        code="extra-cells",
                        severity="error",
                        message=(
                            f"the row has {len(extra)} filled cell(s) from column "
                            f"{extra[0] + 1} on, beyond the {width} columns of the header; "
                            "they were not imported"
                        ),
                        row=number,
                    )
                )
            cells = cells[:width]
        data.append((number, cells))
    keep = width  # the header has a title, so at least one column stays
    while titles[keep - 1] == "" and all(c[keep - 1] is None for _, c in data):
        keep -= 1
    if keep < width:
        rows = tuple(RawRow(n, tuple(c[:keep])) for n, c in data)
    else:
        rows = tuple(RawRow(n, c if type(c) is tuple else tuple(c)) for n, c in data)
    return Table(tuple(titles[:keep]), rows, tuple(blank), tuple(problems))


def header_score(titles: Sequence[str | None], expected: Iterable[str]) -> tuple[bool, int]:
    """How much a row looks like the header of the responses: (starts with a Forms timestamp
    title, number of expected titles present)."""
    cleaned = [clean_title(t) for t in titles]
    first = next((t for t in cleaned if t), "")
    present = {t.casefold() for t in cleaned if t}
    matches = sum(1 for t in {clean_title(e).casefold() for e in expected} if t in present)
    return first.casefold() in TIMESTAMP_TITLES, matches
