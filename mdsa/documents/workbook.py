"""Excel workbooks of tables: one sheet per table, ready to filter (written with xlsxwriter).

Each sheet has a bold header row (and optionally a second header row, such as Dutch column
labels), the header frozen so it stays in view, an autofilter on the last header row, and
column widths fitted to their content (long text wrapped in a wide column instead). Text is
always written as text: a cell that starts with ``=`` is shown, never calculated. The file is
written to a temporary file beside the target and renamed over it, so a reader never sees half
a workbook.

The table rows are written by ``_RowsWorksheet`` in one pass when the workbook is closed, not
cell by cell through xlsxwriter's ``write_string``/``write_number`` (about 9 µs a cell: 40 s
for the 6 million cells of a data set of 100,000 visits). The cells are the same: a string in
the shared-string table, a number as xlsxwriter writes it, the column's format where it has
one. ``written_rows`` gives every cell of a sheet as a reader gets it back from the file.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from mdsa.fileio import atomic_open

Cell = str | int | float
# Excel's limits: a sheet name of 31 characters without []:*?/\ and 32,767 characters a cell.
MAX_SHEET_NAME = 31
MAX_CELL = 32_767
AUTOFIT_PIXELS = 320  # the widest a fitted column gets (about 45 characters)
WRAPPED_WIDTH = 80  # characters, for the columns of long text


@dataclass
class SheetChart:
    """A native Excel bar chart of the sheet's first ``categories`` rows: the first column
    names the bars, each of ``value_columns`` (0-based) is one series, named by its header."""

    title: str
    categories: int
    value_columns: Sequence[int]
    percent: bool = False  # the values are percentages (0-100)


@dataclass
class Sheet:
    name: str
    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    labels: Sequence[str] | None = None  # a second header row, e.g. the Dutch column labels
    wrap: Collection[str] = field(default_factory=tuple)  # columns of long text
    highlight: Collection[int] = field(default_factory=tuple)  # rows (0-based) to mark, e.g. late
    notes: Sequence[str] = ()  # lines under the table: what it shows, what a mark means
    chart: SheetChart | None = None  # drawn beside the table
    # columns to fill in from a list (an Excel dropdown over the table's rows): header -> choices
    dropdowns: Mapping[str, Sequence[str]] = field(default_factory=dict)


def write_workbook(path: Path, sheets: Sequence[Sheet], *, created: datetime | None = None) -> None:
    """Write ``sheets`` as one ``.xlsx`` file at ``path``, atomically. ``created`` fixes the
    file's creation date (else now), for files that must be the same byte for byte."""
    import xlsxwriter

    with atomic_open(path, "wb") as handle:
        workbook = xlsxwriter.Workbook(
            handle,
            {
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
                # xlsxwriter's parts beside the target (not in the system's temp folder, where
                # another program may clear them, and a data set not yet scanned has no place)
                "tmpdir": str(path.parent),
            },
        )
        formats = {
            "header": workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "bottom": 1}),
            "label": workbook.add_format({"italic": True, "text_wrap": True, "valign": "top"}),
            "wrapped": workbook.add_format({"text_wrap": True, "valign": "top"}),
            "highlight": workbook.add_format(
                {"bg_color": "#F8CBAD", "text_wrap": True, "valign": "top"}
            ),
        }
        formats["note"] = workbook.add_format({"italic": True, "font_color": "#555555"})
        if created is not None:
            workbook.set_properties({"created": created})
        for sheet in sheets:
            worksheet = workbook.add_worksheet(
                sheet_name(sheet.name), worksheet_class=_rows_worksheet()
            )
            _write_sheet(worksheet, sheet, formats)
            if sheet.chart is not None and sheet.chart.categories:
                _add_chart(workbook, worksheet, sheet, sheet.chart)
        workbook.close()


def _add_chart(workbook: Any, worksheet: Any, sheet: Sheet, chart: SheetChart) -> None:
    top = 2 if sheet.labels is not None else 1
    last = top + chart.categories - 1
    name = worksheet.get_name()
    bars = workbook.add_chart({"type": "bar"})
    for column in chart.value_columns:
        bars.add_series(
            {
                "name": [name, top - 1, column],
                "categories": [name, top, 0, last, 0],
                "values": [name, top, column, last, column],
                "data_labels": {"value": True, "num_format": '0.0"%"' if chart.percent else "0"},
            }
        )
    bars.set_title({"name": chart.title[:250], "name_font": {"size": 12, "bold": True}})
    bars.set_y_axis({"reverse": True})
    bars.set_x_axis({"num_format": '0"%"' if chart.percent else "0", "min": 0})
    bars.set_legend({"position": "bottom"})
    bars.set_size(
        {"width": 640, "height": max(300, 60 + 28 * chart.categories * len(chart.value_columns))}
    )
    worksheet.insert_chart(0, len(sheet.header) + 1, bars)


