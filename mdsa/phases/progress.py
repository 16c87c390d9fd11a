"""``mdsa progress``: the weekly team exchange of phase 2 (handbook fase 2, Huisbezoeken).

Households, visits held, declined and not at home, per subarea and per ISO week; the response
rate against the address list; attempts without a conversation per household (the teams went
back up to three times); visits per worker; open actions by type and owner.

Every visit has an outcome: the answer to ``visit_outcome`` (held, declined, not_home,
technical_only). An export from before that question existed has no answer: such a visit
counts as *held* when anything else was answered (a conversation was registered), and as
*unknown* when the row holds nothing but who, where and when.

The shared version (``output/progress.xlsx``, ``output/progress.html``, ``--json``) marks every
count of households or visits between 1 and ``min_group_size - 1`` as ``<5`` (for a
min_group_size of 5), names workers only by a keyed pseudonym (``MW-...``) and is scanned
before it is reported. Only the terminal, with ``names=True``, shows exact counts and names.
"""

from __future__ import annotations

import dataclasses
import html
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from mdsa.intake.forms.mapping import VISIT_OUTCOMES
from mdsa.project.folder import REGISTRATIONS_FILE, Project

if TYPE_CHECKING:
    from mdsa.intake.registrations import Registration

XLSX_FILE = "output/progress.xlsx"
HTML_FILE = "output/progress.html"
OUTCOMES: tuple[str, ...] = (*VISIT_OUTCOMES, "unknown")
OUTCOME_LABELS = {
    "held": "gesprek gevoerd",
    "declined": "geen gesprek gewild",
    "not_home": "niet thuis",
    "technical_only": "alleen technische opname",
    "unknown": "onbekend",
}
NO_SUBAREA = "(niet geplaatst)"
MAX_ATTEMPTS = 3  # the handbook's teams went back up to three times


def outcome(registration: Registration) -> str:
    """held, declined, not_home, technical_only, or unknown (see the module's docstring)."""
    given = registration.answers.get("visit_outcome")
    if given in VISIT_OUTCOMES:
        return str(given)
    if given is None and any(
        name != "visit_outcome" and value not in (None, "", [], {})
        for name, value in registration.answers.items()
    ):
        return "held"
    return "unknown"


def iso_week(registration: Registration) -> str:
    when = registration.visit_date or (registration.submitted_at or "")[:10]
    if not when:
        return "?"
    year, week, _ = date.fromisoformat(when).isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class AreaRow:
    name: str
    homes: int
    visited: int = 0  # households with at least one visit
    held: int = 0  # households with a conversation
    declined: int = 0  # households without one whose last visit was declined
    not_home: int = 0
    technical_only: int = 0
    unknown: int = 0

    @property
    def not_visited(self) -> int:
        return max(self.homes - self.visited, 0)

    @property
    def response_rate(self) -> float | None:
        return self.held / self.homes if self.homes else None


