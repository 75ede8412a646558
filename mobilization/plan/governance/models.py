"""Shared governance of the Climate Plan: monitoring committees and their recommendations answered by the
city, citizen proposals, and consultations with secret ballots.

Anonymity of consultations, by design
-------------------------------------
Who voted and what was voted are stored in tables that share nothing but the consultation:

- `Participation` (a random UUID, consultation, user, day of the vote) says that a person has voted —
  it is what makes "one ballot per account" hold, through a unique constraint;
- `PendingBallot` (a random UUID, consultation, the choices) is the pool a ballot waits in until a batch
  is full;
- `Ballot` (a random UUID, consultation, the choices) says what was voted and is all the tally and the
  recount ever read.

None of them has an auto-incremented number, a timestamp or a default ordering: nothing in a row tells
when it was written, in which order, or by whom. Staff, administrators and the database's readers can see
that Ana has voted, and what the ballots say, but there is no column to join on.

A database still keeps an order nobody asked for: SQLite's hidden rowid and PostgreSQL's physical
position follow the order rows were inserted, and on PostgreSQL every row written by one transaction
carries that transaction's id (`xmin`). Pairing the n-th participation with the n-th ballot, or a
participation with the ballot of the same `xmin`, would undo the separation. So a vote never writes a
`Ballot` (see `services.cast_ballot`):

1. In one transaction, holding the consultation's row lock, the vote writes its `Participation` and puts
   its choices into the pool, rewriting the whole pool in a random order with fresh UUIDs. A
   participation without its ballot, or a ballot without its participation, is never committed.
2. In a separate transaction, as soon as the pool holds `services.ballot_batch_size()` ballots (the
   `CONSULTATION_BALLOT_BATCH` setting, 10 by default), the pool is emptied into `Ballot` in a random
   order with fresh UUIDs. The ballots of a batch therefore share one `xmin` that is no voter's, and
   their storage order, shuffled within the batch, only says that they belong to that batch of at least
   `k` voters — which the order of the participations already said.
3. When the consultation closes (before the results are computed) and before any recount, what is left
   in the pool is flushed, and every ballot of the consultation is rewritten once more in a random
   order with fresh UUIDs, in one transaction: after closing, storage order and `xmin` tell nothing, not
   even the batches.

The residual risks, and what limits them:

- The pool before a batch is full: at any moment up to k - 1 ballots wait in `PendingBallot`. Someone
  who can read the database (not the admin, which shows none of these tables) then knows the last
  participations (by storage order) and the pending ballots; as the pool is reshuffled at every vote and
  all its rows carry the last vote's `xmin`, a single look narrows each of these voters to one of the
  pending ballots, not to one ballot — except right after a flush, when the pool holds one ballot, and
  except for someone who watches the database after every vote (or reads its write-ahead log), who sees
  each ballot arrive. The same holds for a consultation that closes with fewer than k voters in its last
  batch: during the vote, that batch was only as anonymous as it was large.
- A consultation with very few voters: if two people voted and both ballots say "yes", everyone knows
  how each voted. The results page says how many ballots there are; a city should not run a
  consultation for a handful of people (results are only counts, never a ballot).
- Deleted rows are not erased at once: until the database reclaims them (PostgreSQL VACUUM, SQLite's
  free pages) and while backups or the write-ahead log taken during the vote exist, someone with access
  to the raw files could read pending ballots with the `xmin` of their vote. Production databases should
  be vacuumed after a consultation closes and their backups kept under the same access rules as the
  database itself.
- The participation's day: it is stored to the day only, so it cannot be matched with anything finer.
  The audit log does not record votes one by one: it records, without an actor, that a batch of ballots
  was added (see `services.flush_ballot_pool`).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobilization.core.models import TimeStampedModel
from mobilization.core.validators import display_name_validators

# --- Monitoring committees ----------------------------------------------------------------------------------


class Committee(TimeStampedModel):
    """A monitoring committee of the Climate Plan: citizens, experts and staff who follow it and advise."""

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    mandate = models.TextField(_("mandate"), blank=True, help_text=_("Markdown."))
    is_public = models.BooleanField(_("public"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("monitoring committee")
        verbose_name_plural = _("monitoring committees")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("governance:committee", kwargs={"slug": self.slug})


class CommitteeMember(TimeStampedModel):
    """A seat on a committee: a member with an account, or an external expert known by name only."""

    class Kind(models.TextChoices):
        CITIZEN = "citizen", _("Citizen")
        EXPERT = "expert", _("Expert")
        STAFF = "staff", _("City staff")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="committee_seats",
        help_text=_("The member's account, if they have one: it lets them act for the committee."),
    )
    name = models.CharField(
        _("public name"),
        max_length=120,
        blank=True,
        validators=display_name_validators(),
        help_text=_("For an external expert without an account: the name shown on the committee's page."),
    )
    affiliation = models.CharField(_("affiliation"), max_length=160, blank=True)
    kind = models.CharField(_("kind of member"), max_length=8, choices=Kind, default=Kind.CITIZEN)
    since = models.DateField(_("member since"), default=timezone.localdate)
    until = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "name", "pk"]
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""), name="governance_member_has_account_or_name"
            ),
            models.UniqueConstraint(
                fields=["committee", "user"], condition=Q(user__isnull=False), name="governance_one_seat"
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        from mobilization.accounts.services import public_name

        return public_name(self.user)

    def is_active(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.since <= on and (self.until is None or self.until >= on)


class Meeting(TimeStampedModel):
    """A meeting of a committee: its agenda beforehand, its minutes once the committee publishes them."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200)
    agenda = models.TextField(_("agenda"), help_text=_("Markdown."))
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown."))
    minutes_published_at = models.DateTimeField(_("minutes published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return f"{self.committee} — {timezone.localtime(self.starts_at):%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("governance:meeting", kwargs={"pk": self.pk})

    @property
    def has_published_minutes(self) -> bool:
        return self.minutes_published_at is not None


class RecommendationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(committee__is_public=True)

    def overdue(self, today=None):
        """Past their response date with no answer, or still "under study"."""
        today = today or timezone.localdate()
        return self.filter(response_due_on__lt=today).filter(
            Q(response__isnull=True) | Q(response__decision=CityResponse.Decision.UNDER_STUDY)
        )


class Recommendation(TimeStampedModel):
    """What a committee asks the city to do; the city owes it an answer by `response_due_on`."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="recommendations")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="recommendations"
    )
    reference = models.CharField(_("reference"), max_length=30)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), help_text=_("Markdown."))
    objectives = models.ManyToManyField(
        "plan.Objective", blank=True, related_name="recommendations", verbose_name=_("objectives")
    )
    issued_on = models.DateField(_("issued on"))
    response_due_on = models.DateField(_("response due on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(fields=["committee", "reference"], name="governance_unique_reference"),
            models.CheckConstraint(
                condition=Q(response_due_on__gte=models.F("issued_on")), name="governance_due_after_issue"
            ),
        ]

    def __str__(self):
        return f"{self.reference} — {self.title}"

    def get_absolute_url(self):
        return reverse("governance:recommendation", kwargs={"pk": self.pk})

    def city_response(self):
        """The response, or None (without raising when there is none)."""
        try:
            return self.response
        except CityResponse.DoesNotExist:
            return None

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        response = self.city_response()
        awaiting = response is None or response.decision == CityResponse.Decision.UNDER_STUDY
        return awaiting and self.response_due_on < today

    def response_status_label(self) -> str:
        response = self.city_response()
        return str(response.get_decision_display()) if response else str(_("Awaiting the city's answer"))


class CityResponse(TimeStampedModel):
    """The city's answer to a recommendation, always with its reasons."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        PARTLY_ACCEPTED = "partly", _("Partly accepted")
        REJECTED = "rejected", _("Rejected")
        UNDER_STUDY = "study", _("Under study")

    recommendation = models.OneToOneField(Recommendation, on_delete=models.CASCADE, related_name="response")
    decision = models.CharField(_("decision"), max_length=8, choices=Decision)
    justification = models.TextField(_("justification"), help_text=_("Markdown."))
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(_("responded at"))
    implementation_due_on = models.DateField(
        _("to be carried out by"),
        null=True,
        blank=True,
        help_text=_(
            "When the recommendation is accepted, wholly or partly: the date it will be carried out."
        ),
    )

    class Meta:
        verbose_name = _("city response")
        verbose_name_plural = _("city responses")

    def __str__(self):
        return f"{self.recommendation.reference}: {self.get_decision_display()}"

    @property
    def is_final(self) -> bool:
        return self.decision != self.Decision.UNDER_STUDY


# --- Citizen proposals --------------------------------------------------------------------------------------


class ProposalQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=[Proposal.Status.PUBLISHED, Proposal.Status.ANSWERED])


class Proposal(TimeStampedModel):
    """A resident's proposal for the plan: moderated, then supported, commented and answered by the city."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting moderation")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")
        ANSWERED = "answered", _("Answered by the city")

    title = models.CharField(_("title"), max_length=160)
    body = models.TextField(_("proposal"), help_text=_("Markdown."))
    objectives = models.ManyToManyField(
        "plan.Objective", blank=True, related_name="proposals", verbose_name=_("objectives")
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals")
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.SUBMITTED)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Kept equal to the number of Support rows by the services (recounted, never incremented blindly).
    supports_count = models.PositiveIntegerField(_("supports"), default=0)
    threshold_reached_at = models.DateTimeField(_("support threshold reached at"), null=True, blank=True)
    answer = models.TextField(_("the city's answer"), blank=True, help_text=_("Markdown."))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("citizen proposal")
        verbose_name_plural = _("citizen proposals")
        indexes = [models.Index(fields=["status", "-supports_count"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("governance:proposal", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status in (self.Status.PUBLISHED, self.Status.ANSWERED)

    @property
    def must_be_answered(self) -> bool:
        return self.threshold_reached_at is not None


class Support(models.Model):
    """One account's support for a proposal: at most one, held by the database's unique constraint."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(fields=["proposal", "user"], name="governance_one_support")]

    def __str__(self):
        return f"{self.proposal_id}/{self.user_id}"


class Comment(TimeStampedModel):
    """A signed-in member's comment on a published proposal; staff may hide it, saying why."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("comment"))
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_reason = models.TextField(_("why it is hidden"), blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.proposal} #{self.pk}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


# --- Consultations ------------------------------------------------------------------------------------------


class Consultation(TimeStampedModel):
    """A ballot of one or more questions, open between two dates; results are published once it closes."""

    class Status(models.TextChoices):
        UPCOMING = "upcoming", _("Upcoming")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed, results being counted")
        PUBLISHED = "published", _("Closed, results published")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), help_text=_("Markdown."))
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    results_published_at = models.DateTimeField(_("results published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="governance_closes_after_opening"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("governance:consultation", kwargs={"pk": self.pk})

    def status_at(self, now=None) -> str:
        now = now or timezone.now()
        if self.results_published_at is not None:
            return self.Status.PUBLISHED
        if self.closed_at is not None or now >= self.closes_at:
            return self.Status.CLOSED
        if now < self.opens_at:
            return self.Status.UPCOMING
        return self.Status.OPEN

    @property
    def status(self) -> str:
        return self.status_at()

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("One choice")
        MULTIPLE = "multiple", _("Several choices")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind, default=Kind.SINGLE)
    max_choices = models.PositiveSmallIntegerField(_("at most this many choices"), default=1)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text

    @property
    def choice_limit(self) -> int:
        return 1 if self.kind == self.Kind.SINGLE else max(1, self.max_choices)


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("option"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self):
        return self.label


class Participation(models.Model):
    """WHO voted in a consultation — never what. One per account and consultation (unique constraint).

    Its identifier is random, so that the order of the votes is not written in it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The day only: a finer time could be matched with anything else that records time.
    voted_on = models.DateField(_("voted on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "user"], name="governance_one_participation")
        ]

    def __str__(self):
        return f"{self.consultation_id}/{self.user_id}"


class PendingBallot(models.Model):
    """A ballot waiting in the pool until a batch is full: WHAT was voted, like `Ballot`, never who.

    Never counted: `services.flush_ballot_pool` moves the pool into `Ballot` in shuffled batches (see
    the module's docstring for why, and for the risk while a ballot waits here).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="pending_ballots")
    answers = models.JSONField(_("answers"))

    class Meta:
        verbose_name = _("pending ballot")
        verbose_name_plural = _("pending ballots")

    def __str__(self):
        return str(self.pk)


class Ballot(models.Model):
    """WHAT was voted — never who: a random identifier, the choices, and nothing that orders or dates it.

    `answers` maps a question's id (as a string) to the list of chosen option ids. Ballots only arrive
    here in shuffled batches from the pool (`PendingBallot`), never from a vote directly.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="ballots")
    answers = models.JSONField(_("answers"))

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self):
        return str(self.pk)


class ConsultationResult(models.Model):
    """The tally stored when a consultation closes; a recount compares the ballots with it."""

    consultation = models.OneToOneField(Consultation, on_delete=models.CASCADE, related_name="result")
    # {question_id: {option_id: count}}, ids as strings.
    counts = models.JSONField(_("counts"))
    ballots_count = models.PositiveIntegerField(_("ballots"))
    participations_count = models.PositiveIntegerField(_("participations"))
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("consultation result")
        verbose_name_plural = _("consultation results")

    def __str__(self):
        return f"{self.consultation}: {self.ballots_count}"
