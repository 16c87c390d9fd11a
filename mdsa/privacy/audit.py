"""The audit trail: an append-only log in ``private/audit.jsonl`` of every command that read
``private/`` or wrote shared output.

One JSON line per command: when (UTC), the command and mdsa's version, how it ended, the files
it read and wrote with their SHA-256, its settings and its counts. Never a personal value:
settings and counts are checked to be plain numbers, switches and short codes before anything
is written, and files are named by their path in the project and their hash only. Each line
holds the hash of the line before it, so ``mdsa audit`` can tell when a line was changed or
removed afterwards.

The command line opens one ``session`` per command (``mdsa.cli.MdsaGroup``); a command tells
what it did with ``note``. Outside a session (the library used from Python) ``note`` writes
its line at once.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mdsa import __version__
from mdsa.errors import InputFileError, OutputFileError

AUDIT_FILE = "private/audit.jsonl"
GENESIS = "0" * 64  # the "previous line" of the first line

# Settings are short codes or numbers (min_group_size, dry_run); never free text.
_MAX_SETTING = 64


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class _Note:
    root: Path
    reads: dict[str, str | None] = field(default_factory=dict)
    writes: dict[str, str | None] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class _Session:
    command: str
    note: _Note | None = None
    flushed: bool = False


_current: contextvars.ContextVar[_Session | None] = contextvars.ContextVar(
    "mdsa_audit", default=None
)


def _name(root: Path, path: Path) -> str:
    """A project file by its path in the project; a file outside it by its name only."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return f"(outside the project)/{path.name}"


def _hashes(root: Path, paths: Iterable[Path]) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if _name(root, child) != AUDIT_FILE:
                    found[_name(root, child)] = sha256_file(child)
        elif path.is_file():
            found[_name(root, path)] = sha256_file(path)
        else:
            found[_name(root, path)] = None  # named but absent (removed, or not made)
    return found


def _check_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for key, value in settings.items():
        if isinstance(value, str) and len(value) > _MAX_SETTING:
            raise ValueError(f"audit setting {key!r} is too long to be a setting")
        if value is not None and not isinstance(value, str | int | float | bool):
            raise TypeError(f"audit setting {key!r} must be a number, a switch or a short code")
        clean[key] = value
    return clean


def _check_counts(counts: Mapping[str, Any]) -> dict[str, int]:
    clean: dict[str, int] = {}
    for key, value in counts.items():
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"audit count {key!r} must be a whole number")
        clean[key] = value
    return clean


def note(
    root: Path,
    *,
    reads: Iterable[Path] = (),
    writes: Iterable[Path] = (),
    settings: Mapping[str, Any] | None = None,
    counts: Mapping[str, Any] | None = None,
) -> None:
    """Tell the audit log what the running command read, wrote, with which settings and counts.

    May be called several times in one command; the files and counts add up. A folder in
    ``reads`` or ``writes`` stands for every file in it.
    """
    entry = _Note(root=root)
    session = _current.get()
    if session is not None and session.flushed:
        return
    if session is not None:
        if session.note is None or session.note.root != root:
            session.note = entry
        entry = session.note
    entry.reads.update(_hashes(root, reads))
    entry.writes.update(_hashes(root, writes))
    entry.settings.update(_check_settings(settings or {}))
    for key, value in _check_counts(counts or {}).items():
        entry.counts[key] = entry.counts.get(key, 0) + value
    if session is None:
        append(root, _line(entry, command="(library)", outcome="ok"))


def name_command(name: str) -> None:
    """Name the command of the running session (the CLI, once it has parsed the arguments)."""
    session = _current.get()
    if session is not None:
        session.command = name


def flush(root: Path) -> None:
    """Write the running command's line now, as finished (``mdsa lock``: before ``private/``
    is packed away); nothing more is logged for this command afterwards."""
    session = _current.get()
    if session is None or session.note is None or session.note.root != root:
        return
    append(root, _line(session.note, command=session.command or "(library)", outcome="ok"))
    session.note = None
    session.flushed = True


