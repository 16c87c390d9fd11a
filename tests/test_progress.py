"""`mdsa progress`, the weekly team exchange, and the visit_outcome question behind it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from formfixtures import reference_headers, visit, write_forms_csv
from openpyxl import load_workbook
from typer.testing import CliRunner

from mdsa.cli import app
from mdsa.intake.forms.reference import VISIT_OUTCOMES

LABEL = {code: label for label, code in VISIT_OUTCOMES.items()}
FIELDS = (
    "age_group",
    "household_type",
    "years_in_neighbourhood",
    "scale.satisfaction",
    "cards",
    "text.person_obstacles",
    "actions",
    "wants_to_join",
)
EMPTY = dict.fromkeys(FIELDS, "")


def attempt(address: str, day: str, outcome: str, visitor: str = "Ruben Hoekstra") -> dict:
    """A visit without a conversation: only who, where, when and the outcome."""
    return visit(
        address=address,
        visit_date=day,
        submitted_at=f"{day.replace('-', '/')} 5:00:00 p.m. CET",
        visit_outcome=LABEL[outcome],
        visitor=visitor,
        **EMPTY,
    )


def held(address: str, day: str, visitor: str = "Nadia el Idrissi", **answers: str) -> dict:
    return visit(
        address=address,
        visit_date=day,
        submitted_at=f"{day.replace('-', '/')} 6:00:00 p.m. CET",
        visit_outcome=LABEL["held"],
        visitor=visitor,
        **answers,
    )


ROWS = [
    attempt("Perronstraat 4", "2016-11-07", "not_home"),
    attempt("Perronstraat 4", "2016-11-14", "not_home"),
    held("Perronstraat 4", "2016-11-21"),
    attempt("Perronstraat 6", "2016-11-08", "declined"),
    attempt("Remiseweg 1", "2016-11-08", "not_home"),
    attempt("Remiseweg 1", "2016-11-15", "not_home"),
    attempt("Remiseweg 1", "2016-11-22", "not_home"),
    attempt("Remiseweg 3", "2016-11-09", "technical_only"),
    held("Wisselstraat 3", "2016-11-09", actions="Zorgsignaal"),
    # A visit registered with the question left empty: a conversation was registered, so held.
    visit(address="Wisselstraat 5", visit_date="2016-11-10", visitor="Nadia el Idrissi"),
    # Nothing but who, where and when: unknown.
    visit(address="Wisselstraat 7", visit_date="2016-11-10", **EMPTY),
]


@pytest.fixture
def project(example: Callable[[str], Path], runner: CliRunner, tmp_path: Path) -> Path:
    folder = example("spoorbuurt")
    export = write_forms_csv(tmp_path / "Registratie.csv", ROWS)
    result = runner.invoke(app, ["import", str(export), "--project", str(folder)])
    assert result.exit_code == 0, result.output
    assert "unmapped-column" not in result.output, "forms.yaml maps visit_outcome"
    result = runner.invoke(app, ["actions", "create", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def progress_json(runner: CliRunner, project: Path) -> dict:
    result = runner.invoke(app, ["progress", str(project), "--json"])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def test_households_by_outcome_and_attempts(runner: CliRunner, project: Path) -> None:
    from mdsa.phases.progress import progress
    from mdsa.project.folder import load_project

    result = progress(load_project(project)[0])
    areas = {a.name: a for a in result.areas}
    station, emplacement, seinhuis = (
        areas["Stationskwartier"],
        areas["Emplacement"],
        areas["Seinhuisbuurt"],
    )
    assert (station.visited, station.held, station.declined) == (2, 1, 1)
    assert (emplacement.visited, emplacement.not_home, emplacement.technical_only) == (2, 1, 1)
    assert (seinhuis.visited, seinhuis.held, seinhuis.unknown) == (3, 2, 1)
    assert result.total.held == 3 and result.total.homes == 499
    assert result.visits == len(ROWS)
    assert dict(result.attempts) == {1: 3, 2: 1, 3: 1}, "visits without a conversation"
    assert result.gave_up == 1, "Remiseweg 1: three times nobody home"
    assert sum(result.weeks["2016-W45"].values()) == 7
    assert result.open_actions == {
        "care_signal": {"Sociaal Wijkteam Oost": 1},
        "wellbeing_question": {"Bindkracht10": 2},
    }


def test_shared_version_marks_small_counts_and_hides_names(
    runner: CliRunner, project: Path
) -> None:
    data = progress_json(runner, project)
    station = data["subareas"][0]
    assert station["subarea"] == "Stationskwartier" and station["homes"] == 165
    assert station["held"] == "<5" and station["response_rate"] is None
    assert station["not_visited"] == 163, "large counts are shown"
    assert data["not_reached_after_3_visits"] == "<5"
    assert {w["worker"][:3] for w in data["workers"]} == {"MW-"}
    text = json.dumps(data)
    for name in ("Ruben", "Hoekstra", "Nadia", "Perronstraat", "Remiseweg"):
        assert name not in text


def test_names_and_exact_counts_only_on_the_screen(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(app, ["progress", str(project), "--names"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Ruben Hoekstra" in result.output and "<5" not in result.output
    for file in ("progress.xlsx", "progress.html"):
        assert "Ruben" not in (project / "output" / file).read_bytes().decode("latin-1")


def test_xlsx_and_html_for_the_weekly_meeting(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(app, ["progress", str(project)])
    assert result.exit_code == 0, result.output
    assert "wrote output/progress.xlsx" in result.output
    book = load_workbook(project / "output" / "progress.xlsx")
    assert book.sheetnames == [
        "per subbuurt",
        "per week",
        "bezoeken zonder gesprek",
        "per medewerker",
        "open acties",
    ]
    areas = [[c.value for c in row] for row in book["per subbuurt"].iter_rows()]
    assert areas[0][:4] == ["subbuurt", "woningen", "huishoudens bezocht", "gesprek gevoerd"]
    assert areas[-1][0] == "Totaal"
    weeks = [[c.value for c in row] for row in book["per week"].iter_rows(min_row=2)]
    assert [w[0] for w in weeks] == ["2016-W45", "2016-W46", "2016-W47"]
    page = (project / "output" / "progress.html").read_text(encoding="utf-8")
    assert "<svg" in page and "http" not in page.split("<svg", 1)[0], "self-contained"
    assert "&lt;5" in page and "Per week" in page


def test_an_export_without_the_question_counts_conversations_as_held(
    runner: CliRunner, example: Callable[[str], Path]
) -> None:
    folder = example("spoorbuurt")
    export = folder / "private" / "downloads"
    zipped = next(export.iterdir())
    result = runner.invoke(app, ["import", str(zipped), "--project", str(folder)])
    assert result.exit_code == 0, result.output
    data = progress_json(runner, folder)
    total = data["total"]
    assert total["held"] == 399 and total["declined"] == 0 and total["unknown"] == 0
    assert total["response_rate"] == pytest.approx(399 / 499, abs=1e-4)
    assert data["open_actions"] == {}, "no action list yet: nothing open"


def test_visit_outcome_is_asked_by_the_reference_form() -> None:
    assert "Is er een sociaal gesprek gevoerd?" in reference_headers()
    assert set(VISIT_OUTCOMES.values()) == {"held", "declined", "not_home", "technical_only"}


def test_progress_without_registrations(runner: CliRunner, example: Callable[[str], Path]) -> None:
    folder = example("lankforst")
    data = progress_json(runner, folder)
    assert data["visits"] == 0 and data["total"]["not_visited"] == 104


def test_a_damaged_registrations_line_is_named(runner: CliRunner, project: Path) -> None:
    path = project / "private" / "registrations.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2][:40]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["progress", str(project)])
    assert result.exit_code == 1
    assert "registrations.jsonl:3" in result.output and "damaged line" in result.output


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: {("visit_day" if k == "visit_date" else k): v for k, v in d.items()},
        lambda d: {k: v for k, v in d.items() if k != "source"},
        lambda d: {**d, "extra": 1},
        lambda d: list(d.values()),
    ],
    ids=["renamed-field", "missing-field", "extra-field", "a-list"],
)
def test_a_line_with_other_fields_is_damaged(
    runner: CliRunner, project: Path, damage: Callable[[dict[str, object]], object]
) -> None:
    """Stored lines are read by position when they have every field; any other line must
    still be refused, not read into the wrong fields."""
    path = project / "private" / "registrations.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[4] = json.dumps(damage(json.loads(lines[4])))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["progress", str(project)])
    assert result.exit_code == 1
    assert "registrations.jsonl:5" in result.output and "damaged line" in result.output
