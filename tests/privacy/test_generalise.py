"""Generalisation of visits.csv: no combination of subarea, period and demographics is rare."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from formfixtures import visit, write_forms_csv
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mdsa.cli import app
from mdsa.privacy.anonymise import QUASI_IDENTIFIERS, _generalise, _half_year, _quarter

FIELDS = ("subarea", "visit_month", *QUASI_IDENTIFIERS)


def _drop_empty(row: dict[str, str], drop: bool) -> dict[str, str]:
    """Real exports leave optional questions out altogether, not only empty."""
    return {k: v for k, v in row.items() if v or not drop or k == "subarea"}


rows_strategy = st.lists(
    st.builds(
        _drop_empty,
        st.fixed_dictionaries(
            {
                "subarea": st.sampled_from(["A", "B", ""]),
                "visit_month": st.sampled_from(["2016-01", "2016-05", "2016-11", "2017-02", ""]),
                "age_group": st.sampled_from(["18-30", "65-80", ""]),
                "household_type": st.sampled_from(["single", "family", ""]),
                "years_in_neighbourhood": st.sampled_from(["0-2", "6-10", "11-20", "21+", ""]),
            }
        ),
        st.booleans(),
    ),
    min_size=1,
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(rows=rows_strategy, k=st.integers(min_value=2, max_value=6))
def test_no_combination_is_rarer_than_the_group_size(rows: list[dict[str, str]], k: int) -> None:
    _generalise(rows, k)
    key = [tuple(r.get(f, "") for f in FIELDS) for r in rows]
    counts = Counter(key)
    for combination, count in counts.items():
        withheld_all = all(value == "" for value in combination[1:])
        assert count >= k or withheld_all, combination


def test_periods_coarsen_month_quarter_half_year() -> None:
    assert _quarter("2016-11") == "2016-Q4" and _quarter("2016-01") == "2016-Q1"
    assert _half_year("2016-11") == "2016-H2" and _half_year("2016-Q2") == "2016-H1"
    assert _quarter("2016-H2") == "2016-H2"


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
    with (folder / "data" / "visits.csv").open(encoding="utf-8", newline="") as handle:
        visits = list(csv.DictReader(handle))
    assert len(visits) == 2
    # two visits in one subarea: only the subarea may stay, every other field is withheld
    assert all(v["visit_month"] == "" and v["age_group"] == "" for v in visits)


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
    blocks = (folder / "data" / "text_blocks.csv").read_text(encoding="utf-8")
    assert "Zorggroep Jansen" in blocks
    assert "Wijnhoven" not in blocks
