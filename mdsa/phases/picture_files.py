"""The figures of ``mdsa aggregate`` as files people open: a workbook with a sheet and a native
Excel chart per question, a chart per question as PNG and SVG, and one self-contained HTML page.

Every file shows what ``output/aggregate.json`` shows and nothing more: a suppressed figure is
``✱`` in the tables and no bar in the charts, never its value.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mdsa.documents.numbers import dutch_number
from mdsa.errors import MdsaError

if TYPE_CHECKING:
    from mdsa.documents.charts import ChartFormat
    from mdsa.phases.picture import Aggregate, Figure, QuestionTable

WORKBOOK_FILE = "output/aggregate.xlsx"
HTML_FILE = "output/aggregate.html"
CHARTS_DIR = "output/charts"
SUPPRESSED = "✱"
KIND_LABELS = {"scale": "schaal", "choice": "keuze", "multi": "meerkeuze", "grid": "oordeel"}


def suppression_note(min_group_size: int) -> str:
    return (
        f"{SUPPRESSED} = niet getoond: minder dan {min_group_size} huishoudens, of een getal "
        "waaruit zo'n kleine groep terug te rekenen is."
    )


def read_aggregate(root: Path, error: type[MdsaError], key: str) -> dict[str, Any] | None:
    """``output/aggregate.json`` as a dict that has a list ``key``; ``None`` when it is not
    there. A file that cannot be read raises ``error`` with its line and a hint."""
    import json

    from mdsa.phases.picture import AGGREGATE_FILE

    path = root / AGGREGATE_FILE
    if not path.is_file():
        return None
    hint = f"make it again: mdsa aggregate {root}"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise error(
            f"{AGGREGATE_FILE} is not valid JSON ({e.msg})",
            path=AGGREGATE_FILE,
            line=e.lineno,
            column=e.colno,
            hint=hint,
        ) from None
    except (OSError, UnicodeDecodeError) as e:
        raise error(
            f"{AGGREGATE_FILE} cannot be read ({type(e).__name__})", path=AGGREGATE_FILE, hint=hint
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise error(
            f"{AGGREGATE_FILE} has no list of {key}: it is not an aggregate of mdsa",
            path=AGGREGATE_FILE,
            hint=hint,
        )
    return data


def chart_name(question: QuestionTable) -> str:
    """A file name for a question's chart: its field, safe on every file system."""
    return field_file_name(question.field)


def field_file_name(field: str) -> str:
    return re.sub(r"[^a-z0-9_.-]+", "_", field.lower()).strip("_") or "vraag"


def write_outputs(root: Path, result: Aggregate) -> list[str]:
    """Write the workbook, the charts and the HTML overview; the files written, relative."""
    charts = _write_charts(root, result)
    _write_workbook(root / WORKBOOK_FILE, result)
    _write_html(root, result, charts)
    return [WORKBOOK_FILE, HTML_FILE, *(f"{CHARTS_DIR}/{name}" for name in sorted(charts))]


def _shown(figure: Figure) -> float | None:
    return figure.value


def _percent_series(question: QuestionTable) -> tuple[list[str], dict[str, list[float | None]]]:
    labels = [o.label for o in question.options]
    series = {g: [_shown(o.percentages[g]) for o in question.options] for g in question.groups}
    return labels, series


# -- charts --------------------------------------------------------------------------------


def _write_charts(root: Path, result: Aggregate) -> dict[str, str]:
    """PNG and SVG per question; returns file name -> SVG text for the HTML page.

    Drawing is most of the time of ``mdsa aggregate`` (text layout in matplotlib, which is not
    thread-safe), so the charts are drawn in worker processes, one per CPU; the files are
    written here, in the questions' order, with the same bytes as when drawn one by one."""
    from mdsa.documents.charts import write_chart

    jobs: list[tuple[str, list[str], dict[str, list[float | None]]]] = []
    names: list[str] = []
    for question in result.questions:
        labels, series = _percent_series(question)
        if labels:
            jobs.append((question.title, labels, series))
            names.append(chart_name(question))
    written: dict[str, str] = {}
    for name, drawn in zip(names, _draw_all(jobs), strict=True):
        for kind, data in drawn.items():
            write_chart(root / CHARTS_DIR / f"{name}.{kind}", data)
            written[f"{name}.{kind}"] = data.decode("utf-8") if kind == "svg" else ""
    return written


def _draw_all(
    jobs: list[tuple[str, list[str], dict[str, list[float | None]]]],
) -> list[dict[ChartFormat, bytes]]:
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    from mdsa.documents.charts import _setup

    workers = min(os.cpu_count() or 1, len(jobs))
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [_draw(job) for job in jobs]
    _setup()  # matplotlib imported and set up once, before the workers are forked
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(_draw, jobs))


def _draw(job: tuple[str, list[str], dict[str, list[float | None]]]) -> dict[ChartFormat, bytes]:
    from mdsa.documents.charts import grouped_bar_chart

    title, labels, series = job
    return grouped_bar_chart(labels, series, title=title, percent=True, formats=("png", "svg"))


# -- workbook ------------------------------------------------------------------------------


