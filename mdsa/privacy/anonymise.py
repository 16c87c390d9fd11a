"""``mdsa anonymise``: the only way data leaves ``private/``.

Writes ``data/visits.csv`` (one row per visit: household pseudonym, subarea, visit month and the
closed answers, quasi-identifiers generalised where a combination is rarer than the project's
``min_group_size``) and ``data/text_blocks.csv`` (one row per open answer, scrubbed of names,
addresses, phone numbers and other identifiers). Every replacement is listed in context in
``private/review/scrub-review.csv`` so the project leader can check it.
"""

from __future__ import annotations

import csv
import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mdsa.errors import MdsaError
from mdsa.fileio import atomic_open
from mdsa.intake.forms.mapping import IDENTIFYING_FIELDS
from mdsa.intake.registrations import Registration, load_registrations
from mdsa.privacy.pseudonyms import load_or_create_key, pseudonym
from mdsa.project.folder import REGISTRATIONS_FILE, Project

if TYPE_CHECKING:
    from mdsa.privacy.scrub import Scrubber

DATA_DIR = "data"
VISITS_FILE = f"{DATA_DIR}/visits.csv"
TEXT_BLOCKS_FILE = f"{DATA_DIR}/text_blocks.csv"
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
YEARS_BANDS = ((0, 2, "0-2"), (3, 5, "3-5"), (6, 10, "6-10"), (11, 20, "11-20"), (21, 200, "21+"))
COARSE_YEARS = ((0, 10, "0-10"), (11, 200, "11+"))
QUASI_IDENTIFIERS = ("age_group", "household_type", "years_in_neighbourhood")


@dataclass
class AnonymiseResult:
    visits: int = 0
    text_blocks: int = 0
    generalised: int = 0
    replacements: Counter[str] = dataclasses.field(default_factory=Counter)
    replacements_by_category: dict[str, Counter[str]] = dataclasses.field(default_factory=dict)
    files: list[str] = dataclasses.field(default_factory=list)

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


def band(value: Any, bands: Iterable[tuple[int, int, str]]) -> str:
    if not isinstance(value, int | float):
        return ""
    return next((label for low, high, label in bands if low <= value <= high), "")


