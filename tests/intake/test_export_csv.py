"""Reading CSV exports: the Forms download (bare and zipped), the sheet's CSV, Dutch Excel.

Every fixture is written here into tmp_path; every name, address and phone number is invented.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from mdsa.intake.exports import ExportError, read_export, split_choices

ACTIONS = ["Zorgsignaal", "Welzijnsvraag", "Woning (onderhoud, vocht, schimmel)", "Participatie"]
NOTE = (
    "Buurvrouw helpt met boodschappen.\n"
    'Wil graag "meedoen" aan de moestuin,\n'
    "maar heeft weinig tijd."
)
TITLES = [
    "Tijdstempel",
    "Naam medewerker",
    "Adres (straat en huisnummer)",
    "Telefoonnummer",
    "Rapportcijfer voor de buurt (1-10)",
    "Soort actie",
    "Belemmeringen",
    "Belemmeringen",
    "Opmerkingen",
]


def forms_line(cells: list[str]) -> str:
    """A record as the Forms download writes it: every field quoted, quotes doubled."""
    return ",".join('"' + c.replace('"', '""') + '"' for c in cells)


def forms_csv(rows: list[list[str]], newline: str = "\r\n") -> str:
    return newline.join(forms_line(r) for r in [TITLES, *rows]) + newline


FORMS_ROWS = [
    [
        "2024/12/03 8:48:17 p.m. CET",
        "Medewerker Een",
        "Proefstraat 12",
        "0612345678",
        "8",
        "Zorgsignaal;Woning (onderhoud, vocht, schimmel);Anders: hulp bij verhuizen",
        "Trap is te steil",
        "Weinig groen",
        NOTE,
    ],
    [
        "2024/12/04 10:02:55 a.m. CET",
        "Medewerker Twee",
        "Voorbeeldlaan 3a",
        "",
        "6",
        "Participatie",
        "",
        "",
        "",
    ],
]


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_forms_download_csv_keeps_multiline_notes_and_checkbox_semicolons(
    tmp_path: Path, newline: str
) -> None:
    path = tmp_path / "Registratie huisbezoek.csv"
    path.write_bytes(forms_csv(FORMS_ROWS, newline).encode("utf-8"))

    export = read_export(path)

    assert export.kind == "forms-csv"
    assert (export.encoding, export.delimiter) == ("utf-8", ",")
    assert export.checkbox_separator == ";"
    assert export.headers == tuple(TITLES)
    assert [r.number for r in export.rows] == [2, 3]
    first = export.rows[0].cells
    assert first[TITLES.index("Opmerkingen")] == NOTE
    assert first[0] == "2024/12/03 8:48:17 p.m. CET"
    actions = first[TITLES.index("Soort actie")]
    assert actions is not None
    assert split_choices(actions, export.checkbox_separator, ACTIONS) == (
        ["Zorgsignaal", "Woning (onderhoud, vocht, schimmel)"],
        ["Anders: hulp bij verhuizen"],
    )
    # Quoted empty fields are empty cells.
    assert export.rows[1].cells[3] is None
    assert export.blank_rows == ()
    assert export.problems == ()


def test_forms_download_zip_reads_the_csv_inside(tmp_path: Path) -> None:
    path = tmp_path / "Registratie huisbezoek.csv.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Registratie huisbezoek.csv", forms_csv(FORMS_ROWS))

    export = read_export(path)

    assert export.kind == "zip"
    assert export.member == "Registratie huisbezoek.csv"
    assert export.source == path
    assert export.checkbox_separator == ";"
    assert len(export.rows) == 2
    assert export.rows[0].cells[-1] == NOTE


def test_zip_with_several_csvs_is_refused_not_picked(tmp_path: Path) -> None:
    path = tmp_path / "download.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("__MACOSX/._Registratie.csv", b"\x00\x05\x16\x07")
        archive.writestr("lees mij.csv", "Opmerking,Datum\nniets,vandaag\n")
        archive.writestr("Registratie.csv", forms_csv(FORMS_ROWS))

    with pytest.raises(ExportError) as caught:
        read_export(path)

    assert caught.value.code == "several-csv-in-zip"
    assert "2 CSV files" in str(caught.value), "the __MACOSX shadow copy is not counted"


def test_zip_with_one_csv_and_macos_shadow_files_reads_the_csv(tmp_path: Path) -> None:
    path = tmp_path / "download.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("__MACOSX/._Registratie.csv", b"\x00\x05\x16\x07")
        archive.writestr("Registratie.csv", forms_csv(FORMS_ROWS))

    assert read_export(path).member == "Registratie.csv"


def test_zip_without_csv_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "download.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notities.txt", "niets")

    with pytest.raises(ExportError) as caught:
        read_export(path)

    assert caught.value.code == "no-csv-in-zip"
    assert str(path) in str(caught.value)


SHEET_CSV = (
    "Tijdstempel,Naam medewerker,Adres (straat en huisnummer),Telefoonnummer,"
    "Rapportcijfer voor de buurt (1-10),Soort actie,Opmerkingen\r\n"
    "4-5-2026 10:59:37,Medewerker Een,Proefstraat 12,612345678,8,"
    '"Zorgsignaal, Woning (onderhoud, vocht, schimmel), hulp bij verhuizen",'
    '"Eerste regel\r\ntweede regel, met komma"\r\n'
    "5-5-2026 9:01:02,Medewerker Twee,Voorbeeldlaan 3a,31612345678,7,Participatie,\r\n"
)


def test_sheet_csv_uses_comma_space_between_checkbox_answers(tmp_path: Path) -> None:
    path = tmp_path / "Registratie (Antwoorden) - Formulierreacties 1.csv"
    path.write_bytes(SHEET_CSV.encode("utf-8"))

    export = read_export(path)

    assert export.kind == "sheet-csv"
    assert export.checkbox_separator == ", "
    assert export.delimiter == ","
    assert [r.number for r in export.rows] == [2, 3]
    cells = export.rows[0].cells
    assert cells[3] == "612345678"
    # Line endings inside a cell become \n; the text is otherwise intact.
    assert cells[6] == "Eerste regel\ntweede regel, met komma"
    assert cells[5] is not None
    assert split_choices(cells[5], export.checkbox_separator, ACTIONS) == (
        ["Zorgsignaal", "Woning (onderhoud, vocht, schimmel)"],
        ["hulp bij verhuizen"],
    )
    assert export.rows[1].cells[6] is None


def dutch_excel_csv() -> str:
    """The sheet's CSV after Dutch Excel: `;`, seconds lost, decimal comma, zeros lost."""
    return (
        "Tijdstempel;Naam medewerker;Adres (straat en huisnummer);Telefoonnummer;"
        "Hoe tevreden bent u? (1 = zeer ontevreden, 10 = zeer tevreden);Soort actie;Opmerkingen\r\n"
        "4-5-2026 10:59;Medewerker Eén;Proefstraat 12;612345678;7,5;"
        'Zorgsignaal, Participatie;"Café op de hoek; fijne plek\r\nvoor ouderen"\r\n'
        "5-5-2026 9:01;Medewerker Twee;Voorbeeldlaan 3a;243456789;8;Welzijnsvraag;Geen\r\n"
    )


