"""How ``mdsa packets``, ``mdsa themes`` and ``mdsa quotes`` look in a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from mdsa.output import out

if TYPE_CHECKING:
    from mdsa.phases.packets import PacketsResult
    from mdsa.phases.quotes import QuotesResult
    from mdsa.phases.themes import ThemesResult


def print_packets(result: PacketsResult) -> None:
    plan = (
        "as planned in sessions.yaml"
        if result.planned_by != "default"
        else f"one per text category, split by subarea above {result.split_above} households"
    )
    table = Table(title=f"{len(result.sessions)} working session(s), {plan}", title_justify="left")
    table.add_column("session")
    table.add_column("subareas")
    table.add_column("blocks", justify="right")
    for s in result.sessions:
        table.add_row(escape(s.title), escape(", ".join(s.subareas)), str(s.blocks))
    out.print(table)
    if result.empty_categories:
        out.print("no text blocks (no session): " + escape(", ".join(result.empty_categories)))
    if result.uncovered:
        out.print(f"[yellow]{result.uncovered} block(s) are in no session of sessions.yaml[/]")
    out.print("wrote a PDF and a worksheet (.xlsx) per session in output/packets/")


def print_themes(result: ThemesResult) -> None:
    k = result.min_group_size
    table = Table(
        title=f"{len(result.rows)} theme(s) from {len(result.worksheets)} worksheet(s); "
        f"counts below {k} households shown as < {k}",
        title_justify="left",
    )
    for name, justify in (("theme", "left"), ("condition", "left"), ("blocks", "right"),
                          ("households", "right"), ("subareas", "left")):  # fmt: skip
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for r in result.rows:
        table.add_row(
            escape(r.name),
            escape(r.condition),
            r.blocks,
            r.households,
            escape(", ".join(r.subareas)),
        )
    out.print(table)
    for label, names in (
        ("top 5 promising", result.findings.top_promising),
        ("top 5 concerns", result.findings.top_concerns),
    ):
        if names:
            out.print(f"{label}: " + escape("; ".join(names)))
    quotes = sum(len(t.quotes) for t in result.findings.themes)
    out.print(f"{quotes} quote(s) marked (to approve before report or poster)")
    out.print("wrote " + ", ".join(result.files))


def print_quotes(result: QuotesResult) -> None:
    from mdsa.phases.quotes import KINDS

    table = Table(title=f"{len(result.candidates)} marked quote(s)", title_justify="left")
    for name in ("block", "theme", "subarea", "status", "quote"):
        table.add_column(name)
    for c in result.candidates:
        if c.refused:
            state = f"[red]refused: names {KINDS[c.refused]}[/]"
        elif c.approved:
            state = f"[green]approved {c.approved.isoformat()}[/]"
        else:
            state = "[yellow]not approved[/]"
        words = c.text if len(c.text) <= 70 else c.text[:67] + "..."
        table.add_row(c.block, escape(c.theme), escape(c.subarea), state, escape(words))
    out.print(table)
    waiting = [c.block for c in result.candidates if not c.approved and not c.refused]
    if waiting:
        out.print(f"to approve one: mdsa quotes approve {waiting[0]}")