def make_scrubber(project: Project, registrations: list[Registration]) -> Scrubber:
    """A scrubber that knows this project's own identifiers and the words it must keep."""
    from mdsa.privacy.known import collect_known
    from mdsa.privacy.scrub import Scrubber

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
    data_dir: Path | None = None,
) -> AnonymiseResult:
    """Write the data set into ``data_dir`` (default ``data/``; the privacy gate in
    ``mdsa.privacy.gate`` gives a staging folder in ``private/`` and scans it first)."""
    registrations = load_registrations(project.root / REGISTRATIONS_FILE)
    if not registrations:
        raise MdsaError(
            "there are no registrations to anonymise yet",
            path=project.root / REGISTRATIONS_FILE,
            hint="import the Google Forms export first: mdsa import EXPORT",
        )
    key = load_or_create_key(project.root)
    min_group = project.config.min_group_size if project.config else 5
    result = AnonymiseResult()
    rows = [_visit_row(r, key) for r in registrations]
    result.generalised = _generalise(rows, min_group)
    columns = _visit_columns(rows)
    scrubber = make_scrubber(project, registrations)
    root = project.root
    out = data_dir if data_dir is not None else root / DATA_DIR
    with (
        atomic_open(
            out / TEXT_BLOCKS_FILE.removeprefix(f"{DATA_DIR}/"), "w", encoding="utf-8", newline=""
        ) as blocks_file,
        atomic_open(root / REVIEW_FILE, "w", encoding="utf-8", newline="") as review_file,
    ):
        blocks = csv.writer(blocks_file)
        blocks.writerow(
            ["household", "subarea", "visit_month", "category", "cards", "text", "field"]
        )
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
        for done, (registration, row) in enumerate(zip(registrations, rows, strict=True), 1):
            household = row["household"]
            for category, field_name, text in _texts(registration):
                scrubbed = scrubber.scrub(text)
                blocks.writerow(
                    [
                        household,
                        row["subarea"],
                        row["visit_month"],
                        category,
                        ";".join(registration.answers.get("cards", [])),
                        scrubbed.text,
                        field_name,
                    ]
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
            if progress:
                progress(done, len(registrations))
    with atomic_open(
        out / VISITS_FILE.removeprefix(f"{DATA_DIR}/"), "w", encoding="utf-8", newline=""
    ) as visits_file:
        writer = csv.DictWriter(visits_file, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    result.visits = len(rows)
    result.files = [VISITS_FILE, TEXT_BLOCKS_FILE, REVIEW_FILE]
    return result


def _texts(registration: Registration) -> list[tuple[str, str, str]]:
    texts = {
        name.removeprefix("text."): value
        for name, value in registration.answers.items()
        if name.startswith("text.") and isinstance(value, str) and value.strip()
    }
    order = {c: i for i, c in enumerate(TEXT_CATEGORIES)}
    blocks = [
        (category, "", text)
        for category, text in sorted(
            texts.items(), key=lambda item: (order.get(item[0], len(order)), item[0])
        )
    ]
    # Text typed into closed answers ("Anders: ..."): scrubbed like any note, never a code.
    for field_name, pieces in sorted(registration.other.items()):
        if field_name != "subarea":  # the subarea as the worker typed it is placing, not an answer
            blocks.extend(("other_answers", field_name, p) for p in pieces if p.strip())
    return blocks


def _visit_row(registration: Registration, key: bytes) -> dict[str, str]:
    """The shareable row of one visit: no identifying field, quasi-identifiers banded."""
    row: dict[str, str] = {
        "household": pseudonym(key, registration.address_key or registration.visit_key),
        "subarea": registration.subarea or "",
        "visit_month": (registration.visit_date or "")[:7],
    }
    for name, value in sorted(registration.answers.items()):
        if name in IDENTIFYING_FIELDS or name.startswith("text.") or name == "subarea":
            continue
        if name == "years_in_neighbourhood":
            row["years_in_neighbourhood"] = band(value, YEARS_BANDS)
        elif isinstance(value, dict):  # a grid: one column per row
            for row_code, cell in sorted(value.items()):
                row[f"{name}.{row_code}"] = ";".join(cell) if isinstance(cell, list) else str(cell)
        elif isinstance(value, list):
            codes = list(value) + (["other"] if registration.other.get(name) else [])
            row[name] = ";".join(codes)
        else:
            row[name] = str(value)
    row["not_asked"] = ";".join(sorted(registration.not_asked))
    row["incomplete"] = "yes" if registration.incomplete else ""
    return row


def _generalise(rows: list[dict[str, str]], min_group: int) -> int:
    """Coarsen quasi-identifiers until every (subarea, period, age, household, years)
    combination that occurs has at least ``min_group`` visits. Neighbours see when the visitors
    came, so the visit month counts too. Steps, each only on the rows still rare: years to a
    coarse band, month to quarter, household type withheld, quarter to half-year, age group
    withheld, years withheld, period withheld. An unanswered field is already as coarse as it
    gets. Rows with every field withheld can still be rare (a subarea with fewer visits than
    ``min_group``); those are excepted here and left to the aggregate's merging. Returns how
    many rows were changed."""
    changed: set[int] = set()

    def rare() -> list[int]:
        counts = Counter(_quasi(r) for r in rows)
        return [i for i, r in enumerate(rows) if counts[_quasi(r)] < min_group]

    def coarsen(name: str, how: Callable[[str], str]) -> Callable[[dict[str, str]], None]:
        def step(row: dict[str, str]) -> None:
            if row.get(name):
                row[name] = how(row[name])

        return step

    steps = [
        coarsen("years_in_neighbourhood", _coarse),
        coarsen("visit_month", _quarter),
        coarsen("household_type", lambda _: ""),
        coarsen("visit_month", _half_year),
        coarsen("age_group", lambda _: ""),
        coarsen("years_in_neighbourhood", lambda _: ""),
        coarsen("visit_month", lambda _: ""),
    ]
    for step in steps:
        for index in rare():
            before = dict(rows[index])
            step(rows[index])
            if rows[index] != before:
                changed.add(index)
    return len(changed)


def _quarter(period: str) -> str:
    """``2016-11`` becomes ``2016-Q4``; a coarser period stays as it is."""
    if len(period) == 7 and period[4] == "-" and period[5:].isdigit():
        return f"{period[:4]}-Q{(int(period[5:]) - 1) // 3 + 1}"
    return period


def _half_year(period: str) -> str:
    """``2016-11`` or ``2016-Q4`` becomes ``2016-H2``."""
    period = _quarter(period)
    if len(period) == 7 and period[5] == "Q":
        return f"{period[:4]}-H{1 if period[6] in '12' else 2}"
    return period


def _quasi(row: dict[str, str]) -> tuple[str, ...]:
    return (
        row.get("subarea", ""),
        row.get("visit_month", ""),
        *(row.get(name, "") for name in QUASI_IDENTIFIERS),
    )


def _coarse(label: str) -> str:
    if not label:
        return ""
    low = int(label.rstrip("+").split("-")[0])
    return band(low, COARSE_YEARS)


def _visit_columns(rows: list[dict[str, str]]) -> list[str]:
    first = ["household", "subarea", "visit_month", *QUASI_IDENTIFIERS]
    rest = sorted({k for r in rows for k in r} - set(first) - {"not_asked", "incomplete"})
    return [*first, *rest, "not_asked", "incomplete"]
