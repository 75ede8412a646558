"""Every form of the platform, declared once, with the fields the hostile corpus attacks.

A form is a URL name, the caller who may use it, valid baseline data and the fields to attack. For each
field and hostile value, `submit()` posts the baseline with that one field replaced and judges the answer:

- never a 5xx;
- a 4xx says why (it has a body);
- a 200 shows a validation message, and no row the form could change has changed;
- a redirect goes to a page of this site; either nothing changed, or the value was saved as the form
  should store it (`Attack.saved` read back, compared with `Attack.normalise(value)`);
- an accepted value is shown escaped on the pages that display it (`HostileForm.shown_on`);
- no answer carries a hostile value as raw markup, nor a `javascript:` link.

`FORMS` must name every route that takes a POST from some caller (see `routes_taking_posts()`), or
`NOT_FORMS` must say why it is not one: tests/test_hostile_input.py fails otherwise, so that no new form
escapes the corpus.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any
from urllib.parse import urljoin, urlsplit

import phonenumbers
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import check_password
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from mobilization.accounts.models import ConsentRecord, Profile, User
from mobilization.notifications.models import ChannelPreference, Notification
from tests.access import callers
from tests.access.callers import ANONYMOUS, CITY_STAFF, OWNER, PASSWORD, World
from tests.access.table import REDIRECT, ROUTES
from tests.hostile import corpus
from tests.hostile.corpus import MARKUP, HostileUpload, HostileValue

SHOWN_TAGS = {corpus.MARKUP, corpus.UNICODE, corpus.CONTROL, corpus.FILENAME}
REFUSED = object()  # what `Attack.normalise` returns for a value the form must never accept


def typed_text(*, multiline: bool = False, is_a_name: bool = False):
    """What a text typed by a person is stored as: stripped. Control characters never come from a person
    (a single-line box cannot even hold a line break): refused, but for the line breaks and tabs of a text
    of several lines. A name must have something visible in it."""
    allowed = {"\n", "\r", "\t"} if multiline else set()

    def normalise(value: str):
        value = value.strip()
        if any(unicodedata.category(character) == "Cc" and character not in allowed for character in value):
            return REFUSED
        if is_a_name and value and not any(unicodedata.category(c)[0] in "LNPS" for c in value):
            return REFUSED
        return value

    return normalise


def only_empty(empty_value=""):
    """An optional choice field attacked with values that are never a valid choice: only "" is accepted,
    and stored as `empty_value`."""
    return lambda value: empty_value if value == "" else REFUSED


def as_phone_number(value: str):
    """What the profile stores for a phone number: E.164 when valid in France or abroad, "" when blank."""
    if not value.strip():
        return ""
    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        return REFUSED
    if not phonenumbers.is_valid_number(number):
        return REFUSED
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def a_ticked_box(value: str):
    """A check box is ticked by any value but "" and "false" (browsers send "on"); a required one that is
    not ticked refuses the form."""
    return True if value.lower() not in {"", "false"} else REFUSED


def refused(value: str):
    """For fields no hostile value may pass: a password to check, a one-time code, an e-mail address."""
    return REFUSED


@dataclass(frozen=True)
class Attack:
    """One field of a form, and the values it is attacked with."""

    field: str
    # Strings for most fields; `corpus.hostile_uploads(max_size)` for a file field.
    values: tuple[HostileValue | HostileUpload, ...] = corpus.ALL
    # Fields that receive the same value (a new password and its confirmation).
    also: tuple[str, ...] = ()
    # Reads back what the form stored for this field, for the baseline data `data`.
    saved: Callable[[World, dict], Any] | None = None
    # What a correct form stores for a hostile value, or REFUSED.
    normalise: Callable[[str], Any] = typed_text()
    # The field steers the answer (a page number, a "next" URL) and is stored nowhere.
    steers_only: bool = False
    # A field whose choices are a list: the value is sent as a one-item list.
    is_list: bool = False

    @property
    def id(self) -> str:
        return self.field


@dataclass(frozen=True)
class Shown:
    """A page that displays what a form saved, and who looks at it."""

    url_name: str
    viewer: Callable[[World, dict], User]
    # The fields whose values the page shows; all of them when empty.
    fields: tuple[str, ...] = ()
    # Only values carrying one of these tags are looked at there (a slow page: the administration).
    tags: frozenset[str] = frozenset(SHOWN_TAGS)


@dataclass(frozen=True)
class HostileForm:
    url_name: str
    # A caller of the access table, or a function making a fresh user for each submission.
    caller: str | Callable[[World, int], User]
    # Valid data; `n` counts the submissions, for values that must be unique (a new e-mail address).
    baseline: Callable[[World, int], dict]
    attacks: tuple[Attack, ...]
    # The rows the form may change, in a comparable form: a rejected submission leaves them as they were.
    rows: Callable[[World, dict], Any]
    kwargs: Callable[[World], dict] = lambda world: {}
    # Runs before each submission, with the caller's client (re-authentication, a reset key...).
    before: Callable[[Client, World, User | None], None] | None = None
    shown_on: tuple[Shown, ...] = ()
    # Distinguishes two declarations of the same form (other baseline data).
    variant: str = ""

    @property
    def id(self) -> str:
        return f"{self.url_name}[{self.variant}]" if self.variant else self.url_name


@dataclass(frozen=True)
class QueryString:
    """A page that reads its query string (filters, a page number, where to go next)."""

    url_name: str
    caller: str
    parameters: dict[str, tuple[HostileValue, ...]]
    baseline: dict = field(default_factory=dict)


# --- Reading the rows back ------------------------------------------------------------------------------


def _owner(world: World) -> User:
    return world.user(OWNER)


def _profile_rows(world: World, data: dict) -> list:
    return list(Profile.objects.filter(user=_owner(world)).values())


def _profile_field(name: str) -> Callable[[World, dict], Any]:
    return lambda world, data: Profile.objects.get(user=_owner(world)).serializable_value(name)


def _user_rows(user: Callable[[World], User]) -> Callable[[World, dict], list]:
    """The account's row, but for the time of the last sign-in (which a successful sign-in moves)."""
    names = [f.attname for f in User._meta.concrete_fields if f.name != "last_login"]
    return lambda world, data: list(User.objects.filter(pk=user(world).pk).values(*names))


