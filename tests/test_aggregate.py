"""`mdsa aggregate` on a small crafted data set: no group below min_group_size is shown, and
no suppressed count can be recomputed from what is shown."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import linprog
from typer.testing import CliRunner

from mdsa.cli import app
from mdsa.privacy.dataset import MULTI_SEPARATOR, NOT_ANSWERED, write_table

K = 5  # min_group_size of the Spoorbuurt example
SUBAREAS = ("Stationskwartier", "Seinhuisbuurt", "Emplacement")


def write_visits(folder: Path, rows: list[dict[str, str]]) -> None:
    """data/visits.csv and data/text_blocks.csv as anonymise writes them: an empty answer of
    the crafted rows is written as the marker not_answered."""
    columns = [
        "household",
        "subarea",
        "visit_month",
        "age_group",
        "household_type",
        "scale.satisfaction",
        "cards",
        "grid.facilities.shops",
        "incomplete",
    ]
    (folder / "data").mkdir(exist_ok=True)
    marked = [{c: row.get(c) or NOT_ANSWERED for c in columns} for row in rows]
    for row in marked:
        row["cards"] = row["cards"].replace(";", MULTI_SEPARATOR)
    write_table(folder / "data" / "visits.csv", columns, marked)
    blocks = [
        {
            "household": row["household"],
            "subarea": row["subarea"],
            "visit_month": "2016-M10",
            "category": "person_obstacles",
            "cards": row["cards"],
            "text": f"Zorg over de verbouwing {i}",
        }
        for i, row in enumerate(marked)
        if i % 2 == 0
    ]
    header = ["household", "subarea", "visit_month", "category", "cards", "text"]
    write_table(folder / "data" / "text_blocks.csv", header, blocks)


def crafted() -> list[dict[str, str]]:
    """40 visits in three subareas with a few small groups, and 3 visits in an unknown
    subarea (too few to show even merged)."""
    rows = []
    plan = {
        "Stationskwartier": [("65_79", "single", "8", "life;health", "good")] * 12
        + [("80_plus", "single", "2", "life", "poor")] * 2,  # a small group of 2
        "Seinhuisbuurt": [("45_64", "couple", "7", "health", "fair")] * 10
        + [("45_64", "family", "9", "affiliation", "good")] * 3,
        "Emplacement": [("25_44", "family", "6", "play", "good")] * 9
        + [("80_plus", "single", "1", "life;play", "")] * 1  # a singleton, no grid answer
        + [("65_79", "couple", "8", "", "poor")] * 3,
        "Elders": [("45_64", "single", "5", "life", "good")] * 3,
    }
    for subarea, answers in plan.items():
        for n, (age, household, score, cards, shops) in enumerate(answers):
            rows.append(
                {
                    "household": f"HH-{subarea[:3]}{n:03d}",
                    "subarea": subarea,
                    "visit_month": "2016-10",
                    "age_group": age,
                    "household_type": household,
                    "scale.satisfaction": score,
                    "cards": cards,
                    "grid.facilities.shops": shops,
                }
            )
    return rows


@pytest.fixture
def project(example: Callable[[str], Path]) -> Path:
    folder = example("spoorbuurt")
    write_visits(folder, crafted())
    return folder


def shown_counts(question: dict) -> list[tuple[str, str, float | None]]:
    out = []
    for option in question["options"]:
        for group, value in option["counts"].items():
            out.append((option["code"], group, value if not isinstance(value, dict) else None))
    for group, value in question["respondents"].items():
        out.append(("respondents", group, value if not isinstance(value, dict) else None))
    return out


def test_aggregate_shows_no_small_group(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["aggregate", str(project), "--json"])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    data = json.loads(result.stdout)
    assert data == json.loads((project / "output" / "aggregate.json").read_text("utf-8"))
    assert data["left_out"] == ["Elders"]
    assert data["groups"] == [*SUBAREAS, "Totaal"]
    assert data["group_visits"]["Totaal"] == 40, "the left-out visits are in no figure"
    titles = {q["field"]: q["title"] for q in data["questions"]}
    assert titles["age_group"] == "Leeftijdsgroep"
    assert titles["scale.satisfaction"].startswith("Hoe tevreden bent u met uw buurt?")
    labels = {o["label"] for q in data["questions"] for o in q["options"]}
    assert {"80 of ouder", "Alleenstaand", "Contact met anderen"} <= labels
    suppressed = 0
    for question in data["questions"]:
        for code, group, value in shown_counts(question):
            assert value is None or value == 0 or value >= K, (question["field"], code, group)
        for option in question["options"]:
            for group, pct in option["percentages"].items():
                if isinstance(option["counts"][group], dict):
                    assert isinstance(pct, dict) and pct["value"] is None
        for stat in ("mean", "median"):
            for group, value in (question[stat] or {}).items():
                n = question["respondents"][group]
                if isinstance(n, dict) or n < K:
                    assert isinstance(value, dict) and value["value"] is None
        for entry in question["suppressed"]:
            assert entry["status"] in ("primary", "secondary") and entry["reason"]
            suppressed += 1
    assert suppressed > 0
    age = next(q for q in data["questions"] if q["field"] == "age_group")
    old = next(o for o in age["options"] if o["code"] == "80_plus")
    assert old["counts"]["Stationskwartier"] == {
        "value": None,
        "status": "primary",
        "reason": old["counts"]["Stationskwartier"]["reason"],
    }
    for group, value in data["texts"][0]["counts"].items():
        assert isinstance(value, dict) or value == 0 or value >= K, group
    cards = data["texts"][0]["cards"]
    with_cards = [
        r for i, r in enumerate(crafted()) if i % 2 == 0 and r["subarea"] in SUBAREAS and r["cards"]
    ]
    assert cards["respondents"]["Totaal"] == len(with_cards)
    for code, group, value in shown_counts(cards):
        assert value is None or value == 0 or value >= K, ("text cards", code, group)
    assert any(v is None for _, _, v in shown_counts(cards)), "the crafted set has small groups"


def test_suppressed_counts_cannot_be_recomputed(project: Path, runner: CliRunner) -> None:
    """An outsider's linear program over what the JSON shows: every small count can be at least
    min_group_size, for every choice and scale table."""
    result = runner.invoke(app, ["aggregate", str(project), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    truth = crafted_counts()
    checked = 0
    for question in data["questions"]:
        if question["kind"] not in ("choice", "scale"):
            continue
        codes = [o["code"] for o in question["options"]]
        cells = [(g, c) for g in SUBAREAS for c in codes]
        index = {cell: i for i, cell in enumerate(cells)}
        rows, rhs = [], []
        for option in question["options"]:
            for group, value in option["counts"].items():
                if isinstance(value, dict):
                    continue
                groups = SUBAREAS if group == "Totaal" else [group]
                rows.append(
                    [
                        1.0 if (g, c) in [(x, option["code"]) for x in groups] else 0.0
                        for g, c in cells
                    ]
                )
                rhs.append(value)
        for group, value in question["respondents"].items():
            if not isinstance(value, dict):
                groups = SUBAREAS if group == "Totaal" else [group]
                rows.append([1.0 if g in groups else 0.0 for g, c in cells])
                rhs.append(value)
        for group, value in (question["mean"] or {}).items():
            n = question["respondents"][group]
            if not isinstance(value, dict) and not isinstance(n, dict):
                groups = SUBAREAS if group == "Totaal" else [group]
                rows.append([float(c) if g in groups else 0.0 for g, c in cells])
                rhs.append(value * n)  # treated as exact: rounding only helps the resident
        for cell in cells:
            true = truth[question["field"]].get(cell, 0)
            if 0 < true < K:
                goal = np.zeros(len(cells))
                goal[index[cell]] = -1
                res = linprog(
                    goal, A_eq=np.array(rows), b_eq=np.array(rhs), bounds=[(0, None)] * len(cells)
                )
                assert res.status in (0, 3), question["field"]
                if res.status == 0:
                    # A rounded mean makes the equations only approximately consistent.
                    assert -res.fun >= K - 0.5, (question["field"], cell, -res.fun)
                checked += 1
    assert checked >= 4


def crafted_counts() -> dict[str, dict[tuple[str, str], int]]:
    out: dict[str, dict[tuple[str, str], int]] = {}
    for row in crafted():
        if row["subarea"] not in SUBAREAS:
            continue
        for field in ("age_group", "household_type", "scale.satisfaction", "grid.facilities.shops"):
            if row[field]:
                table = out.setdefault(field, {})
                key = (row["subarea"], row[field])
                table[key] = table.get(key, 0) + 1
    return out


def test_aggregate_prints_a_readable_summary(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["aggregate", str(project)])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert "Leeftijdsgroep" in result.stdout and "✱" in result.stdout
    assert "Elders" in result.stdout  # reported as left out
    assert "wrote output/aggregate.json" in result.stdout


def test_aggregate_without_a_data_set_says_what_to_run(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    result = runner.invoke(app, ["aggregate", str(example("spoorbuurt"))])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "mdsa anonymise" in result.output


def test_a_marker_value_is_not_counted(project: Path, runner: CliRunner) -> None:
    rows = crafted()
    for row in rows[:6]:
        row["age_group"] = "withheld"  # any value that is not an option code
    write_visits(project, rows)
    result = runner.invoke(app, ["aggregate", str(project), "--json"])
    assert result.exit_code == 0, result.output
    age = next(q for q in json.loads(result.stdout)["questions"] if q["field"] == "age_group")
    assert age["respondents"]["Totaal"] == 34


def test_small_subareas_are_merged_when_together_they_are_large_enough(
    project: Path, runner: CliRunner
) -> None:
    rows = crafted()
    extra = [dict(r, household=f"HH-X{n}", subarea="") for n, r in enumerate(rows[-3:])]
    write_visits(project, rows + extra)  # 3 in "Elders" and 3 without a subarea: 6 together
    result = runner.invoke(app, ["aggregate", str(project), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["merged"] == ["Elders"] and data["left_out"] == []
    assert data["groups"] == [*SUBAREAS, "Overige subbuurten", "Totaal"]
    assert data["group_visits"]["Overige subbuurten"] == 6
    assert data["group_visits"]["Totaal"] == 46


def test_status_shows_phase_3_under_way_once_the_figures_exist(
    project: Path, runner: CliRunner
) -> None:
    def picture() -> dict:
        result = runner.invoke(app, ["status", str(project), "--json"])
        assert result.exit_code == 0, result.output
        assert result.exception is None
        phases = json.loads(result.stdout)["phases"]
        return next(p for p in phases if p["phase"] == "picture")

    before = picture()
    assert before["state"] == "in_progress"
    assert "mdsa aggregate" in before["next_step"]
    assert runner.invoke(app, ["aggregate", str(project)]).exit_code == 0
    after = picture()
    assert any("output/aggregate.json" in fact for fact in after["facts"])
    assert "working sessions" in after["next_step"]


def test_the_workbook_charts_and_page_show_what_the_json_shows_and_no_more(
    project: Path, runner: CliRunner
) -> None:
    import openpyxl

    result = runner.invoke(app, ["aggregate", str(project), "--json"])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    figures = json.loads(result.stdout)
    output = project / "output"
    book = openpyxl.load_workbook(output / "aggregate.xlsx")
    assert book.sheetnames[0] == "Overzicht"
    assert len(book.sheetnames) == 1 + len(figures["questions"])
    suppressed_seen = 0
    for sheet_name, question in zip(book.sheetnames[1:], figures["questions"], strict=True):
        sheet = book[sheet_name]
        header = [c.value for c in sheet[1]]
        assert header[0] == "Antwoord"
        assert sheet.freeze_panes == "A2"
        assert sheet._charts, f"no chart on {sheet_name}"  # a native Excel chart
        for row_number, option in enumerate(question["options"], start=2):
            assert sheet.cell(row_number, 1).value == option["label"]
            for index, group in enumerate(question["groups"]):
                shown = sheet.cell(row_number, 2 + 2 * index).value
                value = option["counts"][group]
                if isinstance(value, dict):  # suppressed in the JSON: never a number here
                    assert shown == "✱", (sheet_name, option["label"], group, shown)
                    assert sheet.cell(row_number, 3 + 2 * index).value in (None, "")
                    suppressed_seen += 1
                else:
                    assert shown == value
        chart = output / "charts" / f"{question['field']}.png"
        assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (
            (output / "charts" / f"{question['field']}.svg")
            .read_text()
            .lstrip()
            .startswith("<?xml")
        )
    assert suppressed_seen > 0, "the crafted data set has small groups"
    page = (output / "aggregate.html").read_text(encoding="utf-8")
    assert page.count("<svg") == len(figures["questions"])
    assert "Leeftijdsgroep" in page and "✱" in page
    # self-contained: no stylesheet, script or picture fetched from elsewhere
    assert "<link" not in page and "<script" not in page and 'src="http' not in page


def test_charts_drawn_in_worker_processes_equal_those_drawn_one_by_one(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    def charts() -> dict[str, bytes]:
        result = runner.invoke(app, ["aggregate", str(project)])
        assert result.exit_code == 0, result.output
        folder = project / "output" / "charts"
        return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    parallel = charts()
    page = (project / "output" / "aggregate.html").read_bytes()
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    serial = charts()
    assert len(parallel) == 2 * len(
        json.loads((project / "output/aggregate.json").read_text())["questions"]
    )
    assert parallel == serial
    assert (project / "output" / "aggregate.html").read_bytes() == page


def test_the_years_question_shows_only_the_bands_that_occur(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    """Years in the neighbourhood has fine and coarse bands; where anonymise coarsened a
    visit, its fine band is withheld. The chart and table show the bands residents are in, not
    a row of empty fine bands beside the coarse ones."""
    from mdsa.privacy.dataset import WITHHELD

    folder = example("spoorbuurt")
    columns = [
        "household",
        "subarea",
        "visit_month",
        "years_in_neighbourhood",
        "years_in_neighbourhood_coarse",
    ]
    bands = [("21_plus", "11_plus")] * 8 + [(WITHHELD, "0_10")] * 9 + [(WITHHELD, "11_plus")] * 7
    rows = [
        {
            "household": f"HH-{n:04d}",
            "subarea": SUBAREAS[n % 2],
            "visit_month": "2016-10",
            "years_in_neighbourhood": fine,
            "years_in_neighbourhood_coarse": coarse,
        }
        for n, (fine, coarse) in enumerate(bands)
    ]
    (folder / "data").mkdir(exist_ok=True)
    write_table(folder / "data" / "visits.csv", columns, rows)
    header = ["household", "subarea", "visit_month", "category", "cards", "text"]
    write_table(folder / "data" / "text_blocks.csv", header, [])
    result = runner.invoke(app, ["aggregate", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    (years,) = [
        q for q in json.loads(result.stdout)["questions"] if q["field"] == "years_in_neighbourhood"
    ]
    totals = {o["code"]: o["counts"]["Totaal"] for o in years["options"]}
    assert totals == {"21_plus": 8, "0_10": 9, "11_plus": 7}
