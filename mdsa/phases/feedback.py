"""``mdsa feedback``: the newsletter to every resident after the visits (terugkoppeling, fase 2).

One or two pages in Dutch, as PDF to print and as a self-contained web page: how many households
took part, what came up in the conversations (what residents value first, then what could be
better), what kinds of follow-up there were, and what happens next. It holds figures only, and
only figures of at least ``min_group_size``: a theme or a kind of follow-up with fewer is left out
(a care signal too), and the letter then says that some are not named, never how many.

The sources: ``data/visits.csv`` (households with a conversation), ``output/aggregate.json`` (the
conversation cards chosen, per text category; made by ``mdsa aggregate``), ``private/actions.csv``
(the kinds of follow-up; counts only), ``mdsa.yaml`` (the planning of the phases still to come)
and ``communication.yaml`` (where residents hear more). Both files are written into
``private/staging/feedback/`` first and scanned there; only when the scan finds nothing are they
moved into ``output/`` (``mdsa.documents.publish``). On a finding nothing in ``output/``
changes.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mdsa.documents.numbers import MONTHS
from mdsa.errors import MdsaError
from mdsa.project.folder import PRIVATE_DIR, Project

NAME = "terugkoppeling"
TEMPLATE = "feedback-newsletter"
OUTPUT_DIR = "output"
STAGING_DIR = f"{PRIVATE_DIR}/staging/feedback"
AGGREGATE_FILE = "output/aggregate.json"
VISITS_FILE = "data/visits.csv"
TOTAL = "Totaal"
TOP = 5  # themes named per section, most often chosen first

# What residents value comes first, then what could be better: the letter goes to everyone in
# the neighbourhood and should read as a picture of it, not as a list of its problems.
VALUED = ("person_opportunities", "environment_opportunities", "talents")
BETTER = ("person_obstacles", "environment_obstacles")
NO_CONVERSATION = ("declined", "not_home", "technical_only")

# The kinds of follow-up in words for residents (in this order), never "zorgsignaal".
ACTION_WORDS = {
    "housing_question": "vragen over de woning of de woonomgeving",
    "participation_chance": "bewoners die iets willen doen voor de buurt of voor buren",
    "wellbeing_question": "vragen over welzijn, zoals contact met anderen of vrije tijd",
    "care_signal": "vragen om hulp of ondersteuning",
}
ACTION_WHO = {
    "housing_question": "de woningcorporatie",
    "participation_chance": "het welzijnswerk",
    "wellbeing_question": "het welzijnswerk",
    "care_signal": "het wijkteam",
}

NEXT_PHASES = ("picture", "connecting", "evaluation")
NEXT_WORDS = {
    "picture": (
        "Samen bekijken wat we gehoord hebben",
        "Het projectteam bespreekt met partners en bewoners wat er in de gesprekken is verteld. "
        "Zo ontstaat een beeld van de buurt: wat goed gaat, en wat beter kan.",
    ),
    "connecting": (
        "Samen aan de slag",
        "Met bewoners en partners kiezen we wat we gaan doen. Wie iets wil doen voor de buurt, "
        "nemen we daarin mee.",
    ),
    "evaluation": (
        "Terugkijken",
        "We kijken samen met bewoners terug: wat heeft het opgeleverd, en wat nemen we mee?",
    ),
}


class FeedbackInputError(MdsaError):
    """An input of the newsletter is missing or cannot be read."""

    code = "feedback-input"


@dataclass
class Follow:
    kind: str
    words: str
    who: str
    count: int


@dataclass
class NextStep:
    title: str
    text: str
    period: str | None


@dataclass
class Feedback:
    """Everything the newsletter says; every count in it is at least ``min_group_size``."""

    name: str
    neighbourhood: str
    date: date
    min_group_size: int
    homes: int | None
    households: int | None  # None: fewer than min_group_size households took part
    percent: float | None
    themes_known: bool  # the conversation cards were counted (mdsa aggregate)
    valued: list[str]
    better: list[str]
    themes_left_out: bool
    actions_known: bool  # the action list exists
    actions: list[Follow]
    actions_left_out: bool
    next_steps: list[NextStep]
    channels: list[str]
    contact: str | None
    contact_email: str | None
    files: list[str] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["date"] = self.date.isoformat()
        return data

    def context(self) -> dict[str, Any]:
        return {
            "project": {"name": self.name, "neighbourhood": self.neighbourhood},
            "newsletter": {"title": f"Terugkoppeling huisbezoeken {self.neighbourhood}"},
            "feedback": self,
        }


def feedback(project: Project, *, today: date | None = None) -> Feedback:
    """What the newsletter says, from the project's shareable figures and its action list."""
    config = project.config
    if config is None:
        raise FeedbackInputError(
            "mdsa.yaml cannot be read", path="mdsa.yaml", hint=f"run: mdsa validate {project.root}"
        )
    k = config.min_group_size
    households = _households(project.root)
    homes = config.homes or (len(project.households) if project.households else None)
    shown = households if households >= k else None
    percent = shown / homes if shown is not None and homes else None
    themes = _themes(project.root, k)
    actions = _actions(project.root, k)
    plan = project.privacy
    return Feedback(
        name=project.name,
        neighbourhood=config.neighbourhood or project.root.name,
        date=today or date.today(),
        min_group_size=k,
        homes=homes,
        households=shown,
        percent=percent,
        themes_known=themes is not None,
        valued=themes[0] if themes else [],
        better=themes[1] if themes else [],
        themes_left_out=themes[2] if themes else False,
        actions_known=actions is not None,
        actions=actions[0] if actions else [],
        actions_left_out=actions[1] if actions else False,
        next_steps=_next_steps(project),
        channels=_channels(project),
        contact=plan.resident_contact if plan else None,
        contact_email=str(plan.contact_email) if plan and plan.contact_email else None,
    )


