"""``mdsa erase ADDRESS``: a resident's right to erasure (AVG article 17).

The household goes from every private file: the address list, the registrations, and every raw
export in ``private/raw/`` (the one time a raw copy changes: it is rewritten without that
household's rows). Its resident's name, phone and e-mail go from the texts of other visits too.
Then the shared data set is derived again, so no shared file holds the household or its
pseudonym. The erasure register ``private/erasures.csv`` keeps a keyed pseudonym of the address
(another one than the household's pseudonym in ``data/``), never the address, so that a later
``mdsa import`` of an older export skips that household and says so (a count only).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mdsa.errors import MdsaError, ReportError
from mdsa.fileio import atomic_open, read_text, write_bytes
from mdsa.project.addresses import SubareaIndex
from mdsa.project.folder import HOUSEHOLDS_FILE, PRIVATE_DIR, REGISTRATIONS_FILE, Project

if TYPE_CHECKING:
    from mdsa.intake.exports import RawExport
    from mdsa.intake.forms.mapping import FormMapping
    from mdsa.intake.registrations import HouseholdMatcher, Registration

REGISTER_FILE = f"{PRIVATE_DIR}/erasures.csv"
RAW_DIR = f"{PRIVATE_DIR}/raw"
REDACTED = "[verwijderd]"
_IDENTITY = ("address", "resident_name", "resident_phone", "resident_email")
_MIN_VALUE = 4  # shorter values are not replaced in other texts (they would hit words)


class ErasureError(MdsaError):
    code = "erasure"


def erasure_pseudonym(key: bytes, address_key: str) -> str:
    """The register's pseudonym of an address: keyed like the household pseudonym, but with
    its own prefix and input, so it never equals the ``HH-`` code that was in ``data/``."""
    from mdsa.privacy.pseudonyms import pseudonym

    return pseudonym(key, f"erased|{address_key}", prefix="ER")


class ErasureRegister:
    """The pseudonyms of the erased addresses (``private/erasures.csv``)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / REGISTER_FILE
        self.rows: list[dict[str, str]] = []
        if self.path.is_file():
            self.rows = list(csv.DictReader(io.StringIO(read_text(self.path), newline="")))
        self._key: bytes | None = None

    @property
    def key(self) -> bytes:
        from mdsa.privacy.pseudonyms import KEY_FILE, load_or_create_key

        if self._key is None:
            if self.rows and not (self.root / KEY_FILE).is_file():
                # A new key would not recognise the erased households: they would come back.
                raise ErasureError(
                    "the pseudonymisation key is missing, so the erased households cannot be "
                    "recognised; nothing was changed",
                    path=KEY_FILE,
                    hint="restore private/pseudonym.key from a backup",
                )
            self._key = load_or_create_key(self.root)
        return self._key

    def __len__(self) -> int:
        return len(self.rows)

    def __contains__(self, address_key: object) -> bool:
        if not self.rows or not isinstance(address_key, str):
            return False
        wanted = erasure_pseudonym(self.key, address_key)
        return any(row.get("pseudonym") == wanted for row in self.rows)

    def add(self, address_key: str) -> None:
        if address_key in self:
            return  # an erase run again after an interruption
        self.rows.append(
            {
                "erased_at": datetime.now(UTC).date().isoformat(),
                "pseudonym": erasure_pseudonym(self.key, address_key),
            }
        )
        with atomic_open(self.path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["erased_at", "pseudonym"])
            writer.writeheader()
            writer.writerows(self.rows)


def address_key_of(address: str, matcher: HouseholdMatcher) -> str:
    """The address key of an address as typed (``Perronstraat 8``); never echoes it."""
    _, key, household = matcher.match(address)
    if household is not None:
        return household.key
    if key is None:
        raise ErasureError(
            "this is not an address: give the street and the house number, as in the "
            "address list (the address itself is not shown)",
            hint='quote it: mdsa erase "Perronstraat 8"',
        )
    return key


def registration_key(registration: Registration, matcher: HouseholdMatcher) -> str | None:
    """The address key of a visit: its household, else the address as the worker typed it."""
    if registration.household:
        return registration.household
    address = registration.identity.get("address")
    if not address:
        return None
    _, key, _ = matcher.match(address)
    return key


def matcher_for(project: Project) -> HouseholdMatcher:
    from mdsa.intake.registrations import HouseholdMatcher

    index = SubareaIndex(project.config.subareas if project.config else {})
    return HouseholdMatcher(project.households or [], index)


