from django import forms
from django.contrib import admin

from mobilization.plan.actions import services
from mobilization.plan.actions.models import Action, ActionImport, Milestone


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ["date", "title", "status", "progress"]


class ActionAdminForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "reference", "title", "description", "objectives", "sector", "department", "status",
            "progress_override", "start_date", "end_date", "budget_planned", "budget_spent", "latitude",
            "longitude", "parent", "weight",
        ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        try:
            services.check_parent(self.instance, cleaned.get("parent"))
        except services.ParentCycle as error:
            self.add_error("parent", error.message)
        return cleaned


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    """The pages (plan_actions:edit) are the usual place to edit an action; here too, the progress is
    recomputed up the chain on save."""

    list_display = ["reference", "title", "sector", "status", "progress", "parent"]
    list_filter = ["sector", "status", "source"]
    search_fields = ["reference", "title", "department", "external_id"]
    list_select_related = ["parent"]
    raw_id_fields = ["parent"]
    filter_horizontal = ["objectives"]
    readonly_fields = ["progress", "source", "external_id"]
    inlines = [MilestoneInline]
    form = ActionAdminForm

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        old_parent_id = form.initial.get("parent")
        services.recompute_progress(form.instance)
        if old_parent_id and old_parent_id != form.instance.parent_id:
            old_parent = Action.objects.filter(pk=old_parent_id).first()
            if old_parent:
                services.recompute_progress(old_parent)


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
