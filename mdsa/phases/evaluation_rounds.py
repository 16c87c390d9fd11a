"""``mdsa rounds compare``: two rounds of the neighbourhood-values cards (wijkwaardenkaart).

``rounds.yaml`` names the values (code and Dutch label) and the rounds, each with a CSV of the
cards filled in: one row per participant, a ``subarea`` column and one column per value code
holding ``1``, ``x`` or ``ja`` when the participant chose it (empty, ``0`` or ``nee`` if not).
The cards are collective and anonymous: the CSV holds no names.

Per value, and per subarea when every subarea is large enough, the share of participants who
chose it in each round, the change in percentage points and Fisher's exact test of whether the
difference is more than chance (two-sided, ``scipy.stats.fisher_exact``). A comparison is shown
only when both rounds have at least ``min_group_size`` participants and none of its four counts
(chose / did not choose, per round) lies between 1 and ``min_group_size - 1``; a value's
subareas are shown all together or not at all, so no hidden subarea can be worked out from the
whole neighbourhood. Every document says in plain words that rounds with few participants show
tendencies, not proof.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mdsa.errors import InputFileError, MdsaError, ReportError
from mdsa.project.folder import Project
from mdsa.report import Report

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mdsa.documents.charts import ChartFormat
    from mdsa.phases.evaluation_models import RoundsFile, ValuesRound

ROUNDS_FILE = "rounds.yaml"
OUTPUT_HTML = "output/rondes-vergelijking.html"
OUTPUT_PDF = "output/rondes-vergelijking.pdf"
OUTPUT_CHART = "output/charts/rondes-vergelijking.png"
OUTPUT_BASELINE_CHART = "output/charts/rondes-nulmeting.png"
TOTAL = "Hele buurt"
CHOSE = {"1", "x", "ja", "yes", "j", "y"}
NOT_CHOSE = {"", "0", "nee", "no", "n", "-"}
MAX_BYTES = 5_000_000
SIGNIFICANT = 0.05
CAVEAT = (
    "Een ronde met de wijkwaardenkaart is geen steekproef: wie meedoet, kiest zelf om mee te "
    "doen. Bij weinig deelnemers laten de verschillen een richting zien, geen bewijs. De toets "
    "zegt alleen hoe goed een verschil door toeval te verklaren is; met veel waarden tegelijk is "
    "er altijd wel een die toevallig verschilt."
)


class RoundsError(MdsaError):
    """``rounds.yaml`` or a round's CSV cannot be compared."""

    code = "invalid-rounds"


@dataclass
class Cell:
    group: str
    n1: int
    n2: int
    c1: int
    c2: int
    p_value: float

    @property
    def share1(self) -> float:
        return self.c1 / self.n1

    @property
    def share2(self) -> float:
        return self.c2 / self.n2

    @property
    def change(self) -> float:
        return self.share2 - self.share1

    @property
    def verdict(self) -> str:
        if self.p_value < SIGNIFICANT:
            return "waarschijnlijk meer dan toeval"
        return "kan toeval zijn"

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data.update(
            share1=round(self.share1, 4),
            share2=round(self.share2, 4),
            change=round(self.change, 4),
            p_value=round(self.p_value, 4),
            verdict=self.verdict,
        )
        return data


@dataclass
class ValueComparison:
    code: str
    label: str
    cells: list[Cell]  # the whole neighbourhood first, then the subareas when shown
    withheld: bool  # the whole neighbourhood's comparison is withheld (small counts)
    subareas_withheld: bool


@dataclass
class Comparison:
    first: str
    second: str
    min_group_size: int
    participants: dict[str, int | None]  # per round; None when below min_group_size
    values: list[ValueComparison]
    caveat: str = CAVEAT
    baseline: Comparison | None = None  # the home visits against a later round
    notes: list[str] = dataclasses.field(default_factory=list)
    files: list[str] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "first": self.first,
            "second": self.second,
            "min_group_size": self.min_group_size,
            "participants": self.participants,
            "values": [
                {
                    "code": v.code,
                    "label": v.label,
                    "withheld": v.withheld,
                    "subareas_withheld": v.subareas_withheld,
                    "cells": [c.to_dict() for c in v.cells],
                }
                for v in self.values
            ],
            "caveat": self.caveat,
            "baseline": self.baseline.to_dict() if self.baseline else None,
            "notes": self.notes,
            "files": self.files,
        }