@dataclass
class Progress:
    name: str
    min_group_size: int
    homes: int
    visits: int
    areas: list[AreaRow]
    total: AreaRow
    weeks: dict[str, Counter[str]]  # ISO week -> visits per outcome
    attempts: Counter[int]  # visits without a conversation -> households
    gave_up: int  # households never reached after MAX_ATTEMPTS or more visits
    workers: dict[str, tuple[str, Counter[str]]]  # pseudonym -> (name, visits per outcome)
    open_actions: dict[str, dict[str, int]]  # type -> owner -> open actions
    actions_problems: int = 0
    files: list[str] = dataclasses.field(default_factory=list)
    # Kept for the scan of the shared files, which needs their names; never shown or shared.
    registrations: list[Registration] = dataclasses.field(default_factory=list, repr=False)

    def shared(self, *, names: bool = False, exact: bool = False) -> dict[str, Any]:
        """The figures as shared: small counts marked, workers by pseudonym (unless told)."""
        mark = (lambda n: n) if exact else self._mark

        def area(row: AreaRow) -> dict[str, Any]:
            held = mark(row.held)
            rate = row.response_rate
            return {
                "subarea": row.name,
                "homes": row.homes,
                "households_visited": mark(row.visited),
                "held": held,
                "declined": mark(row.declined),
                "not_home": mark(row.not_home),
                "technical_only": mark(row.technical_only),
                "unknown": mark(row.unknown),
                "not_visited": mark(row.not_visited),
                "response_rate": round(rate, 4) if rate is not None and held == row.held else None,
            }

        return {
            "name": self.name,
            "min_group_size": self.min_group_size,
            "homes": self.homes,
            "visits": mark(self.visits),
            "subareas": [area(r) for r in self.areas],
            "total": area(self.total),
            "weeks": [
                {"week": week, **{o: mark(counts[o]) for o in OUTCOMES}}
                for week, counts in sorted(self.weeks.items())
            ],
            "attempts_without_conversation": {
                (f"{n}+" if n == MAX_ATTEMPTS else str(n)): mark(count)
                for n, count in sorted(self.attempts.items())
            },
            "not_reached_after_3_visits": mark(self.gave_up),
            "workers": [
                {
                    "worker": name if names else pseudonym,
                    "visits": sum(counts.values()),
                    "held": counts["held"],
                }
                for pseudonym, (name, counts) in sorted(
                    self.workers.items(), key=lambda item: item[0]
                )
            ],
            "open_actions": {
                kind: {owner or "(nog niemand)": mark(n) for owner, n in owners.items()}
                for kind, owners in self.open_actions.items()
            },
            "files": self.files,
        }

    def _mark(self, count: int) -> int | str:
        return f"<{self.min_group_size}" if 0 < count < self.min_group_size else count


