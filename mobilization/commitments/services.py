"""The domain logic of organisations, commitments and progress reports.

Every state change is one function here that goes through the kernel's `transition()`. Where a
commitment stands (its progress, on or off track) is computed with the kernel's trajectory mathematics,
the same as the Climate Plan's objectives (`assessment_of`); the commitment's status follows from it
(`settle_status`), and from the reports it owes (`periods.py`).
"""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mobilization.accounts import services as accounts
from mobilization.commitments import periods
from mobilization.commitments.models import (
    ApiToken,
    CoalitionMembership,
    Commitment,
    Evidence,
    InterimTarget,
    Invitation,
    Organisation,
    ProgressReport,
    ReportReminder,
    ReportRevision,
    Representation,
    hash_token,
)
from mobilization.core import audit, roles
from mobilization.core.errors import AlreadyDone, DomainError, InvalidTransition, NotAllowed
from mobilization.core.registries import Affiliation, notifier
from mobilization.core.trajectory import DOWN, Assessment, Point, Status, TargetPoint, assess, meets
from mobilization.core.transitions import Notice, transition

INVITATION_DAYS = 14
OrgStatus = Organisation.Status
CStatus = Commitment.Status
RStatus = ProgressReport.Status
COUNTING = (RStatus.SUBMITTED, RStatus.MORE_INFORMATION, RStatus.VERIFIED)
# The statuses `settle_status` may move a commitment between (withdrawn is the representative's word).
SETTLED = [status for status in CStatus.values if status != CStatus.WITHDRAWN]


def today() -> date:
    """The day commitments are judged on: which reports are due, which year the targets are read in
    (tests pin it, so that what they assert does not change with the calendar)."""
    return timezone.localdate()


def this_year() -> int:
    return today().year


# --- Organisations --------------------------------------------------------------------------------------


def _unique_slug(name: str) -> str:
    base = slugify(name)[:60] or "organisation"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def register_organisation(*, by, **fields) -> Organisation:
    """A person signs up their organisation: it awaits verification by staff; they represent it."""
    with transaction.atomic():
        organisation = Organisation.objects.create(slug=_unique_slug(fields["name"]), created_by=by, **fields)
        _add_representative(organisation, by)
        audit.record(by, "commitments.organisation_registered", organisation)
    registry_changed()
    return organisation


def update_organisation(organisation: Organisation, *, by, **fields) -> Organisation:
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.save(update_fields=[*fields, "updated_at"])
    audit.record(by, "commitments.organisation_changed", organisation, fields=sorted(fields))
    registry_changed()
    return organisation


def _add_representative(organisation: Organisation, user) -> None:
    Representation.objects.get_or_create(organisation=organisation, user=user)
    accounts.add_role(user, roles.ORGANISATION_REPRESENTATIVE, by=None)


def representatives_of(organisation: Organisation) -> list:
    return list(organisation.representatives.filter(is_active=True))


def affiliations_of(user) -> list[Affiliation]:
    """The organisations the person may join a team for elsewhere (the challenges' organisation teams):
    the verified organisations they represent. Registered in `core.registries.affiliations`."""
    if not getattr(user, "is_authenticated", False):
        return []
    organisations = Organisation.objects.verified().filter(representations__user=user).order_by("name", "pk")
    return [
        Affiliation(key=f"organisation:{o.pk}", name=o.name, url=o.get_absolute_url()) for o in organisations
    ]


def managers_of(commitment: Commitment) -> list:
    """Who speaks for a commitment: its organisation's representatives, or for a coalition's commitment,
    the representatives of the coalition's lead organisations (each once)."""
    if commitment.organisation_id is not None:
        return representatives_of(commitment.organisation)
    people = {}
    leads = Organisation.objects.filter(
        coalition_memberships__coalition=commitment.coalition_id, coalition_memberships__is_lead=True
    )
    for lead in leads:
        for person in representatives_of(lead):
            people[person.pk] = person
    return list(people.values())


