"""`mdsa evaluation-report`: the final evaluation for partners (PDF, DOCX) and residents (PDF),
on the Spoorbuurt example, on a project with only some of its files, and on bad input."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from test_feedback import write_actions_by_status, write_data
from typer.testing import CliRunner

from mdsa.cli import app
from mdsa.privacy.dataset import write_table

K = 5
PDF = "output/eindevaluatie.pdf"
DOCX = "output/eindevaluatie.docx"
RESIDENTS = "output/eindevaluatie-bewoners.pdf"


@pytest.fixture
def project(example: Callable[[str], Path]) -> Path:
    return example("spoorbuurt")


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def pdf_images(path: Path) -> int:
    return sum(len(page.images) for page in PdfReader(path).pages)


def docx_text(path: Path) -> str:
    document = docx.Document(io.BytesIO(path.read_bytes()))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return " ".join(" ".join(parts).split())


ACTIONS = {
    ("housing_question", "open"): 7,
    ("housing_question", "done"): 12,
    ("wellbeing_question", "done"): 6,
    ("wellbeing_question", "in_progress"): 2,  # a small group: never shown as 2
    ("participation_chance", "done"): 9,
    ("care_signal", "done"): 5,
}


def full_project(project: Path, households: int = 30) -> Path:
    """The example with a data set (the visits' marks for contact: 8 for two in three
    households, 5 for the others; for safety: 9) and an action list."""
    write_data(project, {"Stationskwartier": [("", "talents")] * households})
    path = project / "data" / "visits.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    for n, row in enumerate(rows):
        row["scale.neighbour_contact"] = "5" if n % 3 == 0 else "8"
        row["scale.safety"] = "9"
    write_table(path, list(rows[0]), rows)
    write_actions_by_status(project, ACTIONS)
    return project


def test_the_report_has_every_perspective_the_figures_and_the_charts(
    project: Path, runner: CliRunner
) -> None:
    full_project(project)
    result = runner.invoke(app, ["evaluation-report", str(project)])
    assert result.exit_code == 0, result.output
    assert "not in the report" not in result.output
    for name in (PDF, DOCX, RESIDENTS):
        assert f"wrote {name}" in result.output and (project / name).is_file()
    text = pdf_text(project / PDF)
    order = ["Het project in cijfers", "perspectief van bewoners", "perspectief van de buurt"]
    order.append("perspectief van professionals")
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)
    assert "30 huishoudens voerden een sociaal gesprek bij 499 woningen: 6%" in text
    assert "Nog niet in deze evaluatie" not in text
    # The actions: the small group is "< 5", and neither its row total nor its column total
    # gives it away.
    assert "< 5" in text and "niet getoond" in text
    assert not re.search(r"Welzijnsvraag 0 < 5 6 0 8", text)
    # The stories a round selected, by perspective; a story never selected is not there.
    assert "Ik ken mijn buren weer" in text and "Eindelijk een droog huis" not in text
    assert text.index("Ik ken mijn buren weer") < text.index("perspectief van de buurt")
    assert "Korte lijnen met het wijkteam" in text  # a professional's story
    assert "Koffie bij de pipowagen" in text  # an activity of the plan
    assert "Ronde 2017" in text and "Ronde 2019" in text and "Fisher" in text
    assert "Avondafspraken waren lastig" in text  # an interim evaluation (stuck)
    # The visits as the baseline of the last round: 20 of 30 gave contact 7 or more; all
    # 30 gave safety 9, so "did not" is 0 there and the comparison can be shown as well.
    assert "De huisbezoeken als nulmeting" in text and "niet dezelfde vraag" in text
    assert "Contact met buren (cijfer 7 of hoger) 67%" in text
    assert pdf_images(project / PDF) == 2  # the rounds chart and the ripple map
    document = docx.Document(io.BytesIO((project / DOCX).read_bytes()))
    assert len(document.inline_shapes) == 2
    words = docx_text(project / DOCX)
    assert "Het perspectief van de buurt" in words and "Ik ken mijn buren weer" in words
    assert "< 5" in words and "{{" not in words and "{%" not in words
    assert "30 huishoudens voerden een sociaal gesprek" in words
    assert "De huisbezoeken als nulmeting" in words and "niet dezelfde vraag" in words
    residents = pdf_text(project / RESIDENTS)
    assert "Wat heeft het project opgeleverd?" in residents
    assert "30 huishoudens praatten met ons" in residents
    assert "Ik ken mijn buren weer" in residents and "Fisher" not in residents
    assert len(PdfReader(project / RESIDENTS).pages) <= 2
    for name in (PDF, RESIDENTS):
        assert "HH-" not in pdf_text(project / name)
    assert "HH-" not in words
    assert not (project / "private" / "staging" / "images").exists()


def test_the_action_table_shows_no_small_group(project: Path) -> None:
    from mdsa.phases.evaluation_report import final_report
    from mdsa.project.folder import load_project

    full_project(project)
    loaded, _ = load_project(project)
    table = final_report(loaded).actions
    assert table is not None and table.withheld >= 2  # the small cell and at least one more
    cells = [cell for row in table.rows for cell in row[1:]]
    assert "< 5" in cells
    for cell in cells:
        assert cell in ("< 5", "niet getoond") or int(cell) == 0 or int(cell) >= K
    # The small cell (welzijnsvraag, in behandeling) cannot be worked out from its row or its
    # column: each has another withheld figure.
    row = next(r[1:] for r in table.rows if r[0] == "Welzijnsvraag")
    column = [r[1 + 1] for r in table.rows]
    assert row[1] == "< 5" and column[1] == "< 5"
    assert sum(c in ("< 5", "niet getoond") for c in row) >= 2
    assert sum(c in ("< 5", "niet getoond") for c in column) >= 2
    assert table.rows[-1][0] == "Totaal" and table.columns[-1] == "Totaal"


def test_a_project_with_only_some_files_says_what_is_missing(
    project: Path, runner: CliRunner
) -> None:
    for name in ("rounds.yaml", "msc.yaml", "actionplan.yaml", "ripples.yaml"):
        (project / name).unlink()
    result = runner.invoke(app, ["evaluation-report", str(project)])
    assert result.exit_code == 0, result.output
    for name in ("rounds.yaml", "msc.yaml", "actionplan.yaml", "ripples.yaml", "data/visits.csv"):
        assert f"not in the report ({name})" in result.output
    assert "not in the report (evaluations.yaml)" not in result.output
    text = pdf_text(project / PDF)
    assert "Nog niet in deze evaluatie" in text
    assert "Er zijn nog geen rondes met de wijkwaardenkaart" in text
    assert "Er is nog geen actieplan" in text and "Er is geen actielijst" in text
    assert "Er zijn nog geen verhalen van de belangrijkste verandering verzameld" in text
    assert "Avondafspraken waren lastig" in text  # what is there is still shown
    assert pdf_images(project / PDF) == 0
    document = docx.Document(io.BytesIO((project / DOCX).read_bytes()))
    assert len(document.inline_shapes) == 0
    assert "Er is nog geen actieplan" in docx_text(project / DOCX)
    residents = pdf_text(project / RESIDENTS)
    assert "Veel bewoners praatten met ons" in residents
    assert "Zodra we twee keer zo" in residents and "ronde hebben gedaan" in residents
    data = json.loads(runner.invoke(app, ["evaluation-report", str(project), "--json"]).output)
    assert "rounds.yaml" in data["missing"] and data["stories"] == 0
    assert data["files"] == [PDF, RESIDENTS, DOCX]


def test_one_round_only_and_a_small_response(project: Path, runner: CliRunner) -> None:
    rounds = (project / "rounds.yaml").read_text(encoding="utf-8")
    (project / "rounds.yaml").write_text(rounds.split("  - name: Ronde 2019")[0], encoding="utf-8")
    write_data(project, {"Stationskwartier": [("", "talents")] * 3})
    result = runner.invoke(app, ["evaluation-report", str(project)])
    assert result.exit_code == 0, result.output
    assert "not in the report (rounds.yaml)" in result.output
    text = pdf_text(project / PDF)
    assert "pas één ronde met de wijkwaardenkaart" in text
    assert "minder dan 5 gesprekken" in text and "3 huishoudens" not in text
    assert pdf_images(project / PDF) == 1  # the ripple map only
    residents = pdf_text(project / RESIDENTS)
    assert "3 huishoudens" not in residents


def test_a_broken_file_stops_the_report_and_nothing_is_published(
    project: Path, runner: CliRunner
) -> None:
    msc = (project / "msc.yaml").read_text(encoding="utf-8")
    (project / "msc.yaml").write_text(
        msc.replace("teller: opbouwwerker", "teller: jan.smit@example.nl"), encoding="utf-8"
    )
    result = runner.invoke(app, ["evaluation-report", str(project)])
    assert result.exit_code == 1
    assert re.search(r"msc\.yaml:\d+", result.output) and "jan.smit" not in result.output
    assert not (project / PDF).exists() and not (project / DOCX).exists()
    (project / "msc.yaml").write_text(msc, encoding="utf-8")
    (project / "rounds.yaml").write_text("values: {}\nrounds: []\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluation-report", str(project)])
    assert result.exit_code == 1 and "rounds.yaml" in result.output


def test_a_phone_number_in_a_ripple_is_not_published(project: Path, runner: CliRunner) -> None:
    ripples = (project / "ripples.yaml").read_text(encoding="utf-8")
    first = re.search(r"title: (.+)", ripples)
    assert first is not None
    (project / "ripples.yaml").write_text(
        ripples.replace(first.group(0), "title: Bel 06-12345678", 1), encoding="utf-8"
    )
    result = runner.invoke(app, ["evaluation-report", str(project)])
    assert result.exit_code == 1
    assert "nothing was published" in result.output and "12345678" not in result.output
    for name in (PDF, DOCX, RESIDENTS):
        assert not (project / name).exists()


def test_a_second_run_replaces_the_documents(project: Path, runner: CliRunner) -> None:
    first = runner.invoke(app, ["evaluation-report", str(project)])
    assert first.exit_code == 0, first.output
    ripples = project / "ripples.yaml"
    ripples.unlink()
    second = runner.invoke(app, ["evaluation-report", str(project)])
    assert second.exit_code == 0, second.output
    assert "not in the report (ripples.yaml)" in second.output
    assert "Er zijn nog geen rimpelingen in kaart gebracht" in pdf_text(project / PDF)
    assert list((project / "output").glob("*.tmp")) == []
