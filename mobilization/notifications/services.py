"""Telling people what happened: the one `notify()` every app calls, the channels, the preferences.

notify() writes the notifications and their deliveries in one transaction and, once it commits,
enqueues one background task per e-mail or SMS delivery. The tasks call attempt_delivery(), which
records each attempt; a failed attempt is retried later by retry_due_deliveries(), with backoff.
"""

import functools
import logging
import re
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import make_msgid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.core.mail import EmailMessage
from django.core.mail.utils import DNS_NAME
from django.db import models, transaction
from django.db.models import F, Q, prefetch_related_objects
from django.template.backends.django import DjangoTemplates
from django.template.exceptions import TemplateDoesNotExist
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from mobilization.core import audit
from mobilization.core.transitions import transition, transition_all
from mobilization.notifications import kinds
from mobilization.notifications.kinds import Channel, NotificationKind
from mobilization.notifications.models import ChannelPreference, Delivery, Notification, is_local_path
from mobilization.notifications.sms import SmsError, get_sms_backend

logger = logging.getLogger("mobilization.notifications")

BATCH_SIZE = 500
# A failed delivery is tried again after 1, 5, then 25 minutes; after the 4th attempt it has failed for good.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=25))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A queued delivery that no worker has taken after this long (a lost task, a worker that died while
# sending) is enqueued again by the retry sweep.
QUEUED_LEASE = timedelta(minutes=30)
SMS_MAX_LENGTH = 320


class PreferenceNotAllowed(ValueError):
    """A preference that cannot be set: an unknown kind or channel, or a channel the kind does not use."""


# --- Texts ----------------------------------------------------------------------------------------


@functools.cache
def text_templates() -> DjangoTemplates:
    """A template engine for plain text: the same template folders as the site, without HTML escaping.

    Notification texts go into e-mails and SMS as they are; the inbox page escapes them when it shows them.
    """
    return DjangoTemplates(
        {"NAME": "notification_texts", "DIRS": [], "APP_DIRS": True, "OPTIONS": {"autoescape": False}}
    )


def site_url() -> str:
    """The address of the platform, for links in e-mails and SMS (the SITE_URL setting)."""
    configured = getattr(settings, "SITE_URL", "")
    if configured:
        return configured.rstrip("/")
    return "http://localhost:8000" if settings.DEBUG else f"https://{_first_real_host()}"


def _first_real_host() -> str:
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*" and not host.startswith("."):
            return host
    return "localhost"


def absolute_url(path: str) -> str:
    return f"{site_url()}{path}" if is_local_path(path) else ""


def language_of(user) -> str:
    """The recipient's language: their profile's, if they chose one; the site's otherwise."""
    available = {code for code, _name in settings.LANGUAGES}
    profile = getattr(user, "profile", None)
    for candidate in (
        getattr(profile, "language", None),
        getattr(profile, "preferred_language", None),
        getattr(user, "preferred_language", None),
        getattr(user, "language", None),
    ):
        if isinstance(candidate, str) and candidate in available:
            return candidate
    return settings.LANGUAGE_CODE


def phone_number_of(user) -> str:
    """The recipient's mobile number (E.164) from their profile, or an empty string."""
    phone = getattr(getattr(user, "profile", None), "phone", None)
    return str(phone).strip() if phone else ""


def url_from(context: dict) -> str:
    """The link of a notification: context["url"], or the get_absolute_url() of the first object in the
    context that has one. Only paths on this site are kept."""
    url = context.get("url")
    if not url:
        for value in context.values():
            get_absolute_url = getattr(value, "get_absolute_url", None)
            if callable(get_absolute_url):
                url = get_absolute_url()
                break
    url = str(url or "")
    if url and not is_local_path(url):
        logger.warning("A notification link that is not a path on this site was dropped.")
        return ""
    return url[:300]


@dataclass(frozen=True)
class Texts:
    subject: str
    body: str
    sms_text: str


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def render_texts(kind: NotificationKind, context: dict, language: str) -> Texts:
    """The subject, body and SMS text of a kind, rendered with `context` in `language`."""
    engine = text_templates()
    with translation.override(language):
        subject = _collapse(engine.get_template(f"{kind.template_folder}/subject.txt").render(context))
        body = engine.get_template(f"{kind.template_folder}/body.txt").render(context).strip()
        sms_text = ""
        if kind.allows_sms:
            try:
                sms_template = engine.get_template(f"{kind.template_folder}/sms.txt")
            except TemplateDoesNotExist:
                sms_text = subject
            else:
                sms_text = _collapse(sms_template.render(context))
    return Texts(
        subject=Truncator(subject).chars(200),
        body=body,
        sms_text=Truncator(sms_text).chars(SMS_MAX_LENGTH),
    )


