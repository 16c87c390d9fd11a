"""Phase 4, Sociaal verbinden: the action plan with residents and its activities.

``load_plan`` reads ``actionplan.yaml`` (and ``renovation.yaml`` when there is one) leniently:
every problem becomes an issue with file and line. ``check_plan`` holds the plan against the
themes of phase 3 (a ``Findings``, or ``None`` when there are none yet) and the renovation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from mdsa.phases.connecting_plan import (
    ACTIONPLAN_FILE,
    KINDS,
    RENOVATION_FILE,
    STATUSES,
    ActionPlan,
    Activity,
    Block,
    RenovationSchedule,
)
from mdsa.phases.connecting_renovation import check_renovation_households
from mdsa.project.addresses import normalise_street
from mdsa.project.folder import Project
from mdsa.report import Report

if TYPE_CHECKING:
    from pydantic import BaseModel

    from mdsa.documents.charts import ChartFormat
    from mdsa.fileio import YamlDocument
    from mdsa.phases.base import PhaseStatus
    from mdsa.phases.findings import Findings

M = TypeVar("M", bound="BaseModel")
OUTPUT_DIR = "output"
TRACKER_NAME = "actieplan-voortgang.xlsx"


@dataclass
class LoadedPlan:
    plan: ActionPlan | None
    renovation: RenovationSchedule | None
    documents: dict[str, YamlDocument] = field(default_factory=dict)
    # After an invalid list item is left out, item i of the model is item kept[i] of the file.
    kept: dict[tuple[str, str], list[int]] = field(default_factory=dict)

    def line(self, name: str, *loc: str | int) -> int | None:
        document = self.documents.get(name)
        if document is None:
            return None
        kept = self.kept.get((name, str(loc[0]))) if loc else None
        if kept is not None and len(loc) >= 2 and isinstance(loc[1], int) and loc[1] < len(kept):
            loc = (loc[0], kept[loc[1]], *loc[2:])
        return document.line_of(loc)


def _load(
    project: Project, name: str, model: type[M], report: Report, loaded: LoadedPlan
) -> M | None:
    from pydantic import ValidationError

    from mdsa.project.folder import _drop_invalid, _report_validation_error, read_yaml_mapping

    path = project.root / name
    if not path.is_file():
        return None
    read = read_yaml_mapping(path, name, report)
    if read is None:
        return None
    document, data = read
    loaded.documents[name] = document
    if data is None:
        return None
    try:
        return model.model_validate(data)
    except ValidationError as e:
        errors = e.errors()
    for error in errors:
        _report_validation_error(report, name, document, model, error)
    dropped = {(str(e["loc"][0]), e["loc"][1]) for e in errors if len(e["loc"]) >= 2}
    for head, value in data.items():
        if isinstance(value, list):
            kept = [i for i in range(len(value)) if (str(head), i) not in dropped]
            loaded.kept[(name, str(head))] = kept
    try:
        return model.model_validate(_drop_invalid(data, [tuple(err["loc"]) for err in errors]))
    except ValidationError:
        return None


def load_plan(project: Project, report: Report) -> LoadedPlan:
    """The action plan and the renovation schedule, each ``None`` when its file is missing."""
    loaded = LoadedPlan(plan=None, renovation=None)
    loaded.plan = _load(project, ACTIONPLAN_FILE, ActionPlan, report, loaded)
    loaded.renovation = _load(project, RENOVATION_FILE, RenovationSchedule, report, loaded)
    return loaded


@dataclass(frozen=True)
class Clash:
    activity: str
    block: str
    start: date
    end: date


@dataclass
class PlanCheck:
    report: Report
    themes_known: bool  # False: no themes from phase 3 yet, theme checks skipped
    unanswered_concerns: list[str] = field(default_factory=list)
    unanswered_promising: list[str] = field(default_factory=list)
    clashes: list[Clash] = field(default_factory=list)


def _overlaps(activity: Activity, block: Block) -> bool:
    end = activity.end or activity.start
    return activity.start <= block.end and block.start <= end


def _touches(activity: Activity, block: Block) -> bool:
    """Whether the activity is planned for the block's streets (or its subarea)."""
    streets = {normalise_street(s) for s in activity.streets}
    if streets & {normalise_street(s) for s in block.streets}:
        return True
    return bool(activity.subarea and block.subarea and activity.subarea == block.subarea)


