"""Small-cell suppression for published tables: primary, secondary (Gaussian elimination) and an
LP audit.

A table is a set of *inner* cells (the finest classification, e.g. subarea x answer) and a list
of *cells* that are linear functionals of them: the inner cells themselves, totals (weights 1)
and, for scales, the sum of the answers (weights = the answer value), from which a mean follows.
A cell can be hidden (never published, e.g. "did not choose this option"), but is still protected.

1. Primary: every cell whose count is ``0 < n < min_group_size``.
2. Secondary, Langsrud's method as in Statistics Norway's ``GaussSuppression`` (R package
   SSBtools): go through the other cells in publishing preference (totals first, then sums, then
   inner cells with zeros first and larger counts first) and keep a reduced basis of the published
   ones. A cell that would make some primary cell a linear combination of published cells is
   suppressed; any other cell is published. Exact arithmetic with fractions.
3. Audit with linear programs (HiGHS): under the published figures and non-negative inner cells,
   every primary cell's maximum must reach ``min_group_size`` (so nobody can conclude that it is a
   small group) and its range must not be a single point. An insider (a household in another
   suppressed inner cell knows that cell is at least 1) is modelled too: that is the singleton
   problem, where two suppressed cells of 1 reveal each other. Where a primary cell fails, more
   cells are suppressed, least preferred first, until it passes. Suppressing more only widens
   every range, so cells that passed stay safe.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

Status = Literal["published", "primary", "secondary", "hidden"]
CellKind = Literal["inner", "total", "sum"]

REASONS = {
    "primary": "fewer than min_group_size households (and more than zero)",
    "secondary": "suppressed so that a small group cannot be recomputed from the totals",
    "hidden": "not published",
}


@dataclass
class Cell:
    """A published (or hidden) figure: ``sum(weight * inner[i])`` over ``members``."""

    key: tuple[str, ...]
    members: dict[int, int]
    value: float
    kind: CellKind = "inner"
    publish: bool = True
    # Only count cells (weights 1) can be primary; a sum of answers is no group of households.
    count: bool = True


@dataclass
class Decision:
    status: Status
    reason: str
    step: str = ""  # "gauss" or "audit" for a secondary cell

    @property
    def shown(self) -> bool:
        return self.status == "published"

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "reason": self.reason, "step": self.step}


@dataclass
class Suppression:
    """The outcome for one table: a decision per cell, in the order of the cells."""

    cells: list[Cell]
    decisions: list[Decision]
    min_group_size: int
    lp_runs: int = 0

    def by_key(self) -> dict[tuple[str, ...], Decision]:
        return {c.key: d for c, d in zip(self.cells, self.decisions, strict=True)}

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for d in self.decisions:
            out[d.status] = out.get(d.status, 0) + 1
        return out


def is_primary(cell: Cell, min_group_size: int) -> bool:
    return cell.count and 0 < cell.value < min_group_size


def preference(cells: Sequence[Cell]) -> list[int]:
    """Publishing preference: totals first (the larger the total, the earlier), then sums of
    answers (the means), then inner cells: zeros first, then the larger counts."""

    def rank(i: int) -> tuple[int, int, float]:
        cell = cells[i]
        if cell.kind == "total":
            return (0, -len(cell.members), -cell.value)
        if cell.kind == "sum":
            return (1, -len(cell.members), 0.0)
        return (2, 0 if cell.value == 0 else 1, -cell.value)

    return sorted(range(len(cells)), key=rank)


def suppress(cells: Sequence[Cell], min_group_size: int, *, audit: bool = True) -> Suppression:
    """Primary and secondary suppression of one table, audited by linear programs (the audit
    is skipped only to test the Gaussian step on its own)."""
    cells = list(cells)
    decisions: list[Decision | None] = [None] * len(cells)
    primary = [i for i, c in enumerate(cells) if is_primary(c, min_group_size)]
    for i in primary:
        decisions[i] = Decision("primary", REASONS["primary"])
    for i, c in enumerate(cells):
        if not c.publish and decisions[i] is None:
            decisions[i] = Decision("hidden", REASONS["hidden"])
    order = [i for i in preference(cells) if decisions[i] is None]
    for i in _gauss(cells, primary, order):
        decisions[i] = Decision("secondary", REASONS["secondary"], "gauss")
    for i in range(len(cells)):
        if decisions[i] is None:
            decisions[i] = Decision("published", "")
    final = [d for d in decisions if d is not None]
    result = Suppression(cells, final, min_group_size)
    if audit:
        _audit(result, primary, order)
    return result


# --- Gaussian elimination --------------------------------------------------------------------

Vector = dict[int, Fraction]


def _vector(cell: Cell) -> Vector:
    return {i: Fraction(w) for i, w in cell.members.items() if w}


def _reduce(v: Vector, basis: list[tuple[int, Vector]]) -> Vector:
    v = dict(v)
    for pivot, b in basis:
        factor = v.get(pivot)
        if factor:
            factor = factor / b[pivot]
            for i, w in b.items():
                nw = v.get(i, Fraction(0)) - factor * w
                if nw:
                    v[i] = nw
                else:
                    v.pop(i, None)
    return v


def _proportional(q: Vector, r: Vector) -> bool:
    if q.keys() != r.keys():
        return False
    first = next(iter(r))
    ratio = q[first] / r[first]
    return all(q[i] == ratio * w for i, w in r.items())


def _gauss(cells: list[Cell], primary: list[int], order: list[int]) -> list[int]:
    """The candidates (in ``order``) that must be suppressed so that no primary cell is a
    linear combination of published cells."""
    basis: list[tuple[int, Vector]] = []
    residuals = [v for p in primary if (v := _vector(cells[p]))]
    secondary: list[int] = []
    for c in order:
        r = _reduce(_vector(cells[c]), basis)
        if not r:
            continue  # already determined by published cells: publishing it adds nothing
        if any(_proportional(q, r) for q in residuals if q):
            secondary.append(c)
            continue
        pivot = min(r)
        basis.append((pivot, r))
        residuals = [_reduce(q, [(pivot, r)]) if q.get(pivot) else q for q in residuals]
    return secondary


# --- LP audit --------------------------------------------------------------------------------

_EPS = 1e-6


@dataclass
class _Lp:
    cells: list[Cell]
    n: int
    published: list[int]
    runs: int = 0
    last: Any = None
    binding: list[int] | None = None  # published cells that limit the last maximum

    def bound(self, target: int, lower: dict[int, float] | None = None) -> float:
        """The maximum of cell ``target`` under the published cells, inner cells >= 0 (and >=
        the given lower bounds); inf when unbounded, NaN when no such table exists."""
        import numpy as np
        from scipy.optimize import linprog

        self.runs += 1
        c = np.zeros(self.n)
        for i, w in self.cells[target].members.items():
            c[i] = -w
        a_eq = np.zeros((len(self.published), self.n))
        b_eq = np.zeros(len(self.published))
        for row, k in enumerate(self.published):
            for i, w in self.cells[k].members.items():
                a_eq[row, i] = w
            b_eq[row] = self.cells[k].value
        bounds = [((lower or {}).get(i, 0.0), None) for i in range(self.n)]
        res = linprog(
            c,
            A_eq=a_eq if len(self.published) else None,
            b_eq=b_eq if len(self.published) else None,
            bounds=bounds,
            method="highs",
        )
        if res.status == 3:  # unbounded
            return float("inf")
        if res.status != 0:  # infeasible with an insider bound: that insider cannot exist
            return float("nan")
        self.last = res.x
        marginals = res.eqlin.marginals if len(self.published) else []
        self.binding = [k for k, m in zip(self.published, marginals, strict=True) if abs(m) > _EPS]
        return float(-res.fun)

    def safe(self, target: int, suppressed_inner: list[int], k: int) -> bool:
        """The maximum reaches ``k`` (then the range is no single point either, since the
        cell's own value is below ``k``), also for an insider of another suppressed cell."""
        high = self.bound(target)
        x = self.last
        if high < k - _EPS:
            return False
        if high == float("inf"):
            return True
        own = set(self.cells[target].members)
        for insider in suppressed_inner:
            (i,) = self.cells[insider].members
            if i in own or self.cells[insider].value < 1:
                continue
            # The maximum above stays reachable when it already gives the insider cell >= 1.
            if x is not None and x[i] >= 1 - _EPS:
                continue
            high_i = self.bound(target, {i: 1.0})
            if high_i == high_i and high_i < k - _EPS:  # not NaN, and too low
                return False
        return True


def _audit(result: Suppression, primary: list[int], order: list[int]) -> None:
    """Suppress more until every primary cell passes: each round suppresses the least
    preferred of the published cells that bind the failing maximum (its LP duals)."""
    cells, decisions, k = result.cells, result.decisions, result.min_group_size
    if not primary:
        return
    n = 1 + max((i for c in cells for i in c.members), default=-1)
    rank = {c: r for r, c in enumerate(order)}

    def insiders() -> list[int]:
        return [
            i
            for i, d in enumerate(decisions)
            if not d.shown and cells[i].kind == "inner" and len(cells[i].members) == 1
        ]

    for p in primary:
        if not cells[p].members:
            continue
        while True:
            problem = _Lp(cells, n, [i for i, d in enumerate(decisions) if d.shown])
            ok = problem.safe(p, insiders(), k)
            result.lp_runs += problem.runs
            if ok:
                break
            binding = [c for c in problem.binding or [] if c in rank]
            if not binding:
                binding = [c for c in order if decisions[c].shown]
            if not binding:
                break  # nothing left to suppress
            chosen = max(binding, key=lambda c: rank[c])
            decisions[chosen] = Decision("secondary", REASONS["secondary"], "audit")


# --- building tables -------------------------------------------------------------------------


def two_way(
    counts: dict[tuple[str, str], int],
    rows: Sequence[str],
    columns: Sequence[str],
    *,
    hidden_rows: Sequence[str] = (),
    hidden_columns: Sequence[str] = (),
    values: dict[str, float] | None = None,
    total: str = "total",
) -> list[Cell]:
    """A rows x columns table with row totals, column totals and the grand total.

    Hidden rows or columns are counted in the totals but not published (a subarea too small to
    show, "did not choose"). With ``values`` (answer code -> number) each row and the total also
    get a ``sum`` cell: the sum of the answers, from which the mean follows.
    """
    index = {(r, c): i for i, (r, c) in enumerate((r, c) for r in rows for c in columns)}
    cells = [
        Cell(
            (r, c),
            {index[r, c]: 1},
            counts.get((r, c), 0),
            publish=r not in hidden_rows and c not in hidden_columns,
        )
        for r in rows
        for c in columns
    ]
    for r in rows:
        members = {index[r, c]: 1 for c in columns}
        cells.append(
            Cell(
                (r, total),
                members,
                sum(counts.get((r, c), 0) for c in columns),
                "total",
                publish=r not in hidden_rows,
            )
        )
    for c in columns:
        members = {index[r, c]: 1 for r in rows}
        cells.append(
            Cell(
                (total, c),
                members,
                sum(counts.get((r, c), 0) for r in rows),
                "total",
                publish=c not in hidden_columns,
            )
        )
    cells.append(
        Cell(
            (total, total),
            dict.fromkeys(index.values(), 1),
            float(sum(counts.get(key, 0) for key in index)),
            "total",
        )
    )
    if values:
        for r in [*rows, total]:
            group = rows if r == total else [r]
            if r in hidden_rows:
                continue
            members = {index[g, c]: int(values[c]) for g in group for c in columns if c in values}
            value = sum(
                counts.get((g, c), 0) * values[c] for g in group for c in columns if c in values
            )
            cells.append(Cell((r, "sum"), members, value, "sum", count=False))
    return cells