def _signup_rows(world: World, data: dict) -> list:
    return [
        list(User.objects.order_by("pk").values("pk", "email", "password")),
        list(Profile.objects.order_by("pk").values("pk", "display_name")),
        list(ConsentRecord.objects.order_by("pk").values("pk", "user_id", "purpose", "withdrawn_at")),
    ]


def _new_member(data: dict) -> User:
    return User.objects.get(email=data["email"])


def _signed_up_profile(name: str) -> Callable[[World, dict], Any]:
    return lambda world, data: getattr(Profile.objects.get(user=_new_member(data)), name)


def _password_is(email: Callable[[World, dict], str], password_field: str):
    def read(world: World, data: dict) -> bool:
        user = User.objects.get(email=email(world, data))
        return check_password(data[password_field], user.password)

    return read


def _consents_recorded(world: World, data: dict) -> bool:
    return ConsentRecord.objects.filter(user=_new_member(data)).count() == 2


def _fresh_member(world: World, n: int) -> User:
    return callers.make_member(f"leaving-{n}@example.org", f"Leaving {n}")


# --- What runs before a submission ------------------------------------------------------------------------


def reauthenticate(client: Client, world: World, user: User | None) -> None:
    """Confirm the password again, as allauth asks before sensitive actions (valid a few minutes)."""
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD}, secure=True)
    assert response.status_code == 302, "re-authentication failed"


def start_a_staff_sign_in(client: Client, world: World, user: User | None) -> None:
    """The first step of a staff sign-in (the password): the second factor is asked next."""
    fresh_limits()
    response = client.post(
        reverse("account_login"), {"login": world.user(CITY_STAFF).email, "password": PASSWORD}, secure=True
    )
    assert response.get("Location", "").startswith(reverse("mfa_authenticate")), "no second step"


def _owner_with_the_known_password(world: World) -> User:
    """The owner, their password put back if an accepted value changed it."""
    owner = User.objects.get(pk=_owner(world).pk)
    if not owner.check_password(PASSWORD):
        owner.set_password(PASSWORD)
        owner.save(update_fields=["password"])
    return owner


def reset_owner_password(client: Client, world: World, user: User | None) -> None:
    """The old password is the known one again, and the owner signed in with it."""
    client.force_login(_owner_with_the_known_password(world))


