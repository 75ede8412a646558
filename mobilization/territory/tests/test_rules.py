"""Who may correct a place: the people who keep the places right during a heatwave, and nobody else."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import RequestFactory

from mobilization.core import roles
from mobilization.territory.models import Place
from mobilization.territory.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def person_with(role: str, **extra):
    """An account in a role's group (the territory sits below the accounts app: no member factory here)."""
    user = get_user_model().objects.create_user(email=f"{role}@example.org", password="unused-here", **extra)
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.mark.parametrize(
    ("role", "may"),
    [
        (roles.CITY_STAFF, True),
        (roles.SOLIDARITY_COORDINATOR, True),
        (roles.VOLUNTEER, False),
        (roles.ORGANISER, False),
    ],
)
def test_city_staff_and_coordinators_may_edit_a_place_and_nobody_else(role, may):
    assert person_with(role).has_perm("territory.edit_place", PlaceFactory()) is may


def test_the_administration_asks_the_rule_for_each_place():
    place = PlaceFactory()
    request = RequestFactory().get("/admin/")
    place_admin = admin.site._registry[Place]

    request.user = person_with(roles.SOLIDARITY_COORDINATOR)
    assert place_admin.has_change_permission(request, place)
    request.user = person_with(roles.VOLUNTEER, is_staff=True)
    assert not place_admin.has_change_permission(request, place)
