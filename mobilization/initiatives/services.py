"""What people do with initiatives: one function per thing a user asked for.

Every state change is one function here and goes through the kernel's `transition()` (lock, check the
states it may leave, save, audit, tell the people concerned); a refusal is a `DomainError` of
`mobilization.core.errors` whose message the views show. The views, the demo and the other sub-apps
(events, discovery) call these, never assign a status themselves.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mobilization.accounts.models import User
from mobilization.core import audit
from mobilization.core.errors import DomainError, InvalidTransition, NotAllowed
from mobilization.core.registries import Figure
from mobilization.core.themes import Theme
from mobilization.core.transitions import Notice, lock, transition, transition_all
from mobilization.initiatives.models import (
    ContactMessage,
    ContentReport,
    Follow,
    ImpactRecord,
    Initiative,
    Membership,
    NewsPost,
    Partnership,
)
from mobilization.notifications.services import notify

Status = Initiative.Status
TEXT_FIELDS = ("title", "summary", "description")
MODERATE = "initiatives.moderate_initiative"


def _reindex(initiative: Initiative) -> None:
    from mobilization.initiatives import search

    search.reindex(initiative)


# --- Creating and editing ---------------------------------------------------------------------------

EDITABLE_FIELDS = (
    "title",
    "summary",
    "description",
    "themes",
    "district",
    "lat",
    "lon",
    "location",
    "website",
    "needs",
    "volunteers_needed",
    "skills_wanted",
)


@transaction.atomic
def create_initiative(*, organiser: User, image=None, **values) -> Initiative:
    """A new initiative, as a draft of its organiser; its search terms are indexed at once."""
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    initiative = Initiative(organiser=organiser, status=Status.DRAFT, **values)
    initiative.full_clean(exclude=["image", "thumbnail"])
    initiative.save()
    if image is not None:
        set_image(initiative, image)
    _reindex(initiative)
    audit.record(organiser, "initiative.created", initiative)
    return initiative


@transaction.atomic
def update_initiative(initiative: Initiative, *, by: User, image=None, remove_image=False, **values):
    """The organiser (or staff) edits it; a published one stays published.

    What the public reads of an initiative already public (its texts, picture and website) is reviewed
    after the fact when its organiser changes it: the change shows at once, so that an organiser can fix
    a date or a typo without waiting, and the initiative joins the moderators' list of changes to look
    at (`changed_since_review_at`), where they mark it reviewed or unpublish it with a reason."""
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    text_changed = any(getattr(initiative, name) != values[name] for name in TEXT_FIELDS if name in values)
    reviewed_changed = text_changed or image is not None or remove_image
    reviewed_changed |= "website" in values and values["website"] != initiative.website
    for name, value in values.items():
        setattr(initiative, name, value)
    if reviewed_changed and initiative.is_public and not by.has_perm(MODERATE):
        initiative.changed_since_review_at = initiative.changed_since_review_at or timezone.now()
    initiative.full_clean(exclude=["image", "thumbnail"])
    initiative.save()
    if remove_image:
        clear_image(initiative)
    if image is not None:
        set_image(initiative, image)
    if text_changed:
        _reindex(initiative)
    audit.record(by, "initiative.updated", initiative, fields=sorted(values))
    return initiative


def mark_change_reviewed(initiative: Initiative, *, by: User) -> Initiative:
    """Staff have looked at the changes an organiser made to a public initiative, and keep them."""

    def has_changed(initiative):
        if initiative.changed_since_review_at is None:
            raise InvalidTransition(_("Nothing has changed since its last review."))

    return transition(
        initiative,
        by=by,
        action="initiative.change_reviewed",
        allowed_from=None,
        check=has_changed,
        refresh=("changed_since_review_at",),
        changes={"changed_since_review_at": None},
    )


def unpublish_changed(initiative: Initiative, *, by: User, reason: str) -> Initiative:
    """Staff find a change to a public initiative unacceptable: they pause it with a reason that reaches
    its organiser, who corrects it and resumes it (back to the moderation queue, as after a report)."""
    return _pause(initiative, by=by, reason=reason, by_moderators=True, changed_since_review_at=None)


def set_image(initiative: Initiative, upload) -> None:
    """Store a checked, re-encoded image (no EXIF) and its thumbnail; replaces the previous ones."""
    from mobilization.initiatives import images

    processed = images.process(upload)
    clear_image(initiative)
    initiative.image.save(processed.name, processed.image, save=False)
    initiative.thumbnail.save(processed.thumbnail_name, processed.thumbnail, save=False)
    initiative.save(update_fields=["image", "thumbnail", "updated_at"])


def clear_image(initiative: Initiative) -> None:
    for field in (initiative.image, initiative.thumbnail):
        if field:
            field.delete(save=False)
    initiative.save(update_fields=["image", "thumbnail", "updated_at"])


# --- Lifecycle: draft → submitted → published → paused / finished; rejected with a reason ---------------


def submit(initiative: Initiative, *, by: User) -> Initiative:
    """The organiser sends a draft (or a rejected initiative, corrected) to the moderators."""
    return transition(
        initiative,
        by=by,
        action="initiative.submitted",
        allowed_from=(Status.DRAFT, Status.REJECTED),
        to=Status.SUBMITTED,
        changes={"submitted_at": timezone.now()},
    )


def publish(initiative: Initiative, *, by: User) -> Initiative:
    """Staff publish a submitted initiative; its organiser is told."""
    return transition(
        initiative,
        by=by,
        action="initiative.published",
        allowed_from=(Status.SUBMITTED,),
        to=Status.PUBLISHED,
        refresh=("published_at",),
        changes={
            "rejection_reason": "",
            "published_at": lambda initiative: initiative.published_at or timezone.now(),
            "changed_since_review_at": None,  # reviewed as a whole, just now
        },
        notices=[Notice([initiative.organiser], "initiative_published", {"initiative": initiative})],
    )


def reject(initiative: Initiative, *, by: User, reason: str) -> Initiative:
    """Staff reject a submitted initiative; the reason reaches its organiser, who may correct and resubmit."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why, so that the organiser can correct it."))
    return transition(
        initiative,
        by=by,
        action="initiative.rejected",
        allowed_from=(Status.SUBMITTED,),
        to=Status.REJECTED,
        changes={"rejection_reason": reason},
        notices=[
            Notice(
                [initiative.organiser], "initiative_rejected", {"initiative": initiative, "reason": reason}
            )
        ],
    )


