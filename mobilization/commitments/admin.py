from django.contrib import admin
from django.utils import timezone

from mobilization.commitments import services
from mobilization.commitments.models import (
    CharterLevel,
    Coalition,
    CoalitionMembership,
    Commitment,
    InterimTarget,
    Organisation,
    ProgressReport,
)
from mobilization.core.translation_admin import CityTextsAdmin


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


class MembershipInline(admin.TabularInline):
    model = CoalitionMembership
    extra = 0
    fields = ["organisation", "is_lead", "status"]
    # A request is answered by a lead on the coalition's page (audited, the organisation told), not here.
    readonly_fields = ["status"]
    autocomplete_fields = ["organisation"]


@admin.register(Coalition)
class CoalitionAdmin(admin.ModelAdmin):
    list_display = ["name", "theme"]
    list_filter = ["theme"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_by"]
    inlines = [MembershipInline]

    def save_formset(self, request, form, formset, change):
        # A lead organisation staff name is a member from the start (there is no one to ask): the row is
        # made approved, as `coalitions.create_coalition` makes it. Other rows wait for a lead's answer.
        for membership in formset.save(commit=False):
            if membership.pk is None and membership.is_lead:
                CoalitionMembership.objects.create(
                    coalition=membership.coalition,
                    organisation=membership.organisation,
                    is_lead=True,
                    status=CoalitionMembership.Status.APPROVED,
                    decided_at=timezone.now(),
                )
            else:
                membership.save()
        for membership in formset.deleted_objects:
            membership.delete()


@admin.register(CharterLevel)
class CharterLevelAdmin(CityTextsAdmin):
    list_display = ["order", "name", "min_active_commitments", "min_verified_reports", "min_share_on_track"]
    list_display_links = ["name"]

    # The registry's lists are cached under its version: a new rule shows there at once.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.registry_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.registry_changed()
