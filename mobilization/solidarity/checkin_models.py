"""Solidarity in extreme events, third part: the check-ins and the escalations.

A `CheckIn` is one call or visit a buddy owes a resident during an active event: made for each accepted
assignment, once per cadence window of the event's level (checkins.py), with a due time. The buddy
records its outcome: the person is fine; needs help (water, cooling, shopping, medical); did not answer;
refused. Each outcome carries a key made on the buddy's phone: recorded once per key, so that a phone
that sends it again after a network failure never records it twice.

An `Escalation` hands a resident to the coordinators: at once when they need help, after the third
unanswered attempt (or 48 hours of silence) when nobody reaches them (escalations.py). A coordinator
takes it (its owner), writes notes, and resolves it with what was done; its status moves only through
the kernel's `transition()`.

Imported from models.py (Django finds the models there). Nothing here says more of a person's health than
"needs attention": the needs are practical (water, cooling, shopping) or "medical", never a diagnosis.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mobilization.core.models import TimeStampedModel


class Need(models.TextChoices):
    """What a resident who needs help needs: practical help, or a medical answer (call 15)."""

    WATER = "water", _("Water")
    COOLING = "cooling", _("Cooling (a fan, a cool room)")
    SHOPPING = "shopping", _("Shopping or medicines fetched")
    MEDICAL = "medical", _("Medical: call 15 (SAMU) first")


class CheckInQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=CheckIn.Status.DUE)

    def reached(self):
        """The check-ins where someone spoke with the person (whatever they said)."""
        return self.filter(outcome__in=CheckIn.REACHED)


class CheckIn(TimeStampedModel):
    """A call or a visit owed to a resident during an event, and what came of it."""

    class Status(models.TextChoices):
        DUE = "due", _("To do")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("No longer needed")

    class Outcome(models.TextChoices):
        FINE = "fine", _("Fine")
        NEEDS_HELP = "needs_help", _("Needs help")
        NO_ANSWER = "no_answer", _("No answer")
        REFUSED = "refused", _("Refused the check-in")

    # Someone spoke with the person: the check-in counts for the coverage.
    REACHED = (Outcome.FINE, Outcome.NEEDS_HELP, Outcome.REFUSED)

    class Mode(models.TextChoices):
        CALL = "call", _("A phone call")
        VISIT = "visit", _("A visit")

    event = models.ForeignKey("solidarity.ExtremeEvent", on_delete=models.CASCADE, related_name="checkins")
    resident = models.ForeignKey(
        "solidarity.VulnerableResident", on_delete=models.CASCADE, related_name="checkins"
    )
    assignment = models.ForeignKey(
        "solidarity.Assignment", null=True, blank=True, on_delete=models.SET_NULL, related_name="checkins"
    )
    buddy = models.ForeignKey(
        "solidarity.BuddyProfile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="checkins",
        help_text=_("Who is to make it; none when a coordinator made it."),
    )
    window_starts_at = models.DateTimeField(_("cadence window from"))
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    due_at = models.DateTimeField(_("due at"))
    mode = models.CharField(_("call or visit"), max_length=5, choices=Mode, default=Mode.CALL)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DUE)

    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome, blank=True)
    needs = models.JSONField(_("needs"), default=list, blank=True)
    note = models.TextField(
        _("note for the coordinators"),
        max_length=500,
        blank=True,
        help_text=_("What the coordinators should know to help. No diagnosis: a medical need is enough."),
    )
    outcome_key = models.UUIDField(_("outcome key"), null=True, blank=True, unique=True)
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CheckInQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        indexes = [
            models.Index(fields=["event", "status", "due_at"]),
            models.Index(fields=["buddy", "status", "due_at"]),
            models.Index(fields=["event", "resident", "recorded_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "resident", "window_starts_at", "attempt"], name="solidarity_checkin_once"
            )
        ]

    def __str__(self):
        return str(_("Check-in #%(pk)s") % {"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.DUE

    @property
    def needs_medical(self) -> bool:
        return Need.MEDICAL in (self.needs or [])

    def need_labels(self) -> list[str]:
        labels = dict(Need.choices)
        return [str(labels.get(need, need)) for need in self.needs or []]


class Escalation(TimeStampedModel):
    """A resident handed to the coordinators: nobody reaches them, or they need help."""

    class Reason(models.TextChoices):
        NO_ANSWER = "no_answer", _("Not reached")
        NEEDS_HELP = "needs_help", _("Needs help")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_HAND = "in_hand", _("In hand")
        RESOLVED = "resolved", _("Resolved")

    UNRESOLVED = (Status.OPEN, Status.IN_HAND)

    class Resolution(models.TextChoices):
        REACHED_FINE = "reached_fine", _("Reached: the person is fine")
        HELP_ARRANGED = "help_arranged", _("Help arranged (water, cooling, shopping)")
        EMERGENCY_SERVICES = "emergency", _("Emergency services called")
        FAMILY_OR_CARE = "family_or_care", _("Family or care service took over")
        AWAY = "away", _("The person was away")
        OTHER = "other", _("Other (see the note)")

    event = models.ForeignKey("solidarity.ExtremeEvent", on_delete=models.CASCADE, related_name="escalations")
    resident = models.ForeignKey(
        "solidarity.VulnerableResident", on_delete=models.CASCADE, related_name="escalations"
    )
    checkin = models.ForeignKey(
        CheckIn, null=True, blank=True, on_delete=models.SET_NULL, related_name="escalations"
    )
    reason = models.CharField(_("reason"), max_length=12, choices=Reason)
    needs = models.JSONField(_("needs"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("coordinator in charge"),
    )
    resolution = models.CharField(_("resolution"), max_length=16, choices=Resolution, blank=True)
    resolution_note = models.TextField(_("what was done"), max_length=1000, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        indexes = [models.Index(fields=["event", "status"])]
        constraints = [
            # A second reason to escalate the same person joins the open escalation (a note), not a new one.
            models.UniqueConstraint(
                fields=["event", "resident"],
                condition=models.Q(status__in=["open", "in_hand"]),
                name="solidarity_one_open_escalation",
            )
        ]

    def __str__(self):
        return str(_("Escalation #%(pk)s") % {"pk": self.pk})

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("solidarity:escalation", kwargs={"pk": self.pk})

    @property
    def is_resolved(self) -> bool:
        return self.status == self.Status.RESOLVED

    @property
    def needs_medical(self) -> bool:
        return Need.MEDICAL in (self.needs or [])

    def need_labels(self) -> list[str]:
        labels = dict(Need.choices)
        return [str(labels.get(need, need)) for need in self.needs or []]


class EscalationNote(models.Model):
    """A coordinator's note on an escalation: who wrote what, when."""

    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("note"), max_length=1000)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("escalation note")
        verbose_name_plural = _("escalation notes")

    def __str__(self):
        return str(_("Note #%(pk)s") % {"pk": self.pk})
