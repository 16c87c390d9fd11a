"""Excel workbooks of tables: one sheet per table, ready to filter (written with xlsxwriter).

Each sheet has a bold header row (and optionally a second header row, such as Dutch column
labels), the header frozen so it stays in view, an autofilter on the last header row, and
column widths fitted to their content (long text wrapped in a wide column instead). Text is
always written as text: a cell that starts with ``=`` is shown, never calculated. The file is
written to a temporary file beside the target and renamed over it, so a reader never sees half
a workbook.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
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
            {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
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
            worksheet = workbook.add_worksheet(_sheet_name(sheet.name))
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


def _write_sheet(worksheet: Any, sheet: Sheet, formats: dict[str, Any]) -> None:
    worksheet.write_row(0, 0, list(sheet.header), formats["header"])
    top = 1
    if sheet.labels is not None:
        worksheet.write_row(1, 0, list(sheet.labels), formats["label"])
        top = 2
    highlight = set(sheet.highlight)
    for number, row in enumerate(sheet.rows, start=top):
        marked = formats["highlight"] if number - top in highlight else None
        for column, value in enumerate(row):
            if isinstance(value, bool) or not isinstance(value, int | float):
                worksheet.write_string(number, column, str(value)[:MAX_CELL], marked)
            else:
                worksheet.write_number(number, column, value, marked)
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


def _sheet_name(name: str) -> str:
    for char in "[]:*?/\\":
        name = name.replace(char, "_")
    return name[:MAX_SHEET_NAME] or "Sheet"