def pause(initiative: Initiative, *, by: User, reason: str = "", by_moderators: bool = False) -> Initiative:
    """The organiser pauses a published initiative, or staff unpublish a public one, whether published,
    paused by its organiser or finished (with a reason that reaches the organiser): it is hidden then."""
    return _pause(initiative, by=by, reason=reason, by_moderators=by_moderators)


def _pause(initiative: Initiative, *, by: User, reason: str, by_moderators: bool, **changes) -> Initiative:
    """`pause`, with other `changes` made in the same step (`unpublish_changed`)."""
    reason = (reason or "").strip()

    def may_pause(initiative):
        if by_moderators and initiative.paused_by_moderators:
            raise InvalidTransition(_("The moderators have already unpublished it."))
        if by_moderators and not reason:
            raise DomainError(_("Say why it is unpublished."))

    notices = ()
    if by_moderators:
        context = {"initiative": initiative, "reason": reason}
        notices = [Notice([initiative.organiser], "initiative_unpublished", context)]
    return transition(
        initiative,
        by=by,
        action="initiative.paused",
        allowed_from=Initiative.PUBLIC_STATUSES if by_moderators else (Status.PUBLISHED,),
        to=Status.PAUSED,
        check=may_pause,
        refresh=("paused_by_moderators",),
        changes={"pause_reason": reason, "paused_by_moderators": by_moderators, **changes},
        details={"by_staff": by_moderators},
        notices=notices,
    )


