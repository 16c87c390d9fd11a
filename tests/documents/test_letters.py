"""``mdsa letters``: one invitation letter per household, inside private/ (bijlage 5)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from mdsa.cli import app
from mdsa.documents.docx import DocxTemplate
from mdsa.phases.visits import household_fields, letter_context
from mdsa.project.folder import load_project

Example = Callable[[str], Path]
NASTY = "Fam. #Bakker *&* _Zn_ $5 @x <y>"


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def households(project: Path) -> int:
    loaded, _ = load_project(project)
    return len(loaded.households or [])


def test_one_pdf_page_per_household_inside_private(runner: CliRunner, example: Example) -> None:
    project = example("spoorbuurt")
    result = runner.invoke(app, ["letters", str(project)])
    assert result.exit_code == 0, result.output
    pdf = project / "private" / "letters" / "uitnodigingen.pdf"
    pages = pdf_pages(pdf)
    assert len(pages) == households(project) == 499
    assert "Perronstraat 1\n" in pages[0] and "6512 AA" in pages[0]
    assert "Woonstichting Woonwaarts" in pages[0] and "22 augustus 2016" in pages[0]
    assert "vrijwillig" in pages[0]
    assert "499 page(s) for 499 household(s)" in result.output
    assert not (project / "output").exists()  # nothing outside private/


def test_docx_per_household_opens_in_word(runner: CliRunner, example: Example) -> None:
    project = example("spoorbuurt")
    result = runner.invoke(
        app, ["letters", str(project), "--format", "both", "--street", "Baanwachtershof"]
    )
    assert result.exit_code == 0, result.output
    folder = project / "private" / "letters" / "docx"
    files = sorted(folder.glob("*.docx"))
    assert len(files) == 24 == len(pdf_pages(project / "private/letters/uitnodigingen.pdf"))
    text = docx_text(files[0])
    again = runner.invoke(
        app, ["letters", str(project), "--format", "docx", "--street", "Remiseweg"]
    )
    assert again.exit_code == 0, again.output
    assert len(list(folder.glob("*.docx"))) == 58  # the earlier run's letters are gone
    assert "Baanwachtershof 1\n" in text and "De bewoner(s) van" in text
    assert "Ilse van Dam" in text and "vrijwillig" in text


def write_households(project: Path, rows: str) -> None:
    (project / "private" / "households.csv").write_text(
        "street,house_number,postcode,name,visit_date,visit_time\n" + rows, encoding="utf-8"
    )


def test_a_name_with_markup_characters_prints_literally(
    runner: CliRunner, example: Example
) -> None:
    project = example("spoorbuurt")
    write_households(
        project,
        f'Perronstraat,12a,6512 AB,"{NASTY}",2016-09-13,tussen 9.00 en 11.00 uur\n'
        "Wisselstraat,3,,,,\n",
    )
    result = runner.invoke(app, ["letters", str(project), "--format", "both"])
    assert result.exit_code == 0, result.output
    pages = pdf_pages(project / "private" / "letters" / "uitnodigingen.pdf")
    assert len(pages) == 2
    assert NASTY in pages[0] and "Perronstraat 12A" in pages[0]
    assert "dinsdag 13 september 2016, tussen 9.00 en 11.00 uur" in pages[0]
    assert "De bewoner(s) van" in pages[1] and "nog met u af" in pages[1]
    first = sorted((project / "private" / "letters" / "docx").glob("*.docx"))[0]
    assert NASTY in docx_text(first)
    assert "letter-without-postcode" in result.output  # Wisselstraat 3 has none
    assert "Wisselstraat" not in result.output  # a warning names the row, not the address


def test_out_in_the_shared_part_is_refused(runner: CliRunner, example: Example) -> None:
    project = example("spoorbuurt")
    for shared in (project / "output", project, project / "data" / "brieven"):
        result = runner.invoke(app, ["letters", str(project), "--out", str(shared)])
        assert result.exit_code == 1, result.output
        assert "shared part" in result.output
    assert not list(project.rglob("*.pdf"))


def test_out_inside_private_or_outside_the_project(
    runner: CliRunner, example: Example, tmp_path: Path
) -> None:
    project = example("spoorbuurt")
    for folder in (project / "private" / "post", tmp_path / "drukker"):
        result = runner.invoke(
            app, ["letters", str(project), "--out", str(folder), "--subarea", "emplacement"]
        )
        assert result.exit_code == 0, result.output
        assert len(pdf_pages(folder / "uitnodigingen.pdf")) == 72 + 58 + 46


def test_a_missing_template_field_is_a_clear_error(runner: CliRunner, example: Example) -> None:
    project = example("spoorbuurt")
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "invitation-letter.typ").write_text(
        "{% for household in households %}\nBeste {{ household.naam }}\n{% endfor %}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["letters", str(project)])
    assert result.exit_code == 1
    assert "invitation-letter.typ" in result.output and "'naam'" in result.output
    assert "[missing-field]" in result.output or "missing" in result.output
    assert not (project / "private" / "letters").exists()


def test_a_project_docx_template_replaces_the_built_in(runner: CliRunner, example: Example) -> None:
    project = example("spoorbuurt")
    document = docx.Document()
    document.add_paragraph("Eigen brief aan {{ household.street_line }}")
    (project / "templates").mkdir(exist_ok=True)
    document.save(str(project / "templates" / "invitation-letter.docx"))
    result = runner.invoke(
        app, ["letters", str(project), "--format", "docx", "--street", "Remiseweg"]
    )
    assert result.exit_code == 0, result.output
    files = sorted((project / "private" / "letters" / "docx").glob("*.docx"))
    assert len(files) == 58
    assert docx_text(files[0]) == "Eigen brief aan Remiseweg 1"
    assert not (project / "private" / "letters" / "uitnodigingen.pdf").exists()


def test_the_built_in_docx_uses_only_fields_the_letter_has(example: Example) -> None:
    project, _ = load_project(example("spoorbuurt"))
    context = letter_context(project, date(2026, 1, 5))
    assert project.households
    context["household"] = household_fields(project.households[0], "Nijmegen")
    template = DocxTemplate("invitation-letter.docx", None)
    assert template.undeclared_fields() <= set(context)
    template.render(context)  # every nested field is there too (StrictUndefined)


def test_a_letter_over_one_page_is_a_warning(runner: CliRunner, example: Example) -> None:
    project = example("spoorbuurt")
    team = project / "team.yaml"
    extra = "".join(
        f"  - {{name: Medewerker {i}, role: community_worker, organisation: Bindkracht10}}\n"
        for i in range(40)
    )
    team.write_text(team.read_text(encoding="utf-8") + extra, encoding="utf-8")
    result = runner.invoke(app, ["letters", str(project), "--street", "Remiseweg"])
    assert result.exit_code == 0, result.output
    assert "letter-overflow" in result.output


def test_bad_format_and_no_address_list(runner: CliRunner, example: Example) -> None:
    project = example("spoorbuurt")
    result = runner.invoke(app, ["letters", str(project), "--format", "odt"])
    assert result.exit_code == 2
    (project / "private" / "households.csv").unlink()
    result = runner.invoke(app, ["letters", str(project)])
    assert result.exit_code == 1
    assert "no address list" in result.output


def test_no_home_matches_the_filter(runner: CliRunner, example: Example) -> None:
    project = example("spoorbuurt")
    result = runner.invoke(app, ["letters", str(project), "--street", "Nergensweg"])
    assert result.exit_code == 0, result.output
    assert "no-households" in result.output
    assert not (project / "private" / "letters").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_a_letter_to_pdf(
    runner: CliRunner, example: Example, tmp_path: Path
) -> None:
    project = example("spoorbuurt")
    runner.invoke(app, ["letters", str(project), "--format", "docx", "--street", "Remiseweg"])
    letter = sorted((project / "private" / "letters" / "docx").glob("*.docx"))[0]
    out = tmp_path / "converted"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(letter)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = PdfReader(io.BytesIO((out / (letter.stem + ".pdf")).read_bytes())).pages[0]
    assert "Remiseweg 1" in text.extract_text()


def text_positions(path: Path) -> dict[str, tuple[float, float]]:
    """Each text run of page 1 with its position in mm from the sheet's top-left corner."""
    page = PdfReader(path).pages[0]
    height = float(page.mediabox.height)
    found: dict[str, tuple[float, float]] = {}

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip() and text.strip() not in found:
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            found[text.strip()] = (x / 72 * 25.4, (height - y) / 72 * 25.4)

    page.extract_text(visitor_text=visit)
    return found


