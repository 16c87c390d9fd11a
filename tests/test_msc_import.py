"""`mdsa msc-import`: stories from a CSV into msc.yaml, scrubbed, a teller a role."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from mdsa.cli import app

HEADER = ["perspective", "teller", "domain", "collected", "title", "text"]
STORIES = [
    ["bewoner", "bewoner Emplacement", "contact met buren", "12-04-2019", "Samen koken",
     "Sinds de eetgroep eet ik niet meer alleen. Bel me gerust op 06-12345678."],
    ["buurt", "lid bewonersprojectgroep", "samen doen", "", "Een eigen buurtfeest",
     "De straat organiseert nu zelf het feest, zonder het opbouwwerk."],
    ["professional", "woonconsulent", "samenwerking", "2019-05-02", "Eerder aan tafel",
     "We horen zorgen nu voordat het werk begint, niet erna."],
]  # fmt: skip


@pytest.fixture
def project(example: Callable[[str], Path]) -> Path:
    return example("spoorbuurt")


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_stories_are_added_scrubbed_and_only_once(
    project: Path, runner: CliRunner, tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "verhalen.csv", STORIES)
    before = source.read_bytes()
    args = ["msc-import", str(source), "-p", str(project)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "3 story(ies) added to msc.yaml (1 changed by the scrubber)" in result.output
    text = (project / "msc.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Most Significant Change")  # the file's comments stay
    assert "12345678" not in text and "[TELEFOON-1]" in text
    assert source.read_bytes() == before
    data = yaml.safe_load(text)
    added = {s["title"]: s for s in data["stories"][-3:]}
    assert added["Samen koken"]["perspective"] == "resident"
    assert added["Een eigen buurtfeest"]["perspective"] == "neighbourhood"
    assert str(added["Samen koken"]["collected"]) == "2019-04-12"
    assert len(data["stories"]) == 8 and len(data["rounds"]) == 2  # the rounds are still there
    assert runner.invoke(app, ["msc", str(project)]).exit_code == 0  # msc.yaml is still valid
    again = runner.invoke(app, [*args, "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.output)["added"] == 0 and json.loads(again.output)["already"] == 3
    assert (project / "msc.yaml").read_text(encoding="utf-8") == text


def test_a_project_without_msc_yaml_gets_one(
    project: Path, runner: CliRunner, tmp_path: Path
) -> None:
    (project / "msc.yaml").unlink()
    source = write_csv(tmp_path / "verhalen.csv", STORIES[1:])
    result = runner.invoke(app, ["msc-import", str(source), "-p", str(project)])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((project / "msc.yaml").read_text(encoding="utf-8"))
    assert [s["teller"] for s in data["stories"]] == ["lid bewonersprojectgroep", "woonconsulent"]


def test_bad_stories_are_named_by_row_and_column_and_nothing_is_added(
    project: Path, runner: CliRunner, tmp_path: Path
) -> None:
    original = (project / "msc.yaml").read_bytes()
    rows = [list(r) for r in STORIES]
    rows[0][1] = "jan.smit@example.nl"  # a teller is a role, never a name
    rows[1][0] = "gemeente"
    rows[2][3] = "volgend jaar"
    source = write_csv(tmp_path / "verhalen.csv", rows)
    result = runner.invoke(app, ["msc-import", str(source), "-p", str(project)])
    assert result.exit_code == 1
    assert re.search(r"verhalen\.csv:row 2 \(column teller\).*looks like a name", result.output)
    assert re.search(r"verhalen\.csv:row 3 \(column perspective\)", result.output)
    assert re.search(r"verhalen\.csv:row 4 \(column collected\)", result.output)
    assert "jan.smit" not in result.output and "volgend jaar" not in result.output
    assert (project / "msc.yaml").read_bytes() == original
    source = write_csv(tmp_path / "verhalen.csv", [r[:5] for r in STORIES], HEADER[:5])
    result = runner.invoke(app, ["msc-import", str(source), "-p", str(project)])
    assert result.exit_code == 1 and "verhalen.csv:row 1" in result.output
    assert "no column 'text'" in result.output