def _write_workbook(path: Path, result: Aggregate) -> None:
    from mdsa.documents.workbook import Sheet, SheetChart, write_workbook

    overview_rows: list[list[str | int | float]] = [
        [group, _cell(result.group_visits[group]) if group in result.group_visits else ""]
        for group in result.groups
    ]
    sheets = [
        Sheet(
            name="Overzicht",
            header=["Groep", "Bezoeken"],
            rows=overview_rows,
            notes=_overview_notes(result),
        )
    ]
    used: set[str] = {"overzicht"}
    for number, question in enumerate(result.questions, 1):
        header = ["Antwoord"]
        for group in question.groups:
            header += [f"{group}: aantal", f"{group}: %"]
        rows: list[list[str | int | float]] = []
        for option in question.options:
            row: list[str | int | float] = [option.label]
            for group in question.groups:
                row += [_cell(option.counts[group]), _cell(option.percentages[group], blank=True)]
            rows.append(row)
        total: list[str | int | float] = ["Aantal antwoorden"]
        for group in question.groups:
            total += [_cell(question.respondents[group]), ""]
        rows.append(total)
        for label, figures in (("Gemiddelde", question.mean), ("Mediaan", question.median)):
            if figures is not None:
                extra: list[str | int | float] = [label]
                for group in question.groups:
                    extra += [_cell(figures[group]), ""]
                rows.append(extra)
        sheets.append(
            Sheet(
                name=_unique_sheet_name(f"{number} {question.title}", used),
                header=header,
                rows=rows,
                notes=[question.title, suppression_note(result.min_group_size)],
                chart=SheetChart(
                    title=question.title,
                    categories=len(question.options),
                    value_columns=[2 + 2 * i for i in range(len(question.groups))],
                    percent=True,
                )
                if question.options
                else None,
            )
        )
    write_workbook(path, sheets)


def _cell(figure: Figure, *, blank: bool = False) -> str | int | float:
    """A number, or ``✱`` (or an empty cell, where a chart reads it) when suppressed."""
    if figure.value is None:
        return "" if blank else SUPPRESSED
    return figure.value


def _overview_notes(result: Aggregate) -> list[str]:
    notes = [
        f"Beeld van de buurt: {result.visits} bezoeken, per subbuurt en voor de hele buurt.",
        suppression_note(result.min_group_size),
    ]
    if result.merged:
        notes.append("Samengevoegd (te weinig bezoeken apart): " + ", ".join(result.merged))
    if result.left_out:
        notes.append("Weggelaten (te weinig bezoeken, ook samen): " + ", ".join(result.left_out))
    return notes


def _unique_sheet_name(name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", name)[:28].strip() or "Vraag"
    candidate, n = base, 2
    while candidate.lower() in used:
        candidate, n = f"{base[:25]} {n}", n + 1
    used.add(candidate.lower())
    return candidate


# -- html ----------------------------------------------------------------------------------


def _write_html(root: Path, result: Aggregate, charts: dict[str, str]) -> None:
    from mdsa.documents.templates import render
    from mdsa.fileio import write_text

    questions: list[dict[str, Any]] = []
    for question in result.questions:
        name = chart_name(question)
        questions.append(
            {
                "title": question.title,
                "kind": KIND_LABELS.get(question.kind, question.kind),
                "groups": question.groups,
                "rows": [
                    {
                        "label": option.label,
                        "cells": [
                            _html_cell(option.counts[g], option.percentages[g])
                            for g in question.groups
                        ],
                    }
                    for option in question.options
                ],
                "respondents": [_html_cell(question.respondents[g]) for g in question.groups],
                "mean": [_html_cell(question.mean[g], decimals=1) for g in question.groups]
                if question.mean
                else None,
                "svg": _inline_svg(charts.get(f"{name}.svg", "")),
            }
        )
    context = {
        "title": "Beeld van de buurt: de antwoorden in cijfers",
        "visits": result.visits,
        "groups": [
            {"name": g, "visits": _html_cell(result.group_visits[g])}
            for g in result.groups
            if g in result.group_visits
        ],
        "notes": _overview_notes(result),
        "questions": questions,
        "texts": [
            {"label": t.label, "counts": [_html_cell(t.counts[g]) for g in result.groups]}
            for t in result.texts
            if all(g in t.counts for g in result.groups)
        ],
        "text_groups": result.groups,
    }
    write_text(root / HTML_FILE, render("html", "aggregate.html", context, root))


def _html_cell(figure: Figure, percentage: Figure | None = None, *, decimals: int = 0) -> str:
    if figure.value is None:
        return SUPPRESSED
    text = dutch_number(figure.value, decimals if not float(figure.value).is_integer() else 0)
    if percentage is not None and percentage.value is not None:
        text += f" ({dutch_number(percentage.value, 1)}%)"
    return text


def _inline_svg(svg: str) -> Any:
    """The chart's SVG without its XML prologue, to put inside the page as markup (matplotlib
    escapes every label it writes into it)."""
    from markupsafe import Markup

    start = svg.find("<svg")
    return Markup(svg[start:]) if start >= 0 else ""