def give_a_reset_key(client: Client, world: World, user: User | None) -> None:
    """What following the e-mailed link does: a valid key for the owner, kept in the session."""
    from allauth.account.forms import default_token_generator

    session = client.session
    session["_password_reset_key"] = default_token_generator.make_token(_owner_with_the_known_password(world))
    session.save()


def _reset_kwargs(world: World) -> dict:
    from allauth.account.utils import user_pk_to_url_str

    return {"uidb36": user_pk_to_url_str(_owner(world)), "key": "set-password"}


def fresh_limits() -> None:
    """Rate limits (allauth, in the cache) and lock-outs (django-axes) start from zero for each value."""
    from axes.utils import reset

    cache.clear()
    reset()


# --- The forms --------------------------------------------------------------------------------------------

PROFILE_BASELINE = {
    "display_name": "Owner",
    "themes": ["energy"],
    "skills": ["repair"],
    "other_skills": "bike repair",
    "languages": ["fr"],
    "availability": ["mon-morning"],
    "phone": "06 12 34 56 78",
    "preferred_language": "en",
    "bio": "Hello",
}
CHOICES = corpus.SAMPLE
# A value with a format of its own (a phone number, a one-time code): numbers, controls and the sample.
FORMATTED = corpus.union(corpus.NUMBERS, corpus.tagged(corpus.CONTROL), corpus.SAMPLE)
# A password is free text, attacked in full on sign-up; the other forms share allauth's password checks.
SECRETS = corpus.union(corpus.tagged(corpus.LONG, corpus.CONTROL), corpus.SAMPLE)
# Where to go next: a URL, followed but never shown as text.
URLS = corpus.named(
    "script_tag",
    "img_onerror",
    "javascript_url",
    "javascript_url_mixed_case",
    "data_url",
    "protocol_relative_url",
    "backslash_url",
    "header_injection",
    "null_byte",
    "control_characters",
    "right_to_left_override",
    "path_traversal",
    "path_traversal_encoded",
    "long_10k",
    "empty",
)


def _profile_baseline(world: World, n: int) -> dict:
    return {**PROFILE_BASELINE, "home_district": world.district.pk}


def _as_owner(world: World, data: dict) -> User:
    return _owner(world)


def _as_admin(world: World, data: dict) -> User:
    return world.user(callers.ADMIN)


PROFILE_TEXT_FIELDS = ("display_name", "other_skills", "bio")
# The edit form itself shows every refused value again: the "bad_phone" declaration below checks it.
PROFILE_SHOWN = (
    Shown("accounts:profile", _as_owner, fields=PROFILE_TEXT_FIELDS),
    Shown("admin:accounts_user_changelist", _as_admin, fields=("display_name",), tags=frozenset([MARKUP])),
)
PROFILE_TEXT_ATTACKS = (
    Attack("display_name", saved=_profile_field("display_name"), normalise=typed_text(is_a_name=True)),
    Attack("other_skills", saved=_profile_field("other_skills"), normalise=typed_text()),
    Attack("bio", saved=_profile_field("bio"), normalise=typed_text(multiline=True)),
)

