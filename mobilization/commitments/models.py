"""Organisations, their representatives, their commitments and the progress reports they file.

An `Organisation` (a company, an association, a school, a public body) is signed up by a person who
becomes its first representative; city staff verify it before it may publish commitments. A `Commitment`
is a measurable promise (an indicator, a baseline, a target, `InterimTarget`s) linked to the Climate
Plan's objectives; its `ProgressReport`s give a value for each reporting period, with evidence, and
staff verify them. Where a commitment stands is computed with the kernel's trajectory mathematics
(`core.trajectory`), the same as the plan's objectives (`services.assessment_of`).
"""

import hashlib
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobilization.core.models import TimeStampedModel
from mobilization.core.themes import Theme


class OrganisationQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=Organisation.Status.VERIFIED)


class Organisation(TimeStampedModel):
    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        ASSOCIATION = "association", _("Association")
        SCHOOL = "school", _("School or university")
        PUBLIC_BODY = "public_body", _("Public body")
        OTHER = "other", _("Other")

    class SizeBand(models.TextChoices):
        MICRO = "micro", _("1 to 9 people")
        SMALL = "small", _("10 to 49 people")
        MEDIUM = "medium", _("50 to 249 people")
        LARGE = "large", _("250 to 4,999 people")
        VERY_LARGE = "very_large", _("5,000 people or more")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Not verified")

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    size_band = models.CharField(_("size"), max_length=16, choices=SizeBand)
    district = models.ForeignKey(
        "territory.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True, max_length=300)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    description = models.TextField(_("what the organisation does"), blank=True, max_length=2000)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PENDING)
    rejection_reason = models.TextField(_("why it is not verified"), blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Representation", related_name="represented_organisations"
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        # updated_at: the registry's cache version is its latest value (services.registry_version).
        indexes = [models.Index(fields=["status", "name"]), models.Index(fields=["updated_at"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("commitments:organisation", kwargs={"slug": self.slug})

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED


class Representation(models.Model):
    """A person speaks for an organisation: one organisation has several, a person may represent several."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="representations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_representation_per_person")
        ]
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")

    def __str__(self):
        return f"{self.user_id} → {self.organisation}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(TimeStampedModel):
    """An e-mail invitation to represent an organisation. Only the token's hash is stored: the link in the
    e-mail is the one place the token itself exists."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    # Purpose: where to send the invitation; erased once it is accepted or revoked.
    email = models.EmailField(_("e-mail address"), blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PENDING)
    expires_at = models.DateTimeField(_("expires at"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.organisation} ({self.get_status_display()})"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class CommitmentQuerySet(models.QuerySet):
    def public(self):
        """What the registry shows: the commitments of verified organisations and of coalitions (kept in
        `Commitment.is_public`, so that the lists count and page them on an index)."""
        return self.filter(is_public=True)


class Commitment(TimeStampedModel):
    class Status(models.TextChoices):
        PLEDGED = "pledged", _("Pledged")
        IN_PROGRESS = "in_progress", _("In progress")
        ACHIEVED_SELF_DECLARED = "achieved_self_declared", _("Achieved (self-declared)")
        ACHIEVED_VERIFIED = "achieved_verified", _("Achieved (verified)")
        OFF_TRACK = "off_track", _("Off track")
        REPORT_OVERDUE = "report_overdue", _("Report overdue")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Scope(models.TextChoices):
        OWN_OPERATIONS = "own_operations", _("Own operations")
        SUPPLY_CHAIN = "supply_chain", _("Supply chain")
        PRODUCTS = "products", _("Products and services")
        TERRITORY = "territory", _("Territory")

    class Direction(models.TextChoices):
        DOWN = "down", _("Reduce")
        UP = "up", _("Increase")

    class Frequency(models.TextChoices):
        YEARLY = "yearly", _("Yearly")
        HALF_YEARLY = "half_yearly", _("Half-yearly")
        QUARTERLY = "quarterly", _("Quarterly")

    # Made by one organisation, or by a coalition (its leads' representatives manage it): exactly one.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    coalition = models.ForeignKey(
        "Coalition",
        verbose_name=_("coalition"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    title = models.CharField(_("title"), max_length=160)
    indicator = models.CharField(_("indicator"), max_length=160, help_text=_("What is measured."))
    unit = models.CharField(_("unit"), max_length=40)
    theme = models.CharField(_("theme"), max_length=16, choices=Theme)
    scope = models.CharField(_("scope"), max_length=16, choices=Scope, default=Scope.OWN_OPERATIONS)
    direction = models.CharField(_("direction"), max_length=4, choices=Direction, default=Direction.DOWN)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    baseline_value = models.FloatField(_("baseline value"))
    target_year = models.PositiveSmallIntegerField(_("target year"))
    target_value = models.FloatField(_("target value"))
    reporting_frequency = models.CharField(
        _("reporting frequency"), max_length=12, choices=Frequency, default=Frequency.YEARLY
    )
    objectives = models.ManyToManyField(
        "plan.Objective",
        verbose_name=_("Climate Plan objectives"),
        blank=True,
        related_name="commitments",
    )
    status = models.CharField(_("status"), max_length=24, choices=Status, default=Status.PLEDGED)
    starts_on = models.DateField(_("first period starts"), default=date.today)
    # Figures of the latest reports, kept by `services.refresh_figures` so that lists sort and filter on
    # them without reading every report.
    latest_value = models.FloatField(_("latest value"), null=True, blank=True)
    latest_verified_value = models.FloatField(_("latest verified value"), null=True, blank=True)
    progress_percent = models.FloatField(_("progress towards the target (%)"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("why it was withdrawn"), blank=True)
    # Whether the public registry shows it: its organisation is verified, or it is a coalition's. Set when
    # it is saved whole (made, changed in the admin) and when its organisation is verified
    # (`services.verify_organisation`): the registry filters, counts and pages on it with an index.
    is_public = models.BooleanField(_("shown in the registry"), default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["theme"]),
            models.Index(fields=["updated_at"]),
            models.Index(fields=["title", "id"]),
            # The registry: its count and its first page in each order, read on an index.
            models.Index(fields=["is_public", "title", "id"], name="commitment_public_title"),
            models.Index(fields=["is_public", "status"], name="commitment_public_status"),
            models.Index(fields=["is_public", "progress_percent"], name="commitment_public_progress"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False, coalition__isnull=True)
                | models.Q(organisation__isnull=True, coalition__isnull=False),
                name="commitment_of_an_organisation_or_a_coalition",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("commitments:commitment", kwargs={"pk": self.pk})

    def save(self, *args, **kwargs):
        if self._state.adding or kwargs.get("update_fields") is None:
            self.is_public = self.shows_in_registry()
        super().save(*args, **kwargs)

    def shows_in_registry(self) -> bool:
        """A coalition's commitment is public; an organisation's once the city verified the organisation."""
        if self.coalition_id is not None:
            return True
        return self.organisation_id is not None and self.organisation.is_verified

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN

    @property
    def maker(self):
        """Who made the commitment: its organisation, or its coalition (exactly one is set)."""
        return self.organisation if self.organisation_id else self.coalition


class InterimTarget(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="interim_targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "year"], name="one_interim_target_a_year")
        ]
        verbose_name = _("interim target")
        verbose_name_plural = _("interim targets")

    def __str__(self):
        return f"{self.year}: {self.value:g}"


class ProgressReport(TimeStampedModel):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted, awaiting verification")
        MORE_INFORMATION = "more_information", _("More information needed")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="reports")
    # "2025" (yearly), "2025-H1" (half-yearly) or "2025-Q3" (quarterly): see `periods.py`.
    period = models.CharField(_("period"), max_length=8)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    value = models.FloatField(_("value"))
    narrative = models.TextField(_("what happened"), max_length=5000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.SUBMITTED)
    review_comment = models.TextField(_("the city's comment"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    through_api = models.BooleanField(_("sent through the API"), default=False)

    class Meta:
        ordering = ["commitment", "year", "period"]
        constraints = [models.UniqueConstraint(fields=["commitment", "period"], name="one_report_a_period")]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self):
        return f"{self.commitment} · {self.period}"

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED

    @property
    def counts(self) -> bool:
        """A rejected report's figure is not the organisation's figure any more."""
        return self.status != self.Status.REJECTED


class ReportRevision(models.Model):
    """What a report said before someone changed it: a submitted report keeps its history."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="revisions")
    value = models.FloatField(_("value"))
    narrative = models.TextField(_("what happened"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ProgressReport.Status)
    links = models.JSONField(_("links"), default=list)
    replaced_at = models.DateTimeField(_("replaced at"), auto_now_add=True)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-replaced_at", "-pk"]

    def __str__(self):
        return f"{self.report} ({self.replaced_at:%Y-%m-%d})"


class Evidence(TimeStampedModel):
    """A file (a picture or a PDF, checked and renamed: `evidence.py`) or a link backing a report."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to="commitments/evidence/%Y/", blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500)
    label = models.CharField(_("label"), max_length=160, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")


class ReportReminder(models.Model):
    """A reminder sent to an organisation's representatives: one per commitment, due date and kind, held
    by the unique constraint (the daily task may run twice at once)."""

    class Kind(models.TextChoices):
        BEFORE_DUE = "before_due", _("Report due soon")
        OVERDUE = "overdue", _("Report overdue")

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="reminders")
    due_date = models.DateField(_("due date"))
    period = models.CharField(_("period"), max_length=8)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "due_date", "kind"], name="one_reminder_per_due_date_and_kind"
            )
        ]

    def __str__(self):
        return f"{self.commitment_id} {self.period} {self.kind}"


class ApiToken(models.Model):
    """A key an organisation's own system sends its progress reports with, through the API.

    Scoped to one organisation; only its hash is stored (the key is shown once, when it is made); a
    representative revokes it at any time. `prefix` is the key's first characters, to tell keys apart."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="api_tokens")
    label = models.CharField(_("label"), max_length=80)
    prefix = models.CharField(max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self):
        return f"{self.organisation} · {self.label} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Coalition(TimeStampedModel):
    """Organisations that commit together on a theme: lead organisations accept the others' requests to
    join, and their representatives manage the coalition's own commitments."""

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    theme = models.CharField(_("theme"), max_length=16, choices=Theme)
    description = models.TextField(_("what the coalition does"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("coalition")
        verbose_name_plural = _("coalitions")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("commitments:coalition", kwargs={"slug": self.slug})


class CoalitionMembership(TimeStampedModel):
    """An organisation in a coalition: a lead from the start, or a member once a lead approved its
    request. A declined request stays (with its answer) and may be made again."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Asked to join")
        APPROVED = "approved", _("Member")
        DECLINED = "declined", _("Declined")

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="coalition_memberships"
    )
    is_lead = models.BooleanField(_("lead organisation"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-is_lead", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["coalition", "organisation"], name="one_membership_per_coalition")
        ]
        verbose_name = _("coalition membership")
        verbose_name_plural = _("coalition memberships")

    def __str__(self):
        return f"{self.organisation_id} in {self.coalition_id} ({self.status})"


class CharterLevel(models.Model):
    """A level of the city's climate charter (signatory, committed, exemplary…), set by staff.

    An organisation reaches a level when it meets all of its minimums; its level is the highest one it
    reaches (`charter.level_of`). The minimums count what the public sees: commitments not withdrawn, the
    reports the city verified, and the share of its commitments on track (in progress or achieved)."""

    name = models.CharField(_("name"), max_length=80)
    order = models.PositiveSmallIntegerField(_("order"), unique=True, help_text=_("1 for the first level."))
    min_active_commitments = models.PositiveSmallIntegerField(
        _("minimum number of active commitments"), default=1
    )
    min_verified_reports = models.PositiveSmallIntegerField(
        _("minimum number of verified reports"), default=0
    )
    min_share_on_track = models.PositiveSmallIntegerField(
        _("minimum share of commitments on track (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("In progress or achieved, out of its active commitments."),
    )

    class Meta:
        ordering = ["order"]
        verbose_name = _("charter level")
        verbose_name_plural = _("charter levels")

    def __str__(self):
        return self.name


class OrganisationInitiative(models.Model):
    """An initiative an organisation runs: its representatives manage it with its organiser, and it is
    shown as the organisation's wherever its organiser is named (through the kernel's registries, filled
    in apps.py: the initiatives app knows nothing of organisations). Set by a representative of a
    verified organisation who organises the initiative (`services.run_initiative`)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="initiatives_run", verbose_name=_("organisation")
    )
    initiative = models.OneToOneField(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="run_by_organisation",
        verbose_name=_("initiative"),
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("initiative run by an organisation")
        verbose_name_plural = _("initiatives run by organisations")

    def __str__(self):
        return f"{self.initiative_id} ← {self.organisation}"
