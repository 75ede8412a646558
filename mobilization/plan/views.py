"""The plan's public pages (dashboard, objective, indicator, chart, open data) and the climate team's
forms."""

import time

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from mobilization.core.errors import DomainError
from mobilization.core.opendata import respond
from mobilization.core.permissions import permission_required
from mobilization.core.registries import learn_how_links
from mobilization.plan import charts, downloads, fragments, registries, services
from mobilization.plan.forms import IndicatorValueForm, TargetForm
from mobilization.plan.models import Indicator, IndicatorValue, Objective, Target
from mobilization.plan.trajectory import VALUE_FIELDS, trajectory_for


@require_safe
def dashboard(request):
    """Every objective as a card. The cards are cached as one fragment keyed on the objectives' versions."""
    return render(request, "plan/dashboard.html", {"cards": fragments.dashboard_cards(request)})


@require_safe
def objective_detail(request, slug):
    """Chart, table, summary, targets, indicators and method: one fragment cached on the data version (and
    on what the visitor may edit); then what other apps show of the objective (its actions...), which
    changes apart and is rendered on each visit (`registries.objective_sections`)."""
    objective = get_object_or_404(Objective, slug=slug)
    can_record = request.user.has_perm("plan.record_indicatorvalue")
    can_edit_targets = request.user.has_perm("plan.change_target")
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
        {
            "objective": objective,
            "body": body,
            "sections": registries.render_objective_sections(request, objective),
            # Guides that help with it (the learning app's, through the kernel's registry).
            "learn_how": learn_how_links(objective),
        },
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
    """The objective's chart as SVG; cached until its data changes (the version is in the cache key).
    `?layout=narrow` gives the phone's layout (larger type, legend below); anything else the wide one."""
    started = time.perf_counter()
    objective = get_object_or_404(Objective, slug=slug)
    layout = charts.NARROW if request.GET.get("layout") == charts.NARROW else charts.WIDE
    svg = cache.get(charts.chart_cache_key(objective, layout))
    rendered_ms = None
    if svg is None:
        svg, rendered_ms = charts.chart_svg(trajectory_for(objective), layout)
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
@permission_required("plan.record_indicatorvalue")
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
                note_fr=data["note_fr"],
                note_en=data["note_en"],
                by=request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The %(year)s figure of “%(indicator)s” is recorded.")
                % {"year": data["year"], "indicator": data["indicator"].title},
            )
            return redirect(objective)
    return render(request, "plan/value_form.html", {"objective": objective, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("plan.change_target")
def target_form(request, slug, pk=None):
    objective = get_object_or_404(Objective, slug=slug)
    target = get_object_or_404(Target, pk=pk, objective=objective) if pk is not None else None
    form = TargetForm(request.POST or None, instance=target, objective=objective)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_target(form.save(commit=False), by=request.user)
        except (DomainError, ValidationError) as error:
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
    if spec is None or format not in spec.formats:
        raise Http404(_("No such download."))
    return respond(spec, format, filename=f"plan-{spec.slug}.{format}")
