"""``mdsa report`` and ``mdsa poster``: the picture of the neighbourhood, shared (Fase 3 stap 3).

The report (verslag, A4: PDF, HTML and DOCX) is for partners and policy makers: the response,
who took part, the charts of ``mdsa aggregate``, the themes of the working sessions ordered by
the four conditions of social quality with their approved quotes, the top 5s and how it was
made. The poster (praatplaat, one A3 page: PDF and PNG) is for residents: the top 5s, a few
figures and quotes, and the invitation to talk about the neighbourhood (step 4).

Both read only what may be shared: ``output/aggregate.json`` and its charts (every small group
already suppressed), the themes of ``mdsa themes`` (counts under ``min_group_size`` shown as
``< N``) and the approved quotes of ``mdsa quotes``, checked again here. The files, and the
texts they are made of, are written into ``private/staging/`` and scanned there first
(``mdsa.documents.publish``); on a finding nothing is published.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from mdsa.errors import MdsaError
from mdsa.phases.findings import CONDITIONS, Findings
from mdsa.phases.picture import AGGREGATE_FILE, TOTAL
from mdsa.phases.picture_files import CHARTS_DIR
from mdsa.phases.quotes import QUOTES_FILE, Candidate, refusal
from mdsa.project.folder import Project

REPORT = "verslag"
POSTER = "praatplaat"
WHO_FIELDS = ("age_group", "household_type", "years_in_neighbourhood")
LEFT_OUT = ("visit_outcome",)  # how the visit went: the response says it in words
POSTER_QUOTES = 3
POSTER_PPI = 150
CHART_MM = 120  # a chart's width in the DOCX (A4 less its margins: 170 mm)
CONDITION_TEXT = {
    "socioeconomic_security": "Bewoners zijn voorzien in hun bestaansvoorwaarden: een passende "
    "woning in een veilige omgeving met voldoende voorzieningen, voldoende inkomen en een "
    "zinvolle dagbesteding.",
    "social_cohesion": "Bewoners ervaren betekenisvolle relaties met familie, buren en "
    "vrienden, gebaseerd op wederkerigheid, erkenning en respect.",
    "social_inclusion": "Bewoners hebben toegang tot werk, zorg, voorzieningen en cultuur, en "
    "voelen zich door die instellingen gezien en gehoord.",
    "social_empowerment": "Bewoners hebben greep op hun leven en kunnen zich ontwikkelen, "
    "gesteund door de mensen en de structuren om hen heen.",
}


class PublicationInputError(MdsaError):
    """An input of the report or the poster is missing or out of date."""

    code = "publication-input"


@dataclass
class Chart:
    field: str
    title: str
    png: str  # path relative to the project
    svg: str
    image: str  # the PNG's path for typst, whose root is output/


@dataclass
class Published:
    """What ``mdsa report`` or ``mdsa poster`` wrote."""

    document: str
    households: int | None
    themes: int
    quotes: int  # approved quotes shown
    waiting: int  # marked quotes not (yet) approved, so not shown
    files: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


# -- what both documents say -----------------------------------------------------------------


def picture(project: Project, *, today: date | None = None) -> dict[str, Any]:
    """The context of both templates, from shareable inputs only; refuses a quote that could
    single out a household."""
    from mdsa.phases.picture_files import suppression_note
    from mdsa.phases.quotes import collect_quotes
    from mdsa.phases.themes import collect_themes, shown_count

    config = project.config
    if config is None:
        raise PublicationInputError(
            "mdsa.yaml cannot be read", path="mdsa.yaml", hint=f"run: mdsa validate {project.root}"
        )
    k = config.min_group_size
    aggregate = _aggregate(project.root)
    findings = collect_themes(project)
    quotes = collect_quotes(project, findings)
    approved = quotes.approved()
    for candidate in quotes.candidates:
        if candidate.approved and candidate.refused:
            raise refusal(candidate, k)
    # One source for every count: the aggregate's visits of the whole neighbourhood, which its
    # suppression already weighed against the groups it shows.
    total = _number((aggregate.get("group_visits") or {}).get(TOTAL))
    households = int(total) if total is not None and total >= k else None
    homes = config.homes or (len(project.households) if project.households else None)
    by_theme: dict[str, list[Candidate]] = {}
    for c in approved:
        by_theme.setdefault(c.theme, []).append(c)
    conditions = []
    for key, label in CONDITIONS.items():
        themes = [
            {
                "name": t.name,
                "households": shown_count(t.households, k),
                "subareas": ", ".join(t.subareas),
                "quotes": [_quote(c) for c in by_theme.get(t.name, [])],
            }
            for t in findings.themes
            if t.condition == key
        ]
        conditions.append({"label": label, "text": CONDITION_TEXT[key], "themes": themes})
    loose = [_quote(c) for c in approved if not findings.theme(c.theme)]
    charts = _charts(project.root, aggregate)
    return {
        "project": {
            "name": project.name,
            "neighbourhood": config.neighbourhood or project.root.name,
            "municipality": config.municipality or "",
        },
        "date": today or date.today(),
        "min_group_size": k,
        "note": suppression_note(k),
        "response": {
            "homes": homes,
            "households": households,
            "percent": households / homes if households and homes else None,
            "groups": _groups(aggregate),
            "merged": aggregate.get("merged") or [],
        },
        "who": [c.__dict__ for c in charts if c.field in WHO_FIELDS],
        "charts": [c.__dict__ for c in charts if c.field not in WHO_FIELDS],
        "top_promising": list(findings.top_promising),
        "top_concerns": list(findings.top_concerns),
        "conditions": conditions,
        "loose_quotes": loose,
        "poster_quotes": _poster_quotes(approved, findings),
        "method": {
            "period": _period(project),
            "themes": len(findings.themes),
            "quotes": len(approved),
            "waiting": sum(1 for c in quotes.candidates if not c.approved),
            "partners": _partners(project),
        },
        "conversation": _conversation(project),
        "contact": _contact(project),
    }


def _quote(c: Candidate) -> dict[str, str]:
    return {"text": c.text, "subarea": c.subarea, "block": c.block}


def _poster_quotes(approved: list[Candidate], findings: Findings) -> list[dict[str, str]]:
    """A few quotes for residents: those of the top 5s first (promising before concerns),
    at most one per theme."""
    order = [*findings.top_promising, *findings.top_concerns]

    def rank(c: Candidate) -> int:
        return order.index(c.theme) if c.theme in order else len(order)

    chosen: list[Candidate] = []
    for c in sorted(approved, key=rank):
        if all(c.theme != o.theme for o in chosen):
            chosen.append(c)
    return [_quote(c) for c in chosen[:POSTER_QUOTES]]


def _aggregate(root: Path) -> dict[str, Any]:
    from mdsa.phases.picture_files import read_aggregate

    hint = f"make it (again): mdsa aggregate {root}"
    path = root / AGGREGATE_FILE
    visits = root / "data" / "visits.csv"
    if path.is_file() and visits.is_file() and visits.stat().st_mtime > path.stat().st_mtime:
        raise PublicationInputError(
            "is older than data/visits.csv: its figures and charts are out of date",
            path=AGGREGATE_FILE,
            hint=hint,
        )
    data = read_aggregate(root, PublicationInputError, "questions")
    if data is None:
        raise PublicationInputError(
            "there are no figures yet (output/aggregate.json)", path=AGGREGATE_FILE, hint=hint
        )
    return data


def _groups(aggregate: dict[str, Any]) -> list[dict[str, str]]:
    """Visits per shown group; a withheld figure is ✱."""
    from mdsa.documents.numbers import dutch_number
    from mdsa.phases.picture_files import SUPPRESSED

    out = []
    visits = aggregate.get("group_visits") or {}
    for group in aggregate.get("groups") or []:
        value = _number(visits.get(group))
        shown = dutch_number(value, 0) if value is not None else SUPPRESSED
        out.append({"name": "Hele buurt" if group == TOTAL else str(group), "visits": shown})
    return out


def _number(value: Any) -> float | None:
    """A published figure of the aggregate; None for a withheld one (``{"value": null}``)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _charts(root: Path, aggregate: dict[str, Any]) -> list[Chart]:
    """The aggregate's charts that exist, in the order of its questions."""
    from mdsa.phases.picture_files import field_file_name

    out = []
    for question in aggregate["questions"]:
        if not isinstance(question, dict) or question.get("field") in (None, "", *LEFT_OUT):
            continue
        name = field_file_name(str(question["field"]))
        png = f"{CHARTS_DIR}/{name}.png"
        svg = f"{CHARTS_DIR}/{name}.svg"
        if (root / png).is_file():
            title = str(question.get("title", ""))
            out.append(Chart(str(question["field"]), title, png, svg, f"/charts/{name}.png"))
    return out


