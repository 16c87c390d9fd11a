"""``mdsa evaluation-report``: the final evaluation (eindevaluatie, handreiking fase 5).

Three documents from what the project already holds: a report for partners (PDF and an editable
DOCX) and a short version for residents (PDF, plain Dutch). The handbook asks the final
evaluation to give the perspectives of residents, the neighbourhood and professionals; the report
is ordered that way:

- the project in figures: households with a conversation against the homes (``data/visits.csv``),
  the follow-up actions by type and status (``private/actions.csv``, counts only) and the
  activities of the action plan by status (``actionplan.yaml``);
- residents: the rounds of the neighbourhood-values cards compared (``rounds.yaml``, as
  ``mdsa rounds compare``) and the residents' Most Significant Change stories;
- the neighbourhood: the ripple map (``ripples.yaml``) and the neighbourhood's stories;
- professionals: their stories and the interim evaluations (``evaluations.yaml``).

A part whose file is missing is named in the documents as not there yet; a file that is there
but broken stops the report with its problems, as the command of that file would. Counts of
households follow ``min_group_size``: the response is not given below it, and the table of
actions is suppressed as the aggregate is (primary, secondary by Gaussian elimination, audited),
so no small group can be worked out from its totals. Counts of activities are no households and
are given in full (the action plan for partners lists every activity anyway). Every text of a
story is scrubbed. The documents are staged in ``private/staging/evaluation-report/``, scanned,
and moved into ``output/`` only when the scan finds nothing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from mdsa.project.folder import Project

if TYPE_CHECKING:
    from mdsa.phases.evaluation_rounds import Comparison

NAME = "eindevaluatie"
RESIDENTS_NAME = "eindevaluatie-bewoners"
OUTPUT_DIR = "output"
STAGING = "evaluation-report"
PARTNERS_TEMPLATE = "evaluation-report.typ"
DOCX_TEMPLATE = "evaluation-report.docx"
RESIDENTS_TEMPLATE = "evaluation-report-residents.typ"
WITHHELD = "niet getoond"

# What is missing, in the words of the documents (the CLI prints the file).
MISSING = {
    "visits": (
        "data/visits.csv",
        "Er is nog geen geanonimiseerde registratie van de huisbezoeken.",
    ),
    "actions": ("private/actions.csv", "Er is geen actielijst van de huisbezoeken."),
    "plan": ("actionplan.yaml", "Er is nog geen actieplan (fase 4)."),
    "rounds": ("rounds.yaml", "Er zijn nog geen rondes met de wijkwaardenkaart."),
    "one_round": (
        "rounds.yaml",
        "Er is pas één ronde met de wijkwaardenkaart: er valt nog niets te vergelijken.",
    ),
    "baseline": (
        "data/visits.csv",
        "De nulmeting van de huisbezoeken is nog niet vergeleken: er is nog geen geanonimiseerde "
        "registratie.",
    ),
    "msc": ("msc.yaml", "Er zijn nog geen verhalen van de belangrijkste verandering."),
    "ripples": ("ripples.yaml", "Er zijn nog geen rimpelingen in kaart gebracht."),
    "evaluations": ("evaluations.yaml", "Er zijn nog geen tussentijdse evaluaties vastgelegd."),
}


@dataclass
class Response:
    homes: int | None
    households: int | None  # None: unknown, or fewer than min_group_size
    percent: float | None
    small: bool  # there were conversations, but fewer than min_group_size


@dataclass
class Table:
    """A table of counts as text: a withheld cell reads ``< k`` or ``niet getoond``."""

    columns: list[str]
    rows: list[list[str]]  # the first cell of a row is its label
    withheld: int = 0


@dataclass
class FinalReport:
    name: str
    neighbourhood: str
    date: date
    min_group_size: int
    response: Response | None
    actions: Table | None
    activities: list[dict[str, Any]] | None  # per status: label, count, names
    activities_total: int
    comparison: Comparison | None
    baseline: Comparison | None  # the home visits against a later round (rounds.yaml)
    rises: list[str]  # values chosen clearly more often in the later round (for residents)
    top_values: list[str]  # the values chosen most in the later round
    stories: list[dict[str, Any]] | None  # per perspective: label, stories
    question: str | None
    ripples: list[dict[str, Any]] | None  # per level: label, titles
    ripple_count: int
    evaluations: list[dict[str, Any]] | None
    missing: list[str]  # keys of MISSING
    ripple_png: bytes | None = None
    rounds_png: bytes | None = None
    files: list[str] = dataclasses.field(default_factory=list)

    @property
    def missing_texts(self) -> list[str]:
        return [MISSING[key][1] for key in self.missing]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "date": self.date.isoformat(),
            "min_group_size": self.min_group_size,
            "response": dataclasses.asdict(self.response) if self.response else None,
            "actions": dataclasses.asdict(self.actions) if self.actions else None,
            "activities": self.activities,
            "comparison": self.comparison.to_dict() if self.comparison else None,
            "baseline": self.baseline.to_dict() if self.baseline else None,
            "stories": sum(len(c["stories"]) for c in self.stories or []),
            "ripples": self.ripple_count,
            "evaluations": len(self.evaluations or []),
            "missing": list(dict.fromkeys(MISSING[key][0] for key in self.missing)),
            "files": self.files,
        }


def final_report(project: Project, *, today: date | None = None) -> FinalReport:
    """Everything the final evaluation says, from the project's files; a missing part is named
    in ``missing``, a broken file raises its own error."""
    k = project.config.min_group_size if project.config else 5
    config = project.config
    missing: list[str] = []
    response = _response(project, k, missing)
    actions = _actions(project, k, missing)
    activities = _activities(project, missing)
    comparison = _comparison(project, missing)
    baseline = _baseline(project, missing)
    stories, question = _stories(project, missing)
    ripples, ripple_png, count = _ripples(project, missing)
    evaluations = _evaluations(project, missing)
    rises: list[str] = []
    top: list[str] = []
    if comparison is not None:
        from mdsa.phases.evaluation_rounds import SIGNIFICANT

        shown = [v for v in comparison.values if not v.withheld]
        rises = [
            v.label for v in shown if v.cells[0].change > 0 and v.cells[0].p_value < SIGNIFICANT
        ]
        ordered = sorted(shown, key=lambda v: -v.cells[0].share2)
        top = [v.label for v in ordered[:3]]
    return FinalReport(
        name=project.name,
        neighbourhood=(config.neighbourhood if config else None) or project.root.name,
        date=today or date.today(),
        min_group_size=k,
        response=response,
        actions=actions,
        activities=activities,
        activities_total=sum(a["count"] for a in activities or []),
        comparison=comparison,
        baseline=baseline,
        rises=rises,
        top_values=top,
        stories=stories,
        question=question,
        ripples=ripples,
        ripple_count=count,
        evaluations=evaluations,
        missing=missing,
        ripple_png=ripple_png,
        rounds_png=_rounds_chart(comparison),
    )


def _response(project: Project, k: int, missing: list[str]) -> Response | None:
    from mdsa.phases.feedback import VISITS_FILE, _households

    if not (project.root / VISITS_FILE).is_file():
        missing.append("visits")
        return None
    households = _households(project.root)
    homes = (project.config.homes if project.config else None) or (
        len(project.households) if project.households else None
    )
    shown = households if households >= k else None
    percent = shown / homes if shown is not None and homes else None
    return Response(homes, shown, percent, 0 < households < k)


def _actions(project: Project, k: int, missing: list[str]) -> Table | None:
    """Actions by type and status with their totals, suppressed as the aggregate's tables."""
    from mdsa.phases.actions import (
        ACTIONS_FILE,
        STATUS_LABELS,
        STATUSES,
        TYPE_LABELS,
        TYPES,
        load_actions,
    )
    from mdsa.privacy.suppress import suppress, two_way

    if not (project.root / ACTIONS_FILE).is_file():
        missing.append("actions")
        return None
    counts: dict[tuple[str, str], int] = {}
    for action in load_actions(project.root):
        counts[action.type, action.status] = counts.get((action.type, action.status), 0) + 1
    total = "total"
    result = suppress(two_way(counts, TYPES, STATUSES, total=total), k)
    shown: dict[tuple[str, ...], str] = {}
    for cell, decision in zip(result.cells, result.decisions, strict=True):
        if decision.status == "primary":
            text = f"< {k}"
        elif decision.status != "published":
            text = WITHHELD
        else:
            text = str(int(cell.value))
        shown[cell.key] = text
    withheld = sum(d.status != "published" for d in result.decisions)
    labels = {**TYPE_LABELS, total: "Totaal"}
    rows = [
        [labels[kind], *(shown[kind, status] for status in (*STATUSES, total))]
        for kind in (*TYPES, total)
    ]
    columns = ["Soort", *(STATUS_LABELS[s].capitalize() for s in STATUSES), "Totaal"]
    return Table(columns, rows, withheld)