def _households(root: Path) -> int:
    """Households with a conversation in ``data/visits.csv`` (a visit without one not counted)."""
    from mdsa.phases.picture import read_visits

    path = root / VISITS_FILE
    if not path.is_file():
        raise FeedbackInputError(
            "there is no anonymised data set yet, so there is nothing to report back",
            path=VISITS_FILE,
            hint=f"make it first: mdsa anonymise {root}",
        )
    rows = read_visits(path)
    if rows and "household" not in rows[0]:
        raise FeedbackInputError(
            "the data set has no household column", path=VISITS_FILE, line=1, code="feedback-input"
        )
    return len(
        {
            row["household"]
            for row in rows
            if row.get("household") and row.get("visit_outcome", "") not in NO_CONVERSATION
        }
    )


def _count(value: Any) -> int | None:
    """A published count of the aggregate; a withheld one (``{"value": null}``) is None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


def _themes(root: Path, k: int) -> tuple[list[str], list[str], bool] | None:
    """The conversation cards chosen with the texts of each section, at least ``k`` times."""
    from mdsa.phases.picture_files import read_aggregate

    data = read_aggregate(root, FeedbackInputError, "texts")
    if data is None:
        return None
    texts = data["texts"]
    left_out = False

    def section(categories: tuple[str, ...]) -> list[str]:
        nonlocal left_out
        best: dict[str, int] = {}
        for text in texts:
            if not isinstance(text, dict) or text.get("category") not in categories:
                continue
            cards = text.get("cards")
            for option in (cards or {}).get("options", []) if isinstance(cards, dict) else []:
                counts = option.get("counts") if isinstance(option, dict) else None
                value = counts.get(TOTAL) if isinstance(counts, dict) else None
                count = _count(value)
                label = str(option.get("label") or option.get("code") or "")
                if not label or label.lower() == "anders":
                    continue
                if count is None or count < k:
                    left_out = left_out or count is None or count > 0
                    continue
                best[label] = max(best.get(label, 0), count)
        ordered = sorted(best, key=lambda label: (-best[label], label))
        return ordered[:TOP]

    return section(VALUED), section(BETTER), left_out


def _actions(root: Path, k: int) -> tuple[list[Follow], bool] | None:
    """Each kind of follow-up with at least ``k`` entries; whether a kind was left out.

    The letter counts the follow-ups residents did not decline. A kind is also left out when
    fewer than ``k`` (but some) of its follow-ups were declined: the final report publishes
    each kind's total, and the total minus this count would be that small group."""
    from mdsa.phases.actions import ACTIONS_FILE, load_actions

    if not (root / ACTIONS_FILE).is_file():
        return None
    counts: dict[str, int] = {}
    declined: dict[str, int] = {}
    for action in load_actions(root):
        tally = declined if action.status == "declined" else counts
        tally[action.type] = tally.get(action.type, 0) + 1

    def shows(kind: str) -> bool:
        return counts.get(kind, 0) >= k and not 0 < declined.get(kind, 0) < k

    shown = [
        Follow(kind, words, ACTION_WHO[kind], counts[kind])
        for kind, words in ACTION_WORDS.items()
        if shows(kind)
    ]
    left_out = any(count and not shows(kind) for kind, count in counts.items())
    return shown, left_out


def _month(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def _next_steps(project: Project) -> list[NextStep]:
    from mdsa.phases.base import planned

    steps = []
    for phase in NEXT_PHASES:
        start, end = planned(project, phase)
        if start and end:
            period: str | None = (
                f"{_month(start)} tot en met {_month(end)}"
                if (start.year, start.month) != (end.year, end.month)
                else _month(start)
            )
        elif start:
            period = f"vanaf {_month(start)}"
        else:
            period = None
        title, text = NEXT_WORDS[phase]
        steps.append(NextStep(title, text, period))
    return steps


def _channels(project: Project) -> list[str]:
    """The channels of communication.yaml that reach residents, with how often."""
    plan = project.communication
    if plan is None:
        return []
    out = []
    for channel in plan.channels:
        audiences = [a.lower() for a in channel.audiences]
        if audiences and not any(a.startswith("bewoner") for a in audiences):
            continue
        out.append(f"{channel.name} ({channel.frequency})" if channel.frequency else channel.name)
    return out


def write_feedback(project: Project, *, today: date | None = None) -> Feedback:
    """Render the newsletter, scan it in staging, and publish it into ``output/`` when clean."""
    from mdsa.documents.pdf import render_pdf
    from mdsa.documents.publish import publish_scanned
    from mdsa.documents.templates import render

    result = feedback(project, today=today)
    context = result.context()
    pdf = render_pdf(f"{TEMPLATE}.typ", context, project.root)
    page = render("html", f"{TEMPLATE}.html", context, project.root)
    result.files = publish_scanned(
        project,
        "feedback",
        {f"{OUTPUT_DIR}/{NAME}.pdf": pdf, f"{OUTPUT_DIR}/{NAME}.html": page},
        hint="the newsletter holds only counts and the project's own texts: look at the "
        f"staged files in {STAGING_DIR}, correct the template in templates/ or the text in "
        "mdsa.yaml, privacy.yaml or communication.yaml, then run mdsa feedback again",
    )
    return result
