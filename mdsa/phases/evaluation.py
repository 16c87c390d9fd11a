"""Phase 5, Evaluatie: interim evaluations, Most Significant Change stories and ripples.

- ``evaluations.yaml``: an interim evaluation after each phase (who took part, what went well,
  what got stuck, what was decided). ``mdsa evaluate`` says which phases that have ended have
  none yet and renders the year's summary (``output/evaluaties-JJJJ.pdf`` and ``.html``).
- ``ripples.yaml``: activities and their effects at three levels, direct, indirect and lasting,
  each linked to what it came from. ``mdsa ripples`` draws the radial ripple map
  (``output/rimpelingen.svg``, ``.png``, ``.pdf``) and a page with the map and a table.
- ``msc.yaml``: stories of the most significant change, by perspective (residents, the
  neighbourhood, professionals), told by a role and never a name, and the rounds that selected
  them with their reasons. ``mdsa msc`` scrubs every story and renders the selected ones side
  by side by perspective (``output/verhalen.pdf`` and ``.html``).

Each file is validated like the project's own YAML (size and alias limits, unknown keys with the
closest valid one, every problem with its line). Every document is scanned before it is
published (``mdsa.documents.publish``).
"""

from __future__ import annotations

import dataclasses
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from mdsa.errors import MdsaError, ReportError
from mdsa.project.folder import REGISTRATIONS_FILE, Project
from mdsa.report import Report

if TYPE_CHECKING:
    from pydantic import BaseModel

    from mdsa.phases.base import PhaseStatus
    from mdsa.phases.evaluation_models import (
        Evaluation,
        MscFile,
        Ripple,
    )

    M = TypeVar("M", bound=BaseModel)

EVALUATIONS_FILE = "evaluations.yaml"
RIPPLES_FILE = "ripples.yaml"
MSC_FILE = "msc.yaml"
OUTPUT_DIR = "output"
RIPPLES_NAME = "rimpelingen"
MSC_NAME = "verhalen"
LEVEL_LABELS = {"direct": "Direct", "indirect": "Indirect", "lasting": "Blijvend"}
PERSPECTIVE_LABELS = {
    "resident": "Bewoners",
    "neighbourhood": "De buurt",
    "professional": "Professionals",
}
MSC_QUESTION = "Wat was voor u de belangrijkste verandering tijdens het project, en waarom?"


class EvaluationFileError(MdsaError):
    """A file of phase 5 that cannot be used as it is."""

    code = "invalid-evaluation-file"


def load_file(root: Path, name: str, model: type[M]) -> M | None:
    """``name`` read, checked and validated (``None`` when the file is not there).

    Every problem is one line with the file and its line; any problem raises ``ReportError``."""
    from pydantic import ValidationError

    from mdsa.project.folder import _report_validation_error, read_yaml_mapping

    path = root / name
    if not path.is_file():
        return None
    report = Report()
    read = read_yaml_mapping(path, name, report)
    if read is None:
        raise ReportError(f"{name} cannot be read", report, path=name)
    document, data = read
    if data is None:
        raise ReportError(f"{name} has problems", report, path=name)
    result: M | None = None
    try:
        result = model.model_validate(data)
    except ValidationError as e:
        for error in e.errors():
            _report_validation_error(report, name, document, model, error)
    if not report.ok or result is None:
        raise ReportError(f"{name} has problems; nothing was made", report, path=name)
    return result


def _line(root: Path, name: str, *loc: str | int) -> int | None:
    from mdsa.fileio import load_yaml

    return load_yaml(root / name).line_of(tuple(loc))


# --- status ------------------------------------------------------------------------------


