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
