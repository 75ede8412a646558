"""Open-data downloads of the registry, through the kernel's kit (`core.opendata`).

Organisations, their commitments and the figures of their reports, as the public pages show them: no
representative, no submitter, no evidence file (those are seen by the organisation and the city only).
Each accepts the filters of its list page. Rejected reports are left out: they are not the
organisation's figures.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from mobilization.commitments.models import Commitment, ProgressReport
from mobilization.core.opendata import LICENCE_OUVERTE, Column, Dataset

ORGANISATION_COLUMNS = (
    Column("slug", _("The organisation's short name, unique: its address on the platform.")),
    Column("name", _("Its name.")),
    Column("kind", _("company, association, school, public_body or other.")),
    Column(
        "size_band", _("micro (1-9 people), small (10-49), medium (50-249), large (250-4,999), very_large.")
    ),
    Column("district", _("The arrondissement's number, if it has one.")),
    Column("website", _("Its website.")),
    Column("siren", _("Its SIREN number, checked by its key, if given.")),
    Column("siret", _("Its SIRET number, checked by its key, if given.")),
    Column("verified_at", _("When the city verified it (ISO 8601).")),
    Column("charter_level", _("The climate charter level it reaches (in French), if any.")),
)


def organisation_rows(organisations):
    from mobilization.commitments import charter

    levels = charter.levels_of(organisations.values_list("pk", flat=True))
    for organisation in (
        organisations.select_related("district").order_by("name", "pk").iterator(chunk_size=2000)
    ):
        level = levels.get(organisation.pk)
        yield {
            "slug": organisation.slug,
            "name": organisation.name,
            "kind": organisation.kind,
            "size_band": organisation.size_band,
            "district": organisation.district.number if organisation.district else None,
            "website": organisation.website,
            "siren": organisation.siren,
            "siret": organisation.siret,
            "verified_at": organisation.verified_at,
            "charter_level": level.name_fr or level.name if level else None,
        }


ORGANISATIONS = Dataset(
    slug="organisations",
    title=_("Organisations committed to the Climate Plan"),
    description=_("The organisations the city has verified, that publish climate commitments."),
    columns=ORGANISATION_COLUMNS,
    licence=LICENCE_OUVERTE,
    rows=lambda: organisation_rows(_verified_organisations()),
)


def _verified_organisations():
    from mobilization.commitments.models import Organisation

    return Organisation.objects.verified()


COMMITMENT_COLUMNS = (
    Column("id", _("The commitment's number.")),
    Column(
        "organisation",
        _("The organisation's short name (slug in the organisations file); empty for a coalition's."),
    ),
    Column("coalition", _("The coalition's short name (slug in the coalitions file), for a coalition's.")),
    Column("title", _("Its title.")),
    Column("indicator", _("What is measured.")),
    Column("unit", _("The unit of every value of the commitment.")),
    Column("theme", _("The platform's theme.")),
    Column("scope", _("own_operations, supply_chain, products or territory.")),
    Column("direction", _("down (reduce) or up (increase).")),
    Column("baseline_year", _("The baseline's year.")),
    Column("baseline_value", _("The baseline's value.")),
    Column("target_year", _("The target's year.")),
    Column("target_value", _("The target's value.")),
    Column("interim_targets", _("Year:value pairs, separated by semicolons.")),
    Column("reporting_frequency", _("yearly, half_yearly or quarterly.")),
    Column(
        "objectives",
        _("Short names of the Climate Plan objectives it contributes to, separated by semicolons."),
    ),
    Column(
        "status",
        _(
            "pledged, in_progress, achieved_self_declared, achieved_verified, off_track, report_overdue "
            "or withdrawn."
        ),
    ),
    Column("latest_value", _("The latest reported value, verified or self-declared.")),
    Column("latest_verified_value", _("The latest value the city verified.")),
    Column("progress_percent", _("How far from the baseline to the target the latest value is."), unit="%"),
)


def commitment_rows(commitments):
    """Organisations' and coalitions' commitments: exactly one of `organisation` and `coalition` is set."""
    commitments = (
        commitments.select_related("organisation", "coalition")
        .only("organisation__slug", "coalition__slug", *FIGURE_FIELDS)
        .prefetch_related("interim_targets", "objectives")
        .order_by("pk")
        .distinct()
    )
    for commitment in commitments.iterator(chunk_size=2000):
        yield {
            "id": commitment.pk,
            "organisation": commitment.organisation.slug if commitment.organisation_id else None,
            "coalition": commitment.coalition.slug if commitment.coalition_id else None,
            **_figures(commitment),
        }


FIGURE_FIELDS = (
    "title",
    "indicator",
    "unit",
    "theme",
    "scope",
    "direction",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
    "reporting_frequency",
    "status",
    "latest_value",
    "latest_verified_value",
    "progress_percent",
)


def _figures(commitment) -> dict:
    """A commitment's columns after its number and its owner (an organisation or a coalition)."""
    return {
        "title": commitment.title,
        "indicator": commitment.indicator,
        "unit": commitment.unit,
        "theme": commitment.theme,
        "scope": commitment.scope,
        "direction": commitment.direction,
        "baseline_year": commitment.baseline_year,
        "baseline_value": commitment.baseline_value,
        "target_year": commitment.target_year,
        "target_value": commitment.target_value,
        "interim_targets": "; ".join(f"{t.year}:{t.value:g}" for t in commitment.interim_targets.all()),
        "reporting_frequency": commitment.reporting_frequency,
        "objectives": "; ".join(sorted(o.slug for o in commitment.objectives.all())),
        "status": commitment.status,
        "latest_value": commitment.latest_value,
        "latest_verified_value": commitment.latest_verified_value,
        "progress_percent": None
        if commitment.progress_percent is None
        else round(commitment.progress_percent, 1),
    }