def _fit_columns(worksheet: Any, sheet: Sheet) -> None:
    """Fit each column to its widest cell, as xlsxwriter's ``autofit`` does (the cell's width
    in pixels plus 7, at most AUTOFIT_PIXELS), but measuring each distinct value once: autofit
    measures every cell, which was a fifth of writing a data set of 10,000 visits. The columns
    of long text get WRAPPED_WIDTH instead, so they are not measured."""
    from xlsxwriter.utility import xl_pixel_width

    def pixels(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int | float):
            text = str(value)[:MAX_CELL]
            return max(int(xl_pixel_width(line)) for line in text.split("\n"))
        return 7 * len(str(value))

    for index, name in enumerate(sheet.header):
        if name in sheet.wrap:
            continue
        values: set[object] = {name}
        if sheet.labels is not None and index < len(sheet.labels):
            values.add(sheet.labels[index])
        values.update(row[index] for row in sheet.rows if index < len(row))
        widest = max(pixels(value) for value in values)
        if widest > 0:
            worksheet.set_column_pixels(index, index, min(widest + 7, AUTOFIT_PIXELS))


def as_written(value: Cell) -> str | float:
    """A cell as the workbook holds it: text cut at Excel's limit, a number as xlsxwriter
    writes it (16 significant digits)."""
    if type(value) is str and len(value) <= MAX_CELL // 2:
        return value  # the usual cell: nothing to cut
    if _is_text(value):
        text = str(value)[:MAX_CELL]
        if len(text) > MAX_CELL // 2 and len(text.encode("utf-16-le")) > 2 * MAX_CELL:
            text = text.encode("utf-16-le")[: 2 * MAX_CELL].decode("utf-16-le", "ignore")
        return text
    return float(f"{value:.16G}")


def _is_text(value: Cell) -> bool:
    """A cell written as text (a bool too); else a number."""
    kind = type(value)
    if kind is str:
        return True
    if kind is int or kind is float:
        return False
    return isinstance(value, bool) or not isinstance(value, int | float)


def written_rows(sheet: Sheet) -> Iterator[list[str | float | None]]:
    """Every row of ``sheet`` as a reader (calamine) gets it back from the written file, from
    row 1 on: text as text, every number a float, an empty cell None. The privacy gate scans
    these instead of reading a new data set back (``mdsa.privacy.scan.Written``)."""
    yield from head_rows(sheet)
    for row in sheet.rows:
        yield [as_written(value) for value in row]
    yield from note_rows(sheet)


def head_rows(sheet: Sheet) -> list[list[str | float | None]]:
    """The header row and the row of labels, as written (an empty title is no cell)."""
    rows: list[list[str | float | None]] = [[as_written(h) or None for h in sheet.header]]
    if sheet.labels is not None:
        rows.append([as_written(label) or None for label in sheet.labels])
    return rows


def note_rows(sheet: Sheet) -> list[list[str | float | None]]:
    """The rows under the table: an empty one, then a note a row."""
    rows: list[list[str | float | None]] = [[note[:MAX_CELL]] for note in sheet.notes]
    return [[], *rows] if rows else []


