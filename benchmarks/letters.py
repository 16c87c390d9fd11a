"""Time `mdsa letters` for N households: one PDF (a page each) and one DOCX each.

    .venv/bin/python benchmarks/letters.py                   # N = 500 and 5,000
    .venv/bin/python benchmarks/letters.py --sizes 500       # a quick run

Each N gets a fresh copy of the Spoorbuurt example in a temporary folder with a synthetic
address list of N homes (a name on every tenth, a visit date on every other). The command runs
in its own process (wall time, including Python's start and imports). Targets from issue 8 on
the 2-core machine: 500 letters as one PDF under 5 s, as DOCX under 30 s. Not a test.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "spoorbuurt"
MDSA = Path(sys.executable).with_name("mdsa")
STREETS = ["Perronstraat", "Wisselstraat", "Remiseweg", "Emplacementlaan", "Seinhuisstraat"]


def make_project(folder: Path, homes: int) -> Path:
    project = folder / "spoorbuurt"
    shutil.copytree(EXAMPLE, project)
    with (project / "private" / "households.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["street", "house_number", "postcode", "name", "visit_date", "visit_time"])
        for i in range(homes):
            writer.writerow(
                [
                    STREETS[i % len(STREETS)],
                    f"{i // len(STREETS) + 1}",
                    f"65{12 + i % 3} A{'BCDEGHJKLMNPRSTVWXZ'[i % 19]}",
                    f"Fam. Bakker & Zn #{i}" if i % 10 == 0 else "",
                    f"2016-09-{5 + i % 20:02d}" if i % 2 == 0 else "",
                    "tussen 9.00 en 11.00 uur" if i % 2 == 0 else "",
                ]
            )
    return project


def timed(args: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one command in its own process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(MDSA), *args], check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    sizes = parser.parse_args().sizes
    # On a shared machine wall time depends on the other processes; CPU time much less so.
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'households':>10}  {'PDF wall / CPU':>18}  {'DOCX wall / CPU':>18}")
    for homes in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = make_project(Path(tmp), homes)
            pdf = timed(["letters", str(project), "--format", "pdf"])
            docx = timed(["letters", str(project), "--format", "docx"])
        pdf_text = f"{pdf[0]:>7.1f} s / {pdf[1]:>5.1f} s"
        docx_text = f"{docx[0]:>7.1f} s / {docx[1]:>5.1f} s"
        print(f"{homes:>10,}  {pdf_text}  {docx_text}")


if __name__ == "__main__":
    main()
