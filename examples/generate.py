"""Generate the bulky, synthetic parts of the example projects, deterministically.

Run ``make examples`` (or ``python examples/generate.py``). The same code always writes the same
files, so the examples can be regenerated and reviewed as diffs. Street names are invented for
the Spoorbuurt and follow the Dukenburg style (``Lankforst 27-14``) for the Lankforst; no person
in any example exists.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
HOUSEHOLD_COLUMNS = ["street", "house_number", "postcode", "subarea", "block", "renovation_week"]

# Spoorbuurt: street -> (subarea, postcode digits, homes); 499 homes in all.
SPOORBUURT_STREETS: dict[str, tuple[str, str, int]] = {
    "Perronstraat": ("Stationskwartier", "6512", 62),
    "Conducteursstraat": ("Stationskwartier", "6512", 48),
    "Machinistenweg": ("Stationskwartier", "6512", 55),
    "Seinhuisstraat": ("Seinhuisbuurt", "6513", 44),
    "Wisselstraat": ("Seinhuisbuurt", "6513", 51),
    "Overwegstraat": ("Seinhuisbuurt", "6513", 39),
    "Baanwachtershof": ("Seinhuisbuurt", "6513", 24),
    "Emplacementlaan": ("Emplacement", "6514", 72),
    "Remiseweg": ("Emplacement", "6514", 58),
    "Dwarsliggerstraat": ("Emplacement", "6514", 46),
}


def _letters(index: int) -> str:
    """Two postcode letters, skipping the combinations PostNL does not use."""
    alphabet = "ABCDEGHJKLMNPRSTVWXZ"
    while True:
        pair = alphabet[index // len(alphabet) % len(alphabet)] + alphabet[index % len(alphabet)]
        if pair not in {"SA", "SD", "SS"}:
            return pair
        index += 1


def spoorbuurt_households(rng: random.Random) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    postcode_index = 0
    renovation_week = 10
    for street, (subarea, digits, homes) in SPOORBUURT_STREETS.items():
        numbers: list[str] = []
        number = 1
        while len(numbers) < homes:
            if rng.random() < 0.12:  # an upstairs flat beside the ground floor: 14a, 14b
                numbers.extend([f"{number}a", f"{number}b"])
            elif rng.random() < 0.05:  # a small block of flats: 103-1, 103-2, 103-3
                numbers.extend(f"{number}-{floor}" for floor in (1, 2, 3))
            else:
                numbers.append(str(number))
            number += rng.choice((1, 2, 2, 2))
        numbers = numbers[:homes]
        for position, house_number in enumerate(numbers):
            if position % 18 == 0:
                postcode = f"{digits} {_letters(postcode_index)}"
                postcode_index += 1
            block = f"{street[:3].upper()}-{position // 24 + 1}"
            if position % 24 == 0:
                renovation_week += 1
            year, week = (
                (2017, renovation_week) if renovation_week <= 52 else (2018, renovation_week - 52)
            )
            rows.append(
                {
                    "street": street,
                    "house_number": house_number,
                    "postcode": postcode,
                    # Most rows leave the subarea empty: mdsa places them by street.
                    "subarea": subarea if rng.random() < 0.3 else "",
                    "block": block,
                    "renovation_week": f"{year}-W{week:02d}",
                }
            )
    return rows


def lankforst_households() -> list[dict[str, str]]:
    """104 maisonnettes in 13 blocks of 8, numbered block-unit (27-14 style)."""
    postcodes = {
        **dict.fromkeys(range(11, 15), "6538 LA"),
        **dict.fromkeys(range(15, 18), "6538 LB"),
    }
    postcodes |= {
        18: "6538 LC",
        19: "6538 LD",
        20: "6538 LD",
        21: "6538 LE",
        22: "6538 LE",
        23: "6538 LG",
    }
    rows = []
    for block in range(11, 24):
        for unit in range(1, 9):
            rows.append(
                {
                    "street": "Lankforst",
                    "house_number": f"{block}-{unit + 10}",
                    "postcode": postcodes[block],
                    "subarea": "",  # placed by postcode: the street is the same everywhere
                    "block": f"blok {block}",
                    "renovation_week": f"2022-W{block + 2:02d}",
                }
            )
    return rows


def write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    spoorbuurt = spoorbuurt_households(random.Random(2016))
    assert len(spoorbuurt) == 499, len(spoorbuurt)
    write_csv(HERE / "spoorbuurt" / "private" / "households.csv", HOUSEHOLD_COLUMNS, spoorbuurt)
    lankforst = lankforst_households()
    assert len(lankforst) == 104, len(lankforst)
    write_csv(HERE / "lankforst" / "private" / "households.csv", HOUSEHOLD_COLUMNS, lankforst)
    print(f"wrote {len(spoorbuurt)} Spoorbuurt and {len(lankforst)} Lankforst households")

    from exports import write_example_exports  # a sibling module; generate.py runs as a script

    write_example_exports(HERE)

    # The filled-in worksheets of the working sessions: made from the export just written,
    # imported and anonymised in a temporary copy, so their block ids match make demo.
    from sessions import main as write_example_sessions

    write_example_sessions()


if __name__ == "__main__":
    main()
