"""The home visits as the baseline of a later round of the neighbourhood-values cards.

The visits asked scale questions (forms.yaml: ``scale.neighbour_contact``, 1 to 10); a round of
the values cards asks which values a participant finds important. ``baseline:`` in
``rounds.yaml`` says explicitly which value stands for which scale question, and from which
answer on a household counts as having it::

    baseline:
      name: Huisbezoeken 2016        # optional (default: Huisbezoeken)
      round: Ronde 2019              # optional (default: the last round)
      values:
        contact: {scale: neighbour_contact, at_least: 7}

Per value: the share of households with a conversation that answered the question with at least
``at_least``, against the share of the round's participants who chose the value, with Fisher's
exact test and the same rule for small counts as ``mdsa rounds compare`` (whole neighbourhood
only). The caveat says in plain words that a mark and a choice are not the same question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mdsa.errors import ReportError
from mdsa.project.folder import Project
from mdsa.report import Report

if TYPE_CHECKING:
    from mdsa.phases.evaluation_models import RoundsFile
    from mdsa.phases.evaluation_rounds import Comparison

VISITS_FILE = "data/visits.csv"
CAVEAT = (
    "Bij de huisbezoeken gaven bewoners een rapportcijfer (bijvoorbeeld: hoe prettig is het "
    "contact met uw buren?); op de wijkwaardenkaart kiezen zij wat zij belangrijk vinden. Dat is "
    "niet dezelfde vraag, en het zijn niet dezelfde mensen: bij de huisbezoeken telt elk "
    "huishouden met een gesprek dat de vraag beantwoordde, bij de ronde elke deelnemer. Lees een "
    "verschil daarom als iets om samen over te praten, niet als een gemeten verandering."
)


def compare_baseline(project: Project, spec: RoundsFile) -> Comparison | None:
    """The baseline of ``rounds.yaml`` against its round; ``None`` without ``baseline:`` or
    without the anonymised data set of the visits (``data/visits.csv``)."""
    from mdsa.phases.evaluation import _line
    from mdsa.phases.evaluation_rounds import (
        ROUNDS_FILE,
        TOTAL,
        Comparison,
        ValueComparison,
        compare_cell,
        read_round,
    )

    base = spec.baseline
    if base is None:
        return None
    root = project.root
    report = Report()
    by_name = {r.name: r for r in spec.rounds}
    name = base.round or (spec.rounds[-1].name if spec.rounds else None)
    later_round = by_name.get(name) if name else None
    if later_round is None:
        report.error(
            "unknown-round",
            f"the baseline is compared with round '{name}', which is not in the file"
            if name
            else "the baseline needs a round to compare with, and there is none",
            file=ROUNDS_FILE,
            line=_line(root, ROUNDS_FILE, "baseline", "round")
            or _line(root, ROUNDS_FILE, "baseline"),
            hint="rounds: " + ", ".join(by_name) if by_name else None,
        )
    for code in base.values:
        if code not in spec.values:
            report.error(
                "unknown-value",
                f"the baseline names value '{code}', which is not under values:",
                file=ROUNDS_FILE,
                line=_line(root, ROUNDS_FILE, "baseline", "values", code),
                hint="values: " + ", ".join(spec.values),
            )
    if not (root / VISITS_FILE).is_file():
        if not report.ok:
            raise ReportError(f"{ROUNDS_FILE} has problems; nothing was compared", report)
        return None  # no data set yet: the caller says so
    from mdsa.phases.picture import read_visits

    rows = read_visits(root / VISITS_FILE)
    columns = set(rows[0]) if rows else set()
    scales = sorted(c.removeprefix("scale.") for c in columns if c.startswith("scale."))
    for code, value in base.values.items():
        if f"scale.{value.scale}" not in columns:
            report.error(
                "unknown-scale",
                f"value '{code}': the data set has no scale question '{value.scale}'",
                file=ROUNDS_FILE,
                line=_line(root, ROUNDS_FILE, "baseline", "values", code, "scale"),
                hint="scale questions: " + (", ".join(scales) or "none"),
            )
    if not report.ok:
        raise ReportError(f"{ROUNDS_FILE} has problems; nothing was compared", report)
    assert later_round is not None  # else the report has an error
    k = project.config.min_group_size if project.config else 5
    later = read_round(project, spec, later_round)
    households = _households(rows)
    values = []
    answered: set[str] = set()
    for code, value in base.values.items():
        column = f"scale.{value.scale}"
        earlier = []
        for household, row in households.items():
            answer = _number(row.get(column, ""))
            if answer is None:
                continue
            answered.add(household)
            chosen = {code} if answer >= value.at_least else set()
            earlier.append({"subarea": row.get("subarea", ""), "chosen": chosen})
        cell = compare_cell(TOTAL, earlier, later, code, k)
        label = f"{spec.values[code]} (cijfer {value.at_least} of hoger)"
        values.append(ValueComparison(code, label, [cell] if cell else [], cell is None, False))
    participants = {
        base.name: len(answered) if len(answered) >= k else None,
        later_round.name: len(later) if len(later) >= k else None,
    }
    return Comparison(base.name, later_round.name, k, participants, values, caveat=CAVEAT)


def _households(rows: list[dict[str, str]]) -> dict[str, dict[str, Any]]:
    """The first visit with a conversation of each household."""
    from mdsa.phases.feedback import NO_CONVERSATION

    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        household = row.get("household", "")
        if household and row.get("visit_outcome", "") not in NO_CONVERSATION:
            out.setdefault(household, row)
    return out


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None
