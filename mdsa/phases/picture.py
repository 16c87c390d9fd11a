"""Phase 3, Beeld van de buurt: charts, working sessions, report and poster."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mdsa.privacy.codebook import CATEGORY_LABELS
from mdsa.privacy.dataset import MISSING_MARKERS, MULTI_SEPARATOR, read_table
from mdsa.project.folder import Project

if TYPE_CHECKING:
    from mdsa.phases.base import PhaseStatus


def status(project: Project) -> PhaseStatus:
    from mdsa.phases.base import PhaseStatus, planned, planning_fact, planning_status

    if not (project.root / "data" / "visits.csv").is_file():
        return planning_status(project, "picture", "the anonymised registrations of phase 2")
    start, end = planned(project, "picture")
    facts = [planning_fact(start, end), "anonymised data set in data/"]
    root = project.root
    if (root / AGGREGATE_FILE).is_file():
        facts.append(f"figures per subarea in {AGGREGATE_FILE}")
        documents = (("report", "verslag"), ("poster", "praatplaat"))
        shared = [
            f"{n} (output/{f}.*)" for n, f in documents if (root / f"output/{f}.pdf").is_file()
        ]
        if shared:
            facts.append("shared: " + ", ".join(shared))
            next_step = "discuss the picture with residents and partners (step 4)"
        elif any((root / "sessions").glob("*.xlsx")):
            next_step = (
                "the working sessions' worksheets are back: approve quotes (mdsa quotes list "
                f"{root}), then mdsa report and mdsa poster"
            )
        else:
            next_step = f"prepare the working sessions with the team: mdsa packets {root}"
    else:
        next_step = f"count the answers per subarea: mdsa aggregate {project.root}"
    return PhaseStatus(
        phase="picture",
        state="in_progress",
        facts=facts,
        next_step=next_step,
        start=start,
        end=end,
    )


# --- mdsa aggregate: grip on the information (step 1) ---------------------------------------

AGGREGATE_FILE = "output/aggregate.json"
TOTAL = "Totaal"
MERGED = "Overige subbuurten"
# data/visits.csv marks an answer that is not there as not_answered, not_asked or withheld
# (mdsa.privacy.dataset); read_visits makes each of them "" so that none is counted: only a
# value that is an option code (or, for a scale, a number in its range) is.
TEXT_LABELS = {c: label for c, label in CATEGORY_LABELS.items() if c != "other_answers"}
FIXED_TITLES = {"age_group": "Leeftijdsgroep", "household_type": "Samenstelling huishouden"}


@dataclass
class Figure:
    """One figure of a table: its value, or ``None`` with the reason it is suppressed."""

    value: float | None
    status: str = "published"  # published | primary | secondary | hidden
    reason: str | None = None

    def to_json(self) -> Any:
        if self.value is None:
            return {"value": None, "status": self.status, "reason": self.reason}
        return self.value


@dataclass
class OptionFigures:
    code: str
    label: str
    counts: dict[str, Figure]  # group (subarea, merged group or TOTAL) -> count
    percentages: dict[str, Figure]  # of the group's respondents, one decimal


@dataclass
class QuestionTable:
    """A closed question aggregated per group; a renderer draws one chart per table."""

    field: str
    kind: str  # scale | choice | multi | grid
    title: str  # the Dutch question text from forms.yaml (grid: "question: row")
    groups: list[str]
    respondents: dict[str, Figure]
    options: list[OptionFigures]
    mean: dict[str, Figure] | None = None
    median: dict[str, Figure] | None = None
    suppressed: list[dict[str, str]] = dataclass_field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        def figures(d: dict[str, Figure] | None) -> Any:
            return None if d is None else {g: f.to_json() for g, f in d.items()}

        return {
            "field": self.field,
            "kind": self.kind,
            "title": self.title,
            "groups": self.groups,
            "respondents": figures(self.respondents),
            "options": [
                {
                    "code": o.code,
                    "label": o.label,
                    "counts": figures(o.counts),
                    "percentages": figures(o.percentages),
                }
                for o in self.options
            ],
            "mean": figures(self.mean),
            "median": figures(self.median),
            "suppressed": self.suppressed,
        }


@dataclass
class TextCategory:
    category: str
    label: str
    counts: dict[str, Figure]  # group -> number of text blocks
    cards: QuestionTable | None  # the conversation cards of the visits behind these blocks
    blocks: dict[str, list[str]]  # shown group -> its anonymised texts, ordered by card theme


@dataclass
class Aggregate:
    min_group_size: int
    visits: int
    groups: list[str]  # the groups shown, then TOTAL
    group_visits: dict[str, Figure]
    merged: list[str]  # subareas with too few visits, merged into MERGED
    left_out: list[str]  # subareas counted only in the whole neighbourhood
    questions: list[QuestionTable]
    texts: list[TextCategory]
    files: list[str] = dataclass_field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "min_group_size": self.min_group_size,
            "visits": self.visits,
            "groups": self.groups,
            "group_visits": {g: f.to_json() for g, f in self.group_visits.items()},
            "merged": self.merged,
            "left_out": self.left_out,
            "questions": [q.to_dict() for q in self.questions],
            "texts": [
                {
                    "category": t.category,
                    "label": t.label,
                    "counts": {g: f.to_json() for g, f in t.counts.items()},
                    "cards": t.cards.to_dict() if t.cards else None,
                    "blocks": t.blocks,
                }
                for t in self.texts
            ],
            "files": self.files,
        }


def read_visits(path: Path) -> list[dict[str, str]]:
    """The rows of ``data/visits.csv``, every missing-value marker turned into ``""``.

    Years in the neighbourhood come in two columns, fine bands and coarse bands (the fine one
    withheld where it was coarsened); here the fine column holds the coarse band in that case,
    so that one table counts each visit once, in the finest band it has."""
    from mdsa.errors import InputFileError

    rows = _without_markers(read_table(path))
    if rows and "subarea" not in rows[0]:
        raise InputFileError(
            "has no 'subarea' column (or is not separated by ';')",
            path=path,
            hint="run: mdsa anonymise",
        )
    for row in rows:
        if not row.get("years_in_neighbourhood") and row.get("years_in_neighbourhood_coarse"):
            row["years_in_neighbourhood"] = row["years_in_neighbourhood_coarse"]
    return rows


_MARKERS = frozenset(MISSING_MARKERS)


def _without_markers(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{k: ("" if v in _MARKERS else v) for k, v in r.items()} for r in rows]


@dataclass
class _Question:
    field: str
    kind: str
    title: str
    options: dict[str, str]  # code -> label, in the order of the form
    column: str
    values: dict[str, float] | None = None


def _questions(mapping: Any, columns: list[str]) -> list[_Question]:
    out: list[_Question] = []
    seen: set[str] = set()
    for rules in mapping.rules.values():
        for rule in rules:
            name = rule.field
            if name in seen:
                continue
            labels = {code: label for label, code in rule.options.items()}
            if rule.kind == "grid":
                seen.add(name)
                row_labels = {code: label for label, code in rule.rows.items()}
                for row_code, row_label in row_labels.items():
                    column = f"{name}.{row_code}"
                    if column in columns:
                        kind = "multi" if rule.multiple else "grid"
                        title = f"{rule.title}: {row_label}"
                        out.append(_Question(column, kind, title, labels, column))
            elif name.startswith("scale.") and rule.range and name in columns:
                seen.add(name)
                low, high = int(rule.range[0]), int(rule.range[1])
                opts = {str(v): str(v) for v in range(low, high + 1)}
                values = {str(v): float(v) for v in range(low, high + 1)}
                out.append(_Question(name, "scale", rule.title, opts, name, values))
            elif name == "years_in_neighbourhood" and name in columns:
                from mdsa.privacy.dataset import COARSE_YEARS, YEARS_BANDS, YEARS_LABELS

                seen.add(name)
                opts = {label: YEARS_LABELS[label] for *_, label in (*YEARS_BANDS, *COARSE_YEARS)}
                out.append(_Question(name, "choice", rule.title, opts, name))
            elif rule.kind in ("choice", "multi") and name in columns and labels:
                seen.add(name)
                if rule.kind == "multi":
                    labels.setdefault("other", "Anders")
                title = FIXED_TITLES.get(name, rule.title)
                out.append(_Question(name, rule.kind, title, labels, name))
    return out


def _groups(
    rows: list[dict[str, str]], subareas: list[str], k: int
) -> tuple[list[str], list[str], list[str], dict[str, str]]:
    """Shown groups, merged subareas, left-out subareas, and each visit subarea's group."""
    sizes = Counter(r.get("subarea", "") for r in rows)
    known = [s for s in subareas if sizes[s]] + sorted(set(sizes) - set(subareas) - {""})
    small = [s for s in known if sizes[s] < k]
    group_of = {s: (MERGED if s in small else s) for s in known}
    group_of[""] = MERGED
    merged_size = sum(sizes[s] for s in small) + sizes[""]
    shown = [s for s in known if s not in small]
    if merged_size >= k and (small or sizes[""]):
        return [*shown, MERGED], small, [], group_of
    left_out = small + (["(zonder subbuurt)"] if sizes[""] else [])
    return shown, [], left_out, group_of


