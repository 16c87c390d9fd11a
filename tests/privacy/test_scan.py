"""mdsa scan on its own: its detectors (a leak case for each), its precision on everyday notes,
and every kind of file outside private/ either scanned or reported."""

from __future__ import annotations

import json
import struct
import zipfile
import zlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mdsa.cli import app
from mdsa.privacy.known import KnownAddress, KnownIdentifiers
from mdsa.privacy.scan_detect import Detector
from mdsa.project.addresses import HouseNumber

KNOWN = KnownIdentifiers(
    residents=frozenset(
        {"Gerda Wijnhoven", "mw. Bouzid", "Kim van Haren", "G. Visser", "Nwosu, Adaeze", "d'Hondt"}
    ),
    workers=frozenset({"Ruben Hoekstra"}),
    phones=frozenset({"06-48213377"}),
    emails=frozenset({"gerda.w@example.nl"}),
    streets=frozenset({"Dr. Jan van Bemmelstraat", "Perronstraat"}),
    addresses=frozenset(
        {
            KnownAddress("Dr. Jan van Bemmelstraat", HouseNumber(12, "A")),
            KnownAddress("Perronstraat", HouseNumber(3)),
        }
    ),
    postcodes=frozenset({"6512AA"}),
    published_emails=frozenset({"r.hoekstra@bindkracht10.example"}),
    area_postcodes=frozenset({"6512BB"}),
)
DETECTOR = Detector(KNOWN, today=date(2026, 6, 1))


def codes(text: str, **kwargs: object) -> set[str]:
    return {h.code for h in DETECTOR.hits(text, **kwargs)}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("bel haar op 06-48 21 33 78", "telefoon"),
        ("tel +31 (0)6 1234 5678", "telefoon"),
        ("vaste lijn (024) 345 67 89", "telefoon"),
        ("nummer in Turkije 0090 532 123 45 67", "telefoon"),
        ("wijkverpleegkundige\n06.24.70.17.29 (niet op vrijdag)", "telefoon"),  # not a date
        ("bereikbaar op 06-24-70-17-29", "telefoon"),
        ("alleen de laatste cijfers: 4821 3377", "known-phone"),
        ("mail: jan.jansen@gmail.com", "email"),
        ("mail jan (at) hotmail (punt) com", "email"),
        ("mailt vanaf Gerda.W@example.nl", "known-email"),
        ("rekening nl91 abna 0417 1643 00", "iban"),
        ("DE89370400440532013000 is van zijn broer", "iban"),
        ("bsn 111222333", "bsn"),
        ("BSN: 1112.22.333", "bsn"),
        ("pc 6543 XY", "postcode"),
        ("postcode 6543xy", "postcode"),
        ("pc 6543 xy", "postcode"),
        ("woont in 6512 aa", "postcode"),
        ("geboortedatum Gerda: 15-03-1961", "birth-date"),
        ("dob: 3-4-1951", "birth-date"),
        ("geboren 4 december 1967", "birth-date"),
        ("geb. 12 mrt '58", "birth-date"),
        ("geb 1958-03-12", "birth-date"),
        ("woont op de Dr. Jan van Bemmelstraat 12a", "known-address"),
        ("dr jan van bemmelstraat 12 A", "known-address"),
        ("Dr.Jan v Bemmelstraat 12", "known-address"),  # the street without its prefix
        ("Dr.Jan van Bemmelstr. 12", "known-address"),
        ("Bemmelstraat 12-a", "known-address"),
        ("van Bemmelstraat nr 12", "known-address"),
        ("perronstr 3", "known-address"),
        ("Perron straat 3", "known-address"),
        ("perronstraat 5", "address"),
        ("gesprek met Gerda Wijnhoven", "known-name"),
        ("mw. wijnhoven belt terug", "known-name"),
        ("G.Wijnhoven", "known-name"),
        ("G Visser woont alleen", "known-name"),
        ("mevrouw Bouzid", "known-name"),
        ("de familie van haren", "known-name"),
        ("Adaeze komt morgen", "known-name"),
        ("buurman D' hondt", "known-name"),
        ("buurvrouw woont op 14, is alleen", "house-number"),
        ("Buurman (nr 7) helpt", "house-number"),
        ("de buren op nummer 23b", "house-number"),
        ("huisnummer 5", "house-number"),
        ("mw. Jansen (46) woont alleen", "house-number"),
        ("kent [PERSOON-1] Driessen van de moskee", "possible-name"),
        ("Ngozi [PERSOON-1] heeft last van de trap", "possible-name"),
        ("en schoonzus ihsanoglu komt dinsdag", "possible-name"),
        ("pc 6932  pm", "postcode"),
    ],
)
def test_each_detector_finds_its_leak(text: str, code: str) -> None:
    assert code in codes(text), (text, codes(text))