FORMS: tuple[HostileForm, ...] = (
    HostileForm(
        "account_signup",
        caller=ANONYMOUS,
        baseline=lambda world, n: {
            "display_name": "Newcomer",
            "email": f"newcomer-{n}@example.org",
            "password1": "a long enough password 2026",
            "password2": "a long enough password 2026",
            "accept_terms": "on",
            "accept_privacy": "on",
        },
        attacks=(
            Attack(
                "display_name", saved=_signed_up_profile("display_name"), normalise=typed_text(is_a_name=True)
            ),
            Attack("email", normalise=refused),
            Attack(
                "password1",
                also=("password2",),
                saved=_password_is(lambda world, data: data["email"], "password1"),
                normalise=lambda value: True,
            ),
            *(
                Attack(box, values=CHOICES, saved=_consents_recorded, normalise=a_ticked_box)
                for box in ("accept_terms", "accept_privacy")
            ),
        ),
        rows=_signup_rows,
        shown_on=(Shown("accounts:profile", lambda world, data: _new_member(data)),),
    ),
    HostileForm(
        "account_login",
        caller=ANONYMOUS,
        baseline=lambda world, n: {"login": "owner@example.org", "password": PASSWORD},
        attacks=(
            Attack("login", normalise=refused),
            Attack("password", normalise=refused),
            # With the right password the caller is signed in and sent to `next`: never off this site.
            Attack("next", values=URLS, steers_only=True),
        ),
        rows=_user_rows(_owner),
    ),
    HostileForm(
        "account_reset_password",
        caller=ANONYMOUS,
        baseline=lambda world, n: {"email": "owner@example.org"},
        attacks=(Attack("email", normalise=refused),),
        rows=_user_rows(_owner),
    ),
    HostileForm(
        "account_reset_password_from_key",
        caller=ANONYMOUS,
        kwargs=_reset_kwargs,
        before=give_a_reset_key,
        baseline=lambda world, n: {
            "password1": "a new long password 2026",
            "password2": "a new long password 2026",
        },
        attacks=(
            Attack(
                "password1",
                values=SECRETS,
                also=("password2",),
                saved=_password_is(lambda world, data: "owner@example.org", "password1"),
                normalise=lambda value: True,
            ),
        ),
        rows=_user_rows(_owner),
    ),
    HostileForm(
        "account_reauthenticate",
        caller=OWNER,
        baseline=lambda world, n: {"password": PASSWORD},
        attacks=(Attack("password", values=SECRETS, normalise=refused),),
        rows=_user_rows(_owner),
    ),
    HostileForm(
        "account_email",
        caller=OWNER,
        baseline=lambda world, n: {"action_add": "", "email": f"second-{n}@example.org"},
        attacks=(Attack("email", normalise=refused),),
        rows=lambda world, data: list(EmailAddress.objects.filter(user=_owner(world)).values()),
    ),
    HostileForm(
        "account_change_password",
        caller=OWNER,
        before=reset_owner_password,
        baseline=lambda world, n: {
            "oldpassword": PASSWORD,
            "password1": "a new long password 2026",
            "password2": "a new long password 2026",
        },
        attacks=(
            Attack("oldpassword", values=SECRETS, normalise=refused),
            Attack(
                "password1",
                values=SECRETS,
                also=("password2",),
                saved=_password_is(lambda world, data: "owner@example.org", "password1"),
                normalise=lambda value: True,
            ),
        ),
        rows=_user_rows(_owner),
    ),
    HostileForm(
        "mfa_reauthenticate",
        caller=CITY_STAFF,
        baseline=lambda world, n: {"code": "000000"},
        attacks=(Attack("code", values=FORMATTED, normalise=refused),),
        rows=lambda world, data: list(Authenticator.objects.filter(user=world.user(CITY_STAFF)).values()),
    ),
    HostileForm(
        "mfa_authenticate",
        caller=ANONYMOUS,
        before=start_a_staff_sign_in,
        baseline=lambda world, n: {"code": "000000"},
        attacks=(Attack("code", values=FORMATTED, normalise=refused),),
        rows=_user_rows(lambda world: world.user(CITY_STAFF)),
    ),
    HostileForm(
        "mfa_activate_totp",
        caller=OWNER,
        before=reauthenticate,
        baseline=lambda world, n: {"code": "000000"},
        attacks=(Attack("code", values=FORMATTED, normalise=refused),),
        rows=lambda world, data: list(Authenticator.objects.filter(user=_owner(world)).values()),
    ),
    HostileForm(
        "accounts:profile_edit",
        caller=OWNER,
        baseline=_profile_baseline,
        attacks=(
            *PROFILE_TEXT_ATTACKS,
            Attack(
                "phone",
                values=FORMATTED,
                saved=lambda w, d: str(_profile_field("phone")(w, d) or ""),
                normalise=as_phone_number,
            ),
            Attack(
                "home_district",
                values=CHOICES,
                saved=_profile_field("home_district"),
                normalise=only_empty(None),
            ),
            Attack(
                "preferred_language",
                values=CHOICES,
                saved=_profile_field("preferred_language"),
                normalise=only_empty(),
            ),
            *(
                Attack(name, values=CHOICES, is_list=True, saved=_profile_field(name), normalise=refused)
                for name in ("themes", "skills", "languages", "availability")
            ),
        ),
        rows=_profile_rows,
        shown_on=PROFILE_SHOWN,
    ),
    # A hostile name with a phone number that is refused: the profile saved before stays as it was.
    HostileForm(
        "accounts:profile_edit",
        variant="bad_phone",
        caller=OWNER,
        baseline=lambda world, n: {**_profile_baseline(world, n), "phone": "not a phone"},
        attacks=tuple(
            Attack(name, values=corpus.tagged(corpus.MARKUP, corpus.LONG), normalise=refused)
            for name in ("display_name", "bio")
        ),
        rows=_profile_rows,
    ),
    HostileForm(
        "accounts:withdraw_consent",
        caller=OWNER,
        baseline=lambda world, n: {"purpose": ConsentRecord.Purpose.VULNERABLE_REGISTRATION},
        attacks=(Attack("purpose", values=CHOICES, normalise=refused),),
        rows=lambda world, data: list(ConsentRecord.objects.filter(user=_owner(world)).values()),
    ),
    HostileForm(
        "accounts:delete_account",
        caller=_fresh_member,
        before=reauthenticate,
        baseline=lambda world, n: {"confirm": "on"},
        attacks=(
            Attack(
                "confirm",
                values=CHOICES,
                saved=lambda world, data: User.objects.get(pk=data["_user"]).is_deleted,
                normalise=a_ticked_box,
            ),
        ),
        rows=lambda world, data: list(User.objects.filter(pk=data["_user"]).values("email", "deleted_at")),
    ),
    HostileForm(
        "notifications:preferences",
        caller=OWNER,
        baseline=lambda world, n: {"enabled": ["welcome:email", "account_security:sms"]},
        attacks=(Attack("enabled", values=CHOICES, is_list=True, normalise=refused),),
        rows=lambda world, data: list(ChannelPreference.objects.filter(user=_owner(world)).values()),
    ),
    HostileForm(
        "notifications:mark_read",
        caller=OWNER,
        kwargs=lambda world: {"pk": world.notification_a.pk},
        baseline=lambda world, n: {"page": "2"},
        attacks=(Attack("page", values=FORMATTED, steers_only=True),),
        rows=lambda world, data: list(
            Notification.objects.filter(recipient=_owner(world)).values("pk", "subject", "body", "url")
        ),
    ),
)

