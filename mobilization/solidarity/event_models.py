"""Solidarity in extreme events, second part: the event, the dispatch runs and who checks on whom.

An `ExtremeEvent` is a heatwave, a cold wave, a flood, a storm or a pollution peak over some of the
city's arrondissements, at a level of Météo-France's vigilance scale. Coordinators create it by hand or
from a Common Alerting Protocol alert (cap_import.py); its status moves only through `transition()`
(event_services.py): watch → active → standing down → closed. While it is active, the dispatch
(dispatching.py) gives every registered resident of its arrondissements one buddy (`Assignment`), or
puts them on the coordinators' call list (`CallListEntry`) with the reason no buddy could take them.
Each dispatch is recorded as a `DispatchRun` with its counts.

Imported from models.py (Django finds the models there); the check-ins build on `Assignment`.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mobilization.core.models import TimeStampedModel

# How often each resident is checked on, by level (days); a level absent here means no check-ins. Staff
# change it with the setting SOLIDARITY_CADENCE_DAYS (Paris's REFLEX: every two days, daily in red).
DEFAULT_CADENCE_DAYS = {"orange": 2, "red": 1}


class Hazard(models.TextChoices):
    """The hazards the platform acts on (the same codes as cap.Hazard)."""

    HEATWAVE = "heatwave", _("Heatwave")
    COLD_WAVE = "cold_wave", _("Cold wave")
    FLOOD = "flood", _("Flood")
    STORM = "storm", _("Storm")
    POLLUTION_PEAK = "pollution_peak", _("Pollution peak")


class Level(models.TextChoices):
    """Météo-France's vigilance colours, lowest first (the same codes as cap.Level)."""

    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    ORANGE = "orange", _("Orange")
    RED = "red", _("Red")


class ExtremeEventQuerySet(models.QuerySet):
    def live(self):
        """The events coordinators still act on (not closed)."""
        return self.exclude(status=ExtremeEvent.Status.CLOSED)

    def active(self):
        return self.filter(status=ExtremeEvent.Status.ACTIVE)


