"""The reader layer of the import: any Google Forms export file into a clean raw table.

``read_export`` reads the Forms download (zip or CSV), the linked sheet's CSV or XLSX and CSVs
saved again by Dutch Excel; the value parsers turn the cells of every path into one form.
Nothing here knows ``forms.yaml``: mapping titles to fields is the importer's job.
"""

from mdsa.intake.exports.choices import split_choices
from mdsa.intake.exports.model import ExportError, ExportKind, RawExport, RawProblem, RawRow
from mdsa.intake.exports.reader import FORMS_SEPARATOR, SHEET_SEPARATOR, read_export
from mdsa.intake.exports.table import TIMESTAMP_TITLES
from mdsa.intake.exports.values import (
    normalise_phone,
    parse_date,
    parse_number,
    parse_timestamp,
    project_timezone,
)

__all__ = [
    "FORMS_SEPARATOR",
    "SHEET_SEPARATOR",
    "TIMESTAMP_TITLES",
    "ExportError",
    "ExportKind",
    "RawExport",
    "RawProblem",
    "RawRow",
    "normalise_phone",
    "parse_date",
    "parse_number",
    "parse_timestamp",
    "project_timezone",
    "read_export",
    "split_choices",
]
