"""Scrub many notes over the machine's cores, in order.

``scrub_all`` gives the same results as scrubbing one note after the other: each worker process
gets the project's scrubber once (with its known identifiers), takes notes in chunks, and the
results come back in the order of the notes. Small jobs stay in this process, where starting
workers would cost more than it saves; a machine that cannot start worker processes scrubs in
this process too, only slower.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mdsa.privacy.scrub import Scrubber, ScrubResult

# Below this many notes one process is quicker than starting workers (measured: 2,000 notes
# take about 0.5 s in one process, a worker about 0.15 s to start with its word lists).
PARALLEL_FROM = 2000
CHUNK = 250
MAX_WORKERS = 8
_worker_scrubber: Scrubber | None = None


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


def scrub_all(
    scrubber: Scrubber,
    texts: Sequence[str],
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[ScrubResult]:
    """Every text scrubbed by ``scrubber``, in the order given."""
    count = default_workers(len(texts)) if workers is None else max(1, workers)
    if count > 1 and len(texts) > CHUNK:
        try:
            return _in_workers(scrubber, texts, count, progress)
        except (OSError, BrokenProcessPool):
            pass  # no worker processes here (a locked-down machine): do it in this process
    results = []
    for done, text in enumerate(texts, 1):
        results.append(scrubber.scrub(text))
        if progress and (done % CHUNK == 0 or done == len(texts)):
            progress(done, len(texts))
    return results


def _in_workers(
    scrubber: Scrubber,
    texts: Sequence[str],
    workers: int,
    progress: Callable[[int, int], None] | None,
) -> list[ScrubResult]:
    chunks = [list(texts[i : i + CHUNK]) for i in range(0, len(texts), CHUNK)]
    results: list[ScrubResult] = []
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=(scrubber,)
    ) as pool:
        for part in pool.map(_scrub_chunk, chunks):
            results.extend(part)
            if progress:
                progress(len(results), len(texts))
    return results


def _start_worker(scrubber: Scrubber) -> None:
    global _worker_scrubber
    _worker_scrubber = scrubber


def _scrub_chunk(texts: list[str]) -> list[ScrubResult]:
    assert _worker_scrubber is not None, "worker started without its scrubber"
    return [_worker_scrubber.scrub(text) for text in texts]
