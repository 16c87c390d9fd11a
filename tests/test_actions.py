"""The action list (directe acties) as a project leader uses it: create, edit, validate, export."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from formfixtures import visit, write_forms_csv
from openpyxl import load_workbook
from typer.testing import CliRunner

from mdsa.cli import app

ACTIONS = Path("private") / "actions.csv"
VISITS = [
    visit(
        address="Perronstraat 4",
        actions="Zorgsignaal;Welzijnsvraag",
        **{"text.person_obstacles": "Mw. Jansen heeft schulden, bel haar op 06-12345678."},
        resident_name="Truus Jansen",
    ),
    visit(
        address="Remiseweg 1",
        submitted_at="2016/12/01 10:00:00 a.m. CET",
        visit_date="2016-12-01",
        actions="Woning (onderhoud, vocht, schimmel)",
        **{"text.environment_obstacles": "Schimmel in de badkamer."},
    ),
    visit(address="Wisselstraat 3", submitted_at="2016/12/02 10:00:00 a.m. CET", actions=""),
]


@pytest.fixture
def project(example: Callable[[str], Path], runner: CliRunner, tmp_path: Path) -> Path:
    folder = example("spoorbuurt")
    export = write_forms_csv(tmp_path / "Registratie.csv", VISITS)
    result = runner.invoke(app, ["import", str(export), "--project", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def create(runner: CliRunner, project: Path) -> dict:
    result = runner.invoke(app, ["actions", "create", str(project), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def rows(project: Path) -> list[dict[str, str]]:
    with (project / ACTIONS).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(project: Path, table: list[dict[str, str]]) -> None:
    with (project / ACTIONS).open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)


def listed(runner: CliRunner, project: Path, *options: str) -> list[dict]:
    result = runner.invoke(app, ["actions", "list", str(project), "--json", *options])
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout)["actions"])


def test_every_action_type_of_a_visit_becomes_an_entry(runner: CliRunner, project: Path) -> None:
    result = create(runner, project)
    assert result["added"] == 3 and result["visits"] == 2
    table = rows(project)
    assert [r["type"] for r in table] == ["care_signal", "wellbeing_question", "housing_question"]
    assert all(r["household"].startswith("HH-") and r["visit"].startswith("V-") for r in table)
    assert {r["subarea"] for r in table} == {"Stationskwartier", "Emplacement"}
    assert all(r["status"] == "open" for r in table)
    owners = {r["type"]: r["owner"] for r in table}
    assert owners == {
        "care_signal": "Sociaal Wijkteam Oost",
        "wellbeing_question": "Bindkracht10",
        "housing_question": "Woonstichting Woonwaarts",
    }
    assert table[0]["due"] == "2016-10-10", "a care signal is due a week after the visit"
    assert table[2]["description"] == "Schimmel in de badkamer."
    care = table[0]["description"]
    assert "schulden" in care and "Jansen" not in care and "06-12345678" not in care


def test_the_list_holds_no_address(runner: CliRunner, project: Path) -> None:
    create(runner, project)
    text = (project / ACTIONS).read_text(encoding="utf-8-sig")
    for word in ("Perronstraat", "Remiseweg", "Jansen", "6512"):
        assert word not in text


def test_creating_again_after_a_new_import_keeps_hand_edits(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    create(runner, project)
    table = rows(project)
    table[0]["status"] = "in_progress"
    table[0]["notes"] = "gebeld, afspraak volgende week"
    table[1]["owner"] = "Gemeente Nijmegen"
    write_rows(project, table)
    later = visit(
        address="Seinhuisstraat 2",
        submitted_at="2017/01/10 10:00:00 a.m. CET",
        visit_date="2017-01-10",
        actions="Participatie",
        **{"text.talents": "Wil koken voor de buurt."},
    )
    export = write_forms_csv(tmp_path / "later.csv", [*VISITS, later])
    result = runner.invoke(app, ["import", str(export), "--project", str(project)])
    assert result.exit_code == 0, result.output
    again = create(runner, project)
    assert again["added"] == 1 and again["kept"] == 3 and again["total"] == 4
    now = rows(project)
    assert now[:3] == table, "the rows already there are kept exactly"
    assert now[3]["type"] == "participation_chance" and now[3]["id"] == "4"


def test_list_filters(runner: CliRunner, project: Path) -> None:
    create(runner, project)
    assert len(listed(runner, project)) == 3
    assert [a["type"] for a in listed(runner, project, "--type", "care_signal")] == ["care_signal"]
    assert len(listed(runner, project, "--owner", "bindkracht10")) == 1
    assert len(listed(runner, project, "--status", "done")) == 0
    late = listed(runner, project, "--overdue")
    assert len(late) == 3 and all(a["overdue"] for a in late), "2016 is long past"
    result = runner.invoke(app, ["actions", "list", str(project), "--status", "klaar"])
    assert result.exit_code == 1 and "not a status of an action [unknown-status]" in result.output
    assert "open, in_progress, done, declined" in result.output


def test_add_update_and_close(runner: CliRunner, project: Path) -> None:
    create(runner, project)
    household = rows(project)[0]["household"]
    result = runner.invoke(
        app,
        [
            "actions",
            "add",
            str(project),
            "--type",
            "participation_chance",
            "--household",
            household,
            "--description",
            "Wil de moestuin helpen opzetten",
            "--due",
            "1-3-2017",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "added action 4" in result.output
    added = rows(project)[3]
    assert added["due"] == "2017-03-01" and added["owner"] == "Bindkracht10"
    assert added["subarea"] == "Stationskwartier" and added["visit"] == ""
    result = runner.invoke(
        app, ["actions", "update", "4", str(project), "--status", "in_progress", "--notes", "a"]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["actions", "close", "4", str(project), "--notes", "b"])
    assert result.exit_code == 0, result.output
    closed = rows(project)[3]
    assert closed["status"] == "done" and closed["notes"] == "a | b"
    result = runner.invoke(app, ["actions", "close", "1", str(project), "--declined"])
    assert result.exit_code == 0 and rows(project)[0]["status"] == "declined"


def test_add_by_address_never_prints_it(runner: CliRunner, project: Path) -> None:
    create(runner, project)
    result = runner.invoke(
        app,
        ["actions", "add", str(project), "--type", "housing_question", "--address", "Remiseweg 1"],
    )
    assert result.exit_code == 0, result.output
    assert "Remiseweg" not in result.output
    assert rows(project)[3]["household"] == rows(project)[2]["household"]
    result = runner.invoke(
        app, ["actions", "add", str(project), "--type", "housing_question", "--address", "Nep 1"]
    )
    assert result.exit_code == 1 and "Nep" not in result.output


def test_bad_commands_are_refused_with_one_line(runner: CliRunner, project: Path) -> None:
    create(runner, project)
    before = (project / ACTIONS).read_bytes()
    for args in (
        ["update", "99", str(project), "--status", "done"],
        ["update", "1", str(project), "--status", "klaar"],
        ["update", "1", str(project), "--due", "morgen"],
        ["update", "1", str(project), "--owner", "Onbekende Stichting"],
        ["add", str(project), "--type", "klacht", "--household", "HH-0000000000"],
        ["add", str(project), "--type", "care_signal", "--household", "HH-0000000000"],
    ):
        result = runner.invoke(app, ["actions", *args])
        assert result.exit_code == 1, (args, result.output)
        assert result.output.startswith("error:"), result.output
    assert (project / ACTIONS).read_bytes() == before, "a refused command changes nothing"


def test_validate_names_file_row_and_column_of_hand_edit_mistakes(
    runner: CliRunner, project: Path
) -> None:
    create(runner, project)
    table = rows(project)
    table[0]["status"] = "klaar"
    table[1]["due"] = "31-02-2017"
    table[2]["household"] = "HH-0000000000"
    table[2]["type"] = "klacht"
    write_rows(project, table)
    result = runner.invoke(app, ["validate", str(project), "--json"])
    assert result.exit_code == 1
    issues = {
        (i["code"], i["row"], i["column"]): i
        for i in json.loads(result.stdout)["issues"]
        if i["file"] == "private/actions.csv"
    }
    assert set(issues) == {
        ("unknown-status", 2, "status"),
        ("invalid-action-date", 3, "due"),
        ("unknown-action-type", 4, "type"),
    }
    assert "klaar" not in result.stdout, "a value from private/ is never echoed"
    table[2]["type"] = "housing_question"
    write_rows(project, table)
    result = runner.invoke(app, ["validate", str(project)])
    assert result.exit_code == 1
    assert "private/actions.csv:row 4 (column household)" in result.output
    assert "[unknown-household]" in result.output
    listed_ = runner.invoke(app, ["actions", "list", str(project)])
    assert listed_.exit_code == 1 and "mdsa validate" in listed_.output


def test_excel_semicolons_and_a_broken_file(runner: CliRunner, project: Path) -> None:
    create(runner, project)
    path = project / ACTIONS
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(text.replace(",", ";"), encoding="cp1252")
    assert len(listed(runner, project)) == 3, "Dutch Excel's CSV is read too"
    path.write_text("nummer;wat\n1;iets\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(project), "--json"])
    codes = [i["code"] for i in json.loads(result.stdout)["issues"]]
    assert result.exit_code == 1 and "missing-column" in codes


def test_export_for_partners_has_pseudonyms_only_and_marks_overdue(
    runner: CliRunner, project: Path
) -> None:
    create(runner, project)
    table = rows(project)
    table[2]["due"] = date(2999, 1, 1).isoformat()
    table[0]["notes"] = "gebeld met Truus Jansen op 06-12345678"
    write_rows(project, table)
    result = runner.invoke(app, ["actions", "export", str(project)])
    assert result.exit_code == 0, result.output
    assert "wrote output/actions.xlsx" in result.output
    shared = load_workbook(project / "output" / "actions.xlsx")
    sheet = shared["actielijst"]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    text = " ".join(str(v) for row in cells for v in row if v is not None)
    for identifier in ("Perronstraat", "Remiseweg", "Jansen", "06-12345678", "6512", "Truus"):
        assert identifier not in text
    assert cells[0][:3] == ["nummer", "soort", "huishouden"]
    late = [row[8] for row in cells[1:]]
    assert [v or "" for v in late] == ["ja", "ja", ""]
    fills = [sheet.cell(row=r, column=1).fill.fgColor.rgb for r in (2, 3, 4)]
    assert fills[0] == fills[1] != fills[2], "overdue rows are highlighted"
    assert shared["open per eigenaar"].max_row == 4
    private = load_workbook(project / "private" / "actions-adressen.xlsx")["actielijst"]
    header = [c.value for c in private[1]]
    assert "adres" in header
    addresses = [row[header.index("adres")].value for row in private.iter_rows(min_row=2)]
    assert addresses == ["Perronstraat 4", "Perronstraat 4", "Remiseweg 1"]
    assert not list((project / "output").glob("*adres*")), "addresses only inside private/"


def test_create_without_registrations_says_what_to_do(
    runner: CliRunner, example: Callable[[str], Path]
) -> None:
    folder = example("lankforst")
    result = runner.invoke(app, ["actions", "create", str(folder)])
    assert result.exit_code == 1 and "mdsa import" in result.output
    result = runner.invoke(app, ["actions", "export", str(folder)])
    assert result.exit_code == 1 and "mdsa actions create" in result.output
