"""mdsa.documents.workbook: sheets ready to filter, written atomically, text kept as text."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from mdsa.documents.workbook import Sheet, write_workbook


def test_sheets_with_header_labels_filter_and_frozen_panes(tmp_path: Path) -> None:
    path = tmp_path / "out" / "tabel.xlsx"
    rows = [["a", 7, "=1+2"], ["b", 2.5, "@SUM(A1)"]]
    write_workbook(
        path,
        [
            Sheet("cijfers", ["code", "aantal", "tekst"], rows, labels=["Code", "Aantal", "Tekst"]),
            Sheet("leeg: [geen]/rijen?", ["kolom"], []),
        ],
    )
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["cijfers", "leeg_ _geen__rijen_"]
    sheet = workbook["cijfers"]
    assert [c.value for c in sheet[1]] == ["code", "aantal", "tekst"]
    assert [c.value for c in sheet[2]] == ["Code", "Aantal", "Tekst"]
    assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref == "A2:C4"
    assert [c.value for c in sheet[3]] == ["a", 7, "=1+2"]
    assert sheet["C3"].data_type == "s" and sheet["C4"].data_type == "s", "never a formula"
    assert sheet["B4"].value == 2.5
    empty = workbook["leeg_ _geen__rijen_"]
    assert empty.freeze_panes == "A2" and empty.auto_filter.ref == "A1"
    assert [p.name for p in path.parent.iterdir()] == ["tabel.xlsx"], "no temporary file left"


def test_a_failed_write_keeps_the_old_workbook(tmp_path: Path) -> None:
    path = tmp_path / "tabel.xlsx"
    write_workbook(path, [Sheet("een", ["x"], [["oud"]])])
    before = path.read_bytes()

    class Broken(list[list[str]]):
        def __iter__(self):  # type: ignore[no-untyped-def]
            raise RuntimeError("disk vol")

    try:
        write_workbook(path, [Sheet("een", ["x"], Broken([["nieuw"]]))])
    except RuntimeError:
        pass
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["tabel.xlsx"]


def test_the_rows_read_back_are_the_cells_written(tmp_path: Path) -> None:
    """The table rows are written in one pass (not cell by cell): values, types, formats and
    the notes under the table come back as given, and ``written_rows`` is what a reader gets
    (the privacy gate scans it instead of reading a data set back)."""
    from python_calamine import CalamineWorkbook

    from mdsa.documents.workbook import written_rows

    long_text = "lang " * 8000  # past Excel's 32,767 characters: cut
    rows: list[list[str | int | float]] = [
        ["a & <b>", 7, 2.5, "=1+2", "tab\there\nline"],
        ["", 12345678901234567, 0.1 + 0.2, True, "x\x01y _x0041_"],
        ["rood", -3, 1e-7, long_text, " spaties "],
    ]
    sheet = Sheet(
        "tabel",
        ["code", "n", "f", "t", "text"],
        rows,
        labels=["Code", "Aantal", "", "Tekst", "Notitie"],
        wrap=("text",),
        highlight=(2,),
        notes=["Rood: te laat.", "Tweede regel."],
    )
    path = tmp_path / "tabel.xlsx"
    write_workbook(path, [sheet, Sheet("leeg", ["x"], [])])
    read = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("tabel")
    back = read.to_python(skip_empty_area=False)
    expected = [[None if v == "" else v for v in row] for row in written_rows(sheet)]
    assert [[None if v == "" else v for v in row] for row in back] == [
        row + [None] * (len(back[0]) - len(row)) for row in expected
    ]
    assert back[3][3] == "True" and back[3][1] == 1.234567890123457e16  # 16 digits
    assert back[4][3] == long_text[:32_767] and back[2][4] == "tab\there\nline"
    book = load_workbook(path)
    cells = book["tabel"]
    assert cells["C4"].value == 0.3 and cells["D3"].data_type == "s"
    assert cells["E3"].alignment.wrap_text and cells["E4"].alignment.wrap_text, "wrapped column"
    assert not cells["A3"].alignment.wrap_text and not cells["A3"].fill.fgColor.rgb.endswith(
        "F8CBAD"
    )
    assert all(c.fill.fgColor.rgb.endswith("F8CBAD") for c in cells[5]), "the highlighted row"
    assert cells["A7"].value == "Rood: te laat." and cells["A7"].font.i
    assert cells.freeze_panes == "A3" and cells.auto_filter.ref == "A2:E5"
    assert book["leeg"].max_row == 1


def test_a_number_that_is_no_number_is_refused_and_the_old_workbook_kept(tmp_path: Path) -> None:
    path = tmp_path / "tabel.xlsx"
    write_workbook(path, [Sheet("een", ["x"], [[1]])])
    before = path.read_bytes()
    for bad in (float("nan"), float("inf")):
        try:
            write_workbook(path, [Sheet("een", ["x"], [[2], [bad]])])
        except TypeError:
            pass
        else:
            raise AssertionError(f"{bad} written")
    assert path.read_bytes() == before
