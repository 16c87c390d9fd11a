"""How the action list and the weekly progress overview look in a terminal (rich tables)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from mdsa.output import out

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
