"""Finding initiatives: one filter class for the list, the map, the API, the feeds and the downloads.

Every parameter lives in the query string so that any view can be shared:
`q` (search), `theme`, `district` (INSEE code of an arrondissement), `status` (published by default;
paused, finished, or `all` public ones), `needs_volunteers`, `has_upcoming_event`, `sort` (`relevance`,
`newest`, `nearest`) and the point "nearest" is measured from: `lat` and `lon`, or `near_district`.
Without `sort`: relevance when searching, nearest when a point is given, newest otherwise.
"""

import math
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import Exists, ExpressionWrapper, F, FloatField, OuterRef, Q, Subquery, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobilization.core.filtering import light_filterset
from mobilization.core.themes import Theme
from mobilization.events.models import Event
from mobilization.initiatives import search
from mobilization.initiatives.models import Initiative
from mobilization.territory.models import District

PAGE_SIZE = 20
KM_PER_DEGREE = 111.32

# The columns a card, a map marker, a feed item or a CSV row needs: the rest stays in the database.
LIST_FIELDS = (
    "title",
    "summary",
    "themes",
    "lat",
    "lon",
    "volunteers_needed",
    "needs",
    "status",
    "published_at",
    "created_at",
    "website",
    "district__code",
    "district__name",
    "district__name_fr",  # the name in each language (territory/translation.py): the page reads its own
    "district__name_en",
    "district__number",
)


def arrondissements():
    return District.objects.arrondissements().defer("geometry")


class FloatFilter(django_filters.Filter):
    field_class = forms.FloatField


class StatusChoice:
    ALL = "all"


STATUS_CHOICES = (
    (Initiative.Status.PUBLISHED.value, _("Active (published)")),
    (Initiative.Status.PAUSED.value, _("Paused")),
    (Initiative.Status.FINISHED.value, _("Finished")),
    (StatusChoice.ALL, _("Any status")),
)

SORT_CHOICES = (
    ("relevance", _("Relevance (when searching)")),
    ("newest", _("Newest first")),
    ("nearest", _("Nearest first")),
)


@dataclass(frozen=True)
class ReferencePoint:
    lat: float
    lon: float
    label: str = ""


def upcoming_events(now=None):
    return Event.objects.filter(
        status=Event.Status.SCHEDULED, ends_at__gte=now or timezone.now(), initiative=OuterRef("pk")
    )


def listing_queryset(queryset=None, *, now=None):
    """Public initiatives with what a card needs: the district's code and name come in the same query.

    The start of the next event is not computed here: as a column it would be computed for every match
    before the page is cut (thousands of subqueries for a search); `attach_next_events` reads it for the
    shown page only, in one query."""
    if queryset is None:
        queryset = Initiative.objects.public()
    return queryset.select_related("district").only(*LIST_FIELDS)


def attach_next_events(initiatives, now=None) -> list:
    """Set `next_event_at` (start of the next scheduled event not over yet, or None) on each initiative,
    in one query whatever their number; returns them as a list."""
    initiatives = list(initiatives)
    if not initiatives:
        return initiatives
    # A subquery per shown initiative walks its (initiative, starts_at) index and stops at the first
    # match; a GROUP BY over the events would have the database pick the status index and read them all.
    next_event = upcoming_events(now).order_by("starts_at").values("starts_at")[:1]
    first = dict(
        Initiative.objects.filter(pk__in=[initiative.pk for initiative in initiatives])
        .order_by()
        .annotate(next_event_at=Subquery(next_event))
        .values_list("pk", "next_event_at")
    )
    for initiative in initiatives:
        initiative.next_event_at = first.get(initiative.pk)
    return initiatives


def detail_url(pk: int) -> str:
    """The initiative's page, without a `reverse()` per row (the map and downloads list thousands)."""
    return detail_url_pattern().replace("999999999", str(pk))


def detail_url_pattern() -> str:
    return reverse("initiatives:detail", kwargs={"pk": 999999999})


