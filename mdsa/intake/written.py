"""New registrations built and written as their lines of ``registrations.jsonl``, over two cores.

An import of 100,000 rows spends most of its Python time building the registrations of the
rows and writing each as a line. A row's registration depends on that row alone (the column
facts, such as the order of day and month, are decided beforehand), so the rows are cut into
consecutive parts: forked worker processes build and write the later parts, sharing the rows
copy-on-write, while this process does the first; the lines come back in row order. What comes
back is the same, byte for byte and problem for problem, as building every row in this process.

A ``Written`` keeps what merging and sorting need beside its line; where merging must change a
visit (a submission of a visit already imported), ``registration()`` reads the line back.
Small exports, a machine that cannot fork and ``MDSA_WORKERS=1`` stay in this process.
"""

from __future__ import annotations

import multiprocessing
import pickle
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from mdsa.intake.exports import RawRow
    from mdsa.intake.registrations import Registration, RowConverter

# Below this many rows one process is quicker than forking (100,000 rows: about 4 s of work).
FORK_FROM = 5000
MAX_PARTS = 4
# The share of the rows this process builds itself, of two: a worker builds a row as quickly,
# but then packs and sends its lines (about 0.15 s per 50,000) while this process waits.
OWN_SHARE = 0.52

_Meta = tuple[int, str, "str | None", "str | None", bool, bool]


@dataclass(slots=True)
class Written:
    """A new registration as its line (without the newline) and what merging needs of it."""

    line: bytes
    row: int
    visit_key: str
    visit_date: str | None
    submitted_at: str | None
    stored: bool
    incomplete: bool

    def registration(self) -> Registration:
        import orjson

        from mdsa.intake.registrations import Registration

        return Registration.from_dict(orjson.loads(self.line))


def written(registrations: Sequence[Registration]) -> list[Written]:
    """Each registration as its line."""
    lines = _joined(registrations).split(b"\n") if registrations else []
    return [Written(line, *_facts(r)) for line, r in zip(lines, registrations, strict=True)]


def _joined(registrations: Sequence[Registration]) -> bytes:
    """The lines of ``registrations`` joined by newlines. orjson's output buffer starts larger
    than a line and is cut down after, so keeping 100,000 separate results touches a fresh
    page for each (1.1 s of CPU, half of it page faults); joined by blocks, the same memory is
    used again (0.5 s)."""
    return b"\n".join(
        [
            b"\n".join([r.to_json_bytes() for r in registrations[start : start + _BLOCK]])
            for start in range(0, len(registrations), _BLOCK)
        ]
    )


def _facts(r: Registration) -> _Meta:
    return r.row, r.visit_key, r.visit_date, r.submitted_at, r.stored, bool(r.incomplete)


_BLOCK = 128


def convert_written(
    converter: RowConverter, rows: Sequence[RawRow], *, workers: int | None = None
) -> list[Written]:
    """The registrations of ``rows`` (in order) as ``Written``; their problems go into the
    converter's report as if one process had built them all."""
    parts = _parts(len(rows), _worker_count(len(rows)) if workers is None else workers)
    if len(parts) > 1 and _can_fork():
        return _forked(converter, rows, parts)
    return written(converter.convert_all(rows))


def _worker_count(rows: int) -> int:
    from mdsa.privacy.parallel import default_workers

    return 1 if rows < FORK_FROM else min(default_workers(rows), MAX_PARTS)


def _parts(total: int, workers: int) -> list[tuple[int, int]]:
    """Consecutive ranges of rows: the first (this process's) ``OWN_SHARE`` of two, the rest
    shared evenly by the workers."""
    if workers <= 1 or total < 2:
        return [(0, total)]
    own = round(total * OWN_SHARE * 2 / workers)
    bounds = [0, own]
    rest = total - own
    for i in range(1, workers):
        bounds.append(own + rest * i // (workers - 1))
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def _can_fork() -> bool:
    """Fork only where it is safe (``mdsa.privacy.parallel.can_fork``) and no other thread is
    running (the reading thread's locks would stay taken in the child)."""
    from mdsa.privacy.parallel import can_fork

    return can_fork() and threading.active_count() == 1


def _forked(
    converter: RowConverter, rows: Sequence[RawRow], parts: list[tuple[int, int]]
) -> list[Written]:
    context = multiprocessing.get_context("fork")
    report = converter.report
    start = len(report.issues)
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # nothing buffered before the fork is written twice
    children = []
    left: list[tuple[int, int]] = []  # parts no worker could be started for
    try:
        for number, (begin, end) in enumerate(parts[1:], start=1):
            try:
                receiver, sender = context.Pipe(duplex=False)
                child = context.Process(
                    target=_work, args=(converter, rows, begin, end, start, sender), daemon=True
                )
                child.start()
            except OSError:  # no new process here (a process limit): this one builds them
                left = parts[number:]
                break
            sender.close()
            children.append((child, receiver, begin, end))
        begin, end = parts[0]
        out = written(converter.convert_all(rows[begin:end]))
        for _child, receiver, begin, end in children:
            out.extend(_collect(converter, rows, receiver, begin, end))
        for begin, end in left:
            out.extend(written(converter.convert_all(rows[begin:end])))
    finally:
        for child, receiver, *_ in children:
            receiver.close()
            child.join(timeout=5)
            if child.is_alive():
                child.kill()
    return out


def _work(
    converter: RowConverter,
    rows: Sequence[RawRow],
    begin: int,
    end: int,
    start: int,
    sender: Connection,
) -> None:
    """In a worker: build the rows ``begin:end`` and send back their lines, what merging needs
    and their problems (the report's issues after ``start``, which the parent already has)."""
    try:
        registrations = converter.convert_all(rows[begin:end])
        head = pickle.dumps(
            ([_facts(r) for r in registrations], converter.report.issues[start:]),
            protocol=pickle.HIGHEST_PROTOCOL,
        )
        lines = _joined(registrations)
    except BaseException:  # any failure: the parent builds these rows itself and sees it
        head, lines = pickle.dumps(None), b""
    sender.send_bytes(head)
    sender.send_bytes(lines)
    sender.close()


def _collect(
    converter: RowConverter,
    rows: Sequence[RawRow],
    receiver: Connection,
    begin: int,
    end: int,
) -> list[Written]:
    try:
        head = pickle.loads(receiver.recv_bytes())
        blob = receiver.recv_bytes()
    except (EOFError, OSError):  # the worker died (out of memory, killed)
        head = None
    if head is None:
        return written(converter.convert_all(rows[begin:end]))
    meta, issues = head
    converter.report.issues.extend(issues)
    lines = blob.split(b"\n") if meta else []
    return [Written(line, *facts) for line, facts in zip(lines, meta, strict=True)]
