"""Events, the people who register to them, and private calendar tokens.

An event has one host (an initiative, a training or a co-design workshop whose session it is; see
hosts.py: events import nothing of their hosts' apps) and
may be co-hosted by other hosts of the same kind: it then shows on every host's page. Registration has a
waiting list: when the event is full a new registration is waitlisted, and when someone cancels the
first waitlisted person moves up (see services.py).
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
from mobilization.events import hosts


class EventQuerySet(models.QuerySet):
    def scheduled(self):
        return self.filter(status=Event.Status.SCHEDULED)

    def upcoming(self, now=None):
        """Events that have not ended yet, soonest first."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def of_public_hosts(self):
        """Events whose host is public (a published, paused or finished initiative...)."""
        return self.filter(hosts.public_q())

    def hosted_by(self, host, *, kind: hosts.HostKind | None = None):
        """Events that the host (an object, or the primary key of one of `kind`) organises or co-hosts.

        Written as `host = X OR pk IN (co-hosted)` rather than a join on the co-hosts: the join needs
        DISTINCT and stops the database from using the (host, starts_at) index, which made a host's page
        scan every event."""
        kind = kind or hosts.kind_for(host)
        condition = Q(**{kind.key: host})
        if kind.cohosting is not None:
            field = Event._meta.get_field(kind.cohosting.field)
            through = field.remote_field.through.objects.filter(**{field.m2m_reverse_field_name(): host})
            condition |= Q(pk__in=through.values(field.m2m_column_name()))
        return self.filter(condition)

    def with_registered_count(self):
        return self.annotate(
            registered_count=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)
            )
        )


class Event(TimeStampedModel):
    """An event of a host. The host's foreign key is named after its kind (hosts.py): code reaches the
    host through `host` and `host_kind`, never through the field of one kind."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    # One foreign key per kind of host (registered by the hosts' apps); references by name, not imports.
    # Exactly one is set (constraint event_has_one_host).
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="events",
        null=True,
        blank=True,
        verbose_name=_("initiative"),
    )
    # A training's session (the learning app): registrations, waiting list, reminders and calendars alike.
    training = models.ForeignKey(
        "learning.Training",
        on_delete=models.CASCADE,
        related_name="sessions",
        null=True,
        blank=True,
        verbose_name=_("training"),
    )
    # A co-design workshop's session (the codesign app): its outputs are linked from the event's page.
    workshop = models.ForeignKey(
        "codesign.Workshop",
        on_delete=models.CASCADE,
        related_name="sessions",
        null=True,
        blank=True,
        verbose_name=_("co-design workshop"),
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
    # A video-call link (a training session held online too): shown to the people registered only.
    online_url = models.URLField(
        _("online link"),
        blank=True,
        max_length=500,
        help_text=_("A video-call link, if people can also join online. Only people registered see it."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How many people can come. Leave empty for no limit."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.SCHEDULED)
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True, max_length=2000)
    # The co-hosts of an initiative's event: its partners (the kind's `cohosting`).
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
            models.Index(fields=["training", "starts_at"]),
            models.Index(fields=["workshop", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(initiative__isnull=False, training__isnull=True, workshop__isnull=True)
                | Q(initiative__isnull=True, training__isnull=False, workshop__isnull=True)
                | Q(initiative__isnull=True, training__isnull=True, workshop__isnull=False),
                name="event_has_one_host",
            ),
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
    def host_kind(self) -> hosts.HostKind:
        return hosts.kind_of(self)

    @property
    def host(self):
        """What hosts the event (an initiative): its title, page and district show on the event's pages."""
        return getattr(self, self.host_kind.key)

    @property
    def other_hosts(self) -> list:
        """The co-hosts the pages show (as prefetched by `hosts.cohost_prefetches()`), in their order."""
        cohosting = self.host_kind.cohosting
        return list(getattr(self, cohosting.field).all()) if cohosting else []

    @property
    def host_links(self) -> list[tuple[str, str]]:
        """What the event's page links to beyond its host's page (a workshop's outputs): (label, url)."""
        links = self.host_kind.links
        return links(self.host) if links else []

    @property
    def is_public(self) -> bool:
        """Anyone may read it: its host is public (a cancelled or past event stays readable)."""
        return self.host.is_public

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
