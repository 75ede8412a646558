"""Staff write trainings and their quizzes here (French and English side by side); publishing,
archiving and revoking go through the services (and so through `core.transitions`)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from mobilization.core.errors import DomainError
from mobilization.core.translation_admin import CityTextsAdmin, CityTextsTabularInline
from mobilization.learning import services
from mobilization.learning.models import Certification, QuizChoice, QuizQuestion, Training


class QuizQuestionInline(CityTextsTabularInline):
    model = QuizQuestion
    extra = 0
    fields = ["text", "position"]
    show_change_link = True


class QuizChoiceInline(CityTextsTabularInline):
    model = QuizChoice
    extra = 0
    fields = ["text", "is_correct"]


def _each(modeladmin, request, queryset, service, done):
    for obj in queryset:
        try:
            service(obj, by=request.user)
        except DomainError as error:
            modeladmin.message_user(request, f"{obj}: {error.message}", messages.WARNING)
        else:
            modeladmin.message_user(request, done % {"title": obj})


@admin.register(Training)
class TrainingAdmin(CityTextsAdmin):
    list_display = ["title", "code", "status", "requires_quiz", "validity_months"]
    list_filter = ["status", "requires_quiz"]
    search_fields = ["title", "code"]
    readonly_fields = ["status", "created_at", "updated_at"]
    filter_horizontal = ["trainers"]
    raw_id_fields = ["created_by"]
    inlines = [QuizQuestionInline]
    actions = ["publish", "archive"]

    @admin.action(description=_("Publish the selected trainings"))
    def publish(self, request, queryset):
        _each(self, request, queryset, services.publish_training, _("“%(title)s” is published."))

    @admin.action(description=_("Archive the selected trainings"))
    def archive(self, request, queryset):
        _each(self, request, queryset, services.archive_training, _("“%(title)s” is archived."))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(QuizQuestion)
class QuizQuestionAdmin(CityTextsAdmin):
    list_display = ["text", "training", "position"]
    list_filter = ["training"]
    inlines = [QuizChoiceInline]


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ["code", "training", "granted_on", "expires_on", "status"]
    list_filter = ["status", "training"]
    search_fields = ["code"]
    readonly_fields = [f.name for f in Certification._meta.fields]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # granted by attendance only

    @admin.action(description=_("Revoke the selected certifications"))
    def revoke(self, request, queryset):
        def revoke(certification, *, by):
            return services.revoke_certification(certification, by=by, reason="staff")

        _each(self, request, queryset, revoke, _("“%(title)s” is revoked."))
