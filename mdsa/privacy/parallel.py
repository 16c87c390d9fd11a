"""Scrub many notes over the machine's cores, in order; and run a job in a second process.

``iter_scrubbed`` gives the same results as scrubbing one note after the other: worker processes
take the notes in chunks and the results come back in the order of the notes. Where the
operating system can fork safely (Linux; see ``can_fork``), the workers are forked from this
process: they start with the project's scrubber, the notes and the privacy gate's detector as
this process holds them, so none of them is pickled (a scrubber of 100,000 homes holds patterns
that take seconds to compile again), and a chunk is sent as two numbers. Elsewhere each worker
gets the scrubber pickled once. Given a detector, each worker also looks at the scrubbed notes
it made the way the privacy gate will (``Detector.text_hits``) and this process remembers the
answers: the gate's scan of the new data set then only looks up each note. Small jobs stay in
this process, where starting workers would cost more than it saves; a machine that cannot start
worker processes scrubs in this process too, only slower.

``map_forked`` calls a function over forked workers (reading the registrations in parts),
``in_child`` runs a function in a forked process while this one goes on (the privacy gate
writes a workbook there), and in this process where there is no fork. ``without_cyclic_gc``
pauses the cycle collector for a large job (an import, anonymise).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from mdsa.privacy.scan_detect import Detector, Hit, Scope
    from mdsa.privacy.scrub import Scrubber, ScrubResult

# Below this many notes one process is quicker than starting workers (measured: 2,000 notes
# take about 0.5 s in one process, a worker about 0.15 s to start with its word lists).
PARALLEL_FROM = 2000
CHUNK = 250
MAX_WORKERS = 8
T = TypeVar("T")
# What forked workers inherit: the scrubber, the notes and the detector (see the module's doc).
_forked_job: tuple[Scrubber, Sequence[str], tuple[Detector | None, Scope]] | None = None
_forked_call: Callable[[int], Any] | None = None  # map_forked's function
_worker_scrubber: Scrubber | None = None  # a worker started by pickling (no fork)
_worker_check: tuple[Detector | None, Scope] = (None, "data")


@contextlib.contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """Pause Python's cycle collector during a large job.

    An import or anonymise makes millions of small objects that live until the end and hold no
    cycles; the collector's full passes over that growing heap took half the time of an import
    of 100,000 rows. Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def can_fork() -> bool:
    """Whether worker processes may be forked: the start method ``fork`` exists, and this is
    not macOS, where system libraries may hold locks a forked child never sees released (Python
    itself spawns there). The one answer for every forking part of mdsa."""
    return sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


def default_workers(notes: int) -> int:
    """``MDSA_WORKERS`` when set, else one per core (at most 8) for large jobs, else 1."""
    if explicit := os.environ.get("MDSA_WORKERS", "").strip():
        try:
            return max(1, int(explicit))
        except ValueError:
            return 1
    if notes < PARALLEL_FROM:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def iter_scrubbed(
    scrubber: Scrubber,
    texts: Sequence[str],
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    detector: Detector | None = None,
    scope: Scope = "data",
) -> Iterator[ScrubResult]:
    """Every text scrubbed by ``scrubber``, in the order given, one result at a time as the
    chunks come back: the caller works on the first results while the workers scrub the rest.
    With ``detector``, the detector has looked at every scrubbed text in the workers, as text
    of ``scope`` (``Detector.text_hits``, ``Detector.remember``)."""
    count = default_workers(len(texts)) if workers is None else max(1, workers)
    if count > 1 and len(texts) > CHUNK:
        done = 0
        try:
            for result in _in_workers(scrubber, texts, count, (detector, scope)):
                yield result
                done += 1
                if progress and (done % CHUNK == 0 or done == len(texts)):
                    progress(done, len(texts))
            return
        except (OSError, BrokenProcessPool):
            if done:  # results already handed on: starting again would repeat them
                raise
            # no worker processes here (a locked-down machine): do it in this process
    for done, text in enumerate(texts, 1):
        yield scrubber.scrub(text)
        if progress and (done % CHUNK == 0 or done == len(texts)):
            progress(done, len(texts))


