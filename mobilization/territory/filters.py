"""Filtering places: the same filter class serves the places page and the API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from mobilization.core.filtering import light_filterset
from mobilization.territory import services
from mobilization.territory.models import District, Place


def arrondissements():
    return District.objects.arrondissements()


class EntrySelect(forms.Select):
    """Free entry: any, free, paid. The values are the API's: ?free=true / ?free=false."""

    def __init__(self, attrs=None):
        choices = (("", _("Free or paid")), ("true", _("Free")), ("false", _("Paid")))
        super().__init__(attrs, choices)

    def format_value(self, value):
        return {True: "true", False: "false", "true": "true", "false": "false"}.get(value, "")

    def value_from_datadict(self, data, files, name):
        return {"true": True, "false": False}.get(str(data.get(name, "")).lower())


@light_filterset
class PlaceFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind of place"), choices=Place.Kind.choices, empty_label=_("All")
    )
    district = django_filters.ModelChoiceFilter(
        label=_("Arrondissement"),
        queryset=arrondissements(),
        to_field_name="code",
        empty_label=_("All of Paris"),
    )
    free = django_filters.BooleanFilter(label=_("Entry"), field_name="is_free", widget=EntrySelect)
    # Declared last: it reads the hours of the places the other filters kept.
    open_now = django_filters.BooleanFilter(
        label=_("Open now"), method="filter_open_now", widget=forms.CheckboxInput
    )

    class Meta:
        model = Place
        fields = ["kind", "district", "free", "open_now"]

    def filter_open_now(self, queryset, name, value):
        return services.open_places(queryset) if value else queryset
