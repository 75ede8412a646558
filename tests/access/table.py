"""The access table: for every route and method, what each kind of caller gets.

Read a row as a sentence: "GET /notifications/<A>/ — anonymous is sent to sign in, the owner sees it,
another volunteer gets 404". Objects A belong to `owner`; `other` owns B and must never reach A.

Outcomes: an HTTP status (200, 403, 404, 405…), LOGIN (a redirect to the sign-in page), ADMIN_LOGIN (a
redirect to the administration's sign-in), REDIRECT (any other redirect), or a set of them.
"""

import re
from dataclasses import dataclass, field
from typing import Callable

from django.urls import reverse

from tests.access.callers import ADMIN, ALL_CALLERS, ANONYMOUS, CITY_STAFF, COORDINATOR, MEMBERS, OTHER, OWNER

LOGIN = "LOGIN"
ADMIN_LOGIN = "ADMIN_LOGIN"
REDIRECT = "REDIRECT"


def expectation_matches(expected, status: int, location: str) -> bool:
    if isinstance(expected, (set, frozenset, tuple)):
        return any(expectation_matches(one, status, location) for one in expected)
    if expected == LOGIN:
        return status == 302 and location.startswith(reverse("account_login"))
    if expected == ADMIN_LOGIN:
        return status == 302 and location.startswith(reverse("admin:login"))
    if expected == REDIRECT:
        return 300 <= status < 400 and not location.startswith(reverse("account_login"))
    return status == expected


def everyone(outcome) -> dict:
    return dict.fromkeys(ALL_CALLERS, outcome)


def members(outcome, anonymous=LOGIN) -> dict:
    return {ANONYMOUS: anonymous, **dict.fromkeys(MEMBERS, outcome)}


def owner_only(owner, others=404, anonymous=LOGIN) -> dict:
    """Object A belongs to `owner`: every other signed-in caller, staff included, gets `others`."""
    return {ANONYMOUS: anonymous, OWNER: owner, **dict.fromkeys((OTHER, CITY_STAFF, COORDINATOR, ADMIN), others)}


def visitors_only(anonymous=200, members_get=REDIRECT) -> dict:
    """Pages for people who are not signed in (sign-in, sign-up): members are sent on."""
    return {ANONYMOUS: anonymous, **dict.fromkeys(MEMBERS, members_get)}


@dataclass
class Route:
    name: str
    methods: dict
    kwargs: Callable = lambda world: {}
    raw_path: Callable | None = None
    data: dict = field(default_factory=dict)

    def path(self, world) -> str:
        if self.raw_path is not None:
            return self.raw_path(world)
        return reverse(self.name, kwargs=self.kwargs(world))


def rows(*routes: Route) -> dict[str, Route]:
    return {route.name: route for route in routes}


NOTIFICATION_A = lambda world: {"pk": world.notification_a.pk}  # noqa: E731

ROUTES = rows(
    # --- Platform -----------------------------------------------------------------------------
    Route("home", {"GET": everyone(200), "POST": everyone(405)}),
    Route("health", {"GET": everyone(200)}),
    Route("set_language", {"POST": everyone(REDIRECT)}, data={"POST": {"language": "en", "next": "/"}}),
    # --- Places (public) ----------------------------------------------------------------------
    Route("territory:places", {"GET": everyone(200), "POST": everyone(405)}),
    Route("territory:place", {"GET": everyone(200)}, kwargs=lambda world: {"pk": world.place.pk}),
    # --- Notifications: one's own only ----------------------------------------------------------
    Route("notifications:inbox", {"GET": members(200), "POST": members(405)}),
    Route("notifications:preferences", {"GET": members(200), "POST": members({200, REDIRECT})}),
    Route("notifications:open", {"GET": owner_only({200, REDIRECT})}, kwargs=NOTIFICATION_A),
    Route("notifications:mark_read", {"GET": members(405), "POST": owner_only(REDIRECT)}, kwargs=NOTIFICATION_A),
    Route("notifications:mark_all_read", {"GET": members(405), "POST": members(REDIRECT)}),
    # --- Open data API (public, read only) ------------------------------------------------------
    Route("api:api-root", {"GET": everyone(404)}),
    Route("api:openapi-json", {"GET": everyone(200)}),
    Route("api:openapi-view", {"GET": everyone(200)}),
    Route("api:list_districts", {"GET": everyone(200), "POST": everyone(405)}),
    Route("api:district", {"GET": everyone(200)}, kwargs=lambda world: {"code": world.district.code}),
    Route("api:list_places", {"GET": everyone(200), "POST": everyone(405)}),
    Route("api:place", {"GET": everyone(200)}, kwargs=lambda world: {"place_id": world.place.pk}),
)


@dataclass
class AdminRule:
    """Every route of the administration: staff only, whatever the model."""

    expected: dict

    def path_for(self, name: str, world) -> str:
        kwargs = {}
        pattern = _admin_pattern(name)
        for parameter in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", pattern):
            key = parameter[0] or parameter[1]
            kwargs[key] = {"app_label": "accounts", "content_type_id": "1"}.get(key, "0")
        return reverse(name, kwargs=kwargs)


def _admin_pattern(name: str) -> str:
    from tests.test_route_access import walk

    for qualified, route in walk():
        if qualified == name:
            return route
    raise LookupError(name)


ADMIN_RULE = AdminRule(
    expected={
        ANONYMOUS: {ADMIN_LOGIN, REDIRECT},
        OWNER: {ADMIN_LOGIN, REDIRECT},
        OTHER: {ADMIN_LOGIN, REDIRECT},
        ADMIN: {200, REDIRECT, 404},
    }
)
