"""Answers that need a precise word: decimals on a scale, years written as text, blank rows."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from formfixtures import reference_headers, row_cells, visit, write_forms_csv
from typer.testing import CliRunner

from mdsa.cli import app
from mdsa.intake.answers import parse_years
from mdsa.intake.registrations import load_registrations


@pytest.fixture
def project(example: Callable[[str], Path], runner: CliRunner) -> Path:
    folder = example("spoorbuurt")
    (folder / "forms.yaml").unlink()
    assert runner.invoke(app, ["form", str(folder)]).exit_code == 0
    return folder


def do_import(runner: CliRunner, project: Path, export: Path) -> tuple[int, dict]:
    result = runner.invoke(app, ["import", str(export), "--project", str(project), "--json"])
    return result.exit_code, json.loads(result.stdout)


def by_row(project: Path) -> dict[int, dict]:
    saved = load_registrations(project / "private" / "registrations.jsonl")
    return {r.row: r.answers for r in saved}


def test_a_scale_answer_with_decimals_is_reported_and_left_empty(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    export = write_forms_csv(
        tmp_path / "e.csv",
        [
            visit(**{"scale.satisfaction": "7,5"}),
            visit(address="Remiseweg 1", **{"scale.satisfaction": "8,0"}),
        ],
    )
    code, result = do_import(runner, project, export)
    assert code == 0, result
    [problem] = [p for p in result["issues"] if p["code"] == "decimal-scale"]
    assert (problem["row"], problem["severity"]) == (2, "warning")
    assert problem["column"].startswith("Hoe tevreden") and "7,5" not in problem["message"]
    answers = by_row(project)
    assert "scale.satisfaction" not in answers[2], "never rounded"
    assert answers[3]["scale.satisfaction"] == 8, "8,0 is a whole step"


@pytest.mark.parametrize(
    ("typed", "years"),
    [
        ("12", 12),
        ("5 jaar", 5),
        ("ruim 20", 20),
        ("bijna 30 jaar", 30),
        ("ca. 15", 15),
        ("20+", 20),
        ("sinds 1998", 18),  # the visit is on 2016-10-03
        ("Sinds 2016", 0),
        ("vanaf 2001", 15),
        ("1998", 18),
        ("3 maanden", 0),
        ("een half jaar", 0),
    ],
)
def test_years_in_the_neighbourhood_written_as_text(
    runner: CliRunner, project: Path, tmp_path: Path, typed: str, years: int
) -> None:
    export = write_forms_csv(tmp_path / "e.csv", [visit(years_in_neighbourhood=typed)])
    code, result = do_import(runner, project, export)
    assert code == 0, result
    assert by_row(project)[2]["years_in_neighbourhood"] == years
    assert [p["code"] for p in result["issues"]] == []


@pytest.mark.parametrize(
    ("typed", "code"),
    [("mijn hele leven", "not-a-number"), ("sinds 2020", "out-of-range"), ("130", "out-of-range")],
)
def test_years_that_cannot_be_read_are_reported_and_left_empty(
    runner: CliRunner, project: Path, tmp_path: Path, typed: str, code: str
) -> None:
    export = write_forms_csv(tmp_path / "e.csv", [visit(years_in_neighbourhood=typed)])
    exit_code, result = do_import(runner, project, export)
    assert exit_code == 0, result
    [problem] = result["issues"]
    assert (problem["code"], problem["row"]) == (code, 2)
    assert typed not in problem["message"]
    assert "years_in_neighbourhood" not in by_row(project)[2]


def test_parse_years_refuses_what_it_does_not_know() -> None:
    assert parse_years("rond de 40") is None
    assert parse_years("twintig") is None
    assert parse_years("sinds 1850") is None


def test_row_numbers_in_messages_are_the_rows_a_spreadsheet_shows(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    """Empty lines are rows (above the header too), a note over several lines is one row."""
    headers = reference_headers()

    def line(values: dict[str, str]) -> str:
        return ",".join('"' + c.replace('"', '""') + '"' for c in row_cells(values, headers))

    note = visit(**{"text.person_obstacles": "Eerste regel\r\n\r\nderde regel"})
    bad = visit(address="Remiseweg 1", **{"scale.satisfaction": "11"})
    header = ",".join(f'"{h}"' for h in headers)
    text = "\r\n".join(["", header, line(note), "", "", line(bad), ""])
    export = tmp_path / "e.csv"
    export.write_text(text, encoding="utf-8", newline="")
    code, result = do_import(runner, project, export)
    assert code == 0, result
    assert (result["rows"], result["blank"]) == (2, 3)
    [problem] = [p for p in result["issues"] if p["code"] == "out-of-range"]
    assert problem["row"] == 6, "row 1 empty, header on 2, note on 3, rows 4-5 empty"
    assert sorted(by_row(project)) == [3, 6]
