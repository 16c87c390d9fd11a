"""Time `mdsa import`, `mdsa anonymise` and `mdsa scan` at N registrations.

    .venv/bin/python benchmarks/intake.py                 # N = 1,000 and 10,000; import at 100,000
    .venv/bin/python benchmarks/intake.py --sizes 1000    # a quick run
    .venv/bin/python benchmarks/intake.py --format xlsx --sizes --import-sizes 100000

Each N gets a fresh project in a temporary folder: the Spoorbuurt configuration, N homes on its
streets, and a Forms CSV download of N visits whose notes, closed answers and identifiers are
those of the example export, cycled, with a unique address and timestamp per visit. With
``--format xlsx`` the export is the linked sheet downloaded as .xlsx instead: typed cells (a
date-time, a date, numbers) and checkbox answers joined with ", ", as Google Sheets writes. Every
command runs in its own process under /usr/bin/time, which reports wall time, CPU time (user +
system, worker processes included) and peak memory; on a shared machine the CPU time is the
steadier figure.
Not a test: figures depend on the machine; the README quotes the 2-core reference machine.
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "spoorbuurt"
EXPORT = (
    EXAMPLE / "private" / "downloads" / "Registratie sociaal gesprek Meer dan Steen Alleen.csv.zip"
)
STREETS = [
    "Perronstraat", "Conducteursstraat", "Machinistenweg", "Seinhuisstraat", "Wisselstraat",
    "Overwegstraat", "Baanwachtershof", "Emplacementlaan", "Remiseweg", "Dwarsliggerstraat",
]  # fmt: skip
MDSA = Path(sys.executable).with_name("mdsa")


def forms_timestamp(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    marker = "a.m." if moment.hour < 12 else "p.m."
    zone = "CEST" if 4 <= moment.month <= 9 else "CET"
    return f"{moment:%Y/%m/%d} {hour}:{moment:%M:%S} {marker} {zone}"


MULTI_TITLES = ("Gekozen gesprekskaarten", "Soort actie")


def make_project(folder: Path, size: int, export_format: str = "csv") -> Path:
    sys.path.insert(0, str(ROOT))
    from mdsa.intake.exports import read_export

    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("private"))
    config = (folder / "mdsa.yaml").read_text(encoding="utf-8").replace("homes: 499\n", "")
    (folder / "mdsa.yaml").write_text(config, encoding="utf-8")
    (folder / "private").mkdir()
    homes = [(STREETS[i % len(STREETS)], i // len(STREETS) + 1) for i in range(size)]
    with (folder / "private" / "households.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["street", "house_number", "postcode"])
        writer.writerows([street, number, ""] for street, number in homes)

    raw = read_export(EXPORT)
    position = {title: i for i, title in reversed(list(enumerate(raw.headers)))}
    address = position["Adres (straat en huisnummer)"]
    postcode = position["Postcode"]
    visit_date = position["Datum huisbezoek"]
    start = datetime(2016, 9, 5, 9, 0)
    rows = []
    for index, (street, number) in enumerate(homes):
        cells = ["" if c is None else c for c in raw.rows[index % len(raw.rows)].cells]
        moment = start + timedelta(minutes=7 * index)
        cells[0] = forms_timestamp(moment)
        cells[address] = f"{street} {number}"
        cells[postcode] = ""
        cells[visit_date] = f"{moment:%Y-%m-%d}"
        rows.append((moment, cells))
    (folder / "private" / "downloads").mkdir()
    if export_format == "xlsx":
        return write_xlsx(folder / "private" / "downloads" / "Registratie.xlsx", raw.headers, rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(raw.headers)
    writer.writerows(cells for _, cells in rows)
    export = folder / "private" / "downloads" / "Registratie.csv"
    export.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return export


def write_xlsx(
    path: Path, headers: tuple[str, ...], rows: list[tuple[datetime, list[str]]]
) -> Path:
    """The linked sheet as .xlsx: typed cells, checkbox answers joined with ', '."""
    import openpyxl

    multi = {i for i, title in enumerate(headers) if title in MULTI_TITLES}
    visit_date = headers.index("Datum huisbezoek")
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Formulierreacties 1")
    sheet.append(list(headers))
    for moment, cells in rows:
        typed: list[object] = []
        for position, cell in enumerate(cells):
            if position == 0:
                typed.append(moment)
            elif position == visit_date:
                typed.append(moment.date())
            elif cell.isdigit():
                typed.append(int(cell))
            elif position in multi:
                typed.append(cell.replace(";", ", ") or None)
            else:
                typed.append(cell or None)
        sheet.append(typed)
    workbook.save(path)
    return path


def timed(*args: str) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system, its worker processes too) and peak memory
    (MB, of its largest process) of one mdsa command in its own process."""
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%e %U %S %M", str(MDSA), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode not in (0, 1):
        raise SystemExit(f"mdsa {' '.join(args)} failed:\n{result.stderr}")
    seconds, user, system, kilobytes = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), float(user) + float(system), int(kilobytes) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--import-sizes", type=int, nargs="*", default=[100000])
    parser.add_argument(
        "--format", choices=["csv", "xlsx"], default="csv", help="the export to import"
    )
    args = parser.parse_args()
    print(f"export: {args.format}")
    print("| step | N | seconds | CPU seconds | per second | peak memory |")
    print("|---|---:|---:|---:|---:|---:|")
    for size in sorted({*args.sizes, *args.import_sizes}):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "bench"
            export = make_project(folder, size, args.format)
            steps = [("import", "import", str(export), "--project", str(folder))]
            if size in args.sizes:
                steps += [("anonymise", "anonymise", str(folder)), ("scan", "scan", str(folder))]
            for name, *command in steps:
                seconds, cpu, memory = timed(*command)
                print(
                    f"| {name} | {size:,} | {seconds:.1f} | {cpu:.1f} | {size / seconds:,.0f} | "
                    f"{memory:,.0f} MB |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
