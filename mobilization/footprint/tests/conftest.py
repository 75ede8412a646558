"""Fixtures of the footprint calculator's tests."""

import pytest

from mobilization.accounts.tests.factories import MemberFactory


@pytest.fixture
def volunteer(db):
    return MemberFactory(display_name="Camille")