def test_the_address_sits_in_the_envelope_window(runner: CliRunner, example: Example) -> None:
    project = example("spoorbuurt")
    result = runner.invoke(app, ["letters", str(project), "--street", "Perronstraat"])
    assert result.exit_code == 0, result.output
    positions = text_positions(project / "private" / "letters" / "uitnodigingen.pdf")
    lines = [
        value
        for key, value in positions.items()
        if key.startswith(("De bewoner", "Perronstraat 1", "6512"))
    ]
    assert len(lines) == 3
    for x, y in lines:  # the window of a Dutch EA5/6 envelope: 20-110 mm across, 45-90 mm down
        assert 20 <= x <= 30 and 45 <= y <= 90, (x, y)


def test_the_window_position_comes_from_mdsa_yaml(runner: CliRunner, example: Example) -> None:
    project = example("spoorbuurt")
    config = project / "mdsa.yaml"
    text = config.read_text(encoding="utf-8").replace(
        "  dated: 2016-08-22", "  dated: 2016-08-22\n  window: {left_mm: 120, top_mm: 45}"
    )
    config.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["letters", str(project), "--street", "Remiseweg"])
    assert result.exit_code == 0, result.output
    x, y = text_positions(project / "private" / "letters" / "uitnodigingen.pdf")["Remiseweg 1"]
    assert abs(x - 120) < 0.5 and 45 < y < 55


def test_status_tells_the_letters_are_written_or_what_to_run(
    runner: CliRunner, example: Example
) -> None:
    project = example("spoorbuurt")

    def visits_phase() -> dict:
        result = runner.invoke(app, ["status", str(project), "--json"])
        assert result.exit_code == 0, result.output
        assert result.exception is None
        return next(p for p in json.loads(result.stdout)["phases"] if p["phase"] == "visits")

    assert "mdsa letters" in visits_phase()["next_step"]
    assert runner.invoke(app, ["letters", str(project)]).exit_code == 0
    assert any("private/letters/uitnodigingen.pdf" in f for f in visits_phase()["facts"])