QUERY_STRINGS: tuple[QueryString, ...] = (
    QueryString(
        "territory:places",
        caller=ANONYMOUS,
        baseline={"kind": "cool_place", "district": "75104", "free": "true", "lat": "48.85", "lon": "2.35"},
        parameters={
            "kind": corpus.SAMPLE,
            "district": corpus.union(corpus.SAMPLE, corpus.tagged(corpus.MARKUP)),
            "free": corpus.SAMPLE,
            "open_now": corpus.SAMPLE,
            "near_district": corpus.SAMPLE,
            "lat": corpus.union(corpus.NUMBERS, corpus.SAMPLE),
            "lon": corpus.union(corpus.NUMBERS, corpus.SAMPLE),
            "page": corpus.union(corpus.NUMBERS, corpus.SAMPLE),
        },
    ),
    QueryString(
        "notifications:inbox", caller=OWNER, parameters={"page": corpus.union(corpus.NUMBERS, corpus.SAMPLE)}
    ),
    QueryString("account_login", caller=ANONYMOUS, parameters={"next": URLS}),
    QueryString("account_signup", caller=ANONYMOUS, parameters={"next": corpus.tagged(corpus.MARKUP)}),
    QueryString("account_reauthenticate", caller=OWNER, parameters={"next": corpus.tagged(corpus.MARKUP)}),
)

# Routes that take a POST but have no field a person fills in, and why.
NOT_FORMS: dict[str, str] = {
    "account_logout": "no field: signs the caller out",
    "account_confirm_email": "the key is part of the path, which only admits [-:\\w]; no field",
    "account_set_password": "members have a password: they are sent to account_change_password (attacked)",
    "usersessions_list": "no field: signs the caller's other sessions out",
    "mfa_deactivate_totp": "no field: confirms turning the second factor off after re-authentication",
    "mfa_generate_recovery_codes": "no field: confirms generating new recovery codes",
    "notifications:mark_all_read": "no field: marks every notification of the caller read",
    "account_confirm_login_code": "sign-in by e-mailed code is off: visitors are sent to sign in, members on",
}


# Each pillar declares its own forms in tests/hostile/pillars/<app>.py.
from tests.hostile.pillars import load as _load_pillars  # noqa: E402 - they build on this module

for _pillar in _load_pillars():
    FORMS += tuple(_pillar.FORMS)
    QUERY_STRINGS += tuple(_pillar.QUERY_STRINGS)
    NOT_FORMS.update(_pillar.NOT_FORMS)


