"""Small-cell suppression: no published cell is small and no small cell can be recomputed."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from mdsa.privacy.suppress import Cell, Suppression, suppress, two_way

K = 5


def lp_range(
    cells: list[Cell], published: list[int], target: int, insider: int | None = None
) -> tuple[float, float]:
    """An independent check: the range of ``target`` over non-negative real inner cells (an
    insider's own inner cell at least 1)."""
    n = 1 + max(i for c in cells for i in c.members)
    a = np.array([[cells[k].members.get(i, 0) for i in range(n)] for k in published], float)
    b = np.array([cells[k].value for k in published], float)
    goal = np.array([cells[target].members.get(i, 0) for i in range(n)], float)
    out = []
    for sense in (1, -1):
        res = linprog(
            sense * goal,
            A_eq=a if len(published) else None,
            b_eq=b if len(published) else None,
            bounds=[(1 if i == insider else 0, None) for i in range(n)],
        )
        if res.status == 2:  # no such insider can exist
            return float("inf"), float("inf")
        out.append(float("inf") if res.status == 3 else sense * res.fun)
    return out[0], out[1]


def published(result: Suppression) -> list[int]:
    return [i for i, d in enumerate(result.decisions) if d.shown]


def assert_protected(result: Suppression) -> None:
    shown = published(result)
    for i in shown:
        cell = result.cells[i]
        assert not (cell.count and 0 < cell.value < K), f"published small cell {cell.key}"
    for i, (cell, decision) in enumerate(zip(result.cells, result.decisions, strict=True)):
        if cell.count and 0 < cell.value < K:
            assert decision.status == "primary"
            low, high = lp_range(result.cells, shown, i)
            assert high >= K - 1e-6, f"{cell.key} is at most {high}"
            assert high - low > 1e-6, f"{cell.key} is pinned"
            for j, other in enumerate(result.cells):
                if (
                    j != i
                    and not result.decisions[j].shown
                    and other.kind == "inner"
                    and other.value >= 1
                    and not set(other.members) & set(cell.members)
                ):
                    (inner,) = other.members
                    _, high = lp_range(result.cells, shown, i, insider=inner)
                    assert high >= K - 1e-6, f"an insider of {other.key} bounds {cell.key}"


def test_a_small_cell_and_its_complements_are_suppressed() -> None:
    rows, cols = ["A", "B", "C"], ["x", "y", "z"]
    counts = {(r, c): 20 for r in rows for c in cols}
    counts["A", "x"] = 2
    result = suppress(two_way(counts, rows, cols), K)
    decided = result.by_key()
    assert decided["A", "x"].status == "primary"
    assert decided["A", "x"].reason
    secondary = [k for k, d in decided.items() if d.status == "secondary"]
    assert len(secondary) == 3, secondary  # the smallest cycle in a table with margins
    assert all(d.reason for k, d in decided.items() if d.status == "secondary")
    assert decided["total", "total"].shown and decided["A", "total"].shown
    assert_protected(result)


def test_the_bridge_cell_of_two_suppression_cycles_is_recoverable_and_suppress_protects_it() -> (
    None
):
    """Two suppressed cells in every row and column is not enough: the cell joining two
    cycles of suppressed cells is determined exactly by the published totals."""
    rows, cols = ["A", "B", "C", "D"], ["w", "x", "y", "z"]
    counts = {(r, c): 10 for r in rows for c in cols}
    counts["A", "y"] = 2  # the bridge
    cells = two_way(counts, rows, cols)
    pattern = {
        ("A", "w"),
        ("A", "x"),
        ("B", "w"),
        ("B", "x"),
        ("C", "y"),
        ("C", "z"),
        ("D", "y"),
        ("D", "z"),
        ("A", "y"),
    }
    shown = [i for i, c in enumerate(cells) if c.key not in pattern]
    bridge = next(i for i, c in enumerate(cells) if c.key == ("A", "y"))
    assert lp_range(cells, shown, bridge) == pytest.approx((2, 2))
    assert_protected(suppress(cells, K))


def test_two_singletons_side_by_side_do_not_reveal_each_other() -> None:
    """A 4 and a 1 suppressed together with a published sum of 5: the household of the 1
    knows its own cell is at least 1, so it learns that the other is at most 4."""
    counts = {
        ("A", "x"): 4,
        ("A", "y"): 1,
        ("A", "z"): 30,
        ("B", "x"): 30,
        ("B", "y"): 30,
        ("B", "z"): 30,
        ("C", "x"): 30,
        ("C", "y"): 30,
        ("C", "z"): 30,
    }
    rows, cols = ["A", "B", "C"], ["x", "y", "z"]
    result = suppress(two_way(counts, rows, cols), K)
    assert_protected(result)
    shown = published(result)
    cells = result.cells
    x = next(i for i, c in enumerate(cells) if c.key == ("A", "x"))
    # With the insider's bound y >= 1 the range of x must still reach K.
    n = 1 + max(i for c in cells for i in c.members)
    a = np.array([[cells[k].members.get(i, 0) for i in range(n)] for k in shown], float)
    b = np.array([cells[k].value for k in shown], float)
    y_inner = next(iter(next(c for c in cells if c.key == ("A", "y")).members))
    bounds = [(1 if i == y_inner else 0, None) for i in range(n)]
    goal = np.array([cells[x].members.get(i, 0) for i in range(n)], float)
    res = linprog(-goal, A_eq=a, b_eq=b, bounds=bounds)
    assert res.status == 3 or -res.fun >= K - 1e-6


def test_a_published_mean_is_part_of_the_linear_relations() -> None:
    """With the row's sum of answers published, two suppressed cells would be solvable."""
    rows, cols = ["A", "B"], ["1", "2", "3"]
    counts = {
        ("A", "1"): 2,
        ("A", "2"): 20,
        ("A", "3"): 20,
        ("B", "1"): 20,
        ("B", "2"): 20,
        ("B", "3"): 20,
    }
    result = suppress(two_way(counts, rows, cols, values={"1": 1, "2": 2, "3": 3}), K)
    assert_protected(result)


def test_brute_force_on_a_tiny_table() -> None:
    """Every integer table consistent with what is published: the small cell can be >= K."""
    rows, cols = ["A", "B"], ["x", "y"]
    counts = {("A", "x"): 2, ("A", "y"): 6, ("B", "x"): 7, ("B", "y"): 5}
    result = suppress(two_way(counts, rows, cols), K)
    shown = published(result)
    cells = result.cells
    target = next(i for i, c in enumerate(cells) if c.key == ("A", "x"))
    possible = set()
    for values in itertools.product(range(21), repeat=4):
        if all(
            sum(values[i] * w for i, w in cells[k].members.items()) == cells[k].value for k in shown
        ):
            possible.add(values[next(iter(cells[target].members))])
    assert counts["A", "x"] in possible
    assert max(possible) >= K and len(possible) > 1


def test_a_table_without_small_cells_is_published_whole() -> None:
    counts = {(r, c): 7 for r in "AB" for c in "xy"}
    result = suppress(two_way(counts, ["A", "B"], ["x", "y"]), K)
    assert all(d.shown for d in result.decisions)
    assert result.lp_runs == 0


def test_hidden_cells_are_protected_but_never_published() -> None:
    """A multi-select option: 'did not choose' is counted in the totals, never shown."""
    counts = {("A", "yes"): 20, ("A", "no"): 2, ("B", "yes"): 9, ("B", "no"): 11}
    result = suppress(two_way(counts, ["A", "B"], ["yes", "no"], hidden_columns=["no"]), K)
    decided = result.by_key()
    assert decided["A", "no"].status == "primary"
    assert decided["B", "no"].status == "hidden"
    assert_protected(result)


counts_strategy = st.integers(min_value=0, max_value=30) | st.integers(min_value=0, max_value=4)


@st.composite
def tables(draw: st.DrawFn) -> list[Cell]:
    n_rows = draw(st.integers(1, 4))
    n_cols = draw(st.integers(1, 5))
    rows = [f"r{i}" for i in range(n_rows)]
    cols = [f"c{j}" for j in range(n_cols)]
    counts = {(r, c): draw(counts_strategy) for r in rows for c in cols}
    hidden = draw(st.sampled_from([(), (rows[-1],)])) if n_rows > 1 else ()
    values = {c: j + 1 for j, c in enumerate(cols)} if draw(st.booleans()) else None
    return two_way(counts, rows, cols, hidden_rows=hidden, values=values)


@st.composite
def hierarchies(draw: st.DrawFn) -> list[Cell]:
    """Neighbourhood > subarea > street, by answer: nested totals over inner cells."""
    subareas = draw(st.integers(1, 3))
    streets = [draw(st.integers(1, 3)) for _ in range(subareas)]
    answers = draw(st.integers(1, 3))
    inner: list[tuple[int, int, int]] = [
        (s, t, a) for s in range(subareas) for t in range(streets[s]) for a in range(answers)
    ]
    value = {key: draw(counts_strategy) for key in inner}
    index = {key: i for i, key in enumerate(inner)}
    cells = [Cell(("cell", *map(str, key)), {index[key]: 1}, value[key]) for key in inner]

    def total(name: tuple[str, ...], keys: list[tuple[int, int, int]]) -> None:
        cells.append(Cell(name, {index[k]: 1 for k in keys}, sum(value[k] for k in keys), "total"))

    for a in range(answers):
        total(("all", str(a)), [k for k in inner if k[2] == a])
        for s in range(subareas):
            total(("sub", str(s), str(a)), [k for k in inner if k[0] == s and k[2] == a])
    for s in range(subareas):
        total(("sub", str(s)), [k for k in inner if k[0] == s])
        for t in range(streets[s]):
            total(("street", str(s), str(t)), [k for k in inner if k[:2] == (s, t)])
    total(("all",), inner)
    return cells


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_random_two_way_tables_are_protected(cells: list[Cell]) -> None:
    assert_protected(suppress(cells, K))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hierarchies())
