"""The plan's public pages (dashboard, objective, indicator, chart, open data) and the climate team's
forms."""

import functools
import time

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Avg, Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from mobilization.plan import charts, downloads, fragments, services
from mobilization.plan.forms import IndicatorValueForm, TargetForm
from mobilization.plan.models import Indicator, IndicatorValue, Objective, Target
from mobilization.plan.trajectory import VALUE_FIELDS, trajectory_for


def permission_required(perm: str):
    """Visitors are sent to sign in; a member without the right gets 403."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


@require_safe
def dashboard(request):
    """Every objective as a card. The cards are cached as one fragment keyed on the objectives' versions."""
    return render(request, "plan/dashboard.html", {"cards": fragments.dashboard_cards(request)})


def _actions_of(objective) -> dict | None:
    """How many plan actions serve the objective and their average progress; None without the actions app."""
    try:
        action_model = apps.get_model("plan_actions", "Action")
    except LookupError:
        return None
    figures = action_model.objects.filter(objectives=objective).aggregate(
        count=Count("pk"), progress=Avg("progress")
    )
    try:
        url = reverse("plan_actions:list") + f"?objective={objective.slug}"
    except NoReverseMatch:
        url = None
    return {**figures, "url": url}


@require_safe
def objective_detail(request, slug):
    """Chart, table, summary, targets, indicators and method: one fragment cached on the data version (and
    on what the visitor may edit); the actions' figures, which change apart, are read on each visit."""
    objective = get_object_or_404(Objective, slug=slug)
    can_record = request.user.has_perm("plan.record_indicator_value")
    can_edit_targets = request.user.has_perm("plan.edit_targets")
    key = f"{charts.cache_key(objective, 'objective')}:{int(can_record)}{int(can_edit_targets)}"
    body = cache.get(key)
    if body is None:
        body = render_to_string(
            "plan/_objective_body.html", _objective_context(objective, can_record, can_edit_targets), request
        )
        cache.set(key, body, fragments.DASHBOARD_CACHE_SECONDS)
    return render(
        request,
        "plan/objective_detail.html",
        {"objective": objective, "body": body, "actions": _actions_of(objective)},
    )


def _objective_context(objective, can_record: bool, can_edit_targets: bool) -> dict:
    trajectory = trajectory_for(objective)
    indicators = list(objective.indicators.all())
    values = {}
    series = IndicatorValue.objects.filter(indicator__in=indicators).only(*VALUE_FIELDS)
    for value in series.order_by("year", "period_date"):
        values.setdefault(value.indicator_id, []).append(value)
    for indicator in indicators:
        indicator.series = values.get(indicator.pk, [])
    return {
        "objective": objective,
        "trajectory": trajectory,
        "assessment": trajectory.assessment,
        "chart_title": charts.chart_title(objective),
        "indicators": indicators,
        "can_record": can_record,
        "can_edit_targets": can_edit_targets,
    }


@require_safe
def chart(request, slug):
    """The objective's chart as SVG; cached until its data changes (the version is in the cache key)."""
    started = time.perf_counter()
    objective = get_object_or_404(Objective, slug=slug)
    svg = cache.get(charts.cache_key(objective))
    rendered_ms = None
    if svg is None:
        svg, rendered_ms = charts.chart_svg(trajectory_for(objective))
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    total = (time.perf_counter() - started) * 1000
    timing = f"total;dur={total:.1f}"
    if rendered_ms is not None:
        timing += f", render;dur={rendered_ms:.1f}"
    response["Server-Timing"] = timing
    response["X-Chart-Cache"] = "miss" if rendered_ms is not None else "hit"
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def indicator_detail(request, slug):
    indicator = get_object_or_404(Indicator.objects.select_related("objective"), slug=slug)
    return render(
        request,
        "plan/indicator_detail.html",
        {"indicator": indicator, "series": list(indicator.values.order_by("year", "period_date"))},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("plan.record_indicator_value")
def add_value(request, slug):
    objective = get_object_or_404(Objective, slug=slug)
    form = IndicatorValueForm(request.POST or None, objective=objective)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_value(
                data["indicator"],
                year=data["year"],
                value=data["value"],
                status=data["status"],
                source_citation=data["source_citation"],
                source_url=data["source_url"],
                note=data["note"],
                note_fr=data["note_fr"],
                by=request.user,
            )
        except services.PlanError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The %(year)s figure of “%(indicator)s” is recorded.")
                % {"year": data["year"], "indicator": data["indicator"].localized("title")},
            )
            return redirect(objective)
    return render(request, "plan/value_form.html", {"objective": objective, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("plan.edit_targets")
def target_form(request, slug, pk=None):
    objective = get_object_or_404(Objective, slug=slug)
    target = get_object_or_404(Target, pk=pk, objective=objective) if pk is not None else None
    form = TargetForm(request.POST or None, instance=target, objective=objective)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_target(form.save(commit=False), by=request.user)
        except (services.PlanError, ValidationError) as error:
            form.add_error(None, getattr(error, "message", None) or error.messages)
        else:
            messages.success(request, _("Target saved: %(label)s.") % {"label": saved.label})
            return redirect(objective)
    return render(request, "plan/target_form.html", {"objective": objective, "form": form, "target": target})


@require_safe
def open_data(request):
    return render(request, "plan/open_data.html", {"datasets": downloads.DATASETS.values()})


@require_safe
def download(request, dataset, format):
    spec = downloads.DATASETS.get(dataset)
    if spec is None or format not in downloads.FORMATS:
        raise Http404(_("No such download."))
    return downloads.respond(spec, format)