def progress(project: Project) -> Progress:
    """Count everything from private/registrations.jsonl, the address list and the actions."""
    from mdsa.intake.registrations import load_registrations
    from mdsa.phases.actions import read_actions, summary
    from mdsa.phases.visits import homes_per_subarea
    from mdsa.privacy.pseudonyms import load_or_create_key, pseudonym
    from mdsa.report import Report

    registrations = load_registrations(project.root / REGISTRATIONS_FILE)
    homes = homes_per_subarea(project)
    config = project.config
    min_group = config.min_group_size if config else 5
    names = list(config.subareas) if config else []
    names += sorted(set(homes) - set(names) - {"?"})

    # One pass over the visits: (when, outcome, subarea) per household, the rest counted.
    by_household: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
    weeks: dict[str, Counter[str]] = defaultdict(Counter)
    week_of: dict[str, str] = {}
    key = load_or_create_key(project.root)
    workers: dict[str, tuple[str, Counter[str]]] = {}
    pseudonyms: dict[str, str] = {}
    for registration in registrations:
        result = outcome(registration)
        when = registration.visit_date or (registration.submitted_at or "")[:10]
        home = registration.address_key or registration.visit_key
        by_household[home].append(
            (f"{when}|{registration.submitted_at}", result, registration.subarea)
        )
        if when not in week_of:
            week_of[when] = iso_week(registration)
        weeks[week_of[when]][result] += 1
        visitor = registration.identity.get("visitor", "")
        if visitor not in pseudonyms:
            folded = " ".join(visitor.split()).casefold()
            pseudonyms[visitor] = pseudonym(key, f"visitor:{folded}", prefix="MW")
        worker = pseudonyms[visitor]
        if worker not in workers:
            workers[worker] = (" ".join(visitor.split()) or "(onbekend)", Counter())
        workers[worker][1][result] += 1

    rows = {name: AreaRow(name, homes.get(name, 0)) for name in names}
    attempts: Counter[int] = Counter()
    gave_up = 0
    for visits in by_household.values():
        if len(visits) > 1:
            visits.sort()
        outcomes = [result for _, result, _ in visits]
        subarea = next((area for _, _, area in reversed(visits) if area), None)
        row = rows.setdefault(subarea or NO_SUBAREA, AreaRow(subarea or NO_SUBAREA, 0))
        row.visited += 1
        without = len(outcomes) - outcomes.count("held")
        if without:
            attempts[min(without, MAX_ATTEMPTS)] += 1
        if without < len(outcomes):
            row.held += 1
            continue
        last = outcomes[-1]
        setattr(row, last, getattr(row, last) + 1)
        if len(outcomes) >= MAX_ATTEMPTS:
            gave_up += 1

    areas = list(rows.values())
    total = AreaRow("Totaal", sum(homes.values()) or (config.homes or 0 if config else 0))
    for row in areas:
        for name in ("visited", "held", "declined", "not_home", "technical_only", "unknown"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    report = Report()
    actions = read_actions(project.root, report)
    return Progress(
        name=project.name,
        min_group_size=min_group,
        homes=total.homes,
        visits=len(registrations),
        areas=areas,
        total=total,
        weeks=dict(weeks),
        attempts=attempts,
        gave_up=gave_up,
        workers=workers,
        open_actions=summary(actions),
        actions_problems=len(report.errors),
        registrations=registrations,
    )


# --- the shared documents --------------------------------------------------------------------


AREA_HEADER = (
    "subbuurt",
    "woningen",
    "huishoudens bezocht",
    "gesprek gevoerd",
    "geen gesprek gewild",
    "niet thuis",
    "alleen technische opname",
    "onbekend",
    "nog niet bezocht",
    "respons",
)
AREA_KEYS = (
    "subarea",
    "homes",
    "households_visited",
    "held",
    "declined",
    "not_home",
    "technical_only",
    "unknown",
    "not_visited",
    "response_rate",
)


def write_documents(project: Project, result: Progress) -> list[str]:
    """output/progress.xlsx and output/progress.html from the shared figures, each scanned."""
    from mdsa.documents.workbook import Cell, Sheet, write_workbook
    from mdsa.phases.actions_export import scan_or_remove

    data = result.shared()

    def rate(value: Any) -> Cell:
        return "" if value is None else _percent(value)

    area_rows: list[list[Cell]] = [
        [*(row[k] for k in AREA_KEYS[:-1]), rate(row["response_rate"])]
        for row in [*data["subareas"], data["total"]]
    ]
    week_rows: list[list[Cell]] = [[w["week"], *(w[o] for o in OUTCOMES)] for w in data["weeks"]]
    attempts: list[list[Cell]] = [[n, c] for n, c in data["attempts_without_conversation"].items()]
    attempts.append(["nooit bereikt na 3 of meer bezoeken", data["not_reached_after_3_visits"]])
    workers: list[list[Cell]] = [[w["worker"], w["visits"], w["held"]] for w in data["workers"]]
    actions: list[list[Cell]] = [
        [kind, owner, n]
        for kind, owners in data["open_actions"].items()
        for owner, n in owners.items()
    ]
    outcome_header = [OUTCOME_LABELS[o] for o in OUTCOMES]
    xlsx = project.root / XLSX_FILE
    write_workbook(
        xlsx,
        [
            Sheet("per subbuurt", AREA_HEADER, area_rows),
            Sheet("per week", ["week", *outcome_header], week_rows),
            Sheet("bezoeken zonder gesprek", ["bezoeken zonder gesprek", "huishoudens"], attempts),
            Sheet("per medewerker", ["medewerker (pseudoniem)", "bezoeken", "gesprekken"], workers),
            Sheet("open acties", ["soort", "eigenaar", "open"], actions),
        ],
    )
    page = project.root / HTML_FILE
    from mdsa.fileio import write_text

    write_text(page, _html(data, area_rows, week_rows, attempts, workers, actions))
    hint = "the overview holds only counts, subareas and organisations: run mdsa scan"
    scan_or_remove(project, [xlsx, page], hint, result.registrations)
    return [XLSX_FILE, HTML_FILE]


def _percent(fraction: float) -> str:
    from mdsa.documents.numbers import dutch_percent

    return dutch_percent(fraction, 0)


def _chart(data: dict[str, Any]) -> str:
    """Response rate per subarea as inline SVG, drawn by hand (no matplotlib to wait for); a
    subarea whose rate is withheld is left out."""
    from mdsa.documents.charts import COLOURS

    shown = [r for r in data["subareas"] if r["response_rate"] is not None]
    if not shown:
        return ""
    label_width, bar_width, height = 180, 360, 28
    total = 40 + height * len(shown)
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{label_width + bar_width + 70}' "
        f"height='{total}' role='img' font-family='Source Sans Pro, Arial, sans-serif' "
        "font-size='14'>",
        "<title>Respons per subbuurt</title>",
        "<text x='0' y='18' font-weight='bold'>Respons: huishoudens met een gesprek, van alle "
        "woningen</text>",
    ]
    for index, row in enumerate(shown):
        y = 32 + index * height
        width = round(bar_width * min(row["response_rate"], 1.0))
        parts += [
            f"<text x='{label_width - 8}' y='{y + 17}' text-anchor='end'>"
            f"{html.escape(row['subarea'])}</text>",
            f"<rect x='{label_width}' y='{y + 3}' width='{width}' height='{height - 8}' "
            f"fill='{COLOURS[0]}'/>",
            f"<text x='{label_width + width + 6}' y='{y + 17}'>"
            f"{_percent(row['response_rate'])}</text>",
        ]
    return "\n".join([*parts, "</svg>"])


