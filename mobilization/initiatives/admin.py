"""The administration of initiatives: staff look things up here; state changes go through the pages."""

from django.contrib import admin
from django.db import models

from mobilization.initiatives import search
from mobilization.initiatives.models import ContentReport, ImpactRecord, Initiative, NewsPost, Partnership


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    # Web sites typed without a scheme are read as https (Django 6's default; silences its warning).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("title", "status", "district", "published_at")
    list_filter = ("status", "district")
    search_fields = ("title", "summary")
    raw_id_fields = ("organiser",)
    readonly_fields = ("status", "submitted_at", "published_at", "rejection_reason", "pause_reason")

    def save_model(self, request, obj, form, change):
        """A text that staff correct here is searched by its new words at once."""
        super().save_model(request, obj, form, change)
        if not change or set(form.changed_data) & set(search.FIELD_WEIGHTS):
            search.reindex(obj)


@admin.register(NewsPost)
class NewsPostAdmin(admin.ModelAdmin):
    list_display = ("title", "initiative", "created_at")
    raw_id_fields = ("initiative", "author")


@admin.register(ImpactRecord)
class ImpactRecordAdmin(admin.ModelAdmin):
    list_display = ("initiative", "unit", "quantity", "date")
    list_filter = ("unit",)
    raw_id_fields = ("initiative", "created_by")


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ("requester", "partner", "status")
    list_filter = ("status",)
    raw_id_fields = ("requester", "partner", "created_by")
    readonly_fields = ("status",)


@admin.register(ContentReport)
class ContentReportAdmin(admin.ModelAdmin):
    list_display = ("initiative", "status", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("initiative", "news_post", "reporter", "handled_by")
    readonly_fields = ("status", "handled_by", "resolution")