# --- raw exports -------------------------------------------------------------------------


def erased_rows(
    raw: RawExport, mapping: FormMapping, matcher: HouseholdMatcher, keys: set[str]
) -> tuple[set[int], set[str]]:
    """The spreadsheet row numbers of ``raw`` whose address is one of ``keys``, and the
    identifying cells of those rows (to remove from the rest)."""
    from mdsa.intake.forms.mapping import bind

    binding = bind(mapping, raw.headers)
    address_columns = [c.position for c in binding.columns if c.rule.field == "address"]
    identity_columns = [c.position for c in binding.columns if c.rule.field in _IDENTITY]
    rows: set[int] = set()
    values: set[str] = set()
    for row in raw.rows:
        for position in address_columns:
            cell = row.cells[position] if position < len(row.cells) else None
            if cell and matcher.match(cell)[1] in keys:
                rows.add(row.number)
                values |= {
                    v.strip()
                    for p in identity_columns
                    if p < len(row.cells) and (v := row.cells[p]) and v.strip()
                }
    return rows, values


def _redact(text: str, values: Iterable[str]) -> str:
    for value in sorted(values, key=len, reverse=True):
        if len(value) >= _MIN_VALUE:
            # Whole words only: "Perronstraat 3" must not eat into "Perronstraat 37".
            pattern = rf"(?<!\w){re.escape(value)}(?!\w)"
            text = re.sub(pattern, REDACTED, text, flags=re.IGNORECASE)
    return text


def strip_csv(
    data: bytes, encoding: str, delimiter: str, rows: set[int], values: Iterable[str]
) -> bytes:
    """The CSV without the records numbered ``rows`` (header = 1), ``values`` redacted in the
    rest; the same encoding, delimiter, quoting style and line ending."""
    from mdsa.intake.exports import csvtext

    text = data.decode(encoding).removeprefix("\ufeff")
    values = list(values)
    quoted = csvtext.fully_quoted_header(text, delimiter)
    ending = "\r\n" if "\r\n" in text else "\n"
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=delimiter,
        quoting=csv.QUOTE_ALL if quoted else csv.QUOTE_MINIMAL,
        lineterminator=ending,
    )
    for number, record in enumerate(
        csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1
    ):
        if number not in rows:
            writer.writerow([_redact(cell, values) for cell in record])
    bom = "\ufeff" if encoding == "utf-8-sig" else ""
    out_encoding = "utf-8" if encoding == "utf-8-sig" else encoding
    return (bom + buffer.getvalue()).encode(out_encoding, errors="replace")


def strip_export(data: bytes, raw: RawExport, rows: set[int], values: Iterable[str]) -> bytes:
    """The export file ``data`` without the given rows, in its own format."""
    values = list(values)
    if raw.kind == "xlsx":
        return _strip_xlsx(data, raw.member, rows, values)
    if raw.kind == "zip":
        import zipfile

        source = zipfile.ZipFile(io.BytesIO(data))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                content = source.read(info.filename)
                if info.filename == raw.member:
                    content = strip_csv(
                        content, raw.encoding or "utf-8", raw.delimiter or ",", rows, values
                    )
                target.writestr(info, content)
        return buffer.getvalue()
    return strip_csv(data, raw.encoding or "utf-8", raw.delimiter or ",", rows, values)