@pytest.mark.parametrize(
    "text",
    [
        "Wil graag koken in het buurthuis op dinsdag.",
        "Woont 26 jaar in de Spoorbuurt, ziet de buurt veranderen.",
        "Mw. [PERSOON-1] woont op [ADRES-1], bel [TELEFOON-1].",
        "In 2016 en 2017 wordt de Perronstraat gerenoveerd.",
        "Perronstraat 1 t/m 17 is eerst aan de beurt.",
        "afspraak op 12 oktober om 10.30 uur, op 3 hoog",
        "kinderen (8 jaar) spelen op straat; ze woont op 2 hoog",
        "HH-4EA7B929CA,Stationskwartier,2016-Q3,person_obstacles",
        "de visser en de bakker op de markt",
        "Afspraak gemaakt op 05-09-2016 in de ochtend.",
        "Afspraak 06-10-2016 12:00 in het buurthuis.",
        "gesprek op 06.10.16 om 12.00 uur",
        "Mail de wijkverpleging via r.hoekstra@bindkracht10.example",
        "bel de gemeente via 0800-1234567",
        "score 7, 8, 9 en 10",
        "buurvrou [PERSOON-1] kijkt om naar hem, Mw. [PERSOON-1] geb. [GEBOORTEDATUM-1]",
        "de dochter woont verderop en kijkt elke dag",
        "kost 1500 op jaarbasis",
        "huishoudens (12) en woningen (40) per subbuurt, bewoners (7)",
    ],
)
def test_everyday_notes_and_placeholders_are_not_findings(text: str) -> None:
    assert codes(text, year=2016) == set(), codes(text, year=2016)


def test_birth_dates_are_judged_against_the_visit_year() -> None:
    assert codes("afspraak 12-10-2008", year=2016) == set()
    assert codes("afspraak 12-10-2008") == {"birth-date"}  # no visit: against today


def test_visitor_names_count_in_the_data_set_only() -> None:
    assert codes("samen met Ruben Hoekstra", scope="data") == {"visitor-name"}
    assert codes("samen met Ruben Hoekstra", scope="other") == set()
    assert codes("subarea by 6512 BB", scope="config") == set()
    assert codes("subarea by 6512 BB", scope="other") == {"postcode"}


# Files --------------------------------------------------------------------------------------


@pytest.fixture
def project(example: Callable[[str], Path]) -> Path:
    return example("spoorbuurt")


def scan(runner: CliRunner, folder: Path) -> tuple[int, list[dict[str, str]]]:
    result = runner.invoke(app, ["scan", str(folder), "--json"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, json.loads(result.stdout)["findings"]


def test_the_example_project_is_clean(project: Path, runner: CliRunner) -> None:
    assert scan(runner, project) == (0, [])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("verslag.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog"),
        ("verslag.docx", b"PK\x03\x04 not really a zip"),
        ("overzicht.xlsx", b"this is not a workbook"),
        ("grafiek.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"),
    ],
)
def test_a_damaged_file_is_a_finding_never_clean(
    project: Path, runner: CliRunner, name: str, content: bytes
) -> None:
    (project / name).write_bytes(content)
    code, findings = scan(runner, project)
    assert code == 1
    assert [(f["file"], f["kind"]) for f in findings] == [(name, "damaged-file")]


