"""`mdsa import` over two cores gives what one process gives: the same lines, the same problems.

The import builds the registrations of a large export in forked workers (`mdsa.intake.written`).
Here the threshold is lowered so that small exports are split too, and each import is compared,
byte for byte and problem for problem, with the same import in one process.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from formfixtures import visit, write_forms_csv
from typer.testing import CliRunner

from mdsa.cli import app
from mdsa.intake import written
from mdsa.intake.registrations import RowConverter

REGISTRATIONS = Path("private") / "registrations.jsonl"
Result = tuple[int, dict[str, Any], bytes]  # exit code, --json output, registrations.jsonl
SPOORBUURT_EXPORT = "Registratie sociaal gesprek Meer dan Steen Alleen.csv.zip"
LANKFORST_EXPORT = "Registratie sociaal gesprek (Antwoorden).xlsx"

pytestmark = pytest.mark.skipif(
    not written._can_fork(), reason="this machine (or test run) cannot fork"
)


def problem_rows() -> list[dict[str, str]]:
    """Rows with every kind of row problem, a visit submitted twice on both sides of the cut
    (rows 2 and 9), an unknown address and a row that stores no visit."""
    return [
        visit(),
        visit(submitted_at="2016/10/04 9:00:00 a.m. CEST", address=""),
        visit(submitted_at="2016/10/04 9:01:00 a.m. CEST", visit_date="31-31-2016"),
        visit(
            submitted_at="2016/10/04 9:02:00 a.m. CEST",
            address="Perronstraat 6",
            age_group="Weet ik niet",
        ),
        visit(submitted_at="2016/10/04 9:03:00 a.m. CEST", address="Nergensstraat 9"),
        visit(
            submitted_at="2016/10/04 9:04:00 a.m. CEST",
            address="Perronstraat 8",
            years_in_neighbourhood="sinds 1998",
        ),
        visit(
            submitted_at="2016/10/04 9:05:00 a.m. CEST",
            address="Perronstraat 10",
            **{"scale.satisfaction": "7,5"},
        ),
        visit(submitted_at="2016/10/04 9:06:00 a.m. CEST", address="Perronstraat 12", visitor=""),
        visit(submitted_at="2016/10/03 9:30:00 p.m. CEST", **{"text.remarks": "verbeterd"}),
        visit(submitted_at="2016/10/04 9:07:00 a.m. CEST", address="Remiseweg 1", cards="Iets"),
    ]


def run_import(
    runner: CliRunner, project: Path, export: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> Result:
    monkeypatch.setenv("MDSA_WORKERS", str(workers))
    result = runner.invoke(app, ["import", str(export), "--project", str(project), "--json"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout), (project / REGISTRATIONS).read_bytes()


@pytest.fixture
def forked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Fork from two rows on, and count the imports that forked."""
    calls: list[int] = []
    real = written._forked

    def counting(*args: Any) -> list[written.Written]:
        calls.append(len(args[2]))
        return real(*args)

    monkeypatch.setattr(written, "FORK_FROM", 2)
    monkeypatch.setattr(written, "_forked", counting)
    return calls


@pytest.mark.parametrize(
    ("name", "file"), [("spoorbuurt", SPOORBUURT_EXPORT), ("lankforst", LANKFORST_EXPORT)]
)
def test_the_examples_import_the_same_forked(
    runner: CliRunner,
    example: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    forked: list[int],
    tmp_path: Path,
    name: str,
    file: str,
) -> None:
    one, two = example(name), tmp_path / "forked"
    shutil.copytree(one, two)
    single = run_import(runner, one, one / "private" / "downloads" / file, monkeypatch, 1)
    assert not forked, "MDSA_WORKERS=1 stays in one process"
    split = run_import(runner, two, two / "private" / "downloads" / file, monkeypatch, 3)
    assert forked == [3], "the import was cut into three parts"
    assert split == single
    assert single[1]["imported"] > 50


@pytest.fixture
def twins(
    runner: CliRunner,
    example: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> tuple[Path, Path, Path, Result]:
    """Two copies of the Spoorbuurt, an export with problem rows, and that export imported
    into the first copy in one process."""
    export = write_forms_csv(tmp_path / "e.csv", problem_rows())
    one, two = example("spoorbuurt"), tmp_path / "two"
    shutil.copytree(one, two)
    return one, two, export, run_import(runner, one, export, monkeypatch, 1)


def test_problems_and_resubmissions_across_the_cut_are_the_same(
    runner: CliRunner,
    twins: tuple[Path, Path, Path, Result],
    monkeypatch: pytest.MonkeyPatch,
    forked: list[int],
) -> None:
    one, two, export, single = twins
    split = run_import(runner, two, export, monkeypatch, 2)
    assert forked == [2]
    assert split == single
    code, result, _ = split
    assert code == 1
    codes = {(p["row"], p["code"]) for p in result["issues"]}
    assert {(2, "superseded"), (3, "missing-required"), (4, "unreadable-date")} <= codes
    assert {(5, "unknown-option"), (6, "unmatched-address"), (8, "decimal-scale")} <= codes
    assert (result["imported"], result["superseded"], result["not_stored"]) == (7, 1, 2)
    # The same export again: every visit is already there, in both ways.
    again_single = run_import(runner, one, export, monkeypatch, 1)
    again_split = run_import(runner, two, export, monkeypatch, 2)
    assert again_split == again_single and again_split[1]["unchanged"] == 8


def test_a_failing_worker_leaves_its_rows_to_this_process(
    runner: CliRunner,
    twins: tuple[Path, Path, Path, Result],
    monkeypatch: pytest.MonkeyPatch,
    forked: list[int],
) -> None:
    one, two, export, single = twins
    parent = os.getpid()
    real = RowConverter.convert_all

    def failing_in_a_worker(self: RowConverter, rows: Any) -> Any:
        if os.getpid() != parent:
            raise MemoryError("a worker that runs out of memory")
        return real(self, rows)

    monkeypatch.setattr(RowConverter, "convert_all", failing_in_a_worker)
    assert run_import(runner, two, export, monkeypatch, 2) == single
    assert forked == [2]


def test_parts_cover_every_row_once_in_order() -> None:
    for total in (0, 1, 2, 3, 10, 99_999, 100_000):
        for workers in (1, 2, 3, 4):
            parts = written._parts(total, workers)
            flat = [i for begin, end in parts for i in range(begin, end)]
            assert flat == list(range(total))
            assert len(parts) <= max(1, workers)
    assert written._parts(100_000, 2) == [(0, 52_000), (52_000, 100_000)]


def test_no_new_process_leaves_the_rows_to_this_process(
    runner: CliRunner,
    twins: tuple[Path, Path, Path, Result],
    monkeypatch: pytest.MonkeyPatch,
    forked: list[int],
) -> None:
    """A process limit: the second worker cannot start, so this process builds its rows."""
    one, two, export, single = twins
    started: list[int] = []
    real = multiprocessing.process.BaseProcess.start

    def limited(self: multiprocessing.process.BaseProcess) -> None:
        if started:
            raise OSError(11, "Resource temporarily unavailable")
        started.append(1)
        real(self)

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", limited)
    assert run_import(runner, two, export, monkeypatch, 3) == single
    assert forked == [3] and started == [1]