def _line(entry: _Note, *, command: str, outcome: str) -> dict[str, Any]:
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": command,
        "version": __version__,
        "outcome": outcome,
        "reads": entry.reads,
        "writes": entry.writes,
        "settings": entry.settings,
        "counts": entry.counts,
    }


@contextlib.contextmanager
def session(command: str = "") -> Iterator[_Session]:
    """One command: its line is written when it ends, with how it ended, if it noted a
    project: ``ok``, or ``exit 1`` for a command that wrote files and found problems (an
    import with errors). A command that changed nothing and ended with exit 1 (validate on a
    broken file, a scan with findings) or was stopped by an error gets no line: a refused or
    failed run changes no file, the audit log included. The caller may set the yielded
    session's ``command`` once it knows it."""
    state = _Session(command=command)
    token = _current.set(state)
    outcome = "ok"
    try:
        yield state
    except BaseException as e:
        outcome = _outcome(e)
        raise
    finally:
        _current.reset(token)
        wrote = state.note is not None and any(state.note.writes.values())
        if state.note is not None and (outcome == "ok" or (outcome == "exit 1" and wrote)):
            try:
                append(state.note.root, _line(state.note, command=state.command, outcome=outcome))
            except OutputFileError:
                pass  # a read-only private/ must not turn a finished command into a failure


def _outcome(error: BaseException) -> str:
    from mdsa.errors import MdsaError

    if isinstance(error, MdsaError):
        return f"error {error.code}"
    code = getattr(error, "exit_code", None)
    if code is not None:
        return "ok" if code == 0 else f"exit {code}"
    if isinstance(error, SystemExit):
        return "ok" if error.code in (0, None) else f"exit {error.code}"
    return "bug"


def append(root: Path, line: dict[str, Any]) -> None:
    """Add one line at the end of the log, chained to the line before; flushed to disk."""
    path = root / AUDIT_FILE
    if not path.parent.is_dir():
        return  # no private/ (locked, or never made): nothing was read from it
    previous = _last_hash(path)
    record = {**line, "previous": previous}
    text = json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
    try:
        with path.open("a", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as e:
        raise OutputFileError(
            f"cannot add to the audit log ({type(e).__name__})", path=AUDIT_FILE
        ) from e


def _line_hash(text: str) -> str:
    return hashlib.sha256(text.rstrip("\n").encode("utf-8")).hexdigest()


def _last_hash(path: Path) -> str:
    if not path.is_file():
        return GENESIS
    last = ""
    with path.open(encoding="utf-8") as handle:
        for text in handle:
            if text.strip():
                last = text
    return _line_hash(last) if last else GENESIS


@dataclass
class AuditLog:
    """The log as read back: its entries, and the first line whose chain is broken."""

    entries: list[dict[str, Any]]
    broken_at: int | None = None

    @property
    def intact(self) -> bool:
        return self.broken_at is None

    @property
    def last(self) -> dict[str, Any] | None:
        return self.entries[-1] if self.entries else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "entries": self.entries,
            "intact": self.intact,
            "broken_at_line": self.broken_at,
        }


def read_log(root: Path) -> AuditLog:
    """Every entry of the log, checking that each line follows the one before unchanged."""
    from mdsa.fileio import read_text

    path = root / AUDIT_FILE
    if not path.is_file():
        return AuditLog(entries=[])
    entries: list[dict[str, Any]] = []
    previous = GENESIS
    broken: int | None = None
    for number, text in enumerate(read_text(path).splitlines(), start=1):
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except ValueError as e:
            raise InputFileError("damaged line in the audit log", path=path, line=number) from e
        if not isinstance(record, dict):
            raise InputFileError("damaged line in the audit log", path=path, line=number)
        if broken is None and record.get("previous") != previous:
            broken = number
        previous = _line_hash(text)
        entries.append(record)
    return AuditLog(entries=entries, broken_at=broken)