def _post_outcomes(route) -> set:
    outcomes = set()
    for outcome in route.methods.get("POST", {}).values():
        outcomes |= set(outcome) if isinstance(outcome, set | frozenset | tuple) else {outcome}
    return outcomes


def routes_taking_posts() -> set[str]:
    """The routes of the access table where some caller's POST gets a 200, a redirect, or a 400 (a form
    whose empty submission is refused with its errors): forms."""
    return {name for name, route in ROUTES.items() if _post_outcomes(route) & {200, REDIRECT, 400}}


def routes_answering_posts() -> set[str]:
    """The routes whose POST is handled for some caller, even if no caller of the table may use it (an API
    write that needs a key the table's callers lack answers 401): what NOT_FORMS may name."""
    return {name for name, route in ROUTES.items() if _post_outcomes(route) - {404, 405}}


def attacks() -> list[tuple[HostileForm, Attack]]:
    return [(form, attack) for form in FORMS for attack in form.attacks]


# --- Judging an answer -------------------------------------------------------------------------------------

JAVASCRIPT_IN_URL_ATTRIBUTE = re.compile(
    r"""(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(?:javascript:|vbscript:|data:text/html)""",
    re.I,
)
VALIDATION_MESSAGE = re.compile(r"""class="[^"]*\b(?:errorlist|message-error|form-errors)\b|role="alert\"""")


def has_markup(value: str) -> bool:
    """A value that would change the page's HTML if written raw."""
    return "<" in value or '"' in value


def markup_problems(html: str, value: str) -> list[str]:
    """A hostile value written raw into a page, or a script URL in a link."""
    problems = []
    if has_markup(value) and value in html:
        problems.append("the value is written raw into the HTML")
    if JAVASCRIPT_IN_URL_ATTRIBUTE.search(html):
        problems.append(
            f"a script URL in an attribute: {JAVASCRIPT_IN_URL_ATTRIBUTE.search(html).group(0)!r}"
        )
    return problems


def is_local_location(location: str, request_path: str) -> bool:
    """A redirect to a page of this site (a relative URL stays on it), never to another site or a script."""
    if not location or any(ord(character) < 32 for character in location) or "\\" in location:
        return False
    target = urlsplit(urljoin(f"https://testserver{request_path}", location))
    return target.scheme == "https" and target.netloc == "testserver"


def shown_escaped(html: str, stored: str) -> bool:
    """The stored text is on the page, escaped (a text area or linebreaksbr may turn line breaks)."""
    escaped = escape(stored)
    candidates = {escaped, escaped.replace("\n", "<br>"), escaped.replace("\r\n", "\n").replace("\n", "<br>")}
    return any(candidate in html for candidate in candidates)


@dataclass
class Submission:
    """One submission's story, for a failure message."""

    target: str
    field: str
    value: HostileValue
    status: int = 0
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        problems = "; ".join(self.problems)
        return f"{self.target} · {self.field}={self.value.name} → {self.status}: {problems}"


class Browser:
    """Test clients reused from one submission to the next (each new Client loads the middleware again,
    and WhiteNoise then walks every static file). A fresh visit drops the cookies; a signed-in caller gets
    their session back while it is still valid for them, instead of signing in again each time."""

    def __init__(self):
        self._client = Client(raise_request_exception=False)
        self._viewer = Client(raise_request_exception=False)
        self._sessions: dict[tuple[int, int], str] = {}

    def visitor(self, user: User | None = None) -> Client:
        return self._fresh(self._client, user)

    def viewer(self, user: User) -> Client:
        return self._fresh(self._viewer, user)

    def _fresh(self, client: Client, user: User | None) -> Client:
        client.cookies.clear()
        if user is None:
            return client
        # From the database: a password changed by an accepted value ends the sessions made before.
        user = User.objects.get(pk=user.pk)
        key = (id(client), user.pk)
        session_key = self._sessions.get(key)
        if session_key and _is_signed_in(session_key, user):
            client.cookies[settings.SESSION_COOKIE_NAME] = session_key
        else:
            client.force_login(user)
            self._sessions[key] = client.cookies[settings.SESSION_COOKIE_NAME].value
        return client


def _is_signed_in(session_key: str, user: User) -> bool:
    data = import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key).load()
    return (
        data.get(SESSION_KEY) == str(user.pk) and data.get(HASH_SESSION_KEY) == user.get_session_auth_hash()
    )


