"""Parsing cell values the way every export path writes them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mdsa.intake.exports import (
    normalise_phone,
    parse_date,
    parse_number,
    parse_timestamp,
    project_timezone,
)
from mdsa.intake.exports.values import timestamp_text


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=project_timezone())  # type: ignore[misc]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # Forms download, English UI (older and newer zone spelling).
        ("2017/05/02 12:11:03 PM GMT+2", local(2017, 5, 2, 12, 11, 3)),
        ("2017/05/02 12:11:03 AM GMT+2", local(2017, 5, 2, 0, 11, 3)),
        ("2024/12/03 8:48:17 PM UTC+3", local(2024, 12, 3, 18, 48, 17)),
        ("2024/12/03 8:48:17\u202fPM GMT+01:00", local(2024, 12, 3, 20, 48, 17)),
        # Forms download, Dutch UI, winter and summer.
        ("2024/12/03 8:48:17 p.m. CET", local(2024, 12, 3, 20, 48, 17)),
        ("2024/07/03 8:48:17 a.m. CEST", local(2024, 7, 3, 8, 48, 17)),
        ("2024/07/03 12:00:01 p.m. CEST", local(2024, 7, 3, 12, 0, 1)),
        # Forms download, Spanish UI: converted to project time (next day here).
        ("2022/02/13 10:26:52 p. m. GMT-3", local(2022, 2, 14, 2, 26, 52)),
        # Dutch linked sheet, Dutch Excel (no seconds), Belgian sheet (day first).
        ("4-5-2026 10:59:37", local(2026, 5, 4, 10, 59, 37)),
        ("4-5-2026 10:59", local(2026, 5, 4, 10, 59)),
        ("01/10/2026 10:00:00", local(2026, 10, 1, 10, 0, 0)),
        # ISO, as the xlsx reader writes typed cells.
        ("2024-12-03T20:48:17", local(2024, 12, 3, 20, 48, 17)),
        ("2024-12-03 20:48:17+00:00", local(2024, 12, 3, 21, 48, 17)),
        ("  2024-12-03T20:48:17Z ", local(2024, 12, 3, 21, 48, 17)),
    ],
)
def test_parse_timestamp_every_export_form(value: str, expected: datetime) -> None:
    parsed = parse_timestamp(value)
    assert parsed == expected
    assert parsed.utcoffset() == expected.utcoffset()


def test_parse_timestamp_without_zone_is_amsterdam_time() -> None:
    assert parse_timestamp("4-1-2026 10:00").utcoffset() == timedelta(hours=1)
    assert parse_timestamp("4-7-2026 10:00").utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "gisteren",
        "2024/12/03",  # no time
        "4-5-26 10:59",  # two-digit year
        "31-2-2026 10:00:00",  # no such day
        "2024/12/03 13:48:17 p.m. CET",  # hour above 12 with p.m.
        "2024/12/03 8:48:17 p.m. XYZ",  # unknown zone
        "2024/12-03 10:00:00",  # mixed separators
    ],
)
def test_parse_timestamp_refuses_anything_else(value: str) -> None:
    with pytest.raises(ValueError):
        parse_timestamp(value)


def test_parse_timestamp_error_does_not_repeat_the_value() -> None:
    with pytest.raises(ValueError) as caught:
        parse_timestamp("Jansen 12-3-2026")
    assert "Jansen" not in str(caught.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-04-13", date(2023, 4, 13)),
        ("13-4-2023", date(2023, 4, 13)),
        ("13/04/2023", date(2023, 4, 13)),
        ("01/10/2026", date(2026, 10, 1)),
        ("13-4-2023 0:00", date(2023, 4, 13)),
        ("2023-04-13T00:00:00", date(2023, 4, 13)),
    ],
)
def test_parse_date(value: str, expected: date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["13-4-23", "2023-13-01", "13-4", "morgen", "13-4-2023 10:00"])
def test_parse_date_refuses_ambiguous_or_invalid(value: str) -> None:
    with pytest.raises(ValueError):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("7,5", 7.5),
        ("7.5", 7.5),
        ("8", 8.0),
        (" -3 ", -3.0),
        (",5", 0.5),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1.234.567", 1234567.0),
        ("1 234,5", 1234.5),
        ("6,12E+08", 612000000.0),
        ("", None),
        ("zeven", None),
        ("7,", None),
        ("nan", None),
        ("1,23,4", None),
        ("8 / 10", None),
    ],
)
def test_parse_number_decimal_comma_and_dot(value: str, expected: float | None) -> None:
    assert parse_number(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0612345678", "0612345678"),
        ("612345678", "0612345678"),  # leading zero lost in the sheet
        ("612345678.0", "0612345678"),
        ("31612345678", "+31612345678"),  # plus lost in the sheet
        ("+31612345678", "+31612345678"),
        ("+31 (0)6 1234 5678", "+31612345678"),
        ("0031 6 12345678", "+31612345678"),
        ("243456789", "0243456789"),  # landline, zero lost
        ("024-3456789", "0243456789"),
        ("313123456", "0313123456"),  # 0313 landline, not +31
        ("06.12.34.56.78", "0612345678"),
        ("+32 470 12 34 56", None),  # Belgian
        ("6,12346E+08", None),  # Excel's scientific notation lost digits
        ("0800-1234", None),
        ("12345", None),
        ("geen telefoon", None),
        ("", None),
    ],
)
def test_normalise_phone(value: str, expected: str | None) -> None:
    assert normalise_phone(value) == expected


@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 12, 31)).map(
        lambda moment: moment.replace(microsecond=0)
    )
)
def test_the_quick_timestamp_text_is_the_parsed_one(moment: datetime) -> None:
    """The per-hour offset of ``timestamp_text`` agrees with zoneinfo, also around DST."""
    text = moment.isoformat()
    assert timestamp_text(text) == parse_timestamp(text).isoformat()
