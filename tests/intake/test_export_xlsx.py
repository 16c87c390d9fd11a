"""Reading the linked sheet downloaded as .xlsx; workbooks are built here with openpyxl."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest

from mdsa.intake.exports import ExportError, parse_date, parse_timestamp, read_export, split_choices
from mdsa.intake.exports.xlsx import format_float

TITLES = [
    "Tijdstempel",
    "Naam medewerker",
    "Telefoonnummer",
    "Rapportcijfer voor de buurt (1-10)",
    "Datum bezoek",
    "Soort actie",
    "Opmerkingen",
    "Opmerkingen",
    None,  # the sheet's empty column right of the answers
]
NOTE = "Eerste regel\nTweede regel, met komma"


def responses_workbook(path: Path, *, first_title: str = "Tijdstempel") -> None:
    """A workbook whose first sheet is a hand-made summary and whose second holds responses."""
    workbook = openpyxl.Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = "Overzicht"
    summary.append(["Aantal bezoeken", 2])
    summary.append(["Bijgewerkt", datetime(2026, 5, 6, 9, 0)])
    sheet = workbook.create_sheet("Formulierreacties 1")
    sheet.append([first_title, *TITLES[1:]])
    sheet.append(
        [
            datetime(2024, 12, 3, 20, 48, 17),
            "Medewerker Een",
            612345678,
            7.5,
            date(2024, 12, 2),
            "Zorgsignaal, Woning (onderhoud, vocht, schimmel), hulp bij verhuizen",
            NOTE,
            "tweede opmerking",
            None,
        ]
    )
    sheet.append([None] * 8)  # row 3: blank
    sheet.append(
        [
            datetime(2024, 12, 4, 0, 0, 0),  # a timestamp at midnight stays a date-time
            "Medewerker Twee",
            31612345678,
            8,
            date(2024, 12, 3),
            "Participatie",
            "   ",
            None,
        ]
    )
    sheet["A2"].number_format = "d-m-yyyy h:mm:ss"
    sheet["A4"].number_format = "d-m-yyyy h:mm:ss"
    sheet["E2"].number_format = "d-m-yyyy"
    sheet["E4"].number_format = "d-m-yyyy"
    workbook.save(path)


def test_responses_on_second_sheet_with_typed_cells(tmp_path: Path) -> None:
    path = tmp_path / "Registratie (Antwoorden).xlsx"
    responses_workbook(path)

    export = read_export(path)

    assert export.kind == "xlsx"
    assert export.member == "Formulierreacties 1"
    assert (export.encoding, export.delimiter) == (None, None)
    assert export.checkbox_separator == ", "
    assert export.headers == tuple(TITLES[:-1])  # trailing empty column dropped
    assert [r.number for r in export.rows] == [2, 4]
    assert export.blank_rows == (3,)
    first, second = (r.cells for r in export.rows)
    assert first[0] == "2024-12-03T20:48:17"
    assert first[2] == "612345678"
    assert first[3] == "7.5"
    assert first[4] == "2024-12-02"
    assert first[6] == NOTE
    assert second[0] == "2024-12-04T00:00:00"
    assert second[2] == "31612345678"
    assert second[3] == "8"
    assert second[6] is None  # white space only is an empty cell
    assert parse_timestamp(first[0]).hour == 20
    assert parse_date(first[4]) == date(2024, 12, 2)
    assert first[5] is not None
    assert split_choices(
        first[5], export.checkbox_separator, ["Zorgsignaal", "Woning (onderhoud, vocht, schimmel)"]
    ) == (["Zorgsignaal", "Woning (onderhoud, vocht, schimmel)"], ["hulp bij verhuizen"])


def test_a_wrong_sheet_dimension_does_not_cut_rows_off(tmp_path: Path) -> None:
    path = tmp_path / "registratie.xlsx"
    responses_workbook(path)
    damaged = tmp_path / "dimension.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                content = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', content)
            target.writestr(item, content)

    export = read_export(damaged)

    assert [r.number for r in export.rows] == [2, 4]
    assert export.headers == tuple(TITLES[:-1])


def test_english_ui_timestamp_title_is_found_too(tmp_path: Path) -> None:
    path = tmp_path / "registratie.xlsx"
    responses_workbook(path, first_title="Timestamp")

    assert read_export(path).member == "Formulierreacties 1"


def test_expected_titles_find_a_sheet_without_timestamp_column(tmp_path: Path) -> None:
    path = tmp_path / "registratie.xlsx"
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.title = "Notities"
    first.append(["Wat", "Wie"])
    second = workbook.create_sheet("Opgeschoond")
    second.append(["Naam medewerker", "Datum bezoek", "Opmerkingen"])
    second.append(["Medewerker Een", date(2024, 12, 2), "tekst"])
    workbook.save(path)

    with pytest.raises(ExportError) as caught:
        read_export(path)
    assert caught.value.code == "no-responses-sheet"
    assert "Notities" in str(caught.value)

    export = read_export(path, expected_titles=["Naam medewerker", "Opmerkingen"])
    assert export.member == "Opgeschoond"
    assert export.rows[0].cells == ("Medewerker Een", "2024-12-02", "tekst")

    assert read_export(path, sheet="Notities").headers == ("Wat", "Wie")
    with pytest.raises(ExportError) as caught:
        read_export(path, sheet="Bestaat niet")
    assert caught.value.code == "sheet-not-found"


def _one_sheet(folder: Path, header: list[str], values: list[object]) -> Path:
    """A workbook of one sheet: the header, then a row per value after a worker's name."""
    path = folder / "registratie.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(header)
    for value in values:
        sheet.append(["Medewerker Een", value])
    workbook.save(path)
    return path


