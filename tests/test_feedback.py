"""`mdsa feedback`: the newsletter to every resident, figures of at least min_group_size only."""

from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from mdsa.cli import app
from mdsa.phases.actions import COLUMNS
from mdsa.privacy.dataset import MULTI_SEPARATOR, NOT_ANSWERED, write_table

K = 5  # min_group_size of the Spoorbuurt example
PDF = "output/terugkoppeling.pdf"
HTML = "output/terugkoppeling.html"
VISIT_COLUMNS = ["household", "subarea", "visit_month", "age_group", "cards", "incomplete"]
BLOCK_COLUMNS = ["household", "subarea", "visit_month", "category", "cards", "text"]


def write_data(folder: Path, plan: dict[str, list[tuple[str, str]]]) -> None:
    """data/visits.csv and data/text_blocks.csv: per subarea a list of (cards, category)."""
    visits, blocks = [], []
    for subarea, rows in plan.items():
        for n, (cards, category) in enumerate(rows):
            household = f"HH-{subarea[:3].upper()}{n:04d}"
            marked = cards.replace(";", MULTI_SEPARATOR) or NOT_ANSWERED
            visits.append(
                {
                    "household": household,
                    "subarea": subarea,
                    "visit_month": "2016-10",
                    "age_group": "45_64",
                    "cards": marked,
                    "incomplete": "no",
                }
            )
            for one in category.split(";"):
                blocks.append(
                    {
                        "household": household,
                        "subarea": subarea,
                        "visit_month": "2016-10",
                        "category": one,
                        "cards": marked,
                        "text": "Een verhaal over de buurt",
                    }
                )
    (folder / "data").mkdir(exist_ok=True)
    write_table(folder / "data" / "visits.csv", VISIT_COLUMNS, visits)
    write_table(folder / "data" / "text_blocks.csv", BLOCK_COLUMNS, blocks)


def write_actions(folder: Path, kinds: dict[str, int]) -> None:
    write_actions_by_status(folder, {(kind, "open"): count for kind, count in kinds.items()})


def write_actions_by_status(folder: Path, counts: dict[tuple[str, str], int]) -> None:
    """private/actions.csv with ``count`` actions of each (type, status)."""
    rows = []
    for (kind, status), count in counts.items():
        for _ in range(count):
            n = len(rows) + 1
            rows.append(
                {
                    "id": str(n),
                    "type": kind,
                    "household": f"HH-STA{n:04d}",
                    "subarea": "Stationskwartier",
                    "owner": "",
                    "status": status,
                    "visit": f"V-{n:08d}",
                    "created": "2016-10-10",
                }
            )
    with (folder / "private" / "actions.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, restval="")
        writer.writeheader()
        writer.writerows(rows)


# Conversations that go well, and some that tell what could be better.
PLAN = {
    "Stationskwartier": [("affiliation;nature", "person_opportunities")] * 8
    + [("safety", "environment_obstacles")] * 6
    + [("control", "environment_obstacles")] * 2,  # a card chosen twice: not named
    "Seinhuisbuurt": [("affiliation;play", "environment_opportunities;person_obstacles")] * 7,
    "Emplacement": [("health", "talents")] * 6,
}


def run(runner: CliRunner, folder: Path, *args: str) -> object:
    return runner.invoke(app, ["feedback", str(folder), *args])


def pdf_text(folder: Path) -> tuple[int, str]:
    pages = PdfReader(folder / PDF).pages
    return len(pages), " ".join(" ".join(p.extract_text() for p in pages).split())


def html_text(folder: Path) -> str:
    """The page's text as a reader sees it (tags and entities gone, one space between words)."""
    page = (folder / HTML).read_text(encoding="utf-8")
    assert "http" not in page  # self-contained: nothing fetched from elsewhere
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split()).replace(" .", ".")


