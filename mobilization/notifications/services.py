"""Telling people what happened: the one `notify()` every app calls, the inbox, the preferences.

notify() writes the notifications and their deliveries in one transaction and, once it commits,
enqueues the background tasks that send the e-mails and SMS, one per batch of deliveries (`tasks.py`).
The tasks send them and record each attempt in the delivery log (`delivery.py`); a failed attempt is
tried again later, with backoff.
The texts are rendered once per language (`texts.py`).
"""

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models.functions import Cast
from django.urls import translate_url
from django.utils import timezone
from django.utils.translation import gettext as _

from mobilization.core import audit
from mobilization.core.bulk import insert_rows
from mobilization.notifications import kinds, tasks
from mobilization.notifications.delivery import QUEUED_LEASE, phone_number_of, requeue_failed
from mobilization.notifications.kinds import Channel, NotificationKind
from mobilization.notifications.models import ChannelPreference, Delivery, Notification
from mobilization.notifications.tasks import QueuedDelivery
from mobilization.notifications.texts import (
    Texts,
    absolute_url,
    language_of,
    render_texts,
    site_url,
    url_from,
)

BATCH_SIZE = 500


class PreferenceNotAllowed(ValueError):
    """A preference that cannot be set: an unknown kind or channel, or a channel the kind does not use."""


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
    texts_by_language: dict[str, tuple[Texts, str]] = {}
    created: list[Notification] = []
    # Inside a transaction of the caller's (a dispatch), the tasks of every batch are enqueued together
    # once it commits (one commit for all of them); otherwise each batch's, once the batch commits.
    inside = transaction.get_connection().in_atomic_block
    pending: list[QueuedDelivery] = []
    for start in range(0, len(users), BATCH_SIZE):
        batch = users[start : start + BATCH_SIZE]
        contacts = _contacts(batch)
        channels_by_user = enabled_channels_for(batch, kind)
        with transaction.atomic():
            notifications = []
            for user in batch:
                channels = channels_by_user[user.pk]
                if not channels:
                    continue
                language = contacts[user.pk][0]
                if language not in texts_by_language:
                    texts_by_language[language] = _texts_in(language, kind, context)
                texts, localized_url = texts_by_language[language]
                notifications.append(
                    Notification(
                        recipient=user,
                        kind=kind.key,
                        language=language,
                        subject=texts.subject,
                        body=texts.body,
                        sms_text=texts.sms_text if Channel.SMS in channels else "",
                        url=localized_url,
                        shows_in_inbox=Channel.INBOX in channels,
                    )
                )
            queued = _write(notifications, channels_by_user, contacts)
            if queued and not inside:
                transaction.on_commit(functools.partial(tasks.enqueue_deliveries, queued), robust=True)
        pending.extend(queued if inside else ())
        created.extend(notifications)
    if pending:
        transaction.on_commit(functools.partial(tasks.enqueue_deliveries, pending), robust=True)
    return created


NOTIFICATION_COLUMNS = (
    "recipient",
    "kind",
    "language",
    "subject",
    "body",
    "sms_text",
    "url",
    "shows_in_inbox",
)
DELIVERY_COLUMNS = ("notification", "channel", "status", "last_error", "next_attempt_at")


def _write(notifications: list[Notification], channels_by_user, contacts) -> list[QueuedDelivery]:
    """Insert the notifications and their deliveries (`core.bulk.insert_rows`: plain rows, without a
    model instance per delivery nor a field-by-field preparation of every value); returns the queued
    deliveries, for their tasks."""
    now = timezone.now()
    pks = insert_rows(
        Notification,
        NOTIFICATION_COLUMNS,
        (
            (n.recipient_id, n.kind, n.language, n.subject, n.body, n.sms_text, n.url, n.shows_in_inbox)
            for n in notifications
        ),
        returning=True,
    )
    rows = []
    for notification, pk in zip(notifications, pks, strict=True):
        notification.pk = notification.id = pk
        notification.created_at = notification.updated_at = now
        notification._state.adding, notification._state.db = False, "default"
        channels = channels_by_user[notification.recipient_id]
        phone = contacts[notification.recipient_id][1]
        rows.extend(_delivery_rows(notification, channels, phone, now))
    delivery_pks = insert_rows(Delivery, DELIVERY_COLUMNS, rows, returning=True)
    return [
        QueuedDelivery(pk, row[1])
        for pk, row in zip(delivery_pks, rows, strict=True)
        if row[2] == Delivery.Status.QUEUED
    ]


def _delivery_rows(notification: Notification, channels: set[str], phone: str, now) -> list[tuple]:
    rows = []
    queued, lease = Delivery.Status.QUEUED, now + QUEUED_LEASE
    if Channel.EMAIL in channels:
        if notification.recipient.email:
            rows.append((notification.pk, Channel.EMAIL, queued, "", lease))
        else:
            rows.append((notification.pk, Channel.EMAIL, Delivery.Status.SKIPPED, "no e-mail address", None))
    if Channel.SMS in channels:
        if phone:
            rows.append((notification.pk, Channel.SMS, queued, "", lease))
        else:
            rows.append((notification.pk, Channel.SMS, Delivery.Status.SKIPPED, "no phone number", None))
    return rows


def _texts_in(language: str, kind: NotificationKind, context: dict) -> tuple[Texts, str]:
    """The texts in `language`, and the link to the page in that language: a page's address carries its
    language (/fr/…, /en/…), so a link built in the sender's language is rebuilt in the recipient's."""
    url = translate_url(context["url"], language) if context["url"] else ""
    localized = {**context, "url": url, "link": absolute_url(url)}
    return render_texts(kind, localized, language), url


def _unique_active_users(recipients: Iterable) -> list:
    seen = set()
    users = []
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        users.append(user)
    return users


def _contacts(users: list) -> dict[int, tuple[str, str]]:
    """Each recipient's language and mobile number (`texts.language_of`, `delivery.phone_number_of`),
    read as two plain columns of their profiles in one query, if accounts gives users a profile with a
    `preferred_language` and a `phone`. Loading whole profiles parsed and validated every phone number
    twice: a third of the time of notifying 6,000 buddies."""
    try:
        relation = get_user_model()._meta.get_field("profile")
    except FieldDoesNotExist:
        relation = None
    profile = relation.related_model if relation is not None and relation.is_relation else None
    if profile is None or not {"preferred_language", "phone"} <= {f.name for f in profile._meta.fields}:
        return {user.pk: (language_of(user), phone_number_of(user)) for user in users}
    link = relation.field.attname
    rows = (
        profile.objects.filter(**{f"{link}__in": [user.pk for user in users]})
        .annotate(raw_phone=Cast("phone", models.CharField()))
        .values_list(link, "preferred_language", "raw_phone")
    )
    found = {user_id: (language, phone) for user_id, language, phone in rows}
    available = {code for code, _name in settings.LANGUAGES}
    contacts = {}
    for user in users:
        language, phone = found.get(user.pk, ("", ""))
        contacts[user.pk] = (
            language if language in available else settings.LANGUAGE_CODE,
            (phone or "").strip(),
        )
    return contacts


def retry_now(deliveries: Iterable[Delivery], *, by=None) -> int:
    """Staff ask for another attempt at failed deliveries, even those that failed for good."""
    queued = requeue_failed(deliveries, by=by)
    transaction.on_commit(functools.partial(tasks.enqueue_deliveries, queued), robust=True)
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
