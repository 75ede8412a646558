"""Administration of shared governance: committees and their seats, meetings, consultations.

Who voted (Participation) and what was voted (Ballot) are deliberately absent: no screen may put them side
by side. A consultation's questions and options are frozen once it opens, so no ballot can be cast against
a question that later changed.
"""

from django.contrib import admin
from django.utils import timezone

from mobilization.core.translation_admin import (
    CityTextsAdmin,
    CityTextsStackedInline,
    CityTextsTabularInline,
)
from mobilization.plan.governance.models import (
    Committee,
    CommitteeMember,
    Consultation,
    Meeting,
    Option,
    Question,
)


class CommitteeMemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 1
    raw_id_fields = ["user"]


@admin.register(Committee)
class CommitteeAdmin(CityTextsAdmin):
    list_display = ["name", "slug", "is_public"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CommitteeMemberInline]


@admin.register(Meeting)
class MeetingAdmin(CityTextsAdmin):
    list_display = ["committee", "__str__"]
    list_filter = ["committee"]
    list_select_related = ["committee"]
    raw_id_fields = ["created_by"]


def _has_opened(consultation) -> bool:
    if consultation is None or consultation.pk is None:
        return False
    return consultation.opens_at <= timezone.now()


class QuestionInline(CityTextsStackedInline):
    model = Question
    extra = 1
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return not _has_opened(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _has_opened(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _has_opened(obj) and super().has_delete_permission(request, obj)


@admin.register(Consultation)
class ConsultationAdmin(CityTextsAdmin):
    list_display = ["title", "opens_at", "closes_at", "closed_at", "results_published_at"]
    readonly_fields = ["closed_at", "results_published_at", "created_by"]
    inlines = [QuestionInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class OptionInline(CityTextsTabularInline):
    model = Option
    extra = 2

    def _frozen(self, obj) -> bool:
        return obj is not None and _has_opened(obj.consultation)

    def has_add_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_delete_permission(request, obj)


@admin.register(Question)
class QuestionAdmin(CityTextsAdmin):
    list_display = ["text", "consultation", "kind"]
    list_select_related = ["consultation"]
    inlines = [OptionInline]

    def has_change_permission(self, request, obj=None):
        if obj is not None and _has_opened(obj.consultation):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and _has_opened(obj.consultation):
            return False
        return super().has_delete_permission(request, obj)