def verify_organisation(organisation: Organisation, *, by) -> Organisation:
    """Staff verify an organisation: it may publish commitments, and the registry shows it (and any
    commitment it has)."""
    registry_changed()
    with transaction.atomic():
        transition(
            organisation,
            by=by,
            action="commitments.organisation_verified",
            allowed_from=[OrgStatus.PENDING, OrgStatus.REJECTED],
            to=OrgStatus.VERIFIED,
            changes={"verified_at": timezone.now(), "rejection_reason": ""},
            notices=[
                Notice(
                    representatives_of(organisation), "organisation_verified", {"organisation": organisation}
                )
            ],
        )
        organisation.commitments.update(is_public=True, updated_at=timezone.now())
    return organisation


def reject_organisation(organisation: Organisation, *, by, reason: str) -> Organisation:
    """Staff decline to verify an organisation, and say why; its representatives are told."""
    if not reason.strip():
        raise DomainError(_("Say why the organisation is not verified: its representatives will read it."))
    return transition(
        organisation,
        by=by,
        action="commitments.organisation_rejected",
        allowed_from=[OrgStatus.PENDING],
        to=OrgStatus.REJECTED,
        changes={"rejection_reason": reason.strip()},
        notices=[
            Notice(
                representatives_of(organisation),
                "organisation_rejected",
                {"organisation": organisation, "reason": reason.strip()},
            )
        ],
    )


# --- Invitations ----------------------------------------------------------------------------------------