def _activities(project: Project, missing: list[str]) -> list[dict[str, Any]] | None:
    from mdsa.errors import ReportError
    from mdsa.phases.connecting import load_plan
    from mdsa.phases.connecting_plan import ACTIONPLAN_FILE, STATUSES
    from mdsa.report import Report

    if not (project.root / ACTIONPLAN_FILE).is_file():
        missing.append("plan")
        return None
    report = Report()
    loaded = load_plan(project, report)
    if not report.ok or loaded.plan is None:
        raise ReportError(f"{ACTIONPLAN_FILE} has problems; nothing was made", report)
    out = []
    for status, label in STATUSES.items():
        names = [a.name for a in loaded.plan.activities if a.status == status]
        if names:
            out.append({"status": status, "label": label, "count": len(names), "names": names})
    return out


def _comparison(project: Project, missing: list[str]) -> Comparison | None:
    from mdsa.phases.evaluation_rounds import ROUNDS_FILE, compare, load_rounds

    if not (project.root / ROUNDS_FILE).is_file():
        missing.append("rounds")
        return None
    if len(load_rounds(project).rounds) < 2:
        missing.append("one_round")
        return None
    return compare(project)


def _baseline(project: Project, missing: list[str]) -> Comparison | None:
    """The visits against a later round, when rounds.yaml asks for it (and there is data)."""
    from mdsa.phases.evaluation_baseline import compare_baseline
    from mdsa.phases.evaluation_rounds import ROUNDS_FILE, load_rounds

    if not (project.root / ROUNDS_FILE).is_file():
        return None
    spec = load_rounds(project)
    if spec.baseline is None or not spec.rounds:
        return None
    result = compare_baseline(project, spec)
    if result is None:
        missing.append("baseline")
    return result


