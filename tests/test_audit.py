"""The audit log records every command that read private/ or wrote shared output, and never
a personal value (searched with canary values)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner
from vaultfixtures import CANARY_VALUES, canary_project

from mdsa.cli import app
from mdsa.privacy.audit import AUDIT_FILE, read_log, sha256_file


def run_pipeline(runner: CliRunner, folder: Path, export: Path) -> None:
    for args in (
        ["validate", str(folder)],
        ["import", str(export), "--project", str(folder)],
        ["anonymise", str(folder)],
        ["scan", str(folder)],
        ["aggregate", str(folder)],
        ["status", str(folder)],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)


def test_the_pipeline_is_on_record_without_a_personal_value(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder, export = canary_project(tmp_path)
    run_pipeline(runner, folder, export)
    text = (folder / AUDIT_FILE).read_text(encoding="utf-8")
    for value in CANARY_VALUES:
        assert value.casefold() not in text.casefold(), value
    entries = [json.loads(line) for line in text.splitlines()]
    assert [e["command"] for e in entries] == ["import", "anonymise", "scan", "aggregate"]
    assert all(e["outcome"] == "ok" and e["version"] for e in entries)
    imported = entries[0]
    assert imported["counts"]["rows"] == 12 and imported["counts"]["imported"] == 12
    assert imported["reads"]["(outside the project)/Registratie.csv"] == sha256_file(export)
    assert imported["writes"]["private/registrations.jsonl"] == sha256_file(
        folder / "private" / "registrations.jsonl"
    )
    anonymised = entries[1]
    assert anonymised["settings"]["min_group_size"] == 5
    assert anonymised["counts"]["visits"] == 12
    assert anonymised["counts"]["replacements"] >= 2  # the canary's name and phone
    assert anonymised["counts"]["scan_findings"] == 0
    assert "data/visits.csv" in anonymised["writes"]
    assert "suppressed" in entries[3]["counts"]


def test_mdsa_audit_shows_the_log_and_notices_a_changed_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder, export = canary_project(tmp_path)
    run_pipeline(runner, folder, export)
    result = runner.invoke(app, ["audit", str(folder)])
    assert result.exit_code == 0, result.output
    assert "import" in result.output and "4 entries; every line unchanged" in result.output
    shown = json.loads(runner.invoke(app, ["audit", str(folder), "--json"]).stdout)
    assert shown["intact"] and len(shown["entries"]) == 4

    path = folder / AUDIT_FILE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:1] + lines[2:]), encoding="utf-8")  # anonymise removed
    result = runner.invoke(app, ["audit", str(folder)])
    assert result.exit_code == 1, result.output
    assert "line 2 does not follow" in result.output
    assert read_log(folder).broken_at == 2


def test_a_refused_command_changes_no_file_not_even_the_log(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder, export = canary_project(tmp_path)
    result = runner.invoke(app, ["anonymise", str(folder)])  # nothing imported yet
    assert result.exit_code == 1, result.output
    assert not (folder / AUDIT_FILE).exists()
    result = runner.invoke(app, ["import", str(export), "-p", str(folder)])
    assert result.exit_code == 0, result.output
    (entry,) = read_log(folder).entries
    assert entry["command"] == "import" and entry["outcome"] == "ok"
    assert entry["reads"]["private/households.csv"] == sha256_file(
        folder / "private" / "households.csv"
    )


def test_a_dry_run_import_writes_nothing_but_is_on_record(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder, export = canary_project(tmp_path)
    result = runner.invoke(app, ["import", str(export), "-p", str(folder), "--dry-run"])
    assert result.exit_code == 0, result.output
    (entry,) = read_log(folder).entries
    assert entry["settings"]["dry_run"] is True and entry["writes"] == {}
    assert not (folder / "private" / "registrations.jsonl").exists()
