"""Time `mdsa feedback` (the newsletter to every resident) at N households.

    .venv/bin/python benchmarks/feedback.py                 # N = 500, 5,000 and 50,000
    .venv/bin/python benchmarks/feedback.py --sizes 500     # a quick run

Each N gets a fresh copy of the Spoorbuurt example with a synthetic data/visits.csv and
data/text_blocks.csv (N households, two text blocks each, one to three conversation cards),
output/aggregate.json made by `mdsa aggregate` (not timed) and an action list with an entry for
every third household. The timed command renders the PDF and the HTML page, scans both in
private/staging/ and publishes them; it runs in its own process under /usr/bin/time (wall time,
peak memory). Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mdsa.phases.actions import TYPES, Action, save_actions
from mdsa.privacy.dataset import MULTI_SEPARATOR, write_table

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "spoorbuurt"
MDSA = Path(sys.executable).with_name("mdsa")
SUBAREAS = ("Stationskwartier", "Seinhuisbuurt", "Emplacement")
CARDS = ("life", "health", "safety", "learning", "emotions", "choices", "affiliation", "nature",
         "play", "control")  # fmt: skip
CATEGORIES = ("person_obstacles", "person_opportunities", "environment_obstacles",
              "environment_opportunities", "talents")  # fmt: skip


def make_project(folder: Path, size: int) -> Path:
    shutil.copytree(EXAMPLE, folder)
    rng = random.Random(size)
    visits, blocks = [], []
    for n in range(size):
        household = f"HH-{n:010X}"
        subarea = rng.choice(SUBAREAS)
        cards = MULTI_SEPARATOR.join(rng.sample(CARDS, rng.randint(1, 3)))
        visits.append({"household": household, "subarea": subarea, "visit_month": "2016-10",
                       "cards": cards, "incomplete": "no"})  # fmt: skip
        for category in rng.sample(CATEGORIES, 2):
            blocks.append({"household": household, "subarea": subarea, "visit_month": "2016-10",
                           "category": category, "cards": cards, "text": "Verhaal"})  # fmt: skip
    (folder / "data").mkdir()
    write_table(folder / "data" / "visits.csv", list(visits[0]), visits)
    write_table(folder / "data" / "text_blocks.csv", list(blocks[0]), blocks)
    actions = [
        Action(id=i + 1, type=rng.choice(TYPES), household=f"HH-{i * 3:010X}", visit=f"V-{i:08X}")
        for i in range(size // 3)
    ]
    save_actions(folder, actions)
    subprocess.run([str(MDSA), "aggregate", str(folder)], capture_output=True, check=True)
    return folder


def run(project: Path) -> tuple[float, float]:
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", str(MDSA), "feedback", str(project)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, kilobytes = done.stderr.strip().splitlines()[-1].split()
    return float(seconds), float(kilobytes) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5_000, 50_000])
    args = parser.parse_args()
    print("| step | N households | seconds | peak memory |")
    print("|---|---:|---:|---:|")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = make_project(Path(tmp) / "project", size)
            seconds, megabytes = run(project)
            print(f"| feedback | {size:,} | {seconds:.1f} | {megabytes:.0f} MB |")


if __name__ == "__main__":
    main()
