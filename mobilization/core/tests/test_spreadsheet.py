"""CSV cells that a spreadsheet would run as formulas are written as text."""

import pytest

from mobilization.core.spreadsheet import spreadsheet_safe


@pytest.mark.parametrize("formula", ["=1+1", "+33 1 00", "-2", "@SUM(A1)", "\t=1", "\r=1"])
def test_a_cell_a_spreadsheet_would_run_starts_with_an_apostrophe(formula):
    assert spreadsheet_safe(formula) == "'" + formula


@pytest.mark.parametrize("value", ["Compost partagé", "", "a=b", 42, None, 1.5])
def test_other_values_are_left_as_they_are(value):
    assert spreadsheet_safe(value) == value
