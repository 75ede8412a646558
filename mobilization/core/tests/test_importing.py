"""The import kit: files checked before anything is written, values read with reasons a person can act on."""

from datetime import date
from decimal import Decimal

import pytest

from mobilization.core import importing
from mobilization.core.importing import BadValue, ImportFileError, ImportReport


def test_an_uploaded_file_must_be_utf8_text():
    assert importing.decode("\ufeffréférence".encode()) == "référence"
    with pytest.raises(ImportFileError, match="empty"):
        importing.decode(b"  \n")
    with pytest.raises(ImportFileError, match="binary data"):
        importing.decode(b"a\x00b")
    with pytest.raises(ImportFileError, match="not UTF-8 text \\(byte 2\\)"):
        importing.decode("aé".encode("latin-1") + b"x")
    with pytest.raises(ImportFileError, match="larger than 1 MB"):
        importing.decode(b"x" * (1024 * 1024 + 1), max_size=1024 * 1024)


def test_csv_records_are_numbered_as_a_spreadsheet_shows_them():
    header, records = importing.csv_records("Reference,Title\nA,Un\n\n,\nB,Deux,extra\n", ",")

    assert header == ["reference", "title"]
    assert [number for number, _record in records] == [2, 5]
    assert records[0][1]["title"] == "Un"
    assert records[1][1]["__extra__"] is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12,5", Decimal("12.50")), ("1 234.5", Decimal("1234.50")), ("", None), ("0", Decimal("0.00"))],
)
def test_numbers_are_read_with_a_point_or_a_french_comma(text, expected):
    assert importing.parse_decimal(text, "budget") == expected


@pytest.mark.parametrize(
    ("text", "kwargs", "reason"),
    [
        ("douze", {}, "budget: “douze” is not a number."),
        ("NaN", {}, "budget: “NaN” is not a number."),
        ("-1", {"low": 0, "high": 100}, "budget must be between 0 and 100, not -1."),
        ("0", {"positive": True}, "budget must be greater than 0."),
    ],
)
def test_a_bad_number_names_the_column_and_the_reason(text, kwargs, reason):
    with pytest.raises(BadValue) as error:
        importing.parse_decimal(text, "budget", **kwargs)
    assert str(error.value) == reason


def test_dates_texts_and_choices():
    assert importing.parse_date("2026-12-07", "start") == date(2026, 12, 7)
    assert importing.parse_date("07/12/2026", "start", lenient=True) == date(2026, 12, 7)
    with pytest.raises(BadValue, match="not a date"):
        importing.parse_date("07/12/2026", "start")
    assert importing.parse_text("'=1+1", "title", 10) == "=1+1"
    with pytest.raises(BadValue, match="title is required."):
        importing.parse_text("", "title", 10, required=True)
    assert importing.yes_no("OUI") is True
    assert importing.yes_no("peut-être") is None
    assert importing.clean("2  RUE   MORLOT ") == "2 RUE MORLOT"


def test_the_report_records_errors_by_row_and_says_what_happened():
    report = ImportReport(file_name="actions.csv", what="actions", rows=3, created=2, updated=1, changed=1)

    assert report.check(2, importing.parse_decimal, "x", "weight") is None
    assert report.check(3, importing.parse_decimal, "2", "weight") == Decimal("2.00")
    assert report.errors == {2: ["weight: “x” is not a number."]}
    assert not report.succeeded
    assert report.summary() == (
        "actions.csv (actions): 3 rows read, 2 new, 1 updated (1 changed), 0 fell back, 0 skipped."
    )
    assert report.as_dict()["errors"] == [
        {"row": 2, "reference": "", "messages": ["weight: “x” is not a number."]}
    ]
