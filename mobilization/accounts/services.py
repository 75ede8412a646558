"""What people do with their account: sign up, keep a profile, give and withdraw consent, take their data
away, delete their account; and what staff do: assign roles. Free of HTTP, called by views, admin,
the demo command and tests.
"""

import logging
import uuid
from collections.abc import Iterable
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mobilization.accounts import consents as consent_wordings
from mobilization.accounts import personal_data
from mobilization.accounts.models import ConsentRecord, Profile, User
from mobilization.core import audit, roles
from mobilization.core.errors import AlreadyDone, DomainError, NotAllowed
from mobilization.core.registries import Figure
from mobilization.core.roles import CITY_STAFF, VOLUNTEER, needs_two_factor
from mobilization.core.transitions import lock, transition

logger = logging.getLogger(__name__)

EXPORT_FORMAT_VERSION = 1


class ConsentRequired(NotAllowed):
    """A required consent (terms, privacy) ends only with the account."""


class UnknownRole(DomainError):
    """A role name that is not one of the platform's roles (`core.roles.ROLES`)."""


# --- Sign-up and profile ------------------------------------------------------------------------------


def profile_of(user: User) -> Profile:
    """The user's volunteer profile; accounts made outside sign-up (admin, shell) get an empty one."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        profile, _created = Profile.objects.get_or_create(user=user)
        return profile


@transaction.atomic
def sign_up(
    user: User, *, display_name: str, consents_given: Iterable[str], preferred_language: str = ""
) -> Profile:
    """A person has just created their account: they get a profile, the volunteer role, and their
    consents are recorded with the version of the wording they saw."""
    languages = {code for code, _name in settings.LANGUAGES}
    profile, _created = Profile.objects.update_or_create(
        user=user,
        defaults={
            "display_name": display_name,
            "preferred_language": preferred_language if preferred_language in languages else "",
        },
    )
    add_role(user, VOLUNTEER, by=None)
    for purpose in consents_given:
        give_consent(user, purpose)
    audit.record(user, "accounts.signed_up", user)
    return profile


def update_profile(profile: Profile, **values) -> Profile:
    """Save the volunteer's own changes to their profile."""
    for name, value in values.items():
        setattr(profile, name, value)
    profile.full_clean(exclude=["user"])
    profile.save()
    return profile


def record_sign_in(user: User) -> None:
    audit.record(user, "accounts.signed_in", user)


def public_name(user: User | None) -> str:
    """The name shown next to a person's public contributions ("Former member" once they left)."""
    if user is None or getattr(user, "deleted_at", None) is not None:
        return _("Former member")
    try:
        name = user.profile.display_name
    except Profile.DoesNotExist:
        name = ""
    return name or user.get_full_name() or _("Member")


# --- Roles --------------------------------------------------------------------------------------------


def ensure_roles() -> dict[str, Group]:
    """Create the role groups and give them their model permissions; safe to call any number of times.

    Permissions of apps that are not installed or not migrated yet are skipped (and logged).
    """
    groups = {}
    for role in roles.ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        wanted = roles.ROLE_PERMISSIONS.get(role, ())
        permissions = _permissions(wanted)
        if len(permissions) < len(wanted):
            logger.info(
                "Role %s: %d of its permissions do not exist yet", role, len(wanted) - len(permissions)
            )
        group.permissions.add(*permissions)
        groups[role] = group
    return groups


def _permissions(names: Iterable[str]) -> list[Permission]:
    found = []
    for name in names:
        app_label, codename = name.split(".", 1)
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            found.append(permission)
    return found


def _role_group(role: str) -> Group:
    if role not in roles.ROLES:
        raise UnknownRole(_("“%(role)s” is not a role of the platform.") % {"role": role})
    group, _created = Group.objects.get_or_create(name=role)
    return group


def add_role(user: User, role: str, *, by: User | None) -> None:
    """Give a role to a person (the audit log says who did); refused if `by` may not give it."""
    group = _role_group(role)
    if user.groups.filter(pk=group.pk).exists():
        return
    check_may_grant(user, by=by, groups=[group])
    user.groups.add(group)
    _forget_cached_roles(user)
    audit.record(by, "accounts.role_granted", user, role=role)


def remove_role(user: User, role: str, *, by: User | None) -> None:
    group = _role_group(role)
    if not user.groups.filter(pk=group.pk).exists():
        return
    user.groups.remove(group)
    _forget_cached_roles(user)
    audit.record(by, "accounts.role_removed", user, role=role)


