"""``mdsa packets``: a packet per working session, to print (PDF) and to work in (XLSX).

The PDF holds the guiding questions and working principles of the handbook (Fase 3 stap 2),
the charts of the aggregate (already suppressed: the cards chosen in the visits behind the
session's blocks, and who was visited) and every text block of the session with its id,
subarea and demographic group. The worksheet holds the same blocks with three columns to fill
in: the theme, the condition of social quality (a dropdown) and a mark for a quote. Everything
comes from ``data/`` (and the aggregate of it); nothing from ``private/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mdsa.phases.findings import CONDITIONS
from mdsa.phases.sessions import (
    PACKETS_DIR,
    SESSIONS_FILE,
    WORKSHEETS_DIR,
    Block,
    Session,
    SessionData,
    load_sessions_config,
    plan,
    read_blocks,
)
from mdsa.project.folder import Project

if TYPE_CHECKING:
    from mdsa.phases.picture import Aggregate

TEMPLATE = "session-packet.typ"
SHEET = "Teksten"
HEADER = ["Blok", "Soort tekst", "Subbuurt", "Groep", "Tekst", "Thema", "Voorwaarde", "Citaat"]
FILL_COLUMNS = ("Thema", "Voorwaarde", "Citaat")
QUESTIONS = [
    "Wat valt op?",
    "Welke verschillende soorten thema's of signalen zijn er te onderscheiden?",
    "Hoe worden deze thema's of signalen ervaren door buurtbewoners?",
    "Welke verschillen of overeenkomsten vallen op?",
]
PRINCIPLES = [
    ("Blijf bij de feiten.", "Wees objectief: blijf bij wat de verhalen van de bewoners laten "
     "zien, niet bij wat u erin leest of al van de buurt dacht. Maak elkaar erop alert."),
    ("Nog geen oplossingen.", "Parkeer oplossingen tot het beeld van de buurt besproken wordt; "
     "nu gaat het om wat er speelt."),
    ("Kijk wie wat zegt.", "Niet alleen wat er gezegd wordt, ook wie het zegt: dat laat "
     "verschillen tussen groepen bewoners zien."),
    ("Vaak én uniek.", "Wat vaak voorkomt zegt iets over de hele buurt; een uniek verhaal van "
     "een paar bewoners is ook de moeite waard."),
]  # fmt: skip
WHO_CHARTS = ("age_group", "household_type")


@dataclass
class PacketSummary:
    id: str
    title: str
    categories: list[str]
    subareas: list[str]
    blocks: int
    files: list[str]


@dataclass
class PacketsResult:
    min_group_size: int
    split_above: int
    planned_by: str  # "sessions.yaml" or "default"
    sessions: list[PacketSummary] = field(default_factory=list)
    empty_categories: list[str] = field(default_factory=list)
    uncovered: int = 0  # blocks in no session (a hand-made plan can leave some out)
    files: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "min_group_size": self.min_group_size,
            "split_above": self.split_above,
            "planned_by": self.planned_by,
            "sessions": [s.__dict__ for s in self.sessions],
            "empty_categories": self.empty_categories,
            "uncovered": self.uncovered,
            "files": self.files,
        }


def packets(project: Project, *, created: datetime | None = None) -> PacketsResult:
    """Plan the sessions and write a PDF and an XLSX per session into output/packets/.

    The aggregate is made again first (its charts are the packets' charts, so they always
    match the data). ``created`` fixes the workbooks' creation date (the example's files)."""
    from mdsa.phases.picture import TEXT_LABELS, aggregate

    data = read_blocks(project)
    config = load_sessions_config(project, data.subareas)
    sessions = plan(config, data)
    result = PacketsResult(
        data.min_group_size,
        config.split_above,
        SESSIONS_FILE if config.sessions is not None else "default",
    )
    result.empty_categories = [c for c in TEXT_LABELS if c not in data.categories]
    summary = aggregate(project)
    root = project.root
    charts = _cards_charts(root, summary)
    for session in sessions:
        mine = [b for b in data.blocks if session.holds(b)]
        mine.sort(key=lambda b: (session.categories.index(b.category), _order(data, b)))
        pdf = f"{PACKETS_DIR}/{session.id}.pdf"
        xlsx = f"{PACKETS_DIR}/{session.id}.xlsx"
        _write_pdf(
            project, root / pdf, session, mine, data, _charts(root, session, summary, charts)
        )
        write_worksheet(root / xlsx, session, mine, created=created)
        result.sessions.append(
            PacketSummary(
                session.id,
                session.title,
                list(session.categories),
                list(session.subareas) or list(data.subareas),
                len(mine),
                [pdf, xlsx],
            )
        )
        result.files += [pdf, xlsx]
    covered = {b.id for s in sessions for b in data.blocks if s.holds(b)}
    result.uncovered = sum(1 for b in data.blocks if b.id not in covered)
    _remove_stale(root, {f for s in result.sessions for f in s.files})
    return result


def _order(data: SessionData, block: Block) -> int:
    return (
        data.subareas.index(block.subarea) if block.subarea in data.subareas else len(data.subareas)
    )


def _remove_stale(root: Path, keep: set[str]) -> None:
    """Packets of sessions that are no longer in the plan go, so the folder shows the plan."""
    folder = root / PACKETS_DIR
    for path in folder.glob("*"):
        if path.suffix in (".pdf", ".xlsx") and f"{PACKETS_DIR}/{path.name}" not in keep:
            path.unlink()


# -- charts --------------------------------------------------------------------------------


def _cards_charts(root: Path, summary: Aggregate) -> dict[str, str]:
    """The conversation cards chosen in the visits behind each category, as PNG: category ->
    path inside output/ (the typst root)."""
    from mdsa.documents.charts import grouped_bar_chart, write_chart

    out = {}
    for text in summary.texts:
        table = text.cards
        if table is None or not table.options:
            continue
        labels = [o.label for o in table.options]
        series = {g: [o.percentages[g].value for o in table.options] for g in table.groups}
        drawn = grouped_bar_chart(labels, series, title=table.title, percent=True)
        name = f"charts/kaarten-{text.category}.png"
        write_chart(root / PACKETS_DIR / name, drawn["png"])
        out[text.category] = f"/packets/{name}"
    return out


def _charts(
    root: Path, session: Session, summary: Aggregate, cards: dict[str, str]
) -> list[dict[str, str]]:
    from mdsa.phases.picture_files import CHARTS_DIR, chart_name

    out = [{"path": cards[c]} for c in session.categories if c in cards]
    for question in summary.questions:
        if question.field in WHO_CHARTS:
            path = root / CHARTS_DIR / f"{chart_name(question)}.png"
            if path.is_file():
                out.append({"path": f"/charts/{path.name}"})
    return out


# -- the PDF -------------------------------------------------------------------------------


def _write_pdf(
    project: Project,
    path: Path,
    session: Session,
    blocks: list[Block],
    data: SessionData,
    charts: list[dict[str, str]],
) -> None:
    from mdsa.documents.pdf import typeset
    from mdsa.documents.templates import find_template, render
    from mdsa.fileio import write_bytes
    from mdsa.phases.picture import TEXT_LABELS
    from mdsa.phases.picture_files import suppression_note

    context = {
        "project": {"name": project.name},
        "session": {
            "title": session.title,
            "date": session.date,
            "categories": [TEXT_LABELS[c] for c in session.categories],
            "subareas": list(session.subareas) or data.subareas,
            "blocks": len(blocks),
        },
        "questions": QUESTIONS,
        "principles": [{"title": t, "text": x} for t, x in PRINCIPLES],
        "conditions": list(CONDITIONS.values()),
        "charts": charts,
        "note": suppression_note(data.min_group_size),
        "min_group_size": data.min_group_size,
        "worksheet": f"{PACKETS_DIR}/{session.id}.xlsx",
        "worksheets_dir": WORKSHEETS_DIR,
        "blocks": [
            {
                "id": b.id,
                "category": TEXT_LABELS[b.category],
                "subarea": b.subarea,
                "group": b.group,
                "text": b.text or "(leeg)",
            }
            for b in blocks
        ],
        "several_categories": len(session.categories) > 1,
    }
    source = render("typst", TEMPLATE, context, project.root)
    pdf = typeset(
        source,
        template=TEMPLATE,
        template_path=find_template(TEMPLATE, project.root),
        context=context,
        root=project.root / "output",
    )
    write_bytes(path, pdf[0])


# -- the worksheet -------------------------------------------------------------------------


def write_worksheet(
    path: Path,
    session: Session,
    blocks: list[Block],
    *,
    fills: dict[str, tuple[str, str, str]] | None = None,
    created: datetime | None = None,
) -> None:
    """The session's worksheet; ``fills`` (block id -> theme, condition, quote) writes it as
    a team would fill it in (the example's worksheets)."""
    from mdsa.documents.workbook import Sheet, write_workbook
    from mdsa.phases.picture import TEXT_LABELS

    fills = fills or {}
    rows: list[list[str | int | float]] = [
        [b.id, TEXT_LABELS[b.category], b.subarea, b.group, b.text, *fills.get(b.id, ("", "", ""))]
        for b in blocks
    ]
    conditions = list(CONDITIONS.values())
    notes = [
        f"Werksessie: {session.title}. Vul per blok een thema in (een kort woord of zinnetje, "
        "steeds hetzelfde geschreven), kies de voorwaarde van sociale kwaliteit uit de lijst, "
        "en zet bij Citaat een x om de tekst als citaat te markeren (of plak er een ingekorte "
        "versie met [...] in).",
        f"Zet het ingevulde bestand in de map {WORKSHEETS_DIR}/ van het project en draai: "
        "mdsa themes. Verander de kolommen Blok en Tekst niet.",
    ]
    explanation = Sheet(
        name="Uitleg",
        header=["Voorwaarde van sociale kwaliteit"],
        rows=[[c] for c in conditions],
        notes=notes,
    )
    write_workbook(
        path,
        [
            Sheet(
                name=SHEET,
                header=HEADER,
                rows=rows,
                wrap=("Tekst",),
                dropdowns={"Voorwaarde": conditions},
            ),
            explanation,
        ],
        created=created,
    )
