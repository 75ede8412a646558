from datetime import date

import pytest
from django.core.exceptions import ValidationError

from mobilization.commitments import periods
from mobilization.commitments.identifiers import clean_siren, clean_siret


def test_a_siren_and_a_siret_with_a_good_luhn_key_are_accepted_and_written_as_digits():
    assert clean_siren("732 829 320") == "732829320"
    assert clean_siret("732 829 320 00074") == "73282932000074"


@pytest.mark.parametrize("number", ["732829321", "12345678", "abcdefghi"])
def test_a_siren_with_a_wrong_key_or_length_is_refused(number):
    with pytest.raises(ValidationError):
        clean_siren(number)


def test_la_postes_establishments_follow_their_own_rule_the_sum_of_their_digits_is_a_multiple_of_five():
    # 3+5+6+0+0+0+0+0+0+4+9+8+3+7 = 45: a multiple of 5, though its Luhn key is wrong.
    assert clean_siret("35600000049837") == "35600000049837"
    with pytest.raises(ValidationError):
        clean_siret("35600000049838")  # sum 46
    # La Poste's head office keeps the Luhn rule.
    assert clean_siret("35600000000048") == "35600000000048"


def test_an_empty_number_is_allowed():
    assert clean_siren("  ") == "" and clean_siret("") == ""


def test_periods_of_each_frequency_and_their_due_dates():
    year = periods.parse("2025", "yearly")
    assert (year.starts, year.ends, year.due) == (date(2025, 1, 1), date(2025, 12, 31), date(2026, 3, 31))
    assert year.overdue_from == date(2026, 4, 30)
    half = periods.parse("2025-H2", "half_yearly")
    assert (half.starts, half.ends) == (date(2025, 7, 1), date(2025, 12, 31))
    quarter = periods.parse("2025-Q1", "quarterly")
    assert (quarter.ends, quarter.next().code) == (date(2025, 3, 31), "2025-Q2")
    assert periods.parse("2025-Q4", "quarterly").next().code == "2026-Q1"


@pytest.mark.parametrize(
    ("code", "frequency"),
    [
        ("2025-Q1", "yearly"),
        ("2025", "quarterly"),
        ("2025-H3", "half_yearly"),
        ("25", "yearly"),
        ("1800", "yearly"),
    ],
)
def test_a_period_that_does_not_fit_the_frequency_is_refused(code, frequency):
    with pytest.raises(ValueError):
        periods.parse(code, frequency)


def test_the_periods_due_are_those_whose_due_date_has_come_within_the_reminders_notice():
    due = periods.periods_due(date(2023, 1, 1), "yearly", date(2025, 3, 20))
    # 2023 was due on 2024-03-31; 2024 is due on 2025-03-31, within the 14 days' notice.
    assert [period.code for period in due] == ["2023", "2024"]
    assert periods.first_period(date(2023, 5, 10), "quarterly").code == "2023-Q2"
    assert periods.first_period(date(2023, 8, 1), "half_yearly").code == "2023-H2"
