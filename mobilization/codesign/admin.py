"""Administration of co-design: the team's texts (releases, workshops, surveys and their questions).

Who answered a survey (SurveyParticipation) and what was answered (SurveyResponse) are deliberately
absent: no screen may put them side by side. Suggestions, ideas and their statuses are handled on the
site's own pages, through the services (audit, notices).
"""

from django.contrib import admin

from mobilization.codesign.models import Release, Survey, SurveyOption, SurveyQuestion, Workshop
from mobilization.core.translation_admin import CityTextsAdmin, CityTextsStackedInline, CityTextsTabularInline


@admin.register(Release)
class ReleaseAdmin(CityTextsAdmin):
    list_display = ["version", "title", "released_on"]
    readonly_fields = ["created_by"]


@admin.register(Workshop)
class WorkshopAdmin(CityTextsAdmin):
    list_display = ["title", "held_on", "announced_at", "published_at"]
    # Announcing and publishing are transitions (the workshop's page): not edited here.
    readonly_fields = ["announced_at", "published_at"]


class QuestionInline(CityTextsStackedInline):
    model = SurveyQuestion
    extra = 1
    show_change_link = True


@admin.register(Survey)
class SurveyAdmin(CityTextsAdmin):
    list_display = ["title", "is_anonymous", "opens_at", "closes_at", "closed_at"]
    readonly_fields = ["closed_at", "created_by"]
    filter_horizontal = ["districts"]
    inlines = [QuestionInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class OptionInline(CityTextsTabularInline):
    model = SurveyOption
    extra = 2


@admin.register(SurveyQuestion)
class SurveyQuestionAdmin(CityTextsAdmin):
    list_display = ["text", "survey", "kind"]
    list_select_related = ["survey"]
    inlines = [OptionInline]
