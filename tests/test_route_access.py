"""Every route of the platform has an access decision, and the decision holds.

The table in `tests/access/table.py` says, for every URL pattern and HTTP method, what each kind of
caller gets. This test walks Django's URL resolver: a route without a row fails, so no page or endpoint
can be added without deciding who may reach it. Object rows name objects of two different users, so
that one reaching the other's object is caught.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access import callers
from tests.access.table import ADMIN_RULE, ESCALATIONS, ROUTES, expectation_matches
from tests.access.table import MODERATOR as ESCALATION_MODERATOR
from tests.access.table import VOLUNTEER_ACCOUNT as ESCALATION_VOLUNTEER

pytestmark = pytest.mark.django_db


def walk(resolver=None, namespaces=()):
    """Yield (qualified name, route) for every URL pattern of the project."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            extra = (pattern.namespace,) if pattern.namespace else ()
            yield from walk(pattern, namespaces + extra)
        elif isinstance(pattern, URLPattern):
            yield ":".join(namespaces + (pattern.name or str(pattern.pattern),)), str(pattern.pattern)


def project_routes() -> list[str]:
    return sorted({name for name, _ in walk() if not name.startswith("admin:")})


def admin_routes() -> list[str]:
    return sorted({name for name, _ in walk() if name.startswith("admin:")})


def test_every_route_has_a_row_in_the_access_table():
    missing = [name for name in project_routes() if name not in ROUTES]
    assert not missing, "Routes without an access decision in tests/access/table.py:\n" + "\n".join(missing)


def test_the_table_names_no_route_that_does_not_exist():
    existing = set(project_routes())
    stale = [name for name in ROUTES if name not in existing]
    assert not stale, "Rows for routes that no longer exist: " + ", ".join(stale)


def outcome(client: Client, method: str, path: str, data: dict | None) -> tuple[int, str]:
    response = getattr(client, method.lower())(path, data or {}, secure=True)
    return response.status_code, response.get("Location", "")


def client_for(world, caller: str) -> Client:
    client = Client(raise_request_exception=False)
    user = world.user(caller)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_each_caller_gets_what_the_table_says(world, name, settings):
    settings.SECURE_SSL_REDIRECT = False
    row = ROUTES[name]
    path = row.path(world)
    failures = []
    for method, expected_by_caller in row.methods.items():
        for caller in callers.ALL_CALLERS:
            expected = expected_by_caller[caller]
            status, location = outcome(client_for(world, caller), method, path, row.data.get(method))
            if not expectation_matches(expected, status, location):
                failures.append(f"{method} {path} as {caller}: expected {expected}, got {status} {location}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", admin_routes())
def test_the_administration_is_for_staff_only(world, name, settings):
    settings.SECURE_SSL_REDIRECT = False
    path = ADMIN_RULE.path_for(name, world)
    failures = []
    for caller, expected in ADMIN_RULE.expected_for(name).items():
        status, location = outcome(client_for(world, caller), "GET", path, None)
        if not expectation_matches(expected, status, location):
            failures.append(f"GET {path} as {caller}: expected {expected}, got {status} {location}")
    assert not failures, "\n".join(failures)


# --- Privilege escalation in the administration -------------------------------------------------


@pytest.fixture
def escalation_world(db):
    """A city staff member who may change accounts (staff status, second factor), a volunteer, the groups."""
    from django.contrib.auth.models import Group, Permission

    from mobilization.core import roles

    moderator = callers.make_member("moderator@example.org", "Morgane", (roles.CITY_STAFF,), is_staff=True)
    volunteer = callers.make_member("volunteer@example.org", "Volunteer")
    delete_user = Permission.objects.get(content_type__app_label="accounts", codename="delete_user")
    officers = Group.objects.create(name="Data protection officers")
    officers.permissions.add(delete_user)
    groups = {
        name: Group.objects.get(name=name).pk for name in (roles.SOLIDARITY_COORDINATOR, roles.CITY_STAFF)
    }
    groups.update(data_officers=officers.pk, delete_user_permission=delete_user.pk)
    return {ESCALATION_MODERATOR: moderator, ESCALATION_VOLUNTEER: volunteer, "groups": groups}


def change_form_data(response) -> dict:
    """What the admin's change page would post back untouched: the form's and its inlines' values."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(name): management[name].value() for name in management.fields})
        forms += list(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data


@pytest.mark.parametrize("row", ESCALATIONS, ids=[row.name for row in ESCALATIONS])
def test_staff_cannot_give_a_privilege_they_do_not_hold_nor_raise_their_own(
    client, escalation_world, row, settings
):
    settings.SECURE_SSL_REDIRECT = False
    moderator, groups = escalation_world[ESCALATION_MODERATOR], escalation_world["groups"]
    target = escalation_world[row.target]
    client.force_login(moderator)
    url = reverse("admin:accounts_user_change", args=[target.pk])
    page = client.get(url)
    assert page.status_code == 200

    response = client.post(url, {**change_form_data(page), **row.changes(groups)})

    assert response.status_code in (200, 302)  # the form says why, or the frozen field is ignored
    target.refresh_from_db()
    assert not row.granted(target, groups), f"{row.name}: the privilege was given"
    assert target.is_superuser is False


def test_staff_may_still_give_what_they_hold(client, escalation_world, settings):
    """The checks refuse escalation only: a moderator makes a volunteer a moderator or an organiser."""
    from mobilization.core import roles

    settings.SECURE_SSL_REDIRECT = False
    client.force_login(escalation_world[ESCALATION_MODERATOR])
    volunteer, groups = escalation_world[ESCALATION_VOLUNTEER], escalation_world["groups"]
    url = reverse("admin:accounts_user_change", args=[volunteer.pk])
    data = change_form_data(client.get(url))

    response = client.post(url, {**data, "groups": [groups[roles.CITY_STAFF]], "is_staff": "on"})

    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.is_staff
    assert set(volunteer.groups.values_list("name", flat=True)) == {roles.CITY_STAFF}


def test_staff_cannot_change_a_superusers_account(client, escalation_world, settings):
    settings.SECURE_SSL_REDIRECT = False
    root = callers.make_member("root@example.org", "Root", (), is_staff=True, is_superuser=True)
    client.force_login(escalation_world[ESCALATION_MODERATOR])

    page = client.get(reverse("admin:accounts_user_change", args=[root.pk]))
    password = client.get(reverse("admin:auth_user_password_change", args=[root.pk]))

    assert "is_superuser" not in page.context["adminform"].form.fields  # read only: nothing to post
    assert password.status_code == 403
    client.post(reverse("admin:accounts_user_change", args=[root.pk]), {"email": "mine@example.org"})
    root.refresh_from_db()
    assert root.email == "root@example.org"