def invite_representative(organisation: Organisation, *, email: str, by) -> tuple[Invitation, str]:
    """An invitation to represent the organisation, valid `INVITATION_DAYS`; returns it and its token
    (to put in the link of the e-mail: only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email.strip().lower(),
        token_hash=hash_token(token),
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        invited_by=by,
    )
    audit.record(by, "commitments.representative_invited", invitation)
    transaction.on_commit(lambda: _send_invitation(invitation, token))
    return invitation, token


def _send_invitation(invitation: Invitation, token: str) -> None:
    """The invitation e-mail, once the invitation is saved. The token travels only in this message."""
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse

    from mobilization.notifications.texts import absolute_url

    context = {
        "organisation": invitation.organisation,
        "link": absolute_url(reverse("commitments:invitation", kwargs={"token": token})),
        "expires_at": invitation.expires_at,
    }
    send_mail(
        render_to_string("commitments/email/invitation_subject.txt", context).strip(),
        render_to_string("commitments/email/invitation_body.txt", context),
        None,
        [invitation.email],
    )


def invitation_for(token: str) -> Invitation | None:
    return Invitation.objects.select_related("organisation").filter(token_hash=hash_token(token)).first()


def accept_invitation(invitation: Invitation, *, by) -> Invitation:
    """The invited person (signed in with any address: the link was their proof) becomes a
    representative; the address is erased, its purpose served."""

    def still_valid(invitation):
        if invitation.is_expired:
            raise InvalidTransition(_("This invitation has expired: ask for a new one."))

    with transaction.atomic():
        transition(
            invitation,
            by=by,
            action="commitments.invitation_accepted",
            allowed_from=[Invitation.Status.PENDING],
            to=Invitation.Status.ACCEPTED,
            changes={"accepted_by": by, "email": ""},
            check=still_valid,
            message=_("This invitation has already been used or withdrawn."),
            refresh=["expires_at"],
        )
        _add_representative(invitation.organisation, by)
    return invitation


# --- API keys: an organisation's own system files its reports ---------------------------------------------

TOKEN_PREFIX = "cmt_"  # noqa: S105 - the public prefix of every key, not a secret


def create_api_token(organisation: Organisation, *, label: str, by) -> tuple[ApiToken, str]:
    """A new key for the organisation; returns it and the key itself, which is shown this once."""
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        organisation=organisation,
        label=label.strip(),
        prefix=key[:12],
        token_hash=hash_token(key),
        created_by=by,
    )
    audit.record(by, "commitments.api_token_created", token)
    return token, key


def revoke_api_token(token: ApiToken, *, by) -> ApiToken:
    def still_active(token):
        if token.revoked_at is not None:
            raise AlreadyDone(_("This key is already revoked."))

    return transition(
        token,
        by=by,
        action="commitments.api_token_revoked",
        allowed_from=None,
        check=still_active,
        changes={"revoked_at": timezone.now()},
        refresh=["revoked_at"],
    )


def organisation_of_key(key: str) -> ApiToken | None:
    """The active key with this value, or None; its use is noted."""
    if not key or not key.startswith(TOKEN_PREFIX) or len(key) > 100:
        return None
    token = (
        ApiToken.objects.select_related("organisation")
        .filter(token_hash=hash_token(key), revoked_at__isnull=True)
        .first()
    )
    if token is not None:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


# --- Commitments ----------------------------------------------------------------------------------------


def create_commitment(
    organisation: Organisation,
    *,
    by,
    objectives: Iterable = (),
    interim_targets: Iterable[tuple[int, float]] = (),
    **fields,
) -> Commitment:
    """A verified organisation makes a commitment (pledged until its first report)."""
    if not organisation.is_verified:
        raise NotAllowed(_("The organisation must be verified by the city before it publishes commitments."))
    check_targets(fields, interim_targets)
    fields.setdefault("starts_on", today())
    with transaction.atomic():
        commitment = Commitment.objects.create(organisation=organisation, created_by=by, **fields)
        commitment.objectives.set(objectives)
        InterimTarget.objects.bulk_create(
            InterimTarget(commitment=commitment, year=year, value=value) for year, value in interim_targets
        )
        audit.record(by, "commitments.commitment_made", commitment)
    registry_changed()
    return commitment


def check_targets(fields: dict, interim_targets: Iterable[tuple[int, float]]) -> None:
    if fields["target_year"] <= fields["baseline_year"]:
        raise DomainError(_("The target year must come after the baseline year."))
    for year, _value in interim_targets:
        if not fields["baseline_year"] < year < fields["target_year"]:
            raise DomainError(_("Each interim target's year must fall between the baseline and the target."))


def withdraw_commitment(commitment: Commitment, *, by, reason: str) -> Commitment:
    registry_changed()
    return transition(
        commitment,
        by=by,
        action="commitments.commitment_withdrawn",
        allowed_from=SETTLED,
        to=CStatus.WITHDRAWN,
        changes={"withdrawal_reason": reason.strip()},
        message=_("This commitment is already withdrawn."),
    )


# --- Progress reports -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceFile:
    name: str
    content: object  # a django File


def submit_report(
    commitment: Commitment,
    *,
    by,
    period: str,
    value: float,
    narrative: str = "",
    links: Iterable[str] = (),
    files: Iterable[EvidenceFile] = (),
    through_api: bool = False,
) -> tuple[ProgressReport, bool]:
    """A representative files the figure of a period; returns the report and whether it is new.

    Filing a period again changes its report (the previous text is kept as a revision) and sends it back
    to staff, unless it is verified: a verified figure stays (AlreadyDone)."""
    if commitment.is_withdrawn:
        raise NotAllowed(_("This commitment is withdrawn: it takes no more reports."))
    try:
        parsed = periods.parse(period, commitment.reporting_frequency)
    except ValueError as error:
        raise DomainError(str(error)) from error
    if parsed.starts > today():
        raise DomainError(_("This period has not started yet."))
    with transaction.atomic():
        report, created = ProgressReport.objects.select_for_update().get_or_create(
            commitment=commitment,
            period=parsed.code,
            defaults={
                "year": parsed.year,
                "value": value,
                "narrative": narrative,
                "submitted_by": by,
                "through_api": through_api,
            },
        )
        if created:
            audit.record(by, "commitments.report_submitted", report, through_api=through_api)
        else:
            _revise(report, by=by, value=value, narrative=narrative, through_api=through_api)
        _add_evidence(report, links, files)
        refresh_figures(commitment)
    return report, created


def _revise(report: ProgressReport, *, by, value: float, narrative: str, through_api: bool) -> None:
    def keep_history(report):
        if report.status == RStatus.VERIFIED:
            raise AlreadyDone(_("This report is verified: its figure can no longer change."))
        ReportRevision.objects.create(
            report=report,
            value=report.value,
            narrative=report.narrative,
            status=report.status,
            links=list(report.evidence.exclude(url="").values_list("url", flat=True)),
            replaced_by=by,
        )

    transition(
        report,
        by=by,
        action="commitments.report_revised",
        allowed_from=None,
        to=RStatus.SUBMITTED,
        check=keep_history,
        changes={
            "value": value,
            "narrative": narrative,
            "submitted_by": by,
            "submitted_at": timezone.now(),
            "through_api": through_api,
        },
        refresh=["value", "narrative"],
        details={"through_api": through_api},
    )


def _add_evidence(report: ProgressReport, links: Iterable[str], files: Iterable[EvidenceFile]) -> None:
    known = set(report.evidence.exclude(url="").values_list("url", flat=True))
    for url in links:
        if url and url not in known:
            Evidence.objects.create(report=report, url=url)
            known.add(url)
    for upload in files:
        evidence = Evidence(report=report)
        evidence.file.save(upload.name, upload.content, save=False)
        evidence.save()


def _review(report: ProgressReport, *, by, to: str, comment: str, action: str) -> ProgressReport:
    commitment = report.commitment
    recipients = managers_of(commitment)
    with transaction.atomic():
        transition(
            report,
            by=by,
            action=action,
            allowed_from=[RStatus.SUBMITTED, RStatus.MORE_INFORMATION],
            to=to,
            changes={"review_comment": comment.strip(), "reviewed_at": timezone.now()},
            notices=[
                Notice(
                    recipients,
                    "progress_report_reviewed",
                    {
                        "report": report,
                        "commitment": commitment,
                        "comment": comment.strip(),
                        "url": report_url(report),
                    },
                )
            ],
        )
        refresh_figures(commitment)
    return report


def report_url(report: ProgressReport) -> str:
    from django.urls import reverse

    return reverse("commitments:report", kwargs={"pk": report.pk})


def verify_report(report: ProgressReport, *, by, comment: str = "") -> ProgressReport:
    return _review(report, by=by, to=RStatus.VERIFIED, comment=comment, action="commitments.report_verified")


def ask_for_more_information(report: ProgressReport, *, by, comment: str) -> ProgressReport:
    if not comment.strip():
        raise DomainError(_("Say what information is missing: the organisation will read it."))
    return _review(
        report, by=by, to=RStatus.MORE_INFORMATION, comment=comment, action="commitments.report_questioned"
    )


def reject_report(report: ProgressReport, *, by, comment: str) -> ProgressReport:
    if not comment.strip():
        raise DomainError(_("Say why the report is rejected: the organisation will read it."))
    return _review(report, by=by, to=RStatus.REJECTED, comment=comment, action="commitments.report_rejected")


# --- Where a commitment stands: the trajectory mathematics ----------------------------------------------


def targets_of(commitment: Commitment, interim_targets=None) -> list[TargetPoint]:
    if interim_targets is None:
        interim_targets = commitment.interim_targets.all() if commitment.pk else []
    interim = interim_targets
    return [TargetPoint(target.year, target.value) for target in interim] + [
        TargetPoint(commitment.target_year, commitment.target_value)
    ]


def yearly_points(reports: Iterable[ProgressReport], *, verified_only: bool = False) -> list[Point]:
    """One point a year: the figure of the year's latest reported period (a year's last quarter says where
    the year ended). Rejected reports do not count; self-declared ones are marked provisional."""
    by_year: dict[int, ProgressReport] = {}
    for report in sorted(reports, key=lambda report: (report.year, report.period)):
        if report.status not in COUNTING or (verified_only and not report.is_verified):
            continue
        by_year[report.year] = report
    return [
        Point(year, report.value, is_provisional=not report.is_verified)
        for year, report in sorted(by_year.items())
    ]


def assessment_of(
    commitment: Commitment,
    reports=None,
    *,
    verified_only: bool = False,
    as_of_year: int | None = None,
    interim_targets=None,
) -> Assessment:
    reports = commitment.reports.all() if reports is None else reports
    return assess(
        direction=commitment.direction,
        baseline=Point(commitment.baseline_year, commitment.baseline_value),
        targets=targets_of(commitment, interim_targets),
        points=yearly_points(reports, verified_only=verified_only),
        as_of_year=as_of_year or this_year(),
    )


def progress_percent(commitment: Commitment, latest: float | None) -> float | None:
    """How far from the baseline to the target the latest figure has gone, in % (CDP's "% achieved"):
    100 at the target, 0 at the baseline, negative when it moved the wrong way. A target equal to the
    baseline (keep a figure where it is) is 100 % while it is met, 0 % otherwise."""
    if latest is None:
        return None
    span = commitment.target_value - commitment.baseline_value
    if span == 0:
        return 100.0 if meets(latest, commitment.target_value, commitment.direction) else 0.0
    return (latest - commitment.baseline_value) / span * 100


def missing_periods(commitment: Commitment, reports, today: date) -> list[periods.Period]:
    """The periods due by today (and in the reminder's notice) with no report that counts."""
    reported = {report.period for report in reports if report.status in COUNTING}
    due = periods.periods_due(commitment.starts_on, commitment.reporting_frequency, today)
    return [period for period in due if period.code not in reported]


def is_report_overdue(commitment: Commitment, reports, today: date) -> bool:
    return any(period.overdue_from <= today for period in missing_periods(commitment, reports, today))


def status_from(commitment: Commitment, reports, today: date, *, interim_targets=None) -> str:
    """The status the figures give: a missing report past its grace period first, then the assessment of
    every figure (self-declared included), "verified" only when the verified figures alone achieve it."""
    if is_report_overdue(commitment, reports, today):
        return CStatus.REPORT_OVERDUE
    assessment = assessment_of(commitment, reports, as_of_year=today.year, interim_targets=interim_targets)
    if assessment.status == Status.NO_DATA:
        return CStatus.PLEDGED
    if assessment.status == Status.ACHIEVED:
        verified = assessment_of(
            commitment, reports, verified_only=True, as_of_year=today.year, interim_targets=interim_targets
        )
        return (
            CStatus.ACHIEVED_VERIFIED
            if verified.status == Status.ACHIEVED
            else CStatus.ACHIEVED_SELF_DECLARED
        )
    if assessment.status == Status.OFF_TRACK:
        return CStatus.OFF_TRACK
    return CStatus.IN_PROGRESS


def refresh_figures(commitment: Commitment, *, on: date | None = None, by=None) -> Commitment:
    """Keep the commitment's latest figures and progress, and move its status where the figures say."""
    on = on or today()
    registry_changed()
    reports = list(commitment.reports.all())
    points = yearly_points(reports)
    verified = yearly_points(reports, verified_only=True)
    latest = points[-1].value if points else None
    latest_verified = verified[-1].value if verified else None
    wanted = status_from(commitment, reports, on)
    changes = {
        "latest_value": latest,
        "latest_verified_value": latest_verified,
        "progress_percent": progress_percent(commitment, latest),
    }
    if commitment.status == CStatus.WITHDRAWN or wanted == commitment.status:
        Commitment.objects.filter(pk=commitment.pk).update(**changes, updated_at=timezone.now())
        for name, value in changes.items():
            setattr(commitment, name, value)
        return commitment
    return transition(
        commitment,
        by=by,
        action="commitments.status_settled",
        allowed_from=SETTLED,
        to=wanted,
        changes=changes,
        details={"status": wanted},
    )


# --- Reminders ------------------------------------------------------------------------------------------


def send_reminders(on: date | None = None) -> int:
    """Remind representatives of a report due within `REMIND_BEFORE_DAYS`, and of one overdue; turn the
    commitment "report overdue". One reminder per commitment, due date and kind, ever: the unique
    constraint on `ReportReminder` holds it when two runs race, and the notification is made in the same
    transaction as the row, so a run that loses the race tells nobody."""
    on = on or today()
    sent = 0
    commitments = (
        Commitment.objects.public()
        .exclude(status=CStatus.WITHDRAWN)
        .select_related("organisation")
        .prefetch_related("reports", "organisation__representatives")
    )
    leads = _coalition_lead_representatives()
    for commitment in commitments.iterator(chunk_size=500):
        commitment.reminded = (
            leads.get(commitment.coalition_id, [])
            if commitment.coalition_id
            else [person for person in commitment.organisation.representatives.all() if person.is_active]
        )
        reports = list(commitment.reports.all())
        missing = missing_periods(commitment, reports, on)
        overdue = [period for period in missing if period.overdue_from <= on]
        soon = [
            period
            for period in missing
            if on <= period.due <= on + timedelta(days=periods.REMIND_BEFORE_DAYS)
        ]
        if overdue:
            sent += _remind(commitment, overdue[-1], ReportReminder.Kind.OVERDUE, "progress_report_overdue")
        if soon:
            sent += _remind(commitment, soon[0], ReportReminder.Kind.BEFORE_DUE, "progress_report_due")
        if status_from(commitment, reports, on) != commitment.status:
            refresh_figures(commitment, on=on)
    return sent


def _coalition_lead_representatives() -> dict[int, list]:
    """For each coalition, the active representatives of its lead organisations (each once): who is
    reminded of a coalition's commitment. Two queries, whatever the number of coalitions."""
    leads = CoalitionMembership.objects.filter(is_lead=True).prefetch_related("organisation__representatives")
    people: dict[int, dict] = {}
    for membership in leads:
        for person in membership.organisation.representatives.all():
            if person.is_active:
                people.setdefault(membership.coalition_id, {})[person.pk] = person
    return {coalition: list(persons.values()) for coalition, persons in people.items()}


def _remind(commitment: Commitment, period: periods.Period, kind: str, notification_kind: str) -> int:
    try:
        with transaction.atomic():
            ReportReminder.objects.create(
                commitment=commitment, due_date=period.due, period=period.code, kind=kind
            )
            notifier()(
                commitment.reminded,
                notification_kind,
                {"commitment": commitment, "period": period.code, "due": period.due},
            )
    except IntegrityError:
        return 0  # another run sent it
    return 1


# --- Lists ----------------------------------------------------------------------------------------------


VERSION_KEY = "commitments:registry-version"
# A change made by another process (the reminders' worker, a command) shows within this time when the
# cache is per process; a change made by the web process shows at once (`registry_changed`). Proxies keep a
# public page as long (PUBLIC_PAGE_MAX_AGE) anyway.
VERSION_SECONDS = 60


def registry_version() -> str:
    """The version of the registry's data: the key of its caches. Read from the database (the latest change
    of an organisation or a commitment) at most once a `VERSION_SECONDS`, and at once after a change."""
    from django.core.cache import cache

    version = cache.get(VERSION_KEY)
    if version is None:
        organisations = Organisation.objects.aggregate(at=Max("updated_at"))["at"]
        commitments = Commitment.objects.aggregate(at=Max("updated_at"))["at"]
        version = f"{organisations and organisations.timestamp()}-{commitments and commitments.timestamp()}"
        cache.set(VERSION_KEY, version, VERSION_SECONDS)
    return version


def registry_changed() -> None:
    """Something the registry shows changed: its cached pages are read again. Now, and again once the
    change commits (a page read meanwhile would have cached the data before it)."""
    from django.core.cache import cache

    cache.delete(VERSION_KEY)
    transaction.on_commit(lambda: cache.delete(VERSION_KEY))


def organisations_of(user) -> list[Organisation]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Organisation.objects.filter(representations__user=user).order_by("name"))


def review_queue():
    return {
        "organisations": Organisation.objects.filter(status=OrgStatus.PENDING).order_by("created_at"),
        "reports": ProgressReport.objects.filter(status=RStatus.SUBMITTED)
        .select_related("commitment__organisation", "commitment__coalition")
        .order_by("submitted_at"),
    }


# What an objective's section shows of each commitment.
SECTION_FIELDS = (
    *("title", "unit", "status", "baseline_value", "latest_value", "latest_verified_value"),
    *("organisation__name", "organisation__slug", "coalition__name", "coalition__slug"),
)


def objective_contributions(objective) -> dict:
    """The commitments serving a plan objective (organisations' and coalitions'), and the sum of their
    verified change since their baselines where their unit is the objective's (the others are listed
    apart)."""
    commitments = sorted(
        objective.commitments.public()
        .exclude(status=CStatus.WITHDRAWN)
        .select_related("organisation", "coalition")
        .only(*SECTION_FIELDS),
        key=lambda commitment: (commitment.maker.name.casefold(), commitment.title.casefold(), commitment.pk),
    )
    same_unit = [c for c in commitments if c.unit.strip().lower() == objective.unit.strip().lower()]
    other_unit = [c for c in commitments if c not in same_unit]
    verified = [c for c in same_unit if c.latest_verified_value is not None]
    total = sum(c.latest_verified_value - c.baseline_value for c in verified)
    return {
        "commitments": commitments,
        "same_unit": same_unit,
        "other_unit": other_unit,
        "verified_count": len(verified),
        "verified_change": total if verified else None,
        "unit": objective.unit,
        "is_reduction": objective.direction == DOWN,
    }
