"""The administration of solidarity: buddy profiles (staff mark who is trained) and coordinators'
arrondissements.

The registry of vulnerable residents is deliberately absent: the admin would show its encrypted details
without writing the reads to the audit log. Coordinators use the registry's own pages.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mobilization.solidarity import services
from mobilization.solidarity.models import BuddyProfile, CoordinatorScope


@admin.register(BuddyProfile)
class BuddyProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "is_trained", "base_district", "checkins_per_day", "paused_until")
    list_filter = ("is_trained", "base_district")
    search_fields = ("user__email",)
    raw_id_fields = ("user",)
    # Being trained changes through the actions, one audited change each (services.set_trained).
    readonly_fields = ("is_trained",)
    actions = ("mark_trained", "mark_not_trained")

    def _set_trained(self, request, queryset, trained: bool):
        for profile in queryset:
            services.set_trained(profile, by=request.user, trained=trained)
        count = len(queryset)
        self.message_user(
            request,
            ngettext("%(count)d buddy profile changed.", "%(count)d buddy profiles changed.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark as trained buddies"))
    def mark_trained(self, request, queryset):
        self._set_trained(request, queryset, True)

    @admin.action(description=_("Mark as not trained"))
    def mark_not_trained(self, request, queryset):
        self._set_trained(request, queryset, False)


@admin.register(CoordinatorScope)
class CoordinatorScopeAdmin(admin.ModelAdmin):
    list_display = ("coordinator",)
    raw_id_fields = ("coordinator",)
    filter_horizontal = ("districts",)