def aggregate(project: Project) -> Aggregate:
    """Counts, percentages, means and medians of every closed question, per subarea and for the
    whole neighbourhood, with every small group suppressed; written to output/aggregate.json."""
    import json

    from mdsa.errors import MdsaError
    from mdsa.fileio import atomic_open
    from mdsa.intake.forms.mapping import FORMS_FILE, load_mapping
    from mdsa.privacy.anonymise import TEXT_BLOCKS_FILE, VISITS_FILE
    from mdsa.report import Report

    root = project.root
    if not (root / VISITS_FILE).is_file():
        raise MdsaError(
            "there is no anonymised data set yet",
            path=root / VISITS_FILE,
            hint="run: mdsa anonymise",
        )
    report = Report()
    mapping = load_mapping(root / FORMS_FILE, report) if (root / FORMS_FILE).is_file() else None
    if mapping is None:
        raise MdsaError(
            "forms.yaml is missing or invalid", path=root / FORMS_FILE, hint="run: mdsa validate"
        )
    k = project.config.min_group_size if project.config else 5
    subareas = list(project.config.subareas) if project.config else []
    rows = read_visits(root / VISITS_FILE)
    columns = list(rows[0]) if rows else []
    shown, merged, left_out, group_of = _groups(rows, subareas, k)
    # A subarea too small to show, and too small even merged, is left out of every figure: in
    # the neighbourhood's total it could be recomputed from the subareas that are shown.
    rows = [r for r in rows if group_of.get(r.get("subarea", ""), MERGED) in shown]
    hidden: list[str] = []
    table_rows = shown

    # Each visit's group once; each question is then counted from one column (issue 9 §5).
    groups = [group_of.get(r.get("subarea", ""), MERGED) for r in rows]
    visit_counts = {(g, "visits"): n for g, n in Counter(groups).items()}
    visit_fig = _one_column(visit_counts, table_rows, hidden, k)
    questions = [
        _table(q, [r.get(q.column, "") for r in rows], groups, table_rows, shown, hidden, k)
        for q in _questions(mapping, columns)
    ]
    card_rule = next((r for rs in mapping.rules.values() for r in rs if r.field == "cards"), None)
    card_labels = {code: label for label, code in card_rule.options.items()} if card_rule else {}
    texts = _texts(root / TEXT_BLOCKS_FILE, group_of, shown, hidden, k, card_labels)
    result = Aggregate(
        min_group_size=k,
        visits=len(rows),
        groups=[*shown, TOTAL],
        group_visits=visit_fig,
        merged=merged,
        left_out=left_out,
        questions=questions,
        texts=texts,
        files=[AGGREGATE_FILE],
    )
    from mdsa.phases.picture_files import write_outputs

    result.files += write_outputs(root, result)
    with atomic_open(root / AGGREGATE_FILE, "w", encoding="utf-8") as handle:
        json.dump(result.to_dict(), handle, ensure_ascii=False, indent=2)
    return result