def set_roles(user: User, wanted: Iterable[str], *, by: User | None) -> None:
    """Give a person exactly these roles (groups that are not platform roles are left alone)."""
    wanted = set(wanted)
    current = roles.role_names(user) & set(roles.ROLES)
    for role in sorted(wanted - current):
        add_role(user, role, by=by)
    for role in sorted(current - wanted):
        remove_role(user, role, by=by)


# --- Who may give which privilege ---------------------------------------------------------------------


class PrivilegeNotHeld(NotAllowed):
    """Someone tried to give a privilege they do not hold themselves, or to raise their own access."""


# Roles of participation: they reach nobody else's data and carry no model permission of their own,
# so staff who may change accounts may give them (an organiser, a committee member) without holding them.
PARTICIPATION_ROLES = frozenset(roles.ROLES) - roles.STAFF_ROLES


def check_may_grant(
    target: User,
    *,
    by: User | None,
    groups: Iterable[Group] = (),
    permissions: Iterable[Permission] = (),
    is_staff: bool = False,
    is_superuser: bool = False,
) -> None:
    """Refuse (`PrivilegeNotHeld`) to give `target` what `by` does not hold, or to raise `by`'s own access.

    `groups`, `permissions`, `is_staff` and `is_superuser` are what would be *added*; taking away is not
    checked here. Superusers hold every privilege and may give any; `by=None` is the platform itself
    (sign-up, the demo, migrations). Everyone else may give only what they hold themselves (a staff role
    they belong to, a permission they have, staff status), never superuser status, and nothing to
    themselves: raising one's own access takes another administrator.
    """
    groups, permissions = list(groups), list(permissions)
    if by is None or by.is_superuser or not (groups or permissions or is_staff or is_superuser):
        return
    if is_superuser:
        raise PrivilegeNotHeld(_("Only a superuser can give superuser status."))
    if target.pk == by.pk:
        raise PrivilegeNotHeld(_("You cannot raise your own access: ask another administrator."))
    if is_staff and not by.is_staff:
        raise PrivilegeNotHeld(_("You cannot give staff status: you do not hold it yourself."))
    held = by.get_all_permissions()
    own_groups = set(by.groups.values_list("pk", flat=True))
    for group in groups:
        wanted = _permission_names(group.permissions.select_related("content_type"))
        is_participation = group.name in PARTICIPATION_ROLES and wanted <= held
        if group.pk not in own_groups and not is_participation:
            raise PrivilegeNotHeld(
                _("You cannot give the role “%(role)s”: you do not hold it yourself.")
                % {"role": roles.role_label(group.name)}
            )
    for permission in permissions:
        if not _permission_names([permission]) <= held:
            raise PrivilegeNotHeld(
                _("You cannot give the permission “%(permission)s”: you do not hold it yourself.")
                % {"permission": permission.name}
            )


def _permission_names(permissions: Iterable[Permission]) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in permissions}


def may_change_account(target: User, *, by: User) -> bool:
    """Only a superuser changes a superuser's account (its address or password would open it to them)."""
    return by.is_superuser or not target.is_superuser


def record_role_changes(user: User, before: set[str], after: set[str], *, by: User | None) -> None:
    """Write to the audit log the groups a staff member just gave or took away (the admin calls this)."""
    for name in sorted(after - before):
        audit.record(by, "accounts.role_granted", user, role=name)
    for name in sorted(before - after):
        audit.record(by, "accounts.role_removed", user, role=name)
    _forget_cached_roles(user)


def record_access_change(user: User, flag: str, value: bool, *, by: User | None) -> None:
    """Write to the audit log a change of `is_staff`, `is_superuser` or `is_active` made by staff."""
    audit.record(by, "accounts.access_changed", user, flag=flag, value=value)


def _forget_cached_roles(user: User) -> None:
    user.__dict__.pop("_group_names_cache", None)


# --- Consents -----------------------------------------------------------------------------------------


