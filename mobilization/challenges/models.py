"""Collective challenges: "a month without a car", "zero-waste week", "one vegetarian day more".

City staff write a challenge (in French and English), its dates and the actions people check in on, each
tied to an action of the footprint model (Nos Gestes Climat) whose yearly saving gives the kgCO2e a day of
it avoids (savings.py). People take part in one team per challenge: their arrondissement's, or one that
volunteers formed and invite others to by a link, or their organisation's (one the commitments app says
they may join for, through the kernel's `affiliations` registry: this app imports no other pillar). Each
person ticks each action at most once a day (`ChallengeCheckIn`, unique per action, person and day).
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mobilization.core.models import TimeStampedModel


class ChallengeQuerySet(models.QuerySet):
    def public(self):
        return self.exclude(status=Challenge.Status.DRAFT)


class Challenge(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        ENDED = "ended", _("Ended")
        RESULTS_PUBLISHED = "results_published", _("Results published")

    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(_("summary"), max_length=280)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: **bold**, lists, links.")
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    results_published_at = models.DateTimeField(_("results published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    objects = ChallengeQuerySet.as_manager()

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="challenge_ends_after_it_starts"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("challenges:detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def has_results(self) -> bool:
        return self.status == self.Status.RESULTS_PUBLISHED

    def runs_on(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on


class ChallengeAction(models.Model):
    """What people tick each day they do it ("I did not use a car today"), tied to an action of the
    footprint model whose saving it counts."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="actions")
    label = models.CharField(_("label"), max_length=160, help_text=_("What a person did that day."))
    footprint_rule = models.CharField(
        _("footprint model action"),
        max_length=200,
        help_text=_("The Nos Gestes Climat action whose yearly saving this counts, a day at a time."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("challenge action")
        verbose_name_plural = _("challenge actions")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "footprint_rule"], name="challenge_action_once")
        ]

    def __str__(self):
        return self.label

    def clean(self):
        from django.core.exceptions import ValidationError

        from mobilization.challenges.savings import action_rules

        if self.footprint_rule not in action_rules():
            raise ValidationError({"footprint_rule": _("Choose one of the footprint model's actions.")})


def new_invite_token() -> str:
    return secrets.token_urlsafe(24)


class Team(TimeStampedModel):
    """People taking part together: an arrondissement's team, one that volunteers formed, or an
    organisation's."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("Arrondissement")
        VOLUNTEERS = "volunteers", _("Formed by volunteers")
        ORGANISATION = "organisation", _("Organisation")

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="teams")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    name = models.CharField(_("name"), max_length=80)
    district = models.ForeignKey(
        "territory.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("arrondissement"),
    )
    # Who formed it (a volunteers' team): they share the invite link.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # An organisation's team: the affiliation's key ("organisation:12") and its page, as the registry gave
    # them when the team was formed (the name is the organisation's then).
    affiliation_key = models.CharField(max_length=80, blank=True, default="", editable=False)
    affiliation_url = models.CharField(_("organisation's page"), max_length=300, blank=True, default="")
    # The invite link's secret: unguessable, only shown to the team's members.
    invite_token = models.CharField(max_length=64, unique=True, default=new_invite_token, editable=False)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "district"], name="one_team_per_district"),
            models.UniqueConstraint(fields=["challenge", "name"], name="team_names_differ"),
            models.UniqueConstraint(
                fields=["challenge", "affiliation_key"],
                condition=~models.Q(affiliation_key=""),
                name="one_team_per_organisation",
            ),
        ]

    def __str__(self):
        return self.name

    def get_invite_url(self):
        return reverse("challenges:invite", kwargs={"token": self.invite_token})


class Participant(TimeStampedModel):
    """A person taking part in a challenge, in one team."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="participants")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="participants")
    # Emptied when the person deletes their account: their check-ins stay in the published tallies.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="challenge_teams"
    )
    # Their arrondissement for the district leaderboard: their team's, else the one on their profile.
    district = models.ForeignKey(
        "territory.District", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [models.UniqueConstraint(fields=["challenge", "user"], name="one_team_per_person")]

    def __str__(self):
        return f"{self.user_id} in {self.team}"


class ChallengeCheckIn(models.Model):
    """A person's tick on one action of a challenge, for one day: at most one per action, person and day
    (the database says so, whatever two tabs send at once)."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="check_ins")
    action = models.ForeignKey(ChallengeAction, on_delete=models.CASCADE, related_name="check_ins")
    day = models.DateField(_("day"))
    # The estimate when the person checked in (savings.py): their own answers then, or the model's defaults.
    kg_co2e = models.DecimalField(_("kgCO2e avoided (estimated)"), max_digits=10, decimal_places=3)
    from_own_answers = models.BooleanField(_("from the person's footprint answers"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("challenge check-in")
        verbose_name_plural = _("challenge check-ins")
        constraints = [
            models.UniqueConstraint(fields=["action", "participant", "day"], name="one_check_in_a_day")
        ]

    def __str__(self):
        return f"{self.action} {self.day}"
