"""Time `mdsa aggregate` at N visits.

    .venv/bin/python benchmarks/aggregate.py                   # N = 1,000, 10,000 and 100,000
    .venv/bin/python benchmarks/aggregate.py --sizes 1000      # a quick run

Each N gets a fresh project in a temporary folder: the Spoorbuurt configuration and forms.yaml,
and a synthetic anonymised data set in the format anonymise writes (data/visits.csv with N
visits over the three subareas, random closed answers skewed like real ones, some not answered
or withheld; data/text_blocks.csv with one block for every other visit). The command runs in
its own process under /usr/bin/time (wall time, peak memory). Not a test: figures depend on
the machine.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mdsa.privacy.dataset import MULTI_SEPARATOR, NOT_ANSWERED, WITHHELD, write_table

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "spoorbuurt"
MDSA = Path(sys.executable).with_name("mdsa")
SUBAREAS = ["Stationskwartier", "Seinhuisbuurt", "Emplacement"]
AGES = ["under_25", "25_44", "45_64", "65_79", "80_plus"]
HOUSEHOLDS = ["single", "single_parent", "couple", "family", "other"]
CARDS = ["life", "health", "safety", "learning", "emotions", "choices", "affiliation",
         "nature", "play", "control"]  # fmt: skip
ACTIONS = ["care_signal", "wellbeing_question", "housing_question", "participation_chance"]
GRADES = ["poor", "fair", "good", "unknown"]
GRID = ["shops", "green", "transport", "community_centre"]
CATEGORIES = ["person_obstacles", "person_opportunities", "environment_obstacles",
              "environment_opportunities", "talents", "remarks"]  # fmt: skip


def scale(rng: random.Random) -> str:
    if rng.random() < 0.03:
        return NOT_ANSWERED
    return str(min(10, max(1, round(rng.gauss(7, 1.8)))))


def make_project(folder: Path, size: int) -> Path:
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("private"))
    rng = random.Random(size)
    columns = ["household", "subarea", "visit_month", "visit_quarter", "visit_half_year",
               "age_group", "household_type", "years_in_neighbourhood",
               "years_in_neighbourhood_coarse", "actions", "cards",
               *[f"grid.facilities.{g}" for g in GRID],
               "scale.neighbour_contact", "scale.safety", "scale.satisfaction", "wants_to_join",
               "incomplete"]  # fmt: skip
    missing = [NOT_ANSWERED, WITHHELD]
    visits, blocks = [], []
    for n in range(size):
        subarea = rng.choice(SUBAREAS)
        cards = MULTI_SEPARATOR.join(rng.sample(CARDS, rng.randint(1, 3)))
        month = rng.randint(9, 12)
        fine = rng.choice(["0_2", "3_5", "6_10", "11_20", "21_plus", WITHHELD, NOT_ANSWERED])
        coarse = {"0_2": "0_10", "3_5": "0_10", "6_10": "0_10"}.get(fine, "11_plus")
        row = {
            "household": f"HH-{n:010X}",
            "subarea": subarea,
            "visit_month": rng.choice([f"2016-M{month:02d}", WITHHELD]),
            "visit_quarter": f"2016-Q{(month - 1) // 3 + 1}",
            "visit_half_year": "2016-H2",
            "age_group": rng.choices(AGES + missing, [1, 6, 9, 7, 3, 1, 1])[0],
            "household_type": rng.choices(HOUSEHOLDS + missing, [9, 1, 6, 4, 1, 2, 1])[0],
            "years_in_neighbourhood": fine,
            "years_in_neighbourhood_coarse": NOT_ANSWERED if fine == NOT_ANSWERED else coarse,
            "actions": MULTI_SEPARATOR.join(rng.sample(ACTIONS, rng.choice([0, 0, 1, 2])))
            or NOT_ANSWERED,
            "cards": cards,
            **{f"grid.facilities.{g}": rng.choice([*GRADES, NOT_ANSWERED]) for g in GRID},
            "scale.neighbour_contact": scale(rng),
            "scale.safety": scale(rng),
            "scale.satisfaction": scale(rng),
            "wants_to_join": rng.choice(["yes", "no", "maybe", NOT_ANSWERED]),
            "incomplete": "no",
        }
        visits.append(row)
        if n % 2 == 0:
            blocks.append(
                {
                    **{c: row[c] for c in columns[:5]},
                    "category": rng.choice(CATEGORIES),
                    "cards": cards,
                    "text": "Wil graag meedoen in de buurt.",
                    "field": "text.talents",
                }
            )
    header = [*columns[:5], "category", "cards", "text", "field"]
    write_table(folder / "data" / "visits.csv", columns, visits)
    write_table(folder / "data" / "text_blocks.csv", header, blocks)
    return folder


def run(project: Path) -> tuple[float, float]:
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", str(MDSA), "aggregate", str(project), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, kilobytes = done.stderr.strip().splitlines()[-1].split()
    return float(seconds), float(kilobytes) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = parser.parse_args()
    print("| step | N | seconds | visits per second | peak memory |")
    print("|---|---:|---:|---:|---:|")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = make_project(Path(tmp) / "project", size)
            seconds, megabytes = run(project)
            rate = size / seconds if seconds else float("inf")
            print(f"| aggregate | {size:,} | {seconds:.1f} | {rate:,.0f} | {megabytes:.0f} MB |")


if __name__ == "__main__":
    main()
