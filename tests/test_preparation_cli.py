"""Phase 1 as a project leader meets it: init, validate, readiness and status on real folders."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mdsa.cli import app


def run(runner: CliRunner, *args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def test_init_then_validate_passes(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "lankforst-2026"
    code, output = run(runner, "init", folder)
    assert code == 0, output
    for name in ("mdsa.yaml", "team.yaml", "partners.yaml", "privacy.yaml", "communication.yaml"):
        assert (folder / name).is_file(), name
        assert (folder / name).read_text(encoding="utf-8").startswith("#"), "scaffold is commented"
    assert "private/" in (folder / ".gitignore").read_text(encoding="utf-8")
    code, output = run(runner, "validate", folder)
    assert code == 0, output
    assert "0 error(s)" in output
    assert "Lankforst" in (folder / "mdsa.yaml").read_text(encoding="utf-8")


def test_init_refuses_an_existing_project_and_changes_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "p"
    run(runner, "init", folder)
    (folder / "team.yaml").write_text("members: []\n", encoding="utf-8")
    code, output = run(runner, "init", folder)
    assert code == 1
    assert "already a project" in output
    assert (folder / "team.yaml").read_text(encoding="utf-8") == "members: []\n"


def test_init_add_missing_restores_only_missing_files(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "p"
    run(runner, "init", folder)
    (folder / "privacy.yaml").unlink()
    (folder / "team.yaml").write_text("members: []\n", encoding="utf-8")
    code, output = run(runner, "validate", folder)
    assert code == 1
    assert "privacy.yaml" in output and "mdsa init" in output and "--add-missing" in output
    code, output = run(runner, "init", folder, "--add-missing")
    assert code == 0, output
    assert "privacy.yaml" in output and "team.yaml" not in output
    assert (folder / "team.yaml").read_text(encoding="utf-8") == "members: []\n"


@pytest.mark.parametrize("name", ["spoorbuurt", "lankforst"])
def test_examples_are_valid_and_ready(
    runner: CliRunner, example: Callable[[str], Path], name: str
) -> None:
    folder = example(name)
    code, output = run(runner, "validate", folder)
    assert code == 0, output
    code, output = run(runner, "readiness", folder)
    assert code == 0, output
    assert "Ready for the home visits" in output


def test_fresh_project_is_not_ready_and_says_what_to_do(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "p"
    run(runner, "init", folder)
    code, output = run(runner, "readiness", folder, "--json")
    assert code == 1
    items = {item["key"]: item for item in json.loads(output)["items"]}
    assert items["valid"]["ok"] is True
    assert items["project_leader"]["ok"] is False
    assert "project_leader" in items["project_leader"]["next_step"]
    assert items["core_partners"]["ok"] is False


def test_readiness_notices_an_untrained_community_worker(
    runner: CliRunner, example: Callable[[str], Path]
) -> None:
    folder = example("lankforst")
    team = folder / "team.yaml"
    team.write_text(
        team.read_text(encoding="utf-8").replace("trained: 2021-06-15\n", "trained:\n", 1),
        encoding="utf-8",
    )
    code, output = run(runner, "readiness", folder)
    assert code == 1
    assert "2 of 3 trained" in output


def break_project(folder: Path) -> None:
    """The four problems of the issue's 'done when', one per file."""
    communication = folder / "communication.yaml"
    communication.write_text(
        communication.read_text(encoding="utf-8").replace(
            "audiences:\n  - bewoners", "audiences:\n  - bewoners\n   - kapot: [", 1
        ),
        encoding="utf-8",
    )
    privacy = folder / "privacy.yaml"
    privacy.write_text(
        privacy.read_text(encoding="utf-8").replace("retention_months:", "retention_month:"),
        encoding="utf-8",
    )
    team = folder / "team.yaml"
    team.write_text(
        team.read_text(encoding="utf-8").replace(
            "organisation: Bouwbedrijf De Spoorlijn", "organisation: Bouwbedrijf De Spoorlijm", 1
        ),
        encoding="utf-8",
    )
    households = folder / "private" / "households.csv"
    lines = households.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace(",6538 LA,,", ",6538 LA,Lankforst-West,")
    households.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_broken_project_gets_one_clear_message_per_problem(
    runner: CliRunner, example: Callable[[str], Path]
) -> None:
    folder = example("lankforst")
    break_project(folder)
    code, output = run(runner, "validate", folder, "--json")
    assert code == 1
    issues = json.loads(output)["issues"]
    errors = [i for i in issues if i["severity"] == "error"]
    by_code = {i["code"]: i for i in errors}
    assert sorted(by_code) == [
        "unknown-key",
        "unknown-organisation",
        "unknown-subarea",
        "yaml-syntax",
    ]
    assert len(errors) == 4
    assert by_code["yaml-syntax"]["file"] == "communication.yaml"
    broken_line = (folder / "communication.yaml").read_text(encoding="utf-8").splitlines()
    assert "kapot" in broken_line[by_code["yaml-syntax"]["line"] - 1]
    assert by_code["unknown-key"]["file"] == "privacy.yaml"
    assert by_code["unknown-key"]["hint"] == "did you mean 'retention_months'?"
    assert by_code["unknown-organisation"]["file"] == "team.yaml"
    team_lines = (folder / "team.yaml").read_text(encoding="utf-8").splitlines()
    assert "Spoorlijm" in team_lines[by_code["unknown-organisation"]["line"] - 1]
    assert by_code["unknown-organisation"]["hint"] == "did you mean 'Bouwbedrijf De Spoorlijn'?"
    assert by_code["unknown-subarea"]["file"] == "private/households.csv"
    assert by_code["unknown-subarea"]["row"] == 6
    assert by_code["unknown-subarea"]["column"] == "subarea"

    code, output = run(runner, "validate", folder)
    assert code == 1
    assert f"communication.yaml:{by_code['yaml-syntax']['line']}" in output
    assert "private/households.csv:row 6 (column subarea)" in output
    assert "4 error(s)" in output


