"""Events of initiatives, the people who register to them, and private calendar tokens.

An event belongs to one initiative and may be co-hosted by accepted partner initiatives: it then shows
on every host's page. Registration has a waiting list: when the event is full a new registration is
waitlisted, and when someone cancels the first waitlisted person moves up (see services.py).
Times are stored aware (UTC in the database) and shown in the city's time zone (Europe/Paris).
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobilization.core.models import TimeStampedModel


class EventQuerySet(models.QuerySet):
    def scheduled(self):
        return self.filter(status=Event.Status.SCHEDULED)

    def upcoming(self, now=None):
        """Events that have not ended yet, soonest first."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def of_public_initiatives(self):
        from mobilization.initiatives.models import Initiative

        return self.filter(Initiative.public_q("initiative__"))

    def hosted_by(self, initiative):
        """Events the initiative organises or co-hosts.

        Written as `initiative = X OR pk IN (co-hosted)` rather than a join on the co-hosts: the join
        needs DISTINCT and stops the database from using the (initiative, starts_at) index, which made
        an initiative's page scan every event."""
        cohosted = Event.cohosts.through.objects.filter(initiative=initiative).values("event_id")
        return self.filter(Q(initiative=initiative) | Q(pk__in=cohosted))

    def with_registered_count(self):
        return self.annotate(
            registered_count=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)
            )
        )


class Event(TimeStampedModel):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("initiative"),
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: **bold**, lists, links.")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    address = models.CharField(_("address"), max_length=255)
    lat = models.FloatField(_("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)])
    lon = models.FloatField(_("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)])
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How many people can come. Leave empty for no limit."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.SCHEDULED)
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True, max_length=2000)
    cohosts = models.ManyToManyField(
        "initiatives.Initiative", blank=True, related_name="cohosted_events", verbose_name=_("co-hosts")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["initiative", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1), name="event_capacity_positive"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"pk": self.pk})

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    def seats_left(self, registered_count: int | None = None) -> int | None:
        """Seats still free, or None when the event has no limit.

        Pass the count when it was annotated (`with_registered_count`) to avoid a query.
        """
        if self.capacity is None:
            return None
        if registered_count is None:
            registered_count = getattr(self, "registered_count", None)
        if registered_count is None:
            registered_count = self.registrations.filter(status=Registration.Status.REGISTERED).count()
        return max(self.capacity - registered_count, 0)


class Registration(TimeStampedModel):
    """One person's place at an event: registered, on the waiting list, or cancelled.

    The waiting list is ordered by `waitlisted_at` (then pk): the first in line moves up first.
    """

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.REGISTERED)
    waitlisted_at = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="unique_event_registration")]
        indexes = [models.Index(fields=["event", "status", "waitlisted_at"])]

    def __str__(self):
        return f"{self.event} – {self.get_status_display()}"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in the URL of someone's private "my events" feed; resetting it kills the old URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar token")
        verbose_name_plural = _("calendar tokens")

    def __str__(self):
        return f"calendar token of user #{self.user_id}"
