"""Phase 4: ``mdsa plan`` checks actionplan.yaml against the themes and the renovation."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from mdsa.cli import app
from mdsa.phases.connecting import check_plan, load_plan, make_plan, status
from mdsa.phases.findings import Findings, Theme
from mdsa.project.folder import load_project
from mdsa.report import Report

ONE = """\
places:
  - {name: Bankje, meaning: ontmoeten}
activities:
  - name: Wandelgroep
    goal: samen bewegen
    kind: collective_activity
    themes: [Eenzaamheid]
    place: Bankje
    streets: [Remiseweg]
    owner: opbouwwerker
    start: 2018-03-05
    end: 2018-03-30
    status: planned
"""


def theme(name: str) -> Theme:
    return Theme(name, "social_cohesion", ("person_obstacles",), 9, 7, ("Emplacement",))


FINDINGS = Findings(
    themes=(theme("Eenzaamheid"), theme("Geldzorgen"), theme("Behulpzame buren")),
    top_promising=("Behulpzame buren",),
    top_concerns=("Eenzaamheid", "Geldzorgen"),
)


def project_with(root: Path, plan: str | None, renovation: str | None = None) -> Path:
    if plan is not None:
        (root / "actionplan.yaml").write_text(plan, encoding="utf-8")
    if renovation is not None:
        (root / "renovation.yaml").write_text(renovation, encoding="utf-8")
    return root


def run_check(root: Path, findings: Findings | None = FINDINGS) -> Report:
    project, _ = load_project(root)
    report = Report()
    check_plan(project, load_plan(project, report), findings, report)
    return report


def codes(report: Report) -> list[str]:
    return [i.code for i in report.sorted()]


def test_the_spoorbuurt_plan_is_valid_and_its_tracker_is_written(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    root = example("spoorbuurt")
    result = runner.invoke(app, ["plan", str(root)])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert "no themes from phase 3 yet" in result.output
    assert "Zomerdag Remiseweg" in result.output and "[renovation-clash]" in result.output
    sheet = load_workbook(root / "output" / "actieplan-voortgang.xlsx")["Activiteiten"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    names = [r[0] for r in rows if r[0] and r[1]]
    assert "Wekelijkse wandelgroep" in names and len(names) == 7
    clash = next(r for r in rows if r[0] == "Zomerdag Remiseweg")
    assert clash[16] == "ja"


def test_a_clean_plan_with_themes_reports_the_unanswered_concern(
    example: Callable[[str], Path],
) -> None:
    project, _ = load_project(project_with(example("spoorbuurt"), ONE, ""))
    result = make_plan(project, FINDINGS)
    assert result.check.report.ok, result.check.report.to_dict()
    assert result.check.unanswered_concerns == ["Geldzorgen"]
    assert result.check.unanswered_promising == ["Behulpzame buren"]
    assert codes(result.check.report) == ["concern-without-activity"]
    workbook = load_workbook(result.files[0])
    gaps = list(workbook["Zonder activiteit"].iter_rows(min_row=3, values_only=True))
    assert ("Geldzorgen", "zorgpunt") in gaps


def test_bad_inputs_are_named_by_file_and_line(example: Callable[[str], Path]) -> None:
    bad = (
        ONE.replace("collective_activity", "barbecue")
        + """\
  - name: Taalmaatjes
    goal: oefenen
    kind: personal_connection
    themes: [Eenzaamheidd]
    place: Buurthuis
    owner: opbouwwerker
    start: 2018-05-01
    end: 2018-04-01
  - name: Zonder thema
    goal: iets
    kind: physical_change
    owner: gemeente
    start: 2018-06-01