def _period(project: Project) -> str:
    from mdsa.phases.base import planned
    from mdsa.phases.feedback import _month

    start, end = planned(project, "visits")
    if start and end:
        return f"{_month(start)} tot en met {_month(end)}"
    return ""


def _partners(project: Project) -> list[str]:
    partners = project.partners
    return [p.name for p in partners.organisations] if partners else []


def _conversation(project: Project) -> dict[str, str] | None:
    plan = project.communication
    meeting = plan.conversation if plan else None
    if meeting is None:
        return None
    return {"when": meeting.when, "place": meeting.place, "note": meeting.note or ""}


def _contact(project: Project) -> str:
    plan = project.privacy
    if plan and plan.resident_contact:
        return plan.resident_contact
    return ""


# -- writing ---------------------------------------------------------------------------------


def _inputs(context: dict[str, Any]) -> str:
    """The texts a document is made of, scanned beside it (a PDF can break a value in two)."""
    return json.dumps(context, ensure_ascii=False, indent=1, default=str)


def _result(document: str, context: dict[str, Any]) -> Published:
    method = context["method"]
    households = context["response"]["households"]
    return Published(document, households, method["themes"], method["quotes"], method["waiting"])


def _typeset(
    project: Project,
    name: str,
    context: dict[str, Any],
    format: Literal["pdf", "png"] = "pdf",
    ppi: float | None = None,
) -> bytes:
    """A typst template typeset with output/ as its root (the charts are /charts/...)."""
    from mdsa.documents.pdf import typeset
    from mdsa.documents.templates import find_template, render

    source = render("typst", name, context, project.root)
    path = find_template(name, project.root)
    pages = typeset(
        source,
        template=name,
        template_path=path,
        context=context,
        root=project.root / "output",
        format=format,
        ppi=ppi,
    )
    return pages[0]


