"""Schemas of the project folder's YAML files (the contract other commands rely on).

Imported only by the functions that load a project, so ``mdsa --help`` never pays for pydantic.
Every model forbids unknown keys, so a typo is reported with the closest valid key.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

Role = Literal[
    "project_leader", "housing_consultant", "community_worker", "site_manager", "contractor_liaison"
]
ROLES: tuple[str, ...] = get_args(Role)
FIELD_ROLES: tuple[str, ...] = ROLES[1:]
# The people who hold the social conversations and are trained for them (handbook, fase 1).
VISITING_ROLES: tuple[str, ...] = ("housing_consultant", "community_worker")

PartnerKind = Literal[
    "housing_corporation",
    "welfare",
    "contractor",
    "municipality",
    "district_team",
    "police",
    "care",
    "residents",
    "other",
]
CORE_KINDS: tuple[str, ...] = ("housing_corporation", "welfare", "contractor")

LegalBasis = Literal[
    "consent",
    "legitimate_interest",
    "public_task",
    "contract",
    "legal_obligation",
    "vital_interest",
]

PHASES: tuple[str, ...] = ("preparation", "visits", "picture", "connecting", "evaluation")

_POSTCODE = re.compile(r"^[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@lru_cache(maxsize=4096)  # an address list repeats a few hundred postcodes
def is_postcode(value: str) -> bool:
    """A Dutch postcode: four digits (not starting with 0), optional space, two capitals."""
    return bool(_POSTCODE.match(value.strip().upper()))


@lru_cache(maxsize=4096)
def normalise_postcode(value: str) -> str:
    compact = value.strip().upper().replace(" ", "")
    return f"{compact[:4]} {compact[4:]}"


def _check_postcode(value: str) -> str:
    if not is_postcode(value):
        raise ValueError("is not a Dutch postcode (four digits and two letters, like 6541 AB)")
    return normalise_postcode(value)


def _check_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError("is not an e-mail address")
    return value


Postcode = Annotated[str, AfterValidator(_check_postcode)]
Email = Annotated[str, AfterValidator(_check_email)]
NonEmpty = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Subarea(Strict):
    streets: list[NonEmpty] = []
    postcodes: list[Postcode] = []
    description: str | None = None


class PhaseDates(Strict):
    start: date | None = None
    end: date | None = None


class Phases(Strict):
    preparation: PhaseDates = PhaseDates()
    visits: PhaseDates = PhaseDates()
    picture: PhaseDates = PhaseDates()
    connecting: PhaseDates = PhaseDates()
    evaluation: PhaseDates = PhaseDates()


class EnvelopeWindow(Strict):
    """Where the address block sits, in mm from the sheet's top-left corner (window envelope).

    The default fits the common Dutch window envelope (EA5/6, window on the left; NEN 1026)."""

    left_mm: float = Field(default=22, ge=5, le=120)
    top_mm: float = Field(default=50, ge=10, le=200)


class Signatory(Strict):
    name: NonEmpty
    role: str | None = None  # as it is printed under the name: "woonconsulent"
    organisation: str | None = None


class LetterSettings(Strict):
    """``letters:`` in mdsa.yaml: the sender of the invitation letters (all optional)."""

    sender: str | None = None  # default: the housing corporation of partners.yaml
    sender_address: list[NonEmpty] = []  # lines under the sender's name
    phone: str | None = None
    email: Email | None = None
    website: str | None = None
    place: str | None = None  # town on the date line; default: municipality
    city: str | None = None  # town in the residents' address; default: municipality
    subject: str = "Huisbezoek voor het onderhoud van uw woning"
    dated: date | None = None  # the date on the letters; default: the day they are made
    reschedule: str | None = None  # how to move the appointment; default: phone or e-mail
    signatories: list[Signatory] = []  # default: the contacts of the core partners
    window: EnvelopeWindow = EnvelopeWindow()


class ProjectConfig(Strict):
    """``mdsa.yaml``."""

    name: NonEmpty
    neighbourhood: NonEmpty
    municipality: str | None = None
    language: Literal["nl", "en"] = "nl"
    min_group_size: int = Field(default=5, ge=3, le=50)
    homes: int | None = Field(default=None, ge=1)
    description: str | None = None
    subareas: dict[str, Subarea] = {}
    phases: Phases = Phases()
    # Organisations, services and places the scrubber must never remove from a note
    # ("Buurtcentrum De Klokkenberg", "Stichting Oase"), on top of partners.yaml.
    keep_words: list[NonEmpty] = []
    letters: LetterSettings = LetterSettings()


class Member(Strict):
    name: NonEmpty
    role: Role
    organisation: NonEmpty
    email: Email | None = None
    trained: date | None = None


class TeamFile(Strict):
    """``team.yaml``."""

    members: list[Member] = []


class Partner(Strict):
    name: NonEmpty
    kind: PartnerKind
    contact: str | None = None
    email: Email | None = None
    agreement: date | None = None
    role: str | None = None


class PartnersFile(Strict):
    """``partners.yaml``."""

    organisations: list[Partner] = []


class PrivacyPlan(Strict):
    """``privacy.yaml``: the privacy plan of handbook bijlage 3."""

    purposes: list[NonEmpty] = []
    data_collected: list[NonEmpty] = []
    raw_data_access: list[NonEmpty] = []
    shared_between_organisations: list[NonEmpty] = []
    storage: str | None = None
    retention_months: int | None = Field(default=None, ge=1, le=120)
    legal_basis: LegalBasis | None = None
    resident_contact: str | None = None
    leaflet: bool = False
    # For the leaflet (mdsa leaflet): who is responsible for the data (default: the housing
    # corporation and the welfare organisation of partners.yaml) and an e-mail for residents.
    responsible: list[NonEmpty] = []
    contact_email: Email | None = None


class Channel(Strict):
    name: NonEmpty
    audiences: list[NonEmpty] = []
    owner: str | None = None
    frequency: str | None = None


class Newsletter(Strict):
    rhythm_weeks: int = Field(ge=1, le=26)
    made_by: str | None = None


class Conversation(Strict):
    """The residents' meeting about the picture of the neighbourhood (fase 3 stap 4)."""

    when: NonEmpty  # as residents read it: "dinsdag 14 november, 19.30 uur"
    place: NonEmpty
    note: str | None = None  # e.g. "koffie en thee staan klaar"


class CommunicationPlan(Strict):
    """``communication.yaml``."""

    audiences: list[NonEmpty] = []
    channels: list[Channel] = []
    newsletter: Newsletter | None = None
    team_meeting: str | None = None
    conversation: Conversation | None = None  # the poster's invitation (mdsa poster)