def _figure(value: float, decision: Any) -> Figure:
    if decision.shown:
        return Figure(int(value) if float(value).is_integer() else value)
    return Figure(None, decision.status, decision.reason)


def _one_column(
    counts: dict[tuple[str, str], int], rows: list[str], hidden: list[str], k: int
) -> dict[str, Figure]:
    from mdsa.privacy.suppress import suppress, two_way

    cells = two_way(counts, rows, ["visits"], hidden_rows=hidden, total=TOTAL)
    result = suppress(cells, k)
    out = {}
    for cell, decision in zip(result.cells, result.decisions, strict=True):
        r, c = cell.key
        if c == TOTAL and r not in hidden:
            out[r] = _figure(cell.value, decision)
    return out


def _table(
    q: _Question,
    answers: list[str],
    groups_of: list[str],
    table_rows: list[str],
    shown: list[str],
    hidden: list[str],
    k: int,
) -> QuestionTable:
    from mdsa.privacy.suppress import suppress, two_way

    if q.field == "years_in_neighbourhood":
        # Fine and coarse bands are both options; only those answered are shown (a band nobody
        # is in is a column of zeros: leaving it out changes no other figure's suppression).
        present = set(answers)
        q = replace(q, options={c: label for c, label in q.options.items() if c in present})
    codes = list(q.options)
    groups = [*shown, TOTAL]
    log: list[dict[str, str]] = []
    respondents: dict[str, Figure] = {}
    options: list[OptionFigures] = []
    mean = median = None
    # How many visits of each group gave each answer: the table's counts follow from these.
    pairs = Counter(zip(groups_of, answers, strict=True))
    if q.kind == "multi":
        n_by: dict[str, int] = {}
        chosen: dict[str, list[str]] = {}
        for (g, answer), times in pairs.items():
            if answer:
                n_by[g] = n_by.get(g, 0) + times
                chosen.setdefault(answer, answer.split(MULTI_SEPARATOR))
        results = []
        for code in codes:
            counts: dict[tuple[str, str], int] = {}
            for (g, answer), times in pairs.items():
                if answer:
                    key = (g, "yes" if code in chosen[answer] else "no")
                    counts[key] = counts.get(key, 0) + times
            cells = two_way(
                counts,
                table_rows,
                ["yes", "no"],
                hidden_rows=hidden,
                hidden_columns=["no"],
                total=TOTAL,
            )
            results.append((code, suppress(cells, k)))
        # The respondents of a group are one figure in every option's table: suppressed in one,
        # suppressed in all (suppressing more only widens every range).
        for _, res in results:
            for cell, d in zip(res.cells, res.decisions, strict=True):
                if cell.key[1] == TOTAL and cell.key[0] in groups and not d.shown:
                    respondents.setdefault(cell.key[0], _figure(cell.value, d))
        for g in groups:
            respondents.setdefault(g, Figure(sum(n_by.values()) if g == TOTAL else n_by.get(g, 0)))
        for code, res in results:
            by = res.by_key()
            cnt = {
                g: _figure(next(c.value for c in res.cells if c.key == (g, "yes")), by[g, "yes"])
                for g in groups
            }
            options.append(_option(code, q.options[code], cnt, respondents))
            _log(log, res, code)
    else:
        counts = {key: times for key, times in pairs.items() if key[1] in q.options}
        cells = two_way(counts, table_rows, codes, hidden_rows=hidden, values=q.values, total=TOTAL)
        res = suppress(cells, k)
        by = res.by_key()
        value_of = {c.key: c.value for c in res.cells}
        for g in groups:
            respondents[g] = _figure(value_of[g, TOTAL], by[g, TOTAL])
        for code in codes:
            cnt = {g: _figure(value_of[g, code], by[g, code]) for g in groups}
            options.append(_option(code, q.options[code], cnt, respondents))
        _log(log, res, None)
        if q.values:
            mean, median = {}, {}
            for g in groups:
                n = respondents[g].value
                if n is None or n == 0 or not by[g, "sum"].shown:
                    mean[g] = Figure(
                        None,
                        "secondary" if n else "hidden",
                        "the group or its sum of answers is suppressed",
                    )
                else:
                    mean[g] = Figure(round(value_of[g, "sum"] / n, 1))
                median[g] = _median(q, g, value_of, by, n)
    return QuestionTable(q.field, q.kind, q.title, groups, respondents, options, mean, median, log)


