"""The smallest real project: one visit, an export with only the required questions."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from mdsa.cli import app


def test_one_visit_with_only_the_required_questions_imports_and_anonymises(
    example: Callable[[str], Path], runner: CliRunner, tmp_path: Path
) -> None:
    folder = example("spoorbuurt")
    export = tmp_path / "Registratie.csv"
    with export.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(
            ["Tijdstempel", "Naam medewerker", "Datum huisbezoek", "Adres (straat en huisnummer)"]
        )
        writer.writerow(
            ["2016/10/03 4:12:09 p.m. CEST", "Ruben Hoekstra", "2016-10-03", "Perronstraat 4"]
        )
    for command in (
        ["import", str(export), "--project", str(folder)],
        ["anonymise", str(folder)],
        ["scan", str(folder)],
        ["aggregate", str(folder)],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command[0], result.output)
        assert result.exception is None
    with (folder / "data" / "visits.csv").open(encoding="utf-8-sig", newline="") as handle:
        visits = list(csv.DictReader(handle, delimiter=";"))
    assert len(visits) == 1
    visit = visits[0]
    # one visit alone is a group of one: every field that could single it out is withheld,
    # and the questions the form did not ask say so
    assert visit["household"].startswith("HH-")
    assert "Perronstraat" not in "".join(visit.values())
    assert "Hoekstra" not in (folder / "data" / "visits.csv").read_text(encoding="utf-8-sig")
    assert visit.get("scale.satisfaction") == "not_asked"
