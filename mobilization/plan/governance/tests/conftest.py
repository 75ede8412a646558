"""Fixtures of shared governance's tests: members, a committee, proposals and consultations."""

import pytest

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core import roles
from mobilization.plan.governance.tests.factories import (
    CommitteeFactory,
    CommitteeMemberFactory,
    ConsultationFactory,
    ExpertFactory,
    ProposalFactory,
    RecommendationFactory,
)


@pytest.fixture
def staff(db):
    return MemberFactory(display_name="Staff", roles=[roles.CITY_STAFF])


@pytest.fixture
def citizen(db):
    return MemberFactory(display_name="Camille")


@pytest.fixture
def committee(db, citizen):
    """A public committee: Camille sits on it as a citizen, beside an expert without an account."""
    committee = CommitteeFactory(name="Comité de suivi", slug="comite")
    CommitteeMemberFactory(committee=committee, user=citizen)
    ExpertFactory(committee=committee, name="Dr Hélène Martin", affiliation="CNRS")
    return committee


@pytest.fixture
def recommendation(committee, citizen):
    """Issued ten days ago; the city's answer is due in twenty days."""
    return RecommendationFactory(committee=committee, created_by=citizen, reference="R-1")


@pytest.fixture
def author(db):
    return MemberFactory(display_name="Author")


@pytest.fixture
def published_proposal(author, staff):
    return ProposalFactory(
        author=author, title="Des fontaines", body="Plus de fontaines.", published=True, moderated_by=staff
    )


@pytest.fixture
def open_consultation(db):
    """Open since yesterday for a week; one question, one choice among Trees, Bikes and Shade."""
    return ConsultationFactory()