class ExtremeEvent(TimeStampedModel):
    """A hazard over some arrondissements, from its watch to its closing."""

    class Status(models.TextChoices):
        WATCH = "watch", _("Watch")
        ACTIVE = "active", _("Active")
        STANDING_DOWN = "standing_down", _("Standing down")
        CLOSED = "closed", _("Closed")

    hazard = models.CharField(_("hazard"), max_length=20, choices=Hazard)
    level = models.CharField(_("vigilance level"), max_length=10, choices=Level)
    districts = models.ManyToManyField(
        "territory.District", related_name="+", verbose_name=_("affected arrondissements")
    )
    headline = models.CharField(_("headline"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    starts_at = models.DateTimeField(_("start"))
    expected_end_at = models.DateTimeField(_("expected end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.WATCH)
    activated_at = models.DateTimeField(_("activated at"), null=True, blank=True)
    stood_down_at = models.DateTimeField(_("standing down since"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # --- The alert it came from (CAP 1.2): the message that created it, and the last one applied -------
    # An update or a cancel names earlier messages in <references>; it is matched to the event through
    # `CapMessage` (every message applied to it), so that any message of the chain finds it.
    cap_identifier = models.CharField(_("CAP identifier"), max_length=200, blank=True)
    cap_sender = models.CharField(_("CAP sender"), max_length=200, blank=True)
    cap_sent = models.DateTimeField(_("CAP sent"), null=True, blank=True)
    # How many times the event changed since its creation: the export says Alert, then Update.
    revision = models.PositiveIntegerField(_("revision"), default=1)
    # Buddies or residents changed since the last dispatch: a re-dispatch is queued (redispatch.py).
    redispatch_due = models.BooleanField(_("re-dispatch due"), default=False, editable=False)

    objects = ExtremeEventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("extreme event")
        verbose_name_plural = _("extreme events")
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expected_end_at__isnull=True)
                | models.Q(expected_end_at__gte=models.F("starts_at")),
                name="solidarity_event_ends_after_start",
            )
        ]

    def __str__(self):
        return str(
            _("%(hazard)s (%(level)s) from %(start)s")
            % {
                "hazard": self.get_hazard_display(),
                "level": self.get_level_display(),
                "start": self.starts_at.date().isoformat() if self.starts_at else "",
            }
        )

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("solidarity:event", kwargs={"pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def cadence(self) -> datetime.timedelta | None:
        """How often each resident is checked on at this level, or None when the level asks for none."""
        days = cadence_days().get(self.level)
        return datetime.timedelta(days=days) if days else None


def cadence_days() -> dict[str, float]:
    return getattr(settings, "SOLIDARITY_CADENCE_DAYS", DEFAULT_CADENCE_DAYS)


class CapMessage(models.Model):
    """A CAP message applied to an event (its creation, updates and cancel): matches later references."""

    event = models.ForeignKey(ExtremeEvent, on_delete=models.CASCADE, related_name="cap_messages")
    identifier = models.CharField(_("identifier"), max_length=200)
    sender = models.CharField(_("sender"), max_length=200)
    sent = models.DateTimeField(_("sent"))
    msg_type = models.CharField(_("message type"), max_length=10)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["sent", "pk"]
        verbose_name = _("CAP message")
        verbose_name_plural = _("CAP messages")
        constraints = [
            models.UniqueConstraint(fields=["sender", "identifier"], name="solidarity_cap_message_once")
        ]

    def __str__(self):
        return f"{self.msg_type} {self.sender} {self.identifier}"


class DispatchRun(models.Model):
    """One dispatch of an event: when, by whom, why, and what it changed.

    Written in its own transaction before the assignments are, and finished with them: a run without
    `finished_at` is one whose worker died (its assignments were rolled back, the previous ones stand).
    Its buddies are told after it commits, by a task of their own (announcements.announce): `notified_at`
    says that it is done, so that they are told once."""

    class Trigger(models.TextChoices):
        ACTIVATION = "activation", _("The event was activated")
        MANUAL = "manual", _("A coordinator asked for it")
        CHANGE = "change", _("Residents or buddies changed")
        DECLINE = "decline", _("A buddy declined")
        EXPIRY = "expiry", _("An offer went unanswered")

    event = models.ForeignKey(ExtremeEvent, on_delete=models.CASCADE, related_name="dispatch_runs")
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    trigger = models.CharField(_("trigger"), max_length=12, choices=Trigger, default=Trigger.MANUAL)
    residents = models.PositiveIntegerField(_("residents in scope"), default=0)
    buddies = models.PositiveIntegerField(_("buddies available"), default=0)
    assigned = models.PositiveIntegerField(_("residents with a buddy"), default=0)
    kept = models.PositiveIntegerField(_("assignments kept"), default=0)
    offered = models.PositiveIntegerField(_("new offers"), default=0)
    replaced = models.PositiveIntegerField(_("assignments replaced"), default=0)
    call_list = models.PositiveIntegerField(_("on the call list"), default=0)
    total_distance_m = models.FloatField(_("total distance (m)"), default=0.0)
    solve_seconds = models.FloatField(_("solver time (s)"), default=0.0)
    # The buddies (profile ids) whose accepted person this run gave to someone else: they are told.
    withdrawn_buddies = models.JSONField(_("buddies whose person was moved"), default=list, blank=True)
    notified_at = models.DateTimeField(_("buddies notified at"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        get_latest_by = "started_at"
        verbose_name = _("dispatch run")
        verbose_name_plural = _("dispatch runs")

    def __str__(self):
        return str(_("Dispatch #%(pk)s") % {"pk": self.pk})


class AssignmentQuerySet(models.QuerySet):
    def live(self):
        """Offered or accepted: the assignments in force."""
        return self.filter(status__in=Assignment.LIVE)


class Assignment(models.Model):
    """A buddy asked to check on a resident during an event; they accept or decline.

    At most one live (offered or accepted) assignment per event and resident: a constraint, so that two
    dispatches racing cannot give a person two buddies. A replaced, declined or expired one stays, as the
    history (a decliner is not offered the same person again in this event)."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("No answer in time")
        REPLACED = "replaced", _("Replaced")

    LIVE = (Status.OFFERED, Status.ACCEPTED)

    # No index of their own for `event`, `buddy` and `run`: the (event, status) and (buddy, status)
    # indexes serve their look-ups, and each index is written again for every one of a dispatch's 20,000
    # offers. The foreign-key constraints stay, although PostgreSQL checks each once per offer at the
    # commit (about 0.35 s of its CPU for 20,000 offers): this is the registry of vulnerable people, and
    # no offer may point to an event or a run that does not exist, whoever writes to the database.
    event = models.ForeignKey(
        ExtremeEvent,
        on_delete=models.CASCADE,
        related_name="assignments",
        db_index=False,
    )
    resident = models.ForeignKey(
        "solidarity.VulnerableResident", on_delete=models.CASCADE, related_name="assignments"
    )
    buddy = models.ForeignKey(
        "solidarity.BuddyProfile", on_delete=models.CASCADE, related_name="assignments", db_index=False
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OFFERED)
    offered_at = models.DateTimeField(_("offered at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    distance_m = models.FloatField(_("distance (m)"), default=0.0)
    run = models.ForeignKey(
        DispatchRun,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
        db_index=False,  # its offers are looked up by event and status first (dispatch_inputs.py)
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["offered_at", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        indexes = [
            models.Index(fields=["event", "status"]),
            models.Index(fields=["buddy", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "resident"],
                condition=models.Q(status__in=["offered", "accepted"]),
                name="solidarity_one_live_assignment",
            )
        ]

    def __str__(self):
        return str(_("Assignment #%(pk)s") % {"pk": self.pk})

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE


class CallListEntry(models.Model):
    """A resident of the event no buddy can take: the coordinators call them, with the reason why.

    Only the current list: the entry goes when a later dispatch finds the person a buddy."""

    class Reason(models.TextChoices):
        # The solver's reasons (dispatch.Reason), and the platform's own.
        NO_BUDDY_IN_REACH = "no_buddy_in_reach", _("No buddy's maximum distance reaches this person.")
        NO_BUDDY_FOR_MODE = (
            "no_buddy_for_mode",
            _("No buddy within reach offers the contact this person prefers (call or visit)."),
        )
        NO_SHARED_LANGUAGE = (
            "no_shared_language",
            _("No buddy within reach speaks a language this person speaks."),
        )
        ALL_FULL = "all_full", _("Every buddy who could take this person is already at capacity.")
        BEYOND_LIMIT = "beyond_limit", _("The buddies with room left are further than the dispatch's limit.")
        NO_BUDDY = "no_buddy", _("No buddy is available for this event.")

    event = models.ForeignKey(ExtremeEvent, on_delete=models.CASCADE, related_name="call_list")
    resident = models.ForeignKey(
        "solidarity.VulnerableResident", on_delete=models.CASCADE, related_name="call_list_entries"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason)
    since = models.DateTimeField(_("on the list since"))
    run = models.ForeignKey(DispatchRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["since", "pk"]
        verbose_name = _("call list entry")
        verbose_name_plural = _("call list entries")
        constraints = [
            models.UniqueConstraint(fields=["event", "resident"], name="solidarity_call_list_once")
        ]

    def __str__(self):
        return str(_("Call list entry #%(pk)s") % {"pk": self.pk})
