"""The privacy gate: anonymise publishes to data/ only what the scan found clean."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from formfixtures import visit, write_forms_csv
from typer.testing import CliRunner

from mdsa.cli import app
from mdsa.privacy.scrub import ScrubResult

PHONE = "06-48213377"


class MissingScrubber:
    """A scrubber that misses everything: what the gate must stop when the scrubber fails."""

    def scrub(self, text: str) -> ScrubResult:
        return ScrubResult(text=text, replacements=[])


@pytest.fixture
def project(example: Callable[[str], Path], runner: CliRunner, tmp_path: Path) -> Path:
    folder = example("spoorbuurt")
    rows = [
        visit(
            address=f"Perronstraat {n}",
            **{"text.remarks": f"Buurvrouw belt vaak, haar nummer is {PHONE}."},
        )
        for n in ("1", "3", "4", "6", "8")
    ]
    export = write_forms_csv(tmp_path / "Registratie.csv", rows)
    result = runner.invoke(app, ["import", str(export), "--project", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_clean_data_set_is_published_and_the_staging_folder_removed(
    project: Path, runner: CliRunner
) -> None:
    result = runner.invoke(app, ["anonymise", str(project), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["scan"]["clean"] is True
    assert {"visits.csv", "text_blocks.csv"} <= set(snapshot(project / "data"))
    assert not (project / "private" / "staging").exists()


def test_a_leak_never_reaches_data_and_data_is_left_as_it_was(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert runner.invoke(app, ["anonymise", str(project)]).exit_code == 0
    before = snapshot(project / "data")

    def missing(*_: Any) -> MissingScrubber:
        return MissingScrubber()

    monkeypatch.setattr("mdsa.privacy.anonymise.make_scrubber", missing)
    result = runner.invoke(app, ["anonymise", str(project)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "data/ was not changed" in result.output
    assert "data/text_blocks.csv" in result.output and "telefoon" in result.output
    assert PHONE not in result.output and "48213377" not in result.output
    assert snapshot(project / "data") == before, "data/ untouched"
    staged = project / "private" / "staging" / "data" / "text_blocks.csv"
    assert PHONE in staged.read_text(encoding="utf-8"), "kept in private/ to be checked"
    # A first anonymise that leaks writes no data/ at all.
    for path in (project / "data").iterdir():
        path.unlink()
    (project / "data").rmdir()
    assert runner.invoke(app, ["anonymise", str(project)]).exit_code == 1
    assert not (project / "data").exists()


def test_a_finding_elsewhere_publishes_the_data_but_fails(project: Path, runner: CliRunner) -> None:
    (project / "verslag.md").write_text(f"Bel {PHONE}\n", encoding="utf-8")
    result = runner.invoke(app, ["anonymise", str(project), "--json"])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["scan"]["findings"]
    assert [(f["file"], f["kind"]) for f in findings] == [("verslag.md", "telefoon")]
    assert (project / "data" / "visits.csv").is_file()


def test_the_gate_is_in_the_library(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mdsa import anonymise_and_publish, load_project
    from mdsa.privacy.gate import DataSetLeakError

    def missing(*_: Any) -> MissingScrubber:
        return MissingScrubber()

    monkeypatch.setattr("mdsa.privacy.anonymise.make_scrubber", missing)
    loaded, _ = load_project(project)
    with pytest.raises(DataSetLeakError) as caught:
        anonymise_and_publish(loaded)
    assert caught.value.code == "privacy"
    # the note's phone number, in the text blocks as CSV and as workbook
    assert {(f.file, f.kind) for f in caught.value.scan.findings} == {
        ("data/text_blocks.csv", "telefoon"),
        ("data/text_blocks.xlsx", "telefoon"),
    }
    assert all(PHONE not in str(i.message) for i in caught.value.report.issues)
    assert not (project / "data").exists()


def test_an_identifier_in_any_column_is_caught_as_in_the_files(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The gate scans the cells it writes, not the files read back: a phone number planted in
    every column of every data set table is found in each file, exactly as a scan of the
    written files finds it, and nothing reaches data/."""
    from mdsa import anonymise_and_publish, load_project
    from mdsa.privacy import anonymise as module
    from mdsa.privacy.gate import STAGING_DIR, DataSetLeakError
    from mdsa.privacy.scan import make_detector, scan_folder

    write = module._write_dataset
    planted: dict[str, int] = {}

    def plant(root: Path, columns: list[str], rows: Any, blocks: Any, book: Any, closed: Any):  # type: ignore[no-untyped-def]
        for name, table in (("visits", rows), ("text_blocks", blocks), ("codebook", book)):
            for column in table[-1]:
                if column != "file":  # the codebook's file column says which sheet it goes on
                    table[-1][column] = f"bel 06-{48200000 + sum(planted.values())}"
                    planted[name] = planted.get(name, 0) + 1
        planted[f"codebook in {book[-1]['file']}"] = planted["codebook"]
        return write(root, columns, rows, blocks, book, closed)

    monkeypatch.setattr(module, "_write_dataset", plant)
    loaded, _ = load_project(project)
    with pytest.raises(DataSetLeakError) as caught:
        anonymise_and_publish(loaded)
    assert not (project / "data").exists()
    found = caught.value.scan.findings
    by_file = Counter(f.file for f in found if f.kind == "telefoon")
    assert by_file == {
        "data/visits.csv": planted["visits"],
        "data/visits.xlsx": planted["visits"] + planted.get("codebook in visits", 0),
        "data/text_blocks.csv": planted["text_blocks"],
        "data/text_blocks.xlsx": planted["text_blocks"] + planted.get("codebook in text_blocks", 0),
        "data/codebook.csv": planted["codebook"],
    }
    read_back = scan_folder(make_detector(loaded), project / STAGING_DIR, as_folder="data")
    assert found == read_back.findings, "the same findings as a scan of the written files"


def test_the_gate_scans_the_staged_data_set_as_data_with_visitors_names(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A visitor's name is looked for in data/ only; the staged files are scanned as what they
    become, so the gate finds one as `mdsa scan` would after publishing."""
    from mdsa import anonymise_and_publish, load_project
    from mdsa.privacy.gate import DataSetLeakError

    class NamingScrubber:  # a scrubber gone wrong: the visitor's name is put into every note
        def scrub(self, text: str) -> ScrubResult:
            return ScrubResult(text="Gesprek met Ruben Hoekstra gevoerd.", replacements=[])

    monkeypatch.setattr("mdsa.privacy.anonymise.make_scrubber", lambda *_: NamingScrubber())
    loaded, _ = load_project(project)
    with pytest.raises(DataSetLeakError) as caught:
        anonymise_and_publish(loaded)
    kinds = {(f.file, f.kind) for f in caught.value.scan.findings}
    assert ("data/text_blocks.csv", "visitor-name") in kinds
    assert ("data/text_blocks.xlsx", "visitor-name") in kinds
    assert not (project / "data").exists()
