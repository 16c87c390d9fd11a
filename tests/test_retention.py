"""mdsa purge after the retention period, and the privacy state in status and readiness."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner
from vaultfixtures import CANARY_VALUES, canary_project, project_text

from mdsa.cli import app
from mdsa.privacy.retention import add_months, privacy_state, purge, retention_until
from mdsa.project.folder import load_project


def invoke(runner: CliRunner, *args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (args, result.output)
    return result.output


def set_visits_end(folder: Path, end: str) -> None:
    path = folder / "mdsa.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("visits: {start: 2016-09-05, end: 2017-06-30}", f"visits: {{end: {end}}}"),
        encoding="utf-8",
    )


@pytest.fixture
def anonymised(runner: CliRunner, tmp_path: Path) -> Path:
    folder, export = canary_project(tmp_path)
    invoke(runner, "import", str(export), "-p", str(folder))
    invoke(runner, "anonymise", str(folder))
    invoke(runner, "aggregate", str(folder))
    return folder


def test_retention_counts_from_the_end_of_the_visits(anonymised: Path) -> None:
    project, _ = load_project(anonymised)
    assert retention_until(project) == date(2019, 6, 30)  # 2017-06-30 + 24 months
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_purge_keeps_a_data_set_that_still_aggregates(anonymised: Path, runner: CliRunner) -> None:
    output = invoke(runner, "purge", str(anonymised))
    assert "the retention period ended on 30-06-2019" in output
    private = sorted(p.name for p in (anonymised / "private").iterdir())
    assert private == ["audit.jsonl", "purged.json"]
    outside = {p.relative_to(anonymised).as_posix() for p in anonymised.rglob("*") if p.is_file()}
    assert {"data/visits.csv", "data/text_blocks.csv"} <= outside
    text = project_text(anonymised)
    for value in CANARY_VALUES:
        assert value not in text
    result = json.loads(invoke(runner, "aggregate", str(anonymised), "--json"))
    assert result["visits"] == 12
    invoke(runner, "scan", str(anonymised))
    lines = (anonymised / "private" / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    commands = [json.loads(line)["command"] for line in lines]
    assert commands == ["import", "anonymise", "aggregate", "purge", "aggregate", "scan"]
    assert json.loads(lines[3])["counts"]["files_removed"] >= 4
    status = json.loads(invoke(runner, "status", str(anonymised), "--json"))
    assert status["privacy"]["purged_on"] == date.today().isoformat()
    assert status["privacy"]["warnings"] == []
    # Nothing identifiable comes back afterwards.
    output = invoke(runner, "anonymise", str(anonymised), code=1)
    assert "were purged on" in output
    output = invoke(runner, "purge", str(anonymised), code=1)
    assert "were purged on" in output


def test_purge_refuses_before_the_retention_date(anonymised: Path, runner: CliRunner) -> None:
    set_visits_end(anonymised, "2099-06-30")
    before = project_text(anonymised)
    output = invoke(runner, "purge", str(anonymised), code=1)
    assert "the retention period ends on 30-06-2101" in output
    assert "mdsa purge --force" in output
    assert project_text(anonymised) == before
    output = invoke(runner, "purge", str(anonymised), "--force")
    assert "before the retention date, as asked (--force)" in output
    assert not (anonymised / "private" / "registrations.jsonl").exists()


def test_purge_without_a_retention_period(anonymised: Path, runner: CliRunner) -> None:
    path = anonymised / "privacy.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("retention_months: 24\n", ""), encoding="utf-8"
    )
    output = invoke(runner, "purge", str(anonymised), code=1)
    assert "needs retention_months" in output


def test_status_warns_thirty_days_ahead(anonymised: Path) -> None:
    project, _ = load_project(anonymised)
    state = privacy_state(project, today=date(2019, 6, 10))
    assert state.days_left == 20
    assert state.warnings() == [
        "the retention period ends in 20 day(s), on 30-06-2019: then run mdsa purge"
    ]
    assert privacy_state(project, today=date(2019, 5, 1)).warnings() == []
    assert "ended on 30-06-2019" in privacy_state(project, today=date(2019, 7, 1)).warnings()[0]


def test_status_and_readiness_show_the_privacy_state(
    anonymised: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = invoke(runner, "status", str(anonymised))
    assert "private/ unlocked" in output and "private/ kept out of git" in output
    assert "identifiable data kept until 30-06-2019" in output
    assert "0 erasure(s)" in output and "last audit entry" in output
    assert "(aggregate)" in output
    output = invoke(runner, "readiness", str(anonymised))
    assert "Privacy" in output and "kept until 30-06-2019" in output

    (anonymised / ".gitignore").write_text("", encoding="utf-8")
    monkeypatch.setenv("MDSA_PASSPHRASE", "een lange zin als wachtwoord")
    invoke(runner, "lock", str(anonymised))
    status = json.loads(invoke(runner, "status", str(anonymised), "--json"))["privacy"]
    assert status["locked"] is True and status["git_ignored"] is False
    assert status["retention_until"] == "2019-06-30"
    assert any("not in .gitignore" in w for w in status["warnings"])
    output = invoke(runner, "status", str(anonymised))
    assert "private/ locked (mdsa unlock to work)" in output


def test_purge_on_a_project_without_private_data(tmp_path: Path) -> None:
    folder, _ = canary_project(tmp_path)
    project, _ = load_project(folder)
    result = purge(project, force=True, today=date(2016, 1, 1))
    assert result.forced and result.removed == ["private/households.csv"]
