"""The access table: for every route and method, what each kind of caller gets.

Read a row as a sentence: "GET /notifications/<A>/ — anonymous is sent to sign in, the owner sees it,
another volunteer gets 404". Objects A belong to `owner`; `other` owns B and must never reach A.

Outcomes: an HTTP status (200, 403, 404, 405…), LOGIN (a redirect to the sign-in page), ADMIN_LOGIN (a
redirect to the administration's sign-in), REDIRECT (any other redirect), or a set of them.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

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
    return {
        ANONYMOUS: anonymous,
        OWNER: owner,
        **dict.fromkeys((OTHER, CITY_STAFF, COORDINATOR, ADMIN), others),
    }


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


# Staff have a second factor, so they may confirm with it; volunteers confirm with their password.
STAFF_200_VOLUNTEERS_REDIRECTED = {
    ANONYMOUS: LOGIN,
    OWNER: REDIRECT,
    OTHER: REDIRECT,
    CITY_STAFF: 200,
    COORDINATOR: 200,
    ADMIN: 200,
}
WITHOUT_TOTP_404 = {
    ANONYMOUS: LOGIN,
    OWNER: 404,
    OTHER: 404,
    CITY_STAFF: REDIRECT,
    COORDINATOR: REDIRECT,
    ADMIN: REDIRECT,
}

NOTIFICATION_A = lambda world: {"pk": world.notification_a.pk}  # noqa: E731

ROUTES = rows(
    # --- Platform -----------------------------------------------------------------------------
    Route("home", {"GET": everyone(200), "POST": everyone(405)}),
    Route("health", {"GET": everyone(200)}),
    Route("favicon", {"GET": everyone(REDIRECT), "POST": everyone(405)}),
    Route("^media/(?P<path>.*)$", {"GET": everyone(404)}, raw_path=lambda world: "/media/no-such-file.txt"),
    # --- Sign-up, sign-in and security (django-allauth) -----------------------------------------
    Route("account_signup", {"GET": visitors_only(), "POST": visitors_only(200)}),
    Route("account_login", {"GET": visitors_only(), "POST": visitors_only(200)}),
    Route("account_logout", {"GET": members(200, anonymous=REDIRECT), "POST": everyone(REDIRECT)}),
    Route("account_inactive", {"GET": everyone(200), "POST": everyone(405)}),
    Route("account_email_verification_sent", {"GET": everyone(200), "POST": everyone(405)}),
    Route(
        "account_confirm_email",
        {"GET": everyone({200, 404}), "POST": everyone({200, 404})},
        kwargs=lambda world: {"key": "not-a-real-key"},
    ),
    Route("account_reset_password", {"GET": everyone(200), "POST": everyone(200)}),
    Route("account_reset_password_done", {"GET": everyone(200), "POST": everyone(405)}),
    Route(
        "account_reset_password_from_key",
        {"GET": everyone({200, REDIRECT}), "POST": everyone({200, REDIRECT})},
        kwargs=lambda world: {"uidb36": "1", "key": "not-a-real-key"},
    ),
    Route("account_reset_password_from_key_done", {"GET": everyone(200), "POST": everyone(405)}),
    Route("account_confirm_login_code", {"GET": visitors_only(LOGIN), "POST": visitors_only(LOGIN)}),
    Route("account_reauthenticate", {"GET": members(200), "POST": members(200)}),
    Route("account_email", {"GET": members(200), "POST": members(REDIRECT)}),
    Route("account_change_password", {"GET": members(200), "POST": members(200)}),
    Route("account_set_password", {"GET": members(REDIRECT), "POST": members(REDIRECT)}),
    Route("usersessions_list", {"GET": members(200), "POST": members(REDIRECT)}),
    Route("mfa_index", {"GET": members(200), "POST": members(405)}),
    # Two-factor set-up asks for the password again first (re-authentication).
    Route("mfa_activate_totp", {"GET": members(REDIRECT), "POST": members(REDIRECT)}),
    Route("mfa_authenticate", {"GET": visitors_only(LOGIN), "POST": visitors_only(LOGIN)}),
    Route(
        "mfa_reauthenticate",
        {"GET": STAFF_200_VOLUNTEERS_REDIRECTED, "POST": STAFF_200_VOLUNTEERS_REDIRECTED},
    ),
    Route("mfa_deactivate_totp", {"GET": WITHOUT_TOTP_404, "POST": WITHOUT_TOTP_404}),
    Route("mfa_generate_recovery_codes", {"GET": members(REDIRECT), "POST": members(REDIRECT)}),
    Route("mfa_view_recovery_codes", {"GET": members(404), "POST": members(405)}),
    Route("mfa_download_recovery_codes", {"GET": members(404), "POST": members(404)}),
    # --- My account: one's own data only (there is no other person's account to name) ---------
    Route("accounts:terms", {"GET": everyone(200), "POST": everyone(405)}),
    Route("accounts:privacy", {"GET": everyone(200), "POST": everyone(405)}),
    Route("accounts:account_deleted", {"GET": everyone(200), "POST": everyone(405)}),
    Route("accounts:profile", {"GET": members(200), "POST": everyone(405)}),
    Route("accounts:profile_edit", {"GET": members(200), "POST": members(200)}),
    Route("accounts:withdraw_consent", {"GET": everyone(405), "POST": members(REDIRECT)}),
    Route("accounts:my_data", {"GET": members(200), "POST": everyone(405)}),
    # The download and the deletion ask for the password again first.
    Route("accounts:my_data_download", {"GET": members(REDIRECT), "POST": everyone(405)}),
    Route("accounts:delete_account", {"GET": members(200), "POST": members(REDIRECT)}),
    # --- Places (public) ----------------------------------------------------------------------
    Route("territory:places", {"GET": everyone(200), "POST": everyone(405)}),
    Route("territory:place", {"GET": everyone(200)}, kwargs=lambda world: {"pk": world.place.pk}),
    # --- Notifications: one's own only ----------------------------------------------------------
    Route("notifications:inbox", {"GET": members(200), "POST": members(405)}),
    Route("notifications:preferences", {"GET": members(200), "POST": members({200, REDIRECT})}),
    Route("notifications:open", {"GET": owner_only({200, REDIRECT})}, kwargs=NOTIFICATION_A),
    Route(
        "notifications:mark_read", {"GET": members(405), "POST": owner_only(REDIRECT)}, kwargs=NOTIFICATION_A
    ),
    Route("notifications:mark_all_read", {"GET": members(405), "POST": members(REDIRECT)}),
    # --- Open data API (public, read only) ------------------------------------------------------
    Route("api:api-root", {"GET": everyone(404)}),
    Route("api:openapi-json", {"GET": everyone(200)}),
    Route("api:openapi-view", {"GET": everyone(200)}),
    Route("api:list_districts", {"GET": everyone(200), "POST": everyone(405)}),
    Route("api:district_outlines", {"GET": everyone(200), "POST": everyone(405)}),
    Route("api:district", {"GET": everyone(200)}, kwargs=lambda world: {"code": world.district.code}),
    Route("api:list_places", {"GET": everyone(200), "POST": everyone(405)}),
    Route("api:place", {"GET": everyone(200)}, kwargs=lambda world: {"place_id": world.place.pk}),
)

# Each pillar of the platform keeps its rows beside its world builder: tests/access/pillars/<app>.py.
from tests.access.pillars import PILLARS  # noqa: E402 - the pillars build their rows from this module

for _pillar in PILLARS:
    ROUTES.update(rows(*_pillar.ROWS))


@dataclass
class AdminRule:
    """Every route of the administration: staff only, whatever the model."""

    expected: dict
    overrides: dict = field(default_factory=dict)

    def expected_for(self, name: str) -> dict:
        return {**self.expected, **self.overrides.get(name, {})}

    # Unnamed admin patterns, reached by a made-up path: the catch-all and the old object URLs.
    unnamed_paths = {
        "admin:(?P<url>.*)$": "/admin/no-such-page/",
        "admin:<path:object_id>/": "/admin/accounts/user/0/",
    }

    def path_for(self, name: str, world) -> str:
        if name in self.unnamed_paths:
            return self.unnamed_paths[name]
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


# The admin's sign-in goes through allauth (so the second factor cannot be skipped): visitors are sent
# there, volunteers are refused. Staff meet 403 on what is read-only by design (consent records, the
# delivery log, sign-in attempts: no "add"; accounts are anonymised, never deleted) and 405 on a GET logout.
ADMIN_RULE = AdminRule(
    expected={
        ANONYMOUS: {LOGIN, ADMIN_LOGIN},
        OWNER: {ADMIN_LOGIN, 403},
        OTHER: {ADMIN_LOGIN, 403},
        ADMIN: {200, REDIRECT, 403, 404, 405},
    },
    # Django's admin logout refuses GET (405) for staff, and sends anyone else to the admin index.
    overrides={"admin:logout": {ANONYMOUS: REDIRECT, OWNER: REDIRECT, OTHER: REDIRECT}},
)


@dataclass
class Escalation:
    """A staff member who may change accounts tries, in the administration, to give an account a privilege.

    Read a row as a sentence: "city staff ticking *superuser status* on a volunteer's account is refused,
    and nothing changes". `target` is `moderator` (the staff member themselves) or `volunteer`; `changes`
    are the form's values on top of what the change page shows; `granted` says, from the account as it
    is read back, whether the privilege was given. The test fails if it was, whatever the page answered.
    """

    name: str
    target: str
    changes: Callable
    granted: Callable


MODERATOR, VOLUNTEER_ACCOUNT = "moderator", "volunteer"
_SUPERUSER = {"is_superuser": "on"}

ESCALATIONS = (
    Escalation(
        "staff raise a volunteer to superuser",
        VOLUNTEER_ACCOUNT,
        changes=lambda groups: _SUPERUSER,
        granted=lambda user, groups: user.is_superuser,
    ),
    Escalation(
        "staff raise themselves to superuser",
        MODERATOR,
        changes=lambda groups: _SUPERUSER,
        granted=lambda user, groups: user.is_superuser,
    ),
    Escalation(
        "staff give themselves a staff role they lack",
        MODERATOR,
        changes=lambda groups: {"groups": [groups["solidarity_coordinator"], groups["city_staff"]]},
        granted=lambda user, groups: user.groups.filter(pk=groups["solidarity_coordinator"]).exists(),
    ),
    Escalation(
        "staff give themselves a permission they lack",
        MODERATOR,
        changes=lambda groups: {"user_permissions": [groups["delete_user_permission"]]},
        granted=lambda user, groups: user.user_permissions.exists(),
    ),
    Escalation(
        "staff give a volunteer a staff role they lack",
        VOLUNTEER_ACCOUNT,
        changes=lambda groups: {"groups": [groups["solidarity_coordinator"]]},
        granted=lambda user, groups: user.groups.filter(pk=groups["solidarity_coordinator"]).exists(),
    ),
    Escalation(
        "staff give a volunteer a group of permissions they lack",
        VOLUNTEER_ACCOUNT,
        changes=lambda groups: {"groups": [groups["data_officers"]]},
        granted=lambda user, groups: user.groups.filter(pk=groups["data_officers"]).exists(),
    ),
    Escalation(
        "staff give a volunteer a permission they lack",
        VOLUNTEER_ACCOUNT,
        changes=lambda groups: {"user_permissions": [groups["delete_user_permission"]]},
        granted=lambda user, groups: user.user_permissions.exists(),
    ),
)
