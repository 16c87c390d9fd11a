"""How ``mdsa aggregate`` looks in a terminal: one rich table per question."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from mdsa.output import out

if TYPE_CHECKING:
    from mdsa.phases.picture import Aggregate, Figure, QuestionTable

SUPPRESSED = "[dim]✱[/]"


def _count(figure: Figure, percentage: Figure | None = None) -> str:
    if figure.value is None:
        return SUPPRESSED
    text = f"{figure.value:g}"
    if percentage is not None and percentage.value is not None:
        text += f" ({percentage.value:.1f}%)"
    return text


def _question(question: QuestionTable) -> None:
    table = Table(title=escape(question.title), title_justify="left", show_lines=False)
    table.add_column("antwoord")
    for group in question.groups:
        table.add_column(escape(group), justify="right")
    for option in question.options:
        table.add_row(
            escape(option.label),
            *(_count(option.counts[g], option.percentages[g]) for g in question.groups),
        )
    table.add_row(
        "[bold]aantal antwoorden[/]", *(_count(question.respondents[g]) for g in question.groups)
    )
    if question.mean is not None:
        table.add_row("gemiddelde", *(_count(question.mean[g]) for g in question.groups))
    if question.median is not None:
        table.add_row("mediaan", *(_count(question.median[g]) for g in question.groups))
    out.print(table)


def print_aggregate(result: Aggregate) -> None:
    out.print(
        f"[bold]Beeld van de buurt[/]: {result.visits} visits, groups smaller than "
        f"{result.min_group_size} suppressed ({SUPPRESSED})"
    )
    visits = ", ".join(f"{escape(g)} {_count(f)}" for g, f in result.group_visits.items())
    out.print(f"  visits per group: {visits}")
    if result.merged:
        out.print(f"  merged into one group (too few visits): {escape(', '.join(result.merged))}")
    if result.left_out:
        out.print(
            "  left out of every figure (too few visits, even merged): "
            f"{escape(', '.join(result.left_out))}"
        )
    for question in result.questions:
        _question(question)
    if result.texts:
        table = Table(title="Tekstblokken per categorie", title_justify="left")
        table.add_column("categorie")
        groups = result.groups
        for group in groups:
            table.add_column(escape(group), justify="right")
        for text in result.texts:
            table.add_row(escape(text.label), *(_count(text.counts[g]) for g in groups))
        out.print(table)
        for text in result.texts:
            if text.cards is not None:
                _question(text.cards)
    suppressed = sum(len(q.suppressed) for q in result.questions) + sum(
        len(t.cards.suppressed) for t in result.texts if t.cards
    )
    out.print(f"{suppressed} cell(s) suppressed; every one is listed with its reason in --json")
    charts = [p for p in result.files if p.startswith("output/charts/")]
    for path in result.files:
        if path not in charts:
            out.print(f"wrote {path}")
    if charts:
        out.print(f"wrote {len(charts)} charts (PNG and SVG, one per question) in output/charts/")
