"""Outputs are written atomically: an interrupted write leaves the old file intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from mdsa.errors import InputFileError
from mdsa.fileio import atomic_open, load_yaml, write_text


def test_interrupted_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    write_text(target, "old\n")
    with pytest.raises(RuntimeError), atomic_open(target, "w", encoding="utf-8") as handle:
        handle.write("half of the new")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"], "no temporary file left behind"


def test_yaml_lines_and_duplicate_keys(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    path.write_text(
        "# comment\nmembers:\n  - name: A\n    role: x\n  - name: B\nname: 1\nname: 2\n"
    )
    document = load_yaml(path)
    assert document.line_of(("members", 1, "name")) == 5
    assert document.line_of(("members", 0, "role")) == 4
    assert document.line_of(("members", 0, "unknown")) == 3
    assert [line for _, line in document.duplicate_keys] == [7]


def test_yaml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "mdsa.yaml"
    path.write_text("name: x\nsubareas:\n  Noord: {streets: [A, B}\n", encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        load_yaml(path)
    assert caught.value.line == 3
    assert caught.value.column is not None
    assert str(caught.value).startswith(f"{path}:3")
