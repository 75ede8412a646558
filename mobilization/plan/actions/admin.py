from django import forms
from django.contrib import admin

from mobilization.core.translation_admin import CityTextsAdmin, CityTextsTabularInline
from mobilization.plan.actions import services
from mobilization.plan.actions.models import Action, ActionImport, CategorySector, Milestone


class MilestoneInline(CityTextsTabularInline):
    """The action's timeline. New and changed milestones are saved by the services (see
    `ActionAdmin.save_formset`), so that the latest one moves the action's status and progress."""

    model = Milestone
    extra = 0
    fields = ["date", "title", "status", "progress"]


class ActionAdminForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "reference", "title_fr", "title_en", "description_fr", "description_en", "objectives", "sector",
            "department_fr", "department_en", "status",
            "progress_override", "start_date", "end_date", "budget_planned", "budget_spent", "latitude",
            "longitude", "district", "parent", "weight",
        ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        try:
            services.check_parent(self.instance, cleaned.get("parent"))
        except services.ParentCycle as error:
            self.add_error("parent", error.message)
        return cleaned


@admin.register(Action)
class ActionAdmin(CityTextsAdmin):
    """The pages (plan_actions:edit) are the usual place to edit an action; here too, the progress is
    recomputed up the chain on save, on a new or changed milestone and when an action is deleted."""

    list_display = ["reference", "title", "sector", "status", "progress", "parent"]
    list_filter = ["sector", "status", "source"]
    search_fields = [
        "reference", "title_fr", "title_en", "department_fr", "department_en", "external_id"
    ]  # fmt: skip
    list_select_related = ["parent"]
    raw_id_fields = ["parent"]
    filter_horizontal = ["objectives"]
    readonly_fields = ["progress", "source", "external_id"]
    inlines = [MilestoneInline]
    form = ActionAdminForm

    def save_model(self, request, obj, form, change):
        """A new action is created as the admin does; a change of an existing one (its status among them)
        goes through the service, as on the app's pages: row locked, change audited."""
        if not change:
            return super().save_model(request, obj, form, change)
        changed = sorted(name for name in form.changed_data if name != "objectives")
        if changed:
            services.save_changes(
                obj, {name: getattr(obj, name) for name in changed}, by=request.user, fields=changed
            )
        return None

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        old_parent_id = form.initial.get("parent")
        services.recompute_progress(form.instance)
        if old_parent_id and old_parent_id != form.instance.parent_id:
            old_parent = Action.objects.filter(pk=old_parent_id).first()
            if old_parent:
                services.recompute_progress(old_parent)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Milestone:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for milestone in formset.deleted_objects:
            milestone.delete()
        for milestone, changed_fields in formset.changed_objects:
            milestone.action = form.instance  # the same object save_related recomputes afterwards
            services.update_milestone(
                milestone, by=request.user, **{name: getattr(milestone, name) for name in changed_fields}
            )
        # Oldest first, so that the latest new milestone is the one the action follows.
        for milestone in sorted(formset.new_objects, key=lambda milestone: milestone.date):
            saved = services.add_milestone(
                form.instance,
                by=request.user,
                date=milestone.date,
                **{name: getattr(milestone, name) for name in services.MILESTONE_TEXTS},
                status=milestone.status,
                progress=milestone.progress,
            )
            milestone.pk = saved.pk
        return None

    def delete_model(self, request, obj):
        services.delete_actions([obj], by=request.user)

    def delete_queryset(self, request, queryset):
        services.delete_actions(queryset.only("pk", "parent_id", "reference"), by=request.user)


@admin.register(ActionImport)
class ActionImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "format", "status", "created_by", "created_at"]
    list_filter = ["status", "format"]
    readonly_fields = ["file_name", "format", "status", "report", "created_by", "started_at", "finished_at"]
    exclude = ["content"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CategorySector)
class CategorySectorAdmin(admin.ModelAdmin):
    """The sector chosen for each Decidim category in an import's preview, offered at the next import."""

    list_display = ["category", "sector", "chosen_by", "updated_at"]
    list_filter = ["sector"]
    search_fields = ["category"]
    fields = ["category", "sector"]

    def save_model(self, request, obj, form, change):
        obj.key = CategorySector.key_for(obj.category)
        obj.chosen_by = request.user
        super().save_model(request, obj, form, change)