def status(project: Project) -> PhaseStatus:
    from mdsa.phases.base import PhaseStatus, planned, planning_fact, planning_status

    root = project.root
    files = (EVALUATIONS_FILE, RIPPLES_FILE, MSC_FILE, "rounds.yaml")
    present = [n for n in files if (root / n).is_file()]
    if not present:
        return planning_status(project, "evaluation", "the activities of phase 4")
    start, end = planned(project, "evaluation")
    facts = [planning_fact(start, end)]
    next_step = None
    try:
        overview = interim(project)
        if overview.evaluations:
            facts.append(f"{len(overview.evaluations)} interim evaluation(s) in {EVALUATIONS_FILE}")
        if overview.missing:
            facts.append("no interim evaluation yet after: " + ", ".join(overview.missing))
            next_step = f"evaluate phase {overview.missing[0]} with the team and residents"
        ripples = load_ripples(project)
        if ripples:
            facts.append(f"{len(ripples)} ripple(s) in {RIPPLES_FILE}")
        stories = load_file(root, MSC_FILE, _models().MscFile)
        if stories:
            chosen = {c.story for r in stories.rounds for c in r.selected}
            facts.append(
                f"{len(stories.stories)} story(ies), {len(chosen)} selected, in {MSC_FILE}"
            )
        if (root / "rounds.yaml").is_file():
            from mdsa.phases.evaluation_rounds import load_rounds

            rounds = len(load_rounds(project).rounds)
            facts.append(f"{rounds} round(s) of values cards in rounds.yaml")
    except MdsaError as e:
        facts.append(f"{e.path or ''}: has problems")
        next_step = f"correct it: mdsa evaluate {root} lists the problems"
    return PhaseStatus(
        phase="evaluation",
        state="in_progress",
        facts=facts,
        next_step=next_step or f"make the documents: mdsa evaluate, mdsa ripples, mdsa msc {root}",
        start=start,
        end=end,
    )


def _models() -> Any:
    from mdsa.phases import evaluation_models

    return evaluation_models


# --- mdsa evaluate -----------------------------------------------------------------------


@dataclass
class PhaseEvaluations:
    phase: str
    title: str
    state: str  # evaluated | missing | not_due
    planned_end: date | None


@dataclass
class Interim:
    phases: list[PhaseEvaluations]
    evaluations: list[Evaluation]
    year: int | None = None
    files: list[str] = dataclasses.field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        return [p.phase for p in self.phases if p.state == "missing"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "phases": [dataclasses.asdict(p) for p in self.phases],
            "evaluations": [e.model_dump(mode="json") for e in self.evaluations],
            "missing": self.missing,
            "year": self.year,
            "files": self.files,
        }


def interim(project: Project, *, today: date | None = None) -> Interim:
    """Which phases have an interim evaluation, which have ended without one, which are due."""
    from mdsa.phases.base import PHASE_TITLES, planned

    today = today or date.today()
    loaded = load_file(project.root, EVALUATIONS_FILE, _models().EvaluationsFile)
    evaluations = sorted(loaded.evaluations if loaded else [], key=lambda e: e.date)
    done = {e.phase for e in evaluations}
    phases = []
    for phase, title in PHASE_TITLES.items():
        _, end = planned(project, phase)
        if phase in done:
            state = "evaluated"
        elif end is not None and end < today and phase != "evaluation":
            state = "missing"  # phase 5 ends in the final evaluation, not an interim one
        else:
            state = "not_due"
        phases.append(PhaseEvaluations(phase, title, state, end))
    return Interim(phases, evaluations)