def test_dutch_excel_csv_in_cp1252_with_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "registratie.csv"
    path.write_bytes(dutch_excel_csv().encode("cp1252"))

    export = read_export(path)

    assert export.kind == "excel-csv"
    assert (export.encoding, export.delimiter) == ("cp1252", ";")
    assert export.checkbox_separator == ", "
    assert len(export.headers) == 7
    assert export.headers[4].endswith("10 = zeer tevreden)")
    assert export.rows[0].cells[1] == "Medewerker Eén"
    assert export.rows[0].cells[4] == "7,5"
    assert export.rows[0].cells[6] == "Café op de hoek; fijne plek\nvoor ouderen"
    assert export.rows[1].cells[3] == "243456789"


def test_utf8_with_bom_from_excel_csv_utf8(tmp_path: Path) -> None:
    path = tmp_path / "registratie.csv"
    path.write_bytes(b"\xef\xbb\xbf" + dutch_excel_csv().encode("utf-8"))

    export = read_export(path)

    assert export.encoding == "utf-8-sig"
    assert export.kind == "excel-csv"
    # The BOM does not stick to the first title.
    assert export.headers[0] == "Tijdstempel"
    assert export.rows[0].cells[1] == "Medewerker Eén"


def test_forms_download_resaved_by_excel_keeps_semicolon_checkboxes(tmp_path: Path) -> None:
    text = (
        "Timestamp;Naam medewerker;Soort actie\r\n"
        "2024/12/03 8:48:17 p.m. CET;Medewerker Een;"
        '"Zorgsignaal;Woning (onderhoud, vocht, schimmel)"\r\n'
    )
    path = tmp_path / "registratie.csv"
    path.write_bytes(text.encode("cp1252"))

    export = read_export(path)

    assert export.kind == "excel-csv"
    assert export.checkbox_separator == ";"


