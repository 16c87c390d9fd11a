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
    assert "de eerste biedt wandelen, de tweede zoekt het" in found
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


def rows(path: Path) -> list[tuple[Any, ...]]:
    sheet = load_workbook(path)["Matches"]
    return [r for r in sheet.iter_rows(min_row=3, values_only=True) if isinstance(r[0], int)]


def test_each_resident_keeps_only_the_best_matches(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    root = example("spoorbuurt")
    cooks = [visit(n, f"Perronstraat {n}", "yes", **texts("kookt graag")) for n in range(1, 9)]
    helper = visit(9, "Perronstraat 9", "yes", **texts("doet boodschappen voor de buren"))
    asks = visit(10, "Perronstraat 10", "yes", **texts("kookt", "hulp bij de boodschappen"))
    declined = visit(11, "Perronstraat 11", "no", **texts("kookt graag", "boodschappen"))
    write(root, [*cooks, helper, asks, declined])
    result = runner.invoke(app, ["match", str(root), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["found"] == 37  # 9 cooks: 36 pairs, and the shopping help
    assert data["per_resident"] == 3 and data["matches"] < data["found"]
    listed = rows(root / "private" / "matches.xlsx")
    assert len(listed) == data["matches"]
    per_home: dict[str, int] = {}
    for row in listed:
        for address in (row[4], row[8]):
            per_home[address] = per_home.get(address, 0) + 1
    assert max(per_home.values()) == 3
    assert len(per_home) == 10  # every consenting resident has at least one match
    assert "Perronstraat 11" not in per_home
    assert [r[0] for r in listed] == list(range(1, len(listed) + 1))
    assert listed[0][3] == "de eerste biedt boodschappen, de tweede zoekt het"  # help ranks first
    assert [r[12] for r in listed] == sorted((r[12] for r in listed), reverse=True)
    assert "Per bewoner de 3 beste matches" in " ".join(cells(root / "private" / "matches.xlsx"))
    assert {"Adres 1", "Naam 1", "Adres 2", "Naam 2"} <= cells(root / "private" / "matches.xlsx")

    every = runner.invoke(app, ["match", str(root), "--per-resident", "0", "--json"])
    assert every.exit_code == 0, every.output
    assert json.loads(every.stdout)["matches"] == 37
    assert "Perronstraat 11" not in cells(root / "private" / "matches.xlsx")
    one = runner.invoke(app, ["match", str(root), "--per-resident", "1"])
    assert one.exit_code == 0, one.output
    assert "5 matches proposed (each resident's 1 best of 37 found)" in one.output


def test_a_negative_cap_is_a_usage_error(example: Callable[[str], Path], runner: CliRunner) -> None:
    root = example("spoorbuurt")
    result = runner.invoke(app, ["match", str(root), "--per-resident", "-1"])
    assert result.exit_code == 2
    assert not (root / "private" / "matches.xlsx").exists()
