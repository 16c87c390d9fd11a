"""The docs follow the code: every command has help and is shown in the README."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from mdsa.cli import app

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


def test_there_are_commands() -> None:
    assert {"init", "validate", "readiness", "status"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"mdsa {command}" in readme, f"README.md does not show `mdsa {command}`"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert get_command(app).commands[command].help  # type: ignore[attr-defined]


def test_readme_shows_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_help_imports_nothing_heavy() -> None:
    """`mdsa --help` must not load pandas, pydantic, openpyxl, jinja2 or the anonymiser."""
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from mdsa.cli import app\n"
        "result = CliRunner().invoke(app, ['--help'])\n"
        "assert result.exit_code == 0, result.output\n"
        "heavy = ('pandas', 'pydantic', 'openpyxl', 'jinja2', 'matplotlib', 'deduce', 'numpy')\n"
        "print(' '.join(m for m in heavy if m in sys.modules))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert loaded == []


def test_public_api_names_resolve() -> None:
    import mdsa

    for name in mdsa.__all__:
        assert getattr(mdsa, name) is not None, name
    with pytest.raises(AttributeError):
        _ = mdsa.no_such_name  # type: ignore[attr-defined]


def test_help_lists_quotes_before_the_report_and_poster_that_print_them() -> None:
    group = get_command(app)
    names = group.list_commands(None)  # type: ignore[arg-type, attr-defined]  # ctx is unused
    assert names.index("themes") < names.index("quotes") < names.index("report")
    assert names.index("report") < names.index("poster")
    assert sorted(names) == COMMANDS, "every command listed once"