def load_rounds(project: Project) -> RoundsFile:
    from mdsa.phases.evaluation import load_file
    from mdsa.phases.evaluation_models import RoundsFile

    loaded = load_file(project.root, ROUNDS_FILE, RoundsFile)
    if loaded is None:
        raise RoundsError(
            f"there is no {ROUNDS_FILE}",
            path=ROUNDS_FILE,
            hint="name the values and the rounds there (see the README)",
        )
    return loaded


def read_small_csv(path: Path, shown: Path) -> list[list[str]]:
    """The rows of a small CSV a person made (``,`` or ``;``, UTF-8 or Windows-1252), header
    first; an empty file or one that is no CSV raises an error naming ``shown``."""
    from mdsa.fileio import read_text

    text = read_text(path, encodings=("utf-8-sig", "cp1252"), max_bytes=MAX_BYTES)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as e:
        raise InputFileError(f"cannot be read as CSV ({e})", path=shown, code="bad-csv") from None
    if not rows:
        raise RoundsError("the file is empty", path=shown)
    return rows


def read_round(project: Project, spec: RoundsFile, round_: ValuesRound) -> list[dict[str, Any]]:
    """The participants of a round: their subarea and the set of values they chose."""
    root = project.root
    path = (root / round_.file).resolve()
    if not path.is_relative_to(root.resolve()) or not path.is_file():
        raise RoundsError(
            f"round '{round_.name}': the file {round_.file} is not in the project folder",
            path=ROUNDS_FILE,
            hint="give the path of the round's CSV relative to the project folder",
        )
    shown = Path(round_.file)
    rows = read_small_csv(path, shown)
    header = [h.strip() for h in rows[0]]
    report = Report()
    if "subarea" not in header:
        report.error("missing-column", "there is no column 'subarea'", file=str(shown), line=1)
    for name in header:
        if name != "subarea" and name not in spec.values:
            report.error(
                "unknown-value",
                f"column '{name}' is not a value of {ROUNDS_FILE}",
                file=str(shown),
                line=1,
                hint="valid: subarea, " + ", ".join(spec.values),
            )
    if not report.ok:
        raise ReportError(f"{shown} cannot be compared", report, path=shown)
    participants = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        row = dict(zip(header, (c.strip() for c in cells), strict=False))
        chosen = set()
        for code in spec.values:
            answer = row.get(code, "").lower()
            if answer in CHOSE:
                chosen.add(code)
            elif answer not in NOT_CHOSE:
                report.error(
                    "invalid-value",
                    f"'{code}' should be 1, x or ja (chosen) or empty, 0 or nee",
                    file=str(shown),
                    line=number,
                    column=code,
                )
        participants.append({"subarea": row.get("subarea", "") or "(onbekend)", "chosen": chosen})
    if not report.ok:
        raise ReportError(f"{shown} has problems; nothing was compared", report, path=shown)
    return participants


def compare_cell(
    group: str, one: list[dict[str, Any]], two: list[dict[str, Any]], code: str, k: int
) -> Cell | None:
    """The share of participants of ``group`` who chose ``code`` in two rounds, with Fisher's
    exact test; ``None`` when a round has fewer than ``k`` participants or one of the four
    counts (chose / did not, per round) lies between 1 and ``k - 1``."""
    from scipy.stats import fisher_exact

    a = [p for p in one if group == TOTAL or p["subarea"] == group]
    b = [p for p in two if group == TOTAL or p["subarea"] == group]
    c1 = sum(code in p["chosen"] for p in a)
    c2 = sum(code in p["chosen"] for p in b)
    counts = (c1, len(a) - c1, c2, len(b) - c2)
    if len(a) < k or len(b) < k or any(0 < c < k for c in counts):
        return None
    _, p_value = fisher_exact([[c1, len(a) - c1], [c2, len(b) - c2]])
    return Cell(group, len(a), len(b), c1, c2, float(p_value))