@pytest.fixture
def project(example: Callable[[str], Path], runner: CliRunner) -> Path:
    folder = example("spoorbuurt")
    write_data(folder, PLAN)
    result = runner.invoke(app, ["aggregate", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def test_newsletter_names_only_themes_and_follow_up_of_at_least_k(
    project: Path, runner: CliRunner
) -> None:
    write_actions(
        project,
        {
            "housing_question": 7,
            "care_signal": 2,
            "participation_chance": 5,
            "wellbeing_question": 1,
        },
    )
    result = run(runner, project)
    assert result.exit_code == 0, result.output
    assert "wrote output/terugkoppeling.pdf" in result.output
    pages, text = pdf_text(project)
    assert 1 <= pages <= 2
    html = html_text(project)
    for shown in (text, html):
        assert "29 huishoudens voerden een gesprek" in shown  # 16 + 7 + 6 households
        assert "6% van de 499 woningen" in shown
        # What residents value comes before what could be better.
        assert shown.index("Wat bewoners waarderen") < shown.index("Wat volgens bewoners beter kan")
        valued = shown[shown.index("Wat bewoners waarderen") : shown.index("beter kan")]
        assert "Contact met anderen" in valued and "Natuur en dieren" in valued
        assert "Gezondheid" in valued  # the talents of Emplacement
        better = shown[shown.index("beter kan") : shown.index("Wat we met uw vragen")]
        assert "Contact met anderen" in better and "Ontspanning en spel" in better
        assert "Invloed op je omgeving" not in shown  # chosen by 2 only
        # Safety (6) is withheld by the aggregate too: with the total it would give away the 2.
        assert "Veiligheid" not in shown
        assert "7 keer vragen over de woning" in shown
        assert "5 keer bewoners die iets willen doen" in shown
        # Two care signals and one wellbeing question: not named, and not counted anywhere.
        assert "hulp of ondersteuning" not in shown
        assert "vragen over welzijn" not in shown
        assert "een paar andere vragen" in shown
        assert "Zorgsignaal" not in shown and "zorgsignaal" not in shown
        assert "juli 2017 tot en met december 2017" in shown  # phase 3 from mdsa.yaml
        assert "Nieuwsbrief Spoorbuurt (elke zes weken)" in shown  # communication.yaml
        assert "Projectteamoverleg" not in shown  # not a channel for residents
    assert not (project / "private" / "staging" / "feedback").exists()


def test_one_visit_project_suppresses_everything_and_still_reads_well(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    folder = example("spoorbuurt")
    write_data(folder, {"Stationskwartier": [("life;health", "person_obstacles;talents")]})
    assert runner.invoke(app, ["aggregate", str(folder)]).exit_code == 0
    write_actions(folder, {"care_signal": 1})
    result = run(runner, folder, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["households"] is None and data["percent"] is None
    assert data["valued"] == [] and data["better"] == [] and data["actions"] == []
    pages, text = pdf_text(folder)
    assert pages == 1
    for shown in (text, html_text(folder)):
        assert "nog maar weinig gesprekken" in shown
        assert "1 huishoudens" not in shown
        assert "te weinig gesprekken om onderwerpen apart te noemen" in shown
        assert "Leven" not in shown and "Gezondheid" not in shown
        assert "hulp of ondersteuning" not in shown
        assert "zo weinig dat we ze hier niet apart noemen" in shown
        assert "Hoe gaat het verder?" in shown


def test_no_action_list_and_no_aggregate_yet(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    folder = example("spoorbuurt")
    write_data(folder, PLAN)  # no mdsa aggregate, no mdsa actions create
    result = run(runner, folder)
    assert result.exit_code == 0, result.output
    _, text = pdf_text(folder)
    assert "29 huishoudens" in text
    assert "in een volgende nieuwsbrief leest u welke onderwerpen" in text
    assert "In een volgende nieuwsbrief leest u wat dat heeft opgeleverd" in text
    assert "keer" not in text


def test_without_a_data_set_it_says_what_to_run(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    folder = example("spoorbuurt")
    result = run(runner, folder)
    assert result.exit_code == 1
    assert "data/visits.csv" in result.output and "mdsa anonymise" in result.output
    assert not (folder / PDF).exists()


def test_a_broken_aggregate_is_named_with_its_line(project: Path, runner: CliRunner) -> None:
    (project / "output" / "aggregate.json").write_text('{\n  "texts": [\n', encoding="utf-8")
    result = run(runner, project)
    assert result.exit_code == 1
    assert "output/aggregate.json" in result.output and "not valid JSON" in result.output
    assert "mdsa aggregate" in result.output
    (project / "output" / "aggregate.json").write_text('{"visits": 3}', encoding="utf-8")
    result = run(runner, project)
    assert result.exit_code == 1
    assert "not an aggregate of mdsa" in result.output


def test_a_broken_action_list_stops_it(project: Path, runner: CliRunner) -> None:
    (project / "private" / "actions.csv").write_text(
        ",".join(COLUMNS) + "\n1,no_such_kind,HH-1,,,,open,,,V-1,2016-10-10\n", encoding="utf-8"
    )
    result = run(runner, project)
    assert result.exit_code == 1
    assert "private/actions.csv" in result.output and "mdsa validate" in result.output
    assert not (project / PDF).exists()


def test_a_leak_in_an_override_is_not_published(project: Path, runner: CliRunner) -> None:
    run(runner, project)
    before = (project / HTML).read_bytes()
    templates = project / "templates"
    templates.mkdir()
    (templates / "feedback-newsletter.html").write_text(
        '{% extends "default/feedback-newsletter.html" %}'
        "{% block content %}{{ super() }}<p>Bel Jan Jansen: 06-12345678</p>{% endblock %}",
        encoding="utf-8",
    )
    result = run(runner, project)
    assert result.exit_code == 1
    assert "nothing was published" in result.output
    assert "private/staging/feedback" in result.output
    assert "12345678" not in result.output
    assert (project / HTML).read_bytes() == before  # the published one is left as it was


def test_the_project_may_replace_the_printed_newsletter(project: Path, runner: CliRunner) -> None:
    templates = project / "templates"
    templates.mkdir()
    (templates / "feedback-newsletter.typ").write_text(
        '#set text(font: "Source Sans Pro")\nNieuws voor de {{ project.neighbourhood }}: '
        "{{ feedback.households }} gesprekken.\n",
        encoding="utf-8",
    )
    result = run(runner, project)
    assert result.exit_code == 0, result.output
    pages, text = pdf_text(project)
    assert pages == 1 and "Nieuws voor de Spoorbuurt: 29 gesprekken." in text
    assert "Wat bewoners waarderen" in html_text(project)  # the page is still the built-in one


def test_a_kind_with_a_few_declined_follow_ups_is_not_counted(
    project: Path, runner: CliRunner
) -> None:
    """The letter counts what residents did not decline; the final report shows each kind's
    total. For a kind with 2 declined, the two figures together would give away those 2, so
    the letter leaves that kind out; with none declined, or k or more, it is counted."""
    write_actions_by_status(
        project,
        {
            ("housing_question", "open"): 7,
            ("housing_question", "declined"): 2,
            ("participation_chance", "done"): 6,
            ("participation_chance", "declined"): 5,
            ("wellbeing_question", "in_progress"): 5,
        },
    )
    result = run(runner, project)
    assert result.exit_code == 0, result.output
    _, text = pdf_text(project)
    for shown in (text, html_text(project)):
        assert "vragen over de woning" not in shown and "7 keer" not in shown
        assert "6 keer bewoners die iets willen doen" in shown
        assert "5 keer vragen over welzijn" in shown
        assert "een paar andere vragen" in shown
