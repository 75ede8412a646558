"""The administration of solidarity: buddy profiles and coordinators' arrondissements.

Who is a buddy is not set here: it is a valid certification of the buddies' training (buddies.py), which
trainers grant by taking a session's attendance, and staff revoke in the learning pillar.

The registry of vulnerable residents is deliberately absent: the admin would show its encrypted details
without writing the reads to the audit log. Coordinators use the registry's own pages.
"""

from django.contrib import admin

from mobilization.solidarity.models import BuddyProfile, CoordinatorScope


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