def resume(initiative: Initiative, *, by: User) -> Initiative:
    """A paused initiative is published again. One that staff paused goes back through moderation when
    its organiser resumes it; staff resuming it publish it at once."""
    with transaction.atomic():
        # Where it goes depends on who paused it: read under the lock that the transition keeps.
        lock(initiative, fields=["paused_by_moderators"])
        back_to_review = initiative.paused_by_moderators and not by.has_perm(MODERATE)
        to = Status.SUBMITTED if back_to_review else Status.PUBLISHED
        return transition(
            initiative,
            by=by,
            action="initiative.resumed",
            allowed_from=(Status.PAUSED,),
            to=to,
            changes={
                "pause_reason": "",
                "paused_by_moderators": False,
                **({"submitted_at": timezone.now()} if back_to_review else {}),
            },
            details={"status": to},
        )


def finish(initiative: Initiative, *, by: User) -> Initiative:
    """The organiser says the initiative is over: it stays readable, with its impact. One that the
    moderators unpublished is resumed (and reviewed again) first: finishing must not publish it."""

    def not_unpublished(initiative):
        if initiative.paused_by_moderators:
            raise InvalidTransition(
                _("The moderators unpublished it: correct it and resume it, so that they review it again.")
            )

    return transition(
        initiative,
        by=by,
        action="initiative.finished",
        allowed_from=(Status.PUBLISHED, Status.PAUSED),
        to=Status.FINISHED,
        check=not_unpublished,
        refresh=("paused_by_moderators",),
    )


# --- People: members and followers ---------------------------------------------------------------------


def _must_be_open_to_people(initiative: Initiative) -> None:
    if initiative.status != Status.PUBLISHED:
        raise InvalidTransition(
            _("Only a published initiative can be joined or followed."),
            current=initiative.status,
            wanted="joined",
        )


@transaction.atomic
def join(initiative: Initiative, user: User, *, message: str = "") -> Membership:
    """A volunteer joins, with a message to the organiser, who is told."""
    _must_be_open_to_people(initiative)
    if initiative.organiser_id == user.pk:
        raise NotAllowed(_("You organise this initiative."))
    membership, created = Membership.objects.get_or_create(
        initiative=initiative, user=user, defaults={"message": (message or "").strip()}
    )
    if created:
        audit.record(user, "initiative.joined", initiative)
        notify(
            [initiative.organiser],
            "initiative_member_joined",
            {"initiative": initiative, "member": membership, "url": _members_url(initiative)},
        )
    return membership


def leave(initiative: Initiative, user: User) -> bool:
    deleted, _rows = Membership.objects.filter(initiative=initiative, user=user).delete()
    if deleted:
        audit.record(user, "initiative.left", initiative)
    return bool(deleted)


def remove_member(membership: Membership, *, by: User) -> None:
    """The organiser removes a member (the member is not told in detail, only that they left the list)."""
    initiative = membership.initiative
    membership.delete()
    audit.record(by, "initiative.member_removed", initiative, member=membership.user_id)


def follow(initiative: Initiative, user: User) -> Follow:
    _must_be_open_to_people(initiative)
    follow_row, created = Follow.objects.get_or_create(initiative=initiative, user=user)
    return follow_row


def unfollow(initiative: Initiative, user: User) -> bool:
    deleted, _rows = Follow.objects.filter(initiative=initiative, user=user).delete()
    return bool(deleted)


def members_of(initiative: Initiative) -> QuerySet:
    """The members, with their profile, for the organiser's list (never their e-mail)."""
    return (
        Membership.objects.filter(initiative=initiative)
        .select_related("user__profile")
        .order_by("-created_at", "-pk")
    )


def _members_url(initiative: Initiative) -> str:
    return reverse("initiatives:members", kwargs={"pk": initiative.pk})


def message_members(initiative: Initiative, *, by: User, subject: str, body: str) -> int:
    """The organiser writes to every member; returns how many were told."""
    subject, body = (subject or "").strip(), (body or "").strip()
    if not subject or not body:
        raise DomainError(_("Write a subject and a message."))
    members = User.objects.filter(memberships__initiative=initiative)
    sent = notify(
        members,
        "initiative_members_message",
        {"initiative": initiative, "subject": subject, "body": body},
    )
    audit.record(by, "initiative.members_messaged", initiative, recipients=len(sent))
    return len(sent)


