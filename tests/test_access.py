"""mdsa access: the resident's own report, in Dutch, inside private/."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner
from vaultfixtures import (
    CANARY_ADDRESS,
    CANARY_EMAIL,
    CANARY_NAME,
    CANARY_PHONE,
    canary_project,
    project_text,
)

from mdsa.cli import app
from mdsa.privacy.audit import read_log


def invoke(runner: CliRunner, *args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (args, result.output)
    return result.output


def test_the_report_holds_the_residents_own_data_in_dutch(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder, export = canary_project(tmp_path)
    invoke(runner, "import", str(export), "-p", str(folder))
    output = invoke(runner, "access", CANARY_ADDRESS, str(folder))
    assert output.startswith("wrote private/inzage/inzage-IZ-") and "1 visit(s)" in output
    assert "Perronstraat" not in output and CANARY_NAME not in output
    (report,) = (folder / "private" / "inzage").iterdir()
    text = report.read_text(encoding="utf-8")
    assert "# Uw gegevens in het project Meer dan Steen Alleen Spoorbuurt" in text
    assert "- Adres: Perronstraat 8" in text and "- Postcode: 6512 AA" in text
    assert "## Het huisbezoek van 7 oktober 2016" in text
    assert f"- Naam: {CANARY_NAME}" in text and f"- E-mail: {CANARY_EMAIL}" in text
    assert CANARY_PHONE.replace("-", "") in text.replace("-", "")
    assert "- Leeftijdsgroep: 65 tot 80" in text  # the form's own Dutch label, not 65_79
    assert "is bang voor de verbouwing" in text
    assert "### Afspraken en acties" in text and "Welzijnsvraag" in text
    assert "We bewaren uw gegevens tot 30 juni 2019" in text
    assert "Hiervoor kunt u terecht bij: de woonconsulent van Woonwaarts" in text
    assert read_log(folder).entries[-1]["command"] == "access"
    # Outside private/ nothing changed, and erasing the household removes the report too.
    invoke(runner, "erase", CANARY_ADDRESS, str(folder))
    assert not list((folder / "private" / "inzage").iterdir())
    assert CANARY_NAME not in project_text(folder)


def test_a_home_on_the_list_without_a_visit(runner: CliRunner, tmp_path: Path) -> None:
    folder, _ = canary_project(tmp_path)
    invoke(runner, "access", "Perronstraat 3", str(folder))
    (report,) = (folder / "private" / "inzage").iterdir()
    assert "Er is (nog) geen huisbezoek bij u geregistreerd." in report.read_text("utf-8")


def test_an_unknown_address_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    folder, _ = canary_project(tmp_path)
    output = invoke(runner, "access", "Perronstraat 999", str(folder), code=1)
    assert "no household at this address" in output and "999" not in output
    assert not (folder / "private" / "inzage").exists()