def check_plan(
    project: Project, loaded: LoadedPlan, findings: Findings | None, report: Report
) -> PlanCheck:
    """Hold the plan against the themes of phase 3, its places, its dates and the renovation."""
    check = PlanCheck(report=report, themes_known=findings is not None)
    plan = loaded.plan
    if plan is None:
        if (
            ACTIONPLAN_FILE not in loaded.documents
            and not (project.root / ACTIONPLAN_FILE).is_file()
        ):
            report.error(
                "missing-file",
                "there is no action plan yet",
                file=ACTIONPLAN_FILE,
                hint="write the activities of the plan in actionplan.yaml (see README, phase 4)",
            )
        return check
    places = {p.name for p in plan.places}
    subareas = set(project.config.subareas) if project.config else set()
    seen: set[str] = set()
    for index, activity in enumerate(plan.activities):
        where = ("activities", index)
        if activity.name in seen:
            report.warning(
                "duplicate-activity",
                f"activity {index + 1} has the same name as an earlier one",
                file=ACTIONPLAN_FILE,
                line=loaded.line(ACTIONPLAN_FILE, *where, "name"),
            )
        seen.add(activity.name)
        if activity.end and activity.end < activity.start:
            report.error(
                "dates-out-of-order",
                f"activity '{activity.name}' ends before it starts",
                file=ACTIONPLAN_FILE,
                line=loaded.line(ACTIONPLAN_FILE, *where, "end"),
            )
        if activity.place and activity.place not in places:
            report.error(
                "unknown-place",
                f"activity '{activity.name}' uses place '{activity.place}', "
                "which is not under places:",
                file=ACTIONPLAN_FILE,
                line=loaded.line(ACTIONPLAN_FILE, *where, "place"),
                hint="add it to places: with what it means to residents",
            )
        if activity.subarea and subareas and activity.subarea not in subareas:
            report.error(
                "unknown-subarea",
                f"activity '{activity.name}' is for subarea '{activity.subarea}', "
                "which is not in mdsa.yaml",
                file=ACTIONPLAN_FILE,
                line=loaded.line(ACTIONPLAN_FILE, *where, "subarea"),
            )
        if findings is None:
            continue
        if not activity.themes:
            report.warning(
                "activity-without-theme",
                f"activity '{activity.name}' answers no theme of the picture of the neighbourhood",
                file=ACTIONPLAN_FILE,
                line=loaded.line(ACTIONPLAN_FILE, *where),
                hint="name the theme(s) from phase 3 under themes:",
            )
        for number, theme in enumerate(activity.themes):
            if findings.theme(theme) is None:
                report.error(
                    "unknown-theme",
                    f"activity '{activity.name}' answers theme '{theme}', "
                    "which phase 3 did not find",
                    file=ACTIONPLAN_FILE,
                    line=loaded.line(ACTIONPLAN_FILE, *where, "themes", number),
                    hint=_suggest(theme, [t.name for t in findings.themes]),
                )
    if findings is not None:
        answered = {t for a in plan.activities for t in a.themes}
        check.unanswered_concerns = [t for t in findings.top_concerns if t not in answered]
        check.unanswered_promising = [t for t in findings.top_promising if t not in answered]
        for theme in check.unanswered_concerns:
            report.warning(
                "concern-without-activity",
                f"top-5 concern '{theme}' is answered by no activity of the plan",
                file=ACTIONPLAN_FILE,
            )
    if loaded.renovation is not None:
        for index, activity in enumerate(plan.activities):
            if activity.status in ("done", "stopped"):
                continue
            for block in loaded.renovation.blocks:
                if _touches(activity, block) and _overlaps(activity, block):
                    check.clashes.append(Clash(activity.name, block.name, block.start, block.end))
                    report.warning(
                        "renovation-clash",
                        f"activity '{activity.name}' is planned in the renovation weeks of block "
                        f"'{block.name}' ({block.start:%d-%m-%Y} to {block.end:%d-%m-%Y})",
                        file=ACTIONPLAN_FILE,
                        line=loaded.line(ACTIONPLAN_FILE, "activities", index, "start"),
                        hint="residents in the middle of a renovation have less room for it: "
                        "plan it before or after",
                    )
    return check


