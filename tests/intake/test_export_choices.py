"""Splitting checkbox answers into known options and "other" text."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mdsa.intake.exports import FORMS_SEPARATOR, SHEET_SEPARATOR, split_choices

ACTIONS = ["Zorgsignaal", "Welzijnsvraag", "Woning (onderhoud, vocht, schimmel)", "Participatie"]


@pytest.mark.parametrize(
    ("value", "separator", "known", "other"),
    [
        (
            "Zorgsignaal, Woning (onderhoud, vocht, schimmel), Participatie",
            ", ",
            ["Zorgsignaal", "Woning (onderhoud, vocht, schimmel)", "Participatie"],
            [],
        ),
        (
            "Zorgsignaal;Woning (onderhoud, vocht, schimmel);Anders: hulp bij verhuizen",
            ";",
            ["Zorgsignaal", "Woning (onderhoud, vocht, schimmel)"],
            ["Anders: hulp bij verhuizen"],
        ),
        # Other text containing the separator is kept whole.
        (
            "Welzijnsvraag, hulp bij verhuizen, inpakken en sjouwen",
            ", ",
            ["Welzijnsvraag"],
            ["hulp bij verhuizen, inpakken en sjouwen"],
        ),
        # Other text first (an option removed from the form later), then known labels.
        ("Buurthuis, Zorgsignaal", ", ", ["Zorgsignaal"], ["Buurthuis"]),
        # White space around the separator is not significant.
        ("Zorgsignaal ,Participatie", ", ", ["Zorgsignaal", "Participatie"], []),
        ("Zorgsignaal; Participatie;", ";", ["Zorgsignaal", "Participatie"], []),
        # A label that only starts like a known one is other text.
        ("Zorgsignaalen", ";", [], ["Zorgsignaalen"]),
        ("", ", ", [], []),
    ],
)
def test_split_choices(value: str, separator: str, known: list[str], other: list[str]) -> None:
    assert split_choices(value, separator, ACTIONS) == (known, other)


def test_longest_label_wins_over_its_prefix() -> None:
    options = ["Woning", "Woning (onderhoud, vocht, schimmel)"]
    assert split_choices("Woning (onderhoud, vocht, schimmel), Woning", ", ", options) == (
        ["Woning (onderhoud, vocht, schimmel)", "Woning"],
        [],
    )


# Options as a real form has them: plain words, and labels with the separator inside.
label_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
option = st.one_of(
    label_word.map(str.capitalize),
    st.tuples(label_word, label_word, label_word).map(lambda t: f"{t[0].title()} ({t[1]}, {t[2]})"),
    st.tuples(label_word, label_word).map(lambda t: f"{t[0].title()}; {t[1]}"),
)
free_text = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,;:-", min_size=1, max_size=30)


def is_unambiguous(options: list[str], separator: str) -> bool:
    """No option equals the join of others or starts another one at an item boundary."""
    mark = separator.strip()
    for a in options:
        for b in options:
            if a != b and (b.startswith(a + mark) or b.startswith(a + " " + mark)):
                return False
    return True


@given(
    options=st.lists(option, min_size=1, max_size=6, unique=True),
    data=st.data(),
    separator=st.sampled_from([FORMS_SEPARATOR, SHEET_SEPARATOR]),
)
def test_any_subset_of_options_splits_back_exactly(
    options: list[str], data: st.DataObject, separator: str
) -> None:
    assume(is_unambiguous(options, separator))
    chosen = data.draw(st.lists(st.sampled_from(options), unique=True), label="chosen")
    other = data.draw(st.none() | free_text, label="other")
    pieces = list(chosen)
    if other is not None:
        other = other.strip(" ,;")
        mark = separator.strip()
        # Other text that itself reads as "<option><separator>..." is ambiguous by nature.
        assume(other)
        assume(not any(other == o or other.startswith(o + mark) for o in options))
        squeezed = re.sub(r"\s*([,;])\s*", r"\1", other)
        assume(not any(f"{mark}{o}" in squeezed for o in options))
        pieces.append(other)

    value = separator.join(pieces)

    assert split_choices(value, separator, options) == (
        chosen,
        [other] if other is not None else [],
    )
