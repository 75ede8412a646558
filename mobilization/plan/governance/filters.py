"""Filtering proposals and recommendations: the same classes serve the pages, the API and the downloads."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobilization.plan.governance.models import CityResponse, Committee, Proposal, Recommendation
from mobilization.plan.models import Objective


class ProposalFilter(django_filters.FilterSet):
    SORTS = (("supported", _("Most supported")), ("newest", _("Newest")))

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(s.value, s.label) for s in (Proposal.Status.PUBLISHED, Proposal.Status.ANSWERED)],
        empty_label=_("Published or answered"),
    )
    objective = django_filters.ModelChoiceFilter(
        label=_("Objective"),
        queryset=Objective.objects.all(),
        to_field_name="slug",
        field_name="objectives",
        empty_label=_("All objectives"),
    )
    awaiting_answer = django_filters.BooleanFilter(
        label=_("Must be answered by the city"), method="filter_awaiting_answer"
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORTS, method="filter_sort", empty_label=None, null_label=None
    )

    class Meta:
        model = Proposal
        fields = ["status", "objective", "awaiting_answer", "sort"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("sort"):
            data = data.copy()
            data["sort"] = "supported"
        super().__init__(data, *args, **kwargs)

    def filter_awaiting_answer(self, queryset, name, value):
        if value is None:
            return queryset
        awaiting = Q(threshold_reached_at__isnull=False, status=Proposal.Status.PUBLISHED)
        return queryset.filter(awaiting) if value else queryset.exclude(awaiting)

    def filter_sort(self, queryset, name, value):
        if value == "newest":
            return queryset.order_by("-published_at", "-pk")
        return queryset.order_by("-supports_count", "-published_at", "-pk")


class RecommendationFilter(django_filters.FilterSet):
    committee = django_filters.ModelChoiceFilter(
        label=_("Committee"), queryset=Committee.objects.filter(is_public=True), to_field_name="slug"
    )
    decision = django_filters.ChoiceFilter(
        label=_("Decision"),
        choices=[*CityResponse.Decision.choices, ("none", _("Not answered yet"))],
        method="filter_decision",
    )
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")

    class Meta:
        model = Recommendation
        fields = ["committee", "decision", "overdue"]

    def filter_decision(self, queryset, name, value):
        if value == "none":
            return queryset.filter(response__isnull=True)
        return queryset.filter(response__decision=value)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.overdue(timezone.localdate()).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)