def _suggest(word: str, options: list[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    return f"did you mean '{found[0]}'?" if found else None


def themes_of(project: Project) -> Findings | None:
    """The themes of phase 3 through ``mdsa.phases.themes.collect_themes``, when it exists."""
    import importlib

    try:
        module = importlib.import_module("mdsa.phases.themes")
    except ImportError:
        return None
    collect = getattr(module, "collect_themes", None)
    if collect is None:
        return None
    from mdsa.phases.sessions import WORKSHEETS_DIR

    worksheets = project.root / WORKSHEETS_DIR
    if not (project.root / "data" / "visits.csv").is_file() or not (
        worksheets.is_dir() and any(worksheets.glob("*.xlsx"))
    ):
        return None  # phase 3 has not found themes yet: no data set, or no worksheets back
    found: Findings | None = collect(project)
    return found


@dataclass
class PlanResult:
    check: PlanCheck
    activities: int = 0
    files: list[Path] = field(default_factory=list)
    by_status: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.check.report.to_dict(),
            "themes_known": self.check.themes_known,
            "activities": self.activities,
            "by_status": self.by_status,
            "unanswered_concerns": self.check.unanswered_concerns,
            "unanswered_promising": self.check.unanswered_promising,
            "clashes": [
                {
                    "activity": c.activity,
                    "block": c.block,
                    "start": c.start.isoformat(),
                    "end": c.end.isoformat(),
                }
                for c in self.check.clashes
            ],
            "files": [str(p) for p in self.files],
        }


def make_plan(project: Project, findings: Findings | None) -> PlanResult:
    """``mdsa plan``: check the plan and, when it has no errors, write the tracker."""
    report = Report()
    loaded = load_plan(project, report)
    check = check_plan(project, loaded, findings, report)
    check_renovation_households(project, loaded, report)
    result = PlanResult(check=check)
    if loaded.plan is None:
        return result
    result.activities = len(loaded.plan.activities)
    result.by_status = dict(Counter(a.status for a in loaded.plan.activities))
    if report.ok:
        result.files.append(write_tracker(project, loaded.plan, check))
        result.files.append(write_residents_overview(project, loaded.plan))
        result.files.extend(
            write_partners_plan(project, loaded.plan, check, findings, loaded.renovation)
        )
    return result


RESIDENTS_NAME = "actieplan-bewoners.pdf"


def _when(activity: Activity) -> str:
    from mdsa.documents.numbers import dutch_date

    start = dutch_date(activity.start)
    if activity.end == activity.start:  # one day: "eenmalig, 5 mei 2023"
        return f"{activity.frequency}, {start}" if activity.frequency else start
    if activity.frequency and activity.end:
        return f"{activity.frequency}, {start} tot {dutch_date(activity.end)}"
    if activity.frequency:
        return f"{activity.frequency}, vanaf {start}"
    return f"{start} tot {dutch_date(activity.end)}" if activity.end else f"vanaf {start}"


def residents_context(project: Project, plan: ActionPlan, today: date) -> dict[str, Any]:
    shown = [a for a in plan.activities if a.status in ("planned", "running", "idea")]
    groups = []
    for kind, title in KINDS.items():
        items = [
            {"name": a.name, "goal": a.goal, "place": a.place, "when": _when(a)}
            for a in shown
            if a.kind == kind
        ]
        if items:
            groups.append({"title": title + "en", "activities": items})
    config = project.config
    return {
        "project": {
            "name": project.name,
            "neighbourhood": config.neighbourhood if config else project.name,
        },
        "plan": {"date": today, "groups": groups},
    }


def write_residents_overview(project: Project, plan: ActionPlan) -> Path:
    """The one-page overview for residents (PDF, Dutch), checked like every shared file."""
    from mdsa.documents.pdf import render_pdf
    from mdsa.fileio import write_bytes
    from mdsa.phases.visits import _pdf_text, _refuse_identifiers

    pdf = render_pdf(
        "actionplan-residents.typ", residents_context(project, plan, date.today()), project.root
    )
    _refuse_identifiers(project, {RESIDENTS_NAME: _pdf_text(pdf)})
    path = project.root / OUTPUT_DIR / RESIDENTS_NAME
    write_bytes(path, pdf)
    return path


def _money(value: float | None) -> str | float:
    return "" if value is None else value


def write_tracker(project: Project, plan: ActionPlan, check: PlanCheck) -> Path:
    """The community worker's tracker: one row per activity, ready to filter and fill in."""
    from mdsa.documents.workbook import Sheet, write_workbook
    from mdsa.phases.connecting_plan import BUILDS_ON
    from mdsa.phases.findings import CONDITIONS

    clashing = {c.activity for c in check.clashes}
    header = [
        "activity",
        "kind",
        "goal",
        "themes",
        "condition",
        "builds_on",
        "place",
        "streets",
        "participants",
        "owner",
        "hours",
        "budget",
        "start",
        "end",
        "frequency",
        "status",
        "renovation_clash",
    ]
    labels = [
        "Activiteit",
        "Soort",
        "Doel",
        "Thema's",
        "Voorwaarde sociale kwaliteit",
        "Aansluiting",
        "Plek",
        "Straten",
        "Wie doen mee",
        "Trekker",
        "Uren",
        "Budget (€)",
        "Start",
        "Einde",
        "Frequentie",
        "Status",
        "Valt in renovatieweken",
    ]
    rows: list[list[str | int | float]] = []
    highlight: list[int] = []
    for number, a in enumerate(plan.activities):
        if a.name in clashing:
            highlight.append(number)
        rows.append(
            [
                a.name,
                KINDS[a.kind],
                a.goal,
                ", ".join(a.themes),
                CONDITIONS.get(a.condition or "", ""),
                BUILDS_ON.get(a.builds_on or "", ""),
                a.place or "",
                ", ".join(a.streets) or (a.subarea or ""),
                ", ".join(a.participants),
                a.owner,
                _money(a.hours),
                _money(a.budget),
                a.start.isoformat(),
                a.end.isoformat() if a.end else "",
                a.frequency or "",
                STATUSES[a.status],
                "ja" if a.name in clashing else "",
            ]
        )
    sheets = [
        Sheet(
            "Activiteiten",
            header,
            rows,
            labels=labels,
            wrap=("goal",),
            highlight=highlight,
            notes=["Gemarkeerd: gepland in de renovatieweken van een blok (renovation.yaml)."],
        )
    ]
    if check.themes_known:
        gaps = [[t, "zorgpunt"] for t in check.unanswered_concerns] + [
            [t, "kansrijk signaal"] for t in check.unanswered_promising
        ]
        sheets.append(
            Sheet("Zonder activiteit", ["theme", "top5"], gaps, labels=["Thema", "Top 5"])
        )
    path = project.root / OUTPUT_DIR / TRACKER_NAME
    write_workbook(path, sheets)
    return path


def status(project: Project) -> PhaseStatus:
    from mdsa.phases.base import PhaseStatus, State, planned, planning_fact, planning_status

    if not (project.root / ACTIONPLAN_FILE).is_file():
        return planning_status(project, "connecting", "the picture of the neighbourhood of phase 3")
    report = Report()
    loaded = load_plan(project, report)
    start, end = planned(project, "connecting")
    facts = [planning_fact(start, end)]
    if loaded.plan is None:
        facts.append(f"{ACTIONPLAN_FILE} has errors: run mdsa plan")
        return PhaseStatus("connecting", "in_progress", facts, "mdsa plan", start, end)
    check = check_plan(project, loaded, None, report)
    counts: Counter[str] = Counter(a.status for a in loaded.plan.activities)
    shown = ", ".join(f"{counts[s]} {STATUSES[s].lower()}" for s in STATUSES if counts[s])
    facts.append(f"{len(loaded.plan.activities)} activities: {shown or 'none yet'}")
    if loaded.renovation is not None:
        today = date.today()
        coming = sorted(
            (b for b in loaded.renovation.blocks if b.end >= today), key=lambda b: b.start
        )
        if coming:
            facts.append(
                "next renovation: "
                + ", ".join(f"{b.name} from {b.start:%d-%m-%Y}" for b in coming[:3])
            )
    for clash in check.clashes:
        facts.append(f"clash: '{clash.activity}' falls in the renovation weeks of {clash.block}")
    active = any(a.status in ("planned", "running") for a in loaded.plan.activities)
    done = bool(loaded.plan.activities) and all(
        a.status in ("done", "stopped") for a in loaded.plan.activities
    )
    state: State = (
        "done" if done else "in_progress" if active or loaded.plan.activities else "not_started"
    )
    return PhaseStatus("connecting", state, facts, None if done else "mdsa plan", start, end)


TIMELINE_NAME = "planning"


@dataclass
class TimelineResult:
    phases: int
    blocks: int
    files: list[Path] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"phases": self.phases, "blocks": self.blocks, "files": [str(p) for p in self.files]}