def test_blank_rows_are_skipped_and_counted_with_spreadsheet_numbers(tmp_path: Path) -> None:
    text = (
        "Tijdstempel,Naam medewerker,Opmerkingen\r\n"
        "4-5-2026 10:59:37,Medewerker Een,Eerste\r\n"  # row 2
        ",,\r\n"  # row 3: blank
        '"Eerste\r\nvan twee regels",,\r\n'  # row 4: a two-line cell is one row
        "\r\n"  # row 5: an empty line is a blank row too
        ", ,  \r\n"  # row 6: white space only
        "5-5-2026 9:01:02,Medewerker Twee,Tweede\r\n"  # row 7
        ",,\r\n"  # row 8: after the last data row, not part of the table
    )
    path = tmp_path / "registratie.csv"
    path.write_bytes(text.encode("utf-8"))

    export = read_export(path)

    assert [r.number for r in export.rows] == [2, 4, 7]
    assert export.blank_rows == (3, 5, 6)


def test_trailing_empty_column_is_dropped(tmp_path: Path) -> None:
    text = "Tijdstempel;Naam medewerker;\r\n4-5-2026 10:59;Medewerker Een;\r\n5-5-2026 9:01;;\r\n"
    path = tmp_path / "registratie.csv"
    path.write_bytes(text.encode("cp1252"))

    export = read_export(path)

    assert export.headers == ("Tijdstempel", "Naam medewerker")
    assert all(len(r.cells) == 2 for r in export.rows)


def test_untitled_column_with_values_is_kept(tmp_path: Path) -> None:
    text = "Tijdstempel,Naam medewerker,\r\n4-5-2026 10:59:37,Medewerker Een,gebeld\r\n"
    path = tmp_path / "registratie.csv"
    path.write_bytes(text.encode("utf-8"))

    export = read_export(path)

    assert export.headers == ("Tijdstempel", "Naam medewerker", "")
    assert export.rows[0].cells[2] == "gebeld"


def test_duplicate_titles_are_kept_by_position_and_titles_stripped(tmp_path: Path) -> None:
    rows = [["2024/12/03 8:48:17 p.m. CET", "a", "b", "c", "", "", "persoon", "omgeving", ""]]
    titles = list(TITLES)
    titles[6] = "Belemmeringen "  # a trailing space survives into the header
    text = "\r\n".join(forms_line(r) for r in [titles, *rows])
    path = tmp_path / "registratie.csv"
    path.write_bytes(text.encode("utf-8"))

    export = read_export(path)

    assert export.column_positions("Belemmeringen") == [6, 7]
    assert export.rows[0].cells[6] == "persoon"
    assert export.rows[0].cells[7] == "omgeving"


def test_ragged_rows_are_padded_and_overlong_rows_reported(tmp_path: Path) -> None:
    text = (
        "Tijdstempel,Naam medewerker,Opmerkingen\r\n"
        "4-5-2026 10:59:37,Medewerker Een\r\n"  # short: padded
        "4-5-2026 11:00:00,Medewerker Twee,tekst,,\r\n"  # longer but empty: fine
        "4-5-2026 11:30:00,Medewerker Drie,tekst,geheim extra\r\n"  # longer with a value
    )
    path = tmp_path / "registratie.csv"
    path.write_bytes(text.encode("utf-8"))

    export = read_export(path)

    assert export.rows[0].cells == ("4-5-2026 10:59:37", "Medewerker Een", None)
    assert len(export.rows) == 3
    assert all(len(r.cells) == 3 for r in export.rows)
    [problem] = export.problems
    assert (problem.code, problem.severity, problem.row) == ("extra-cells", "error", 4)
    assert problem.column is None  # it lies outside the header's columns
    assert "from column 4" in problem.message
    assert "geheim" not in problem.message


def test_delimiter_is_not_fooled_by_commas_in_quoted_text(tmp_path: Path) -> None:
    # No timestamp title to go by; quoted notes full of commas, a title with commas.
    text = (
        'Naam medewerker;"Hoe tevreden (1 = slecht, 10 = goed)";Opmerkingen\r\n'
        'Medewerker Een;8;"a, b, c, d, e, f"\r\n'
        "Medewerker Twee;7;x, y, z, w\r\n"
    )
    path = tmp_path / "registratie.csv"
    path.write_bytes(text.encode("utf-8"))

    export = read_export(path)

    assert export.delimiter == ";"
    assert len(export.headers) == 3
    assert export.rows[1].cells[2] == "x, y, z, w"


