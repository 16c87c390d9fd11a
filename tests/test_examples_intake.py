"""The bundled examples end to end, as `make demo` runs them: import, anonymise, scan."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from datasetchecks import assert_codebook_covers, assert_one_scheme_per_column, shared_text
from typer.testing import CliRunner

from mdsa.cli import app
from mdsa.intake.registrations import load_registrations
from mdsa.privacy.dataset import read_table

EXPORTS = {
    "spoorbuurt": "Registratie sociaal gesprek Meer dan Steen Alleen.csv.zip",
    "lankforst": "Registratie sociaal gesprek (Antwoorden).xlsx",
}


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_example_export_imports_anonymises_and_scans_clean(
    runner: CliRunner, example: Callable[[str], Path], name: str
) -> None:
    folder = example(name)
    export = folder / "private" / "downloads" / EXPORTS[name]
    result = runner.invoke(app, ["import", str(export), "--project", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["superseded"] == 1, "each example holds one visit submitted twice"
    assert report["kind"] == ("zip" if name == "spoorbuurt" else "xlsx")
    codes = {p["code"] for p in report["issues"]}
    assert "unmatched-address" in codes
    visits = load_registrations(folder / "private" / "registrations.jsonl")
    homes = sum(1 for _ in (folder / "private" / "households.csv").open()) - 1
    matched = {v.household for v in visits if v.household}
    assert 0.75 < len(matched) / homes < 0.85, "about 80% of homes were visited"

    result = runner.invoke(app, ["anonymise", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    anonymised = json.loads(result.stdout)
    assert anonymised["scan"]["clean"] is True
    assert anonymised["replacements"]["PERSOON"] > 20
    shared = shared_text(folder)  # the CSVs, the codebook and every cell of the workbooks
    for visit in visits:
        for field in ("resident_name", "resident_phone", "resident_email", "address"):
            value = visit.identity.get(field)
            if value:
                assert value not in shared, f"{field} of row {visit.row} leaked"
    assert_one_scheme_per_column(read_table(folder / "data" / "visits.csv"))
    assert_one_scheme_per_column(read_table(folder / "data" / "text_blocks.csv"))
    assert_codebook_covers(folder)
