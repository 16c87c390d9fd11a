"""The order of day and month, decided from whole columns and never guessed silently."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from formfixtures import reference_headers, visit, write_forms_csv
from typer.testing import CliRunner

from mdsa.cli import app
from mdsa.intake.dates import column_order, export_signal
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


def dates(project: Path) -> dict[int, tuple[str | None, str | None]]:
    saved = load_registrations(project / "private" / "registrations.jsonl")
    return {r.row: (r.visit_date, (r.submitted_at or "")[:10] or None) for r in saved}


def ambiguous(result: dict) -> list[dict]:
    return [i for i in result["issues"] if i["code"] == "ambiguous-date-order"]


def visits(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    """One visit per (timestamp, visit date), each to another home."""
    return [
        visit(submitted_at=stamp, Timestamp=stamp, visit_date=day, address=f"Perronstraat {n}")
        for n, (stamp, day) in enumerate(pairs, start=2)
    ]


def test_a_us_sheet_is_read_month_first_when_one_date_shows_it(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    export = write_forms_csv(
        tmp_path / "e.csv",
        visits(("4/5/2026 10:59:37", "4/5/2026"), ("4/14/2026 9:00:00", "4/14/2026")),
    )
    code, result = do_import(runner, project, export)
    assert code == 0, result
    assert dates(project) == {2: ("2026-04-05", "2026-04-05"), 3: ("2026-04-14", "2026-04-14")}
    assert ambiguous(result) == [], "the columns decide: nothing to warn about"


def test_a_dutch_sheet_is_read_day_first_when_one_date_shows_it(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    export = write_forms_csv(
        tmp_path / "e.csv",
        visits(("4-5-2026 10:59:37", "4-5-2026"), ("14-5-2026 9:00:00", "14-5-2026")),
    )
    code, result = do_import(runner, project, export)
    assert code == 0, result
    assert dates(project) == {2: ("2026-05-04", "2026-05-04"), 3: ("2026-05-14", "2026-05-14")}
    assert ambiguous(result) == []


def test_a_column_that_cannot_tell_takes_the_order_of_one_that_can(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    export = write_forms_csv(
        tmp_path / "e.csv",
        visits(("4/14/2026 10:59:37", "4/5/2026"), ("4/15/2026 9:00:00", "3/6/2026")),
    )
    code, result = do_import(runner, project, export)
    assert code == 0, result
    assert dates(project) == {2: ("2026-04-05", "2026-04-14"), 3: ("2026-03-06", "2026-04-15")}
    [warning] = ambiguous(result)
    assert warning["column"] == "Datum huisbezoek" and warning["severity"] == "warning"
    assert "month first" in warning["message"] and "other date columns" in warning["message"]


@pytest.mark.parametrize(
    ("stamps", "title", "order", "reason"),
    [
        (("4/5/2026 10:59:37 AM", "3/6/2026 2:00:00 PM"), "Tijdstempel", "mdy", "AM/PM"),
        (("4/5/2026 10:59:37 GMT+1", "3/6/2026 14:00:00 GMT+1"), "Timestamp", "dmy", "European"),
        (("4/5/2026 10:59:37", "3/6/2026 14:00:00"), "Timestamp", "mdy", "'Timestamp'"),
        (("4/5/2026 10:59:37", "3/6/2026 14:00:00"), "Tijdstempel", "dmy", "'Tijdstempel'"),
    ],
)
def test_when_no_column_can_tell_the_exports_signals_decide_and_say_so(
    runner: CliRunner,
    project: Path,
    tmp_path: Path,
    stamps: tuple[str, str],
    title: str,
    order: str,
    reason: str,
) -> None:
    headers = [title, *reference_headers()[1:]]
    rows = visits((stamps[0], stamps[0].split()[0]), (stamps[1], stamps[1].split()[0]))
    export = write_forms_csv(tmp_path / "e.csv", rows, headers=headers)
    code, result = do_import(runner, project, export)
    assert code == 0, result
    expected = ("2026-04-05", "2026-03-06") if order == "mdy" else ("2026-05-04", "2026-06-03")
    saved = dates(project)
    assert (saved[2][0], saved[3][0]) == expected
    warned = {w["column"]: w["message"] for w in ambiguous(result)}
    assert set(warned) == {title, "Datum huisbezoek"}, "every column that guessed is named"
    assert all(reason in message for message in warned.values())
    assert all(("month first" if order == "mdy" else "day first") in m for m in warned.values())


def test_iso_dates_need_no_decision(runner: CliRunner, project: Path, tmp_path: Path) -> None:
    export = write_forms_csv(tmp_path / "e.csv", [visit()])
    code, result = do_import(runner, project, export)
    assert code == 0 and ambiguous(result) == []


def test_a_column_with_both_orders_is_reported(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    export = write_forms_csv(
        tmp_path / "e.csv",
        visits(
            ("2026/05/14 10:00:00 a.m. CEST", "14-5-2026"),
            ("2026/04/14 9:00:00 a.m. CEST", "4-14-2026"),
        ),
    )
    code, result = do_import(runner, project, export)
    [warning] = ambiguous(result)
    assert "day first and dates with the month first" in warning["message"]
    unreadable = [(i["row"], i["code"]) for i in result["issues"] if i["row"] == 3]
    assert (3, "unreadable-date") in unreadable
    assert "4-14-2026" not in json.dumps(result), "the value itself is never printed"


def test_column_order_and_signals_directly() -> None:
    assert column_order(["4/5/2026", "13/5/2026"]).order == "dmy"
    assert column_order(["4/5/2026", "5/13/2026 10:00"]).order == "mdy"
    assert column_order(["4/5/2026", "5/5/2026"]).order == "ambiguous"
    assert column_order(["2026-04-05", "5/5/2026"]).order is None
    assert column_order(["13/5/2026", "5/13/2026"]).mixed
    assert export_signal(["2017/05/02 12:11:03 PM GMT-4"], "Timestamp")[0] == "mdy"
    assert export_signal(["4/5/2026 10:00 p.m. CET"], "Timestamp")[0] == "dmy"
    assert export_signal([], None)[0] == "dmy"
