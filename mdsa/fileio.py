"""Reading input with clear errors and writing output atomically.

Raw input is only ever read. Every output goes to a temporary file in the same folder and is
then renamed over the target, so an interrupted run leaves the old file or the new one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import yaml

from mdsa.errors import InputFileError

Loc = tuple[str | int, ...]


def read_text(path: Path, *, encodings: tuple[str, ...] = ("utf-8-sig",)) -> str:
    """Read a text file, trying each encoding in turn; raise ``InputFileError`` on failure."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as e:
        raise InputFileError("file not found", path=path) from e
    except IsADirectoryError as e:
        raise InputFileError("is a folder, expected a file", path=path) from e
    except PermissionError as e:
        raise InputFileError("no permission to read this file", path=path) from e
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputFileError(
        f"cannot decode the file as {' or '.join(encodings)}",
        path=path,
        hint="save it as UTF-8 (in Excel: 'CSV UTF-8')",
    )


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on success it replaces ``path`` in one rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    with atomic_open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def write_bytes(path: Path, data: bytes) -> None:
    with atomic_open(path, "wb") as handle:
        handle.write(data)


@dataclass
class YamlDocument:
    """A parsed YAML file with the line of every key and list item (1-based)."""

    path: Path
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[Loc, int]] = field(default_factory=list)

    def line_of(self, loc: Loc) -> int | None:
        """The line of ``loc`` or of its nearest parent that has one."""
        while True:
            if loc in self.lines:
                return self.lines[loc]
            if not loc:
                return None
            loc = loc[:-1]


def load_yaml(path: Path) -> YamlDocument:
    """Parse a YAML file safely; syntax errors raise ``InputFileError`` with line and column."""
    text = read_text(path)
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = e.problem or e.context or "invalid YAML"
        raise InputFileError(
            f"YAML syntax error: {problem}",
            path=path,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint="check the indentation and that text containing ': ' or '#' is quoted",
        ) from e
    except yaml.YAMLError as e:
        raise InputFileError(f"YAML error: {e}", path=path) from e
    finally:
        loader.dispose()
    document = YamlDocument(path=path, data=data)
    if node is not None:
        _record_lines(node, (), document)
    return document


def _record_lines(node: yaml.Node, loc: Loc, document: YamlDocument) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            child = (*loc, key)
            line = key_node.start_mark.line + 1
            if key in seen:
                document.duplicate_keys.append((child, line))
            seen.add(key)
            document.lines[child] = line
            _record_lines(value_node, child, document)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*loc, index)
            document.lines[child] = item.start_mark.line + 1
            _record_lines(item, child, document)
