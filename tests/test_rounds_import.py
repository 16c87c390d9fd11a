"""`mdsa rounds import`: a round of the values cards from a Google Forms export (CSV, XLSX),
keeping only the subarea and the values chosen."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mdsa.cli import app

SUBAREA = "In welk deel van de Spoorbuurt woont u?"
VALUES = "Wat vindt u belangrijk in uw buurt?"
HEADERS = ["Tijdstempel", "E-mailadres", "Naam (mag leeg)", SUBAREA, VALUES]


@pytest.fixture
def project(example: Callable[[str], Path]) -> Path:
    return example("spoorbuurt")


def responses(n: int, separator: str = ";") -> list[list[str]]:
    """Forms joins checkbox answers with ";" in its download, the linked sheet with ", "."""
    rows = []
    for i in range(n):
        chosen = ["Contact met buren", "Rust"] if i % 2 else ["Groen en spelen"]
        rows.append(
            [
                f"2021/03/1{i % 9} 10:00:00 CET",
                f"bewoner{i}@example.nl",
                f"Jansen{i}",
                ["Stationskwartier", "Seinhuisbuurt", "Emplacement"][i % 3],
                separator.join(chosen),
            ]
        )
    return rows


def write_export(path: Path, rows: list[list[str]], headers: list[str] = HEADERS) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return path


def test_a_forms_export_becomes_a_round_without_names(
    project: Path, runner: CliRunner, tmp_path: Path
) -> None:
    export = write_export(tmp_path / "ronde.csv", responses(30))
    before = export.read_bytes()
    result = runner.invoke(
        app, ["rounds", "import", str(export), "--round", "Ronde 2021", "-p", str(project)]
    )
    assert result.exit_code == 0, result.output
    assert "30 participant(s)" in result.output and "wrote rounds/ronde-2021.csv" in result.output
    assert "add it to rounds.yaml" in result.output
    written = (project / "rounds" / "ronde-2021.csv").read_text(encoding="utf-8")
    assert export.read_bytes() == before  # the raw export is never changed
    assert "Jansen" not in written and "@" not in written and "2021/03" not in written
    rows = list(csv.DictReader(io.StringIO(written)))
    assert list(rows[0]) == ["subarea", "contact", "veilig", "groen", "schoon",
                             "voorzieningen", "samen", "rust"]  # fmt: skip
    assert (
        sum(r["contact"] == "1" for r in rows) == 15 and sum(r["groen"] == "1" for r in rows) == 15
    )
    assert {r["subarea"] for r in rows} == {"Stationskwartier", "Seinhuisbuurt", "Emplacement"}
    # Listed in rounds.yaml, the new round can be compared.
    text = (project / "rounds.yaml").read_text(encoding="utf-8")
    listed = "    file: rounds/ronde-2019.csv\n"
    (project / "rounds.yaml").write_text(
        text.replace(listed, listed + "  - name: Ronde 2021\n    file: rounds/ronde-2021.csv\n"),
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["rounds", "compare", str(project), "--second", "Ronde 2021", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["participants"]["Ronde 2021"] == 30
    # Imported again under a listed name: written to that round's file, no hint to add it.
    result = runner.invoke(
        app, ["rounds", "import", str(export), "--round", "Ronde 2021", "-p", str(project)]
    )
    assert result.exit_code == 0, result.output
    assert "add it to" not in result.output


def test_an_xlsx_export_and_an_answer_that_is_no_value(
    project: Path, runner: CliRunner, tmp_path: Path
) -> None:
    import xlsxwriter

    rows = responses(10, ", ")
    rows[3][4] = "Rust, Anders: mijn buurman Piet"
    path = tmp_path / "ronde.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Formulierreacties 1")
    for r, row in enumerate([HEADERS, *rows]):
        sheet.write_row(r, 0, row)
    book.close()
    result = runner.invoke(
        app, ["rounds", "import", str(path), "--round", "Ronde 2019", "-p", str(project)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("is left out") == 1 and "ronde.xlsx:row 5" in result.output
    assert "Piet" not in result.output and "add it to" not in result.output
    written = (project / "rounds" / "ronde-2019.csv").read_text(encoding="utf-8")
    assert "Piet" not in written and len(written.splitlines()) == 11


def test_bad_exports_are_named_by_row_and_column_never_by_value(
    project: Path, runner: CliRunner, tmp_path: Path
) -> None:
    original = (project / "rounds" / "ronde-2019.csv").read_bytes()
    rows = responses(8)
    rows[2][3] = "Oosterhout-Zuid"
    export = write_export(tmp_path / "ronde.csv", rows)
    args = ["rounds", "import", str(export), "--round", "Ronde 2019", "-p", str(project)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert re.search(r"ronde\.csv:row 4.*not a subarea", result.output)
    assert "Oosterhout" not in result.output and "Jansen" not in result.output
    assert (project / "rounds" / "ronde-2019.csv").read_bytes() == original
    write_export(export, responses(8), headers=[*HEADERS[:4], "Welke waarden?"])
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and "ronde.csv:row 1" in result.output
    assert f"'{VALUES}'" in result.output and "not in the export" in result.output
    result = runner.invoke(
        app, ["rounds", "import", str(tmp_path / "er-is-niets.csv"), "--round", "R", "-p",
              str(project)]
    )  # fmt: skip
    assert result.exit_code == 1 and "er-is-niets.csv" in result.output
    text = (project / "rounds.yaml").read_text(encoding="utf-8")
    (project / "rounds.yaml").write_text(text.split("form:")[0] + "rounds:" + text.split(
        "rounds:", 1)[1], encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and "form:" in result.output


def test_a_subarea_question_needs_the_subareas_of_mdsa_yaml(
    project: Path, runner: CliRunner, tmp_path: Path
) -> None:
    config = (project / "mdsa.yaml").read_text(encoding="utf-8")
    without = re.sub(r"\nsubareas:\n(  .*\n)+", "\n", config)
    assert "Seinhuisbuurt" not in without
    (project / "mdsa.yaml").write_text(without, encoding="utf-8")
    export = write_export(tmp_path / "ronde.csv", responses(6))
    result = runner.invoke(
        app, ["rounds", "import", str(export), "--round", "Ronde 2021", "-p", str(project)]
    )
    assert result.exit_code == 1 and "names no subareas" in result.output
    assert not (project / "rounds" / "ronde-2021.csv").exists()
