"""The weekly digest: to each volunteer, the initiatives published in the last 7 days near them and on
their themes.

Who: every active user with a Profile that names a home arrondissement or at least one theme.
What: the initiatives published (and still published) in the 7 days before the run, in two parts: those in
the volunteer's home arrondissement (Profile.home_district), and those elsewhere in Paris on one of their
themes (Profile.themes: the same keys as Initiative.themes, see core/themes.py). At most MAX_PER_PART of
each, newest first.
How: `notifications.notify([user], "initiatives_digest", …)`, so the volunteer's channel choices for this
kind (inbox, e-mail) apply. Nothing is sent to someone with nothing new.
Never twice a week: a volunteer who already has an `initiatives_digest` notification created since Monday
00:00 (city time) is skipped, so a second run in the same week, or a retry after a crash, sends nothing
new to those already served.
When: `manage.py send_initiatives_digest`, from cron every Monday morning (see tasks.py).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobilization.accounts.models import Profile
from mobilization.initiatives.filters import detail_url
from mobilization.initiatives.models import Initiative

# A district's name in each language (territory/translation.py): the reader's is shown.
DISTRICT_NAME = ("district__name", "district__name_fr", "district__name_en")

KIND = "initiatives_digest"
WINDOW = timedelta(days=7)
MAX_PER_PART = 10


def register_notification_kinds() -> None:
    """Declare the digest's kind; InitiativesConfig.ready() must call it."""
    from mobilization.notifications import kinds

    kinds.register(
        kinds.NotificationKind(
            key=KIND,
            label=_("Weekly digest of new initiatives near me and on my themes"),
            description=_(
                "On Mondays, when initiatives were published in your arrondissement or on your themes."
            ),
        )
    )


def week_start(now: datetime) -> datetime:
    """Monday 00:00 of the week of `now`, in the city's time zone."""
    local = timezone.localtime(now)
    monday = local - timedelta(days=local.weekday())
    return monday.replace(hour=0, minute=0, second=0, microsecond=0)


@dataclass
class DigestItem:
    title: str
    summary: str
    district: str
    url: str
    published_at: datetime
    themes: list[str] = field(default_factory=list)
    district_id: int = 0
    pk: int = 0


@dataclass
class Digest:
    near_home: list[DigestItem]
    on_themes: list[DigestItem]
    district_name: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.near_home and not self.on_themes

    @property
    def count(self) -> int:
        return len(self.near_home) + len(self.on_themes)


def new_initiatives(now: datetime) -> list[DigestItem]:
    """The initiatives published in the window, newest first, in one query."""
    rows = (
        Initiative.objects.published()
        .filter(published_at__gte=now - WINDOW, published_at__lte=now)
        .select_related("district")
        .only("title", "summary", "themes", "published_at", *DISTRICT_NAME)
        .order_by("-published_at", "-pk")
    )
    return [
        DigestItem(
            title=initiative.title,
            summary=initiative.summary,
            district=initiative.district.name,
            url=detail_url(initiative.pk),
            published_at=initiative.published_at,
            themes=list(initiative.themes or []),
            district_id=initiative.district_id,
            pk=initiative.pk,
        )
        for initiative in rows
    ]


def digest_for(profile: Profile, items: list[DigestItem]) -> Digest:
    """What one volunteer is told: new in their arrondissement, then new elsewhere on their themes."""
    themes = set(profile.themes or [])
    near_home = [
        item for item in items if profile.home_district_id and item.district_id == profile.home_district_id
    ]
    on_themes = [
        item
        for item in items
        if item.district_id != profile.home_district_id and themes.intersection(item.themes)
    ]
    district_name = profile.home_district.name if profile.home_district_id else ""
    return Digest(near_home[:MAX_PER_PART], on_themes[:MAX_PER_PART], district_name)


def already_sent_this_week(now: datetime) -> set[int]:
    from mobilization.notifications.models import Notification

    return set(
        Notification.objects.filter(kind=KIND, created_at__gte=week_start(now)).values_list(
            "recipient_id", flat=True
        )
    )


def send_weekly_digest(now: datetime | None = None, *, stdout=None) -> int:
    """Send this week's digest to every volunteer with something new; returns how many were sent."""
    from mobilization.notifications.services import notify

    now = now or timezone.now()
    items = new_initiatives(now)
    if not items:
        if stdout is not None:
            stdout.write("Initiatives digest: nothing published in the last 7 days, nothing sent.")
        return 0
    districts = {item.district_id for item in items}
    themes = set().union(*(item.themes for item in items))
    served = already_sent_this_week(now)
    wanted = Q(home_district_id__in=districts)
    for theme in themes:
        wanted |= Q(themes__icontains=f'"{theme}"')
    profiles = (
        Profile.objects.filter(wanted, user__is_active=True)
        .exclude(user_id__in=served)
        .select_related("user", "home_district")
        .only(
            "user",
            "themes",
            *(f"home_{column}" for column in DISTRICT_NAME),
            "user__is_active",
            "user__email",
        )
        .order_by("pk")
    )
    sent = 0
    for profile in profiles.iterator(chunk_size=500):
        digest = digest_for(profile, items)
        if digest.is_empty:
            continue
        created = notify(
            [profile.user],
            KIND,
            {"digest": digest, "url": _list_url(profile, digest)},
        )
        if created:
            sent += 1
    if stdout is not None:
        stdout.write(f"Initiatives digest: {len(items)} new initiatives, sent to {sent} volunteers.")
    return sent


def _list_url(profile: Profile, digest: Digest) -> str:
    from django.urls import reverse

    if digest.near_home and profile.home_district_id:
        return reverse("initiatives:district", kwargs={"code": profile.home_district.code})
    return reverse("initiatives:list")