def contact_organiser(initiative: Initiative, *, sender: User, message: str) -> ContactMessage:
    """Someone signed in writes to the organiser through the platform: no e-mail address is shown. The
    message is kept, so that the organiser can answer it on the platform (`reply_to_contact`)."""
    from mobilization.accounts.services import public_name

    message = (message or "").strip()
    if not message:
        raise DomainError(_("Write a message."))
    if not initiative.is_public:
        raise NotAllowed(_("This initiative cannot be contacted."))
    contact = ContactMessage.objects.create(initiative=initiative, sender=sender, message=message)
    notify(
        [initiative.organiser],
        "initiative_contact",
        {
            "initiative": initiative,
            "sender_name": public_name(sender),
            "message": message,
            "url": reverse("initiatives:reply_to_contact", args=[contact.pk]),
        },
    )
    audit.record(sender, "initiative.organiser_contacted", initiative)
    return contact


def reply_to_contact(contact: ContactMessage, *, by: User, reply: str) -> ContactMessage:
    """The organiser answers a message on the platform, once; its sender is told, and sees the
    organiser's public name only. To go on, the sender writes again."""
    from mobilization.accounts.services import public_name

    reply = (reply or "").strip()
    if not reply:
        raise DomainError(_("Write a reply."))

    def may_reply(contact):
        if contact.initiative.organiser_id != by.pk:
            raise NotAllowed(_("Only the organiser answers the messages of their initiative."))
        if contact.replied_at is not None:
            raise InvalidTransition(_("You have already answered this message."))

    context = {
        "initiative": contact.initiative,
        "organiser_name": public_name(by),
        "message": contact.message,
        "reply": reply,
        "url": reverse("initiatives:mine") + "#messages",
    }
    return transition(
        contact,
        by=by,
        action="initiative.contact_answered",
        allowed_from=None,
        check=may_reply,
        refresh=("replied_at",),
        changes={"reply": reply, "replied_at": timezone.now()},
        notices=[Notice([contact.sender], "initiative_contact_reply", context)],
    )


# --- News --------------------------------------------------------------------------------------------


@transaction.atomic
def post_news(initiative: Initiative, *, by: User, title: str, body: str) -> NewsPost:
    """The organiser posts an update; members and followers are told (once each)."""
    if not initiative.is_public:
        raise InvalidTransition(
            _("News can be posted once the initiative is published."),
            current=initiative.status,
            wanted="news",
        )
    post = NewsPost(initiative=initiative, author=by, title=(title or "").strip(), body=(body or "").strip())
    post.full_clean()
    post.save()
    audience = User.objects.filter(
        Q(memberships__initiative=initiative) | Q(follows__initiative=initiative)
    ).exclude(pk=by.pk)
    notify(audience.distinct(), "initiative_news", {"initiative": initiative, "post": post})
    audit.record(by, "initiative.news_posted", post)
    return post


# --- Reports and moderation ------------------------------------------------------------------------------


ALREADY_REPORTED = gettext_lazy("You have already reported this; staff will look at it.")


