import hashlib
from collections.abc import Sequence
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mobilization.core import audit, shell
from mobilization.core.errors import DomainError
from mobilization.core.opendata import CSV, JSON, respond
from mobilization.core.permissions import permission_required, permitted_object
from mobilization.plan.actions import downloads, services
from mobilization.plan.actions.filters import ActionFilter
from mobilization.plan.actions.forms import ActionForm, ActionImportForm, ImportConfirmForm, MilestoneForm
from mobilization.plan.actions.models import Action, ActionImport
from mobilization.plan.actions.tasks import run_import
from mobilization.plan.models import Objective

ACTIONS_PER_PAGE = 25
# The key holds the actions' version, so a change shows at once; the time only bounds the cache's size.
LIST_CACHE_SECONDS = 10 * 60


def filtered_actions(action_filter: ActionFilter):
    """The actions the filters keep (none when a filter's value is not valid). Only the filter on an
    objective joins a table of several rows per action: only then are duplicates removed."""
    if not action_filter.is_valid():
        return Action.objects.none()
    actions = action_filter.qs
    return actions.distinct() if action_filter.form.cleaned_data.get("objective") else actions


def list_content(request, version: str) -> str:
    """The filters, the progress by sector and the page of actions, as HTML.

    What depends on the filters alone (the progress by sector), the page of the list (how many actions
    match, which are on this page) and each action's card are cached under the actions' version: another
    page, or another address with the same filters, reads none of them again."""
    action_filter = ActionFilter(request.GET, queryset=Action.objects.all())
    form_values = [(name, request.GET.get(name, "")) for name in ActionFilter.base_filters]
    form_key = hashlib.sha256(urlencode(form_values).encode()).hexdigest()[:32]
    piece = f"{get_language()}:{version}:{form_key}"
    page_key = hashlib.sha256(request.GET.get("page", "").encode()).hexdigest()[:16]
    listing_key = f"plan_actions:listing:{piece}:{page_key}"
    listing = cache.get(listing_key)
    if listing is None:
        actions = filtered_actions(action_filter)
        ids = actions.order_by("reference").values_list("pk", flat=True)
        page = Paginator(ids, ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
        listing = (page.paginator.count, page.number, list(page.object_list))
        cache.set(listing_key, listing, LIST_CACHE_SECONDS)
    count, number, ids = listing
    # Rendered, not only computed, once per filters: its figures go through a dozen filters per sector.
    overview_key = f"plan_actions:overview-html:{piece}"
    overview = cache.get(overview_key)
    if overview is None:
        actions = filtered_actions(action_filter)
        rows = services.sector_overview(Action.objects.filter(pk__in=actions.values("pk")))
        overview = render_to_string("plan_actions/_sector_overview.html", {"overview": rows})
        cache.set(overview_key, overview, LIST_CACHE_SECONDS)
    page = Paginator(Counted(count), ACTIONS_PER_PAGE).page(number)
    page.object_list = action_cards(ids, version)
    context = {
        "action_filter": action_filter,
        "page": page,
        "overview": mark_safe(overview),  # noqa: S308 -- rendered by our escaping template
        "form_key": form_key,
        "version": version,
    }
    return render_to_string("plan_actions/_action_list_content.html", context, request=request)


class Counted(Sequence):
    """A list known by its length alone, for a Paginator whose page's actions were kept in the cache."""

    def __init__(self, count: int):
        self._count = count

    def __len__(self):
        return self._count

    def __getitem__(self, index):
        return []


def action_cards(ids: list[int], version: str) -> list[str]:
    """The cards of these actions as HTML, each cached until the actions' version changes."""
    keys = [f"plan_actions:card:{get_language()}:{version}:{pk}" for pk in ids]
    cached = cache.get_many(keys)
    missing = [pk for pk, key in zip(ids, keys, strict=True) if key not in cached]
    if missing:
        actions = (
            Action.objects.select_related("parent")
            .prefetch_related(Prefetch("objectives", queryset=Objective.objects.only("slug", "title")))
            .in_bulk(missing)
        )
        template = get_template("plan_actions/_action_card.html")
        fresh = {
            key: template.render({"action": actions[pk]})
            for pk, key in zip(ids, keys, strict=True)
            if key not in cached and pk in actions
        }
        cache.set_many(fresh, LIST_CACHE_SECONDS)
        cached.update(fresh)
    return [mark_safe(cached[key]) for key in keys if key in cached]  # noqa: S308 -- our template


@require_safe
def action_list(request):
    """The actions, filtered, with their progress by sector. The filters, overview and list are rendered
    once per query and version of the actions (services.actions_version), then cached."""
    query = urlencode(sorted((name, value) for name in request.GET for value in request.GET.getlist(name)))
    version = services.actions_version()
    digest = hashlib.sha256(f"{version}|{query}".encode()).hexdigest()[:40]
    key = f"plan_actions:list:{get_language()}:{digest}"
    content = cache.get(key)
    if content is None:
        content = list_content(request, version)
        cache.set(key, content, LIST_CACHE_SECONDS)
    return shell.render_page(
        request,
        "plan_actions/action_list.html",
        {"can_import": request.user.has_perm("plan_actions.import_action")},
        {"content": mark_safe(content)},  # noqa: S308 -- rendered by our escaping template
    )


ACTION_PAGES = Action.objects.select_related("parent", "district").prefetch_related(
    "objectives"
)  # what a page shows


@require_safe
def action_detail(request, reference):
    action = get_object_or_404(ACTION_PAGES, reference=reference)
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
    "title_fr", "title_en", "description_fr", "description_en", "sector", "department_fr", "department_en",
    "status", "progress_override", "start_date", "end_date",
    "budget_planned", "budget_spent", "parent", "weight", "latitude", "longitude",
]  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, reference):
    action = permitted_object(request, ACTION_PAGES, "plan_actions.change_action", reference=reference)
    form = ActionForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in FORM_FIELDS}
        try:
            services.update_action(
                action, by=request.user, objectives=form.cleaned_data["objectives"], **fields
            )
        except DomainError as error:
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
    action = permitted_object(request, ACTION_PAGES, "plan_actions.add_milestone", reference=reference)
    form = MilestoneForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_milestone(action, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("The milestone is added to the timeline."))
            return redirect(action)
    return render(request, "plan_actions/milestone_form.html", {"action": action, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
@permission_required("plan_actions.import_action")
def import_upload(request):
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
@permission_required("plan_actions.view_actionimport")
def import_status(request, pk):
    action_import = get_object_or_404(
        ActionImport.objects.select_related("created_by__profile").defer("content"), pk=pk
    )
    if request.htmx and request.GET.get("shown") == action_import.status:
        return HttpResponse(status=204)  # the page's poll, and nothing has changed: htmx swaps nothing
    return _import_page(request, action_import)


def _categories(action_import: ActionImport) -> list[dict]:
    return (action_import.report or {}).get("preview", {}).get("categories", [])


OUTCOME_LABELS = {
    "create": gettext_lazy("Created"),
    "update": gettext_lazy("Updated"),
    "unchanged": gettext_lazy("Left alone"),
}


def _preview_rows(preview: dict | None) -> list[dict]:
    """The preview's rows with the labels the page shows (what the worker stored holds the values)."""
    statuses, sectors = dict(Action.Status.choices), dict(Action.Sector.choices)
    return [
        {
            **row,
            "outcome_label": OUTCOME_LABELS.get(row["outcome"], row["outcome"]),
            "status_label": statuses.get(row.get("status"), ""),
            "sector_label": sectors.get(row.get("sector"), ""),
        }
        for row in (preview or {}).get("rows", [])
    ]


def _import_page(request, action_import: ActionImport, form=None):
    report = action_import.report or {}
    is_previewed = action_import.status == ActionImport.Status.PREVIEWED
    if form is None and is_previewed:
        form = ImportConfirmForm(categories=_categories(action_import))
    return render(
        request,
        "plan_actions/import_status.html",
        {
            "action_import": action_import,
            "report": report,
            "preview": report.get("preview") if is_previewed else None,
            "preview_rows": _preview_rows(report.get("preview")) if is_previewed else [],
            "site_language": settings.LANGUAGE_CODE,
            "form": form,
            "is_pending": action_import.status in {ActionImport.Status.QUEUED, ActionImport.Status.RUNNING},
        },
    )


@login_required
@require_POST
@permission_required("plan_actions.import_action")
def import_confirm(request, pk):
    """Staff confirm the preview (and the sector of each category): the import runs in the background."""
    action_import = get_object_or_404(
        ActionImport.objects.select_related("created_by__profile").defer("content"), pk=pk
    )
    form = ImportConfirmForm(request.POST, categories=_categories(action_import))
    if not form.is_valid():
        return _import_page(request, action_import, form)
    try:
        services.confirm_import(action_import, by=request.user, sector_mapping=form.sector_mapping())
    except DomainError as error:
        messages.error(request, error.message)
    else:
        run_import.enqueue(action_import.pk)
        messages.success(request, _("Confirmed: the actions are being imported."))
    return redirect(action_import)


@login_required
@require_POST
@permission_required("plan_actions.import_action")
def import_cancel(request, pk):
    action_import = get_object_or_404(ActionImport.objects.defer("content"), pk=pk)
    try:
        services.cancel_import(action_import, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The import is cancelled: nothing was changed."))
    return redirect(action_import)


def _download(request, dataset, format, filename, rows_key="rows"):
    """The dataset's rows for the actions matching the list's filters (a bad filter matches none)."""
    actions = filtered_actions(ActionFilter(request.GET, queryset=Action.objects.all())).distinct()
    return respond(dataset, format, rows=dataset.rows(actions), filename=filename, rows_key=rows_key)


@require_safe
def export_csv(request):
    return _download(request, downloads.ACTIONS, CSV, "plan-actions.csv")


@require_safe
def export_json(request):
    return _download(request, downloads.ACTIONS_IN_DETAIL, JSON, "plan-actions.json", rows_key="actions")


@require_safe
def export_milestones_csv(request):
    return _download(request, downloads.MILESTONES, CSV, "plan-action-milestones.csv")


@require_safe
def export_milestones_json(request):
    return _download(
        request, downloads.MILESTONES, JSON, "plan-action-milestones.json", rows_key="milestones"
    )


@require_safe
def download_readme(request):
    return render(
        request,
        "plan_actions/downloads.html",
        {"actions": downloads.ACTIONS, "milestones": downloads.MILESTONES},
    )
