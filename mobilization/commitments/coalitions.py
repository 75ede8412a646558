"""Coalitions: organisations that commit together on a theme.

A coalition is made with its lead organisation(s) (`create_coalition`: by city staff, the demo, a
command). A representative of a verified organisation asks to join it (`request_to_join`); a
representative of a lead organisation approves or declines the request (`approve_membership`,
`decline_membership`, through the kernel's `transition()`); both sides are told. The leads'
representatives make the coalition's own commitments (`create_coalition_commitment`), reported on like
any other.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mobilization.commitments import services
from mobilization.commitments.models import (
    Coalition,
    CoalitionMembership,
    Commitment,
    InterimTarget,
    Organisation,
)
from mobilization.core import audit
from mobilization.core.errors import AlreadyDone, DomainError, NotAllowed
from mobilization.core.registries import notifier
from mobilization.core.transitions import Notice, transition

MStatus = CoalitionMembership.Status


def _unique_slug(name: str) -> str:
    base = slugify(name)[:60] or "coalition"
    slug, number = base, 2
    while Coalition.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def create_coalition(
    *, by, name: str, theme: str, description: str = "", leads: Iterable[Organisation]
) -> Coalition:
    """A coalition and its lead organisations (verified ones: they speak for it in public)."""
    leads = list(leads)
    if not leads:
        raise DomainError(_("A coalition needs at least one lead organisation."))
    if any(not lead.is_verified for lead in leads):
        raise NotAllowed(_("Only organisations verified by the city may lead a coalition."))
    with transaction.atomic():
        coalition = Coalition.objects.create(
            name=name, slug=_unique_slug(name), theme=theme, description=description, created_by=by
        )
        CoalitionMembership.objects.bulk_create(
            CoalitionMembership(
                coalition=coalition,
                organisation=lead,
                is_lead=True,
                status=MStatus.APPROVED,
                decided_at=timezone.now(),
            )
            for lead in leads
        )
        audit.record(by, "commitments.coalition_made", coalition)
    return coalition


def lead_representatives(coalition: Coalition) -> list:
    """The active representatives of the coalition's lead organisations, each once."""
    people = {}
    for membership in coalition.memberships.filter(is_lead=True).select_related("organisation"):
        for person in services.representatives_of(membership.organisation):
            people[person.pk] = person
    return list(people.values())


def request_to_join(coalition: Coalition, organisation: Organisation, *, by) -> CoalitionMembership:
    """A representative asks, for a verified organisation, that it join the coalition; the leads'
    representatives are told. A declined organisation may ask again."""
    if not organisation.representations.filter(user=by).exists():
        raise NotAllowed(_("Only a representative of the organisation may ask for it to join."))
    if not organisation.is_verified:
        raise NotAllowed(_("The organisation must be verified by the city before it joins a coalition."))
    notices = [
        Notice(
            lead_representatives(coalition),
            "coalition_join_requested",
            {"coalition": coalition, "organisation": organisation},
        )
    ]
    with transaction.atomic():
        membership, created = CoalitionMembership.objects.get_or_create(
            coalition=coalition, organisation=organisation, defaults={"requested_by": by}
        )
        if created:
            audit.record(by, "commitments.coalition_join_requested", membership)
            send = notifier()
            for notice in notices:
                send(list(notice.recipients), notice.kind, notice.context)
            return membership
        if membership.status != MStatus.DECLINED:
            raise AlreadyDone(
                _("This organisation is already a member.")
                if membership.status == MStatus.APPROVED
                else _("This organisation has already asked to join; a lead organisation will answer.")
            )
        return transition(
            membership,
            by=by,
            action="commitments.coalition_join_requested",
            allowed_from=[MStatus.DECLINED],
            to=MStatus.REQUESTED,
            changes={"requested_by": by, "decided_at": None},
            notices=notices,
        )


def _decide(membership: CoalitionMembership, *, by, to: str, action: str) -> CoalitionMembership:
    return transition(
        membership,
        by=by,
        action=action,
        allowed_from=[MStatus.REQUESTED],
        to=to,
        changes={"decided_at": timezone.now()},
        message=_("This request has already been answered."),
        notices=[
            Notice(
                services.representatives_of(membership.organisation),
                "coalition_membership_decided",
                {
                    "coalition": membership.coalition,
                    "organisation": membership.organisation,
                    "approved": to == MStatus.APPROVED,
                },
            )
        ],
    )


def approve_membership(membership: CoalitionMembership, *, by) -> CoalitionMembership:
    """A lead's representative lets the organisation in; its representatives are told."""
    return _decide(membership, by=by, to=MStatus.APPROVED, action="commitments.coalition_member_approved")


def decline_membership(membership: CoalitionMembership, *, by) -> CoalitionMembership:
    """A lead's representative declines the request; the organisation's representatives are told."""
    return _decide(membership, by=by, to=MStatus.DECLINED, action="commitments.coalition_member_declined")


def create_coalition_commitment(
    coalition: Coalition,
    *,
    by,
    objectives: Iterable = (),
    interim_targets: Iterable[tuple[int, float]] = (),
    **fields,
) -> Commitment:
    """The coalition itself commits (pledged until its first report); its leads' representatives manage
    the commitment."""
    services.check_targets(fields, interim_targets)
    fields.setdefault("starts_on", services.today())
    with transaction.atomic():
        commitment = Commitment.objects.create(coalition=coalition, created_by=by, **fields)
        commitment.objectives.set(objectives)
        InterimTarget.objects.bulk_create(
            InterimTarget(commitment=commitment, year=year, value=value) for year, value in interim_targets
        )
        audit.record(by, "commitments.commitment_made", commitment)
    return commitment


def coalition_list():
    """The public list: each coalition with its approved members' count and its commitments' count."""
    from django.db.models import Count, Q

    return Coalition.objects.annotate(
        member_count=Count("memberships", filter=Q(memberships__status=MStatus.APPROVED), distinct=True),
        commitment_count=Count(
            "commitments", filter=~Q(commitments__status=Commitment.Status.WITHDRAWN), distinct=True
        ),
    ).order_by("name", "pk")


def members_of(coalition: Coalition):
    return coalition.memberships.filter(status=MStatus.APPROVED).select_related("organisation__district")


def pending_requests(coalition: Coalition):
    return coalition.memberships.filter(status=MStatus.REQUESTED).select_related("organisation")


def coalition_pages():
    return Coalition.objects.prefetch_related(
        Prefetch("memberships", queryset=CoalitionMembership.objects.select_related("organisation"))
    )
