"""Speed of the scrubber on one core: start-up, notes per second, peak memory.

    python benchmarks/scrub_speed.py                 # mdsa's scrubber
    python benchmarks/scrub_speed.py --route deduce  # deduce 3.0.6 out of the box

Start-up is the time from nothing loaded to the first note scrubbed (imports and word lists);
throughput is measured over the labelled notes (both splits) repeated to --notes notes, by the
wall clock and by the process's CPU time (the second is steadier on a machine doing other work);
peak memory is the process's maximum resident set size (resource.getrusage). Run each route in
its own process: the figures are per process.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "scrub"


def notes() -> list[str]:
    texts = []
    for split in ("dev", "heldout"):
        with (DATA / f"{split}.jsonl").open(encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f if line.strip()]
    return texts


def mdsa_route() -> Callable[[str], object]:
    from mdsa.privacy.scrub import Scrubber

    return Scrubber(keep_words=["Lankforst", "Spoorbuurt", "Bindkracht10", "Woonwaarts"]).scrub


def deduce_route() -> Callable[[str], object]:
    from deduce import Deduce

    return Deduce().deidentify


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--route", default="mdsa", choices=["mdsa", "deduce"])
    parser.add_argument("--notes", type=int, default=5000)
    args = parser.parse_args(argv)
    texts = notes()
    started = time.perf_counter()
    scrub = mdsa_route() if args.route == "mdsa" else deduce_route()
    scrub(texts[0])
    startup = time.perf_counter() - started
    batch = (texts * (args.notes // len(texts) + 1))[: args.notes]
    started, cpu_started = time.perf_counter(), time.process_time()
    for text in batch:
        scrub(text)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    chars = sum(map(len, batch)) / len(batch)
    print(
        "| route | start-up | notes/s (1 core) | notes per CPU second | peak memory | mean note |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    print(
        f"| {args.route} | {startup:.2f} s | {len(batch) / elapsed:,.0f} "
        f"| {len(batch) / cpu:,.0f} | {peak_mb:,.0f} MB | {chars:.0f} chars |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
