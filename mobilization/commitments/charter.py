"""Charter levels: where an organisation stands in the city's climate charter.

Staff configure the levels (`CharterLevel`: a name in French and English, an order and three minimums).
An organisation's figures (`Standing`) count what the public registry shows:

- its active commitments: those not withdrawn;
- its verified reports: the progress reports of those commitments the city verified;
- its share on track: the active commitments in progress or achieved (self-declared or verified), out of
  all its active ones, in % (0 when it has none).

It reaches a level when it meets every minimum of that level; its level is the highest one it reaches
(a level need not require more than the one below: the highest met wins). The next level is the first
one above it, and `Charter.missing` says what it still lacks to reach it.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mobilization.commitments.models import CharterLevel, Commitment, ProgressReport

ON_TRACK = (
    Commitment.Status.IN_PROGRESS,
    Commitment.Status.ACHIEVED_SELF_DECLARED,
    Commitment.Status.ACHIEVED_VERIFIED,
)


@dataclass(frozen=True)
class Standing:
    active: int = 0
    verified_reports: int = 0
    on_track: int = 0

    @property
    def share_on_track(self) -> float:
        return 100 * self.on_track / self.active if self.active else 0.0

    def meets(self, level: CharterLevel) -> bool:
        return (
            self.active >= level.min_active_commitments
            and self.verified_reports >= level.min_verified_reports
            and self.share_on_track >= level.min_share_on_track
        )


@dataclass(frozen=True)
class Charter:
    standing: Standing
    level: CharterLevel | None
    next_level: CharterLevel | None
    missing: list[str] = field(default_factory=list)


def standings(organisation_ids) -> dict[int, Standing]:
    """Each organisation's figures, in one query."""
    rows = (
        Commitment.objects.filter(organisation__in=list(organisation_ids))
        .exclude(status=Commitment.Status.WITHDRAWN)
        .order_by()
        .values("organisation")
        .annotate(
            active=Count("pk", distinct=True),
            on_track=Count("pk", filter=Q(status__in=ON_TRACK), distinct=True),
            verified=Count(
                "reports", filter=Q(reports__status=ProgressReport.Status.VERIFIED), distinct=True
            ),
        )
    )
    return {row["organisation"]: Standing(row["active"], row["verified"], row["on_track"]) for row in rows}


def configured_levels() -> list[CharterLevel]:
    return list(CharterLevel.objects.order_by("order"))


def level_among(standing: Standing, levels: list[CharterLevel]) -> CharterLevel | None:
    reached = [level for level in levels if standing.meets(level)]
    return reached[-1] if reached else None


def missing_for(standing: Standing, level: CharterLevel) -> list[str]:
    """What the organisation lacks to reach `level`, in sentences."""
    missing = []
    if standing.active < level.min_active_commitments:
        more = level.min_active_commitments - standing.active
        missing.append(
            ngettext("%(count)d more active commitment", "%(count)d more active commitments", more)
            % {"count": more}
        )
    if standing.verified_reports < level.min_verified_reports:
        more = level.min_verified_reports - standing.verified_reports
        missing.append(
            ngettext(
                "%(count)d more report verified by the city",
                "%(count)d more reports verified by the city",
                more,
            )
            % {"count": more}
        )
    if standing.share_on_track < level.min_share_on_track:
        missing.append(
            _("%(share)d %% of its commitments on track (now %(now)d %%)")
            % {"share": level.min_share_on_track, "now": round(standing.share_on_track)}
        )
    return missing


def charter_of(organisation) -> Charter:
    levels = configured_levels()
    standing = standings([organisation.pk]).get(organisation.pk, Standing())
    level = level_among(standing, levels)
    above = [candidate for candidate in levels if level is None or candidate.order > level.order]
    next_level = above[0] if above else None
    missing = missing_for(standing, next_level) if next_level else []
    return Charter(standing, level, next_level, missing)


def levels_of(organisation_ids) -> dict[int, CharterLevel | None]:
    """Each organisation's level, for lists and downloads: two queries whatever their number."""
    ids = list(organisation_ids)
    levels = configured_levels()
    figures = standings(ids)
    return {pk: level_among(figures.get(pk, Standing()), levels) for pk in ids}
