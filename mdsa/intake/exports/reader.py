"""``read_export``: any Google Forms export file in, one clean raw table out."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from mdsa.intake.exports import csvtext
from mdsa.intake.exports.model import ExportError, ExportKind, RawExport
from mdsa.intake.exports.table import TIMESTAMP_TITLES, Table, build_table
from mdsa.intake.exports.values import looks_like_forms_download_timestamp

FORMS_SEPARATOR = ";"
SHEET_SEPARATOR = ", "
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SAMPLE_ROWS = 20
_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def read_export(
    path: Path | str,
    *,
    expected_titles: Iterable[str] = (),
    sheet: str | None = None,
) -> RawExport:
    """Read a Forms download (zip or CSV), the linked sheet's CSV or XLSX, or an Excel CSV.

    The kind of file is told by its content, not its name. ``expected_titles`` (question
    titles from ``forms.yaml``) help pick the responses sheet of a workbook when the header
    does not start with the timestamp column; ``sheet`` names the sheet outright. A file named
    ``.xlsx`` must be a workbook, and a zip must hold one CSV: mdsa never picks one of several.
    Raises ``ExportError`` when the file cannot be read; problems that do not stop the import
    are in ``RawExport.problems``.
    """
    path = Path(path)
    expected = [t for t in expected_titles if t.strip()]
    data = _read_bytes(path)
    if data.startswith(_OLE_MAGIC):
        raise ExportError(
            "this is an old Excel .xls workbook, which cannot be read",
            path=path,
            code="unsupported-format",
            hint="save it as .xlsx or CSV UTF-8",
        )
    workbook_name = path.suffix.casefold() in _WORKBOOK_SUFFIXES
    if workbook_name and not data.startswith(_ZIP_MAGIC):
        raise _not_a_workbook(path)
    if data.startswith(_ZIP_MAGIC):
        archive = _open_zip(data, path, workbook_name)
        names = archive.namelist()
        if workbook_name and "xl/workbook.xml" not in names:
            raise _not_a_workbook(path)
        if "xl/workbook.xml" in names:
            from mdsa.intake.exports.xlsx import read_xlsx

            name, table = read_xlsx(data, path, expected_titles=expected, sheet=sheet)
            return _export(path, name, "xlsx", None, None, table, SHEET_SEPARATOR)
        if "mimetype" in names and "content.xml" in names:
            raise ExportError(
                "this is an OpenDocument spreadsheet (.ods), which cannot be read",
                path=path,
                code="unsupported-format",
                hint="save it as .xlsx or CSV UTF-8",
            )
        return _read_zip(archive, path)
    encoding = csvtext.detect_encoding(data, path)
    text, whole = csvtext.sample(data, encoding)
    delimiter = csvtext.detect_delimiter(text, whole)
    table = build_table(csvtext.records(data, encoding, delimiter, path), path)
    kind: ExportKind
    if encoding != "utf-8" or delimiter != ",":
        kind = "excel-csv"
    elif csvtext.fully_quoted_header(text, delimiter):
        kind = "forms-csv"
    else:
        kind = "sheet-csv"
    return _export(path, None, kind, encoding, delimiter, table, _separator(kind, table))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as error:
        raise ExportError("the file does not exist", path=path, code="not-found") from error
    except IsADirectoryError as error:
        raise ExportError(
            "this is a folder; give the downloaded file", path=path, code="not-a-file"
        ) from error
    except OSError as error:
        raise ExportError(
            f"the file cannot be read ({error.strerror})", path=path, code="unreadable"
        ) from error


def _not_a_workbook(path: Path) -> ExportError:
    return ExportError(
        f"this file is named {path.suffix} but is not an Excel workbook",
        path=path,
        code="not-a-workbook",
        hint="download the responses again as .xlsx, or give the file its real extension "
        "(a CSV: .csv)",
    )


def _open_zip(data: bytes, path: Path, workbook: bool) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        if workbook:
            raise ExportError(
                "the workbook is damaged or incomplete; download it again",
                path=path,
                code="bad-xlsx",
            ) from error
        raise ExportError(
            "the zip file is damaged or incomplete; download it again",
            path=path,
            code="bad-zip",
        ) from error


def _read_zip(archive: zipfile.ZipFile, path: Path) -> RawExport:
    members = [
        info.filename
        for info in archive.infolist()
        if not info.is_dir()
        and info.filename.lower().endswith(".csv")
        and not info.filename.startswith("__MACOSX/")
    ]
    if not members:
        raise ExportError(
            "the zip holds no CSV file; expected the download from Google Forms",
            path=path,
            code="no-csv-in-zip",
        )
    if len(members) > 1:
        # Forms' download holds one CSV: a zip with more was made by hand, and picking one of
        # them would import a file the user did not choose.
        raise ExportError(
            f"the zip holds {len(members)} CSV files ({', '.join(sorted(members))}); "
            "mdsa does not choose one",
            path=path,
            code="several-csv-in-zip",
            hint="unpack it and import the responses CSV itself",
        )
    member = members[0]
    member_path = path / member
    try:
        data = archive.read(member)
    except (RuntimeError, NotImplementedError, zipfile.BadZipFile, OSError) as error:
        raise ExportError(
            f"{member!r} in the zip cannot be extracted (damaged or encrypted)",
            path=path,
            code="bad-zip",
        ) from error
    encoding = csvtext.detect_encoding(data, member_path)
    text, whole = csvtext.sample(data, encoding)
    delimiter = csvtext.detect_delimiter(text, whole)
    table = build_table(csvtext.records(data, encoding, delimiter, member_path), member_path)
    separator = (
        FORMS_SEPARATOR
        if csvtext.fully_quoted_header(text, delimiter)
        else _separator("sheet-csv", table)
    )
    return _export(path, member, "zip", encoding, delimiter, table, separator)


def _separator(kind: ExportKind, table: Table) -> str:
    """The checkbox separator: ``;`` in the Forms download, ``, `` in the linked sheet.

    A CSV saved again by Excel keeps the timestamps of its origin as text when Excel cannot
    read them as dates, which is the case for the Forms download's ``... p.m. CET``.
    """
    if kind == "forms-csv":
        return FORMS_SEPARATOR
    columns = [i for i, title in enumerate(table.headers) if title.casefold() in TIMESTAMP_TITLES]
    for row in table.rows[:_SAMPLE_ROWS]:
        for column in columns or [0]:
            value = row.cells[column]
            if value is not None:
                if looks_like_forms_download_timestamp(value):
                    return FORMS_SEPARATOR
                return SHEET_SEPARATOR
    return SHEET_SEPARATOR


def _export(
    path: Path,
    member: str | None,
    kind: ExportKind,
    encoding: str | None,
    delimiter: str | None,
    table: Table,
    separator: str,
) -> RawExport:
    return RawExport(
        source=path,
        member=member,
        kind=kind,
        encoding=encoding,
        delimiter=delimiter,
        headers=table.headers,
        rows=table.rows,
        blank_rows=table.blank_rows,
        checkbox_separator=separator,
        problems=table.problems,
    )
