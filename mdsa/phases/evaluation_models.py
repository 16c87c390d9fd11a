"""Schemas of phase 5's files: ``evaluations.yaml``, ``ripples.yaml`` and ``msc.yaml``.

Imported only when one of them is read, so ``mdsa --help`` never pays for pydantic. Every model
forbids unknown keys (a typo is reported with the closest valid key), as in ``mdsa.project``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from mdsa.project.models import NonEmpty, Strict

PhaseName = Literal["preparation", "visits", "picture", "connecting", "evaluation"]
Level = Literal["direct", "indirect", "lasting"]
LEVELS: tuple[str, ...] = ("direct", "indirect", "lasting")
Perspective = Literal["resident", "neighbourhood", "professional"]
PERSPECTIVES: tuple[str, ...] = ("resident", "neighbourhood", "professional")
Texts = list[NonEmpty]


class Evaluation(Strict):
    phase: PhaseName
    date: dt.date
    participants: Annotated[Texts, Field(min_length=1)]
    went_well: Texts = []
    stuck: Texts = []
    decisions: Texts = []


class EvaluationsFile(Strict):
    """``evaluations.yaml``: an interim evaluation after each phase."""

    evaluations: list[Evaluation] = []


class Ripple(Strict):
    id: NonEmpty
    level: Level
    title: NonEmpty
    description: str | None = None
    year: int | None = Field(default=None, ge=1990, le=2100)
    came_from: list[NonEmpty] = []


class RipplesFile(Strict):
    """``ripples.yaml``: activities and their effects, direct, indirect and lasting, linked."""

    ripples: list[Ripple] = []


class Story(Strict):
    id: NonEmpty
    perspective: Perspective
    teller: NonEmpty  # a role ("bewoner Seinhuisbuurt", "opbouwwerker"), never a name
    domain: NonEmpty
    collected: dt.date | None = None
    title: NonEmpty
    text: NonEmpty


class Choice(Strict):
    story: NonEmpty
    reason: NonEmpty


class Round(Strict):
    name: NonEmpty
    date: dt.date | None = None
    by: NonEmpty
    selected: Annotated[list[Choice], Field(min_length=1)]


class MscFile(Strict):
    """``msc.yaml``: Most Significant Change stories and the rounds that selected them."""

    question: str | None = None
    stories: list[Story] = []
    rounds: list[Round] = []


class ValuesRound(Strict):
    name: NonEmpty
    date: dt.date | None = None
    file: NonEmpty  # a CSV in the project folder: subarea, then one column per value


class BaselineValue(Strict):
    scale: NonEmpty  # a scale question of the visits (``scale.NAME`` in data/visits.csv)
    at_least: int  # an answer of at least this counts as the value being there


class Baseline(Strict):
    """The home visits' scale questions as the baseline of a later round of values cards."""

    name: NonEmpty = "Huisbezoeken"
    round: NonEmpty | None = None  # the round compared with (default: the last)
    values: Annotated[dict[NonEmpty, BaselineValue], Field(min_length=1)]  # value code -> scale


class RoundsForm(Strict):
    """The questions of a Google Form that hold a round (``mdsa rounds import``)."""

    subarea: NonEmpty | None = None  # the question about the part of the neighbourhood
    values: NonEmpty  # the checkbox question whose options are the labels of ``values``


class RoundsFile(Strict):
    """``rounds.yaml``: the neighbourhood-values cards (wijkwaardenkaart) and their rounds."""

    values: Annotated[dict[NonEmpty, NonEmpty], Field(min_length=1)]  # code -> label
    rounds: list[ValuesRound] = []
    baseline: Baseline | None = None
    form: RoundsForm | None = None
