"""The files of phase 4: ``actionplan.yaml`` (activities and meaningful places, bijlage 11) and
``renovation.yaml`` (the contractor's planning per block, without addresses).

Both are shared project files: they hold no resident's data. The meaningful places live in
``actionplan.yaml`` beside the activities that use them, so the plan is one file to keep.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from mdsa.project.models import NonEmpty, Strict

ACTIONPLAN_FILE = "actionplan.yaml"
RENOVATION_FILE = "renovation.yaml"

KINDS: dict[str, str] = {
    "personal_connection": "Persoonlijke verbinding",
    "collective_activity": "Collectieve activiteit",
    "physical_change": "Fysieke aanpassing",
}
STATUSES: dict[str, str] = {
    "idea": "Idee",
    "planned": "Gepland",
    "running": "Loopt",
    "done": "Afgerond",
    "stopped": "Gestopt",
}
BUILDS_ON: dict[str, str] = {
    "goes_well": "Versterkt wat goed gaat",
    "needs_attention": "Verbetert wat aandacht nodig heeft",
}
Condition = Literal[
    "socioeconomic_security", "social_cohesion", "social_inclusion", "social_empowerment"
]

_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


def parse_week(value: str, day: int) -> date | None:
    """An ISO week (``2017-W11``) as its Monday (day 1) or Sunday (day 7); ``None`` when the
    text is not a week. Raises ``ValueError`` for a week that does not exist (``2017-W54``)."""
    found = _WEEK.match(value)
    if not found:
        return None
    try:
        return date.fromisocalendar(int(found[1]), int(found[2]), day)
    except ValueError as e:
        raise ValueError(f"week {found[2]} does not exist in {found[1]}") from e


def _week(day: int) -> Any:
    """Accept an ISO week as a date: its Monday (day 1) or Sunday (day 7)."""

    def convert(value: Any) -> Any:
        if isinstance(value, str):
            return parse_week(value, day) or value
        return value

    return BeforeValidator(convert)


WeekStart = Annotated[date, _week(1)]
WeekEnd = Annotated[date, _week(7)]


class Place(Strict):
    name: NonEmpty
    kind: str | None = None  # bench, community centre, garden, pop-up terrace ...
    meaning: str | None = None  # what it means to residents
    subarea: str | None = None


class Activity(Strict):
    name: NonEmpty
    goal: NonEmpty
    kind: Literal["personal_connection", "collective_activity", "physical_change"]
    themes: list[NonEmpty] = []
    condition: Condition | None = None
    builds_on: Literal["goes_well", "needs_attention"] | None = None
    place: str | None = None
    streets: list[NonEmpty] = []
    subarea: str | None = None
    participants: list[NonEmpty] = []
    owner: NonEmpty
    hours: float | None = Field(default=None, ge=0)
    budget: float | None = Field(default=None, ge=0)
    start: WeekStart
    end: WeekEnd | None = None
    frequency: str | None = None
    status: Literal["idea", "planned", "running", "done", "stopped"] = "idea"


class ActionPlan(Strict):
    places: list[Place] = []
    activities: list[Activity] = []


class Block(Strict):
    name: NonEmpty
    streets: list[NonEmpty] = []
    subarea: str | None = None
    start: WeekStart
    end: WeekEnd


class RenovationSchedule(Strict):
    contractor: str | None = None
    blocks: list[Block] = []
