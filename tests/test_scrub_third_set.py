"""The third labelled scrubber set: the committed files are what its generator writes."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

DATA = Path(__file__).parent / "data" / "scrub"
ROOT = Path(__file__).resolve().parents[1]


def load_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    return load_module(DATA / "make_third_set.py")


def test_generator_regenerates_committed_files(generator: ModuleType) -> None:
    built = generator.build()
    assert sorted(built) == ["set3_dev.jsonl", "set3_heldout.jsonl"]
    for name, content in built.items():
        assert (DATA / name).read_text(encoding="utf-8") == content, (
            f"{name} differs from what make_third_set.py writes; rerun it and commit"
        )


def test_committed_spans_cover_whole_tokens_of_known_kinds() -> None:
    kinds = {"PERSOON", "ADRES", "POSTCODE", "TELEFOON", "EMAIL", "BSN", "IBAN", "GEBOORTEDATUM"}
    records = []
    for split in ("dev", "heldout"):
        with (DATA / f"set3_{split}.jsonl").open(encoding="utf-8") as f:
            records += [json.loads(line) for line in f]
    assert len(records) >= 300
    assert {r["split"] for r in records} == {"dev", "heldout"}
    assert len({r["id"] for r in records}) == len(records)
    assert len({r["style"] for r in records}) == 8
    for record in records:
        text, end = record["text"], -1
        for span in record["spans"]:
            assert span["kind"] in kinds, record["id"]
            assert end < span["start"] < span["end"] <= len(text), record["id"]
            value = text[span["start"] : span["end"]]
            assert value == value.strip(), record["id"]
            end = span["end"]


def test_self_check_rejects_a_span_that_misses_its_value(generator: ModuleType) -> None:
    text, spans = generator.render("mvr {surname}, hnr {nr}", {
        "surname": ("Ouaali", "PERSOON"), "nr": ("12a", "ADRES"),
    })  # fmt: skip
    generator.check(text, spans, ["Ouaali", "12a"])
    spans[1]["start"] -= 1  # now " 12a": a blank inside the span
    with pytest.raises(AssertionError):
        generator.check(text, spans, ["Ouaali", "12a"])


def test_benchmark_loads_the_third_set() -> None:
    bench = load_module(ROOT / "benchmarks" / "scrub_accuracy.py")
    records = bench.load("heldout", 3)
    assert records and all(r["split"] == "heldout" for r in records)