def write_summary(project: Project, *, year: int | None = None) -> Interim:
    """The interim overview, and the year's summary as PDF, HTML and DOCX when there is one."""
    from mdsa.documents.docx import DocxTemplate
    from mdsa.documents.pdf import render_pdf
    from mdsa.documents.publish import publish_scanned
    from mdsa.documents.templates import render

    result = interim(project)
    if not result.evaluations:
        return result
    years = sorted({e.date.year for e in result.evaluations})
    chosen = year or years[-1]
    if chosen not in years:
        raise EvaluationFileError(
            f"{EVALUATIONS_FILE} has no evaluation in {chosen} "
            f"(it has {', '.join(map(str, years))})",
            path=EVALUATIONS_FILE,
            code="no-evaluations-that-year",
        )
    from mdsa.phases.base import PHASE_TITLES

    context = {
        "project": {"name": project.name},
        "summary": {
            "title": f"Evaluaties {chosen}",
            "year": chosen,
            "evaluations": [
                {**e.model_dump(), "title": PHASE_TITLES[e.phase]}
                for e in result.evaluations
                if e.date.year == chosen
            ],
            "missing": [p.title for p in result.phases if p.state == "missing"],
            "made": date.today(),
        },
    }
    name = f"{OUTPUT_DIR}/evaluaties-{chosen}"
    result.year = chosen
    result.files = publish_scanned(
        project,
        "evaluations",
        {
            f"{name}.pdf": render_pdf("evaluation-summary.typ", context, project.root),
            f"{name}.html": render("html", "evaluation-summary.html", context, project.root),
            f"{name}.docx": DocxTemplate("evaluation-summary.docx", project.root).render(context),
        },
        hint=f"write roles, not names, in {EVALUATIONS_FILE}, then run mdsa evaluate again",
    )
    return result


# --- mdsa ripples ------------------------------------------------------------------------


def load_ripples(project: Project) -> list[Ripple]:
    """The ripples, checked: unique ids, links to ripples that exist and lie no further out."""
    from mdsa.phases.evaluation_models import LEVELS

    root = project.root
    loaded = load_file(root, RIPPLES_FILE, _models().RipplesFile)
    if loaded is None:
        return []
    report = Report()
    by_id: dict[str, Ripple] = {}
    for i, ripple in enumerate(loaded.ripples):
        if ripple.id in by_id:
            report.error(
                "duplicate-ripple",
                f"ripple id '{ripple.id}' is used twice",
                file=RIPPLES_FILE,
                line=_line(root, RIPPLES_FILE, "ripples", i, "id"),
                hint="give each ripple its own id",
            )
        by_id.setdefault(ripple.id, ripple)
    for i, ripple in enumerate(loaded.ripples):
        for j, source in enumerate(ripple.came_from):
            line = _line(root, RIPPLES_FILE, "ripples", i, "came_from", j)
            parent = by_id.get(source)
            if parent is None:
                report.error(
                    "unknown-ripple",
                    f"ripple '{ripple.id}' came from '{source}', which is not in the file",
                    file=RIPPLES_FILE,
                    line=line,
                    hint="use the id of a ripple in this file",
                )
            elif source == ripple.id:
                report.error(
                    "ripple-cycle",
                    f"ripple '{ripple.id}' cannot come from itself",
                    file=RIPPLES_FILE,
                    line=line,
                )
            elif LEVELS.index(parent.level) > LEVELS.index(ripple.level):
                report.error(
                    "ripple-inward",
                    f"ripple '{ripple.id}' ({ripple.level}) came from '{source}' "
                    f"({parent.level}), which lies further out",
                    file=RIPPLES_FILE,
                    line=line,
                    hint="an effect lies on the same ring as what it came from, or further out",
                )
    cycle = _cycle(loaded.ripples)
    if cycle and report.ok:
        report.error(
            "ripple-cycle",
            "ripples come from each other in a circle: " + " -> ".join(cycle),
            file=RIPPLES_FILE,
            hint="an effect cannot lead back to what it came from",
        )
    if not report.ok:
        raise ReportError(f"{RIPPLES_FILE} has problems; nothing was drawn", report)
    return list(loaded.ripples)


def _cycle(ripples: Sequence[Ripple]) -> list[str] | None:
    parents = {r.id: list(r.came_from) for r in ripples}
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for parent in parents.get(node, []):
            if state.get(parent) == 1:
                return [*path[path.index(parent) :], parent] if parent in path else [node, parent]
            if parent in parents and parent not in state:
                found = visit(parent, [*path, parent])
                if found:
                    return found
        state[node] = 2
        return None

    for ripple in ripples:
        if ripple.id not in state:
            found = visit(ripple.id, [ripple.id])
            if found:
                return found
    return None