def _table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """An HTML table with one cell a line: a row of counts never reads as one long number."""
    head = "\n".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "\n".join(
        "<tr>\n" + "\n".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "\n</tr>"
        for row in rows
    )
    return f"<table>\n<thead><tr>\n{head}\n</tr></thead>\n<tbody>\n{body}\n</tbody></table>"


CSS = """
body { font-family: "Source Sans Pro", Arial, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { border-bottom: 1px solid #ccc; padding: .25em .6em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { background: #ddebf7; }
.note { color: #555; font-size: .9em; max-width: 46em; }
svg { max-width: 46em; height: auto; }
"""


def _html(
    data: dict[str, Any],
    areas: list[list[Any]],
    weeks: list[list[Any]],
    attempts: list[list[Any]],
    workers: list[list[Any]],
    actions: list[list[Any]],
) -> str:
    from mdsa.documents.numbers import dutch_date

    marker = f"&lt;{data['min_group_size']}"
    title = html.escape(f"Voortgang huisbezoeken — {data['name']}")
    parts = [
        f"<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'><title>{title}</title>",
        f"<style>{CSS}</style></head><body><h1>{title}</h1>",
        f"<p class='note'>Stand van {html.escape(dutch_date(date.today()))}. Aantallen tussen 1 en "
        f"{data['min_group_size'] - 1} staan er als {marker}, zodat geen huishouden herkenbaar "
        "is; medewerkers staan er met een pseudoniem.</p>",
        "<h2>Per subbuurt</h2>",
        _table(AREA_HEADER, areas),
        _chart(data),
        "<h2>Per week</h2>",
        _table(["week", *(OUTCOME_LABELS[o] for o in OUTCOMES)], weeks),
        "<h2>Bezoeken zonder gesprek per huishouden</h2>",
        _table(["bezoeken zonder gesprek", "huishoudens"], attempts),
        "<h2>Per medewerker</h2>",
        _table(["medewerker (pseudoniem)", "bezoeken", "gesprekken"], workers),
        "<h2>Open acties per soort en eigenaar</h2>",
        _table(["soort", "eigenaar", "open"], actions) if actions else "<p>Geen open acties.</p>",
        "</body></html>\n",
    ]
    return "\n".join(parts)
