"""How the action list and the weekly progress overview look in a terminal (rich tables)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.markup import escape
from rich.table import Table

from mdsa.output import out

# Short column titles, so the tables fit a terminal of 80 characters.
SHORT = {
    "held": "gesprek",
    "declined": "geweigerd",
    "not_home": "niet thuis",
    "technical_only": "techn.",
    "unknown": "onbekend",
}
AREA_COLUMNS = ("subbuurt", "woningen", "bezocht", *SHORT.values(), "niet bezocht", "respons")

if TYPE_CHECKING:
    from mdsa.phases.actions import Action


def print_actions(actions: Sequence[Action], today: date) -> None:
    from mdsa.phases.actions import STATUS_LABELS, TYPE_LABELS, shorten

    table = Table(title="Actielijst", title_justify="left")
    for name in ("nr", "soort", "huishouden", "subbuurt", "eigenaar", "status", "deadline"):
        table.add_column(name, justify="right" if name == "nr" else "left")
    table.add_column("omschrijving", overflow="fold")
    for action in actions:
        late = action.overdue(today)
        due = action.due.isoformat() if action.due else ""
        table.add_row(
            str(action.id),
            TYPE_LABELS[action.type],
            action.household,
            escape(action.subarea),
            escape(action.owner) or "[dim](nog niemand)[/]",
            STATUS_LABELS[action.status],
            f"[bold red]{due} te laat[/]" if late else due,
            escape(shorten(action.description, 60)),
        )
    out.print(table)
    overdue = sum(a.overdue(today) for a in actions)
    still_open = sum(a.is_open for a in actions)
    out.print(f"{len(actions)} action(s), {still_open} open, {overdue} overdue")


def print_action(verb: str, action: Action) -> None:
    from mdsa.phases.actions import STATUS_LABELS, TYPE_LABELS

    due = action.due.isoformat() if action.due else "no due date"
    out.print(
        f"{verb} action {action.id}: {TYPE_LABELS[action.type]} for {action.household}, "
        f"{escape(action.owner) or 'no owner yet'}, {STATUS_LABELS[action.status]}, due {due}"
    )


def print_progress(data: dict[str, Any]) -> None:
    """The weekly overview as ``Progress.shared()`` gives it (marked, or exact with --names)."""
    from mdsa.phases.progress import AREA_KEYS, OUTCOMES

    out.print(f"[bold]Voortgang huisbezoeken[/]: {escape(data['name'])}")
    total = data["total"]
    rate = total["response_rate"]
    shown = f"{rate:.0%}" if rate is not None else "withheld"
    out.print(
        f"  {data['visits']} visit(s); conversations with {total['held']} of {data['homes']} "
        f"households: response rate {shown}"
    )
    table = Table(title="Per subbuurt", title_justify="left")
    for index, name in enumerate(AREA_COLUMNS):
        table.add_column(name, justify="left" if index == 0 else "right")
    for row in [*data["subareas"], total]:
        cells = [escape(str(row[k])) for k in AREA_KEYS[:-1]]
        value = row["response_rate"]
        table.add_row(*cells, f"{value:.0%}" if value is not None else "")
    out.print(table)
    weeks = Table(title="Per week (bezoeken)", title_justify="left")
    weeks.add_column("week")
    for name in OUTCOMES:
        weeks.add_column(SHORT[name], justify="right")
    for week in data["weeks"]:
        weeks.add_row(week["week"], *(str(week[o]) for o in OUTCOMES))
    out.print(weeks)
    attempts = ", ".join(f"{n}: {c}" for n, c in data["attempts_without_conversation"].items())
    out.print(f"households by visits without a conversation: {attempts or 'none'}")
    out.print(f"not reached after 3 or more visits: {data['not_reached_after_3_visits']}")
    workers = Table(title="Per medewerker", title_justify="left")
    for name in ("medewerker", "bezoeken", "gesprekken"):
        workers.add_column(name, justify="left" if name == "medewerker" else "right")
    for worker in data["workers"]:
        workers.add_row(escape(worker["worker"]), str(worker["visits"]), str(worker["held"]))
    out.print(workers)
    if data["open_actions"]:
        actions = Table(title="Open acties", title_justify="left")
        for name in ("soort", "eigenaar", "open"):
            actions.add_column(name, justify="right" if name == "open" else "left")
        for kind, owners in data["open_actions"].items():
            for owner, count in owners.items():
                actions.add_row(kind, escape(owner), str(count))
        out.print(actions)
    else:
        out.print("no open actions")
    for path in data["files"]:
        out.print(f"wrote {escape(path)}")