def test_messages_never_show_private_values(
    runner: CliRunner, example: Callable[[str], Path]
) -> None:
    folder = example("spoorbuurt")
    households = folder / "private" / "households.csv"
    text = households.read_text(encoding="utf-8")
    text += "Geheimestraat,12,6512 AB,,,\nPerronstraat,x9q,6512 AB,,,\nPerronstraat,1,99999,,,\n"
    households.write_text(text, encoding="utf-8")
    code, output = run(runner, "validate", folder, "--json")
    assert code == 1
    codes = {i["code"] for i in json.loads(output)["issues"]}
    assert {"unplaced-address", "invalid-house-number", "invalid-postcode"} <= codes
    for secret in ("Geheimestraat", "x9q", "99999"):
        assert secret not in output
    code, output = run(runner, "validate", folder)
    for secret in ("Geheimestraat", "x9q", "99999"):
        assert secret not in output


def test_duplicate_addresses_are_found_however_the_number_is_written(
    runner: CliRunner, example: Callable[[str], Path]
) -> None:
    folder = example("lankforst")
    households = folder / "private" / "households.csv"
    text = households.read_text(encoding="utf-8") + "lankforst ,11 - 11,6538 LA,,,\n"
    households.write_text(text, encoding="utf-8")
    code, output = run(runner, "validate", folder, "--json")
    assert code == 1
    duplicates = [i for i in json.loads(output)["issues"] if i["code"] == "duplicate-address"]
    assert [d["row"] for d in duplicates] == [106]
    assert "row 2" in duplicates[0]["message"]


def test_phase_dates_out_of_order(runner: CliRunner, example: Callable[[str], Path]) -> None:
    folder = example("lankforst")
    config = folder / "mdsa.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "picture: {start: 2022-04-04, end: 2022-09-30}",
            "picture: {start: 2022-04-04, end: 2022-01-30}",
        ),
        encoding="utf-8",
    )
    code, output = run(runner, "validate", folder)
    assert code == 1
    assert "phase 'picture' ends before it starts" in output


def test_status_shows_five_phases_and_a_next_step(
    runner: CliRunner, example: Callable[[str], Path], tmp_path: Path
) -> None:
    code, output = run(runner, "status", example("spoorbuurt"))
    assert code == 0, output
    for title in ("1 Voorbereiding", "2 Huisbezoeken", "3 Beeld van de buurt", "5 Evaluatie"):
        assert title in output
    assert "499 homes to visit" in output
    assert "Stationskwartier" in output
    run(runner, "init", tmp_path / "new")
    code, output = run(runner, "status", tmp_path / "new", "--json")
    status = json.loads(output)
    assert status["phases"][0]["state"] == "in_progress"
    assert "partners.yaml" in status["next_step"]


def test_commands_find_the_project_from_a_subfolder(
    runner: CliRunner, example: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = example("lankforst")
    monkeypatch.chdir(folder / "private")
    code, output = run(runner, "validate")
    assert code == 0, output
    assert "lankforst" in output


def test_not_a_project_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    code, output = run(runner, "validate", tmp_path)
    assert code == 1
    assert "not an mdsa project" in output
    assert "mdsa init" in output


def test_wrong_types_and_choices_are_reported_with_lines(
    runner: CliRunner, example: Callable[[str], Path]
) -> None:
    folder = example("lankforst")
    config = folder / "mdsa.yaml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("language: nl", "language: de").replace(
        "min_group_size: 5", "min_group_size: vijf"
    )
    config.write_text(text, encoding="utf-8")
    code, output = run(runner, "validate", folder, "--json")
    assert code == 1
    issues = {i["code"]: i for i in json.loads(output)["issues"]}
    lines = text.splitlines()
    assert "language" in lines[issues["invalid-choice"]["line"] - 1]
    assert "min_group_size" in lines[issues["invalid-value"]["line"] - 1]


def test_a_choice_without_options_in_forms_yaml_is_a_warning(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    folder = example("spoorbuurt")
    forms = folder / "forms.yaml"
    forms.write_text(
        forms.read_text(encoding="utf-8")
        + '  "Hoe hoorde u van het bezoek?":\n    field: choice.heard_from\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    issues = json.loads(result.stdout)["issues"]
    warned = [i for i in issues if i["code"] == "choice-without-options"]
    assert len(warned) == 1 and warned[0]["file"] == "forms.yaml" and warned[0]["line"]
