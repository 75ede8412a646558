"""The one way a view checks a permission: sign in, 403, or 404 when existence itself is private."""

import itertools

import pytest
import rules
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from mobilization.core import roles
from mobilization.core.permissions import permission_required, permitted_object
from mobilization.core.predicates import is_city_staff, is_owner_of, is_self, is_signed_in, object_is


@pytest.fixture(autouse=True)
def _test_rules():
    rules.add_perm("core.test_see_group", object_is("is_visible") | is_city_staff)
    rules.add_perm("core.test_change_group", is_city_staff)
    yield
    rules.remove_perm("core.test_see_group")
    rules.remove_perm("core.test_change_group")


def member(*role_names):
    """An account with these roles (groups), without the sign-up that the accounts app adds."""
    user = get_user_model().objects.create_user(email=f"person{next(_numbers)}@example.org", password="x")
    for name in role_names:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


_numbers = itertools.count()


def _request(user):
    request = RequestFactory().get("/somewhere/?x=1")
    request.user = user
    return request


@permission_required("core.test_change_group")
def staff_view(request):
    return HttpResponse("done")


@permission_required("core.test_change_group", hide=True)
def hidden_view(request):
    return HttpResponse("done")


def test_a_visitor_is_sent_to_sign_in_with_the_way_back(db):
    response = staff_view(_request(AnonymousUser()))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/somewhere/%3Fx%3D1" in response["Location"]


def test_a_member_without_the_right_is_refused_and_staff_pass(db):
    volunteer = member()
    staff = member(roles.CITY_STAFF)

    with pytest.raises(PermissionDenied):
        staff_view(_request(volunteer))
    with pytest.raises(Http404):
        hidden_view(_request(volunteer))
    assert staff_view(_request(staff)).content == b"done"


def test_permitted_object_is_404_when_unseen_and_403_when_seen_but_not_allowed(db):
    volunteer = member()
    hidden = Group.objects.create(name="hidden")
    shown = Group.objects.create(name="shown")
    Group.is_visible = property(lambda group: group.name == "shown")
    try:
        with pytest.raises(Http404):
            permitted_object(_request(volunteer), Group, view="core.test_see_group", pk=hidden.pk)
        with pytest.raises(PermissionDenied):
            permitted_object(
                _request(volunteer), Group, "core.test_change_group", view="core.test_see_group", pk=shown.pk
            )
        with pytest.raises(Http404):
            permitted_object(_request(volunteer), Group, "core.test_change_group", hide=True, pk=shown.pk)
        assert permitted_object(_request(volunteer), Group, view="core.test_see_group", pk=shown.pk) == shown
        with pytest.raises(Http404):
            permitted_object(_request(volunteer), Group, pk=0)
    finally:
        del Group.is_visible


def test_the_predicate_vocabulary(db):
    owner, other = member(), member()
    staff = member(roles.CITY_STAFF)

    class Thing:
        def __init__(self, user):
            self.created_by_id = user.pk
            self.user_id = user.pk

    class Child:
        def __init__(self, thing):
            self.parent = thing

    is_creator = is_owner_of("created_by")
    is_creator_of_parent = is_owner_of("created_by", through="parent")

    assert is_creator.test(owner, Thing(owner))
    assert not is_creator.test(other, Thing(owner))
    assert not is_creator.test(AnonymousUser(), Thing(owner))
    assert is_creator_of_parent.test(owner, Child(Thing(owner)))
    assert not is_creator_of_parent.test(other, Child(Thing(owner)))
    assert is_self.test(owner, Thing(owner))
    assert not is_self.test(other, owner)
    assert is_signed_in.test(other)
    assert not is_signed_in.test(AnonymousUser())
    assert is_city_staff.test(staff)
    assert not is_city_staff.test(owner)
