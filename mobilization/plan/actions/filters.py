"""Filtering plan actions: the same filter class serves the list page, the API and the CSV download."""

import django_filters
from django.utils.translation import gettext_lazy as _

from mobilization.plan.actions.models import Action
from mobilization.plan.models import Objective


def departments():
    names = Action.objects.exclude(department="").order_by("department").values_list("department", flat=True)
    return [(name, name) for name in names.distinct()]


class ActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Title contains"), field_name="title", lookup_expr="icontains", max_length=200
    )
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
        label=_("Department"), choices=departments, empty_label=_("All departments")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Action.Status.choices, empty_label=_("All statuses")
    )

    class Meta:
        model = Action
        fields = ["q", "objective", "sector", "department", "status"]