def test_random_hierarchical_tables_are_protected(cells: list[Cell]) -> None:
    assert_protected(suppress(cells, K))


@settings(max_examples=30, deadline=None)
@given(st.lists(counts_strategy, min_size=1, max_size=6))
def test_random_one_way_tables_are_protected(values: list[int]) -> None:
    counts = {("all", f"c{j}"): v for j, v in enumerate(values)}
    assert_protected(suppress(two_way(counts, ["all"], [c for _, c in counts]), K))


def matrix(cells: list[Cell], chosen: list[int]) -> np.ndarray:
    n = 1 + max(i for c in cells for i in c.members)
    return np.array([[cells[k].members.get(i, 0) for i in range(n)] for k in chosen], float)


@settings(max_examples=40, deadline=None)
@given(tables())
def test_after_the_gaussian_step_no_small_cell_is_a_combination_of_published_cells(
    cells: list[Cell],
) -> None:
    result = suppress(cells, K, audit=False)
    shown = published(result)
    rank = np.linalg.matrix_rank(matrix(cells, shown)) if shown else 0
    for i, cell in enumerate(cells):
        if cell.count and 0 < cell.value < K:
            assert np.linalg.matrix_rank(matrix(cells, [*shown, i])) == rank + 1, cell.key
    assert all(d.step == "gauss" for d in result.decisions if d.status == "secondary")
