"""The administration of solidarity: buddy profiles, coordinators' arrondissements, prefect's extracts.

Who is a buddy is not set here: it is a valid certification of the buddies' training (buddies.py), which
trainers grant by taking a session's attendance, and staff revoke in the learning pillar.

The registry of vulnerable residents is deliberately absent: the admin would show its encrypted details
without writing the reads to the audit log. Coordinators use the registry's own pages.

The prefect's extracts are an audit record (who took the registry out, when, how many people): staff
read them, nobody adds, edits or deletes one here, and the key of the download link is never shown.
"""

from django.contrib import admin
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from mobilization.solidarity.models import BuddyProfile, CoordinatorScope, PrefectExtract
from mobilization.territory.models import District


@admin.register(BuddyProfile)
class BuddyProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "base_district", "checkins_per_day", "paused_until")
    list_filter = ("base_district",)
    search_fields = ("user__email",)
    raw_id_fields = ("user",)


@admin.register(CoordinatorScope)
class CoordinatorScopeAdmin(admin.ModelAdmin):
    list_display = ("coordinator",)
    raw_id_fields = ("coordinator",)
    filter_horizontal = ("districts",)


@admin.register(PrefectExtract)
class PrefectExtractAdmin(admin.ModelAdmin):
    """Read-only, and without `key`: the key opens the download, and this page is not where it is used."""

    list_display = (
        "__str__",
        "created_by",
        "created_at",
        "event",
        "arrondissements",
        "row_count",
        "downloads",
    )
    list_filter = ("created_at",)
    search_fields = ("created_by__email",)
    list_select_related = ("created_by", "event")
    fields = ("event", "districts", "created_by", "created_at", "expires_at", "row_count", "downloads")
    readonly_fields = fields
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        # The arrondissements' names only: their outlines are large and the list never draws them.
        names = Prefetch("districts", queryset=District.objects.only("pk", "name"))
        return super().get_queryset(request).prefetch_related(names)

    @admin.display(description=_("arrondissements"))
    def arrondissements(self, extract):
        return ", ".join(district.name for district in extract.districts.all())

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