def test_a_workbook_with_one_sheet_is_read_whatever_its_header(tmp_path: Path) -> None:
    path = _one_sheet(tmp_path, ["Naam medewerker", "Klaar"], [True, time(10, 59)])

    export = read_export(path)

    assert [r.cells[1] for r in export.rows] == ["TRUE", "10:59:00"]


def test_equal_values_of_other_types_in_one_column_keep_their_own_text(tmp_path: Path) -> None:
    """Cells are converted once per distinct value; 1 == 1.0 == True must not share it."""
    values = [1, True, 1.5, 0, False, 1, True, date(2024, 3, 1), date(2024, 3, 1)]
    path = _one_sheet(tmp_path, ["Naam medewerker", "Waarde"], values)

    export = read_export(path)

    assert [r.cells[1] for r in export.rows] == [
        "1", "TRUE", "1.5", "0", "FALSE", "1", "TRUE", "2024-03-01", "2024-03-01",
    ]  # fmt: skip


def test_a_damaged_workbook_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "registratie.xlsx"
    responses_workbook(path)
    path.write_bytes(path.read_bytes()[:2000])

    with pytest.raises(ExportError) as caught:
        read_export(path)

    assert caught.value.code == "bad-xlsx"
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("value", "text"),
    [(612345678.0, "612345678"), (7.5, "7.5"), (1e16, "10000000000000000"), (1e-7, "0.0000001")],
)
def test_numbers_have_one_canonical_text(value: float, text: str) -> None:
    assert format_float(value) == text


def test_row_numbers_match_the_sheet_when_rows_and_columns_before_the_header_are_empty(
    tmp_path: Path,
) -> None:
    path = tmp_path / "registratie.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["B3"] = "Tijdstempel"
    sheet["C3"] = "Opmerkingen"
    sheet["B4"] = datetime(2024, 12, 3, 20, 48, 17)
    sheet["C6"] = "na twee lege rijen"
    sheet["B6"] = datetime(2024, 12, 5, 9, 0)
    workbook.save(path)

    export = read_export(path)

    assert export.headers == ("", "Tijdstempel", "Opmerkingen")
    assert [r.number for r in export.rows] == [4, 6]
    assert export.blank_rows == (1, 2, 5), "blank rows above the header are blank rows too"


def test_a_midnight_date_time_stays_a_date_time_in_a_column_of_date_times(
    tmp_path: Path,
) -> None:
    """Calamine gives a date-time at midnight as a date; the column's other cells decide."""
    path = tmp_path / "registratie.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Ingevuld op", "Datum bezoek", "Aantal"])
    sheet.append([datetime(2024, 12, 3, 0, 0), date(2024, 12, 2), 3])
    sheet.append([datetime(2024, 12, 4, 9, 30), date(2024, 12, 3), 4.0])
    workbook.save(path)

    first, second = (r.cells for r in read_export(path).rows)

    assert (first[0], second[0]) == ("2024-12-03T00:00:00", "2024-12-04T09:30:00")
    assert (first[1], second[1]) == ("2024-12-02", "2024-12-03")
    assert (first[2], second[2]) == ("3", "4"), "calamine's floats for whole numbers"


def test_merged_cells_keep_the_value_in_the_first_cell_and_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "registratie.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Tijdstempel", "Naam medewerker", "Opmerkingen"])
    sheet.append([datetime(2024, 12, 3, 9, 0), "Medewerker Een", "eerste"])
    sheet.append([datetime(2024, 12, 3, 10, 0), None, "tweede"])
    sheet.merge_cells("B2:B3")
    workbook.save(path)

    export = read_export(path)

    assert [r.cells[1] for r in export.rows] == ["Medewerker Een", None]
    [problem] = export.problems
    assert (problem.code, problem.severity, problem.row, problem.column) == (
        "merged-cells",
        "warning",
        2,
        2,
    )
    assert "B2 to B3" in problem.message and "Medewerker" not in problem.message


def _csv_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Registratie.csv", "Tijdstempel,Naam\r\n4-5-2026 10:59:37,Een\r\n")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        b"Tijdstempel,Naam medewerker\r\n4-5-2026 10:59:37,Medewerker Een\r\n",  # a CSV
        b"<html><body>Sign in to continue</body></html>",  # a login page saved by a browser
        b"",
        pytest.param(_csv_zip(), id="zip-of-csv"),
    ],
)
def test_a_file_named_xlsx_that_is_no_workbook_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "registratie.xlsx"
    path.write_bytes(content)

    with pytest.raises(ExportError) as caught:
        read_export(path)

    assert caught.value.code == "not-a-workbook"
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)