def submit(
    browser: Browser,
    world: World,
    form: HostileForm,
    attack: Attack,
    value: HostileValue | HostileUpload,
    n: int,
) -> Submission:
    """Post the baseline with one field replaced by a hostile value, and judge the answer."""
    result = Submission(form.id, attack.field, value)
    user = form.caller(world, n) if callable(form.caller) else world.user(form.caller)
    client = browser.visitor(user)
    data = form.baseline(world, n)
    for name in (attack.field, *attack.also):
        sent = value.as_file() if isinstance(value, HostileUpload) else value.value  # a file goes multipart
        data[name] = [sent] if attack.is_list else sent
    context = {**data, "_user": user.pk if user else None}
    if form.before:
        form.before(client, world, user)
    fresh_limits()
    before = form.rows(world, context)
    path = reverse(form.url_name, kwargs=form.kwargs(world))
    response = client.post(path, data, secure=True)
    after = form.rows(world, context)
    result.status = status = response.status_code
    html = response.content.decode(errors="replace")
    result.problems += markup_problems(html, value.value)

    if status >= 500:
        result.problems.append("server error")
    elif status >= 400:
        if not html.strip():
            result.problems.append("a refusal without a reason")
        if after != before:
            result.problems.append("refused, yet rows changed")
    elif status == 200:
        if not VALIDATION_MESSAGE.search(html):
            result.problems.append("a 200 without a visible validation message")
        if after != before:
            result.problems.append("answered with the form again, yet rows changed")
    elif 300 <= status < 400:
        location = response.get("Location", "")
        if not is_local_location(location, path):
            result.problems.append(f"redirects off this site: {location[:200]!r}")
        if user is not None and urlsplit(location).path == reverse("account_login"):
            result.problems.append("the signed-in caller was sent to sign in: the value was never judged")
        if after != before:
            result.problems += _accepted_problems(browser, world, form, attack, value, context)
    else:
        result.problems.append("unexpected status")
    return result


def _accepted_problems(
    browser: Browser, world: World, form: HostileForm, attack: Attack, value: HostileValue, context: dict
) -> list:
    """Rows changed: the value must be one the form may accept, stored as it should be, shown escaped."""
    if attack.steers_only:
        return ["a field that steers only changed rows"]
    expected = attack.normalise(value.value)
    if expected is REFUSED:
        return ["accepted a value the form must refuse"]
    if attack.saved is None:
        return ["rows changed but nothing says what should be stored"]
    stored = attack.saved(world, context)
    if stored != expected:
        return [f"stored {str(stored)[:80]!r} instead of {str(expected)[:80]!r}"]
    problems = []
    # How an accepted value is shown matters for markup, invisible and control characters; a plain long
    # string or a number-like one shows like any other text.
    if isinstance(stored, str) and stored and (has_markup(stored) or value.tags & SHOWN_TAGS):
        for shown in form.shown_on:
            if (shown.fields and attack.field not in shown.fields) or not (value.tags & shown.tags):
                continue
            page = browser.viewer(shown.viewer(world, context)).get(reverse(shown.url_name), secure=True)
            html = page.content.decode(errors="replace")
            if page.status_code != 200:
                problems.append(f"{shown.url_name} answers {page.status_code} once the value is saved")
                continue
            problems += [f"{shown.url_name}: {problem}" for problem in markup_problems(html, stored)]
            if not shown_escaped(html, stored):
                problems.append(f"{shown.url_name} does not show the saved value (escaped)")
    return problems


def body_of(response) -> bytes:
    """The whole body, of a streamed download (CSV, GeoJSON) as of a page."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def visit(
    browser: Browser, world: World, page: QueryString, parameter: str, value: HostileValue
) -> Submission:
    """Load a page with one query parameter replaced by a hostile value, and judge the answer."""
    result = Submission(page.url_name, parameter, value)
    client = browser.visitor(world.user(page.caller))
    fresh_limits()
    path = reverse(page.url_name)
    response = client.get(path, {**page.baseline, parameter: value.value}, secure=True)
    result.status = response.status_code
    html = body_of(response).decode(errors="replace")
    result.problems += markup_problems(html, value.value)
    if result.status >= 500:
        result.problems.append("server error")
    elif result.status >= 400 and not html.strip():
        result.problems.append("a refusal without a reason")
    elif 300 <= result.status < 400 and not is_local_location(response.get("Location", ""), path):
        result.problems.append("redirects off this site")
    return result