def test_text_not_in_utf8_is_reported_and_still_scanned(project: Path, runner: CliRunner) -> None:
    (project / "notitie.txt").write_bytes("Caf\xe9 met mw. Jansen, 06-12345678\n".encode("cp1252"))
    code, findings = scan(runner, project)
    assert code == 1
    assert {f["kind"] for f in findings} == {"bad-encoding", "telefoon", "possible-name"}


def test_binary_files_are_listed_as_not_scanned(project: Path, runner: CliRunner) -> None:
    (project / "foto.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    code, findings = scan(runner, project)
    assert code == 1 and [(f["file"], f["kind"]) for f in findings] == [("foto.jpg", "not-scanned")]


def test_dot_files_and_unknown_suffixes_are_scanned_but_not_git(
    project: Path, runner: CliRunner
) -> None:
    (project / ".notities").mkdir()
    (project / ".notities" / "bellen.tekst").write_text("bel 06-12345678\n", encoding="utf-8")
    (project / ".git").mkdir()
    (project / ".git" / "COMMIT_EDITMSG").write_text("bel 06-12345678\n", encoding="utf-8")
    code, findings = scan(runner, project)
    assert code == 1
    assert [(f["file"], f["kind"]) for f in findings] == [(".notities/bellen.tekst", "telefoon")]


def test_docx_headers_footers_and_comments_are_scanned(project: Path, runner: CliRunner) -> None:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = (
        f"<w:document {ns}><w:body><w:p><w:r><w:t>Verslag</w:t></w:r></w:p></w:body></w:document>"
    )
    runs = "<w:r><w:t>bel 06-1234</w:t></w:r><w:r><w:t>5678</w:t></w:r>"  # a word over two runs
    header = f"<w:hdr {ns}><w:p>{runs}</w:p></w:hdr>"
    comment = f"<w:comments {ns}><w:p><w:r><w:t>piet@example.nl</w:t></w:r></w:p></w:comments>"
    with zipfile.ZipFile(project / "verslag.docx", "w") as archive:
        archive.writestr("word/document.xml", body)
        archive.writestr("word/header1.xml", header)
        archive.writestr("word/comments.xml", comment)
    code, findings = scan(runner, project)
    assert code == 1
    assert {(f["location"], f["kind"]) for f in findings} == {
        ("word/header1.xml paragraph 1", "telefoon"),
        ("word/comments.xml paragraph 1", "email"),
    }
    assert all("12345678" not in f["masked"] and "piet@" not in f["masked"] for f in findings)


def png_with_text(keyword: str, text: str) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"tEXt", keyword.encode() + b"\x00" + text.encode("latin-1"))
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def test_png_text_chunks_are_scanned_and_a_plain_png_is_clean(
    project: Path, runner: CliRunner
) -> None:
    (project / "grafiek.png").write_bytes(png_with_text("Software", "matplotlib"))
    assert scan(runner, project) == (0, [])
    (project / "foto.png").write_bytes(png_with_text("Author", "bel 06-12345678"))
    code, findings = scan(runner, project)
    assert code == 1
    assert [(f["file"], f["location"], f["kind"]) for f in findings] == [
        ("foto.png", "text chunk Author", "telefoon")
    ]


def test_svg_is_scanned_as_text(project: Path, runner: CliRunner) -> None:
    (project / "kaart.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><text>pc 6543 XY</text></svg>', encoding="utf-8"
    )
    code, findings = scan(runner, project)
    assert code == 1 and [f["kind"] for f in findings] == ["postcode"]