COMMITMENTS = Dataset(
    slug="commitments",
    title=_("Climate commitments of organisations and coalitions"),
    description=_(
        "Each commitment of a verified organisation or of a coalition, with its targets and where it stands."
    ),
    columns=COMMITMENT_COLUMNS,
    licence=LICENCE_OUVERTE,
    rows=lambda: commitment_rows(Commitment.objects.public()),
)

REPORT_COLUMNS = (
    Column("commitment", _("The commitment's number (id in the commitments file).")),
    Column("period", _("2025 (a year), 2025-H1 (a half-year) or 2025-Q3 (a quarter).")),
    Column("value", _("The value reported, in the commitment's unit.")),
    Column("status", _("verified, submitted (self-declared, awaiting verification) or more_information.")),
    Column("narrative", _("What the organisation says happened.")),
    Column("submitted_at", _("When it was sent (ISO 8601).")),
)


def report_rows(commitments):
    reports = (
        ProgressReport.objects.filter(commitment__in=commitments.values("pk"))
        .exclude(status=ProgressReport.Status.REJECTED)
        .order_by("commitment_id", "year", "period")
        .values("commitment_id", "period", "value", "status", "narrative", "submitted_at")
    )
    for report in reports.iterator(chunk_size=2000):
        yield {"commitment": report.pop("commitment_id"), **report}


REPORTS = Dataset(
    slug="commitment-reports",
    title=_("Progress reports of commitments"),
    description=_("The figures organisations reported, verified by the city or self-declared."),
    columns=REPORT_COLUMNS,
    licence=LICENCE_OUVERTE,
    rows=lambda: report_rows(Commitment.objects.public()),
)

COALITION_COLUMNS = (
    Column("slug", _("The coalition's short name, unique: its address on the platform.")),
    Column("name", _("Its name.")),
    Column("theme", _("The platform's theme.")),
    Column("description", _("What the coalition does.")),
    Column(
        "leads", _("Short names of its lead organisations (organisations file), separated by semicolons.")
    ),
    Column("members", _("Short names of its other member organisations, separated by semicolons.")),
)


def coalition_rows(coalitions):
    from mobilization.commitments.models import CoalitionMembership

    approved = CoalitionMembership.objects.filter(status=CoalitionMembership.Status.APPROVED).select_related(
        "organisation"
    )
    coalitions = coalitions.prefetch_related(Prefetch("memberships", queryset=approved, to_attr="approved"))
    for coalition in coalitions.order_by("name", "pk"):
        yield {
            "slug": coalition.slug,
            "name": coalition.name,
            "theme": coalition.theme,
            "description": coalition.description,
            "leads": "; ".join(sorted(m.organisation.slug for m in coalition.approved if m.is_lead)),
            "members": "; ".join(sorted(m.organisation.slug for m in coalition.approved if not m.is_lead)),
        }


def _coalitions():
    from mobilization.commitments.models import Coalition

    return Coalition.objects.all()


COALITIONS = Dataset(
    slug="coalitions",
    title=_("Coalitions of organisations"),
    description=_("Organisations committed together on a theme: their leads and members."),
    columns=COALITION_COLUMNS,
    licence=LICENCE_OUVERTE,
    rows=lambda: coalition_rows(_coalitions()),
)

COALITION_COMMITMENT_COLUMNS = (
    COMMITMENT_COLUMNS[0],
    Column("coalition", _("The coalition's short name (slug in the coalitions file).")),
    *COMMITMENT_COLUMNS[3:],
)


def coalition_commitment_rows(commitments):
    commitments = (
        commitments.filter(coalition__isnull=False)
        .select_related("coalition")
        .prefetch_related("interim_targets", "objectives")
        .order_by("pk")
    )
    for commitment in commitments.iterator(chunk_size=2000):
        yield {"id": commitment.pk, "coalition": commitment.coalition.slug, **_figures(commitment)}


COALITION_COMMITMENTS = Dataset(
    slug="coalition-commitments",
    title=_("Climate commitments of coalitions"),
    description=_("Each commitment a coalition made itself, with its targets and where it stands."),
    columns=COALITION_COMMITMENT_COLUMNS,
    licence=LICENCE_OUVERTE,
    rows=lambda: coalition_commitment_rows(Commitment.objects.all()),
)

DATASETS = (
    (ORGANISATIONS, "commitments:download_organisations"),
    (COMMITMENTS, "commitments:download_commitments"),
    (REPORTS, "commitments:download_reports"),
    (COALITIONS, "commitments:download_coalitions"),
    (COALITION_COMMITMENTS, "commitments:download_coalition_commitments"),
)
