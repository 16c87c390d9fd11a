"""Phase 2 intake as a project leader meets it: `mdsa import` on real-looking exports."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from formfixtures import reference_headers, row_cells, visit, write_forms_csv
from typer.testing import CliRunner

from mdsa.cli import app
from mdsa.errors import ProjectNotFoundError
from mdsa.intake.registrations import load_registrations


@pytest.fixture
def project(example: Callable[[str], Path], runner: CliRunner) -> Path:
    folder = example("spoorbuurt")
    (folder / "forms.yaml").unlink()
    result = runner.invoke(app, ["form", str(folder)])
    assert result.exit_code == 0, result.output
    again = runner.invoke(app, ["form", str(folder)])
    assert again.exit_code == 1 and "--force" in again.output, "forms.yaml is never overwritten"
    return folder


def do_import(runner: CliRunner, project: Path, export: Path, *extra: str) -> tuple[int, dict]:
    result = runner.invoke(
        app, ["import", str(export), "--project", str(project), "--json", *extra]
    )
    return result.exit_code, json.loads(result.stdout)


def registrations(project: Path) -> list:
    return load_registrations(project / "private" / "registrations.jsonl")


def test_import_matches_households_and_keeps_the_raw_export(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    export = write_forms_csv(
        tmp_path / "Registratie.csv",
        [
            visit(address="Perronstraat 4"),
            visit(address="perronstraat 48 A", submitted_at="2016/10/04 9:01:00 a.m. CEST"),
            visit(address="Remiseweg 1", submitted_at="2016/12/01 10:00:00 a.m. CET"),
        ],
    )
    before = export.read_bytes()
    code, result = do_import(runner, project, export)
    assert code == 0, result
    assert result["imported"] == 3 and result["rows"] == 3
    saved = registrations(project)
    assert {r.subarea for r in saved} == {"Stationskwartier", "Emplacement"}
    assert all(r.household for r in saved), "every address is in the address list"
    raw = list((project / "private" / "raw").iterdir())
    assert len(raw) == 1 and raw[0].read_bytes() == before
    assert export.read_bytes() == before, "the export itself is never changed"
    first = next(r for r in saved if r.visit_date == "2016-10-03")
    assert first.answers["cards"] == ["health", "affiliation"]
    assert first.answers["scale.satisfaction"] == 7
    assert first.submitted_at == "2016-10-03T16:12:09+02:00"


def test_reimport_and_overlapping_export_add_nothing_twice(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    a = visit(address="Perronstraat 4")
    b = visit(address="Remiseweg 1", submitted_at="2016/12/01 10:00:00 a.m. CET")
    c = visit(
        address="Wisselstraat 3",
        submitted_at="2017/01/10 11:00:00 a.m. CET",
        visit_date="2017-01-10",
    )
    first = write_forms_csv(tmp_path / "week1.csv", [a, b])
    second = write_forms_csv(tmp_path / "week2.csv", [a, b, c])
    assert do_import(runner, project, first)[1]["imported"] == 2
    code, again = do_import(runner, project, first)
    assert (again["imported"], again["unchanged"]) == (0, 2)
    code, overlap = do_import(runner, project, second)
    assert (overlap["imported"], overlap["unchanged"]) == (1, 2)
    assert len(registrations(project)) == 3


def test_the_later_of_two_submissions_of_one_visit_is_kept(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    early = visit(**{"text.remarks": "eerste versie"})
    late = visit(submitted_at="2016/10/03 9:30:00 p.m. CEST", **{"text.remarks": "verbeterd"})
    other_day = visit(submitted_at="2016/11/07 1:00:00 p.m. CET", visit_date="2016-11-07")
    export = write_forms_csv(tmp_path / "e.csv", [early, late, other_day])
    code, result = do_import(runner, project, export)
    assert code == 0
    assert result["superseded"] == 1
    assert [p["row"] for p in result["issues"] if p["code"] == "superseded"] == [2]
    saved = registrations(project)
    assert len(saved) == 2, "two visits to one home on different dates are two visits"
    assert {r.answers.get("text.remarks") for r in saved} == {"verbeterd", None}


def test_out_of_range_scale_is_emptied_never_clamped(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    export = write_forms_csv(tmp_path / "e.csv", [visit(**{"scale.satisfaction": "11"})])
    code, result = do_import(runner, project, export)
    assert code == 0
    problem = next(p for p in result["issues"] if p["code"] == "out-of-range")
    assert problem["row"] == 2
    assert problem["column"].startswith("Hoe tevreden bent u met uw buurt?")
    assert "scale.satisfaction" not in registrations(project)[0].answers


def test_a_row_without_address_or_visit_date_stores_no_visit(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    """A row an error leaves without its home or its date is no visit: storing it made a
    "ghost" that no command removed. A row missing another required answer is kept."""
    export = write_forms_csv(
        tmp_path / "e.csv",
        [
            visit(address=""),
            visit(submitted_at="2016/10/05 1:00:00 p.m. CEST", address="Remiseweg 1"),
            visit(submitted_at="2016/10/06 1:00:00 p.m. CEST", visit_date="31-31-2016"),
            visit(
                submitted_at="2016/10/07 1:00:00 p.m. CEST", address="Wisselstraat 3", visitor=""
            ),
        ],
    )
    code, result = do_import(runner, project, export)
    assert code == 1, "a missing required answer is an error"
    assert (result["imported"], result["not_stored"], result["incomplete"]) == (2, 2, 1)
    found = {(p["row"], p["code"]): p for p in result["issues"] if p["severity"] == "error"}
    assert set(found) == {(2, "missing-required"), (4, "unreadable-date"), (5, "missing-required")}
    assert found[2, "missing-required"]["column"] == "Adres (straat en huisnummer)"
    assert "no visit is stored" in found[2, "missing-required"]["message"]
    assert "no visit is stored" in found[4, "unreadable-date"]["message"]
    assert "required answer" not in found[4, "unreadable-date"]["message"], "not 'empty'"
    assert "kept as incomplete" in found[5, "missing-required"]["message"]
    saved = registrations(project)
    assert sorted(r.row for r in saved) == [3, 5]
    assert [r.incomplete for r in saved if r.incomplete] == [["visitor"]]
    assert all(r.identity.get("address") and r.visit_date for r in saved)


def test_checkbox_label_containing_the_separator_and_an_other_answer(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    export = write_forms_csv(
        tmp_path / "e.csv",
        [visit(actions="Zorgsignaal;Woning (onderhoud, vocht, schimmel);hulp bij inpakken")],
    )
    do_import(runner, project, export)
    saved = registrations(project)[0]
    assert saved.answers["actions"] == ["care_signal", "housing_question"]
    assert saved.other["actions"] == ["hulp bij inpakken"]


def test_unknown_address_and_subarea_are_reported_not_lost(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    export = write_forms_csv(
        tmp_path / "e.csv",
        [
            visit(address="Peronstraat 4"),  # typo: street unknown, not in the list
            visit(address="Wisselstraat 999", submitted_at="2016/10/06 1:00:00 p.m. CEST"),
        ],
    )
    code, result = do_import(runner, project, export)
    codes = [(p["row"], p["code"]) for p in result["issues"]]
    assert (2, "unmatched-address") in codes and (2, "unplaced-visit") in codes
    assert (3, "unmatched-address") in codes and (3, "unplaced-visit") not in codes
    saved = {r.row: r for r in registrations(project)}
    assert saved[3].subarea == "Seinhuisbuurt" and saved[3].subarea_source == "street"
    assert saved[2].subarea is None
    assert "Peronstraat" not in json.dumps(result)


def test_form_changed_mid_project_not_asked_is_not_no_answer(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    forms = project / "forms.yaml"
    forms.write_text(
        forms.read_text(encoding="utf-8")
        + '  "Rapportcijfer voor de buurt (1-10)": {field: scale.satisfaction, range: [1, 10]}\n',
        encoding="utf-8",
    )
    old_headers = [h for h in reference_headers() if not h.startswith("Hoe veilig")]
    old = write_forms_csv(tmp_path / "old.csv", [visit()], headers=old_headers)
    renamed = [
        "Rapportcijfer voor de buurt (1-10)" if h.startswith("Hoe tevreden") else h
        for h in reference_headers()
    ]
    new = write_forms_csv(
        tmp_path / "new.csv",
        [visit(address="Remiseweg 1", **{"Rapportcijfer voor de buurt (1-10)": "4"})],
        headers=renamed,
    )
    assert do_import(runner, project, old)[0] == 0
    assert do_import(runner, project, new)[0] == 0
    first, second = sorted(registrations(project), key=lambda r: r.identity["address"])
    assert first.answers["scale.satisfaction"] == 7
    assert "scale.safety" in first.not_asked, "the old form did not ask it"
    assert second.answers["scale.satisfaction"] == 4, "the renamed question maps to the field"
    assert "scale.safety" not in second.not_asked and "scale.safety" not in second.answers


def test_dry_run_writes_nothing(runner: CliRunner, project: Path, tmp_path: Path) -> None:
    export = write_forms_csv(tmp_path / "e.csv", [visit()])
    code, result = do_import(runner, project, export, "--dry-run")
    assert code == 0 and result["imported"] == 1 and result["dry_run"] is True
    assert not (project / "private" / "registrations.jsonl").exists()
    assert not (project / "private" / "raw").exists()


def test_import_without_forms_yaml_says_how_to_get_one(
    runner: CliRunner, example: Callable[[str], Path], tmp_path: Path
) -> None:
    folder = example("spoorbuurt")
    (folder / "forms.yaml").unlink()
    export = write_forms_csv(tmp_path / "e.csv", [visit()])
    result = runner.invoke(app, ["import", str(export), "--project", str(folder)])
    assert result.exit_code == 1
    assert "forms.yaml" in result.output and "--suggest" in result.output


def test_suggest_proposes_a_mapping_marked_for_review(
    runner: CliRunner, example: Callable[[str], Path], tmp_path: Path
) -> None:
    folder = example("spoorbuurt")
    (folder / "forms.yaml").unlink()
    headers = [h.replace("Naam medewerker", "Naam van de medewerker") for h in reference_headers()]
    export = write_forms_csv(tmp_path / "e.csv", [visit()], headers=headers + ["Extra vraag"])
    result = runner.invoke(app, ["import", str(export), "--project", str(folder), "--suggest"])
    assert result.exit_code == 0, result.output
    suggestion = (folder / "forms.suggested.yaml").read_text(encoding="utf-8")
    assert '"Naam van de medewerker":  # REVIEW' in suggestion
    assert "text.extra_vraag" in suggestion
    assert '"Belemmeringen": [text.person_obstacles, text.environment_obstacles]' in suggestion
    assert not (folder / "forms.yaml").exists()
    (folder / "forms.suggested.yaml").rename(folder / "forms.yaml")
    code, imported = do_import(runner, folder, export)
    assert imported["imported"] == 1


def test_validate_checks_forms_yaml(runner: CliRunner, project: Path) -> None:
    forms = project / "forms.yaml"
    forms.write_text(
        forms.read_text(encoding="utf-8") + '  "Nieuwe vraag": scale.tevredenheid.extra\n'
        '  "Nog een": {field: text.x, rnage: [1, 2]}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(project), "--json"])
    assert result.exit_code == 1
    issues = json.loads(result.stdout)["issues"]
    lines = forms.read_text(encoding="utf-8").splitlines()
    found = {i["code"]: i for i in issues}
    assert "Nieuwe vraag" in lines[found["unknown-field"]["line"] - 1]
    assert "Nog een" in lines[found["unknown-key"]["line"] - 1]
    result = runner.invoke(app, ["import", "x.csv", "--project", str(project)])
    assert result.exit_code == 1 and "forms.yaml has problems" in result.output


def test_unknown_subarea_is_kept_as_written_and_placed_by_street_when_possible(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    forms = project / "forms.yaml"
    forms.write_text(forms.read_text(encoding="utf-8") + '  "Subbuurt": subarea\n', "utf-8")
    headers = [*reference_headers(), "Subbuurt"]
    export = write_forms_csv(
        tmp_path / "e.csv",
        [
            visit(address="Wisselstraat 999", Subbuurt="Spoorkwartier"),
            visit(
                address="Onbekendelaan 3",
                Subbuurt="Noordkant",
                submitted_at="2016/10/06 1:00:00 p.m. CEST",
            ),
            visit(
                address="Onbekendelaan 5",
                Subbuurt="Emplacement",
                submitted_at="2016/10/07 1:00:00 p.m. CEST",
            ),
        ],
        headers=headers,
    )
    code, result = do_import(runner, project, export)
    assert code == 0
    saved = {r.row: r for r in registrations(project)}
    assert (saved[2].subarea, saved[2].subarea_source) == ("Seinhuisbuurt", "street")
    assert saved[2].other["subarea"] == ["Spoorkwartier"], "what the worker wrote is kept"
    assert (saved[3].subarea, saved[3].subarea_source) == ("Noordkant", "form-unknown")
    assert (saved[4].subarea, saved[4].subarea_source) == ("Emplacement", "form")
    flagged = [(p["row"], p["column"]) for p in result["issues"] if p["code"] == "unplaced-visit"]
    assert flagged == [(3, "Subbuurt")]


def test_an_export_left_outside_private_is_flagged(runner: CliRunner, project: Path) -> None:
    export = write_forms_csv(project / "Registratie.csv", [visit()])
    code, result = do_import(runner, project, export)
    assert code == 0
    assert [p["code"] for p in result["issues"]] == ["export-outside-private"]
    assert runner.invoke(app, ["scan", str(project)]).exit_code == 1


def test_debug_shows_the_traceback_of_a_user_error(runner: CliRunner, tmp_path: Path) -> None:
    quiet = runner.invoke(app, ["validate", str(tmp_path)])
    assert quiet.exit_code == 1 and quiet.exception is not None
    assert type(quiet.exception).__name__ == "SystemExit"
    with pytest.raises(ProjectNotFoundError):
        runner.invoke(app, ["--debug", "validate", str(tmp_path)], catch_exceptions=False)


def test_an_export_without_its_header_row_never_prints_a_cell(
    example: Callable[[str], Path], runner: CliRunner, tmp_path: Path
) -> None:
    """The first row is then a resident's answers: unmapped columns are named by position."""

    folder = example("spoorbuurt")
    first = visit(address="Perronstraat 4", resident_name="Gerda Wijnhoven")
    lines = [
        ",".join(f'"{cell}"' for cell in row_cells(first, reference_headers())) for _ in range(2)
    ]
    export = tmp_path / "zonder-kop.csv"
    export.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(export), "--project", str(folder)])
    assert result.exit_code in (0, 1), result.output
    for private in ("Wijnhoven", "Perronstraat", "Voelt zich soms alleen"):
        assert private not in result.output


