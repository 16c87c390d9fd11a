"""Anonymise, scan and scrub as a project leader meets them: nothing identifying leaves private/."""

from __future__ import annotations

import csv
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from datasetchecks import shared_text
from formfixtures import visit, write_forms_csv
from typer.testing import CliRunner

from mdsa.cli import app
from mdsa.privacy.anonymise import KEY_COLUMNS
from mdsa.privacy.dataset import read_table

RESIDENT = "Gerda Wijnhoven"
PHONE = "06-48213377"


@pytest.fixture
def imported(example: Callable[[str], Path], runner: CliRunner, tmp_path: Path) -> Path:
    folder = example("spoorbuurt")  # it uses the reference form: forms.yaml is in place
    rows = [
        visit(
            address=f"Perronstraat {number}",
            submitted_at=f"2016/10/{day:02d} 4:12:09 p.m. CEST",
            visit_date=f"2016-10-{day:02d}",
            resident_name=RESIDENT if day == 3 else "",
            resident_phone=PHONE if day == 3 else "",
            **{
                "text.person_obstacles": f"{RESIDENT} (mw. Wijnhoven) is bang voor de verbouwing, "
                f"bel {PHONE} of haar zoon Kemal.",
                "text.environment_opportunities": "Wil graag koken in het buurthuis op dinsdag.",
                "years_in_neighbourhood": str(day),
            },
        )
        for day, number in zip(
            range(3, 15),
            ["1", "3", "4", "6", "8", "10", "12 A", "12b", "14", "15", "17", "18"],
            strict=True,
        )
    ]
    export = write_forms_csv(tmp_path / "Registratie.csv", rows)
    result = runner.invoke(app, ["import", str(export), "--project", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def read_csv(path: Path) -> list[dict[str, str]]:
    """A CSV as mdsa writes it: the data set's dialect in data/, a plain CSV in private/."""
    if path.parent.name == "data":
        return read_table(path)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_anonymise_writes_shareable_data_without_identifiers(
    imported: Path, runner: CliRunner
) -> None:
    result = runner.invoke(app, ["anonymise", str(imported), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["visits"] == 12 and report["scan"]["clean"] is True
    assert report["replacements"]["PERSOON"] >= 12 and report["replacements"]["TELEFOON"] == 12
    shared = shared_text(imported)
    assert {p.name for p in (imported / "data").iterdir()} == {
        "visits.csv",
        "text_blocks.csv",
        "codebook.csv",
        "visits.xlsx",
        "text_blocks.xlsx",
    }
    for secret in (
        RESIDENT,
        "Wijnhoven",
        PHONE,
        "48213377",
        "Perronstraat",
        "Kemal",
        "Ruben Hoekstra",
    ):
        assert secret not in shared
    visits = read_csv(imported / "data" / "visits.csv")
    assert len({v["household"] for v in visits}) == 12
    assert all(v["subarea"] == "Stationskwartier" for v in visits), "matched to the list"
    assert all(v["household"].startswith("HH-") for v in visits)
    # October 2016, withheld where the month (or the quarter) would single a visit out
    assert {v["visit_month"] for v in visits} <= {"2016-M10", "withheld"}
    assert "2016-M10" in {v["visit_month"] for v in visits}
    assert {v["visit_quarter"] for v in visits} <= {"2016-Q4", "withheld"}
    assert {v["visit_half_year"] for v in visits} <= {"2016-H2", "withheld"}
    assert "visit_date" not in visits[0] and "address" not in visits[0]
    blocks = read_csv(imported / "data" / "text_blocks.csv")
    assert {b["category"] for b in blocks} == {"person_obstacles", "environment_opportunities"}
    note = next(b["text"] for b in blocks if b["category"] == "person_obstacles")
    assert "[PERSOON-1]" in note and "[TELEFOON-1]" in note and "verbouwing" in note
    assert "buurthuis op dinsdag" in "".join(b["text"] for b in blocks)
    review = read_csv(imported / "private" / "review" / "scrub-review.csv")
    assert any(r["original"] == PHONE for r in review), "the review file lists what went"


def test_pseudonyms_are_stable_across_runs_and_the_key_stays_private(
    imported: Path, runner: CliRunner
) -> None:
    runner.invoke(app, ["anonymise", str(imported)])
    first = read_csv(imported / "data" / "visits.csv")
    key = (imported / "private" / "pseudonym.key").read_text(encoding="utf-8")
    runner.invoke(app, ["anonymise", str(imported)])
    assert read_csv(imported / "data" / "visits.csv") == first
    assert (imported / "private" / "pseudonym.key").read_text(encoding="utf-8") == key
    assert key.strip() not in shared_text(imported)


def test_rare_combinations_are_generalised(imported: Path, runner: CliRunner) -> None:
    runner.invoke(app, ["anonymise", str(imported)])
    visits = read_csv(imported / "data" / "visits.csv")
    combos: dict[tuple[str, ...], int] = {}
    for v in visits:
        key = tuple(v[c] for c in KEY_COLUMNS)
        combos[key] = combos.get(key, 0) + 1
    assert min(combos.values()) >= 5, combos


def test_scan_finds_a_leak_and_names_the_place_not_the_value(
    imported: Path, runner: CliRunner
) -> None:
    runner.invoke(app, ["anonymise", str(imported)])
    (imported / "verslag.md").write_text(
        f"# Verslag\n\nGesprek met {RESIDENT} over de tuin.\nBel haar op {PHONE}.\n"
        "Ook perronstraat 12-a doet mee.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["scan", str(imported), "--json"])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    assert {(f["file"], f["location"], f["kind"]) for f in findings} >= {
        ("verslag.md", "line 3", "known-name"),
        ("verslag.md", "line 4", "telefoon"),
        ("verslag.md", "line 5", "known-address"),
    }
    assert RESIDENT not in result.output and PHONE not in result.output
    (imported / "verslag.md").unlink()
    assert runner.invoke(app, ["scan", str(imported)]).exit_code == 0


def test_scan_reads_xlsx_and_docx(imported: Path, runner: CliRunner) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Toelichting", f"mail naar g.wijnhoven@example.com of {PHONE}"])
    workbook.save(imported / "overzicht.xlsx")
    document = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Verslag werksessie</w:t></w:r></w:p>"
        f"<w:p><w:r><w:t>Mevrouw {RESIDENT.split()[0]} </w:t></w:r>"
        f"<w:r><w:t>{RESIDENT.split()[1]} vertelde veel.</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(imported / "verslag.docx", "w") as archive:
        archive.writestr("word/document.xml", document)
    result = runner.invoke(app, ["scan", str(imported), "--json"])
    findings = json.loads(result.stdout)["findings"]
    assert {
        (f["file"], f["location"], f["kind"]) for f in findings if f["file"].endswith("docx")
    } == {("verslag.docx", "paragraph 2", "known-name")}
    assert {(f["location"], f["kind"]) for f in findings if f["file"].endswith("xlsx")} == {
        ("sheet Sheet, cell B1", "email"),
        ("sheet Sheet, cell B1", "known-name"),  # the surname inside the address
        ("sheet Sheet, cell B1", "telefoon"),
    }


def test_scrub_plain_lines_and_jsonl(runner: CliRunner, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text(
        "mw. Jansen belt op 06-12345678\nGeen bijzonderheden, 82 jaar.\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["scrub", str(notes), "--project", str(tmp_path)])
    assert result.exit_code == 1, "--project must be a real project"
    result = runner.invoke(app, ["scrub", str(notes)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines == ["mw. [PERSOON-1] belt op [TELEFOON-1]", "Geen bijzonderheden, 82 jaar."]
    record = {"id": 7, "text": "Buurman Piet de Vries helpt mw. Yilmaz.", "team": "Oost"}
    result = runner.invoke(app, ["scrub", "-", "--jsonl"], input=json.dumps(record) + "\n")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["id"] == 7 and out["team"] == "Oost"
    assert "Piet" not in out["text"] and "Yilmaz" not in out["text"]
    assert out["text"].startswith("Buurman [PERSOON-1]")


def test_scrub_rejects_bad_jsonl_with_the_line(runner: CliRunner) -> None:
    result = runner.invoke(app, ["scrub", "-", "--jsonl"], input='{"text": "a"}\nnot json\n')
    assert result.exit_code == 1
    assert "-:2" in result.output


def test_anonymise_without_registrations_says_what_to_do(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    result = runner.invoke(app, ["anonymise", str(example("lankforst"))])
    assert result.exit_code == 1
    assert "mdsa import" in result.output


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with the given text lines (Helvetica), built by hand for the test."""
    text = " ".join(f"({line}) Tj 0 -16 Td" for line in lines)
    stream = f"BT /F1 12 Tf 72 720 Td {text} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_scan_reads_the_text_of_a_pdf(imported: Path, runner: CliRunner) -> None:
    (imported / "poster.pdf").write_bytes(
        minimal_pdf(["Beeld van de Spoorbuurt", f"Contact: {PHONE}"])
    )
    result = runner.invoke(app, ["scan", str(imported), "--json"])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    assert [(f["file"], f["location"], f["kind"]) for f in findings] == [
        ("poster.pdf", "page 1", "telefoon")
    ]


def test_text_typed_into_closed_answers_never_reaches_visits_csv(
    example: Callable[[str], Path], runner: CliRunner, tmp_path: Path
) -> None:
    """A grid cell or a checkbox 'Anders' holding a name and a phone: `other` in visits.csv,
    the text scrubbed in text_blocks.csv under other_answers, nothing raw outside private/."""
    folder = example("spoorbuurt")
    grid = "Oordeel over voorzieningen in de buurt [Winkels]"
    leak = f"Goed (bij de supermarkt van {RESIDENT}, {PHONE})"
    rows = [
        visit(
            address=f"Perronstraat {n}",
            cards=f"Gezondheid;via buurvrouw {RESIDENT}" if n == "1" else "Gezondheid",
            resident_name=RESIDENT if n == "1" else "",
            **{grid: leak if n == "1" else "Goed"},
        )
        for n in ("1", "3", "4", "6", "8")
    ]
    export = write_forms_csv(tmp_path / "Registratie.csv", rows)
    result = runner.invoke(app, ["import", str(export), "--project", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    assert "unknown-option" in result.stdout and PHONE not in result.stdout
    result = runner.invoke(app, ["anonymise", str(folder)])
    assert result.exit_code == 0, result.output
    visits = read_csv(folder / "data" / "visits.csv")
    assert sorted(v["grid.facilities.shops"] for v in visits) == ["good"] * 4 + ["other"]
    blocks = read_csv(folder / "data" / "text_blocks.csv")
    other = [b for b in blocks if b["category"] == "other_answers"]
    assert {b["field"] for b in other} == {"grid.facilities.shops", "cards"}
    assert any("supermarkt" in b["text"] for b in other), "the text is kept, scrubbed"
    shared = shared_text(folder)
    assert "Wijnhoven" not in shared and "48213377" not in shared


def test_a_subarea_typed_on_the_form_that_mdsa_yaml_does_not_know_is_shared_as_other(
    example: Callable[[str], Path], runner: CliRunner, tmp_path: Path
) -> None:
    folder = example("spoorbuurt")
    forms = folder / "forms.yaml"
    forms.write_text(
        forms.read_text(encoding="utf-8").replace(
            '  "Postcode": postcode\n', '  "Postcode": postcode\n  "Subbuurt": subarea\n'
        ),
        encoding="utf-8",
    )
    typed = "achter de flat van Oostveen"
    rows = [
        visit(
            address=f"Nergensweg {n}",  # not on the address list: the typed subarea is all there is
            postcode="",
            submitted_at=f"2016/10/{n:02d} 4:12:09 p.m. CEST",
            visit_date=f"2016-10-{n:02d}",
            Subbuurt=typed,
        )
        for n in range(3, 9)
    ]
    from formfixtures import reference_headers

    export = write_forms_csv(tmp_path / "R.csv", rows, [*reference_headers(), "Subbuurt"])
    result = runner.invoke(app, ["import", str(export), "--project", str(folder)])
    assert result.exit_code in (0, 1), result.output
    result = runner.invoke(app, ["anonymise", str(folder)])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    shared = "".join(
        p.read_text(encoding="utf-8") for p in (folder / "data").iterdir() if p.suffix == ".csv"
    )
    assert "Oostveen" not in shared and "achter de flat" not in shared
    with (folder / "data" / "visits.csv").open(encoding="utf-8-sig", newline="") as handle:
        visits = list(csv.DictReader(handle, delimiter=";"))
    assert len(visits) == 6
    assert {v["subarea"] for v in visits} == {"other"}