def give_consent(user: User, purpose: str, *, version: str | None = None) -> ConsentRecord:
    """Record that the person agreed to `purpose` on the current wording (or the given version).

    Giving again the consent already in force on the same version changes nothing.
    """
    wording = consent_wordings.current_wording(purpose)
    version = version or wording.version
    existing = ConsentRecord.objects.filter(
        user=user, purpose=purpose, wording_version=version, withdrawn_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    return ConsentRecord.objects.create(
        user=user,
        purpose=purpose,
        wording_version=version,
        wording=str(wording.text),
        given_at=timezone.now(),
    )


def withdraw_consent(user: User, purpose: str) -> int:
    """The person withdraws an optional consent; returns how many records ended (0 if none was in force)."""
    if consent_wordings.is_required(purpose):
        raise ConsentRequired(
            _("This consent is needed to have an account. To withdraw it, delete your account.")
        )
    in_force = ConsentRecord.objects.filter(user=user, purpose=purpose, withdrawn_at__isnull=True)
    return sum(_withdraw(record, by=user) for record in in_force)


def _withdraw(record: ConsentRecord, *, by: User | None) -> bool:
    """End one consent in force (locked, audited); False if it ended meanwhile (a request at the same
    moment). The record stays, as the proof of what the person had agreed to and until when."""
    try:
        transition(
            record,
            by=by,
            action="accounts.consent_withdrawn",
            allowed_from=None,
            check=_in_force,
            refresh=["withdrawn_at"],
            changes={"withdrawn_at": timezone.now()},
            details={"purpose": record.purpose},
        )
    except AlreadyDone:
        return False
    return True


def _in_force(record: ConsentRecord) -> None:
    if record.withdrawn_at is not None:
        raise AlreadyDone(_("This consent is already withdrawn."))


def current_consents(user: User) -> QuerySet[ConsentRecord]:
    """The consents in force, the most recent first."""
    return ConsentRecord.objects.filter(user=user, withdrawn_at__isnull=True).order_by("-given_at")


def has_consent(user: User, purpose: str) -> bool:
    return current_consents(user).filter(purpose=purpose).exists()


# --- My data ------------------------------------------------------------------------------------------


def export_personal_data(user: User) -> dict:
    """Everything the platform holds about the person, every app's section included; audit-logged."""
    data = {
        "format_version": EXPORT_FORMAT_VERSION,
        "generated_at": timezone.now(),
        "sections": personal_data.export(user),
    }
    audit.record(user, "accounts.personal_data_exported", user)
    return data


def export_account_data(user: User) -> dict:
    """The accounts app's own section of "My data" (registered in `AccountsConfig.ready`)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    from mobilization.core.models import AuditEvent

    profile = Profile.objects.filter(user=user).select_related("home_district").first()
    return {
        "account": {
            "email": user.email,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "is_active": user.is_active,
            "roles": sorted(roles.role_label(name) for name in user.groups.values_list("name", flat=True)),
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user)
            ],
            "two_factor_methods": [
                {"type": auth.type, "created_at": auth.created_at, "last_used_at": auth.last_used_at}
                for auth in Authenticator.objects.filter(user=user)
            ],
        },
        "profile": _export_profile(profile) if profile else None,
        "consents": [
            {
                "purpose": record.purpose,
                "purpose_label": record.get_purpose_display(),
                "wording_version": record.wording_version,
                "wording": record.wording,
                "given_at": record.given_at,
                "withdrawn_at": record.withdrawn_at,
            }
            for record in ConsentRecord.objects.filter(user=user).order_by("given_at")
        ],
        "sessions": [
            {
                "ip": session.ip,
                "user_agent": session.user_agent,
                "created_at": session.created_at,
                "last_seen_at": session.last_seen_at,
            }
            for session in UserSession.objects.filter(user=user)
        ],
        "audit_events": [
            {
                "occurred_at": event.occurred_at,
                "action": event.action,
                "object_type": event.object_type,
                "object_id": event.object_id,
                "details": event.details,
            }
            for event in AuditEvent.objects.filter(actor=user).order_by("occurred_at")
        ],
    }


def _export_profile(profile: Profile) -> dict:
    return {
        "display_name": profile.display_name,
        "home_district": profile.home_district.name if profile.home_district else None,
        "themes": profile.theme_labels,
        "skills": profile.skill_labels,
        "other_skills": profile.other_skills,
        "languages": profile.language_labels,
        "availability": profile.availability,
        "phone": str(profile.phone) if profile.phone else "",
        "preferred_language": profile.get_preferred_language_display(),
        "bio": profile.bio,
        "created_at": profile.created_at,
        "updated_at": profile.updated_at,
    }


# --- Account deletion ---------------------------------------------------------------------------------


@transaction.atomic
def delete_account(user: User, *, by: User | None = None) -> None:
    """Erase a person's personal data and close their account for good.

    The `User` row stays, anonymised, so that public contributions in other apps keep an author shown
    as "Former member". Every app's anonymiser runs first (see `personal_data`), then this app erases
    its own data: profile, e-mail addresses, second factors, sessions, sign-in attempts; consents are
    withdrawn and kept as a record that holds no personal detail. Deleting a deleted account changes
    nothing (the row is locked first: a second click or the admin at the same moment finds it done).
    """
    lock(user, fields=["deleted_at", "email"])
    if user.deleted_at is not None:
        return
    personal_data.anonymise(user)
    _erase_account_data(user, user.email)
    for record in ConsentRecord.objects.filter(user=user, withdrawn_at__isnull=True):
        _withdraw(record, by=by or user)
    transition(
        user,
        by=by or user,
        action="accounts.account_deleted",
        allowed_from=None,
        changes={
            "email": f"deleted-{uuid.uuid4().hex}@invalid",
            "first_name": "",
            "last_name": "",
            "password": make_password(None),  # unusable; also ends every session (the auth hash changes)
            "is_active": False,
            "is_staff": False,
            "is_superuser": False,
            "deleted_at": timezone.now(),
        },
    )
    user.groups.clear()
    user.user_permissions.clear()
    _forget_cached_roles(user)
    _rename_in_admin_log(user)


def _erase_account_data(user: User, former_email: str) -> None:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    Profile.objects.filter(user=user).update(
        display_name="",
        home_district=None,
        themes=[],
        skills=[],
        other_skills="",
        languages=[],
        availability=[],
        phone="",
        preferred_language="",
        bio="",
        updated_at=timezone.now(),
    )
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    for session in UserSession.objects.filter(user=user):
        session.end()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=former_email).delete()


def _rename_in_admin_log(user: User) -> None:
    """The admin's history names objects by their `str()`: the e-mail address and the display name."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(object_repr=user.email)
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Profile), object_id=str(profile.pk)
        ).update(object_repr=str(_("Former member")))