def report(initiative: Initiative, *, by: User, reason: str, news_post: NewsPost | None = None):
    """Someone signed in reports an initiative or one of its news posts; one open report per person."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say what is wrong."))
    if news_post is not None and news_post.initiative_id != initiative.pk:
        raise NotAllowed(_("This news post is not one of this initiative's."))
    already = ContentReport.objects.filter(
        reporter=by, initiative=initiative, news_post=news_post, status=ContentReport.Status.OPEN
    )
    if already.exists():
        raise InvalidTransition(ALREADY_REPORTED, current=ContentReport.Status.OPEN, wanted="reported")
    try:
        with transaction.atomic():
            content_report = ContentReport.objects.create(
                initiative=initiative, news_post=news_post, reporter=by, reason=reason
            )
    except IntegrityError as error:  # a double click that raced the check above
        raise InvalidTransition(
            ALREADY_REPORTED, current=ContentReport.Status.OPEN, wanted="reported"
        ) from error
    audit.record(by, "initiative.reported", content_report)
    return content_report


class ReportAction:
    UNPUBLISH = "unpublish"
    HIDE_NEWS = "hide_news"
    DISMISS = "dismiss"
    CHOICES = (
        (UNPUBLISH, gettext_lazy("Unpublish the initiative (pause it, with this reason)")),
        (HIDE_NEWS, gettext_lazy("Hide the reported news post (with this reason)")),
        (DISMISS, gettext_lazy("Dismiss")),
    )


@transaction.atomic
def resolve_report(content_report: ContentReport, *, by: User, action: str, resolution: str) -> ContentReport:
    """Staff act on an open report: unpublish the initiative (pause it with the reason), hide the
    reported news post, or dismiss the report.

    Acting closes the other open reports that the same decision answers: every open report of the
    initiative when it is unpublished, every open report of the post when the post is hidden.
    """
    resolution = (resolution or "").strip()

    def may_resolve(content_report):
        if not resolution:
            raise DomainError(_("Say what you did and why."))
        if action not in (ReportAction.UNPUBLISH, ReportAction.HIDE_NEWS, ReportAction.DISMISS):
            raise DomainError(_("Choose what to do."))
        if action == ReportAction.HIDE_NEWS and content_report.news_post_id is None:
            raise DomainError(_("This report is about the initiative, not a news post."))

    Decision = ContentReport.Status
    transition(
        content_report,
        by=by,
        action="initiative.report_resolved",
        allowed_from=(Decision.OPEN,),
        to=Decision.DISMISSED if action == ReportAction.DISMISS else Decision.ACTED,
        check=may_resolve,
        changes={"handled_by": by, "resolution": resolution},
        details={"decision": action},
    )
    initiative = content_report.initiative
    if action == ReportAction.UNPUBLISH:
        if initiative.is_public:  # published, paused by its organiser, or finished: hidden now
            pause(initiative, by=by, reason=resolution, by_moderators=True)
        answered = ContentReport.objects.filter(initiative=initiative)
    elif action == ReportAction.HIDE_NEWS:
        hide_news_post(content_report.news_post, by=by, reason=resolution)
        answered = ContentReport.objects.filter(news_post=content_report.news_post)
    else:
        return content_report
    transition_all(
        answered.exclude(pk=content_report.pk),
        by=by,
        action="initiative.report_resolved",
        allowed_from=(Decision.OPEN,),
        to=Decision.ACTED,
        changes={"handled_by": by, "resolution": resolution},
        details={"decision": action, "with_report": content_report.pk},
    )
    return content_report


def hide_news_post(post: NewsPost, *, by: User, reason: str) -> NewsPost:
    """Staff hide a news post from the public page; its organiser is told why."""

    def not_hidden_yet(post):
        if post.hidden_at is not None:
            raise InvalidTransition(_("This news post is already hidden."))

    context = {"initiative": post.initiative, "post_title": post.title, "reason": reason}
    return transition(
        post,
        by=by,
        action="initiative.news_hidden",
        allowed_from=None,
        check=not_hidden_yet,
        refresh=("hidden_at",),
        changes={"hidden_at": timezone.now(), "hidden_reason": reason},
        notices=[Notice([post.initiative.organiser], "initiative_news_hidden", context)],
    )


# --- Partners --------------------------------------------------------------------------------------------


def ask_partnership(
    requester: Initiative, partner: Initiative, *, by: User, message: str = ""
) -> Partnership:
    """The organiser of `requester` asks `partner` to team up; the partner's organiser is told."""
    if requester.pk == partner.pk:
        raise NotAllowed(_("An initiative cannot be its own partner."))
    if requester.organiser_id != by.pk:
        raise NotAllowed(_("Only the organiser of an initiative can ask for a partnership."))
    if not (requester.is_public and partner.status == Status.PUBLISHED):
        raise InvalidTransition(
            _("Both initiatives must be published."), current=partner.status, wanted="partnership"
        )
    existing = Partnership.objects.filter(
        Q(requester=requester, partner=partner) | Q(requester=partner, partner=requester)
    ).first()
    if existing is not None and existing.status != Partnership.Status.DECLINED:
        raise InvalidTransition(
            _("These initiatives are already partners, or asked to be."),
            current=existing.status,
            wanted="proposed",
        )
    with transaction.atomic():
        if existing is not None:
            existing.delete()  # a declined request may be made again, in either direction
        partnership = Partnership.objects.create(
            requester=requester, partner=partner, created_by=by, message=(message or "").strip()
        )
        audit.record(by, "initiative.partnership_asked", partnership)
        notify(
            [partner.organiser],
            "partnership_requested",
            {
                "requester": requester,
                "partner": partner,
                "message": partnership.message,
                "url": _manage_url(partner),
            },
        )
    return partnership