def test_suggest_never_routes_an_identifier_into_open_text(
    runner: CliRunner, example: Callable[[str], Path], tmp_path: Path
) -> None:
    """Names, phones, addresses and e-mails become identifying fields (kept in private/) or
    drop, never text.*; Google's own e-mail column after the timestamp is the worker's: drop."""
    folder = example("spoorbuurt")
    (folder / "forms.yaml").unlink()
    headers = [
        "Timestamp",
        "Email Address",
        "Worker name",
        "Date of visit",
        "Resident name",
        "Phone",
        "Phone",
        "Address",
        "Contact e-mail",
        "Comments",
    ]
    export = tmp_path / "e.csv"
    export.write_text(
        ",".join(headers) + "\r\n"
        "2026/05/04 10:59:37 AM GMT+2,worker@example.org,Ruben Hoekstra,2026-05-04,"
        "Gerda Wijnhoven,0612345678,,Perronstraat 4,gerda@example.org,Alles goed\r\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["import", str(export), "--project", str(folder), "--suggest"])
    assert result.exit_code == 0, result.output
    lines = (folder / "forms.suggested.yaml").read_text(encoding="utf-8").splitlines()
    entry = {line.split(":")[0].strip().strip('"'): line for line in lines if line.startswith("  ")}
    assert '"Email Address": drop' in entry["Email Address"]
    assert '"Worker name": visitor' in entry["Worker name"]
    assert '"Resident name": resident_name' in entry["Resident name"]
    assert '"Phone": [resident_phone, drop]' in entry["Phone"]
    assert '"Address": address' in entry["Address"]
    assert '"Contact e-mail": resident_email' in entry["Contact e-mail"]
    assert "text.comments" in entry["Comments"]
    identifiers = ("Worker name", "Resident name", "Phone", "Address", "Contact e-mail")
    assert not any("text." in entry[title] for title in identifiers)
    assert "Gerda" not in result.output and "example.org" not in result.output


def test_a_note_with_a_line_separator_stays_one_registration(tmp_path: Path) -> None:
    """JSON leaves U+2028 in a string as it is: the registrations are split at \\n only."""
    from mdsa.intake.registrations import Registration, iter_registrations, save_registrations

    visits = [
        Registration(source="a.csv", row=2, answers={"text.remarks": "Eerst dit\u2028dan dat"}),
        Registration(source="a.csv", row=3, answers={"text.remarks": "Tweede\u0085bezoek"}),
    ]
    path = tmp_path / "registrations.jsonl"
    save_registrations(path, visits)
    assert [r.answers for r in load_registrations(path)] == [v.answers for v in visits]
    assert [r.row for r in iter_registrations(path)] == [2, 3]