@dataclass
class RippleResult:
    ripples: int
    links: int
    per_level: dict[str, int]
    files: list[str] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def layout(ripples: Sequence[Ripple]) -> dict[str, tuple[float, float]]:
    """Angle (radians) and radius of each ripple: each branch of the first link gets a slice
    of the circle as wide as the ripples at its ends, its children share the slice."""
    import math

    from mdsa.phases.evaluation_models import LEVELS

    ids = {r.id for r in ripples}
    children: dict[str | None, list[Ripple]] = {}
    for r in ripples:
        parent = next((p for p in r.came_from if p in ids), None)
        children.setdefault(parent, []).append(r)
    width: dict[str, int] = {}

    def leaves(r: Ripple) -> int:
        if r.id not in width:
            width[r.id] = sum(leaves(c) for c in children.get(r.id, [])) or 1
        return width[r.id]

    roots = children.get(None, [])
    total = sum(leaves(r) for r in roots) or 1
    place: dict[str, tuple[float, float]] = {}

    def assign(r: Ripple, start: float, span: float) -> None:
        place[r.id] = (start + span / 2, LEVELS.index(r.level) + 1.0)
        at = start
        for child in children.get(r.id, []):
            share = span * leaves(child) / leaves(r)
            assign(child, at, share)
            at += share

    at = math.pi / 2
    for r in roots:
        share = 2 * math.pi * leaves(r) / total
        assign(r, at, share)
        at += share
    return place


RING_COLOURS = {"direct": "#2f6e4f", "indirect": "#1f5f8b", "lasting": "#8a5a9e"}


def ripple_map(ripples: Sequence[Ripple], centre: str, fmt: str) -> bytes:
    """The ripple map as SVG, PNG or PDF: the project in the centre, three rings around it."""
    import io
    import math

    from mdsa.documents.charts import _setup

    _setup()
    import matplotlib.pyplot as plt
    from matplotlib.patches import Circle

    place = layout(ripples)
    figure, axes = plt.subplots(figsize=(10, 10))
    axes.set_aspect("equal")
    axes.axis("off")
    axes.set_xlim(-3.9, 3.9)
    axes.set_ylim(-3.9, 3.9)
    for ring, (level, label) in enumerate(LEVEL_LABELS.items(), start=1):
        axes.add_patch(
            Circle((0, 0), ring, fill=False, ls=(0, (4, 4)), lw=1, ec=RING_COLOURS[level])
        )
        axes.text(0, ring + 0.06, label, ha="center", va="bottom", fontsize=10,
                  color=RING_COLOURS[level], weight="bold")  # fmt: skip

    def xy(ripple_id: str) -> tuple[float, float]:
        angle, radius = place[ripple_id]
        return radius * math.cos(angle), radius * math.sin(angle)

    for r in ripples:
        end = xy(r.id)
        sources = [xy(p) for p in r.came_from if p in place] or [(0.0, 0.0)]
        for number, start in enumerate(sources):
            # The first link runs straight out; a further one bends, so that it is not hidden
            # behind a branch that runs along the same line.
            bend = "arc3,rad=0" if number == 0 else "arc3,rad=0.35"
            axes.annotate(
                "",
                xy=end,
                xytext=start,
                arrowprops={"arrowstyle": "-|>", "color": "#7a7a7a", "lw": 1.1,
                            "shrinkA": 16, "shrinkB": 24, "connectionstyle": bend,
                            "linestyle": "-" if number == 0 else (0, (3, 2))},
            )  # fmt: skip
    axes.text(0, 0, textwrap.fill(centre, 14), ha="center", va="center", fontsize=11,
              weight="bold", color="white",
              bbox={"boxstyle": "circle,pad=0.5", "fc": "#444444", "ec": "none"})  # fmt: skip
    for r in ripples:
        x, y = xy(r.id)
        axes.text(x, y, textwrap.fill(r.title, 18), ha="center", va="center", fontsize=8.5,
                  bbox={"boxstyle": "round,pad=0.35", "fc": "white",
                        "ec": RING_COLOURS[r.level], "lw": 1.4})  # fmt: skip
    buffer = io.BytesIO()
    metadata: dict[str, Any] = {"Creator": "mdsa"}
    if fmt == "pdf":
        metadata["CreationDate"] = None
    elif fmt == "svg":
        metadata["Date"] = None
    figure.savefig(buffer, format=fmt, bbox_inches="tight", dpi=110, metadata=metadata)
    plt.close(figure)
    return buffer.getvalue()