def _manage_url(initiative: Initiative) -> str:
    return reverse("initiatives:manage", kwargs={"pk": initiative.pk})


def answer_partnership(partnership: Partnership, *, by: User, accept: bool) -> Partnership:
    """The partner's organiser accepts or declines; the requester's organiser is told."""
    answer = Partnership.Status.ACCEPTED if accept else Partnership.Status.DECLINED
    context = {
        "requester": partnership.requester,
        "partner": partnership.partner,
        "accepted": accept,
        "url": partnership.partner.get_absolute_url(),
    }
    return transition(
        partnership,
        by=by,
        action="initiative.partnership_" + answer,
        allowed_from=(Partnership.Status.PROPOSED,),
        to=answer,
        notices=[Notice([partnership.requester.organiser], "partnership_answered", context)],
    )


def are_partners(a: Initiative, b: Initiative) -> bool:
    """Have the two initiatives an accepted partnership (in either direction)?"""
    if a is None or b is None or a.pk == b.pk:
        return False
    return Partnership.objects.filter(
        Q(requester=a, partner=b) | Q(requester=b, partner=a), status=Partnership.Status.ACCEPTED
    ).exists()


def partners_of(initiative: Initiative, *, public_only: bool = True) -> QuerySet:
    """The initiatives in an accepted partnership with this one, by title."""
    accepted = Partnership.Status.ACCEPTED
    # The partners' keys first (a few rows through the two foreign-key indexes), then the partners by
    # key: as joins or subqueries, the database walks every initiative of the status instead.
    pairs = Partnership.objects.filter(Q(partner=initiative) | Q(requester=initiative), status=accepted)
    keys = {key for pair in pairs.values_list("requester_id", "partner_id") for key in pair} - {initiative.pk}
    if not keys:
        return Initiative.objects.none()
    queryset = Initiative.objects.filter(pk__in=sorted(keys))
    if public_only:
        queryset = queryset.public()
    return queryset.select_related("district").order_by("title")


# --- Impact ----------------------------------------------------------------------------------------------


def record_impact(
    initiative: Initiative, *, by: User, unit: str, quantity, on: date, method: str = ""
) -> ImpactRecord:
    """The organiser records an outcome. tCO2e needs the method stated; no date in the future."""
    method = (method or "").strip()
    quantity = Decimal(str(quantity))
    if unit not in ImpactRecord.Unit.values:
        raise DomainError(_("Choose a unit."))
    if quantity < 0:
        raise DomainError(_("A quantity cannot be negative."))
    if on > timezone.localdate():
        raise DomainError(_("An outcome cannot be dated in the future."))
    if unit == ImpactRecord.Unit.CO2E_AVOIDED_T and not method:
        raise DomainError(_("Say how the tonnes of CO2e avoided were estimated."))
    record = ImpactRecord(
        initiative=initiative, unit=unit, quantity=quantity, date=on, method=method, created_by=by
    )
    record.full_clean()
    record.save()
    audit.record(by, "initiative.impact_recorded", record)
    return record


