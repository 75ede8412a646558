import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from mobilization.core import audit
from mobilization.plan.actions import downloads, importers, services
from mobilization.plan.actions.api import action_payload
from mobilization.plan.actions.filters import ActionFilter
from mobilization.plan.actions.forms import ActionForm, ActionImportForm, MilestoneForm
from mobilization.plan.actions.models import Action, ActionImport
from mobilization.plan.actions.tasks import run_import
from mobilization.plan.models import Objective

ACTIONS_PER_PAGE = 25


def _require(request, permission, obj=None):
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied(_("Only the city's climate team may do this."))


def filtered_actions(params):
    action_filter = ActionFilter(params, queryset=Action.objects.all())
    return action_filter, action_filter.qs.distinct() if action_filter.is_valid() else Action.objects.none()


@require_safe
def action_list(request):
    action_filter, actions = filtered_actions(request.GET)
    listed = actions.select_related("parent").prefetch_related(
        Prefetch("objectives", queryset=Objective.objects.only("slug", "title"))
    )
    page = Paginator(listed.order_by("reference"), ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    overview = services.sector_overview(Action.objects.filter(pk__in=actions.values("pk")))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "plan_actions/action_list.html",
        {
            "action_filter": action_filter,
            "page": page,
            "overview": overview,
            "query": query.urlencode(),
            "can_import": request.user.has_perm("plan_actions.import_actions"),
        },
    )


def _action(reference):
    return get_object_or_404(
        Action.objects.select_related("parent").prefetch_related("objectives"), reference=reference
    )


@require_safe
def action_detail(request, reference):
    action = _action(reference)
    return render(
        request,
        "plan_actions/action_detail.html",
        {
            "action": action,
            "children": action.children.order_by("reference"),
            "milestones": action.milestones.order_by("date", "pk"),
            "can_edit": request.user.has_perm("plan_actions.change_action", action),
            "can_add_milestone": request.user.has_perm("plan_actions.add_milestone", action),
        },
    )


FORM_FIELDS = [
    "title", "description", "sector", "department", "status", "progress_override", "start_date", "end_date",
    "budget_planned", "budget_spent", "parent", "weight", "latitude", "longitude",
]  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, reference):
    action = _action(reference)
    _require(request, "plan_actions.change_action", action)
    form = ActionForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in FORM_FIELDS}
        try:
            services.update_action(
                action, by=request.user, objectives=form.cleaned_data["objectives"], **fields
            )
        except services.ActionError as error:
            form.add_error("parent", error.message)
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(
                request,
                _("The action is saved; its progress is %(progress)s %%.") % {"progress": action.progress},
            )
            return redirect(action)
        action.refresh_from_db()
    return render(request, "plan_actions/action_form.html", {"action": action, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def milestone_add(request, reference):
    action = _action(reference)
    _require(request, "plan_actions.add_milestone", action)
    form = MilestoneForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_milestone(action, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("The milestone is added to the timeline."))
            return redirect(action)
    return render(request, "plan_actions/milestone_form.html", {"action": action, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    _require(request, "plan_actions.import_actions")
    form = ActionImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        action_import = ActionImport.objects.create(
            file_name=form.file_name, content=form.text, format=form.detected_format, created_by=request.user
        )
        audit.record(request.user, "plan_actions.import_uploaded", action_import, format=form.detected_format)
        run_import.enqueue(action_import.pk)
        return redirect(action_import)
    recent = ActionImport.objects.select_related("created_by").defer("content")[:10]
    return render(request, "plan_actions/import_form.html", {"form": form, "recent": recent})


@login_required
@require_safe
@never_cache  # the page (and its htmx polling) must show the import as it is now, never a stored copy
def import_status(request, pk):
    _require(request, "plan_actions.view_import")
    action_import = get_object_or_404(
        ActionImport.objects.select_related("created_by__profile").defer("content"), pk=pk
    )
    if request.htmx and request.GET.get("shown") == action_import.status:
        return HttpResponse(status=204)  # the page's poll, and nothing has changed: htmx swaps nothing
    report = action_import.report or {}
    return render(
        request,
        "plan_actions/import_status.html",
        {
            "action_import": action_import,
            "report": report,
            "is_pending": action_import.status in {ActionImport.Status.QUEUED, ActionImport.Status.RUNNING},
        },
    )


@require_safe
def export_csv(request):
    _action_filter, actions = filtered_actions(request.GET)
    response = HttpResponse(importers.export_csv(actions), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="plan-actions.csv"'
    return response


@require_safe
def export_json(request):
    _action_filter, actions = filtered_actions(request.GET)
    actions = actions.select_related("parent").prefetch_related("objectives", "milestones", "children")
    payload = {
        "licence": downloads.LICENCE,
        "readme": request.build_absolute_uri(reverse("plan_actions:download_readme")),
        "actions": [action_payload(action, with_details=True) for action in actions.order_by("reference")],
    }
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=1, default=str), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="plan-actions.json"'
    return response


@require_safe
def export_milestones_csv(request):
    _action_filter, actions = filtered_actions(request.GET)
    response = HttpResponse(downloads.milestones_csv(actions), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="plan-action-milestones.csv"'
    return response


@require_safe
def export_milestones_json(request):
    _action_filter, actions = filtered_actions(request.GET)
    readme_url = request.build_absolute_uri(reverse("plan_actions:download_readme") + "#milestone-columns")
    response = HttpResponse(
        downloads.milestones_json(actions, readme_url=readme_url),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="plan-action-milestones.json"'
    return response


@require_safe
def download_readme(request):
    return render(
        request,
        "plan_actions/downloads.html",
        {"columns": importers.OWN_COLUMNS + importers.EXPORT_ONLY_COLUMNS},
    )
