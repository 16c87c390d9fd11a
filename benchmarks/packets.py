"""Time `mdsa packets` at N visits.

    .venv/bin/python benchmarks/packets.py                   # N = 1,000 and 10,000
    .venv/bin/python benchmarks/packets.py --sizes 1000      # a quick run

Each N gets a fresh project with the synthetic anonymised data set of ``benchmarks/aggregate.py``
(N visits over the three Spoorbuurt subareas, a text block for every other visit), its texts
made different from each other (a note of two to four phrases, as the example's are), so that
every block has its own id. The command runs in its own process under /usr/bin/time (wall time,
peak memory); it makes the aggregate again first (its charts go into the packets). Not a test:
figures depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from aggregate import MDSA, make_project  # noqa: E402  (a sibling script)

from mdsa.privacy.dataset import read_table, write_table  # noqa: E402

PHRASES = [
    "Woont hier al jaren en wil nooit meer weg",
    "Veel last van de goederentreinen 's nachts",
    "Vocht en schimmel in de badkamer, al vaker gemeld",
    "Kent de buren niet, iedereen leeft langs elkaar heen",
    "Wil wel meedoen met een opschoonactie",
    "Buurthuis is vaak dicht, openingstijden beperkt",
    "Zoon komt elke week boodschappen doen",
    "Zou samen een moestuin willen beginnen",
    "Slecht ter been, loopt met rollator",
    "Kleinkinderen kunnen nergens spelen in de buurt",
    "Kookt graag, wil wel koken voor de buurtmaaltijd",
    "Onzeker of het blok gesloopt of gerenoveerd wordt",
]


def vary_texts(project: Path, size: int) -> int:
    path = project / "data" / "text_blocks.csv"
    rows = read_table(path)
    rng = random.Random(size)
    for row in rows:
        row["text"] = ". ".join(rng.sample(PHRASES, rng.randint(2, 4))) + "."
    write_table(path, list(rows[0]), rows)
    return len(rows)


def run(project: Path) -> tuple[float, float, str]:
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", str(MDSA), "packets", str(project), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, kilobytes = done.stderr.strip().splitlines()[-1].split()
    import json

    sessions = len(json.loads(done.stdout)["sessions"])
    return float(seconds), float(kilobytes) / 1024, str(sessions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    args = parser.parse_args()
    print("| step | N | blocks | sessions | seconds | peak memory |")
    print("|---|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = make_project(Path(tmp) / "project", size)
            blocks = vary_texts(project, size)
            seconds, megabytes, sessions = run(project)
            print(
                f"| packets | {size:,} | {blocks:,} | {sessions} | {seconds:.1f} "
                f"| {megabytes:.0f} MB |"
            )


if __name__ == "__main__":
    main()
