"""The reference registration form (handbook bijlage 7), defined once.

`mdsa form` writes it out as a readable document, a matching ``forms.yaml`` and a Google Apps
Script that creates exactly this form; the example exports are generated from it too, so a
project that uses it needs no mapping work at all.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

QuestionType = Literal[
    "short", "paragraph", "date", "choice", "dropdown", "checkbox", "scale", "grid", "checkbox_grid"
]


@dataclass(frozen=True)
class Question:
    title: str
    field: str
    type: QuestionType
    help: str = ""
    required: bool = False
    options: dict[str, str] = dataclasses.field(default_factory=dict)  # label -> code
    rows: dict[str, str] = dataclasses.field(default_factory=dict)  # grid row label -> code
    range: tuple[int, int] | None = None
    other: bool = False  # an "Anders:" option with free text


@dataclass(frozen=True)
class Section:
    title: str
    description: str
    questions: tuple[Question, ...]


FORM_TITLE = "Registratie sociaal gesprek Meer dan Steen Alleen"
FORM_DESCRIPTION = (
    "Vul dit formulier direct na het huisbezoek in (ongeveer tien minuten). Schrijf in de open "
    "vragen wat de bewoner vertelde, geordend naar persoon en omgeving. Namen, telefoonnummers "
    "en adressen in de tekst worden bij het anonimiseren verwijderd; schrijf ze liever niet op."
)

SCALE_1_10 = (1, 10)

CARDS = {
    "Leven": "life",
    "Gezondheid": "health",
    "Veiligheid": "safety",
    "Denken en leren": "learning",
    "Gevoelens": "emotions",
    "Eigen keuzes maken": "choices",
    "Contact met anderen": "affiliation",
    "Natuur en dieren": "nature",
    "Ontspanning en spel": "play",
    "Invloed op je omgeving": "control",
}

ACTIONS = {
    "Zorgsignaal": "care_signal",
    "Welzijnsvraag": "wellbeing_question",
    "Woning (onderhoud, vocht, schimmel)": "housing_question",
    "Participatie": "participation_chance",
}

# Whether the visit led to a conversation: a visit without one is registered too, so that the
# response rate and the attempts per household (teams went back up to three times) are known.
VISIT_OUTCOMES = {
    "Ja, er is een sociaal gesprek gevoerd": "held",
    "Nee, de bewoner wilde geen gesprek": "declined",
    "Niemand thuis": "not_home",
    "Alleen de technische opname, geen gesprek": "technical_only",
}

AGE_GROUPS = {
    "Jonger dan 25": "under_25",
    "25 tot 45": "25_44",
    "45 tot 65": "45_64",
    "65 tot 80": "65_79",
    "80 of ouder": "80_plus",
}

HOUSEHOLD_TYPES = {
    "Alleenstaand": "single",
    "Alleenstaand met kind(eren)": "single_parent",
    "Samenwonend zonder kinderen": "couple",
    "Samenwonend met kind(eren)": "family",
    "Anders": "other",
}

FACILITY_ROWS = {
    "Winkels": "shops",
    "Groen en speelplekken": "green",
    "Openbaar vervoer": "transport",
    "Buurthuis": "community_centre",
}
FACILITY_OPTIONS = {"Slecht": "poor", "Matig": "fair", "Goed": "good", "Weet niet": "unknown"}

SECTIONS: tuple[Section, ...] = (
    Section(
        "Het bezoek",
        "Wie bezocht wie, en wanneer.",
        (
            Question("Naam medewerker", "visitor", "short", required=True),
            Question("Datum huisbezoek", "visit_date", "date", required=True),
            Question(
                "Adres (straat en huisnummer)",
                "address",
                "short",
                "Straatnaam en huisnummer met toevoeging, zoals 12a of 103-2.",
                required=True,
            ),
            Question("Postcode", "postcode", "short"),
            Question(
                "Is er een sociaal gesprek gevoerd?",
                "visit_outcome",
                "choice",
                "Vul het formulier ook in als niemand thuis was of de bewoner geen gesprek wilde; "
                "laat de vragen hierna dan leeg.",
                options=VISIT_OUTCOMES,
            ),
        ),
    ),
    Section(
        "Contact voor terugkoppeling",
        "Alleen invullen als de bewoner teruggebeld of gemaild wil worden.",
        (
            Question("Naam bewoner", "resident_name", "short"),
            Question("Telefoonnummer bewoner", "resident_phone", "short"),
            Question("E-mailadres bewoner", "resident_email", "short"),
        ),
    ),
    Section(
        "Het huishouden",
        "Gesloten vragen over het huishouden.",
        (
            Question("Leeftijdsgroep", "age_group", "choice", options=AGE_GROUPS),
            Question(
                "Samenstelling huishouden", "household_type", "choice", options=HOUSEHOLD_TYPES
            ),
            Question(
                "Hoeveel jaar woont u in de buurt?",
                "years_in_neighbourhood",
                "short",
                "Een getal; minder dan een jaar is 0.",
            ),
        ),
    ),
    Section(
        "Schaalvragen",
        "Een cijfer van 1 tot en met 10.",
        (
            Question(
                "Hoe tevreden bent u met uw buurt? (1 = zeer ontevreden, 10 = zeer tevreden)",
                "scale.satisfaction",
                "scale",
                range=SCALE_1_10,
            ),
            Question(
                "Hoe prettig is het contact met uw buren? (1-10)",
                "scale.neighbour_contact",
                "scale",
                range=SCALE_1_10,
            ),
            Question(
                "Hoe veilig voelt u zich in de buurt? (1-10)",
                "scale.safety",
                "scale",
                range=SCALE_1_10,
            ),
            Question(
                "Oordeel over voorzieningen in de buurt",
                "grid.facilities",
                "grid",
                rows=FACILITY_ROWS,
                options=FACILITY_OPTIONS,
            ),
        ),
    ),
    Section(
        "Het gesprek: persoon",
        "Wat vertelde de bewoner over zichzelf? Gebruik de gesprekskaarten Waarde van Welzijn.",
        (
            Question("Gekozen gesprekskaarten", "cards", "checkbox", options=CARDS, other=True),
            Question("Belemmeringen", "text.person_obstacles", "paragraph"),
            Question("Kansen", "text.person_opportunities", "paragraph"),
            Question("Talenten en wensen", "text.talents", "paragraph"),
        ),
    ),
    Section(
        "Het gesprek: omgeving",
        "Wat vertelde de bewoner over de buurt, de woning en de mensen eromheen?",
        (
            Question("Belemmeringen", "text.environment_obstacles", "paragraph"),
            Question("Kansen", "text.environment_opportunities", "paragraph"),
        ),
    ),
    Section(
        "Vervolg",
        "Directe acties en meedoen.",
        (
            Question("Soort actie", "actions", "checkbox", options=ACTIONS, other=True),
            Question(
                "Wil de bewoner meedoen aan activiteiten in de buurt?",
                "wants_to_join",
                "choice",
                options={"Ja": "yes", "Nee": "no", "Misschien": "maybe"},
            ),
            Question("Overige opmerkingen", "text.remarks", "paragraph"),
        ),
    ),
)


def questions() -> list[Question]:
    return [q for section in SECTIONS for q in section.questions]