def _rounds_chart(comparison: Comparison | None) -> bytes | None:
    from mdsa.phases.evaluation_rounds import comparison_chart

    return comparison_chart(comparison).get("png") if comparison else None


def _stories(
    project: Project, missing: list[str]
) -> tuple[list[dict[str, Any]] | None, str | None]:
    from mdsa.phases.evaluation import MSC_FILE, MSC_QUESTION, selected_stories

    if not (project.root / MSC_FILE).is_file():
        missing.append("msc")
        return None, None
    chosen = selected_stories(project)
    return chosen.columns, chosen.msc.question or MSC_QUESTION


def _ripples(
    project: Project, missing: list[str]
) -> tuple[list[dict[str, Any]] | None, bytes | None, int]:
    from mdsa.phases.evaluation import LEVEL_LABELS, load_ripples, ripple_map

    ripples = load_ripples(project)
    if not ripples:
        missing.append("ripples")
        return None, None, 0
    config = project.config
    centre = f"MdSA {config.neighbourhood}" if config and config.neighbourhood else project.name
    levels = [
        {"label": label, "titles": [r.title for r in ripples if r.level == level]}
        for level, label in LEVEL_LABELS.items()
    ]
    return levels, ripple_map(ripples, centre, "png"), len(ripples)


def _evaluations(project: Project, missing: list[str]) -> list[dict[str, Any]] | None:
    from mdsa.phases.base import PHASE_TITLES
    from mdsa.phases.evaluation import interim

    evaluations = interim(project).evaluations
    if not evaluations:
        missing.append("evaluations")
        return None
    return [{**e.model_dump(), "title": PHASE_TITLES[e.phase]} for e in evaluations]


