"""`mdsa import --undo EXPORT`: the visits only that export brought go, nothing else."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from formfixtures import visit, write_forms_csv
from typer.testing import CliRunner

from mdsa.cli import app
from mdsa.intake.registrations import load_registrations

A = visit(address="Perronstraat 4")
B = visit(address="Remiseweg 1", submitted_at="2016/12/01 10:00:00 a.m. CET")
C = visit(
    address="Wisselstraat 3", submitted_at="2017/01/10 11:00:00 a.m. CET", visit_date="2017-01-10"
)


@pytest.fixture
def project(example: Callable[[str], Path], runner: CliRunner) -> Path:
    folder = example("spoorbuurt")
    (folder / "forms.yaml").unlink()
    assert runner.invoke(app, ["form", str(folder)]).exit_code == 0
    return folder


def run(runner: CliRunner, project: Path, *args: str) -> tuple[int, dict]:
    result = runner.invoke(app, ["import", *args, "--project", str(project), "--json"])
    return result.exit_code, json.loads(result.stdout) if result.stdout.strip() else {}


def addresses(project: Path) -> list[str]:
    saved = load_registrations(project / "private" / "registrations.jsonl")
    return sorted(r.identity["address"] for r in saved)


def raw_copies(project: Path) -> list[str]:
    raw = project / "private" / "raw"
    return sorted(p.name for p in raw.iterdir()) if raw.is_dir() else []


def test_undo_removes_only_what_that_export_alone_brought(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    week1 = write_forms_csv(tmp_path / "week1.csv", [A, B])
    week2 = write_forms_csv(tmp_path / "week2.csv", [A, B, C])
    assert run(runner, project, str(week1))[0] == 0
    assert run(runner, project, str(week2))[0] == 0
    assert len(raw_copies(project)) == 2

    code, undone = run(runner, project, str(week2), "--undo")
    assert code == 0, undone
    assert (undone["removed"], undone["kept"], undone["total"]) == (1, 2, 2)
    assert addresses(project) == ["Perronstraat 4", "Remiseweg 1"]
    assert [c.endswith("-week1.csv") for c in raw_copies(project)] == [True]

    code, again = run(runner, project, str(week2), "--undo")
    assert code == 0 and (again["removed"], again["kept"], again["raw_copies"]) == (0, 0, [])
    assert addresses(project) == ["Perronstraat 4", "Remiseweg 1"], "safe to run again"


def test_a_visit_two_exports_brought_stays_when_one_is_undone(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    week1 = write_forms_csv(tmp_path / "week1.csv", [A, B])
    week2 = write_forms_csv(tmp_path / "week2.csv", [A, B, C])
    run(runner, project, str(week1))
    run(runner, project, str(week2))

    code, undone = run(runner, project, str(week1), "--undo")
    assert code == 0 and (undone["removed"], undone["kept"]) == (0, 2)
    saved = load_registrations(project / "private" / "registrations.jsonl")
    assert len(saved) == 3 and all(r.source.endswith("-week2.csv") for r in saved)
    assert all(not r.also_from for r in saved)

    code, undone = run(runner, project, str(week2), "--undo")
    assert (undone["removed"], undone["total"]) == (3, 0)
    assert addresses(project) == [] and raw_copies(project) == []


def test_undo_finds_an_export_deleted_since_by_its_name(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    export = write_forms_csv(tmp_path / "Registratie.csv", [A, C])
    run(runner, project, str(export))
    export.unlink()
    result = runner.invoke(app, ["import", str(export), "-p", str(project), "--undo"])
    assert result.exit_code == 0, result.output
    assert "removed 2 visit(s) that only Registratie.csv brought" in result.output
    assert addresses(project) == []


def test_dry_run_undo_writes_nothing(runner: CliRunner, project: Path, tmp_path: Path) -> None:
    export = write_forms_csv(tmp_path / "e.csv", [A])
    run(runner, project, str(export))
    jsonl = project / "private" / "registrations.jsonl"
    before = hashlib.sha256(jsonl.read_bytes()).hexdigest()
    code, undone = run(runner, project, str(export), "--undo", "--dry-run")
    assert code == 0 and undone["removed"] == 1 and undone["dry_run"] is True
    assert hashlib.sha256(jsonl.read_bytes()).hexdigest() == before
    assert len(raw_copies(project)) == 1


def test_undo_of_an_export_never_imported_is_one_error_line(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["import", str(tmp_path / "weg.csv"), "-p", str(project), "--undo"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("error")]
    assert len(lines) == 1 and "no export of this name was imported" in lines[0]
    assert not (project / "private" / "registrations.jsonl").exists()
