"""Filtering the registry: the same filter classes serve the pages, the API and the downloads."""

import django_filters
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from mobilization.commitments.models import Commitment, Organisation
from mobilization.core.filtering import light_filterset
from mobilization.core.themes import Theme
from mobilization.plan.models import Objective
from mobilization.territory.models import District


def arrondissements(request=None):
    return District.objects.arrondissements()


@light_filterset
class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name contains"), field_name="name", lookup_expr="icontains", max_length=100
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Organisation.Kind.choices, empty_label=_("All kinds")
    )
    district = django_filters.ModelChoiceFilter(
        label=_("Arrondissement"),
        queryset=arrondissements,
        to_field_name="number",
        empty_label=_("All arrondissements"),
    )
    theme = django_filters.ChoiceFilter(
        label=_("Theme"), choices=Theme.choices, empty_label=_("All themes"), method="with_theme"
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[("name", _("Name")), ("newest", _("Newest first"))],
        empty_label=None,
        method="sorted_by",
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "district", "theme"]

    def with_theme(self, queryset, name, value):
        return queryset.filter(commitments__theme=value).distinct() if value else queryset

    def sorted_by(self, queryset, name, value):
        return (
            queryset.order_by("-created_at", "-pk") if value == "newest" else queryset.order_by("name", "pk")
        )


MADE_BY = [("organisation", _("An organisation")), ("coalition", _("A coalition"))]


@light_filterset
class CommitmentFilter(django_filters.FilterSet):
    made_by = django_filters.ChoiceFilter(
        label=_("Made by"), choices=MADE_BY, empty_label=_("Organisations and coalitions"), method="made_by_"
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of organisation"),
        field_name="organisation__kind",
        choices=Organisation.Kind.choices,
        empty_label=_("All kinds"),
    )
    theme = django_filters.ChoiceFilter(label=_("Theme"), choices=Theme.choices, empty_label=_("All themes"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Commitment.Status.choices, empty_label=_("All statuses")
    )
    district = django_filters.ModelChoiceFilter(
        label=_("Arrondissement"),
        field_name="organisation__district",
        queryset=arrondissements,
        to_field_name="number",
        empty_label=_("All arrondissements"),
    )
    objective = django_filters.ModelChoiceFilter(
        label=_("Climate Plan objective"),
        field_name="objectives",
        queryset=Objective.objects.order_by("title"),
        to_field_name="slug",
        empty_label=_("All objectives"),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[
            ("title", _("Title")),
            ("progress", _("Most progress first")),
            ("target_year", _("Nearest target first")),
            ("newest", _("Newest first")),
        ],
        empty_label=None,
        method="sorted_by",
    )

    class Meta:
        model = Commitment
        fields = ["made_by", "kind", "theme", "status", "district", "objective"]

    def made_by_(self, queryset, name, value):
        if value == "coalition":
            return queryset.filter(coalition__isnull=False)
        if value == "organisation":
            return queryset.filter(organisation__isnull=False)
        return queryset

    def sorted_by(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["title"]))


SORTS = {
    "title": ("title", "pk"),
    "progress": (F("progress_percent").desc(nulls_last=True), "pk"),
    "target_year": ("target_year", "title", "pk"),
    "newest": ("-created_at", "-pk"),
}