# --- notify ---------------------------------------------------------------------------------------


def notify(
    recipients: Iterable, kind: "str | NotificationKind", context: dict | None = None
) -> list[Notification]:
    """Tell each recipient about something, on the channels they chose for this kind of message.

    `kind` is a registered kind's key (kinds.UnknownKind otherwise). `context` feeds the kind's templates;
    it may hold model objects, and its "url" (or its first object's get_absolute_url()) is the link.
    The texts are rendered in each recipient's language. Returns the notifications created (none for
    an inactive account or a person who turned every channel of this kind off). E-mails and SMS are
    sent by background tasks once the current transaction commits.
    """
    kind = kinds.get(kind)
    context = dict(context or {})
    url = url_from(context)
    context["url"] = url
    context["link"] = absolute_url(url)
    context.setdefault("city_name", settings.CITY_NAME)
    context.setdefault("site_url", site_url())

    users = _unique_active_users(recipients)
    texts_by_language: dict[str, Texts] = {}
    created: list[Notification] = []
    for start in range(0, len(users), BATCH_SIZE):
        batch = users[start : start + BATCH_SIZE]
        _load_profiles(batch)
        channels_by_user = enabled_channels_for(batch, kind)
        with transaction.atomic():
            notifications = []
            for user in batch:
                channels = channels_by_user[user.pk]
                if not channels:
                    continue
                language = language_of(user)
                if language not in texts_by_language:
                    texts_by_language[language] = render_texts(kind, context, language)
                texts = texts_by_language[language]
                notifications.append(
                    Notification(
                        recipient=user,
                        kind=kind.key,
                        language=language,
                        subject=texts.subject,
                        body=texts.body,
                        sms_text=texts.sms_text if Channel.SMS in channels else "",
                        url=url,
                        shows_in_inbox=Channel.INBOX in channels,
                    )
                )
            notifications = Notification.objects.bulk_create(notifications)
            deliveries = Delivery.objects.bulk_create(
                delivery
                for notification in notifications
                for delivery in _deliveries_for(notification, channels_by_user[notification.recipient_id])
            )
            queued = [delivery for delivery in deliveries if delivery.status == Delivery.Status.QUEUED]
            if queued:
                transaction.on_commit(functools.partial(enqueue_deliveries, queued), robust=True)
        created.extend(notifications)
    return created


def _unique_active_users(recipients: Iterable) -> list:
    seen = set()
    users = []
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        users.append(user)
    return users


def _load_profiles(users: list) -> None:
    """Fetch the recipients' profiles (language, phone) in one query, if accounts gives users one."""
    try:
        field = get_user_model()._meta.get_field("profile")
    except FieldDoesNotExist:
        return
    if field.is_relation:
        prefetch_related_objects(users, "profile")


def _deliveries_for(notification: Notification, channels: set[str]) -> list[Delivery]:
    now = timezone.now()
    deliveries = []
    if Channel.EMAIL in channels:
        if notification.recipient.email:
            deliveries.append(_queued(notification, Channel.EMAIL, now))
        else:
            deliveries.append(_skipped(notification, Channel.EMAIL, "no e-mail address"))
    if Channel.SMS in channels:
        if phone_number_of(notification.recipient):
            deliveries.append(_queued(notification, Channel.SMS, now))
        else:
            deliveries.append(_skipped(notification, Channel.SMS, "no phone number"))
    return deliveries


def _queued(notification, channel, now) -> Delivery:
    return Delivery(notification=notification, channel=channel, next_attempt_at=now + QUEUED_LEASE)


def _skipped(notification, channel, reason) -> Delivery:
    return Delivery(
        notification=notification, channel=channel, status=Delivery.Status.SKIPPED, last_error=reason
    )


def enqueue_deliveries(deliveries: Iterable[Delivery]) -> None:
    """One background task per delivery: e-mail on the "email" queue, SMS (urgent) on "default"."""
    from mobilization.notifications import tasks

    for delivery in deliveries:
        task = tasks.send_sms_delivery if delivery.channel == Channel.SMS else tasks.send_email_delivery
        task.enqueue(delivery.pk)


# --- Sending and retrying -----------------------------------------------------------------------


class SkipDelivery(Exception):
    """Nothing to send to (the reason is recorded)."""


