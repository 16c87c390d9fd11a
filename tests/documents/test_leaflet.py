"""``mdsa leaflet``: the privacy leaflet for residents (bijlage 3), shared, in output/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader
from typer.testing import CliRunner

from mdsa.cli import app

Example = Callable[[str], Path]


def set_privacy(project: Path, **values: str) -> None:
    path = project / "privacy.yaml"
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.split(":")[0] not in values
    ]
    lines += [f"{key}: {value}" for key, value in values.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_leaflet_pdf_and_html_from_the_privacy_plan(runner: CliRunner, example: Example) -> None:
    project = example("spoorbuurt")
    result = runner.invoke(app, ["leaflet", str(project)])
    assert result.exit_code == 0, result.output
    pdf = PdfReader(project / "output" / "privacyfolder.pdf")
    assert len(pdf.pages) == 1
    text = " ".join(pdf.pages[0].extract_text().split())
    for expected in (
        "Het gesprek is vrijwillig",
        "Woonstichting Woonwaarts en Bindkracht10 zijn samen verantwoordelijk",
        "op grond van uw toestemming",
        "We bewaren ze 24 maanden",
        "Inzien:",
        "Verwijderen:",
        "de woonconsulent van Woonwaarts",
        "privacy@woonwaarts.example",
        "geanonimiseerde actielijst",
    ):
        assert expected in text, expected
    html = (project / "output" / "privacyfolder.html").read_text(encoding="utf-8")
    assert "We bewaren ze\n24 maanden" in html and "privacy@woonwaarts.example" in html
    assert "<link" not in html and "<script" not in html and "http" not in html
    scan = runner.invoke(app, ["scan", str(project)])
    assert scan.exit_code == 0, scan.output


def test_values_print_as_written(runner: CliRunner, example: Example) -> None:
    project = example("spoorbuurt")
    set_privacy(project, storage='"map #2 van *Woonwaarts* & <script>"')
    result = runner.invoke(app, ["leaflet", str(project)])
    assert result.exit_code == 0, result.output
    text = PdfReader(project / "output" / "privacyfolder.pdf").pages[0].extract_text()
    assert "map #2 van *Woonwaarts* & <script>" in " ".join(text.split())
    html = (project / "output" / "privacyfolder.html").read_text(encoding="utf-8")
    assert "map #2 van *Woonwaarts* &amp; &lt;script&gt;" in html


def test_an_incomplete_privacy_plan_is_refused(runner: CliRunner, example: Example) -> None:
    project = example("spoorbuurt")
    set_privacy(project, retention_months="", resident_contact="")
    result = runner.invoke(app, ["leaflet", str(project)])
    assert result.exit_code == 1
    assert "retention_months, resident_contact" in result.output
    assert not (project / "output").exists()


def test_personal_data_in_the_leaflet_is_refused(runner: CliRunner, example: Example) -> None:
    project = example("spoorbuurt")
    set_privacy(project, resident_contact="Ilse, 06-12345678")
    result = runner.invoke(app, ["leaflet", str(project)])
    assert result.exit_code == 1
    assert "not written" in result.output and "12345678" not in result.output
    assert not list((project / "output").glob("privacyfolder.*"))