# --- the documents -----------------------------------------------------------------------


def _table_of(comparison: Comparison | None, k: int, chart: Any) -> dict[str, Any] | None:
    """A comparison of two rounds (or of the visits and a round) as rows of text."""
    from mdsa.documents.numbers import dutch_number, dutch_percent

    if comparison is None:
        return None
    rows = []
    for value in comparison.values:
        if value.withheld:
            rows.append([value.label, WITHHELD, WITHHELD, WITHHELD, ""])
            continue
        cell = value.cells[0]
        points = round(cell.change * 100)
        rows.append(
            [
                value.label,
                dutch_percent(cell.share1, 0),
                dutch_percent(cell.share2, 0),
                f"{'+' if points > 0 else ''}{dutch_number(points)}",
                cell.verdict,
            ]
        )
    return {
        "first": comparison.first,
        "second": comparison.second,
        "participants": [
            {"round": name, "count": count if count is not None else f"< {k}"}
            for name, count in comparison.participants.items()
        ],
        "rows": rows,
        "caveat": comparison.caveat,
        "chart": chart,
    }


def context(result: FinalReport, images: dict[str, Any]) -> dict[str, Any]:
    """The fields of the three templates (see the templates' README); ``images`` holds the
    ripple map and the rounds chart as each format wants them (a path, or a ``DocxImage``)."""
    rounds = _table_of(result.comparison, result.min_group_size, images.get("rounds"))
    baseline = _table_of(result.baseline, result.min_group_size, None)
    stories = result.stories or []
    return {
        "project": {"name": result.name, "neighbourhood": result.neighbourhood},
        "report": {
            "title": f"Eindevaluatie Meer dan Steen Alleen {result.neighbourhood}",
            "date": result.date,
            "min_group_size": result.min_group_size,
            "response": result.response,
            "actions": result.actions,
            "activities": result.activities,
            "activities_total": result.activities_total,
            "rounds": rounds,
            "baseline": baseline,
            "rises": result.rises,
            "top_values": result.top_values,
            "question": result.question,
            "stories": {c["perspective"]: c["stories"] for c in stories},
            "stories_known": result.stories is not None,
            "ripples": result.ripples,
            "ripple_count": result.ripple_count,
            "ripple_map": images.get("ripples"),
            "evaluations": result.evaluations,
            "missing": result.missing_texts,
        },
    }


def write_final_report(project: Project, *, today: date | None = None) -> FinalReport:
    """Render the three documents, scan them in staging, and publish them when clean."""
    from mdsa.documents.docx import DocxImage, DocxTemplate
    from mdsa.documents.pdf import image_paths, render_pdf_with_images
    from mdsa.documents.publish import publish_scanned, staging_dir

    result = final_report(project, today=today)
    root = project.root
    images = {
        key: png
        for key, png in (("ripples", result.ripple_png), ("rounds", result.rounds_png))
        if png is not None
    }
    fields = context(result, image_paths(images))
    files: dict[str, bytes | str] = {
        f"{OUTPUT_DIR}/{NAME}.pdf": render_pdf_with_images(PARTNERS_TEMPLATE, fields, root, images),
        f"{OUTPUT_DIR}/{RESIDENTS_NAME}.pdf": render_pdf_with_images(
            RESIDENTS_TEMPLATE, fields, root, images
        ),
    }
    widths = {"ripples": 150, "rounds": 160}
    docx_images = {key: DocxImage(png, widths[key]) for key, png in images.items()}
    files[f"{OUTPUT_DIR}/{NAME}.docx"] = DocxTemplate(DOCX_TEMPLATE, root).render(
        context(result, docx_images)
    )
    result.files = publish_scanned(
        project,
        STAGING,
        files,
        hint="the report holds counts, the project's own texts and the scrubbed stories: look "
        f"at the staged files in {staging_dir(STAGING)}, correct the text in msc.yaml, "
        "ripples.yaml, evaluations.yaml or actionplan.yaml, then run mdsa evaluation-report again",
    )
    return result
