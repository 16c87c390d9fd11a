"""Scrubbing over several processes gives exactly what one process gives, in the same order."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mdsa.cli import app
from mdsa.privacy.parallel import CHUNK, default_workers, scrub_all
from mdsa.privacy.scrub import Scrubber

DATA = Path(__file__).resolve().parents[1] / "data" / "scrub"


def _notes() -> list[str]:
    with (DATA / "set2_dev.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def test_two_workers_give_the_same_results_in_the_same_order() -> None:
    scrubber = Scrubber(known_names=["Wilhelmina Oostveen"], keep_words=["Spoorbuurt"])
    notes = (_notes() * 4)[: 3 * CHUNK + 17]  # several chunks and a short last one
    seen: list[tuple[int, int]] = []
    parallel = scrub_all(scrubber, notes, workers=2, progress=lambda d, t: seen.append((d, t)))
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