def _option(
    code: str, label: str, counts: dict[str, Figure], respondents: dict[str, Figure]
) -> OptionFigures:
    pct = {}
    for g, f in counts.items():
        n = respondents[g].value
        if f.value is None:
            pct[g] = Figure(None, f.status, f.reason)
        elif n is None:
            pct[g] = Figure(None, "secondary", "the group's number of respondents is suppressed")
        else:
            pct[g] = Figure(round(100 * f.value / n, 1) if n else 0.0)
    return OptionFigures(code, label, counts, pct)


def _median(q: _Question, g: str, value_of: dict[Any, float], by: Any, n: float | None) -> Figure:
    """The median, shown only when it is the same for every table that fits the published
    figures: its middle answers lie outside the span of the row's suppressed answers."""
    assert q.values is not None
    if not n:
        return Figure(None, "hidden" if n == 0 else "secondary", "the group is suppressed")
    codes = sorted(q.values, key=lambda c: q.values[c] if q.values else 0)
    secret = [
        q.values[c]
        for c in codes
        if not by[g, c].shown and value_of[g, c] > 0 or not by[g, c].shown
    ]
    order: list[float] = []
    for c in codes:
        order += [q.values[c]] * int(value_of[g, c])
    middle = {order[(len(order) - 1) // 2], order[len(order) // 2]}
    if secret and any(min(secret) <= m <= max(secret) for m in middle):
        return Figure(None, "secondary", "the median would tell something about suppressed cells")
    return Figure(sum(middle) / len(middle))


def _log(log: list[dict[str, str]], res: Any, option: str | None) -> None:
    for cell, d in zip(res.cells, res.decisions, strict=True):
        if d.status in ("primary", "secondary"):
            group, col = cell.key
            log.append(
                {
                    "group": group,
                    "cell": option if option and col == "yes" else col,
                    "status": d.status,
                    "reason": d.reason,
                }
            )


def _texts(
    path: Path,
    group_of: dict[str, str],
    shown: list[str],
    hidden: list[str],
    k: int,
    card_labels: dict[str, str],
) -> list[TextCategory]:
    from mdsa.privacy.suppress import suppress, two_way

    if not path.is_file():
        return []
    blocks = _without_markers(read_table(path))
    table_rows = [*shown, *hidden]
    present = {b.get("category", "") for b in blocks}
    categories = [c for c in TEXT_LABELS if c in present]
    categories += sorted(present - set(categories) - {""})
    counts: dict[tuple[str, str], int] = {}
    texts: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for b in blocks:
        g = group_of.get(b.get("subarea", ""), MERGED)
        if g not in shown:
            continue  # left out, as its visits are
        key = (g, b.get("category", ""))
        counts[key] = counts.get(key, 0) + 1
        texts.setdefault(key, []).append((b.get("cards", ""), b.get("text", "")))
    res = suppress(two_way(counts, table_rows, categories, hidden_rows=hidden, total=TOTAL), k)
    by = res.by_key()
    value_of = {c.key: c.value for c in res.cells}
    out = []
    for cat in categories:
        cnt = {g: _figure(value_of[g, cat], by[g, cat]) for g in [*shown, TOTAL]}
        grouped = {
            g: [t for _, t in sorted(texts.get((g, cat), []))]
            for g in shown
            if cnt[g].value is not None
        }
        cards = None
        if card_labels:
            # The blocks of this category in a shown group: their cards, and that group.
            mine = [(g, c) for (g, kind), found in texts.items() if kind == cat for c, _ in found]
            label = f"Gekozen gesprekskaarten bij {TEXT_LABELS.get(cat, cat).lower()}"
            q = _Question("cards", "multi", label, card_labels, "cards")
            cards = _table(q, [c for _, c in mine], [g for g, _ in mine], shown, shown, [], k)
        out.append(TextCategory(cat, TEXT_LABELS.get(cat, cat), cnt, cards, grouped))
    return out
