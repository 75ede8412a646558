"""Filtering plan actions: the same filter class serves the list page, the API and the CSV download."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mobilization.core.filtering import light_filterset
from mobilization.core.translation import localized_field_names, shown_column_order
from mobilization.plan.actions.models import Action
from mobilization.plan.models import Objective


def departments():
    """The departments' names as pages show them (in the page's language, else in the other one)."""
    columns = localized_field_names("department")  # department_fr, department_en: few distinct pairs
    shown = shown_column_order("department")
    names = set()
    for versions in Action.objects.order_by().values_list(*columns).distinct():
        by_language = dict(zip(columns, versions, strict=True))
        names.add(next((by_language[column] for column in shown if by_language[column]), ""))
    return [(name, name) for name in sorted(names - {""})]


def in_any_language(name: str, lookup: str, value) -> Q:
    """A condition on a text written in French or in English: a page in either language finds an action
    by the words it shows, including a text shown in the other language."""
    condition = Q()
    for column in localized_field_names(name):
        condition |= Q(**{f"{column}__{lookup}": value})
    return condition


@light_filterset
class ActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Title contains"), method="title_contains", max_length=200)
    objective = django_filters.ModelChoiceFilter(
        label=_("Objective"),
        field_name="objectives",
        queryset=Objective.objects.all(),
        to_field_name="slug",
        empty_label=_("All objectives"),
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), choices=Action.Sector.choices, empty_label=_("All sectors")
    )
    department = django_filters.ChoiceFilter(
        label=_("Department"), choices=departments, empty_label=_("All departments"), method="in_department"
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Action.Status.choices, empty_label=_("All statuses")
    )

    class Meta:
        model = Action
        fields = ["q", "objective", "sector", "department", "status"]

    def title_contains(self, queryset, name, value):
        return queryset.filter(in_any_language("title", "icontains", value)) if value else queryset

    def in_department(self, queryset, name, value):
        return queryset.filter(in_any_language("department", "exact", value)) if value else queryset
