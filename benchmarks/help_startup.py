"""How long `mdsa --help` takes from a cold process: the median of 20 runs.

Run with `make bench` or `.venv/bin/python benchmarks/help_startup.py`. Not a test: timings
depend on the machine; the README quotes the figure measured on the 2-core reference machine.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 20


def main() -> None:
    mdsa = Path(sys.executable).with_name("mdsa")
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([str(mdsa), "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    print(
        f"mdsa --help: median {statistics.median(times) * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms over {RUNS} runs"
    )


if __name__ == "__main__":
    main()
