from django import forms
from django.contrib import admin
from django.db import models

from mobilization.core.translation_admin import CityTextsAdmin, CityTextsTabularInline
from mobilization.plan.models import Indicator, IndicatorValue, Objective, Target


class TargetInline(CityTextsTabularInline):
    model = Target
    extra = 0
    fields = ["year", "value", "percent_of_baseline", "is_net_zero", "source", "note"]


@admin.register(Objective)
class ObjectiveAdmin(CityTextsAdmin):
    list_display = [
        "title",
        "unit",
        "direction",
        "baseline_year",
        "baseline_value",
        "position",
        "data_version",
    ]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["data_version", "created_at", "updated_at"]
    inlines = [TargetInline]


@admin.register(Target)
class TargetAdmin(CityTextsAdmin):
    list_display = ["objective", "year", "value", "percent_of_baseline", "is_net_zero"]
    list_filter = ["objective"]
    list_select_related = ["objective"]


@admin.register(Indicator)
class IndicatorAdmin(CityTextsAdmin):
    list_display = ["title", "objective", "sector", "unit", "is_headline"]
    list_filter = ["objective", "is_headline"]
    list_select_related = ["objective"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title_fr", "title_en", "slug", "sector_fr", "sector_en"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(CityTextsAdmin):
    list_display = ["indicator", "year", "period_date", "value", "status", "source_citation"]
    list_filter = ["status", "indicator__objective"]
    list_select_related = ["indicator"]
    search_fields = ["indicator__title_fr", "indicator__title_en", "source_citation"]
    raw_id_fields = ["indicator"]
    formfield_overrides = {models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"}}
    readonly_fields = ["created_by", "created_at", "updated_at"]
