"""The challenges' organisation teams with the real provider: the commitments app tells the kernel's
`affiliations` registry which verified organisations a person represents, and the challenge's page offers
their team (the two pillars import each other nowhere; this project-level test sees both)."""

import pytest
from django.urls import reverse

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.challenges import services
from mobilization.challenges.models import Participant, Team
from mobilization.challenges.tests.conftest import Clock
from mobilization.challenges.tests.factories import DAY_ONE, ChallengeActionFactory
from mobilization.commitments.models import Organisation
from mobilization.commitments.tests.factories import OrganisationFactory, representative_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge(monkeypatch):
    monkeypatch.setattr(services, "today", Clock(DAY_ONE))
    return ChallengeActionFactory().challenge


def test_a_representative_of_a_verified_organisation_joins_its_team(client, challenge):
    organisation = OrganisationFactory(name="Boulangerie du Marais")
    person = representative_of(organisation)
    client.force_login(person)
    page = client.get(challenge.get_absolute_url()).content.decode()
    assert "Boulangerie du Marais" in page

    response = client.post(
        reverse("challenges:join_organisation", args=[challenge.pk]),
        {"organisation": f"organisation:{organisation.pk}"},
        follow=True,
    )
    team = Participant.objects.get(user=person).team
    assert (team.kind, team.name) == (Team.Kind.ORGANISATION, "Boulangerie du Marais")
    assert f'href="{organisation.get_absolute_url()}"' in response.content.decode()


def test_an_unverified_organisation_and_other_people_are_not_offered(client, challenge):
    pending = OrganisationFactory(name="Atelier en attente", status=Organisation.Status.PENDING)
    OrganisationFactory(name="Boulangerie du Marais")
    for person in (representative_of(pending), MemberFactory()):
        client.force_login(person)
        page = client.get(challenge.get_absolute_url()).content.decode()
        assert "Atelier en attente" not in page and "Boulangerie du Marais" not in page
    response = client.post(
        reverse("challenges:join_organisation", args=[challenge.pk]),
        {"organisation": f"organisation:{pending.pk}"},
    )
    assert response.status_code == 302
    assert not Team.objects.filter(kind=Team.Kind.ORGANISATION).exists()