# --- Demo ---------------------------------------------------------------------------------------------


class DemoAccount(NamedTuple):
    user: User
    totp_secret: str | None
    """The base32 secret of the account's authenticator app, for staff accounts; None otherwise."""


@transaction.atomic
def create_demo_account(
    email: str,
    password: str,
    roles: Iterable[str],
    display_name: str,
    district=None,
    with_totp_secret: str | None = None,
) -> DemoAccount:
    """A verified account with these roles and profile, for the demo; running it again changes nothing.

    `district` is a `territory.District` (an arrondissement) or an arrondissement number. Staff accounts
    (city staff, solidarity coordinators) get an authenticator app secret, `with_totp_secret` or a new
    one kept from the previous run, so that they can sign in with their second factor: the secret is
    returned for the demo to print. City staff also get `is_staff`, to moderate in the admin.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from allauth.mfa.utils import decrypt

    wanted_roles = set(roles)
    email = email.strip().lower()
    ensure_roles()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=password)
    elif not user.check_password(password):
        user.set_password(password)
    user.is_active = True
    user.is_staff = user.is_staff or CITY_STAFF in wanted_roles
    user.save()

    EmailAddress.objects.filter(user=user).exclude(email__iexact=email).update(primary=False)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )

    profile = profile_of(user)
    profile.display_name = display_name
    if district is not None:
        profile.home_district = _arrondissement(district)
    profile.save()
    for purpose in (ConsentRecord.Purpose.TERMS, ConsentRecord.Purpose.PRIVACY):
        give_consent(user, purpose)
    set_roles(user, wanted_roles | {VOLUNTEER}, by=None)

    secret = None
    if with_totp_secret or needs_two_factor(user):
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp is not None and (not with_totp_secret or decrypt(totp.data["secret"]) == with_totp_secret):
            secret = decrypt(totp.data["secret"])
        else:
            if totp is not None:
                totp.delete()
            secret = with_totp_secret or generate_totp_secret()
            TOTP.activate(user, secret)
    return DemoAccount(user=user, totp_secret=secret)


def _arrondissement(district):
    from mobilization.territory.models import District

    if isinstance(district, District):
        return district
    return District.objects.get(level=District.Level.ARRONDISSEMENT, number=int(district))


def has_two_factor(user) -> bool:
    """Has the person turned on an authenticator app (the second factor staff roles must use)?"""
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def home_figures() -> list[Figure]:
    """How many Climate Volunteers have an account (registered in apps.py for the home page)."""
    volunteers = User.objects.filter(is_active=True, groups__name=roles.VOLUNTEER).count()
    return [Figure("volunteers", volunteers, gettext_lazy("Climate Volunteers on the platform"))]
