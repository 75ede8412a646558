"""Staff write challenges and their actions here (French and English side by side); publishing, ending
and publishing the results go through the services (and so through `core.transitions`)."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from mobilization.challenges import savings, services
from mobilization.challenges.models import Challenge, ChallengeAction, ChallengeCheckIn, Team
from mobilization.core.errors import DomainError
from mobilization.core.translation_admin import CityTextsAdmin, CityTextsTabularInline


class ChallengeActionForm(forms.ModelForm):
    footprint_rule = forms.ChoiceField(label=_("footprint model action"), choices=savings.action_choices)

    class Meta:
        model = ChallengeAction
        fields = ["label", "footprint_rule", "position"]


class ChallengeActionInline(CityTextsTabularInline):
    model = ChallengeAction
    form = ChallengeActionForm
    extra = 1
    fields = ["label", "footprint_rule", "position"]


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0
    fields = ["name", "kind", "district", "affiliation_url"]
    readonly_fields = ["affiliation_url"]
    raw_id_fields = ["district"]


def _each(modeladmin, request, queryset, service, done):
    for obj in queryset:
        try:
            service(obj, by=request.user)
        except DomainError as error:
            modeladmin.message_user(request, f"{obj}: {error.message}", messages.WARNING)
        else:
            modeladmin.message_user(request, done % {"title": obj})


@admin.register(Challenge)
class ChallengeAdmin(CityTextsAdmin):
    list_display = ["title", "starts_on", "ends_on", "status"]
    list_filter = ["status"]
    search_fields = ["title"]
    readonly_fields = ["status", "results_published_at", "created_at", "updated_at"]
    exclude = ["created_by"]
    inlines = [ChallengeActionInline, TeamInline]
    actions = ["publish", "end", "publish_results"]

    @admin.action(description=_("Publish the selected challenges (open them)"))
    def publish(self, request, queryset):
        _each(self, request, queryset, services.publish, _("“%(title)s” is open."))

    @admin.action(description=_("End the selected challenges (after their last day)"))
    def end(self, request, queryset):
        _each(self, request, queryset, services.end, _("“%(title)s” has ended."))

    @admin.action(description=_("Publish the results of the selected challenges"))
    def publish_results(self, request, queryset):
        _each(
            self, request, queryset, services.publish_results, _("The results of “%(title)s” are published.")
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ChallengeCheckIn)
class ChallengeCheckInAdmin(admin.ModelAdmin):
    list_display = ["action", "day", "kg_co2e", "from_own_answers"]
    list_filter = ["action__challenge"]
    readonly_fields = ["participant", "action", "day", "kg_co2e", "from_own_answers", "created_at"]

    def has_add_permission(self, request):
        return False  # people check in on the challenge's page
