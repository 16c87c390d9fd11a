"""mdsa access: the resident's own report, a Dutch letter as PDF, inside private/."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from formfixtures import visit, write_forms_csv
from pypdf import PdfReader
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
from mdsa.documents.numbers import dutch_date
from mdsa.privacy.access import access_report
from mdsa.privacy.audit import read_log
from mdsa.project.folder import load_project

NASTY = "Fam. #Bakker *&* _Zn_ $5 @x <y>"


def invoke(runner: CliRunner, *args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.output


def report_of(folder: Path) -> tuple[Path, str]:
    """The one report in private/inzage/ and its text as a PDF reader extracts it."""
    (report,) = (folder / "private" / "inzage").iterdir()
    pages = PdfReader(report).pages
    return report, "\n".join(page.extract_text() for page in pages)


def flat(text: str) -> str:
    """The text with its line breaks as spaces (a sentence may wrap anywhere)."""
    return " ".join(text.split())


def files_outside_private(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and "private" not in p.relative_to(folder).parts
    }


def test_the_report_is_a_dutch_letter_inside_private(runner: CliRunner, tmp_path: Path) -> None:
    folder, export = canary_project(tmp_path)
    invoke(runner, "import", str(export), "-p", str(folder))
    before = files_outside_private(folder)
    output = invoke(runner, "access", CANARY_ADDRESS, str(folder))
    assert output.startswith("wrote private/inzage/inzage-IZ-") and "1 visit(s)" in output
    assert "Perronstraat" not in output and CANARY_NAME not in output
    report, text = report_of(folder)
    assert report.suffix == ".pdf" and report.name.endswith(f"-{date.today().isoformat()}.pdf")
    assert files_outside_private(folder) == before
    # The letter: sender, the resident's address block, the date in Dutch, the title.
    assert "Woonstichting Woonwaarts" in text and "Postbus 1234" in text
    assert f"{CANARY_NAME}\nPerronstraat 8\n6512 AA" in text and "NIJMEGEN" in text
    assert f"Nijmegen, {dutch_date(date.today())}" in text
    assert "Uw persoonlijk verslag van het huisbezoek" in text
    assert f"Beste {CANARY_NAME}," in text
    # The registration, in the form's own wording.
    assert "Het huisbezoek van 7 oktober 2016" in text
    assert "gevoerd door Ruben Hoekstra" in text
    assert CANARY_EMAIL in text and CANARY_PHONE.replace("-", "") in text.replace("-", "")
    assert "Leeftijdsgroep" in text and "65 tot 80" in text and "65_79" not in text
    assert "Hoeveel jaar woont u in de buurt?" in text
    assert "Belemmeringen (over uzelf)" in text and "is bang voor de verbouwing" in text
    assert "Afspraken en acties" in text and "Welzijnsvraag" in text
    # The rights and the contact, from privacy.yaml.
    prose = flat(text)
    assert "We bewaren uw gegevens tot 30 juni 2019" in prose
    assert "Woonstichting Woonwaarts en Bindkracht10 zijn samen verantwoordelijk" in prose
    assert "geanonimiseerde registraties per subbuurt" in prose
    assert "u mag uw toestemming altijd intrekken" in prose  # legal_basis: consent
    assert "klacht indienen bij de Autoriteit Persoonsgegevens" in prose
    assert "terecht bij de woonconsulent van Woonwaarts" in prose
    assert "privacy@woonwaarts.example" in prose
    assert "pagina 1 van 2" in text
    assert read_log(folder).entries[-1]["command"] == "access"
    # Erasing the household removes the report too.
    invoke(runner, "erase", CANARY_ADDRESS, str(folder))
    assert not list((folder / "private" / "inzage").iterdir())
    assert CANARY_NAME not in project_text(folder)


def test_markup_characters_in_a_name_and_an_answer_print_literally(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder, _ = canary_project(tmp_path)
    export = write_forms_csv(
        tmp_path / "Registratie.csv",
        [
            visit(
                address="Perronstraat 3",
                resident_name=NASTY,
                visit_date="2016-11-02",
                submitted_at="2016/11/02 4:12:09 p.m. CET",
                cards="Gezondheid;Breien met #buren *vrijdag*",
                **{
                    "text.person_obstacles": "Eerste regel $x$.\nTweede regel @home <b>",
                    "Oordeel over voorzieningen in de buurt [Winkels]": "Goed",
                    "Oordeel over voorzieningen in de buurt [Buurthuis]": "Matig",
                },
            ),
            visit(
                address="Perronstraat 3",
                visit_date="2016-09-20",
                submitted_at="2016/09/20 4:12:09 p.m. CEST",
                actions="",
            ),
        ],
    )
    invoke(runner, "import", str(export), "-p", str(folder))
    assert "2 visit(s)" in invoke(runner, "access", "Perronstraat 3", str(folder))
    _, text = report_of(folder)
    assert f"{NASTY}\nPerronstraat 3" in text and f"Beste {NASTY}," in text
    assert "Breien met #buren *vrijdag*" in text
    assert "Eerste regel $x$.\nTweede regel @home <b>" in text
    assert "Winkels: Goed\nBuurthuis: Matig" in text  # one line a row, in the form's order
    # Both visits, the earlier first; the later one without actions says so.
    first, second = text.index("20 september 2016"), text.index("2 november 2016")
    assert first < second
    assert "geen acties afgesproken" in text[first:second]


def test_a_home_on_the_list_without_a_visit(runner: CliRunner, tmp_path: Path) -> None:
    folder, _ = canary_project(tmp_path)
    invoke(runner, "access", "Perronstraat 3", str(folder))
    _, text = report_of(folder)
    assert "De bewoner(s) van\nPerronstraat 3" in text and "Beste bewoner," in text
    assert "Er is (nog) geen huisbezoek bij u geregistreerd." in text
    assert "Uw adres in onze adreslijst" in text and "Blok" in text


def test_a_visit_to_an_address_not_on_the_list(runner: CliRunner, tmp_path: Path) -> None:
    folder, _ = canary_project(tmp_path)
    export = write_forms_csv(
        tmp_path / "Registratie.csv",
        [visit(address="Perronstraat 77", postcode="", resident_name="", actions="")],
    )
    invoke(runner, "import", str(export), "-p", str(folder))
    output = invoke(runner, "access", "Perronstraat 77", str(folder), "--json")
    assert '"in_address_list": false' in output and '"visits": 1' in output
    assert "Perronstraat" not in output
    _, text = report_of(folder)
    assert "De bewoner(s) van\nPerronstraat 77\nNIJMEGEN" in text
    assert "Uw adres staat niet (meer) in onze adreslijst." in text
    assert "Er zijn bij dit bezoek geen acties afgesproken." in text


def test_an_empty_privacy_plan_still_tells_the_rights(tmp_path: Path) -> None:
    folder, _ = canary_project(tmp_path)
    (folder / "privacy.yaml").write_text("purposes: []\n", encoding="utf-8")
    config = (folder / "mdsa.yaml").read_text(encoding="utf-8")
    (folder / "mdsa.yaml").write_text(config.split("letters:")[0], encoding="utf-8")
    project, _ = load_project(folder)
    result = access_report(project, "Perronstraat 3", today=date(2017, 3, 1))
    assert result.path.endswith("-2017-03-01.pdf") and result.visits == 0
    _, text = report_of(folder)
    prose = flat(text)
    assert "Nijmegen, 1 maart 2017" in prose
    # Without a letters: block the sender is the corporation of partners.yaml, signed by its
    # contact person.
    assert "Postbus" not in prose and prose.count("Woonstichting Woonwaarts") >= 3
    assert "Met vriendelijke groet, Ilse van Dam woonconsulent" in prose
    # Without resident_contact the resident is sent to the sender, by its contact's e-mail.
    assert "terecht bij Woonstichting Woonwaarts. E-mail: i.vandam@woonwaarts.example" in prose
    assert "Alleen de medewerkers van het project zien uw naam" in prose
    assert "bezwaar maken" in prose and "We bewaren uw gegevens" not in prose
    assert "Autoriteit Persoonsgegevens" in prose


def test_a_missing_template_field_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    folder, _ = canary_project(tmp_path)
    (folder / "templates").mkdir()
    (folder / "templates" / "access-report.typ").write_text(
        "Beste {{ recipient.naam }},\n", encoding="utf-8"
    )
    output = invoke(runner, "access", "Perronstraat 3", str(folder), code=1)
    assert "access-report.typ" in output and "'naam'" in output
    assert "which this document does not have" in output and "Perronstraat" not in output
    assert not (folder / "private" / "inzage").exists()


def test_a_project_template_may_extend_the_built_in_one(runner: CliRunner, tmp_path: Path) -> None:
    folder, _ = canary_project(tmp_path)
    (folder / "templates").mkdir()
    (folder / "templates" / "access-report.typ").write_text(
        '{% include "default/access-report.typ" %}\nBijlage: spreekuur elke dinsdag.\n',
        encoding="utf-8",
    )
    invoke(runner, "access", "Perronstraat 3", str(folder))
    _, text = report_of(folder)
    assert "Uw rechten" in text and "Bijlage: spreekuur elke dinsdag." in text


def test_an_unknown_address_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    folder, _ = canary_project(tmp_path)
    output = invoke(runner, "access", "Perronstraat 999", str(folder), code=1)
    assert "no household at this address" in output and "999" not in output
    assert not (folder / "private" / "inzage").exists()