def write_report(project: Project, *, today: date | None = None) -> Published:
    """The report as PDF, HTML and DOCX, scanned in staging, then published into output/."""
    from mdsa.documents.publish import publish_scanned
    from mdsa.documents.templates import render
    from mdsa.phases.picture_files import _inline_svg

    context = picture(project, today=today)
    pdf = _typeset(project, "report.typ", context)
    svgs = {
        c["svg"]: _inline_svg(_read(project.root / c["svg"]))
        for c in [*context["who"], *context["charts"]]
    }
    page = render("html", "report.html", {**context, "svgs": svgs}, project.root)
    files: dict[str, bytes | str] = {
        f"output/{REPORT}.pdf": pdf,
        f"output/{REPORT}.html": page,
        f"output/{REPORT}.docx": _docx(project, context),
    }
    result = _result(REPORT, context)
    result.files = publish_scanned(
        project, REPORT, files, inputs={"inputs.json": _inputs(context)}, hint=_hint("report")
    )
    return result


def _docx(project: Project, context: dict[str, Any]) -> bytes:
    """The report as an editable Word document, its charts as pictures."""
    from mdsa.documents.docx import DocxImage, DocxTemplate

    def pictures(charts: list[dict[str, str]]) -> list[dict[str, Any]]:
        return [
            {**c, "picture": DocxImage((project.root / c["png"]).read_bytes(), CHART_MM)}
            for c in charts
        ]

    filled = {**context, "who": pictures(context["who"]), "charts": pictures(context["charts"])}
    return DocxTemplate("report.docx", project.root).render(filled)


def write_poster(project: Project, *, today: date | None = None) -> Published:
    """The poster as one A3 page, PDF and PNG, scanned in staging, then published."""
    from mdsa.documents.publish import publish_scanned

    context = picture(project, today=today)
    files: dict[str, bytes | str] = {
        f"output/{POSTER}.pdf": _typeset(project, "poster.typ", context),
        f"output/{POSTER}.png": _typeset(project, "poster.typ", context, "png", POSTER_PPI),
    }
    result = _result(POSTER, context)
    result.files = publish_scanned(
        project, POSTER, files, inputs={"inputs.json": _inputs(context)}, hint=_hint("poster")
    )
    return result


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def _hint(command: str) -> str:
    return (
        f"the {command} holds only the aggregate, the themes and approved quotes: change the "
        f"theme's name in its worksheet, shorten the quote in {QUOTES_FILE} with [...], or "
        f"make the aggregate again, then run mdsa {command} again"
    )