def _strip_xlsx(data: bytes, sheet: str | None, rows: set[int], values: Sequence[str]) -> bytes:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data))
    worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
    for number in sorted(rows, reverse=True):
        worksheet.delete_rows(number)
    for row in worksheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.value = _redact(cell.value, values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class RawRewrite:
    """What erasing does to one raw export: its new content, checked."""

    path: Path
    name: str
    rows: int
    data: bytes = b""


def plan_raw_exports(
    root: Path, mapping: FormMapping, matcher: HouseholdMatcher, keys: set[str]
) -> tuple[list[tuple[Path, RawExport, set[int]]], set[str]]:
    """Every raw copy in ``private/raw/`` with the rows of ``keys`` in it, and the
    identifying cells of those rows."""
    from mdsa.intake.exports import read_export

    raw_dir = root / RAW_DIR
    files = sorted(p for p in raw_dir.iterdir() if p.is_file()) if raw_dir.is_dir() else []
    plans = []
    values: set[str] = set()
    for path in files:
        raw = read_export(path, expected_titles=mapping.titles())
        rows, found = erased_rows(raw, mapping, matcher, keys)
        values |= found
        plans.append((path, raw, rows))
    return plans, values


def rewrite_raw_exports(
    root: Path,
    plans: list[tuple[Path, RawExport, set[int]]],
    values: set[str],
    mapping: FormMapping,
    matcher: HouseholdMatcher,
    keys: set[str],
) -> list[RawRewrite]:
    """The new content of each raw copy that changes (its rows of ``keys`` removed, ``values``
    redacted), each read back to check that none of those rows is left. Writes nothing."""
    changed: list[RawRewrite] = []
    for path, raw, rows in plans:
        data = path.read_bytes()
        stripped = strip_export(data, raw, rows, values)
        if stripped == data:
            continue
        left, _ = erased_rows(_read_back(path, stripped, mapping), mapping, matcher, keys)
        if left:  # pragma: no cover - a format the rewrite does not handle
            raise ErasureError(
                "a raw export could not be rewritten without the household; nothing was changed",
                path=path.relative_to(root),
            )
        name = path.relative_to(root).as_posix()
        changed.append(RawRewrite(path=path, name=name, rows=len(rows), data=stripped))
    return changed


def _read_back(path: Path, data: bytes, mapping: FormMapping) -> RawExport:
    import tempfile

    from mdsa.intake.exports import read_export

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        copy.write_bytes(data)
        return read_export(copy, expected_titles=mapping.titles())


# --- the address list and the registrations ----------------------------------------------


def strip_households(root: Path, rows: set[int]) -> bytes | None:
    """``households.csv`` without the given rows (header = 1), in its own encoding."""
    path = root / HOUSEHOLDS_FILE
    if not rows or not path.is_file():
        return None
    data = path.read_bytes()
    try:
        encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
        data.decode(encoding)
    except UnicodeDecodeError:
        encoding = "cp1252"
    text = data.decode(encoding)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return strip_csv(data, encoding, delimiter, rows, ())


def redact_registration(registration: Registration, values: Iterable[str]) -> bool:
    """Remove ``values`` from the texts of another visit; True when something changed."""
    values = list(values)
    changed = False
    for name, value in list(registration.answers.items()):
        if isinstance(value, str) and name.startswith("text."):
            new = _redact(value, values)
            if new != value:
                registration.answers[name] = new
                changed = True
    for name, pieces in registration.other.items():
        new_pieces = [_redact(p, values) for p in pieces]
        if new_pieces != pieces:
            registration.other[name] = new_pieces
            changed = True
    return changed


def identity_values(registrations: Iterable[Registration]) -> set[str]:
    """The resident's name (and surname), phone, e-mail and address of these visits."""
    values: set[str] = set()
    for registration in registrations:
        for name in _IDENTITY:
            value = (registration.identity.get(name) or "").strip()
            if value:
                values.add(value)
                if name == "resident_name" and " " in value:
                    values.add(value.rsplit(" ", 1)[1])  # the surname on its own
    return values


@dataclass
class EraseResult:
    visits: int = 0
    households_rows: int = 0
    raw_files: list[RawRewrite] = field(default_factory=list)
    redacted_visits: int = 0
    rederived: list[str] = field(default_factory=list)
    scan_findings: int | None = None
    erasures: int = 0
    access_reports: int = 0
    actions: int = 0  # rows of private/actions.csv about the household, removed
    leftovers: list[str] = field(default_factory=list)

    @property
    def raw_rows(self) -> int:
        return sum(r.rows for r in self.raw_files)

    def counts(self) -> dict[str, int]:
        return {
            "visits": self.visits,
            "households_rows": self.households_rows,
            "raw_files": len(self.raw_files),
            "raw_rows": self.raw_rows,
            "redacted_visits": self.redacted_visits,
            "access_reports": self.access_reports,
            "actions": self.actions,
            "erasures": self.erasures,
            "leftover_files": len(self.leftovers),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.counts(),
            "raw": [{"file": r.name, "rows": r.rows} for r in self.raw_files],
            "rederived": self.rederived,
            "leftovers": self.leftovers,
            "scan_findings": self.scan_findings,
        }


def erase(project: Project, address: str) -> EraseResult:
    """Erase the household at ``address`` from every file of the project (see the module)."""
    from mdsa.intake.registrations import load_registrations, save_registrations
    from mdsa.phases.visits import load_form_mapping

    root = project.root
    matcher = matcher_for(project)
    key = address_key_of(address, matcher)
    register = ErasureRegister(root)
    registrations = load_registrations(root / REGISTRATIONS_FILE)
    theirs = [r for r in registrations if registration_key(r, matcher) == key]
    rest = [r for r in registrations if registration_key(r, matcher) != key]
    household_rows = {h.row for h in project.households or [] if h.key == key}
    raw_dir = root / RAW_DIR
    has_raw = raw_dir.is_dir() and any(raw_dir.iterdir())
    mapping = load_form_mapping(root) if has_raw else None
    plans: list[tuple[Path, RawExport, set[int]]] = []
    values = identity_values(theirs)
    if mapping is not None:
        plans, raw_values = plan_raw_exports(root, mapping, matcher, {key})
        values |= raw_values
    if not theirs and not household_rows and not any(rows for _, _, rows in plans):
        if key in register:
            raise ErasureError(
                "this household was erased before; nothing is left of it",
                path=REGISTER_FILE,
            )
        raise ErasureError(
            "no household at this address in private/ (the address list, the registrations "
            "and the raw exports); nothing was changed",
            hint="check the street and the house number (the address itself is not shown)",
        )
    raw_files = rewrite_raw_exports(root, plans, values, mapping, matcher, {key}) if mapping else []
    # Everything is worked out; now write, the register first (so an interrupted erase is
    # finished by running it again, and an import in between already skips the household).
    result = EraseResult(visits=len(theirs), households_rows=len(household_rows))
    register.add(key)
    result.erasures = len(register)
    for rewrite in raw_files:
        write_bytes(rewrite.path, rewrite.data)
    result.raw_files = raw_files
    result.redacted_visits = sum(redact_registration(r, values) for r in rest)
    save_registrations(root / REGISTRATIONS_FILE, rest)
    stripped = strip_households(root, household_rows)
    if stripped is not None:
        write_bytes(root / HOUSEHOLDS_FILE, stripped)
    result.access_reports = remove_access_reports(root, key)
    from mdsa.privacy.pseudonyms import pseudonym

    result.actions = remove_actions(root, pseudonym(register.key, key))
    result.rederived = rederive(root)

    traces = {v for v in values if len(v) >= _MIN_VALUE} | {pseudonym(register.key, key)}
    result.leftovers = leftovers(root, traces)
    return result


def leftovers(root: Path, values: Iterable[str]) -> list[str]:
    """The files outside ``private/`` that still hold one of ``values`` (the erased
    household's identifiers and its old pseudonym): documents made from the data set before
    the erasure, which ``erase`` cannot make again. Text files, and the XML inside zip-based
    files (xlsx, docx), are searched as they are; other binary files (PDF) are not."""
    import zipfile

    wanted = [v.casefold() for v in values if v]
    found: list[str] = []
    private = (root / PRIVATE_DIR).resolve()
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.resolve().is_relative_to(private):
            continue
        if path.name == "private.locked" or ".venv" in path.parts or ".git" in path.parts:
            continue
        try:
            data = path.read_bytes()
            texts = [data]
            if data.startswith(b"PK\x03\x04"):
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    texts = [archive.read(n) for n in archive.namelist() if not n.endswith("/")]
        except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError):
            continue
        text = "\n".join(t.decode("utf-8", errors="ignore") for t in texts).casefold()
        if any(value in text for value in wanted):
            found.append(path.relative_to(root).as_posix())
    return found