def _in_workers(
    scrubber: Scrubber,
    texts: Sequence[str],
    workers: int,
    check: tuple[Detector | None, Scope],
) -> Iterator[ScrubResult]:
    global _forked_job
    detector, scope = check
    ranges = [(i, min(i + CHUNK, len(texts))) for i in range(0, len(texts), CHUNK)]
    if can_fork():
        _forked_job = (scrubber, texts, check)
        pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("fork")
        )
        parts = pool.map(_scrub_range, ranges)
    else:
        pool = ProcessPoolExecutor(
            max_workers=workers, initializer=_start_worker, initargs=(scrubber, check)
        )
        parts = pool.map(_scrub_chunk, (list(texts[s:e]) for s, e in ranges))
    try:
        for part in parts:
            for result, hits in part:
                if detector is not None and hits is not None:
                    detector.remember(result.text, scope, hits)
                yield result
    finally:
        _forked_job = None
        pool.shutdown(cancel_futures=True)  # on an error the chunks not yet started


def _start_worker(scrubber: Scrubber, check: tuple[Detector | None, Scope]) -> None:
    global _worker_scrubber, _worker_check
    _worker_scrubber, _worker_check = scrubber, check


def _scrub_range(span: tuple[int, int]) -> list[tuple[ScrubResult, list[Hit] | None]]:
    assert _forked_job is not None, "worker forked without its job"
    scrubber, texts, check = _forked_job
    return _scrub(scrubber, check, texts[span[0] : span[1]])


def _scrub_chunk(texts: list[str]) -> list[tuple[ScrubResult, list[Hit] | None]]:
    assert _worker_scrubber is not None, "worker started without its scrubber"
    return _scrub(_worker_scrubber, _worker_check, texts)


def _scrub(
    scrubber: Scrubber, check: tuple[Detector | None, Scope], texts: Sequence[str]
) -> list[tuple[ScrubResult, list[Hit] | None]]:
    detector, scope = check
    out: list[tuple[ScrubResult, list[Hit] | None]] = []
    for text in texts:
        result = scrubber.scrub(text)
        hits = detector.text_hits(result.text, scope) if detector is not None else None
        out.append((result, hits))
    return out


def map_forked(function: Callable[[int], T], count: int, workers: int) -> list[T]:
    """``function(0)`` to ``function(count - 1)`` in forked worker processes, the results in
    order. ``function`` may be a closure over anything this process holds: it is not pickled,
    only its results are. In this process with one worker or where there is no fork."""
    global _forked_call
    if workers <= 1 or count <= 1 or not can_fork():
        return [function(index) for index in range(count)]
    _forked_call = function
    try:
        with ProcessPoolExecutor(
            max_workers=min(workers, count), mp_context=multiprocessing.get_context("fork")
        ) as pool:
            return list(pool.map(_call_forked, range(count)))
    finally:
        _forked_call = None


def _call_forked(index: int) -> Any:
    assert _forked_call is not None, "worker forked without its function"
    return _forked_call(index)


class Child(Generic[T]):
    """A function running in a forked process (``in_child``); ``result`` waits for it."""

    def __init__(self, function: Callable[[], T]) -> None:
        self._value: Any = None
        self._process: Any = None
        self._receiver: Connection | None = None
        if not can_fork():
            self._value = function()  # no fork here: in this process, now
            return
        context = multiprocessing.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_run_child, args=(function, sender), daemon=True)
        self._process.start()
        sender.close()

    def result(self) -> T:
        """The function's return value; its exception raised again here."""
        if self._receiver is None:
            done: T = self._value
            return done
        outcome: tuple[bool, Any]
        try:
            outcome = self._receiver.recv()
        except EOFError:
            outcome = (False, RuntimeError("the worker process ended without a result"))
        finally:
            self._receiver.close()
            self._process.join()
            self._receiver = None
        ok, value = outcome
        if not ok:
            raise value
        self._value = value
        return cast(T, value)


def in_child(function: Callable[[], T]) -> Child[T]:
    """Start ``function`` in a forked process (in this one where there is no fork)."""
    return Child(function)


def _run_child(function: Callable[[], Any], sender: Connection) -> None:
    try:
        value = (True, function())
    except BaseException as e:  # handed to the parent, which raises it
        value = (False, e)
    try:
        sender.send(value)
    except Exception as e:  # an exception that cannot be pickled: its description
        sender.send((False, RuntimeError(f"{type(value[1]).__name__}: {e}")))
    sender.close()