"""
    )
    report = run_check(project_with(example("spoorbuurt"), bad))
    found = {(i.code, i.line) for i in report.issues}
    assert ("invalid-choice", 6) in found  # unknown kind
    assert ("dates-out-of-order", 21) in found
    assert ("unknown-place", 18) in found
    assert ("unknown-theme", 17) in found
    hint = next(i.hint for i in report.issues if i.code == "unknown-theme")
    assert hint == "did you mean 'Eenzaamheid'?"


def test_a_date_that_does_not_exist_is_named_by_its_line(example: Callable[[str], Path]) -> None:
    report = run_check(project_with(example("spoorbuurt"), ONE.replace("2018-03-30", "2018-13-01")))
    assert [(i.code, i.file, i.line) for i in report.issues] == [
        ("invalid-value", "actionplan.yaml", 12)
    ]


def test_an_activity_without_a_theme_is_a_warning(example: Callable[[str], Path]) -> None:
    plan = ONE.replace("    themes: [Eenzaamheid]\n", "")
    root = project_with(example("spoorbuurt"), plan)
    report = run_check(root)
    assert report.ok
    assert "activity-without-theme" in codes(report)
    assert codes(run_check(root, None)) == []  # no themes yet: no theme checks


def test_an_iso_week_that_does_not_exist_is_an_error(example: Callable[[str], Path]) -> None:
    renovation = "blocks:\n  - {name: A, streets: [Remiseweg], start: 2018-W60, end: 2018-W61}\n"
    report = run_check(project_with(example("spoorbuurt"), ONE, renovation))
    assert "invalid-value" in codes(report)
    assert report.issues[0].file == "renovation.yaml" and report.issues[0].line == 2


def test_an_activity_in_the_renovation_weeks_of_its_street_is_warned(
    example: Callable[[str], Path],
) -> None:
    renovation = (
        "blocks:\n"
        "  - {name: REM-1, streets: [remiseweg], start: 2018-W12, end: 2018-W13}\n"
        "  - {name: PER-1, streets: [Perronstraat], start: 2018-W12, end: 2018-W13}\n"
        "  - {name: REM-2, streets: [Remiseweg], start: 2018-W20, end: 2018-W21}\n"
    )
    root = project_with(example("spoorbuurt"), ONE, renovation)
    report = run_check(root)
    clashes = [i for i in report.issues if i.code == "renovation-clash"]
    assert len(clashes) == 1 and "REM-1" in clashes[0].message
    facts = status(load_project(root)[0]).facts
    assert any("clash" in f and "REM-1" in f for f in facts)
    assert any(f.startswith("1 activities: 1 gepland") for f in facts)


def test_a_yaml_alias_bomb_is_refused(example: Callable[[str], Path], runner: CliRunner) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefgh":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 10) + "]\n"
    root = project_with(example("spoorbuurt"), bomb)
    result = runner.invoke(app, ["plan", str(root), "--json"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    data = json.loads(result.stdout)
    assert [i["code"] for i in data["issues"]] == ["yaml-aliases"]
    assert not (root / "output" / "actieplan-voortgang.xlsx").exists()


def test_without_a_plan_the_command_says_so(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    root = example("lankforst")
    (root / "actionplan.yaml").unlink()
    result = runner.invoke(app, ["plan", str(root)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "actionplan.yaml" in result.output and "[missing-file]" in result.output
    assert status(load_project(root)[0]).state == "not_started"


def test_the_timeline_draws_the_phases_and_the_blocks(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    root = example("spoorbuurt")
    result = runner.invoke(app, ["timeline", str(root)])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert "5 phases and 24 renovation blocks" in result.output
    assert (root / "output" / "planning.png").read_bytes().startswith(b"\x89PNG")
    svg = (root / "output" / "planning.svg").read_text(encoding="utf-8")
    assert "Fase 4 Sociaal verbinden" in svg and "Renovatie REM-2" in svg


def test_the_timeline_without_renovation_or_plan(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    root = example("lankforst")
    (root / "actionplan.yaml").unlink()
    (root / "renovation.yaml").unlink()
    result = runner.invoke(app, ["timeline", str(root)])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert "5 phases and 0 renovation blocks" in result.output


def test_places_lists_what_each_place_means_and_which_activities_use_it(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    root = example("spoorbuurt")
    result = runner.invoke(app, ["places", str(root), "--json"])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    found = {p["name"]: p for p in json.loads(result.stdout)["places"]}
    assert found["Pipowagen"]["activities"] == ["Koffie bij de pipowagen"]
    assert found["Buurthuis De Wissel"]["activities"] == []
    sheet = load_workbook(root / "output" / "plekken.xlsx")["Plekken"]
    assert ("Buurthuis De Wissel", "(nog geen)") in {
        (r[0], r[4]) for r in sheet.iter_rows(min_row=3, values_only=True)
    }
    text = runner.invoke(app, ["places", str(root)])
    assert text.exit_code == 0 and "Achterpaden" in text.output


def test_the_residents_overview_is_one_dutch_page(example: Callable[[str], Path]) -> None:
    from pypdf import PdfReader

    project, _ = load_project(example("spoorbuurt"))
    result = make_plan(project, None)
    pdf = next(p for p in result.files if p.name == "actieplan-bewoners.pdf")
    pages = PdfReader(pdf).pages
    assert len(pages) == 1
    text = pages[0].extract_text()
    assert "Wat we samen gaan doen" in text and "Wekelijkse wandelgroep" in text
    assert "Achterpaden schoon" not in text  # done: not shown to residents


def test_the_partners_plan_marks_the_top5_themes_without_an_activity(
    example: Callable[[str], Path],
) -> None:
    from pypdf import PdfReader

    project, _ = load_project(project_with(example("spoorbuurt"), ONE))
    result = make_plan(project, FINDINGS)
    pdf = next(p for p in result.files if p.name == "actieplan.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Geldzorgen" in text and "nog geen activiteit" in text
    assert "Behulpzame buren" in text and "kansrijk signaal" in text
    assert "Wandelgroep" in text


def docx_cells(path: Path) -> list[list[list[str]]]:
    """Every table of a Word document as rows of cell texts."""
    import docx

    tables = docx.Document(str(path)).tables
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in tables]


def test_the_partners_docx_has_every_activity_and_the_gaps_marked(
    example: Callable[[str], Path],
) -> None:
    import docx

    plan = ONE + (
        "  - name: Buren koppelen\n"
        "    goal: hulp vinden & bieden\n"
        "    kind: personal_connection\n"
        "    themes: [Behulpzame buren]\n"
        "    owner: opbouwwerker\n"
        "    budget: 1250\n"
        "    start: 2018-04-02\n"
    )
    renovation = "blocks:\n  - {name: REM-1, streets: [Remiseweg], start: 2018-W12, end: 2018-W13}"
    project, _ = load_project(project_with(example("spoorbuurt"), plan, renovation))
    result = make_plan(project, FINDINGS)
    assert result.check.report.ok, result.check.report.to_dict()
    path = next(p for p in result.files if p.name == "actieplan.docx")
    document = docx.Document(str(path))
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Actieplan sociaal verbinden" in text
    assert "2 activiteiten · 0 uur · € 1.250 budget" in text
    coverage, activities = docx_cells(path)
    assert coverage[0] == ["Thema (top 5)", "Soort", "Activiteiten die het beantwoorden"]
    assert coverage[1:] == [
        ["Eenzaamheid", "zorgpunt", "Wandelgroep"],
        ["Geldzorgen", "zorgpunt", "nog geen activiteit"],
        ["Behulpzame buren", "kansrijk signaal", "Buren koppelen"],
    ]
    gap = document.tables[0].rows[2].cells[2]._tc.xml
    assert 'w:fill="F8CBAD"' in gap  # the gap is coloured, as in the PDF
    assert 'w:fill="F8CBAD"' not in document.tables[0].rows[1].cells[2]._tc.xml
    assert [row[0] for row in activities] == ["Activiteit", "Wandelgroep", "Buren koppelen"]
    rows = document.tables[1].rows
    assert "w:tblHeader" in rows[0]._tr.xml  # repeated on every page
    assert all("w:cantSplit" in row._tr.xml for row in rows[1:])  # never split over two
    walk, pair = activities[1], activities[2]
    assert walk[1] == "Collectieve activiteit" and walk[4] == "Bankje"
    assert walk[8].startswith("5 maart 2018 tot 30 maart 2018") and "(renovatie!)" in walk[8]
    assert pair[2] == "hulp vinden & bieden" and pair[7] == "1.250"
    assert "(renovatie!)" not in pair[8]
    footer = document.sections[0].footer.paragraphs[0].text
    assert "Actieplan sociaal verbinden, versie" in footer
    assert len(document.inline_shapes) == 1  # the planning chart, on a page of its own
    assert "Planning" in text


def test_the_partners_plan_shows_the_activities_against_the_renovation(
    example: Callable[[str], Path],
) -> None:
    from pypdf import PdfReader

    project, _ = load_project(example("spoorbuurt"))
    result = make_plan(project, None)
    chart = project.root / "output" / "charts" / "actieplan-planning.png"
    assert chart in result.files and chart.read_bytes().startswith(b"\x89PNG")
    pages = PdfReader(project.root / "output" / "actieplan.pdf").pages
    assert len(pages) == 2 and "Planning" in (pages[1].extract_text() or "")
    assert pages[1].images  # the chart is in the PDF, not only beside it
    empty = project_with(example("lankforst"), "activities: []\n")
    lankforst, _ = load_project(empty)
    result = make_plan(lankforst, None)
    assert not (empty / "output" / "charts" / "actieplan-planning.png").exists()
    assert len(PdfReader(empty / "output" / "actieplan.pdf").pages) == 1


def test_a_plan_refused_by_the_scan_leaves_no_chart_in_output(
    example: Callable[[str], Path],
) -> None:
    """The planning chart goes into output/ with the partners' plan, after its check, never
    before: a refused plan leaves output/ without it."""
    from mdsa.errors import PrivacyError

    root = example("spoorbuurt")
    plan = (root / "actionplan.yaml").read_text(encoding="utf-8")
    leaky = plan.replace(
        "owner: bewonersprojectgroep", "owner: bewonersprojectgroep, bel 06-48213377", 1
    )
    assert leaky != plan
    project, _ = load_project(project_with(root, leaky))
    with pytest.raises(PrivacyError) as refused:
        make_plan(project, None)
    assert "actieplan.pdf" in str(refused.value) and "48213377" not in str(refused.value)
    assert not (root / "output" / "charts" / "actieplan-planning.png").exists()
    assert not (root / "output" / "actieplan.pdf").exists()
    assert not (root / "private" / "staging" / "actieplan").exists()


def test_before_phase_3_the_partners_docx_says_there_are_no_themes_yet(
    example: Callable[[str], Path],
) -> None:
    import docx

    project, _ = load_project(example("spoorbuurt"))
    result = make_plan(project, None)
    path = next(p for p in result.files if p.name == "actieplan.docx")
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "Er zijn nog geen thema's uit fase 3" in text
    (activities,) = docx_cells(path)  # only the table of activities
    assert len(activities) == 1 + 7