def attempt_delivery(delivery_id: int) -> str:
    """Send one queued delivery and record the attempt. Returns the delivery's status afterwards.

    A worker claims the delivery by bumping its attempt count only if no other worker did: the same
    attempt is never made twice, and no row lock is held while the message leaves. What the attempt came
    to (sent, skipped, failed) is then a transition: locked, still queued, audited. A failure schedules
    the next attempt (1, 5, 25 minutes later) until the 4th, after which the delivery has failed for good.
    """
    delivery = Delivery.objects.select_related("notification__recipient").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != Delivery.Status.QUEUED:
        return delivery.status if delivery else "missing"
    now = timezone.now()
    if delivery.attempts >= MAX_ATTEMPTS:
        return _record_outcome(delivery, Delivery.Status.FAILED, next_attempt_at=None)
    claimed = Delivery.objects.filter(
        pk=delivery.pk, status=Delivery.Status.QUEUED, attempts=delivery.attempts
    ).update(attempts=F("attempts") + 1, next_attempt_at=now + QUEUED_LEASE, updated_at=now)
    if not claimed:
        return "taken"
    delivery.attempts += 1

    try:
        if delivery.channel == Channel.SMS:
            provider_id = _send_sms(delivery.notification)
        else:
            provider_id = _send_email(delivery.notification)
    except SkipDelivery as reason:
        return _record_outcome(
            delivery, Delivery.Status.SKIPPED, last_error=str(reason), next_attempt_at=None
        )
    except Exception as error:
        last_error = describe_error(error)
        logger.warning(
            "Delivery %s (%s) failed at attempt %s/%s: %s",
            delivery.pk,
            delivery.channel,
            delivery.attempts,
            MAX_ATTEMPTS,
            last_error,
        )
        retry_at = None
        if delivery.attempts < MAX_ATTEMPTS:
            retry_at = timezone.now() + RETRY_DELAYS[delivery.attempts - 1]
        return _record_outcome(
            delivery, Delivery.Status.FAILED, last_error=last_error, next_attempt_at=retry_at
        )
    return _record_outcome(
        delivery,
        Delivery.Status.SENT,
        sent_at=timezone.now(),
        provider_id=str(provider_id or "")[:200],
        last_error="",
        next_attempt_at=None,
    )


def _record_outcome(delivery: Delivery, status: str, **changes) -> str:
    """Move a queued delivery to what its attempt came to (sent, skipped, failed), under lock, audited."""
    transition(
        delivery,
        by=None,
        action=f"notifications.delivery_{status}",
        allowed_from=[Delivery.Status.QUEUED],
        to=status,
        changes=changes,
        details={"channel": delivery.channel, "attempt": delivery.attempts},
    )
    return delivery.status


def describe_error(error: BaseException) -> str:
    """What went wrong, without the message or an address: the error's type and its status code.

    Mail servers put the refused address in their errors, providers the number: neither is kept.
    """
    name = type(error).__name__
    if isinstance(error, SmsError):
        detail = str(error)
    elif isinstance(error, smtplib.SMTPResponseException):
        detail = f"SMTP {error.smtp_code}"
    elif isinstance(error, OSError) and error.errno:
        detail = f"errno {error.errno}"
    else:
        detail = ""
    return (f"{name}: {detail}" if detail else name)[:200]


def _send_email(notification: Notification) -> str:
    recipient = notification.recipient
    if not recipient.is_active:
        raise SkipDelivery("account inactive")
    if not recipient.email:
        raise SkipDelivery("no e-mail address")
    language = notification.language or settings.LANGUAGE_CODE
    with translation.override(language):
        body = (
            text_templates()
            .get_template("notifications/email/message.txt")
            .render(
                {
                    "notification": notification,
                    "link": absolute_url(notification.url),
                    "preferences_link": absolute_url(reverse("notifications:preferences")),
                    "city_name": settings.CITY_NAME,
                }
            )
        )
    message_id = make_msgid(domain=DNS_NAME)
    message = EmailMessage(
        subject=notification.subject,
        body=body.strip() + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        headers={"Message-ID": message_id, "Auto-Submitted": "auto-generated"},
    )
    message.send(fail_silently=False)
    return message_id


def _send_sms(notification: Notification) -> str:
    recipient = notification.recipient
    if not recipient.is_active:
        raise SkipDelivery("account inactive")
    phone_number = phone_number_of(recipient)
    if not phone_number:
        raise SkipDelivery("no phone number")
    return get_sms_backend().send(phone_number, notification.sms_text or notification.subject)


