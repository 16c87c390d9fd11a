"""Reading input with clear errors and writing output atomically.

Raw input is only ever read. Every output goes to a temporary file in the same folder and is
then renamed over the target, so an interrupted run leaves the old file or the new one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import yaml

from mdsa.errors import InputFileError, OutputFileError

Loc = tuple[str | int, ...]


ENCODING_NAMES = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "cp1252": "Windows-1252"}


def read_text(
    path: Path,
    *,
    encodings: tuple[str, ...] = ("utf-8-sig",),
    max_bytes: int | None = None,
) -> str:
    """Read a text file, trying each encoding in turn; raise ``InputFileError`` on failure.

    The error names the line of the first byte that is not text in the first encoding,
    never the text itself. ``max_bytes`` refuses a larger file before reading it.
    """
    try:
        if max_bytes is not None and path.stat().st_size > max_bytes:
            raise InputFileError(
                f"the file is larger than {max_bytes:,} bytes; refused without reading it",
                path=path,
                hint="is this the right file? a project file is a few kilobytes",
                code="too-large",
            )
        data = path.read_bytes()
    except OSError as e:
        raise reading_error(path, e) from e
    first: UnicodeDecodeError | None = None
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as e:
            first = first or e
    line = data[: first.start].count(b"\n") + 1 if first else None
    names = " or ".join(ENCODING_NAMES.get(e, e) for e in encodings)
    raise InputFileError(
        f"not {names} text: this line holds a character in another encoding",
        path=path,
        line=line,
        hint="save it as UTF-8 (in Excel: 'CSV UTF-8'; in a text editor: encoding UTF-8)",
        code="bad-encoding",
    )


def reading_error(path: Path, error: OSError) -> InputFileError:
    """What went wrong opening or reading ``path``, said for the user."""
    if isinstance(error, FileNotFoundError):
        return InputFileError("file not found", path=path, code="not-found")
    if isinstance(error, IsADirectoryError):
        return InputFileError("is a folder, expected a file", path=path, code="not-a-file")
    if isinstance(error, PermissionError):
        return InputFileError("no permission to read this file", path=path, code="unreadable")
    return InputFileError(
        f"cannot read this file ({type(error).__name__})", path=path, code="unreadable"
    )


def _writing(path: Path, error: OSError) -> OutputFileError:
    """A user error for an ``OSError`` met while writing ``path``; never a value of the file."""
    if isinstance(error, NotADirectoryError | FileExistsError):
        blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        return OutputFileError(
            "cannot make the folder for this file: a file is in the way",
            path=blocker or path,
            hint="choose another place, or move that file away",
        )
    if isinstance(error, PermissionError):
        return OutputFileError(
            "no permission to write here; nothing was changed",
            path=path,
            hint="make the folder writable (not read-only, not locked by another program)",
        )
    if error.errno == errno.ENOSPC:
        return OutputFileError("the disk is full; nothing was changed", path=path)
    return OutputFileError(f"cannot write this file ({type(error).__name__})", path=path)


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on success it replaces ``path`` in one rename.

    An ``OSError`` while making the folder, the temporary file or the rename becomes an
    ``OutputFileError`` (read-only folder, a file where a folder should be, disk full).
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise _writing(path, e) from e
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            try:
                handle.flush()
                os.fsync(handle.fileno())
            except OSError as e:
                raise _writing(path, e) from e
        try:
            tmp.replace(path)
        except OSError as e:
            raise _writing(path, e) from e
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


# Project files are a few kilobytes. Larger files, or aliases that expand to more nodes than
# this, are refused before they are walked: a "billion laughs" file of 1 kB expands to 10^9
# values and would keep validate busy for hours.
MAX_YAML_BYTES = 1_000_000
MAX_YAML_NODES = 100_000

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml


def load_yaml(path: Path) -> YamlDocument:
    """Parse a YAML file safely; syntax errors raise ``InputFileError`` with line and column.

    A file over ``MAX_YAML_BYTES`` or whose aliases expand to over ``MAX_YAML_NODES`` nodes
    is refused with ``too-large`` or ``yaml-aliases`` before anything is built from it.
    """
    text = read_text(path, max_bytes=MAX_YAML_BYTES)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None and _expanded_size(node) > MAX_YAML_NODES:
            raise InputFileError(
                f"the YAML aliases (*name) in this file expand to more than {MAX_YAML_NODES:,} "
                "values; refused",
                path=path,
                hint="write the values out instead of repeating anchors (&name) and aliases",
                code="yaml-aliases",
            )
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = e.problem or e.context or "invalid YAML"
        if e.context and e.context.startswith("found") and e.problem:
            problem = e.context.split(";")[0]  # "found duplicate anchor; first occurrence"
        tag = "constructor for the tag" in problem
        raise InputFileError(
            f"YAML syntax error: {problem}",
            path=path,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint="remove the '!' tag: project files hold only text, numbers, lists and keys"
            if tag
            else "check the indentation and that text containing ': ' or '#' is quoted",
            code="yaml-syntax",
        ) from e
    except yaml.YAMLError as e:
        raise InputFileError(
            f"YAML error ({type(e).__name__})", path=path, code="yaml-syntax"
        ) from e
    except RecursionError as e:  # nesting thousands of levels deep
        raise InputFileError("the YAML is nested too deeply", path=path, code="yaml-syntax") from e
    except ValueError as e:  # a date that does not exist (2018-13-01): YAML builds it itself
        line = _bad_date_line(node) if node is not None else None
        raise InputFileError(
            "a date that does not exist (write dates as yyyy-mm-dd)",
            path=path,
            line=line,
            code="invalid-value",
        ) from e
    finally:
        loader.dispose()
    document = YamlDocument(path=path, data=data)
    if node is not None:
        try:
            _record_lines(node, (), document)
        except RecursionError as e:
            raise InputFileError(
                "the YAML is nested too deeply", path=path, code="yaml-syntax"
            ) from e
    return document


def _bad_date_line(root: yaml.Node) -> int | None:
    """The line of the first date-like value that is not a date (month 13, 30 February)."""
    from datetime import date

    stack = [root]
    while stack:
        node = stack.pop(0)
        if isinstance(node, yaml.MappingNode):
            stack[:0] = [child for pair in node.value for child in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack[:0] = list(node.value)
        elif node.tag == "tag:yaml.org,2002:timestamp":
            try:
                date.fromisoformat(str(node.value)[:10])
            except ValueError:
                return int(node.start_mark.line) + 1
    return None


def _expanded_size(root: yaml.Node) -> int:
    """How many nodes the document has once every alias is expanded (shared nodes counted
    each time they are used), computed without expanding anything."""
    sizes: dict[int, int] = {}
    started: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        if not children_done and id(node) in started:
            return MAX_YAML_NODES + 1  # a node inside itself (&a [*a]): endless
        started.add(id(node))
        if isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            sizes[id(node)] = 1
            continue
        if children_done:
            sizes[id(node)] = 1 + sum(sizes.get(id(c), 1) for c in children)
            if sizes[id(node)] > MAX_YAML_NODES:
                return sizes[id(node)]
            continue
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes.get(id(root), 1)


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
