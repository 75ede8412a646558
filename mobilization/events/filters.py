"""Filtering events: the same filter class serves the events page, the API and the CSV download."""

from datetime import date, datetime, time, timedelta
from functools import reduce
from operator import or_

import django_filters
from django import forms
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobilization.core.themes import Theme
from mobilization.events import hosts, services
from mobilization.events.models import Event
from mobilization.territory.models import District


def arrondissements():
    return District.objects.arrondissements()


def public_events():
    """Events of public hosts, ready for a list: host, district and co-hosts loaded, registered people
    counted (a fixed number of queries)."""
    return (
        Event.objects.of_public_hosts()
        .select_related(*hosts.host_paths(district=True))
        .prefetch_related(*hosts.cohost_prefetches())
        .with_registered_count()
    )


def upcoming_public_events(now=None):
    """Scheduled events of public hosts that have not ended, soonest first, ready for a list."""
    return public_events().scheduled().upcoming(now)


EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2100, 1, 1)


def local_midnight(day) -> datetime:
    """The start of the day in Paris; days far out of range are brought back (year 1 overflows in UTC)."""
    day = min(max(day, EARLIEST_DAY), LATEST_DAY)
    return datetime.combine(day, time.min, tzinfo=services.city_zone())


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class EventFilter(django_filters.FilterSet):
    district = django_filters.ModelChoiceFilter(
        label=_("Arrondissement"),
        queryset=arrondissements(),
        to_field_name="code",
        empty_label=_("All of Paris"),
        method="filter_district",
    )
    theme = django_filters.ChoiceFilter(
        label=_("Theme"), choices=Theme.choices, empty_label=_("All themes"), method="filter_theme"
    )
    date_from = django_filters.DateFilter(
        label=_("From"), method="filter_from", widget=DateInput, input_formats=["%Y-%m-%d"]
    )
    date_to = django_filters.DateFilter(
        label=_("Until"), method="filter_to", widget=DateInput, input_formats=["%Y-%m-%d"]
    )

    class Meta:
        model = Event
        fields = ["district", "theme", "date_from", "date_to"]

    def filter_district(self, queryset, name, value):
        """Events whose host is in the arrondissement."""
        return queryset.filter(reduce(or_, [Q(**{f"{kind.key}__district": value}) for kind in hosts.kinds]))

    def filter_theme(self, queryset, name, value):
        """Events whose host has the theme."""
        # Themes are a JSON list of fixed keys: its text holds "key" with its quotes. Portable on SQLite
        # and PostgreSQL (the JSON "contains" lookup is not available on SQLite).
        aliases = {f"{kind.key}_themes": Cast(f"{kind.key}__themes", TextField()) for kind in hosts.kinds}
        has_theme = [Q(**{f"{alias}__contains": f'"{value}"'}) for alias in aliases]
        return queryset.alias(**aliases).filter(reduce(or_, has_theme))

    def filter_from(self, queryset, name, value):
        """Events that start on that day (Paris time) or later."""
        return queryset.filter(starts_at__gte=local_midnight(value))

    def filter_to(self, queryset, name, value):
        """Events that start on that day (Paris time) or earlier."""
        return queryset.filter(starts_at__lt=local_midnight(min(value, LATEST_DAY) + timedelta(days=1)))


def filtered_events(data) -> tuple[EventFilter, object]:
    """The filter bound to the query string and the upcoming events it keeps (all of them if invalid)."""
    event_filter = EventFilter(data, queryset=upcoming_public_events(timezone.now()))
    events = event_filter.qs if event_filter.is_valid() else event_filter.queryset
    return event_filter, events