def retry_due_deliveries(now: datetime | None = None) -> int:
    """Enqueue again the failed deliveries whose next attempt is due, and the queued ones no worker took.

    Run it every minute or so (the `retry_deliveries` command, or the task of the same name).
    """
    now = now or timezone.now()
    due = Q(status__in=[Delivery.Status.FAILED, Delivery.Status.QUEUED], next_attempt_at__lte=now)
    ids = list(Delivery.objects.filter(due).order_by("next_attempt_at").values_list("pk", flat=True)[:1000])
    if not ids:
        return 0
    # One UPDATE, not `transition_all()`: this sweep is the platform renewing the lease of up to 1,000
    # deliveries a minute while a mail server or SMS provider is down, for no one's decision. Measured on
    # 1,000 due deliveries: 65-110 ms with the UPDATE, 1-5 s with a locked, audited transition per row
    # (1,000 audit rows a minute, with the rows locked meanwhile). What each attempt came to is what is
    # audited, by `attempt_delivery()`; the `status__in` condition of the UPDATE keeps it safe to race.
    Delivery.objects.filter(due, pk__in=ids).update(
        status=Delivery.Status.QUEUED, next_attempt_at=now + QUEUED_LEASE, updated_at=now
    )
    deliveries = list(
        Delivery.objects.filter(pk__in=ids, status=Delivery.Status.QUEUED).only("pk", "channel")
    )
    enqueue_deliveries(deliveries)
    return len(deliveries)


def retry_now(deliveries: Iterable[Delivery], *, by=None) -> int:
    """Staff ask for another attempt at failed deliveries, even those that failed for good."""
    ids = [delivery.pk for delivery in deliveries if delivery.status == Delivery.Status.FAILED]
    transition_all(
        Delivery.objects.filter(pk__in=ids),
        by=by,
        action="notifications.delivery_retried",
        allowed_from=[Delivery.Status.FAILED],
        to=Delivery.Status.QUEUED,
        changes={"attempts": 0, "next_attempt_at": timezone.now() + QUEUED_LEASE},
    )
    queued = list(Delivery.objects.filter(pk__in=ids, status=Delivery.Status.QUEUED).only("pk", "channel"))
    transaction.on_commit(functools.partial(enqueue_deliveries, queued), robust=True)
    return len(queued)


# --- The inbox --------------------------------------------------------------------------------------


def inbox_of(user) -> models.QuerySet:
    """A person's inbox, newest first."""
    return Notification.objects.in_inbox_of(user).only(
        "pk", "subject", "body", "url", "read_at", "created_at", "kind"
    )


def mark_read(notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
    return notification


def mark_all_read(user) -> int:
    now = timezone.now()
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=now, updated_at=now
    )


def unread_count(user) -> int:
    return Notification.objects.in_inbox_of(user).unread().count()


# --- Preferences ----------------------------------------------------------------------------------


def enabled_channels_for(users: list, kind: NotificationKind) -> dict[int, set[str]]:
    """The channels each user receives this kind on: the kind's defaults, changed by their preferences."""
    channels = {user.pk: set(kind.default_channels) for user in users}
    preferences = ChannelPreference.objects.filter(user__in=list(channels), kind=kind.key).values_list(
        "user_id", "channel", "enabled"
    )
    for user_id, channel, enabled in preferences:
        if not kind.allows(channel):
            continue
        if enabled:
            channels[user_id].add(channel)
        else:
            channels[user_id].discard(channel)
    if kind.is_urgent:
        for chosen in channels.values():
            chosen.add(Channel.INBOX)
    return channels


def enabled_channels(user, kind: "str | NotificationKind") -> set[str]:
    return enabled_channels_for([user], kinds.get(kind))[user.pk]


@dataclass(frozen=True)
class PreferenceCell:
    kind_key: str
    channel: str
    label: str
    is_allowed: bool
    is_enabled: bool
    is_locked: bool

    @property
    def value(self) -> str:
        """What the checkbox sends: "<kind>:<channel>"."""
        return preference_value(self.kind_key, self.channel)


@dataclass(frozen=True)
class PreferenceRow:
    kind: NotificationKind
    cells: list[PreferenceCell]


def preference_value(kind_key: str, channel: str) -> str:
    return f"{kind_key}:{channel}"


