"""Phase 4's files on both examples."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mdsa.cli import app

Example = Callable[[str], Path]
BLOCKS = {"spoorbuurt": 24, "lankforst": 13}
ACTIVITIES = {"spoorbuurt": 7, "lankforst": 9}


def issues(runner: CliRunner, command: str, root: Path) -> tuple[int, list[dict[str, Any]]]:
    result = runner.invoke(app, [command, str(root), "--json"])
    return result.exit_code, json.loads(result.stdout)["issues"]


@pytest.mark.parametrize("name", ["spoorbuurt", "lankforst"])
def test_plan_and_timeline_run_on_both_examples(
    example: Example, runner: CliRunner, name: str
) -> None:
    root = example(name)
    result = runner.invoke(app, ["plan", str(root), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["activities"] == ACTIVITIES[name]
    assert data["themes_known"] is False  # neither example has worksheets back from phase 3
    assert not [
        i
        for i in data["issues"]
        if i["code"].startswith("renovation-") and i["code"] != "renovation-clash"
    ]  # the schedule agrees with the address list
    for file in ("actieplan.pdf", "actieplan.docx", "actieplan-bewoners.pdf",
                 "actieplan-voortgang.xlsx"):  # fmt: skip
        assert (root / "output" / file).stat().st_size > 0, file
    result = runner.invoke(app, ["timeline", str(root)])
    assert result.exit_code == 0, result.output
    assert f"5 phases and {BLOCKS[name]} renovation blocks" in result.output
    assert (root / "output" / "planning.png").read_bytes().startswith(b"\x89PNG")


def test_the_lankforst_plan_is_made_after_the_renovation(example: Example) -> None:
    """Handbook, phase 4: in the Lankforst the plan was made when most of the works were done;
    its example has no clash, and its residents' overview leaves out what is done."""
    from pypdf import PdfReader

    from mdsa.phases.connecting import make_plan
    from mdsa.project.folder import load_project

    project, _ = load_project(example("lankforst"))
    result = make_plan(project, None)
    assert result.check.report.ok and not result.check.clashes
    assert result.by_status == {"done": 2, "planned": 2, "running": 3, "stopped": 1, "idea": 1}
    overview = next(p for p in result.files if p.name == "actieplan-bewoners.pdf")
    text = PdfReader(overview).pages[0].extract_text()
    assert "Vrijheidssoep op 5 mei" in text and "Poffertjes" not in text
