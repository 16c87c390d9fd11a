"""The critical path of one `mdsa import`: what its wall time would be on an idle 2-core machine.

    .venv/bin/python benchmarks/import_critical_path.py EXPORT PROJECT

On a shared machine the wall time of an import swings with the other jobs' load. This runs the
import in this process and prints the CPU time of its main thread (start-up, parsing, reading,
its own rows, merging, writing, freeing) plus the time it would wait for its forked worker (the
worker's CPU beyond the main thread's CPU for its own rows). The thread that reads the address
list while calamine parses is left out: on two idle cores it finishes before the parse. Make the
project as `benchmarks/intake.py` does; the import writes into PROJECT, so use a fresh copy for
each run. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import atexit
import os
import resource
import sys
import time
from typing import Any

from mdsa.intake import registrations

try:
    from mdsa.intake import written
except ImportError:  # a version of mdsa that imports in one process
    written = None  # type: ignore[assignment]

PARENT = os.getpid()
OWN: list[float] = []


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    export, project = sys.argv[1:]
    convert_all = registrations.RowConverter.convert_all

    def timed_convert(self: registrations.RowConverter, rows: Any) -> Any:
        start = time.thread_time()
        try:
            return convert_all(self, rows)
        finally:
            if os.getpid() == PARENT:
                OWN.append(time.thread_time() - start)

    registrations.RowConverter.convert_all = timed_convert  # type: ignore[method-assign]
    if written is not None:
        lines = written.written

        def timed_lines(done: Any) -> Any:
            start = time.thread_time()
            try:
                return lines(done)
            finally:
                if os.getpid() == PARENT:
                    OWN.append(time.thread_time() - start)

        written.written = timed_lines
    atexit.register(report)
    sys.argv = ["mdsa", "import", export, "--project", project]
    from mdsa.cli import main as mdsa

    mdsa()


def report() -> None:
    if os.getpid() != PARENT:
        return
    main_thread = time.thread_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker = children.ru_utime + children.ru_stime
    own = sum(OWN) if worker else 0.0
    wait = max(0.0, worker - own)
    print(
        f"main thread {main_thread:.2f} s CPU, worker {worker:.2f} s, main thread's own rows "
        f"{own:.2f} s: critical path {main_thread + wait:.2f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