def remove_actions(root: Path, household: str) -> int:
    """Drop the household's rows from private/actions.csv, leaving every other row (hand
    edits included) exactly as it was; the number removed."""
    import csv
    import io

    from mdsa.fileio import write_text
    from mdsa.phases.actions import ACTIONS_FILE

    path = root / ACTIONS_FILE
    if not path.is_file():
        return 0
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    delimiter = (
        ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    )
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows or "household" not in rows[0]:
        return 0
    column = rows[0].index("household")
    kept = [rows[0]] + [r for r in rows[1:] if not (len(r) > column and r[column] == household)]
    removed = len(rows) - len(kept)
    if removed:
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter).writerows(kept)
        write_text(path, "\ufeff" + out.getvalue())
    return removed


def remove_access_reports(root: Path, address_key: str) -> int:
    """Delete the household's personal reports (``mdsa access``) from ``private/inzage/``."""
    from mdsa.privacy.access import ACCESS_DIR, report_code
    from mdsa.privacy.pseudonyms import load_or_create_key

    folder = root / ACCESS_DIR
    if not folder.is_dir():
        return 0
    code = report_code(load_or_create_key(root), address_key)
    reports = list(folder.glob(f"inzage-{code}-*"))
    for path in reports:
        path.unlink()
    return len(reports)


