"""``mdsa anonymise``: the only way data leaves ``private/``.

Writes ``data/visits.csv`` (one row per visit: household pseudonym, subarea, visit period and
the closed answers as option codes, quasi-identifiers generalised where a combination is rarer
than the project's ``min_group_size``), ``data/text_blocks.csv`` (one row per open answer,
scrubbed of names, addresses, phone numbers and other identifiers), ``data/codebook.csv``, and
the same tables as ``data/visits.xlsx`` and ``data/text_blocks.xlsx`` (each with its codebook
sheet). The format of every value is in ``mdsa.privacy.dataset``. Every replacement is listed
in context in ``private/review/scrub-review.csv`` so the project leader can check it.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mdsa.errors import InputFileError, MdsaError
from mdsa.fileio import atomic_open, reading_error
from mdsa.intake.forms.mapping import FORMS_FILE, IDENTIFYING_FIELDS, FormMapping, load_mapping
from mdsa.intake.registrations import Registration, iter_registrations
from mdsa.privacy.codebook import (
    CATEGORY_LABELS,
    CODEBOOK_FILE,
    CODEBOOK_HEADER,
    COLUMN_LABELS,
    TEXT_BLOCKS,
    VISITS,
    ClosedColumn,
    closed_columns,
    codebook,
)
from mdsa.privacy.dataset import (
    MISSING_MARKERS,
    MULTI_SEPARATOR,
    NOT_ANSWERED,
    NOT_ASKED,
    OTHER,
    PERIOD_COLUMNS,
    WITHHELD,
    YEARS_BANDS,
    YEARS_COLUMNS,
    band,
    coarse_band,
    periods,
    write_table,
)
from mdsa.privacy.known import KnownIdentifiers, collect_known
from mdsa.privacy.parallel import default_workers, in_child, iter_scrubbed, map_forked
from mdsa.privacy.pseudonyms import load_or_create_key, pseudonym
from mdsa.privacy.scan import Written
from mdsa.project.folder import REGISTRATIONS_FILE, Project
from mdsa.report import Report

if TYPE_CHECKING:
    from mdsa.privacy.scan_detect import Detector, Scope
    from mdsa.privacy.scrub import Scrubber

DATA_DIR = "data"
VISITS_FILE = f"{DATA_DIR}/visits.csv"
TEXT_BLOCKS_FILE = f"{DATA_DIR}/text_blocks.csv"
VISITS_XLSX = f"{DATA_DIR}/visits.xlsx"
TEXT_BLOCKS_XLSX = f"{DATA_DIR}/text_blocks.xlsx"
REVIEW_FILE = "private/review/scrub-review.csv"

# The four blocks of the handbook, then talents and remarks; other text.* fields follow.
TEXT_CATEGORIES = (
    "person_obstacles",
    "person_opportunities",
    "environment_obstacles",
    "environment_opportunities",
    "talents",
    "remarks",
)
QUASI_IDENTIFIERS = ("age_group", "household_type", "years_in_neighbourhood")
# The columns whose combination must not be rare; the coarser columns of a scheme follow
# from the finer ones, so they add nothing an outsider could not work out.
KEY_COLUMNS = ("subarea", *PERIOD_COLUMNS, "age_group", "household_type", *YEARS_COLUMNS)
FIRST_COLUMNS = ("household", *KEY_COLUMNS)
BLOCK_COLUMNS = ("household", "subarea", *PERIOD_COLUMNS, "category", "cards", "text", "field")


@dataclass
class AnonymiseResult:
    visits: int = 0
    text_blocks: int = 0
    generalised: int = 0
    replacements: Counter[str] = dataclasses.field(default_factory=Counter)
    replacements_by_category: dict[str, Counter[str]] = dataclasses.field(default_factory=dict)
    files: list[str] = dataclasses.field(default_factory=list)
    # The cells of each data set file as written, and the identifiers the registrations hold:
    # what the privacy gate scans, and what it looks for.
    written: dict[str, Written] = dataclasses.field(default_factory=dict, repr=False)
    known: KnownIdentifiers | None = dataclasses.field(default=None, repr=False)
    # The privacy gate's detector, which has looked at every scrubbed note in the workers.
    detector: Detector | None = dataclasses.field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "visits": self.visits,
            "text_blocks": self.text_blocks,
            "generalised": self.generalised,
            "replacements": dict(self.replacements),
            "replacements_by_category": {
                k: dict(v) for k, v in sorted(self.replacements_by_category.items())
            },
            "files": self.files,
        }


def make_scrubber(
    project: Project,
    registrations: Iterable[Registration],
    known: KnownIdentifiers | None = None,
) -> Scrubber:
    """A scrubber that knows this project's own identifiers and the words it must keep;
    ``known``, when given, is what ``collect_known`` found (then ``registrations`` is not read)."""
    from mdsa.privacy.known import collect_known
    from mdsa.privacy.scrub import Scrubber

    if known is None:
        known = collect_known(project, registrations)  # the same collector as mdsa scan
    addresses = {f"{a.street} {a.number}" for a in known.addresses} | known.typed_addresses
    keep: set[str] = set()
    if project.config:
        keep |= {project.config.neighbourhood, *project.config.subareas}
        if project.config.municipality:
            keep.add(project.config.municipality)
        keep |= set(project.config.keep_words)  # organisations and places named in mdsa.yaml
    keep |= set(project.organisation_names())
    return Scrubber(
        min_group_size=project.config.min_group_size if project.config else 5,
        known_names=known.residents | known.workers,
        known_streets=known.streets,
        known_addresses=addresses,
        known_phones=known.phones,
        keep_words=keep,
    )


def anonymise(
    project: Project,
    *,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
    data_dir: Path | None = None,
    detector: Callable[[KnownIdentifiers], Detector] | None = None,
    scope: Scope = "data",
) -> AnonymiseResult:
    """The shareable data set in data/ from private/registrations.jsonl. ``progress`` is told
    (notes scrubbed, notes in all); ``workers`` processes scrub them (default: one per core
    for large projects, see ``mdsa.privacy.parallel``). ``data_dir`` writes the data set
    elsewhere: the privacy gate (``mdsa.privacy.gate``) gives a staging folder in private/ and
    scans it before anything reaches data/; it also gives ``detector``, which makes its
    detector from the identifiers found: the workers that scrub the notes look at each
    scrubbed note with it (as the gate's scan will, in ``scope``), and it is returned in the
    result."""
    path = project.root / REGISTRATIONS_FILE
    if next(iter_registrations(path), None) is None:
        raise MdsaError(
            "there are no registrations to anonymise yet",
            path=path,
            hint="import the Google Forms export first: mdsa import EXPORT",
        )
    mapping = _mapping(project)
    closed = closed_columns(mapping)
    key = load_or_create_key(project.root)
    min_group = project.config.min_group_size if project.config else 5
    result = AnonymiseResult()
    # One pass over the registrations, in parts over the machine's cores (see _read_visits).
    rows, notes, result.known = _read_visits(
        project, path, _RowBuilder(key, closed, mapping.fields()), workers
    )
    # A subarea typed on the form that mdsa.yaml does not know is free text: it may be anything
    # (a street, a name). It is shared as 'other', never as typed.
    known_subareas = set(project.config.subareas) if project.config else set()
    for row in rows:
        if row["subarea"] not in known_subareas and row["subarea"] not in MISSING_MARKERS:
            row["subarea"] = OTHER
    result.generalised = _generalise(rows, min_group)
    columns = _visit_columns(rows, closed)
    scrubber = make_scrubber(project, (), result.known)
    root = project.root
    blocks: list[dict[str, str]] = []
    # The notes are scrubbed over the machine's cores; the review and the text blocks are
    # made here as the results come back (in order), then the files in one pass.
    jobs = [
        (row, category, field_name, text)
        for row, texts in zip(rows, notes, strict=True)
        for category, field_name, text in texts
    ]
    if detector is not None:
        result.detector = detector(result.known)
        result.detector.load_word_lists()  # once, for every worker forked from here on
    scrubbed_texts = iter_scrubbed(
        scrubber,
        [text for *_, text in jobs],
        workers=workers,
        progress=progress,
        detector=result.detector,
        scope=scope,
    )
    with atomic_open(root / REVIEW_FILE, "w", encoding="utf-8", newline="") as review_file:
        review = csv.writer(review_file)
        review.writerow(
            [
                "household",
                "category",
                "kind",
                "placeholder",
                "original",
                "context_before",
                "context_after",
            ]
        )
        for (row, category, field_name, text), scrubbed in zip(jobs, scrubbed_texts, strict=True):
            household = row["household"]
            blocks.append(
                {
                    **{name: row[name] for name in ("household", "subarea", *PERIOD_COLUMNS)},
                    "category": category,
                    "cards": row.get("cards", NOT_ASKED),
                    "text": scrubbed.text,
                    "field": field_name,
                }
            )
            result.text_blocks += 1
            per_category = result.replacements_by_category.setdefault(category, Counter())
            for replacement in scrubbed.replacements:
                result.replacements[replacement.kind] += 1
                per_category[replacement.kind] += 1
                review.writerow(
                    [
                        household,
                        category,
                        replacement.kind,
                        replacement.placeholder,
                        replacement.original,
                        text[max(0, replacement.start - 40) : replacement.start],
                        text[replacement.end : replacement.end + 40],
                    ]
                )
    # The notes as typed and the scrubber with its patterns of every known name and address
    # are done with: about 150 MB at 100,000 visits, freed before the files are written.
    del jobs, scrubbed_texts, notes, scrubber
    subareas = list(project.config.subareas) if project.config else []
    if any(r["subarea"] == OTHER for r in rows):
        subareas.append(OTHER)
    book = codebook(
        columns,
        closed,
        subareas=subareas,
        categories=_categories(blocks, mapping),
        min_group_size=min_group,
    )
    # _write_dataset writes below <root>/data/; the staging folder is <staging>/data.
    result.written = _write_dataset(
        data_dir.parent if data_dir is not None else root, columns, rows, blocks, book, closed
    )
    result.visits = len(rows)
    result.files = [*published_files(), REVIEW_FILE]
    return result


def published_files() -> list[str]:
    """The files of the shared data set in data/, as the project root's relative paths."""
    return [VISITS_FILE, TEXT_BLOCKS_FILE, CODEBOOK_FILE, VISITS_XLSX, TEXT_BLOCKS_XLSX]


Notes = list[list[tuple[str, str, str]]]


def _read_visits(
    project: Project, path: Path, builder: _RowBuilder, workers: int | None
) -> tuple[list[dict[str, str]], Notes, KnownIdentifiers]:
    """Each visit's row and notes, and what the registrations know (names, phones): read in
    parts of the file, each in a forked worker where the machine has more than one core (the
    rows and notes come back pickled, in order; the identifiers each part found are joined).
    Read as ``iter_registrations`` reads the file: lines end at ``\\n`` only, a byte-order
    mark before the first is passed over, blank lines too. Each worker reads its own part:
    this process never holds the whole file."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            blocks = iter(functools.partial(handle.read, 1 << 20), b"")
            count = sum(block.count(b"\n") for block in blocks)  # lines, give or take one
            count = default_workers(count) if workers is None else max(1, workers)
            parts = count * 2 if count > 1 else 1  # smaller parts even out a busy core
            starts = [0]
            for index in range(1, parts):  # each part starts at the start of a line
                handle.seek(max(size * index // parts - 1, starts[-1]))
                handle.readline()
                starts.append(max(handle.tell(), starts[-1]))
            starts.append(max(size, starts[-1]))
    except OSError as e:
        raise reading_error(path, e) from e

    # The address list's homes are collected once, here, not by every part (and pickled back).
    without_homes = dataclasses.replace(project, households=None)

    def part(index: int) -> _Part:
        import orjson

        with path.open("rb") as handle:
            handle.seek(starts[index])
            data = handle.read(starts[index + 1] - starts[index])
        if index == 0:
            data = data.removeprefix(b"\xef\xbb\xbf")
        rows: list[dict[str, str]] = []
        notes: Notes = []
        damaged: list[int] = []

        def registrations() -> Iterator[Registration]:
            # Every visit's answers are strings of its own (JSON makes new ones): 100,000
            # copies of "good" and of each grid column's name. One of each is kept (a third
            # of the memory), and pickled once.
            shared: dict[str, str] = {}
            for number, line in enumerate(data.split(b"\n"), start=1):
                if not line.strip():
                    continue
                try:
                    registration = Registration.from_dict(orjson.loads(line))
                except (ValueError, TypeError):
                    damaged.append(number)
                    return
                row, unknown = builder.row(registration)
                rows.append(
                    {shared.setdefault(k, k): shared.setdefault(v, v) for k, v in row.items()}
                )
                notes.append(_texts(registration, unknown))
                yield registration

        known = collect_known(without_homes, registrations())
        return _Part(rows, notes, known, data.count(b"\n"), damaged[0] if damaged else None)

    rows: list[dict[str, str]] = []
    notes: Notes = []
    known = [collect_known(project, ())]
    try:
        done = map_forked(part, parts, count)
    except OSError as e:
        raise reading_error(path, e) from e
    lines_before = 0
    for each in done:
        if each.damaged is not None:
            raise InputFileError(
                "damaged line in the registrations; restore it from a backup or re-import",
                path=path,
                line=lines_before + each.damaged,
            )
        rows += each.rows
        notes += each.notes
        known.append(each.known)
        lines_before += each.lines
    # The project's identifiers and each part's (those of its registrations): together, what
    # collect_known finds in all of them (every field is a set of what one registration, a
    # home or the project gives; tests/privacy/test_parallel.py checks it).
    joined = {
        f.name: frozenset().union(*(getattr(k, f.name) for k in known))
        for f in dataclasses.fields(KnownIdentifiers)
    }
    return rows, notes, KnownIdentifiers(**joined)


@dataclass
class _Part:
    """What a worker of ``_read_visits`` read in its part of the registrations."""

    rows: list[dict[str, str]]
    notes: Notes
    known: KnownIdentifiers
    lines: int  # the part's lines (each ends at a \\n but the file's last)
    damaged: int | None  # the first damaged line, counted from the part's first


def _mapping(project: Project) -> FormMapping:
    """forms.yaml, whose options every stored answer is checked against."""
    path = project.root / FORMS_FILE
    mapping = load_mapping(path, Report()) if path.is_file() else None
    if mapping is None:
        raise MdsaError("forms.yaml is missing or invalid", path=path, hint="run: mdsa validate")
    for rules in mapping.rules.values():
        for rule in rules:
            reserved = sorted(set(rule.options.values()) & set(MISSING_MARKERS))
            if reserved:
                raise MdsaError(
                    f"the option code '{reserved[0]}' is a missing-value marker of the data "
                    "set; it would be counted as no answer",
                    path=path,
                    line=rule.line,
                    hint="give that option another code",
                    code="reserved-code",
                )
    return mapping


def _write_dataset(
    root: Path,
    columns: list[str],
    rows: list[dict[str, str]],
    blocks: list[dict[str, str]],
    book: list[dict[str, str]],
    closed: list[ClosedColumn],
) -> dict[str, Written]:
    """The data set as CSV for any program and as workbooks for Excel, with the codebook.
    Returns each file's cells as written (``Written``), by its path in the project."""
    from mdsa.documents.workbook import Sheet, write_workbook

    labels = {r["column"]: r["label"] for r in book}
    numbers = {c.column for c in closed if c.kind == "number"}

    def cells(row: dict[str, str], names: Iterable[str]) -> list[str | int | float]:
        return [_number(row[n]) if n in numbers else row[n] for n in names]

    def book_sheet(file: str) -> Sheet:
        mine = [[r[n] for n in CODEBOOK_HEADER] for r in book if r["file"] == file]
        return Sheet("codebook", CODEBOOK_HEADER, mine, wrap=("meaning", "question"))

    visits = Sheet(
        "visits",
        columns,
        [cells(r, columns) for r in rows],
        labels=[labels.get(c, COLUMN_LABELS.get(c, c)) for c in columns],
    )
    texts = Sheet(
        "text_blocks",
        BLOCK_COLUMNS,
        [[b[n] for n in BLOCK_COLUMNS] for b in blocks],
        labels=[COLUMN_LABELS.get(c, labels.get(c, c)) for c in BLOCK_COLUMNS],
        wrap=("text",),
    )
    sheets = {
        TEXT_BLOCKS_XLSX: [texts, book_sheet(TEXT_BLOCKS)],
        VISITS_XLSX: [visits, book_sheet(VISITS)],
    }
    # The two workbooks (most of the writing) each in a process of its own, while this one
    # writes the CSVs; each process starts as a copy of this one, so nothing is sent to it.
    writers = [in_child(functools.partial(write_workbook, root / f, s)) for f, s in sheets.items()]
    written = {
        TEXT_BLOCKS_FILE: Written(write_table(root / TEXT_BLOCKS_FILE, BLOCK_COLUMNS, blocks)),
        VISITS_FILE: Written(write_table(root / VISITS_FILE, columns, rows)),
        CODEBOOK_FILE: Written(write_table(root / CODEBOOK_FILE, CODEBOOK_HEADER, book)),
    }
    for writer in writers:
        writer.result()
    written.update({f: Written(sheets=s) for f, s in sheets.items()})
    return written


def _number(value: str) -> str | int | float:
    """A number of the data set as a number cell of the workbook; a marker stays text."""
    try:
        number = float(value)
    except ValueError:
        return value
    return int(number) if number.is_integer() else number


def _categories(blocks: list[dict[str, str]], mapping: FormMapping) -> dict[str, str]:
    """The text categories of the blocks with their Dutch labels, in the handbook's order."""
    titles = {
        rule.field.removeprefix("text."): rule.title
        for rules in mapping.rules.values()
        for rule in rules
        if rule.field.startswith("text.")
    }
    present = {b["category"] for b in blocks} | set(TEXT_CATEGORIES)
    order = [*TEXT_CATEGORIES, *sorted(present - set(TEXT_CATEGORIES) - {"other_answers"})]
    out = {c: CATEGORY_LABELS.get(c) or titles.get(c, c) for c in order}
    out["other_answers"] = CATEGORY_LABELS["other_answers"]
    return out


def _texts(
    registration: Registration, unknown: list[tuple[str, str]]
) -> list[tuple[str, str, str]]:
    """(category, field, text) of a visit's open answers, then of the text typed into closed
    answers and of stored answers that are no option of forms.yaml (``unknown``)."""
    texts = {
        name.removeprefix("text."): value
        for name, value in registration.answers.items()
        if name.startswith("text.") and isinstance(value, str) and value.strip()
    }
    order = {c: i for i, c in enumerate(TEXT_CATEGORIES)}
    blocks = [
        (category, f"text.{category}", text)
        for category, text in sorted(
            texts.items(), key=lambda item: (order.get(item[0], len(order)), item[0])
        )
    ]
    # Text typed into closed answers ("Anders: ..."): scrubbed like any note, never a code.
    for field_name, pieces in sorted(registration.other.items()):
        if field_name != "subarea":  # the subarea as the worker typed it is placing, not an answer
            blocks.extend(("other_answers", field_name, p) for p in pieces if p.strip())
    blocks.extend(("other_answers", column, text) for column, text in unknown if text.strip())
    return blocks


class _RowBuilder:
    """Builds the shareable row of each visit with what is the same for every
    visit worked out once: the columns of forms.yaml, the sorted column list, and the data set
    value of each closed answer (a form has few options; 100,000 visits repeat them)."""

    def __init__(self, key: bytes, closed: list[ClosedColumn], asked: set[str]) -> None:
        self.key = key
        self.asked = asked
        self.specs: dict[str, ClosedColumn | None] = {c.column: c for c in closed}
        self.fields = {c.field: c for c in closed}
        self.base = frozenset(self.specs) | frozenset(QUASI_IDENTIFIERS)
        self.base_sorted = sorted(self.base)
        self.cells: dict[tuple[str, type, Any, bool], str] = {}
        self.coarse: dict[str, str] = {}

    def spec(self, column: str) -> ClosedColumn | None:
        if column not in self.specs:
            self.specs[column] = _grid_row(column, self.fields)
        return self.specs[column]

    def row(self, registration: Registration) -> tuple[dict[str, str], list[tuple[str, str]]]:
        """The shareable row of one visit (no identifying field, every answer an option
        code, a number, a band or a marker) and the (column, text) of answers that are no
        option."""
        row: dict[str, str] = {
            "household": pseudonym(self.key, registration.address_key or registration.visit_key),
            "subarea": registration.subarea or NOT_ANSWERED,
            **periods(registration.visit_date),
        }
        answers: dict[str, Any] = {}
        for name, value in registration.answers.items():
            if name in IDENTIFYING_FIELDS or name.startswith("text.") or name == "subarea":
                continue
            if isinstance(value, dict):  # a grid: one column per row
                answers.update({f"{name}.{code}": cell for code, cell in value.items()})
            else:
                answers[name] = value
        unknown: list[tuple[str, str]] = []
        keys = answers.keys()
        columns = self.base_sorted if keys <= self.base else sorted(self.base | keys)
        cells = self.cells
        for column in columns:
            spec = self.spec(column)
            if column not in answers:
                field_name = spec.field if spec else column
                not_asked = field_name in registration.not_asked or field_name not in self.asked
                row[column] = NOT_ASKED if not_asked else NOT_ANSWERED
                continue
            value = answers[column]
            typed = bool(registration.other.get(column) if spec and spec.kind == "multi" else None)
            # An answer that is an option (or a list of them) always gives the same cell.
            memo: tuple[str, type, Any, bool] | None = None  # by type: 1, 1.0, True are ==
            kind = type(value)
            if kind is str or kind is int or kind is float:
                memo = (column, kind, value, typed)
            elif kind is list and all(type(v) is str for v in value):
                memo = (column, kind, tuple(value), typed)
            if memo is not None and (cell := cells.get(memo)) is not None:
                row[column] = cell
                continue
            row[column], texts = _cell(spec, value, typed)
            if texts:
                unknown.extend((column, text) for text in texts)
            elif memo is not None:
                cells[memo] = row[column]
        years = row["years_in_neighbourhood"]
        if years not in self.coarse:
            self.coarse[years] = coarse_band(years)
        row["years_in_neighbourhood_coarse"] = self.coarse[years]
        row["incomplete"] = "yes" if registration.incomplete else "no"
        return row, unknown


def _grid_row(column: str, fields: dict[str, ClosedColumn]) -> ClosedColumn | None:
    """A grid row forms.yaml does not list (bound by its own label): its grid's options."""
    grid = fields.get(column.rpartition(".")[0])
    if grid is None or grid.column == grid.field:
        return None
    return dataclasses.replace(grid, column=column)


def _cell(spec: ClosedColumn | None, value: Any, typed_other: bool) -> tuple[str, list[str]]:
    """A stored answer as the data set shows it, and the texts that are no known option: they
    become ``other`` here and go, scrubbed, to the text blocks. A field forms.yaml does not
    (or no longer) have cannot be checked, so all of its values count as text."""
    if spec is not None and spec.kind in ("number", "years"):
        if isinstance(value, int | float) and not isinstance(value, bool):
            if spec.kind == "years":
                return band(value, YEARS_BANDS), []
            return (str(int(value)) if float(value).is_integer() else str(value)), []
        return OTHER, [str(value)]
    items = value if isinstance(value, list) else [value]
    codes = spec.codes if spec is not None else {}
    known = [str(v) for v in items if isinstance(v, str) and (v in codes or v == OTHER)]
    texts = [str(v) for v in items if str(v) not in known]
    if texts or typed_other:
        known.append(OTHER)
    known = list(dict.fromkeys(known))
    if spec is not None and spec.kind == "multi":
        return (MULTI_SEPARATOR.join(known) or NOT_ANSWERED), texts
    return (known[0] if len(known) == 1 else OTHER if known else NOT_ANSWERED), texts


Step = Callable[[dict[str, str]], bool]


def _generalise(rows: list[dict[str, str]], min_group: int) -> int:
    """Coarsen quasi-identifiers until every combination of subarea, period, age group,
    household type and years that occurs has at least ``min_group`` visits. Neighbours see
    when the visitors came, so the visit period counts too. Steps, each only on the rows still
    rare: years to the coarse band, month to quarter, household type withheld, quarter to
    half-year, age group withheld, years withheld, period withheld. Coarsening marks the finer
    column ``withheld`` and leaves the coarser one; withholding marks a field ``withheld``
    whatever it held, a missing-value marker too (``not_answered`` beside ``withheld`` would
    tell the rows apart). Rows with every field withheld can still be rare (a subarea with
    fewer visits than ``min_group``); those are excepted here and left to the aggregate's
    merging. Returns how many rows were changed."""
    changed: set[int] = set()
    # Each row's combination and how often each occurs, updated as rows change (a step
    # touches only the rows still rare, mostly a few): not counted again for every step.
    combos = [_quasi(r) for r in rows]
    counts = Counter(combos)

    def coarsen(finer: tuple[str, ...], coarser: str) -> Step:
        def step(row: dict[str, str]) -> bool:
            if row.get(coarser, NOT_ANSWERED) not in MISSING_MARKERS:
                return _withhold(row, finer)
            return False

        return step

    def withhold(*names: str) -> Step:
        def step(row: dict[str, str]) -> bool:
            return _withhold(row, names)

        return step

    month, quarter, half_year = PERIOD_COLUMNS
    years, coarse = YEARS_COLUMNS
    steps = [
        coarsen((years,), coarse),
        coarsen((month,), quarter),
        withhold("household_type"),
        coarsen((month, quarter), half_year),
        withhold("age_group"),
        withhold(years, coarse),
        withhold(*PERIOD_COLUMNS),
    ]
    for step in steps:
        rare = [i for i, combo in enumerate(combos) if counts[combo] < min_group]
        for index in rare:
            if step(rows[index]):
                changed.add(index)
                counts[combos[index]] -= 1
                combos[index] = _quasi(rows[index])
                counts[combos[index]] += 1
    return len(changed)


def _withhold(row: dict[str, str], names: Iterable[str]) -> bool:
    """Mark ``names`` of ``row`` withheld; whether that changed the row."""
    changed = False
    for name in names:
        if row.get(name) != WITHHELD:
            row[name] = WITHHELD
            changed = True
    return changed


def _quasi(row: dict[str, str]) -> tuple[str, ...]:
    return tuple(map(row.get, KEY_COLUMNS, repeat(NOT_ANSWERED)))  # asked 7 times a visit


def _visit_columns(rows: list[dict[str, str]], closed: list[ClosedColumn]) -> list[str]:
    """The fixed columns, then the closed questions in the order of forms.yaml, then any
    other column the registrations have, then ``incomplete``."""
    seen = {k for r in rows for k in r} - set(FIRST_COLUMNS) - {"incomplete"}
    in_form = [c.column for c in closed if c.column in seen]
    return [*FIRST_COLUMNS, *in_form, *sorted(seen - set(in_form)), "incomplete"]