def timeline(
    project: Project, report: Report, *, formats: tuple[ChartFormat, ...] = ("png", "svg")
) -> TimelineResult:
    """``mdsa timeline``: the five phases and the renovation per block as a Gantt chart."""
    from mdsa.documents.charts import gantt_chart, write_chart
    from mdsa.phases.base import PHASE_TITLES, planned

    bars: list[tuple[str, date, date, str]] = []
    for phase, title in PHASE_TITLES.items():
        start, end = planned(project, phase)
        if start is not None:
            bars.append((f"Fase {title}", start, end or start, "phase"))
    loaded = load_plan(project, report)
    blocks = loaded.renovation.blocks if loaded.renovation else []
    for block in sorted(blocks, key=lambda b: b.start):
        bars.append((f"Renovatie {block.name}", block.start, block.end, "renovation"))
    result = TimelineResult(phases=len(bars) - len(blocks), blocks=len(blocks))
    if not bars:
        return result
    drawn = gantt_chart(bars, title=f"Planning {project.name}", formats=formats)
    for kind, data in drawn.items():
        result.files.append(
            write_chart(project.root / OUTPUT_DIR / f"{TIMELINE_NAME}.{kind}", data)
        )
    return result


PLACES_NAME = "plekken.xlsx"


@dataclass(frozen=True)
class PlaceUse:
    name: str
    kind: str
    meaning: str
    subarea: str
    activities: tuple[str, ...]