@dataclass(frozen=True)
class ImpactTotal:
    unit: str
    label: str
    total: Decimal  # to the cent, the same on SQLite (which sums to 4) and PostgreSQL (4.00)


@dataclass(frozen=True)
class ThemeImpact:
    theme: str
    label: str
    totals: list[ImpactTotal]


def _records_of(initiatives: QuerySet | Initiative) -> QuerySet:
    if isinstance(initiatives, Initiative):
        return ImpactRecord.objects.filter(initiative=initiatives)
    return ImpactRecord.objects.filter(initiative__in=initiatives.values("pk"))


def _in_unit_order(sums: dict) -> list[ImpactTotal]:
    cent = Decimal("0.01")
    return [
        ImpactTotal(
            unit=unit.value, label=str(unit.label), total=Decimal(sums[unit.value] or 0).quantize(cent)
        )
        for unit in ImpactRecord.Unit
        if unit.value in sums
    ]


def impact_totals(initiatives: QuerySet | Initiative) -> list[ImpactTotal]:
    """Totals per unit over the given initiatives (a queryset, or one initiative), in the Unit order.

    One query, whatever the number of initiatives: the initiative page, the district pages, the API.
    """
    sums = _records_of(initiatives).values_list("unit").annotate(total=Sum("quantity")).order_by()
    return _in_unit_order(dict(sums))


def impact_totals_by_theme(initiatives: QuerySet) -> list[ThemeImpact]:
    """Totals per theme and unit over the given initiatives, in one query, in the Theme order; an
    initiative with two themes counts in both."""
    rows = (
        _records_of(initiatives)
        .order_by()
        .values("initiative__themes", "unit")
        .annotate(total=Sum("quantity"))
    )
    by_theme: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for row in rows:
        for theme in row["initiative__themes"] or []:
            by_theme[theme][row["unit"]] += row["total"] or 0
    return [
        ThemeImpact(
            theme=theme.value,
            label=str(theme.label),
            totals=_in_unit_order({unit: total for unit, total in by_theme[theme.value].items() if total}),
        )
        for theme in Theme
        if theme.value in by_theme
    ]


# --- Personal data (registered with accounts.personal_data) ----------------------------------------------


def export_personal_data(user: User) -> dict:
    return {
        "initiatives_organised": [
            {"title": i.title, "status": i.status, "created_at": i.created_at.isoformat()}
            for i in Initiative.objects.filter(organiser=user).order_by("pk")
        ],
        "memberships": [
            {"initiative": m.initiative.title, "message": m.message, "joined_at": m.created_at.isoformat()}
            for m in Membership.objects.filter(user=user).select_related("initiative").order_by("pk")
        ],
        "follows": [
            {"initiative": f.initiative.title, "since": f.created_at.isoformat()}
            for f in Follow.objects.filter(user=user).select_related("initiative").order_by("pk")
        ],
        "reports": [
            {"initiative": r.initiative.title, "reason": r.reason, "status": r.status}
            for r in ContentReport.objects.filter(reporter=user).select_related("initiative").order_by("pk")
        ],
        "messages_to_organisers": [
            {
                "initiative": c.initiative.title,
                "message": c.message,
                "sent_at": c.created_at.isoformat(),
                "reply": c.reply,
            }
            for c in ContactMessage.objects.filter(sender=user).select_related("initiative").order_by("pk")
        ],
    }


def anonymise_personal_data(user: User) -> None:
    """Their memberships, follows, reports and messages to organisers go; initiatives and news they
    wrote stay, shown as "Former member" through public_name()."""
    Membership.objects.filter(user=user).delete()
    Follow.objects.filter(user=user).delete()
    ContentReport.objects.filter(reporter=user).delete()
    ContactMessage.objects.filter(sender=user).delete()


# --- The home page (registered in apps.py) ----------------------------------------------------------------


def home_figures() -> list[Figure]:
    """How many public initiatives there are (the events app counts their upcoming events)."""
    return [
        Figure(
            "initiatives", Initiative.objects.published().count(), gettext_lazy("local climate initiatives")
        ),
    ]
