"""Fixtures of shared governance's tests: members, a committee, proposals and consultations."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mobilization.core import roles
from mobilization.plan.governance import services
from mobilization.plan.governance.models import (
    Committee,
    CommitteeMember,
    Consultation,
    Option,
    Question,
)
from tests.access.callers import make_member

_counter = iter(range(1, 10_000))


def member(name="Member", role_names=(roles.VOLUNTEER,), verified=True):
    n = next(_counter)
    user = make_member(f"{name.lower().replace(' ', '-')}-{n}@example.org", name, role_names)
    if not verified:
        user.emailaddress_set.update(verified=False)
    return user


@pytest.fixture
def staff(db):
    return member("Staff", (roles.CITY_STAFF,))


@pytest.fixture
def citizen(db):
    return member("Camille")


@pytest.fixture
def committee(db, citizen):
    committee = Committee.objects.create(name="Comité de suivi", slug="comite", mandate="Suivre le plan.")
    CommitteeMember.objects.create(committee=committee, user=citizen, kind=CommitteeMember.Kind.CITIZEN)
    CommitteeMember.objects.create(
        committee=committee, name="Dr Hélène Martin", affiliation="CNRS", kind=CommitteeMember.Kind.EXPERT
    )
    return committee


@pytest.fixture
def recommendation(committee, citizen):
    today = timezone.localdate()
    return services.issue_recommendation(
        committee,
        by=citizen,
        reference="R-1",
        title="Végétaliser les cours d'école",
        text="Ouvrir **50** cours Oasis.",
        issued_on=today - timedelta(days=10),
        response_due_on=today + timedelta(days=20),
    )


@pytest.fixture
def author(db):
    return member("Author")


@pytest.fixture
def published_proposal(author, staff):
    proposal = services.submit_proposal(author=author, title="Des fontaines", body="Plus de fontaines.")
    return services.publish_proposal(proposal, by=staff)


def make_consultation(
    *, open_now=True, questions=(("Which first?", "single", 1, ("Trees", "Bikes", "Shade")),)
):
    now = timezone.now()
    if open_now:
        opens, closes = now - timedelta(days=1), now + timedelta(days=6)
    else:
        opens, closes = now - timedelta(days=10), now - timedelta(days=1)
    consultation = Consultation.objects.create(
        title="Quelle mesure d'abord ?", description="Choisissez.", opens_at=opens, closes_at=closes
    )
    for position, (text, kind, max_choices, labels) in enumerate(questions):
        question = Question.objects.create(
            consultation=consultation, text=text, kind=kind, max_choices=max_choices, position=position
        )
        for index, label in enumerate(labels):
            Option.objects.create(question=question, label=label, position=index)
    return consultation


@pytest.fixture
def open_consultation(db):
    return make_consultation()


def option_ids(consultation):
    return [[option.pk for option in q.options.all()] for q in consultation.questions.all()]
