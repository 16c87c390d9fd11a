"""Generalisation of visits.csv: no combination of subarea, period and demographics is rare."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from formfixtures import visit, write_forms_csv
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mdsa.cli import app
from mdsa.privacy.anonymise import KEY_COLUMNS, _generalise
from mdsa.privacy.dataset import (
    MISSING_MARKERS,
    NOT_ANSWERED,
    NOT_ASKED,
    PERIOD_COLUMNS,
    WITHHELD,
    YEARS_COLUMNS,
    coarse_band,
    periods,
    read_table,
)

MARKERS = (NOT_ANSWERED, NOT_ASKED)


def _row(subarea: str, date: str, age: str, household: str, years: str) -> dict[str, str]:
    """A row as anonymise builds it, before generalisation."""
    return {
        "subarea": subarea,
        **periods(date),
        "age_group": age,
        "household_type": household,
        "years_in_neighbourhood": years,
        "years_in_neighbourhood_coarse": coarse_band(years),
        "scale.satisfaction": "7",
    }


rows_strategy = st.lists(
    st.builds(
        _row,
        st.sampled_from(["A", "B", NOT_ANSWERED]),
        st.sampled_from(["2016-01-04", "2016-05-10", "2016-11-07", "2017-02-01", ""]),
        st.sampled_from(["25_44", "65_79", *MARKERS]),
        st.sampled_from(["single", "family", *MARKERS]),
        st.sampled_from(["0_2", "6_10", "11_20", "21_plus", *MARKERS]),
    ),
    min_size=1,
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(rows=rows_strategy, k=st.integers(min_value=2, max_value=6))
def test_no_combination_is_rarer_than_the_group_size(rows: list[dict[str, str]], k: int) -> None:
    """What an outsider sees: every value of every key column, the markers included."""
    _generalise(rows, k)
    counts = Counter(tuple(r[f] for f in KEY_COLUMNS) for r in rows)
    for combination, count in counts.items():
        withheld_all = all(value == WITHHELD for value in combination[1:])
        assert count >= k or withheld_all, combination


@settings(max_examples=200, deadline=None)
@given(rows=rows_strategy, k=st.integers(min_value=2, max_value=6))
def test_each_column_keeps_one_scheme(rows: list[dict[str, str]], k: int) -> None:
    """After generalisation a period column holds only its own kind of period, a years column
    only its own bands, and a coarser column is never withheld while a finer one is shown."""
    _generalise(rows, k)
    patterns = {
        "visit_month": r"^\d{4}-M(0[1-9]|1[0-2])$",
        "visit_quarter": r"^\d{4}-Q[1-4]$",
        "visit_half_year": r"^\d{4}-H[12]$",
        "years_in_neighbourhood": r"^(0_2|3_5|6_10|11_20|21_plus)$",
        "years_in_neighbourhood_coarse": r"^(0_10|11_plus)$",
    }
    for row in rows:
        for column, pattern in patterns.items():
            assert row[column] in MISSING_MARKERS or re.match(pattern, row[column]), row
        for scheme in (PERIOD_COLUMNS, YEARS_COLUMNS):
            shown = [row[c] not in MISSING_MARKERS for c in scheme]
            assert shown == sorted(shown), f"a finer column shown beside a coarser one: {row}"
        assert row["scale.satisfaction"] == "7", "only the key columns are generalised"


def test_periods_month_quarter_half_year() -> None:
    assert periods("2016-11-07") == {
        "visit_month": "2016-M11",
        "visit_quarter": "2016-Q4",
        "visit_half_year": "2016-H2",
    }
    assert periods("2016-01-31")["visit_quarter"] == "2016-Q1"
    assert periods("2016-06-30")["visit_half_year"] == "2016-H1"
    assert set(periods(None).values()) == {NOT_ANSWERED}
    assert coarse_band("3_5") == "0_10" and coarse_band("11_20") == "11_plus"
    assert coarse_band(NOT_ASKED) == NOT_ASKED


def test_unanswered_quasi_identifiers_in_a_small_group_do_not_crash(
    example: Callable[[str], Path], runner: CliRunner, tmp_path: Path
) -> None:
    """The crash of issue 6: a rare visit that left 'years in the neighbourhood' empty."""
    folder = example("spoorbuurt")
    rows = [
        visit(address="Perronstraat 4", years_in_neighbourhood="", household_type=""),
        visit(address="Perronstraat 6", visit_date="2016-11-07", age_group=""),
    ]
    export = write_forms_csv(tmp_path / "Registratie.csv", rows)
    result = runner.invoke(app, ["import", str(export), "--project", str(folder)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["anonymise", str(folder)])
    assert result.exit_code == 0, result.output
    visits = read_table(folder / "data" / "visits.csv")
    assert len(visits) == 2
    # two visits in one subarea: only the subarea may stay, every other field is withheld
    for v in visits:
        assert {v[c] for c in KEY_COLUMNS[1:]} == {WITHHELD}, v


def test_a_one_visit_export_with_only_required_answers_anonymises(
    example: Callable[[str], Path], runner: CliRunner, tmp_path: Path
) -> None:
    folder = example("lankforst")
    only_required = {
        "submitted_at": "2021/10/03 4:12:09 p.m. CEST",
        "visitor": "Ruben Hoekstra",
        "visit_date": "2021-10-03",
        "address": "Lankforst 27-14",
    }
    export = write_forms_csv(tmp_path / "een.csv", [only_required])
    result = runner.invoke(app, ["import", str(export), "--project", str(folder)])
    assert result.exit_code in (0, 1), result.output
    result = runner.invoke(app, ["anonymise", str(folder)])
    assert result.exit_code == 0, result.output
    assert (folder / "data" / "visits.csv").is_file()


def test_keep_words_of_mdsa_yaml_survive_anonymise(
    example: Callable[[str], Path], runner: CliRunner, tmp_path: Path
) -> None:
    folder = example("spoorbuurt")
    config = folder / "mdsa.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "keep_words: [Zorggroep Jansen]\n",
        encoding="utf-8",
    )
    note = "Gaat naar Zorggroep Jansen voor de inloop, met buurvrouw Gerda Wijnhoven."
    rows = [visit(address=f"Perronstraat {n}", **{"text.person_obstacles": note}) for n in "1346"]
    export = write_forms_csv(tmp_path / "Registratie.csv", rows)
    assert runner.invoke(app, ["import", str(export), "--project", str(folder)]).exit_code == 0
    result = runner.invoke(app, ["anonymise", str(folder)])
    assert result.exit_code == 0, result.output
    blocks = (folder / "data" / "text_blocks.csv").read_text(encoding="utf-8-sig")
    assert "Zorggroep Jansen" in blocks
    assert "Wijnhoven" not in blocks
