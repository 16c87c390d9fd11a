"""`mdsa import` on exports that cannot be imported as given: one line, exit 1, no private
value printed, no file of the project changed."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from formfixtures import reference_headers, row_cells, visit
from typer.testing import CliRunner

from mdsa.cli import app

PRIVATE = ("Perronstraat", "Hoekstra", "Voelt zich soms alleen")


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def forms_csv_text() -> str:
    buffer = io.StringIO()
    write = [reference_headers(), row_cells(visit(), reference_headers())]
    buffer.write("\r\n".join(",".join(f'"{c}"' for c in row) for row in write) + "\r\n")
    return buffer.getvalue()


def zip_of(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, forms_csv_text())
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("e.xlsx", forms_csv_text().encode(), "is not an Excel", id="csv-as-xlsx"),
        pytest.param("e.xlsx", zip_of("R.csv"), "is not an Excel", id="zip-as-xlsx"),
        pytest.param("e.xlsx", b"PK\x03\x04" + b"\x00" * 40, "is damaged", id="bad-xlsx"),
        pytest.param("e.zip", zip_of("week 1.csv", "week 2.csv"), "2 CSV files", id="two-csv"),
    ],
)
def test_an_export_that_is_not_what_it_claims_is_refused(
    name: str,
    content: bytes,
    message: str,
    example: Callable[[str], Path],
    runner: CliRunner,
    tmp_path: Path,
) -> None:
    folder = example("spoorbuurt")
    export = tmp_path / name
    export.write_bytes(content)
    before = snapshot(folder)

    result = runner.invoke(app, ["import", str(export), "--project", str(folder)])

    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("error")]
    assert len(lines) == 1 and message in lines[0] and str(export) in lines[0], result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not any(value in result.output for value in PRIVATE)
    assert snapshot(folder) == before
    assert export.read_bytes() == content


def test_a_workbook_export_imports(
    example: Callable[[str], Path], runner: CliRunner, tmp_path: Path
) -> None:
    import openpyxl

    folder = example("spoorbuurt")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    headers = reference_headers()
    sheet.append(headers)
    cells = row_cells(visit(submitted_at="3-10-2016 16:12:09"), headers)
    sheet.append([int(c) if c.isdigit() else (c or None) for c in cells])
    export = tmp_path / "Registratie (Antwoorden).xlsx"
    workbook.save(export)

    result = runner.invoke(app, ["import", str(export), "--project", str(folder), "--json"])

    assert result.exit_code == 0, result.output
    assert '"imported": 1' in result.stdout and '"kind": "xlsx"' in result.stdout