@dataclass
class PlacesResult:
    report: Report
    places: list[PlaceUse] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.report.to_dict(),
            "places": [
                {
                    "name": p.name,
                    "kind": p.kind,
                    "meaning": p.meaning,
                    "subarea": p.subarea,
                    "activities": list(p.activities),
                }
                for p in self.places
            ],
            "files": [str(f) for f in self.files],
        }


def places(project: Project) -> PlacesResult:
    """``mdsa places``: the register of meaningful places and the activities that use them."""
    from mdsa.documents.workbook import Sheet, write_workbook

    report = Report()
    loaded = load_plan(project, report)
    result = PlacesResult(report=report)
    if loaded.plan is None:
        check_plan(project, loaded, None, report)  # says the plan is missing
        return result
    for place in loaded.plan.places:
        used = tuple(a.name for a in loaded.plan.activities if a.place == place.name)
        result.places.append(
            PlaceUse(place.name, place.kind or "", place.meaning or "", place.subarea or "", used)
        )
    if report.ok:
        rows: list[list[str | int | float]] = [
            [p.name, p.kind, p.meaning, p.subarea, ", ".join(p.activities) or "(nog geen)"]
            for p in result.places
        ]
        header = ["place", "kind", "meaning", "subarea", "activities"]
        labels = ["Plek", "Soort", "Betekenis voor bewoners", "Subbuurt", "Activiteiten"]
        path = project.root / OUTPUT_DIR / PLACES_NAME
        write_workbook(path, [Sheet("Plekken", header, rows, labels=labels, wrap=("meaning",))])
        result.files.append(path)
    return result


PARTNERS_NAME = "actieplan.pdf"
PARTNERS_DOCX = "actieplan.docx"
PLAN_CHART = "charts/actieplan-planning.png"  # under output/
_PLAN_LEGEND = {
    "phase": ("Fase 4 Sociaal verbinden", "#1f5f8b"),
    "activity": ("Activiteit", "#e0a43a"),
    "clash": ("Activiteit in renovatieweken", "#b5524a"),
    "renovation": ("Renovatie (per straat)", "#7fb3d5"),
}


def plan_chart(
    project: Project, plan: ActionPlan, check: PlanCheck, renovation: RenovationSchedule | None
) -> bytes | None:
    """The activities against phase 4 and the renovation per street, as a Gantt chart (PNG);
    a recurring activity without an end runs to the end of phase 4, a one-off one is a day.
    ``None`` without activities."""
    from mdsa.documents.charts import gantt_chart
    from mdsa.phases.base import planned

    if not plan.activities:
        return None
    start, end = planned(project, "connecting")
    bars: list[tuple[str, date, date, str]] = []
    if start is not None:
        bars.append(("Fase 4 Sociaal verbinden", start, end or start, "phase"))
    clashing = {c.activity for c in check.clashes}
    for a in sorted(plan.activities, key=lambda a: a.start):
        recurring = a.frequency and "eenmalig" not in a.frequency.casefold()
        until = a.end or (end if recurring and end and end > a.start else a.start)
        bars.append((a.name, a.start, until, "clash" if a.name in clashing else "activity"))
    # One bar per street (or subarea): the blocks' detail is in the table's clashes.
    works: dict[str, tuple[date, date]] = {}
    for block in renovation.blocks if renovation else []:
        where = ", ".join(block.streets) or block.subarea or block.name
        first, last = works.get(where, (block.start, block.end))
        works[where] = (min(first, block.start), max(last, block.end))
    for where, (first, last) in sorted(works.items(), key=lambda item: item[1]):
        bars.append((f"Renovatie {where}", first, last, "renovation"))
    title = "Planning van de activiteiten en de renovatie"
    return gantt_chart(bars, title=title, legend=_PLAN_LEGEND)["png"]


