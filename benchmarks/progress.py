"""Time `mdsa progress` at N visits (target: 100,000 visits in under 5 s).

    .venv/bin/python benchmarks/progress.py                  # N = 1,000, 10,000 and 100,000
    .venv/bin/python benchmarks/progress.py --sizes 1000     # a quick run

Each N gets a fresh project in a temporary folder: the Spoorbuurt configuration, an address
list of N * 0.8 homes on the Spoorbuurt's streets, private/registrations.jsonl with N visits
(three in four a conversation, the rest not at home, declined or only the technical visit; a
home visited up to four times, by seven workers, over 40 weeks) and an action list with an
entry for every fourth visit. The command (terminal table, output/progress.xlsx and
output/progress.html with its chart, both scanned) runs in its own process under /usr/bin/time
(wall time, peak memory). Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from mdsa.intake.registrations import Registration, save_registrations
from mdsa.phases.actions import STATUSES, TYPES, Action, save_actions
from mdsa.project.addresses import address_key, parse_house_number

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "spoorbuurt"
MDSA = Path(sys.executable).with_name("mdsa")
STREETS = {
    "Perronstraat": "Stationskwartier",
    "Conducteursstraat": "Stationskwartier",
    "Machinistenweg": "Stationskwartier",
    "Seinhuisstraat": "Seinhuisbuurt",
    "Wisselstraat": "Seinhuisbuurt",
    "Overwegstraat": "Seinhuisbuurt",
    "Emplacementlaan": "Emplacement",
    "Remiseweg": "Emplacement",
    "Dwarsliggerstraat": "Emplacement",
}
WORKERS = ["Ilse van Dam", "Joost Peters", "Ruben Hoekstra", "Nadia el Idrissi",
           "Sanne de Graaf", "Marieke Verbeek", "ruben hoekstra"]  # fmt: skip
OUTCOMES = {"held": 75, "not_home": 15, "declined": 7, "technical_only": 3}
OWNERS = ["Sociaal Wijkteam Oost", "Bindkracht10", "Woonstichting Woonwaarts", ""]


def make_project(folder: Path, size: int) -> Path:
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("private"))
    rng = random.Random(size)
    streets = list(STREETS)
    homes = [(streets[i % len(streets)], str(i // len(streets) + 1)) for i in range(size * 4 // 5)]
    private = folder / "private"
    private.mkdir()
    with (private / "households.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["street", "house_number", "postcode", "subarea"])
        writer.writerows([street, number, "6512 AB", ""] for street, number in homes)
    start = date(2016, 9, 5)
    registrations = []
    actions = []
    for n in range(size):
        street, number = rng.choice(homes)
        house = parse_house_number(number)
        assert house is not None
        day = start + timedelta(days=rng.randrange(280))
        outcome = rng.choices(list(OUTCOMES), list(OUTCOMES.values()))[0]
        answers: dict[str, object] = {"visit_outcome": outcome}
        if outcome == "held":
            answers |= {"scale.satisfaction": rng.randint(1, 10), "actions": []}
        registration = Registration(
            source="private/raw/bench.csv",
            row=n + 2,
            submitted_at=f"{day.isoformat()}T17:{n % 60:02d}:00+01:00",
            visit_date=day.isoformat(),
            identity={"visitor": rng.choice(WORKERS), "address": f"{street} {number}"},
            household=address_key(street, house),
            subarea=STREETS[street],
            subarea_source="address-list",
            answers=answers,
        )
        registrations.append(registration)
        if outcome == "held" and n % 4 == 0:
            actions.append(
                Action(
                    id=len(actions) + 1,
                    type=rng.choice(TYPES),
                    household=f"HH-{n:010X}",
                    subarea=STREETS[street],
                    owner=rng.choice(OWNERS),
                    status=rng.choice(STATUSES),
                    due=day + timedelta(days=14),
                    visit=f"V-{n:010X}",
                )
            )
    save_registrations(private / "registrations.jsonl", registrations)
    save_actions(folder, actions)
    return folder


def run(project: Path) -> tuple[float, float]:
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", str(MDSA), "progress", str(project)],
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
            print(f"| progress | {size:,} | {seconds:.1f} | {rate:,.0f} | {megabytes:.0f} MB |")


if __name__ == "__main__":
    main()
