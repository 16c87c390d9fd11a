"""``mdsa rounds import``: a round of the values cards from a Google Forms export.

A round can be filled in on a form instead of on paper. ``form:`` in ``rounds.yaml`` names the
two questions that matter::

    form:
      subarea: In welk deel van de buurt woont u?      # optional
      values: Wat vindt u belangrijk in uw buurt?       # checkboxes: the labels of values:

The export is read as ``mdsa import`` reads one (Forms download zip or CSV, the linked sheet as
CSV or XLSX, a CSV saved by Excel: ``mdsa.intake.exports``). Of each response only the subarea
and the values chosen are kept, as the round CSV of ``rounds.yaml`` (``subarea`` and one column
per value code, ``1`` when chosen). Every other column (time stamp, e-mail, a name) is never
read into the round, and no message quotes a cell. The raw export is not changed.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mdsa.errors import ReportError
from mdsa.phases.evaluation_rounds import ROUNDS_FILE, RoundsError, load_rounds
from mdsa.project.folder import Project
from mdsa.report import Issue, Report

ROUNDS_DIR = "rounds"
FORM_HINT = (
    "name the form's questions in rounds.yaml:\n"
    "  form:\n"
    "    subarea: <the question about the part of the neighbourhood>\n"
    "    values: <the question with the values as checkboxes>"
)


@dataclass
class RoundImport:
    round: str
    file: str
    participants: int
    chosen: dict[str, int]  # value code -> how many chose it
    listed: bool  # the round is already in rounds.yaml with this file
    issues: list[Issue] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def import_round(project: Project, export: Path, name: str) -> RoundImport:
    """Read ``export`` into the round CSV of round ``name`` (its file in ``rounds.yaml``, or
    ``rounds/<name>.csv``); problems are named by row and column, never by value."""
    from mdsa.fileio import write_text
    from mdsa.intake.exports import read_export, split_choices

    spec = load_rounds(project)
    form = spec.form
    if form is None:
        raise RoundsError(
            f"{ROUNDS_FILE} does not say which questions of the form hold the round",
            path=ROUNDS_FILE,
            hint=FORM_HINT,
        )
    titles = [t for t in (form.subarea, form.values) if t]
    raw = read_export(export, expected_titles=titles)
    shown = export.name
    report = Report()
    positions: dict[str, int] = {}
    for key, title in (("subarea", form.subarea), ("values", form.values)):
        if not title:
            continue
        found = raw.column_positions(title)
        if len(found) != 1:
            report.error(
                "missing-column" if not found else "duplicate-column",
                f"the question '{title}' of {ROUNDS_FILE} (form: {key}) is "
                + ("not in the export" if not found else "in the export more than once"),
                file=shown,
                row=1,
                hint="the title must be the question as the form shows it",
            )
        else:
            positions[key] = found[0]
    subareas = {s.casefold(): s for s in (project.config.subareas if project.config else {})}
    if form.subarea and not subareas:
        # Without a list to hold them against, an answer could be anything (an address, a name):
        # it never goes into the round.
        report.error(
            "unknown-subarea",
            "mdsa.yaml names no subareas, so the answers to form: subarea cannot be checked",
            file=ROUNDS_FILE,
            hint="name the subareas in mdsa.yaml, or leave subarea out of form:",
        )
    if not report.ok:
        raise ReportError(f"{shown} cannot be read as a round", report, path=shown)
    by_label = {label.strip().casefold(): code for code, label in spec.values.items()}
    labels = list(spec.values.values())
    rows = []
    for raw_row in raw.rows:
        row: dict[str, str] = {"subarea": ""}
        if "subarea" in positions:
            answer = (raw_row.cells[positions["subarea"]] or "").strip()
            if answer and answer.casefold() not in subareas:
                report.error(
                    "unknown-subarea",
                    "the answer is not a subarea of mdsa.yaml",
                    file=shown,
                    row=raw_row.number,
                    column=form.subarea,
                    hint="subareas: " + ", ".join(subareas.values()),
                )
            row["subarea"] = subareas.get(answer.casefold(), answer)
        cell = raw_row.cells[positions["values"]] or ""
        picked, other = split_choices(cell, raw.checkbox_separator, labels)
        chosen = {by_label[label.strip().casefold()] for label in picked}
        if any(piece.strip() for piece in other):
            report.warning(
                "unknown-value",
                "an answer that is not a value of rounds.yaml is left out",
                file=shown,
                row=raw_row.number,
                column=form.values,
                hint="add it under values: in rounds.yaml if it should count",
            )
        row.update({code: "1" if code in chosen else "" for code in spec.values})
        rows.append(row)
    if not report.ok:
        raise ReportError(f"{shown} has problems; no round was written", report, path=shown)
    listed = next((r for r in spec.rounds if r.name == name), None)
    relative = listed.file if listed else f"{ROUNDS_DIR}/{_slug(name)}.csv"
    target = (project.root / relative).resolve()
    if not target.is_relative_to(project.root.resolve()):
        raise RoundsError(
            f"round '{name}': the file {relative} is not in the project folder",
            path=ROUNDS_FILE,
        )
    out = io.StringIO()
    writer = csv.DictWriter(out, ["subarea", *spec.values], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_text(target, out.getvalue())
    chosen_counts = {code: sum(r[code] == "1" for r in rows) for code in spec.values}
    issues = report.sorted()
    return RoundImport(name, relative, len(rows), chosen_counts, listed is not None, issues)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "ronde"