@light_filterset
class InitiativeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    theme = django_filters.ChoiceFilter(
        label=_("Theme"), choices=Theme.choices, empty_label=_("All themes"), method="filter_theme"
    )
    district = django_filters.ModelChoiceFilter(
        label=_("Arrondissement"),
        queryset=arrondissements(),
        to_field_name="code",
        empty_label=_("All of Paris"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUS_CHOICES, empty_label=None, method="filter_status"
    )
    needs_volunteers = django_filters.BooleanFilter(
        label=_("Looking for volunteers"), method="filter_needs_volunteers", widget=forms.CheckboxInput
    )
    has_upcoming_event = django_filters.BooleanFilter(
        label=_("Has an upcoming event"), method="filter_has_upcoming_event", widget=forms.CheckboxInput
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"), choices=SORT_CHOICES, empty_label=_("Best first"), method="filter_nothing"
    )
    near_district = django_filters.ModelChoiceFilter(
        label=_("Near the centre of"),
        queryset=arrondissements(),
        to_field_name="code",
        empty_label=_("No arrondissement"),
        method="filter_nothing",
    )
    lat = FloatFilter(
        label=_("Latitude"),
        min_value=-90,
        max_value=90,
        method="filter_nothing",
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    lon = FloatFilter(
        label=_("Longitude"),
        min_value=-180,
        max_value=180,
        method="filter_nothing",
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )

    class Meta:
        model = Initiative
        fields = ["q", "theme", "district", "status", "needs_volunteers", "has_upcoming_event"]

    def __init__(self, data=None, queryset=None, **kwargs):
        # Always bound: the filter applies what makes an initiative public (`public_condition`), also when
        # nothing is asked for.
        super().__init__(
            {} if data is None else data,
            queryset=listing_queryset(Initiative.objects.all()) if queryset is None else queryset,
            **kwargs,
        )

    # --- the filters ---------------------------------------------------------------------------------

    def filter_search(self, queryset, name, value):
        return search.search(queryset, value) if value.strip() else queryset

    def filter_theme(self, queryset, name, value):
        # themes is a JSON list of keys; '"mobility"' with its quotes matches that key only, on both
        # databases (JSON `contains` does not exist on SQLite).
        return queryset.filter(themes__icontains=f'"{value}"')

    def filter_status(self, queryset, name, value):
        return queryset  # applied with the rest of what makes an initiative public (`public_condition`)

    def filter_needs_volunteers(self, queryset, name, value):
        return queryset.filter(volunteers_needed__gt=0) if value else queryset

    def filter_has_upcoming_event(self, queryset, name, value):
        return queryset.filter(Exists(upcoming_events())) if value else queryset

    def filter_nothing(self, queryset, name, value):
        return queryset  # read by `sorted_qs`

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).filter(self.public_condition())

    def public_condition(self) -> Q:
        """Public initiatives in the status asked for (published when none, or one that is not a choice).

        The filter applies it to whatever queryset it is given, so it never shows a draft, whatever the
        view passes. One condition on the status, not "public" and then "published": SQLite matched the
        two against its index row by row (a search's query did 14 % more work with both)."""
        chosen = self.form.cleaned_data.get("status") if hasattr(self.form, "cleaned_data") else None
        if chosen == StatusChoice.ALL:
            return Initiative.public_q()
        return Q(status=chosen or Initiative.Status.PUBLISHED, paused_by_moderators=False)

    # --- what the filters say beyond the rows -------------------------------------------------------

    def cleaned(self, name):
        if not self.is_bound:
            return None
        self.errors  # noqa: B018 -- validates the form
        return self.form.cleaned_data.get(name)

    @property
    def query(self) -> str:
        return (self.cleaned("q") or "").strip()

    @cached_property
    def is_searching(self) -> bool:
        return bool(search.query_terms(self.query))

    def reference_point(self) -> ReferencePoint | None:
        lat, lon = self.cleaned("lat"), self.cleaned("lon")
        if lat is not None and lon is not None:
            return ReferencePoint(lat, lon, str(_("the chosen point")))
        district = self.cleaned("near_district")
        if district is not None:
            return ReferencePoint(
                district.centroid_lat,
                district.centroid_lon,
                str(_("the centre of %(district)s") % {"district": district.name}),
            )
        return None

    def sort_order(self) -> str:
        # Asked several times per page; the filters' data do not change once given.
        if "_sort_order" not in self.__dict__:
            self._sort_order = self._choose_sort_order()
        return self._sort_order

    def _choose_sort_order(self) -> str:
        chosen = self.cleaned("sort") or ""
        near = self.reference_point()
        if chosen == "nearest" and near is None:
            chosen = ""
        if chosen == "relevance" and not self.is_searching:
            chosen = ""
        if chosen:
            return chosen
        if self.is_searching:
            return "relevance"
        return "nearest" if near is not None else "newest"

    @property
    def sorted_qs(self):
        """The filtered initiatives in the order asked for; nearest first ones carry `distance_km`."""
        queryset = self.qs
        order = self.sort_order()
        if order == "relevance":
            return queryset  # search() orders by score, then newest
        if order == "nearest":
            near = self.reference_point()
            # An equirectangular approximation: exact enough within a city, and plain SQL arithmetic.
            scale = math.cos(math.radians(near.lat))
            dlat = F("lat") - Value(near.lat)
            dlon = (F("lon") - Value(near.lon)) * Value(scale)
            return queryset.annotate(
                distance_sq=ExpressionWrapper(dlat * dlat + dlon * dlon, output_field=FloatField())
            ).order_by("distance_sq", "-pk")
        return queryset.order_by(F("published_at").desc(nulls_last=True), "-pk")


def squared_distance(near: ReferencePoint, lat: float, lon: float) -> float:
    """What `sorted_qs` orders "nearest first" by, computed in Python for rows already read."""
    dlat = lat - near.lat
    dlon = (lon - near.lon) * math.cos(math.radians(near.lat))
    return dlat * dlat + dlon * dlon


def distance_km(initiative) -> float | None:
    squared = getattr(initiative, "distance_sq", None)
    return None if squared is None else math.sqrt(squared) * KM_PER_DEGREE


def filter_query_string(data, *, without=("page",)) -> str:
    """The query string of the filters only (no page), for links and cache keys, in a stable order."""
    keep = set(InitiativeFilter.base_filters)
    pairs = sorted(
        (name, value)
        for name in data
        if name in keep and name not in without
        for value in data.getlist(name)
        if value != ""
    )
    return urlencode(pairs)


def feed_query_string(district=None, theme: str = "") -> str:
    """The query string of the feed of one arrondissement and/or theme."""
    pairs = [("district", district.code)] if district else []
    return urlencode(pairs + ([("theme", theme)] if theme else []))
