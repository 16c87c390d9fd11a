"""Read a CSV export: detect its encoding and delimiter and parse it with the csv module."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from mdsa.intake.exports.model import ExportError
from mdsa.intake.exports.table import TIMESTAMP_TITLES

DELIMITERS = (",", ";", "\t")
_SNIFF_RECORDS = 50
_SNIFF_BYTES = 1 << 16
_CHUNK = 1 << 20
_FIRST_TITLE = re.compile(
    r'\s*"?(?:' + "|".join(re.escape(t) for t in sorted(TIMESTAMP_TITLES)) + r')\s*"?([,;\t])',
    re.IGNORECASE,
)


def detect_encoding(data: bytes, path: Path) -> str:
    """A BOM decides; else UTF-8 when every byte fits, else cp1252 (Dutch Excel's "CSV")."""
    if data.startswith(codecs.BOM_UTF8):
        _check(data, "utf-8-sig", path)
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        _check(data, "utf-16", path)
        return "utf-16"
    if b"\x00" in data:
        raise ExportError(
            "this is not a text file; expected a CSV, XLSX or the zip from Google Forms",
            path=path,
            code="not-text",
        )
    try:
        _check(data, "utf-8", path)
    except ExportError:
        _check(data, "cp1252", path)
        return "cp1252"
    return "utf-8"


def _check(data: bytes, encoding: str, path: Path) -> None:
    """Decode in chunks and throw the text away: the file is read again as a stream."""
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    try:
        for start in range(0, len(view), _CHUNK):
            decoder.decode(view[start : start + _CHUNK], final=start + _CHUNK >= len(view))
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        raise ExportError(
            f"the file cannot be read as {encoding} text",
            path=path,
            code="bad-encoding",
            hint="save it again as CSV UTF-8",
        ) from error


def sample(data: bytes, encoding: str) -> tuple[str, bool]:
    """The text of the first 64 KiB, and whether that is the whole file."""
    decoder = codecs.getincrementaldecoder(encoding)()
    whole = len(data) <= _SNIFF_BYTES
    text = decoder.decode(data[:_SNIFF_BYTES], final=whole)
    return text.removeprefix("\ufeff"), whole


def detect_delimiter(text: str, whole: bool = True) -> str:
    """``,``, ``;`` or tab, judged on parsed records, so quoted commas do not count.

    A known first title (``Tijdstempel;``) decides at once. Otherwise the delimiter that
    splits the first records into the same number of cells as the header wins, the widest
    header breaking ties; a file with one column is read with ``,``.
    """
    if match := _FIRST_TITLE.match(text):
        return match[1]
    best: tuple[float, int] = (0.0, 1)
    chosen = ","
    for delimiter in DELIMITERS:
        parsed = list(islice(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 500))
        if not whole:
            parsed = parsed[:-1]  # the sample may end inside a record
        records = [r for r in parsed if any(c.strip() for c in r)][:_SNIFF_RECORDS]
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        rest = records[1:]
        consistent = sum(1 for r in rest if len(r) == width) / len(rest) if rest else 1.0
        if (consistent, width) > best:
            best, chosen = (consistent, width), delimiter
    return chosen


def fully_quoted_header(text: str, delimiter: str) -> bool:
    """True when every title of the first line is quoted, as the Forms download writes it."""
    line = text.split("\n", 1)[0].rstrip("\r")
    quoted = r'"(?:[^"]|"")*"'
    return re.fullmatch(rf"{quoted}(?:{re.escape(delimiter)}{quoted})*", line) is not None


def records(data: bytes, encoding: str, delimiter: str, path: Path) -> Iterator[list[str]]:
    """Parse records strictly: a quote that does not close is an error naming the row.

    The bytes are decoded as a stream, so the whole text is never held in memory at once.
    """
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
    count = 0
    try:
        for record in reader:
            count += 1
            yield record
    except csv.Error as error:
        reason = str(error)
        if "unexpected end of data" in reason:
            message = "a quoted cell is not closed before the end of the file"
        elif "field larger than field limit" in reason:
            message = "a cell is implausibly long: probably a quote that is not closed"
        else:
            message = "the quotes in this row are not valid CSV"
        raise ExportError(
            message,
            path=path,
            code="bad-quoting",
            row=count + 1,
            hint="open the file in a spreadsheet program and save it again as CSV",
        ) from error
