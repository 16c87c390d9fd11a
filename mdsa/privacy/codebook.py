"""The codebook of the shareable data set: every column, its question, every code and marker.

``closed_columns`` reads the closed questions of ``forms.yaml`` once, for two uses: anonymise
checks each stored answer against them, and the codebook lists them with their Dutch labels.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mdsa.intake.forms.mapping import IDENTIFYING_FIELDS
from mdsa.privacy.dataset import (
    COARSE_YEARS,
    MULTI_SEPARATOR,
    NOT_ANSWERED,
    NOT_ASKED,
    OTHER,
    WITHHELD,
    YEARS_BANDS,
    YEARS_LABELS,
)

if TYPE_CHECKING:
    from mdsa.intake.forms.mapping import FormMapping

CODEBOOK_FILE = "data/codebook.csv"
CODEBOOK_HEADER = ("file", "column", "label", "question", "code", "meaning")
VISITS, TEXT_BLOCKS = "visits", "text_blocks"

# Dutch labels of the text categories: the four blocks of the handbook, talents and remarks.
CATEGORY_LABELS = {
    "person_obstacles": "Persoon: belemmeringen",
    "person_opportunities": "Persoon: kansen",
    "environment_obstacles": "Omgeving: belemmeringen",
    "environment_opportunities": "Omgeving: kansen",
    "talents": "Talenten en wensen",
    "remarks": "Overige opmerkingen",
    "other_answers": "Tekst bij een gesloten vraag (zoals 'Anders: ...')",
}
FIELD_LABELS = {
    "age_group": "Leeftijdsgroep",
    "household_type": "Samenstelling huishouden",
    "years_in_neighbourhood": "Jaren in de buurt",
    "cards": "Gekozen gesprekskaarten",
    "actions": "Soort actie",
    "wants_to_join": "Wil meedoen aan activiteiten in de buurt",
}
COLUMN_LABELS = {
    "household": "Huishouden (pseudoniem)",
    "subarea": "Subbuurt",
    "visit_month": "Maand van het bezoek",
    "visit_quarter": "Kwartaal van het bezoek",
    "visit_half_year": "Halfjaar van het bezoek",
    "years_in_neighbourhood_coarse": "Jaren in de buurt (grof)",
    "incomplete": "Onvolledige registratie",
    "category": "Soort tekst",
    "text": "Tekst (geanonimiseerd)",
    "field": "Vraag van de tekst",
}
MARKER_MEANINGS = {
    NOT_ANSWERED: "niet beantwoord: de vraag stond op het formulier, maar bleef leeg",
    NOT_ASKED: "niet gevraagd: het formulier (of die versie ervan) had deze vraag niet",
    WITHHELD: "weggelaten om een kleine groep te beschermen: met deze waarde kwam de "
    "combinatie van subbuurt, periode en persoonskenmerken minder dan {k} keer voor",
}
OTHER_MEANING = (
    "een antwoord dat geen van de opties is; de tekst staat, geanonimiseerd, in text_blocks "
    "(soort other_answers, met deze kolom als vraag)"
)
QUASI_COLUMNS = ("age_group", "household_type", "years_in_neighbourhood")


@dataclass
class ClosedColumn:
    """One column of visits.csv for a closed question of forms.yaml."""

    column: str
    field: str
    kind: str  # choice | multi | number | years
    question: str
    codes: dict[str, str] = dataclasses.field(
        default_factory=dict
    )  # code -> Dutch label, form order
    range: tuple[float, float] | None = None

    @property
    def label(self) -> str:
        if self.column != self.field:  # a grid row: "question: row"
            return self.question
        return FIELD_LABELS.get(self.field, self.question)


def closed_columns(mapping: FormMapping) -> list[ClosedColumn]:
    """The columns of the closed questions, in the order of forms.yaml (grid: one per row).
    A code with several labels (a Dutch and an English form) gets the first one."""
    by_column: dict[str, ClosedColumn] = {}

    def add(column: str, name: str, kind: str, title: str, labels: dict[str, str]) -> None:
        spec = by_column.setdefault(column, ClosedColumn(column, name, kind, title))
        for label, code in labels.items():
            spec.codes.setdefault(code, label)

    for rules in mapping.rules.values():
        for rule in rules:
            name = rule.field
            if name in IDENTIFYING_FIELDS or name == "subarea" or rule.kind == "drop":
                continue
            if rule.kind == "grid":
                kind = "multi" if rule.multiple else "choice"
                rows: dict[str, str] = {}
                for row_label, code in rule.rows.items():
                    rows.setdefault(code, row_label)
                for code, row_label in rows.items():
                    add(f"{name}.{code}", name, kind, f"{rule.title}: {row_label}", rule.options)
            elif rule.kind in ("choice", "multi"):
                add(name, name, rule.kind, rule.title, rule.options)
            elif rule.kind == "number":
                kind = "years" if name == "years_in_neighbourhood" else "number"
                by_column.setdefault(
                    name, ClosedColumn(name, name, kind, rule.title, range=rule.range)
                )
    return list(by_column.values())


def codebook(
    visit_columns: Iterable[str],
    closed: Iterable[ClosedColumn],
    *,
    subareas: Iterable[str],
    categories: dict[str, str],
    min_group_size: int,
) -> list[dict[str, str]]:
    """The rows of data/codebook.csv: per file and column a row that describes the column,
    then one row per code or marker that can occur in it."""
    by_column = {c.column: c for c in closed}
    markers = {m: text.format(k=min_group_size) for m, text in MARKER_MEANINGS.items()}
    out: list[dict[str, str]] = []

    def add(file: str, column: str, question: str, meaning: str, codes: dict[str, str]) -> None:
        label = COLUMN_LABELS.get(column) or (
            by_column[column].label if column in by_column else column
        )
        row = {"file": file, "column": column, "label": label, "question": question}
        out.append({**row, "code": "", "meaning": meaning})
        out.extend({**row, "question": "", "code": c, "meaning": t} for c, t in codes.items())

    period_markers = {NOT_ANSWERED: "geen datum van het bezoek", WITHHELD: markers[WITHHELD]}
    place = {name: name for name in subareas}
    place[NOT_ANSWERED] = "niet aan een subbuurt toegewezen (adres niet gevonden)"
    shared = {
        "household": (
            "pseudoniem van het huishouden: HH- en 10 tekens, gelijk in elke run; "
            "herleidbaar alleen met de sleutel in private/",
            {},
        ),
        "subarea": ("de subbuurt uit mdsa.yaml", place),
        "visit_month": ("maand van het bezoek, zoals 2016-M10 (oktober 2016)", period_markers),
        "visit_quarter": ("kwartaal van het bezoek, zoals 2016-Q4", period_markers),
        "visit_half_year": ("halfjaar van het bezoek, zoals 2016-H2", period_markers),
    }
    for column in visit_columns:
        if column in shared:
            meaning, codes = shared[column]
            add(VISITS, column, "", meaning, codes)
        elif column == "incomplete":
            codes = {"yes": "ja: een verplicht antwoord ontbreekt", "no": "nee"}
            add(VISITS, column, "", "ontbreekt een verplicht antwoord?", codes)
        elif column == "years_in_neighbourhood_coarse":
            years = by_column.get("years_in_neighbourhood")
            codes = {label: YEARS_LABELS[label] for *_, label in COARSE_YEARS}
            codes |= {OTHER: "geen geldig aantal jaren"} | markers
            meaning = "jaren in de buurt in twee grove klassen; altijd ingevuld als er een "
            add(VISITS, column, years.question if years else "", meaning + "antwoord is", codes)
        elif column in by_column:
            spec = by_column[column]
            add(VISITS, column, spec.question, *_closed(spec, markers))
        else:  # a field forms.yaml no longer has: its values are not checked, so only 'other'
            codes = {OTHER: f"anders: {OTHER_MEANING}", NOT_ANSWERED: markers[NOT_ANSWERED]}
            add(VISITS, column, "", "een vraag die niet (meer) in forms.yaml staat", codes)
    for column, (meaning, codes) in shared.items():
        add(TEXT_BLOCKS, column, "", meaning + " (als in visits)", codes)
    add(TEXT_BLOCKS, "category", "", "soort tekst", categories)
    cards = by_column.get("cards")
    if cards is not None:
        meaning, codes = _closed(cards, markers)
        add(TEXT_BLOCKS, "cards", cards.question, meaning + " (van het bezoek)", codes)
    add(
        TEXT_BLOCKS,
        "text",
        "",
        "de tekst, geanonimiseerd: namen, adressen, telefoonnummers en andere kenmerken zijn "
        "vervangen door [PERSOON-1], [ADRES-1], [TELEFOON-1] enz.; begint een tekst met = + - @ "
        "dan staat er in de CSV een ' voor, zodat Excel hem niet als formule uitvoert",
        {},
    )
    add(
        TEXT_BLOCKS,
        "field",
        "",
        "het veld van forms.yaml waar de tekst vandaan komt: text.NAAM bij een open vraag, de "
        "kolom van visits (zoals cards of grid.facilities.shops) bij other_answers",
        {},
    )
    return out


def _closed(spec: ClosedColumn, markers: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The meaning of a closed column and its codes (options, then other and the markers)."""
    can_withhold = spec.field in QUASI_COLUMNS
    missing = {m: t for m, t in markers.items() if m != WITHHELD or can_withhold}
    if spec.kind == "years":
        codes = {label: YEARS_LABELS[label] for *_, label in YEARS_BANDS}
        meaning = "jaren in de buurt in klassen; weggelaten als alleen de grove klas overbleef"
        return meaning, codes | {OTHER: "geen geldig aantal jaren"} | missing
    if spec.kind == "number":
        low, high = spec.range or (None, None)
        meaning = "een getal" + (f" van {low:g} tot en met {high:g}" if low is not None else "")
        return meaning, {OTHER: f"geen geldig getal: {OTHER_MEANING}"} | missing
    codes = dict(spec.codes)
    codes[OTHER] = f"{codes.get(OTHER, 'anders')}: {OTHER_MEANING}"
    if spec.kind == "multi":
        meaning = (
            f"meerdere antwoorden mogelijk: de gekozen codes staan achter elkaar, gescheiden door "
            f"{MULTI_SEPARATOR} (zoals a{MULTI_SEPARATOR}b)"
        )
    else:
        meaning = "één antwoord"
    return meaning, codes | missing