def _image_width_mm(png: bytes, *, width_mm: float, height_mm: float) -> float:
    """The width that fits a PNG in a box of ``width_mm`` by ``height_mm``."""
    import struct

    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    return min(width_mm, height_mm * int(width) / int(height))


def partners_context(
    project: Project, plan: ActionPlan, check: PlanCheck, findings: Findings | None, today: date
) -> dict[str, Any]:
    """The action plan for partners: every activity, and every top-5 theme of phase 3 against
    the activities that answer it (a gap marked)."""
    from mdsa.documents.numbers import dutch_number

    clashing = {c.activity for c in check.clashes}
    coverage = []
    if findings is not None:
        tops = [(t, "zorgpunt") for t in findings.top_concerns]
        tops += [(t, "kansrijk signaal") for t in findings.top_promising]
        for theme, kind in tops:
            names = [a.name for a in plan.activities if theme in a.themes]
            coverage.append({"theme": theme, "kind": kind, "activities": ", ".join(names)})
    activities = [
        {
            "name": a.name,
            "kind": KINDS[a.kind],
            "goal": a.goal,
            "themes": ", ".join(a.themes),
            "place": a.place or "",
            "owner": a.owner,
            "hours": dutch_number(a.hours) if a.hours is not None else "",
            "budget": dutch_number(a.budget) if a.budget is not None else "",
            "when": _when(a),
            "status": STATUSES[a.status],
            "clash": a.name in clashing,
        }
        for a in plan.activities
    ]
    return {
        "project": {"name": project.name},
        "plan": {
            "date": today,
            "count": len(plan.activities),
            "hours": dutch_number(sum(a.hours or 0 for a in plan.activities)),
            "budget": dutch_number(sum(a.budget or 0 for a in plan.activities)),
            "themes_known": findings is not None,
            "coverage": coverage,
            "activities": activities,
        },
    }


def write_partners_plan(
    project: Project,
    plan: ActionPlan,
    check: PlanCheck,
    findings: Findings | None,
    renovation: RenovationSchedule | None = None,
) -> list[Path]:
    """The action plan for the partners as a PDF and as a DOCX to edit in Word, with the same
    content; both are checked like every shared file before either is written."""
    from mdsa.documents.charts import write_chart
    from mdsa.documents.docx import DocxImage, DocxTemplate
    from mdsa.documents.pdf import typeset
    from mdsa.documents.publish import remove, staging_dir
    from mdsa.documents.templates import find_template, render
    from mdsa.fileio import write_bytes
    from mdsa.phases.visits import _pdf_text, _refuse_identifiers
    from mdsa.privacy.scan_read import read_docx_text

    context = partners_context(project, plan, check, findings, date.today())
    chart = plan_chart(project, plan, check, renovation)
    # The chart goes into output/ only with the documents, after their check: until then typst
    # reads it from a staging folder inside private/.
    staging = project.root / staging_dir("actieplan")
    remove(staging)
    staging.mkdir(parents=True)
    if chart is not None:
        write_chart(staging / PLAN_CHART, chart)
    output = project.root / OUTPUT_DIR
    typst_plan = {**context["plan"], "chart": f"/{PLAN_CHART}" if chart else None}
    name = "actionplan-partners.typ"
    pdf = typeset(
        render("typst", name, {**context, "plan": typst_plan}, project.root),
        template=name,
        template_path=find_template(name, project.root),
        context=context,
        root=staging,
    )[0]
    remove(staging)
    width = _image_width_mm(chart, width_mm=265, height_mm=160) if chart else 0
    docx_plan = {**context["plan"], "chart": DocxImage(chart, width) if chart else None}
    docx = DocxTemplate("actionplan-partners.docx", project.root).render(
        {**context, "plan": docx_plan}
    )
    texts = {PARTNERS_NAME: _pdf_text(pdf), PARTNERS_DOCX: read_docx_text(docx)}
    _refuse_identifiers(project, texts)
    paths = [output / PARTNERS_NAME, output / PARTNERS_DOCX]
    for path, data in zip(paths, (pdf, docx), strict=True):
        write_bytes(path, data)
    if chart is None:
        return paths
    return [*paths, write_chart(output / PLAN_CHART, chart)]
