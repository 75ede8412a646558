"""Fixtures of co-design's tests."""

import pytest

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.codesign.tests.factories import IdeaFactory
from mobilization.core import roles


@pytest.fixture
def staff(db):
    return MemberFactory(display_name="Équipe", roles=[roles.CITY_STAFF])


@pytest.fixture
def volunteer(db):
    return MemberFactory(display_name="Camille")


@pytest.fixture
def idea(db):
    return IdeaFactory(title="Un filtre « ouvert maintenant » sur la carte")
