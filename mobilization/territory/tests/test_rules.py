"""Who may correct a place: the people who keep the places right during a heatwave, and nobody else."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core import roles
from mobilization.territory.models import Place
from mobilization.territory.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role_names", "may"),
    [
        ((roles.CITY_STAFF,), True),
        ((roles.SOLIDARITY_COORDINATOR,), True),
        ((roles.VOLUNTEER,), False),
        ((roles.ORGANISER,), False),
    ],
    ids=["city staff", "solidarity coordinator", "volunteer", "organiser"],
)
def test_city_staff_and_coordinators_may_edit_a_place_and_nobody_else(role_names, may):
    member = MemberFactory(roles=role_names)

    assert member.has_perm("territory.edit_place", PlaceFactory()) is may


def test_the_administration_asks_the_rule_for_each_place():
    place = PlaceFactory()
    request = RequestFactory().get("/admin/")
    place_admin = admin.site._registry[Place]

    request.user = MemberFactory(roles=(roles.SOLIDARITY_COORDINATOR,))
    assert place_admin.has_change_permission(request, place)
    request.user = MemberFactory(roles=(roles.VOLUNTEER,), is_staff=True)
    assert not place_admin.has_change_permission(request, place)