def preference_table(user) -> list[PreferenceRow]:
    """What the preferences page shows: one row per kind, one cell per channel."""
    stored = {
        (kind, channel): enabled
        for kind, channel, enabled in ChannelPreference.objects.filter(user=user).values_list(
            "kind", "channel", "enabled"
        )
    }
    rows = []
    for kind in kinds.shown_in_preferences():
        cells = []
        for channel, label in Channel.choices:
            is_allowed = kind.allows(channel)
            is_locked = kind.is_locked(channel)
            is_enabled = is_allowed and (
                is_locked or stored.get((kind.key, channel), channel in kind.default_channels)
            )
            cells.append(
                PreferenceCell(
                    kind_key=kind.key,
                    channel=channel,
                    label=label,
                    is_allowed=is_allowed,
                    is_enabled=is_enabled,
                    is_locked=is_locked,
                )
            )
        rows.append(PreferenceRow(kind=kind, cells=cells))
    return rows


def check_preference(kind_key: str, channel: str) -> NotificationKind:
    """The kind, if a person may turn `channel` on for it; PreferenceNotAllowed otherwise."""
    try:
        kind = kinds.get(kind_key)
    except kinds.UnknownKind:
        raise PreferenceNotAllowed(
            _("There is no kind of message called “%(kind)s”.") % {"kind": kind_key}
        ) from None
    if not kind.shown_in_preferences:
        raise PreferenceNotAllowed(_("There is no kind of message called “%(kind)s”.") % {"kind": kind_key})
    if channel not in Channel.values:
        raise PreferenceNotAllowed(_("There is no channel called “%(channel)s”.") % {"channel": channel})
    if not kind.allows(channel):
        # The inbox and e-mail are open to every kind: only SMS, kept for urgent kinds, can be refused.
        raise PreferenceNotAllowed(
            _("“%(kind)s” is not urgent: it cannot be sent by text message (SMS).") % {"kind": kind.label}
        )
    return kind


def save_preferences(user, enabled: Iterable[tuple[str, str]]) -> None:
    """Set every listed kind's channels for `user`: those in `enabled` on, the others off.

    The inbox of an urgent kind stays on whatever is asked.
    """
    enabled = set(enabled)
    for kind_key, channel in enabled:
        check_preference(kind_key, channel)
    rows = [
        ChannelPreference(
            user=user,
            kind=kind.key,
            channel=channel,
            enabled=kind.is_locked(channel) or (kind.key, channel) in enabled,
        )
        for kind in kinds.shown_in_preferences()
        for channel in kind.allowed_channels
    ]
    with transaction.atomic():
        ChannelPreference.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["user", "kind", "channel"],
            update_fields=["enabled", "updated_at"],
        )
        audit.record(user, "notifications.preferences_changed", user)


# --- Staff tools ------------------------------------------------------------------------------------


def send_test_message(to, *, by) -> list[Notification]:
    """Staff send themselves a message on every channel, to check that each one works."""
    notifications = notify([to], "test_message", {"sent_at": timezone.now()})
    audit.record(by, "notifications.test_message_sent", to)
    return notifications


# --- The person's data ------------------------------------------------------------------------------


def export_personal_data(user) -> dict:
    """What the notifications app holds about a person, for their data export."""
    notifications = (
        Notification.objects.filter(recipient=user).prefetch_related("deliveries").order_by("created_at")
    )
    return {
        "notifications": [
            {
                "kind": notification.kind,
                "language": notification.language,
                "subject": notification.subject,
                "body": notification.body,
                "text_message": notification.sms_text,
                "link": notification.url,
                "shown_in_inbox": notification.shows_in_inbox,
                "created_at": notification.created_at.isoformat(),
                "read_at": notification.read_at.isoformat() if notification.read_at else None,
                "deliveries": [
                    {
                        "channel": delivery.channel,
                        "status": delivery.status,
                        "attempts": delivery.attempts,
                        "sent_at": delivery.sent_at.isoformat() if delivery.sent_at else None,
                    }
                    for delivery in notification.deliveries.all()
                ],
            }
            for notification in notifications
        ],
        "channel_preferences": [
            {"kind": kind, "channel": channel, "enabled": enabled}
            for kind, channel, enabled in ChannelPreference.objects.filter(user=user)
            .order_by("kind", "channel")
            .values_list("kind", "channel", "enabled")
        ],
    }


def anonymise(user) -> None:
    """Erase what the notifications app holds about a person: their messages (and so their delivery log)
    and their preferences. Nothing here is worth keeping without the person."""
    with transaction.atomic():
        Notification.objects.filter(recipient=user).delete()
        ChannelPreference.objects.filter(user=user).delete()
