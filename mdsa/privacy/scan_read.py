"""The text of every kind of file ``mdsa scan`` meets, piece by piece, and what it cannot read.

A piece is a CSV cell, a line, a sheet cell, a paragraph of a Word part (body, headers,
footers, comments, notes), a PDF page or its metadata, a PNG text chunk. A file that cannot be
read as what it claims to be raises ``Unscannable`` with a code: the scan reports it, it never
passes over it. Pixels of an image are not read (see the README): a PNG is scanned for its
text chunks and an SVG as text; other binary files are reported as not scanned.
"""

from __future__ import annotations

import csv
import functools
import html
import io
import json
import logging
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

_TAG = re.compile(r"<[^>]+>")
_YEAR = re.compile(r"^((?:19|20)\d\d)(?!\d)")
# Columns whose value dates the row: a birth date is judged against the visit's year.
# The data set generalises the month of a small group to its quarter or half-year (or withholds
# it): the first of these columns with a year in it dates the row.
YEAR_COLUMNS = (
    "visit_month", "visit_quarter", "visit_half_year", "visit_date", "period", "maand",
    "bezoekmaand",
)  # fmt: skip
TEXT_SUFFIXES = {
    ".txt", ".md", ".markdown", ".json", ".jsonl", ".yaml", ".yml", ".ini", ".cfg", ".toml",
    ".gs", ".js", ".py", ".css", ".log", ".rst", ".tex", ".ics", ".vcf", ".eml", ".rtf",
}  # fmt: skip
MARKUP_SUFFIXES = {".html", ".htm", ".xml", ".svg", ".xhtml"}
OFFICE_SUFFIXES = {".docx", ".docm", ".dotx", ".pptx", ".odt", ".ods", ".odp"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
_PARAGRAPH_END = re.compile(r"</(?:w|a|text):p>|</text:h>")
_RUN_TEXT = re.compile(r"<(?:w|a):t(?:\s[^>]*)?>([^<]*)</(?:w|a):t>")
_BREAK = re.compile(r"<w:(?:tab|br|cr)\b[^>]*/>")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class Unscannable(Exception):
    """A file the scan cannot look into; ``code`` is registered in ``mdsa.codes``."""

    def __init__(self, code: str, reason: str) -> None:
        self.code = code
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class Piece:
    location: str
    text: str
    year: int | None = None


@dataclass
class Reading:
    """The pieces of one file, and a problem found on the way (a file not in UTF-8)."""

    pieces: Iterable[Piece]
    problem: Unscannable | None = None


def read_pieces(path: Path) -> Reading:
    """Every piece of text of ``path``; raises ``Unscannable`` when it cannot be read at all."""
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as e:
        raise Unscannable(code="unreadable", reason=f"cannot be read ({type(e).__name__})") from e
    try:
        if suffix in XLSX_SUFFIXES:
            return Reading(list(_xlsx(path, data)))
        if suffix in OFFICE_SUFFIXES:
            return Reading(list(_office(data)))
        if suffix == ".pdf":
            return Reading(list(_pdf(data)))
        if suffix == ".png":
            return Reading(list(_png(data)))
    except Unscannable:
        raise
    except Exception as e:  # a damaged file makes its parser raise anything
        raise Unscannable(
            code="damaged-file",
            reason=f"cannot be opened as a {suffix[1:]} file ({type(e).__name__})",
        ) from e
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unscannable(code="not-scanned", reason="binary data the scan cannot look into")
    problem = None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problem = Unscannable(code="bad-encoding", reason="not UTF-8 text: scanned as Windows-1252")
        text = data.decode("cp1252", errors="replace")
    if suffix in {".csv", ".tsv"}:
        return Reading(list(_csv(text, _delimiter(text, suffix))), problem)
    if suffix == ".json":
        return Reading(list(_json(text)), problem)
    if suffix in MARKUP_SUFFIXES:
        text = _TAG.sub(" ", text)
    return Reading(list(_lines(text)), problem)


def _delimiter(text: str, suffix: str) -> str:
    """The data set's own CSV files (and Dutch Excel's) use ``;``; Google's use ``,``."""
    if suffix == ".tsv":
        return "\t"
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


def _lines(text: str) -> Iterator[Piece]:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield Piece(f"line {number}", line)


def _json(text: str) -> Iterator[Piece]:
    """Each string of a JSON file, as its text ("\\n" read as a line break), by its path."""
    try:
        data = json.loads(text)
    except ValueError:  # not JSON after all: read it as lines
        yield from _lines(text)
        return

    def walk(value: object, path: str) -> Iterator[Piece]:
        if isinstance(value, dict):
            for key, item in value.items():
                yield Piece(f"key at {path}", str(key))
                yield from walk(item, f"{path}.{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, f"{path}[{index}]")
        elif isinstance(value, str) and value.strip():
            yield Piece(f"value {path}", value)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            yield Piece(f"value {path}", str(value))

    yield from walk(data, "$")


def year_of(value: object) -> int | None:
    """The year a cell starts with (``2016-M10``: 2016)."""
    found = _YEAR.match(str(value or ""))
    return int(found[1]) if found else None


def _csv(text: str, delimiter: str) -> Iterator[Piece]:
    try:
        yield from csv_pieces(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:  # a NUL byte or a broken quote: read the rest line by line
        yield from _lines(text)


def csv_pieces(rows: Iterable[Sequence[str]]) -> Iterator[Piece]:
    """The cells of a CSV's rows (the header first) as the scan reads them from the file; the
    privacy gate gives the rows it has just written (``mdsa.privacy.scan.Written``)."""
    header: Sequence[str] = []
    year_columns: list[int] = []
    for number, row in enumerate(rows, start=1):
        if number == 1:
            header = row
            year_columns = csv_year_columns(row)
        year = csv_row_year(row, year_columns) if number > 1 else None
        for index, cell in enumerate(row):
            if cell:
                title = header[index] if index < len(header) and header[index] else index + 1
                yield Piece(f"row {number}, column {title}", cell, year)


def csv_year_columns(header: Sequence[str]) -> list[int]:
    titles = [title.strip() for title in header]
    return [titles.index(t) for t in YEAR_COLUMNS if t in titles]


def csv_row_year(row: Sequence[str], year_columns: list[int]) -> int | None:
    """The year of the first of the row's year columns that has one."""
    return next((y for i in year_columns if i < len(row) and (y := year_of(row[i]))), None)


def _xlsx(path: Path, data: bytes) -> Iterator[Piece]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as e:  # calamine's own errors: a damaged or odd workbook
        raise Unscannable(code="damaged-file", reason="cannot be opened as a workbook") from e
    for sheet_name in workbook.sheet_names:
        rows = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
        yield from sheet_pieces(sheet_name, rows)
    yield from xlsx_parts(io.BytesIO(data))


def sheet_pieces(sheet_name: str, rows: Iterable[Sequence[object]]) -> Iterator[Piece]:
    """The cells of a sheet as calamine gives them (every number a float, an empty cell
    ``""`` or None), from its first row on; the privacy gate gives the rows it has written."""
    year_column: int | None = None
    for number, row in enumerate(rows, start=1):
        if number == 1:
            year_column = sheet_year_column(row)
        year = None
        if year_column is not None and number > 1 and year_column < len(row):
            year = year_of(row[year_column])
        for index, value in enumerate(row):
            text = cell_text(value)
            if text is not None:
                where = f"sheet {sheet_name}, cell {_column_letters(index)}{number}"
                yield Piece(where, text, year)


def sheet_year_column(header: Sequence[object]) -> int | None:
    return next((i for i, v in enumerate(header) if str(v).strip() in YEAR_COLUMNS), None)


def cell_text(value: object) -> str | None:
    """The text the scan reads in a cell as calamine gives it; None for an empty cell."""
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # calamine gives every number as a float: 7, not 7.0
    return str(value)


def xlsx_parts(workbook: Path | IO[bytes]) -> Iterator[Piece]:
    """What a workbook holds outside its cells: comments, drawings, the author in docProps."""
    with zipfile.ZipFile(workbook) as archive:
        for name in sorted(archive.namelist()):
            if name.endswith(".xml") and (
                name.startswith(("xl/comments", "xl/threadedComments/", "xl/drawings/"))
                or name.startswith("docProps/")
            ):
                yield from _xml_part(name, archive.read(name))


def _office(data: bytes) -> Iterator[Piece]:
    """Word, PowerPoint and OpenDocument: the text of every XML part, paragraph by paragraph
    (the body, headers, footers, comments, foot- and endnotes, slides, the document's author)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [n for n in archive.namelist() if n.endswith(".xml")]
        if not names:
            raise Unscannable(code="damaged-file", reason="holds no document text")
        for name in sorted(names, key=lambda n: (n != "word/document.xml", n)):
            yield from _xml_part(name, archive.read(name))


def read_docx_text(data: bytes) -> str:
    """The text of a Word document, a paragraph a line (to check a document before it is
    written, as the scan would find it)."""
    return "\n".join(piece.text for piece in _office(data))


def _xml_part(name: str, raw: bytes) -> Iterator[Piece]:
    xml = raw.decode("utf-8", errors="replace")
    part = "" if name == "word/document.xml" else f"{name} "
    for number, paragraph in enumerate(_PARAGRAPH_END.split(xml), start=1):
        if _RUN_TEXT.search(paragraph):
            # Word splits a word over runs ("Wijn" "hoven"): join the runs' text as written.
            runs = _BREAK.sub("<w:t> </w:t>", paragraph)
            text = "".join(m[1] for m in _RUN_TEXT.finditer(runs))
        else:
            text = _TAG.sub(" ", paragraph)
        if text.strip():
            yield Piece(f"{part}paragraph {number}", html.unescape(text))


def _pdf(data: bytes) -> Iterator[Piece]:
    from pypdf import PdfReader

    # pypdf logs what it repairs ("invalid pdf header"): the finding says it, not a log line.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise Unscannable(code="damaged-file", reason="is encrypted: its text cannot be read")
    for number, page in enumerate(reader.pages, start=1):
        yield Piece(f"page {number}", page.extract_text() or "")
    metadata: dict[str, object] = dict(reader.metadata or {})
    for key, value in metadata.items():
        if isinstance(value, str) and value.strip():
            yield Piece(f"metadata {key.lstrip('/')}", value)


def _png(data: bytes) -> Iterator[Piece]:
    """The text chunks of a PNG (tEXt, zTXt, iTXt): title, author, comments. Not the pixels."""
    if not data.startswith(_PNG_SIGNATURE):
        raise Unscannable(code="damaged-file", reason="is not a PNG image")
    position = len(_PNG_SIGNATURE)
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        if len(body) < length:
            raise Unscannable(code="damaged-file", reason="is a PNG image cut short")
        position += 12 + length
        if kind == b"IEND":
            return
        if kind not in {b"tEXt", b"zTXt", b"iTXt"}:
            continue
        keyword, _, rest = body.partition(b"\x00")
        if kind == b"zTXt":
            rest = zlib.decompress(rest[1:])
        elif kind == b"iTXt":
            compressed, rest = rest[0], rest[2:]
            rest = rest.split(b"\x00", 2)[-1]  # skip language and translated keyword
            rest = zlib.decompress(rest) if compressed else rest
        where = f"text chunk {keyword.decode('latin-1')}"
        yield Piece(where, rest.decode("utf-8" if kind == b"iTXt" else "latin-1", "replace"))
    raise Unscannable(code="damaged-file", reason="is a PNG image without its end")


@functools.lru_cache(maxsize=1024)  # asked for every cell of a sheet
def _column_letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column as Excel names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