def write_ripples(project: Project) -> RippleResult:
    from mdsa.documents.publish import publish_scanned
    from mdsa.documents.templates import render
    from mdsa.phases.evaluation_models import LEVELS

    ripples = load_ripples(project)
    if not ripples:
        raise EvaluationFileError(
            f"there is no {RIPPLES_FILE}, or it lists no ripples",
            path=RIPPLES_FILE,
            hint="write down each activity and its effects (see the README), then run this again",
        )
    config = project.config
    centre = f"MdSA {config.neighbourhood}" if config and config.neighbourhood else project.name
    by_id = {r.id: r for r in ripples}
    maps = {fmt: ripple_map(ripples, centre, fmt) for fmt in ("svg", "png", "pdf")}
    svg = maps["svg"].decode("utf-8")
    context = {
        "project": {"name": project.name},
        "ripples": {
            "title": f"Rimpelingen van {centre}",
            "svg": _inline_svg(svg),
            "levels": [
                {
                    "label": LEVEL_LABELS[level],
                    "rows": [
                        {
                            "title": r.title,
                            "description": r.description,
                            "year": r.year,
                            "came_from": [by_id[p].title for p in r.came_from],
                        }
                        for r in ripples
                        if r.level == level
                    ],
                }
                for level in LEVELS
            ],
        },
    }
    page = render("html", "ripples.html", context, project.root)
    files: dict[str, bytes | str] = {
        f"{OUTPUT_DIR}/{RIPPLES_NAME}.{fmt}": data for fmt, data in maps.items()
    }
    files[f"{OUTPUT_DIR}/{RIPPLES_NAME}.html"] = page
    written = publish_scanned(
        project,
        "ripples",
        files,
        hint=f"describe activities and effects without names in {RIPPLES_FILE}, then run again",
    )
    per_level = {level: sum(r.level == level for r in ripples) for level in LEVELS}
    links = sum(len(r.came_from) for r in ripples)
    return RippleResult(len(ripples), links, per_level, written)


def _inline_svg(svg: str) -> Any:
    from markupsafe import Markup

    start = svg.find("<svg")
    return Markup(svg[start:] if start >= 0 else svg)  # noqa: S704 - matplotlib's own SVG


# --- mdsa msc ----------------------------------------------------------------------------


@dataclass
class MscResult:
    stories: int
    selected: int
    scrubbed: int  # stories in which the scrubber replaced something
    files: list[str] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def load_msc(project: Project) -> MscFile:
    from mdsa.phases.evaluation_models import MscFile

    root = project.root
    loaded = load_file(root, MSC_FILE, MscFile)
    if loaded is None or not loaded.stories:
        raise EvaluationFileError(
            f"there is no {MSC_FILE}, or it holds no stories",
            path=MSC_FILE,
            hint="write down the stories and the selection rounds (see the README)",
        )
    report = Report()
    ids: set[str] = set()
    for i, story in enumerate(loaded.stories):
        if story.id in ids:
            report.error(
                "duplicate-story",
                f"story id '{story.id}' is used twice",
                file=MSC_FILE,
                line=_line(root, MSC_FILE, "stories", i, "id"),
            )
        ids.add(story.id)
    for i, round_ in enumerate(loaded.rounds):
        for j, choice in enumerate(round_.selected):
            if choice.story not in ids:
                report.error(
                    "unknown-story",
                    f"round '{round_.name}' selected story '{choice.story}', which is not in the "
                    "file",
                    file=MSC_FILE,
                    line=_line(root, MSC_FILE, "rounds", i, "selected", j, "story"),
                )
    if not report.ok:
        raise ReportError(f"{MSC_FILE} has problems; nothing was made", report)
    return loaded


