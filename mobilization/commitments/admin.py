from django.contrib import admin

from mobilization.commitments.models import Commitment, InterimTarget, Organisation, ProgressReport


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "size_band", "district", "status"]
    list_filter = ["status", "kind", "size_band"]
    search_fields = ["name", "siren", "siret"]
    # States change through the pillar's pages (verification is audited), not here.
    readonly_fields = ["status", "verified_at", "created_by"]


class InterimTargetInline(admin.TabularInline):
    model = InterimTarget
    extra = 0


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "status", "target_year", "progress_percent"]
    list_filter = ["status", "theme", "reporting_frequency"]
    search_fields = ["title", "organisation__name"]
    readonly_fields = ["status", "latest_value", "latest_verified_value", "progress_percent", "created_by"]
    inlines = [InterimTargetInline]


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ["commitment", "period", "value", "status", "submitted_at"]
    list_filter = ["status", "through_api"]
    readonly_fields = ["status", "submitted_by", "reviewed_at", "year"]
