"""``mdsa match`` proposes matches only between residents who agreed to take part."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from typer.testing import CliRunner

from mdsa.cli import app
from mdsa.intake.registrations import Registration, save_registrations


def visit(row: int, address: str, join: str | None, **answers: Any) -> Registration:
    data = dict(answers)
    if join is not None:
        data["wants_to_join"] = join
    return Registration(
        source="private/raw/x.csv",
        row=row,
        visit_date=f"2016-10-{row:02d}",
        identity={"address": address, "resident_name": f"Bewoner{row}x"},
        household=address.lower().replace(" ", "|") + "|",
        subarea="Emplacement",
        answers=data,
    )


def texts(talents: str = "", wish: str = "") -> dict[str, str]:
    out = {}
    if talents:
        out["text.talents"] = talents
    if wish:
        out["text.person_opportunities"] = wish
    return out


def write(root: Path, registrations: list[Registration]) -> None:
    save_registrations(root / "private" / "registrations.jsonl", registrations)


def cells(path: Path) -> set[str]:
    sheet = load_workbook(path)["Matches"]
    return {str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None}


def test_a_declined_resident_never_appears(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    root = example("spoorbuurt")
    walker = texts("wandelt veel, kent alle routes")
    write(
        root,
        [
            visit(1, "Remiseweg 1", "yes", **walker),
            visit(2, "Remiseweg 2", "yes", **texts(wish="zou iemand willen om mee te wandelen")),
            visit(3, "Remiseweg 3", "no", **texts(wish="wil graag wandelen")),
            visit(4, "Remiseweg 4", "maybe", **walker),
            visit(5, "Remiseweg 5", None, **walker),  # never asked
            visit(6, "Remiseweg 6", "yes", **walker),  # said yes, then no at a second visit
            visit(7, "Remiseweg 6", "no"),
        ],
    )
    result = runner.invoke(app, ["match", str(root), "--json"])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    data = json.loads(result.stdout)
    assert data["consenting"] == 2 and data["matches"] == 1
    found = cells(root / "private" / "matches.xlsx")
    assert {"Remiseweg 1", "Remiseweg 2", "Bewoner1x", "Bewoner2x"} <= found
    for row in (3, 4, 5, 6, 7):
        assert f"Remiseweg {row}" not in found and f"Bewoner{row}x" not in found
    assert "de een biedt wandelen, de ander zoekt het" in found
    summary = json.loads((root / "output" / "matches-summary.json").read_text())
    assert summary["matches_by_topic"] == {}  # 1 match is below min_group_size
    assert "Remiseweg" not in json.dumps(summary)


def test_shared_interests_are_explained_and_counted_above_the_threshold(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    root = example("spoorbuurt")
    write(root, [visit(n, f"Perronstraat {n}", "yes", **texts("kookt graag")) for n in range(1, 5)])
    result = runner.invoke(app, ["match", str(root), "--json"])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert json.loads(result.stdout)["summary"] == {"koken en samen eten": 6}  # 4 choose 2
    assert "beiden noemen koken en samen eten" in cells(root / "private" / "matches.xlsx")


def test_no_consenting_residents_gives_an_empty_list(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    root = example("spoorbuurt")
    write(root, [visit(1, "Remiseweg 1", "no", **texts("wandelt veel"))])  # a one-visit project
    result = runner.invoke(app, ["match", str(root)])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert "0 residents agreed to take part (1 households did not): 0 matches" in result.output
    assert cells(root / "private" / "matches.xlsx") >= {"Nr", "Onderwerp"}
