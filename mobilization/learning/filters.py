"""Finding resources: the words searched (accent-insensitive full text) and the filters, one class for the
page (and its pagination links)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from mobilization.core.search import MAX_QUERY_LENGTH
from mobilization.core.themes import Theme
from mobilization.learning import search
from mobilization.learning.models import Resource


class ResourceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Words"),
        method="filter_words",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("canicule, compost, vélo…")}),
    )
    theme = django_filters.ChoiceFilter(label=_("Theme"), choices=Theme.choices, empty_label=_("All themes"))
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Resource.Kind.choices, empty_label=_("All kinds")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=Resource.Language.choices, empty_label=_("All languages")
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=Resource.Level.choices, empty_label=_("All levels")
    )

    class Meta:
        model = Resource
        fields = ["q", "theme", "kind", "language", "level"]

    def filter_words(self, queryset, name, value):
        return search.search(queryset, value) if value.strip() else queryset


def filtered_resources(data):
    """The filter bound to the query string and the published resources it keeps (all if invalid)."""
    published = Resource.objects.published().order_by("-published_at", "-pk")
    resource_filter = ResourceFilter(data, queryset=published)
    resources = resource_filter.qs if resource_filter.is_valid() else resource_filter.queryset
    return resource_filter, resources
