from django.contrib import admin

from mobilization.events.models import Event, Registration


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["user", "status", "waitlisted_at", "reminder_sent_at", "created_at"]
    readonly_fields = ["user", "waitlisted_at", "reminder_sent_at", "created_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "initiative", "starts_at", "status", "capacity"]
    list_filter = ["status"]
    search_fields = ["title", "initiative__title", "address"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["initiative", "created_by"]
    filter_horizontal = ["cohosts"]
    readonly_fields = ["status", "cancellation_reason", "created_at", "updated_at"]
    inlines = [RegistrationInline]