def rederive(root: Path) -> list[str]:
    """Derive again what was made from the registrations: the community worker's matches, the
    shared data set, and the aggregate and the partners' action list when they were made."""
    from mdsa.intake.registrations import load_registrations
    from mdsa.phases.matching import MATCHES_FILE
    from mdsa.privacy.anonymise import REVIEW_FILE, TEXT_BLOCKS_FILE, VISITS_FILE
    from mdsa.project.folder import load_project

    written: list[str] = []
    if (root / MATCHES_FILE).is_file():  # the community worker's matches name residents
        from mdsa.phases.matching import last_per_resident, match

        made = match(load_project(root)[0], per_resident=last_per_resident(root))
        written += [str(f.relative_to(root)) for f in made.files]
    if not (root / VISITS_FILE).is_file():
        return written
    project, _ = load_project(root)
    if not load_registrations(root / REGISTRATIONS_FILE):
        for name in (VISITS_FILE, TEXT_BLOCKS_FILE, REVIEW_FILE, "output/aggregate.json"):
            (root / name).unlink(missing_ok=True)
        return written
    written += _publish_data_set(project)
    if (root / "output" / "aggregate.json").is_file():
        from mdsa.phases.picture import aggregate

        written += aggregate(project).files
    from mdsa.phases.actions import SHARED_XLSX

    if (root / SHARED_XLSX).is_file():  # the partners' action list, made before the erasure
        from mdsa.phases.actions_export import export_actions

        written += export_actions(project).files
    return written


def _publish_data_set(project: Project) -> list[str]:
    """The data set derived again through the privacy gate, as ``mdsa anonymise`` does it.

    When the gate refuses the new data set, the old one cannot stay either: it still holds the
    erased household. Its files are removed and the refusal is passed on, so the project leader
    corrects the finding and anonymises again."""
    from mdsa.privacy.anonymise import DATA_DIR, published_files
    from mdsa.privacy.gate import DataSetLeakError, anonymise_and_publish

    try:
        published = anonymise_and_publish(project, scan_rest=False)  # erase scans it all
    except DataSetLeakError as refused:
        for name in published_files():
            (project.root / name).unlink(missing_ok=True)
        raise ReportError(
            "the household is erased from private/, but the new data set holds "
            f"{len(refused.scan.findings)} possible identifier(s), so it was not published; "
            f"the old data set was removed from {DATA_DIR}/, as it still held the household",
            refused.report,
            code="privacy",
            path=refused.path,
            hint=refused.hint,
        ) from refused
    return published.anonymised.files


def skip_erased(
    root: Path,
    raw: RawExport,
    mapping: FormMapping,
    data: bytes,
    registrations: list[Registration],
    matcher: HouseholdMatcher,
) -> tuple[list[Registration], set[int], bytes]:
    """For ``mdsa import``: the visits of an export without those of erased households, the
    rows skipped, and the export's bytes to keep in ``private/raw/`` (without those rows)."""
    register = ErasureRegister(root)
    if not len(register):
        return registrations, set(), data
    kept: list[Registration] = []
    skipped: set[int] = set()
    for registration in registrations:
        key = registration_key(registration, matcher)
        if key is not None and key in register:
            skipped.add(registration.row)
        else:
            kept.append(registration)
    if not skipped:
        return kept, skipped, data
    from mdsa.intake.forms.mapping import bind

    binding = bind(mapping, raw.headers)
    columns = [c.position for c in binding.columns if c.rule.field in _IDENTITY]
    values = {
        value.strip()
        for row in raw.rows
        if row.number in skipped
        for p in columns
        if p < len(row.cells) and (value := row.cells[p]) and value.strip()
    }
    values |= identity_values(r for r in registrations if r.row in skipped)
    for registration in kept:
        redact_registration(registration, values)
    return kept, skipped, strip_export(data, raw, skipped, values)