def test_comma_file_with_semicolons_in_notes(tmp_path: Path) -> None:
    text = (
        "Naam medewerker,Opmerkingen,Cijfer\r\n"
        "Medewerker Een,eerst dit; dan dat; en nog wat,8\r\n"
        'Medewerker Twee,"rustig, tevreden; geen vragen",7\r\n'
    )
    path = tmp_path / "registratie.csv"
    path.write_bytes(text.encode("utf-8"))

    export = read_export(path)

    assert export.delimiter == ","
    assert export.rows[0].cells[1] == "eerst dit; dan dat; en nog wat"


def test_unclosed_quote_names_the_row_not_the_value(tmp_path: Path) -> None:
    text = (
        "Tijdstempel,Naam medewerker,Opmerkingen\r\n"
        "4-5-2026 10:59:37,Medewerker Een,prima\r\n"
        '4-5-2026 11:00:00,Medewerker Twee,"Privé verhaal zonder eind\r\n'
    )
    path = tmp_path / "registratie.csv"
    path.write_bytes(text.encode("utf-8"))

    with pytest.raises(ExportError) as caught:
        read_export(path)

    error = caught.value
    assert (error.code, error.row, error.path) == ("bad-quoting", 3, path)
    assert "Privé" not in str(error)
    assert str(path) in str(error)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty-export"),
        (b"\r\n,,\r\n", "empty-export"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "unsupported-format"),
        (b"PK\x03\x04 not really a zip", "bad-zip"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not-text"),
        (b"Naam\r\n\x81\x8d\x90\r\n", "bad-encoding"),  # neither UTF-8 nor cp1252
    ],
)
def test_unreadable_files_raise_export_error_naming_the_file(
    tmp_path: Path, content: bytes, code: str
) -> None:
    path = tmp_path / "registratie.csv"
    path.write_bytes(content)

    with pytest.raises(ExportError) as caught:
        read_export(path)

    assert caught.value.code == code
    assert str(path) in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        read_export(tmp_path / "weg.csv")
    assert caught.value.code == "not-found"


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        read_export(tmp_path)
    assert caught.value.code == "not-a-file"


@pytest.mark.parametrize(
    ("title", "delimiter"),
    [("Timestamp", ","), ("Marca temporal", ";"), ("Horodateur", "\t"), ("Tijdstempel", ";")],
)
def test_timestamp_title_in_any_ui_language_decides_the_delimiter(
    tmp_path: Path, title: str, delimiter: str
) -> None:
    titles = [title, "Vraag, met komma", "Vraag; met puntkomma"]
    # Only the title holding the delimiter is quoted, as Excel and Sheets write it.
    header = delimiter.join(f'"{t}"' if delimiter in t else t for t in titles)
    path = tmp_path / "registratie.csv"
    path.write_text(header + "\n", encoding="utf-8")

    export = read_export(path)

    assert export.delimiter == delimiter
    assert export.headers[0] == title
    assert len(export.headers) == 3
    assert export.rows == ()


def test_excel_unicode_text_utf16_with_tabs(tmp_path: Path) -> None:
    text = (
        "Tijdstempel\tNaam medewerker\tOpmerkingen\r\n"
        "4-5-2026 10:59\tMedewerker Eén\tZoë, 7 jaar\r\n"
    )
    path = tmp_path / "registratie.txt"
    path.write_bytes(text.encode("utf-16"))

    export = read_export(path)

    assert (export.encoding, export.delimiter, export.kind) == ("utf-16", "\t", "excel-csv")
    assert export.rows[0].cells == ("4-5-2026 10:59", "Medewerker Eén", "Zoë, 7 jaar")


def test_large_file_beyond_the_sniffing_sample(tmp_path: Path) -> None:
    note = "Lange notitie, met komma's; en puntkomma's,\nover meerdere regels. " * 5
    rows = [["4-5-2026 10:59:37", f"Medewerker {i}", note] for i in range(2000)]
    text = "Naam bezoek,Medewerker,Opmerkingen\r\n" + "".join(
        f'{a},{b},"{c}"\r\n' for a, b, c in rows
    )
    path = tmp_path / "registratie.csv"
    path.write_bytes(text.encode("utf-8"))
    assert len(text) > 1 << 16

    export = read_export(path)

    assert export.delimiter == ","
    assert len(export.rows) == 2000
    assert export.rows[-1].number == 2001
    assert export.rows[-1].cells[2] == note  # cells are kept as written, not stripped