@functools.cache
def _rows_worksheet() -> type[Any]:
    from xlsxwriter.worksheet import Worksheet

    class _RowsWorksheet(Worksheet):  # type: ignore[misc]
        """A worksheet that writes the rows of its table itself (see the module's doc)."""

        dim_rowmin: int  # the sheet's first and last row, kept by xlsxwriter
        dim_rowmax: int

        def __init__(self) -> None:
            super().__init__()
            self.bulk: tuple[int, Sequence[Sequence[Cell]], Any, set[int]] | None = None
            self.strings: dict[Cell, int] = {}  # a text cell's value -> its shared string

        def add_rows(
            self, top: int, rows: Sequence[Sequence[Cell]], marked: Any, highlight: set[int]
        ) -> None:
            """The table's rows from row ``top`` (0-based) on; rows in ``highlight`` get
            ``marked``. The shared strings are added now: xlsxwriter writes them at close."""
            index = self.str_table._get_shared_string_index
            strings = self.strings
            width = 0
            for row in rows:
                width = max(width, len(row))
                for value in row:
                    if _is_text(value):
                        strings[value] = index(as_written(value))
                    elif not math.isfinite(float(value)):  # as xlsxwriter's write_number refuses it
                        raise TypeError("NAN/INF not supported in a workbook cell")
            if rows and width:
                self._check_dimensions(top + len(rows) - 1, width - 1)
                self._check_dimensions(top, 0)
            self.bulk = (top, rows, marked, highlight)

        def _write_rows(self) -> None:
            if self.bulk is None or not self.bulk[1]:
                super()._write_rows()
                return
            top, rows, marked, highlight = self.bulk
            low, high = self.dim_rowmin, self.dim_rowmax
            if low < top:  # the header rows, written by xlsxwriter
                self.dim_rowmin, self.dim_rowmax = low, top - 1
                super()._write_rows()
            self._write_table(top, rows, marked, highlight)
            if high >= top + len(rows):  # the notes under the table
                self.dim_rowmin, self.dim_rowmax = top + len(rows), high
                super()._write_rows()
            self.dim_rowmin, self.dim_rowmax = low, high

        def _write_table(
            self, top: int, rows: Sequence[Sequence[Cell]], marked: Any, highlight: set[int]
        ) -> None:
            """``<row>`` and ``<c>`` elements as xlsxwriter writes them (without the optional
            ``spans``): a string by its shared-string index, a number with 16 digits."""
            from xlsxwriter.utility import xl_col_to_name

            width = max(len(row) for row in rows)
            styles = []
            for column in range(width):
                info = self.col_info.get(column)
                form = info.column_format if info is not None else None
                style = f' s="{form._get_xf_index()}"' if form is not None else ""
                styles.append((xl_col_to_name(column), style))
            mark = f' s="{marked._get_xf_index()}"' if marked is not None else ""
            marks = [(letters, mark) for letters, _ in styles]
            strings, write = self.strings, self.fh.write
            for offset, row in enumerate(rows):
                if not row:
                    continue
                number = top + offset + 1
                cells = [
                    f'<c r="{letters}{number}"{style} t="s"><v>{strings[value]}</v></c>'
                    if _is_text(value)
                    else f'<c r="{letters}{number}"{style}><v>{value:.16G}</v></c>'
                    for (letters, style), value in zip(
                        marks if offset in highlight else styles, row, strict=False
                    )
                ]
                write(f'<row r="{number}">{"".join(cells)}</row>')

    return _RowsWorksheet


def _write_sheet(worksheet: Any, sheet: Sheet, formats: dict[str, Any]) -> None:
    worksheet.write_row(0, 0, list(sheet.header), formats["header"])
    top = 1
    if sheet.labels is not None:
        worksheet.write_row(1, 0, list(sheet.labels), formats["label"])
        top = 2
    worksheet.add_rows(top, sheet.rows, formats["highlight"], set(sheet.highlight))
    _fit_columns(worksheet, sheet)
    for index, name in enumerate(sheet.header):
        if name in sheet.wrap:
            worksheet.set_column(index, index, WRAPPED_WIDTH, formats["wrapped"])
    worksheet.freeze_panes(top, 0)
    last_row = max(top + len(sheet.rows) - 1, top - 1)
    worksheet.autofilter(top - 1, 0, last_row, max(len(sheet.header) - 1, 0))
    for index, name in enumerate(sheet.header):
        if name in sheet.dropdowns and sheet.rows:
            worksheet.data_validation(
                top,
                index,
                last_row,
                index,
                {
                    "validate": "list",
                    "source": list(sheet.dropdowns[name]),
                    "error_type": "warning",
                    "error_message": "Kies een waarde uit de lijst.",
                },
            )
    for offset, note in enumerate(sheet.notes):
        worksheet.write_string(last_row + 2 + offset, 0, note[:MAX_CELL], formats["note"])


def sheet_name(name: str) -> str:
    for char in "[]:*?/\\":
        name = name.replace(char, "_")
    return name[:MAX_SHEET_NAME] or "Sheet"