def _scrubber(project: Project) -> Any:
    from mdsa.intake.registrations import load_registrations
    from mdsa.privacy.anonymise import make_scrubber

    return make_scrubber(project, load_registrations(project.root / REGISTRATIONS_FILE))


@dataclass
class SelectedStories:
    """The stories a round selected, scrubbed, in one column per perspective."""

    msc: MscFile
    columns: list[dict[str, Any]]
    selected: int
    scrubbed: int  # stories in which the scrubber replaced something


def selected_stories(project: Project) -> SelectedStories:
    """The selected stories of ``msc.yaml`` by perspective, every text scrubbed; a teller that
    looks like a name or an address is refused (``ReportError``)."""
    from mdsa.phases.evaluation_models import PERSPECTIVES

    root = project.root
    msc = load_msc(project)
    scrubber = _scrubber(project)
    report = Report()
    for i, story in enumerate(msc.stories):
        if scrubber.scrub(story.teller).replacements:
            report.error(
                "teller-name",
                f"story '{story.id}': the teller looks like a name or an address",
                file=MSC_FILE,
                line=_line(root, MSC_FILE, "stories", i, "teller"),
                hint="name the teller by role (bewoner Seinhuisbuurt, opbouwwerker), never by name",
            )
    if not report.ok:
        raise ReportError(f"{MSC_FILE} has problems; nothing was made", report)
    reasons: dict[str, list[dict[str, Any]]] = {}
    for round_ in msc.rounds:
        for choice in round_.selected:
            reasons.setdefault(choice.story, []).append(
                {
                    "round": round_.name,
                    "by": round_.by,
                    "date": round_.date,
                    "reason": scrubber.scrub(choice.reason).text,
                }
            )
    scrubbed = 0
    columns = []
    for perspective in PERSPECTIVES:
        cards = []
        for story in msc.stories:
            if story.perspective != perspective or story.id not in reasons:
                continue
            result = scrubber.scrub(story.text)
            scrubbed += bool(result.replacements)
            cards.append(
                {
                    "title": scrubber.scrub(story.title).text,
                    "domain": story.domain,
                    "teller": story.teller,
                    "collected": story.collected,
                    "text": result.text,
                    "chosen": reasons[story.id],
                }
            )
        columns.append(
            {"perspective": perspective, "label": PERSPECTIVE_LABELS[perspective], "stories": cards}
        )
    return SelectedStories(msc, columns, len(reasons), scrubbed)


def write_msc(project: Project) -> MscResult:
    from mdsa.documents.pdf import render_pdf
    from mdsa.documents.publish import publish_scanned
    from mdsa.documents.templates import render

    root = project.root
    chosen = selected_stories(project)
    msc = chosen.msc
    context = {
        "project": {"name": project.name},
        "msc": {
            "title": "Verhalen van de belangrijkste verandering",
            "question": msc.question or MSC_QUESTION,
            "columns": chosen.columns,
            "rounds": [
                {"name": r.name, "by": r.by, "date": r.date, "count": len(r.selected)}
                for r in msc.rounds
            ],
            "collected": len(msc.stories),
        },
    }
    name = f"{OUTPUT_DIR}/{MSC_NAME}"
    files = publish_scanned(
        project,
        "msc",
        {
            f"{name}.pdf": render_pdf("msc-stories.typ", context, root),
            f"{name}.html": render("html", "msc-stories.html", context, root),
        },
        hint=f"the scrubber missed something in {MSC_FILE}: replace it there by hand, then run "
        "mdsa msc again",
    )
    return MscResult(len(msc.stories), chosen.selected, chosen.scrubbed, files)
