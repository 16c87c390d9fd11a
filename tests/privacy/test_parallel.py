"""Scrubbing over several processes gives exactly what one process gives, in the same order."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mdsa.cli import app
from mdsa.privacy.parallel import CHUNK, default_workers, iter_scrubbed
from mdsa.privacy.scrub import Scrubber

DATA = Path(__file__).resolve().parents[1] / "data" / "scrub"


def _notes() -> list[str]:
    with (DATA / "set2_dev.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def test_two_workers_give_the_same_results_in_the_same_order() -> None:
    scrubber = Scrubber(known_names=["Wilhelmina Oostveen"], keep_words=["Spoorbuurt"])
    notes = (_notes() * 4)[: 3 * CHUNK + 17]  # several chunks and a short last one
    seen: list[tuple[int, int]] = []
    parallel = list(
        iter_scrubbed(scrubber, notes, workers=2, progress=lambda d, t: seen.append((d, t)))
    )
    serial = [scrubber.scrub(note) for note in notes]
    assert parallel == serial
    assert seen[-1] == (len(notes), len(notes))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_small_jobs_stay_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MDSA_WORKERS", raising=False)
    assert default_workers(10) == 1
    monkeypatch.setenv("MDSA_WORKERS", "3")
    assert default_workers(10) == 3
    monkeypatch.setenv("MDSA_WORKERS", "many")
    assert default_workers(10_000) == 1


def test_anonymise_writes_the_same_data_set_with_one_or_two_workers(
    example: Callable[[str], Path], runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = example("spoorbuurt")
    export = next((folder / "private" / "downloads").glob("*.zip"))
    result = runner.invoke(app, ["import", str(export), "--project", str(folder)])
    assert result.exit_code == 0, result.output
    outputs = []
    for workers in ("1", "2"):
        monkeypatch.setenv("MDSA_WORKERS", workers)
        result = runner.invoke(app, ["anonymise", str(folder)])
        assert result.exit_code == 0, result.output
        assert result.exception is None
        outputs.append({p.name: p.read_bytes() for p in sorted((folder / "data").glob("*.csv"))})
    assert outputs[0].keys() >= {"visits.csv", "text_blocks.csv"}
    assert outputs[0] == outputs[1]


@pytest.fixture
def imported_example(example: Callable[[str], Path], runner: CliRunner) -> Path:
    folder = example("spoorbuurt")
    export = next((folder / "private" / "downloads").glob("*.zip"))
    result = runner.invoke(app, ["import", str(export), "--project", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def test_registrations_read_in_parts_give_the_rows_and_identifiers_of_one_pass(
    imported_example: Path,
) -> None:
    from mdsa.intake.registrations import iter_registrations
    from mdsa.privacy.anonymise import _mapping, _read_visits, _RowBuilder
    from mdsa.privacy.codebook import closed_columns
    from mdsa.privacy.known import collect_known
    from mdsa.project.folder import REGISTRATIONS_FILE, load_project

    project, _ = load_project(imported_example)
    path = project.root / REGISTRATIONS_FILE
    mapping = _mapping(project)

    def read(workers: int) -> Any:
        builder = _RowBuilder(b"k" * 32, closed_columns(mapping), mapping.fields())
        return _read_visits(project, path, builder, workers)

    assert project.households  # the address list: collected once, not per part
    one, three = read(1), read(3)
    assert len(one[0]) == sum(1 for _ in iter_registrations(path)) > 6
    assert three == one  # rows, notes and identifiers, in the same order
    assert one[2] == collect_known(project)
    assert one[2].residents and one[2].phones  # the example's notes name residents


def test_a_damaged_line_in_any_part_is_named_by_its_line(
    imported_example: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = imported_example / "private" / "registrations.jsonl"
    lines = path.read_bytes().split(b"\n")
    lines[300] = lines[300][:-40]  # a line cut short, in the fifth of six parts
    path.write_bytes(b"\n".join(lines))
    monkeypatch.setenv("MDSA_WORKERS", "3")
    result = runner.invoke(app, ["anonymise", str(imported_example)])
    assert result.exit_code == 1, result.output
    assert "registrations.jsonl:301" in result.output
    assert "damaged line" in result.output
    assert not (imported_example / "data").exists()


def _fails() -> int:
    raise ValueError("no")


def test_a_child_process_gives_its_result_or_its_exception() -> None:
    from mdsa.privacy.parallel import in_child, map_forked

    assert in_child(lambda: [1, 2]).result() == [1, 2]
    with pytest.raises(ValueError, match="no"):
        in_child(_fails).result()
    assert map_forked(lambda i: i * i, 5, 2) == [0, 1, 4, 9, 16]


def test_a_workbook_that_cannot_be_written_in_its_process_is_a_clean_error(
    imported_example: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mdsa.errors import OutputFileError

    def refuse(path: Path, sheets: Any, **_: Any) -> None:
        raise OutputFileError("cannot be written (PermissionError)", path=path, hint="free it")

    monkeypatch.setattr("mdsa.documents.workbook.write_workbook", refuse)
    result = runner.invoke(app, ["anonymise", str(imported_example)])
    assert result.exit_code == 1, result.output
    assert "text_blocks.xlsx: cannot be written (PermissionError)" in result.output
    assert not (imported_example / "data").exists()
