"""Every route of the platform has an access decision, and the decision holds.

The table in `tests/access/table.py` says, for every URL pattern and HTTP method, what each kind of
caller gets. This test walks Django's URL resolver: a route without a row fails, so no page or endpoint
can be added without deciding who may reach it. Object rows name objects of two different users, so
that one reaching the other's object is caught.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.access import callers
from tests.access.table import ADMIN_RULE, ROUTES, expectation_matches

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