def compare(project: Project, first: str | None = None, second: str | None = None) -> Comparison:
    spec = load_rounds(project)
    by_name = {r.name: r for r in spec.rounds}
    if len(spec.rounds) < 2:
        raise RoundsError(
            f"{ROUNDS_FILE} has {len(spec.rounds)} round(s); comparing needs two",
            path=ROUNDS_FILE,
        )
    names = [first or spec.rounds[0].name, second or spec.rounds[-1].name]
    for name in names:
        if name not in by_name:
            raise RoundsError(
                f"there is no round '{name}' in {ROUNDS_FILE}",
                path=ROUNDS_FILE,
                hint="rounds: " + ", ".join(by_name),
            )
    k = project.config.min_group_size if project.config else 5
    one, two = (read_round(project, spec, by_name[n]) for n in names)
    subareas = sorted({p["subarea"] for p in one} | {p["subarea"] for p in two})

    def cell(group: str, code: str) -> Cell | None:
        return compare_cell(group, one, two, code, k)

    values = []
    for code, label in spec.values.items():
        total = cell(TOTAL, code)
        parts = [cell(s, code) for s in subareas] if len(subareas) > 1 else []
        shown_parts = [c for c in parts if c is not None]
        all_parts = bool(parts) and len(shown_parts) == len(parts) and total is not None
        cells = [c for c in [total, *(shown_parts if all_parts else [])] if c is not None]
        values.append(
            ValueComparison(code, label, cells, total is None, bool(parts) and not all_parts)
        )
    participants = {
        n: (len(r) if len(r) >= k else None) for n, r in zip(names, (one, two), strict=True)
    }
    return Comparison(names[0], names[1], k, participants, values)


def comparison_chart(
    result: Comparison, formats: Sequence[ChartFormat] = ("png",)
) -> dict[ChartFormat, bytes]:
    """The before/after bars of the whole neighbourhood (nothing when every value is withheld)."""
    from mdsa.documents.charts import grouped_bar_chart

    shown = [v for v in result.values if not v.withheld]
    if not shown:
        return {}
    series = {
        result.first: [v.cells[0].share1 * 100 for v in shown],
        result.second: [v.cells[0].share2 * 100 for v in shown],
    }
    return grouped_bar_chart(
        [v.label for v in shown],
        series,
        title=f"Gekozen waarden, hele buurt: {result.first} en {result.second}",
        percent=True,
        formats=formats,
    )


def write_comparison(project: Project, first: str | None, second: str | None) -> Comparison:
    """The comparison (and the baseline's, when ``rounds.yaml`` has one), as a page and a PDF
    (table, chart, caveat) and the charts as PNG, scanned."""
    from mdsa.documents.pdf import image_paths, render_pdf_with_images
    from mdsa.documents.publish import publish_scanned
    from mdsa.documents.templates import render
    from mdsa.phases.evaluation import _inline_svg
    from mdsa.phases.evaluation_baseline import VISITS_FILE, compare_baseline

    result = compare(project, first, second)
    spec = load_rounds(project)
    result.baseline = compare_baseline(project, spec)
    if spec.baseline and result.baseline is None:
        result.notes.append(
            f"the baseline of {ROUNDS_FILE} is not compared: there is no {VISITS_FILE} yet "
            f"(make it with mdsa anonymise {project.root})"
        )
    charts = comparison_chart(result, ("png", "svg"))
    baseline = comparison_chart(result.baseline, ("png", "svg")) if result.baseline else {}
    pngs = {key: c["png"] for key, c in (("chart", charts), ("baseline", baseline)) if c}
    paths = image_paths(pngs)

    def svg(drawn: dict[ChartFormat, bytes]) -> Any:
        return _inline_svg(drawn["svg"].decode("utf-8")) if drawn else None

    context = {
        "project": {"name": project.name},
        "comparison": result,
        "chart": svg(charts),
        "baseline": result.baseline,
        "baseline_chart": svg(baseline),
    }
    files: dict[str, bytes | str] = {
        OUTPUT_HTML: render("html", "rounds.html", context, project.root),
        OUTPUT_PDF: render_pdf_with_images(
            "rounds.typ",
            {**context, "chart": paths.get("chart"), "baseline_chart": paths.get("baseline")},
            project.root,
            pngs,
        ),
    }
    if charts:
        files[OUTPUT_CHART] = charts["png"]
    if baseline:
        files[OUTPUT_BASELINE_CHART] = baseline["png"]
    result.files = publish_scanned(
        project,
        "rounds",
        files,
        hint=f"the round files and {ROUNDS_FILE} should hold no names: correct them and run again",
    )
    return result
