from django.conf import settings
from django.db import models
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from mobilization.core.models import TimeStampedModel
from mobilization.notifications.kinds import Channel


def is_local_path(url: str) -> bool:
    """A path on this site ("/initiatives/12/"), never another site, a scheme or a protocol-relative URL."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return False
    if any(ord(character) < 32 or ord(character) == 127 for character in url):
        return False
    return url_has_allowed_host_and_scheme(url, allowed_hosts=set(), require_https=False)


class NotificationQuerySet(models.QuerySet):
    def in_inbox_of(self, user):
        return self.filter(recipient=user, shows_in_inbox=True)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(TimeStampedModel):
    """One message for one person, shown in their inbox (and sent on the channels they chose).

    The texts are rendered once, in the recipient's language, when the message is created: what the
    person reads later never changes with the objects it speaks of.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    language = models.CharField(
        _("language"), max_length=10, blank=True, help_text=_("The language the texts were written in.")
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    sms_text = models.CharField(
        _("text message"),
        max_length=320,
        blank=True,
        help_text=_("The short text sent by SMS, for the urgent kinds that allow it."),
    )
    url = models.CharField(_("link"), max_length=300, blank=True)
    shows_in_inbox = models.BooleanField(
        _("shown in the inbox"),
        default=True,
        help_text=_("False when the person turned the inbox off for this kind and gets it by e-mail only."),
    )
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(
                fields=["recipient", "shows_in_inbox", "-created_at"], name="notification_inbox_idx"
            ),
        ]

    def __str__(self):
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def local_url(self) -> str:
        """The link, if it is a path on this site; an empty string otherwise."""
        return self.url if is_local_path(self.url) else ""


class ChannelPreference(TimeStampedModel):
    """A person's choice to receive, or not, one kind of notification on one channel.

    Without a row, the kind's defaults apply.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=60)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel)
    enabled = models.BooleanField(_("enabled"))

    class Meta:
        verbose_name = _("channel preference")
        verbose_name_plural = _("channel preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "channel"], name="one_channel_preference_per_user_kind_channel"
            )
        ]

    def __str__(self):
        return f"{self.kind} · {self.channel} · {'on' if self.enabled else 'off'}"


class Delivery(TimeStampedModel):
    """One attempt-tracked sending of a notification by e-mail or SMS: the delivery log.

    States: queued (waiting for a worker; ``next_attempt_at`` is when the retry sweep takes it for lost),
    sent, skipped (nothing to send to, with the reason), failed (``next_attempt_at`` set: retried then;
    empty: failed for good). ``last_error`` names the error only: never the message or a contact detail.
    ``sending_since``: a worker claimed this attempt then and is sending it (no other worker may, until
    the attempt's outcome is recorded, or the sweep takes it for lost when its lease ends).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error or reason skipped"), max_length=200, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sending_since = models.DateTimeField(_("being sent since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    provider_id = models.CharField(_("provider's message id"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due_idx")]

    def __str__(self):
        return f"{self.get_channel_display()} · {self.get_status_display()}"

    @property
    def is_failed_for_good(self) -> bool:
        return self.status == self.Status.FAILED and self.next_attempt_at is None
