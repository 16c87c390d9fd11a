"""Phase 5: `mdsa evaluate`, `mdsa ripples` and `mdsa msc` on the Spoorbuurt example and on
broken files."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from mdsa.cli import app


@pytest.fixture
def project(example: Callable[[str], Path]) -> Path:
    return example("spoorbuurt")


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def test_evaluate_lists_the_phases_without_an_evaluation_and_writes_the_summary(
    project: Path, runner: CliRunner
) -> None:
    result = runner.invoke(app, ["evaluate", str(project)])
    assert result.exit_code == 0, result.output
    assert "2 Huisbezoeken: evaluated" in result.output
    assert "4 Sociaal verbinden: NO interim evaluation" in result.output
    text = pdf_text(project / "output" / "evaluaties-2017.pdf")
    assert "Evaluaties 2017" in text and "Nog niet geëvalueerd: 4 Sociaal verbinden" in text
    assert "Avondafspraken waren lastig" in text  # stuck, visits
    assert "1 Voorbereiding" not in text  # evaluated in 2016
    page = (project / "output" / "evaluaties-2017.html").read_text(encoding="utf-8")
    assert "Liep vast" in page and "http" not in page
    # The same summary as an editable Word document.
    document = docx.Document(str(project / "output" / "evaluaties-2017.docx"))
    words = " ".join(p.text for p in document.paragraphs)
    assert "Evaluaties 2017" in words and "Nog niet geëvalueerd: 4 Sociaal verbinden" in words
    assert "Avondafspraken waren lastig" in words and "1 Voorbereiding" not in words
    assert "{{" not in words and "{%" not in words
    result = runner.invoke(app, ["evaluate", str(project), "--year", "2016", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["year"] == 2016 and data["missing"] == ["connecting"]
    result = runner.invoke(app, ["evaluate", str(project), "--year", "2020"])
    assert result.exit_code == 1
    assert "no evaluation in 2020 (it has 2016, 2017)" in result.output


def test_evaluate_without_a_file_lists_every_ended_phase(project: Path, runner: CliRunner) -> None:
    (project / "evaluations.yaml").unlink()
    result = runner.invoke(app, ["evaluate", str(project)])
    assert result.exit_code == 0, result.output
    assert result.output.count("NO interim evaluation") == 4  # phases 1 to 4
    assert "no summary was made" in result.output


def test_a_broken_evaluations_file_is_named_with_its_line(project: Path, runner: CliRunner) -> None:
    write(
        project,
        "evaluations.yaml",
        "evaluations:\n  - phase: visits\n    date: 2017-07-10\n    participants: [team]\n"
        "    went_wel: [x]\n  - phase: picnic\n    date: 2017-12-18\n    participants: []\n",
    )
    result = runner.invoke(app, ["evaluate", str(project)])
    assert result.exit_code == 1
    assert "evaluations.yaml:5" in result.output and "did you mean 'went_well'" in result.output
    assert "evaluations.yaml:6" in result.output  # the phase that does not exist
    assert "evaluations.yaml:8" in result.output  # nobody took part
    assert not (project / "output").exists()


def test_an_alias_bomb_is_refused(project: Path, runner: CliRunner) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 8)]
    write(project, "ripples.yaml", "\n".join(lines) + "\n")
    result = runner.invoke(app, ["ripples", str(project)])
    assert result.exit_code == 1
    assert "ripples.yaml" in result.output


def test_ripples_draws_the_map_and_the_table(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["ripples", str(project), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["per_level"] == {"direct": 4, "indirect": 4, "lasting": 3}
    assert data["links"] == 9
    out = project / "output"
    svg = (out / "rimpelingen.svg").read_text(encoding="utf-8")
    for text in ("Blijvend", "Indirect", "Direct", "kwetsbaarheid"):
        assert text in svg
    assert (out / "rimpelingen.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (out / "rimpelingen.pdf").read_bytes()[:5] == b"%PDF-"
    page = (out / "rimpelingen.html").read_text(encoding="utf-8")
    assert "<svg" in page and "Kwam voort uit" in page
    # The table names where the working group came from.
    row = re.search(r"Werkgroep psychische kwetsbaarheid.*?</tr>", page, re.S)
    assert row and "Project tegen eenzaamheid" in row[0]
    assert not re.search(r'(src|href)="https?:', page)  # nothing fetched from elsewhere


@pytest.mark.parametrize(
    ("ripples", "expected"),
    [
        (
            "  - {id: a, level: direct, title: A}\n  - {id: b, level: indirect, title: B, "
            "came_from: [a, zz]}\n",
            ["ripples.yaml:3", "'zz', which is not in the file"],
        ),
        (
            "  - {id: a, level: lasting, title: A}\n  - {id: b, level: direct, title: B, "
            "came_from: [a]}\n",
            ["ripples.yaml:3", "which lies further out"],
        ),
        (
            "  - {id: a, level: direct, title: A, came_from: [b]}\n"
            "  - {id: b, level: direct, title: B, came_from: [a]}\n",
            ["in a circle"],
        ),
        (
            "  - {id: a, level: direct, title: A}\n  - {id: a, level: direct, title: B}\n",
            ["ripples.yaml:3", "used twice"],
        ),
        (
            "  - {id: a, level: far, title: A}\n",
            ["ripples.yaml:2", "'direct', 'indirect' or 'lasting'"],
        ),
    ],
)
def test_bad_ripples_are_named_and_nothing_is_drawn(
    project: Path, runner: CliRunner, ripples: str, expected: list[str]
) -> None:
    write(project, "ripples.yaml", "ripples:\n" + ripples)
    result = runner.invoke(app, ["ripples", str(project)])
    assert result.exit_code == 1
    for text in expected:
        assert text in result.output
    assert not (project / "output" / "rimpelingen.svg").exists()


def test_a_ripple_with_a_phone_number_is_not_published(project: Path, runner: CliRunner) -> None:
    write(
        project,
        "ripples.yaml",
        "ripples:\n  - {id: a, level: direct, title: 'Bel 06-12345678 voor de moestuin'}\n",
    )
    result = runner.invoke(app, ["ripples", str(project)])
    assert result.exit_code == 1
    assert "nothing was published" in result.output and "12345678" not in result.output
    assert not (project / "output" / "rimpelingen.png").exists()


def test_msc_renders_the_selected_stories_by_perspective(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["msc", str(project)])
    assert result.exit_code == 0, result.output
    assert "5 story(ies), 4 selected" in result.output
    text = pdf_text(project / "output" / "verhalen.pdf")
    assert text.index("Bewoners") < text.index("De buurt") < text.index("Professionals")
    assert "Ik ken mijn buren weer" in text and "Korte lijnen met het wijkteam" in text
    assert "Eindelijk een droog huis" not in text  # collected, never selected
    assert "Ronde 2, stuurgroep: Het doel van het project" in text
    page = (project / "output" / "verhalen.html").read_text(encoding="utf-8")
    assert "Ik ken mijn buren weer" in page and "Eindelijk een droog huis" not in page


def test_msc_scrubs_the_stories_and_refuses_a_name_as_teller(
    project: Path, runner: CliRunner
) -> None:
    msc = (project / "msc.yaml").read_text(encoding="utf-8")
    write(
        project,
        "msc.yaml",
        msc.replace("wie er naast me woont.", "wie er naast me woont, bel me op 06-12345678."),
    )
    result = runner.invoke(app, ["msc", str(project)])
    assert result.exit_code == 0, result.output
    assert "changed 1 of them" in result.output
    text = pdf_text(project / "output" / "verhalen.pdf")
    assert "12345678" not in text and "[TELEFOON-1]" in text
    write(project, "msc.yaml", msc.replace("teller: opbouwwerker", "teller: jan.smit@example.nl"))
    result = runner.invoke(app, ["msc", str(project)])
    assert result.exit_code == 1
    assert "the teller looks like a name" in result.output and re.search(
        r"msc\.yaml:\d+", result.output
    )
    assert "jan.smit" not in result.output


def test_msc_names_a_round_that_selects_an_unknown_story(project: Path, runner: CliRunner) -> None:
    msc = (project / "msc.yaml").read_text(encoding="utf-8")
    write(project, "msc.yaml", msc.replace("- story: v4", "- story: v9"))
    result = runner.invoke(app, ["msc", str(project)])
    assert result.exit_code == 1
    assert "msc.yaml:65" in result.output and "'v9', which is not in the file" in result.output
    assert not (project / "output" / "verhalen.pdf").exists()


def test_status_shows_phase_5_under_way(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["status", str(project), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    phases = data["phases"] if isinstance(data, dict) else data
    evaluation = next(p for p in phases if p["phase"] == "evaluation")
    assert evaluation["state"] == "in_progress"
    facts = " ".join(evaluation["facts"])
    assert "3 interim evaluation(s)" in facts and "connecting" in facts
    assert "11 ripple(s)" in facts and "5 story(ies), 4 selected" in facts
    assert "2 round(s) of values cards" in facts


def write_round(folder: Path, name: str, rows: list[tuple[str, str]]) -> None:
    """rows: (subarea, codes chosen separated by spaces)."""
    codes = ["contact", "veilig", "groen", "schoon", "voorzieningen", "samen", "rust"]
    lines = ["subarea," + ",".join(codes)]
    for subarea, chosen in rows:
        lines.append(subarea + "," + ",".join("1" if c in chosen.split() else "" for c in codes))
    (folder / "rounds" / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_rounds_compare_tests_the_change_and_hides_small_groups(
    project: Path, runner: CliRunner
) -> None:
    # 2017: 20 in Stationskwartier (4 chose contact: a small count), 10 in Emplacement.
    write_round(
        project,
        "ronde-2017.csv",
        [("Stationskwartier", "contact groen")] * 4
        + [("Stationskwartier", "groen")] * 16
        + [("Emplacement", "contact")] * 5
        + [("Emplacement", "")] * 5,
    )
    write_round(
        project,
        "ronde-2019.csv",
        [("Stationskwartier", "contact groen")] * 15
        + [("Stationskwartier", "groen")] * 5
        + [("Emplacement", "contact")] * 9
        + [("Emplacement", "rust")] * 3,  # 3 only: rust is not shown anywhere
    )
    result = runner.invoke(app, ["rounds", "compare", str(project), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["participants"] == {"Ronde 2017": 30, "Ronde 2019": 32}
    values = {v["code"]: v for v in data["values"]}
    contact = values["contact"]
    # The whole neighbourhood: 9 of 30 against 24 of 32; Fisher's exact test.
    whole = contact["cells"][0]
    assert (whole["c1"], whole["n1"], whole["c2"], whole["n2"]) == (9, 30, 24, 32)
    from scipy.stats import fisher_exact

    assert whole["p_value"] == round(float(fisher_exact([[9, 21], [24, 8]])[1]), 4)
    assert whole["verdict"] == "waarschijnlijk meer dan toeval"
    # Stationskwartier's 4 in 2017 is a small group: no subarea is shown for contact.
    assert len(contact["cells"]) == 1 and contact["subareas_withheld"]
    assert values["rust"]["withheld"] and values["rust"]["cells"] == []
    page = (project / "output" / "rondes-vergelijking.html").read_text(encoding="utf-8")
    assert "geen bewijs" in page and "Fisher" in page
    assert (project / "output" / "charts" / "rondes-vergelijking.png").is_file()
    # The terminal says the same, with the caveat.
    result = runner.invoke(app, ["rounds", "compare", str(project)])
    assert result.exit_code == 0, result.output
    assert "Contact met buren / Hele buurt: 30% -> 75%" in result.output
    assert "Rust: not shown" in result.output and "geen bewijs" in result.output


def test_rounds_compare_on_the_example(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["rounds", "compare", str(project), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["first"] == "Ronde 2017" and data["second"] == "Ronde 2019"
    for value in data["values"]:
        for cell in value["cells"]:
            for count in (cell["c1"], cell["n1"] - cell["c1"], cell["c2"], cell["n2"] - cell["c2"]):
                assert count == 0 or count >= 5


def test_rounds_compare_names_bad_input(project: Path, runner: CliRunner) -> None:
    path = project / "rounds" / "ronde-2019.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("subarea,contact", "subarea,kontakt", 1), encoding="utf-8")
    result = runner.invoke(app, ["rounds", "compare", str(project)])
    assert result.exit_code == 1
    assert "rounds/ronde-2019.csv:1" in result.output and "'kontakt'" in result.output
    lines = text.splitlines()
    lines[3] = lines[3].split(",", 1)[0] + ",misschien" + "," * 6
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["rounds", "compare", str(project)])
    assert result.exit_code == 1
    assert "rounds/ronde-2019.csv:4" in result.output and "contact" in result.output
    result = runner.invoke(app, ["rounds", "compare", str(project), "--first", "Ronde 2018"])
    assert result.exit_code == 1 and "no round 'Ronde 2018'" in result.output
    (project / "rounds.yaml").write_text("values: {}\nrounds: []\n", encoding="utf-8")
    result = runner.invoke(app, ["rounds", "compare", str(project)])
    assert result.exit_code == 1 and "rounds.yaml:1" in result.output
    assert not (project / "output" / "rondes-vergelijking.html").exists()
