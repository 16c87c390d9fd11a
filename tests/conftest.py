"""Shared fixtures: the example project folders, copied so no test changes them.

Every ``CliRunner.invoke`` in the tests goes through ``_no_unexpected_exception``: CliRunner
swallows tracebacks, and a crash also exits 1, so a test that only checks the exit code would
pass on a crash. The wrapper fails the test unless the command ended normally or with a
``SystemExit`` (``typer.Exit`` and the CLI's error handler). A test that wants the exception
itself (``--debug``) passes ``catch_exceptions=False`` and catches it with ``pytest.raises``.
"""

from __future__ import annotations

import shutil
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

_invoke = CliRunner.invoke


def _checked_invoke(self: CliRunner, *args: Any, **kwargs: Any) -> Any:
    result = _invoke(self, *args, **kwargs)
    error = result.exception
    if error is not None and not isinstance(error, SystemExit):
        trace = "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else ""
        pytest.fail(f"the command raised {type(error).__name__}, not a clean exit:\n{trace}")
    return result


@pytest.fixture(autouse=True)
def _no_unexpected_exception(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(CliRunner, "invoke", _checked_invoke)
    yield


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def example(tmp_path: Path) -> Callable[[str], Path]:
    """Copy an example project into tmp_path and return the copy."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(EXAMPLES / name, target)
        return target

    return copy
