"""What the commitments app tells the kernel's `affiliations` registry: the verified organisations a person
represents (the challenges offer to join their teams), never a pending or rejected one, nor anyone else's."""

import pytest
from django.contrib.auth.models import AnonymousUser

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.commitments import services
from mobilization.commitments.models import Organisation
from mobilization.commitments.tests.factories import OrganisationFactory, representative_of
from mobilization.core import registries

pytestmark = pytest.mark.django_db


def test_a_representative_is_affiliated_with_their_verified_organisation_as_plain_values():
    organisation = OrganisationFactory(name="Boulangerie du Marais")

    [affiliation] = registries.affiliations_of(representative_of(organisation))

    assert affiliation == registries.Affiliation(
        key=f"organisation:{organisation.pk}",
        name="Boulangerie du Marais",
        url=organisation.get_absolute_url(),
    )


def test_the_registry_holds_the_commitments_provider():
    assert registries.affiliations.get("commitments") is services.affiliations_of


@pytest.mark.parametrize("status", [Organisation.Status.PENDING, Organisation.Status.REJECTED])
def test_an_organisation_not_verified_is_not_offered(status):
    organisation = OrganisationFactory(status=status)
    assert services.affiliations_of(representative_of(organisation)) == []


def test_someone_else_and_a_visitor_have_no_affiliation():
    OrganisationFactory()
    assert services.affiliations_of(MemberFactory()) == []
    assert registries.affiliations_of(AnonymousUser()) == []


def test_a_person_representing_two_organisations_has_both_by_name():
    person = MemberFactory()
    OrganisationFactory(name="Zinc", representative=person)
    OrganisationFactory(name="Atelier", representative=person)
    assert [a.name for a in services.affiliations_of(person)] == ["Atelier", "Zinc"]