def test_a_finding_never_prints_the_value(project: Path, runner: CliRunner) -> None:
    (project / "verslag.md").write_text("bel 06-48213377 of mail a.b@example.nl\n", "utf-8")
    result = runner.invoke(app, ["scan", str(project)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "48213377" not in result.output and "a.b@example.nl" not in result.output
    assert "0•••••••••7" in result.output


def test_a_csv_row_dates_its_cells_by_its_visit_month(project: Path, runner: CliRunner) -> None:
    (project / "data").mkdir()
    (project / "data" / "text_blocks.csv").write_text(
        "household,visit_month,text\nHH-1DEC1963A0,2016-10,afspraak 12-10-2008 gemaakt\n"
        "HH-00000000AB,2016-10,geboren 12-10-1990\n",
        encoding="utf-8",
    )
    code, findings = scan(runner, project)
    assert code == 1
    assert [(f["location"], f["kind"]) for f in findings] == [("row 3, column text", "birth-date")]


def test_the_data_sets_own_csv_is_read_by_cell_and_dated_by_its_quarter(
    project: Path, runner: CliRunner
) -> None:
    # As mdsa anonymise writes it: UTF-8 with BOM, ';', the month of a small group withheld.
    (project / "data").mkdir()
    (project / "data" / "text_blocks.csv").write_text(
        "\ufeffhousehold;visit_month;visit_quarter;text\n"
        "HH-1DEC1963A0;withheld;2016-Q4;afspraak 12-10-2008 gemaakt, bel 06-48213377\n"
        "HH-00000000AB;withheld;2016-Q4;geboren 12-10-1990\n",
        encoding="utf-8",
    )
    code, findings = scan(runner, project)
    assert code == 1
    assert [(f["location"], f["kind"]) for f in findings] == [
        ("row 2, column text", "telefoon"),
        ("row 3, column text", "birth-date"),
    ]


def test_the_team_is_named_in_team_yaml_but_not_in_the_data(
    project: Path, runner: CliRunner
) -> None:
    (project / "data").mkdir()
    (project / "data" / "text_blocks.csv").write_text(
        "household,text\nHH-00000000AB,gesprek samen met Ruben Hoekstra\n", encoding="utf-8"
    )
    (project / "verslag.md").write_text("Contact: Ruben Hoekstra (Bindkracht10)\n", "utf-8")
    code, findings = scan(runner, project)
    assert code == 1
    assert [(f["file"], f["kind"]) for f in findings] == [("data/text_blocks.csv", "visitor-name")]


def test_the_scan_shares_no_code_with_the_scrubber() -> None:
    """A second line of defence must not repeat the first one's mistakes: no import of the
    scrubber's patterns or modules, only of the list of what the project knows."""
    import ast

    package = Path(__file__).resolve().parents[2] / "mdsa" / "privacy"
    for name in ("scan.py", "scan_detect.py", "scan_read.py", "known.py"):
        tree = ast.parse((package / name).read_text(encoding="utf-8"))
        imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | {
            a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
        }
        forbidden = {m for m in imported if m.split(".")[-1].startswith(("scrub", "patterns"))}
        assert not forbidden, (name, forbidden)
        assert "mdsa.privacy.lexicon" not in imported, name


def test_the_letter_senders_own_phone_and_postal_code_are_no_finding(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    folder = example("spoorbuurt")  # mdsa.yaml's letters: has the corporation's phone and Postbus
    result = runner.invoke(app, ["scan", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    config = folder / "mdsa.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "# bel mw. even op 06-48213377, 6512 AB\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["scan", str(folder)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "mdsa.yaml" in result.output and "telefoon" in result.output
    assert "48213377" not in result.output


_CELLS = st.one_of(
    st.sampled_from(["", "2016-M10", "2001-Q2", "withheld", "12-03-1950", "=1+2", "7"]),
    st.text(max_size=12),
    st.integers(-(10**17), 10**17),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(
    header=st.lists(
        st.sampled_from(["visit_month", "visit_quarter", "tekst", "n", ""]), min_size=1, max_size=4
    ),
    rows=st.lists(st.lists(_CELLS, max_size=5), max_size=6),
    notes=st.lists(st.text(min_size=1, max_size=8), max_size=2),
)
def test_the_gate_looks_at_every_written_value_once(
    header: list[str], rows: list[list[str | int | float]], notes: list[str]
) -> None:
    """``Written.values`` (what the gate gives the detector) holds the (text, year) of every
    cell the file holds, as a reader gets it back, and nothing else."""
    from mdsa.documents.workbook import Sheet
    from mdsa.privacy.scan import Written

    sheet = Sheet("s", header, rows, labels=["Label", *header[1:]], notes=notes)
    as_csv = [header, *([str(c) for c in row] for row in rows)]
    for written in (Written(sheets=[sheet]), Written(csv_rows=as_csv)):
        assert written.values() == {(p.text, p.year) for p in written.cells()}
