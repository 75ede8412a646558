"""The pages of the action plan and of the anonymous figures per arrondissement.

The plan page is everyone's: a signed-in person's plan is kept in the database, a visitor's in their
session only. Every change is one POST form (no JavaScript needed) that comes back to the page.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_ratelimit.decorators import ratelimit

from mobilization.core.errors import DomainError
from mobilization.core.opendata import respond
from mobilization.footprint import aggregates, answers, downloads, plan_charts, plans, results, services
from mobilization.footprint.plan_forms import PlanChangeForm


def _language() -> str:
    return "en" if (get_language() or "fr").startswith("en") else "fr"


def answers_in_progress(request) -> dict:
    """The answers of the questionnaire in progress (the calculator keeps them in the session)."""
    return answers.current(request)


def plan_page(request) -> plans.PlanPage:
    """The person's plan page: from the database when signed in, else from their session."""
    answers = answers_in_progress(request)
    if request.user.is_authenticated:
        return plans.signed_in_page(request.user, answers_in_progress=answers, language=_language())
    chosen = plans.session_plan(request.session.get(plans.SESSION_KEY))
    return plans.page(answers, chosen, _language())


def projection_chart(current: plans.PlanPage):
    projection = current.projection
    return plan_charts.bars(
        [(_("Your footprint today"), projection.current), (_("With your plan"), projection.projected)],
        title=_("Your footprint today and with your plan, in tonnes of CO2e a year, against the 2 t target"),
        ident="plan-projection",
        target=(_("2 t target"), projection.target),
    )


def answers_changed_since_saved(request, current: plans.PlanPage) -> bool:
    """A signed-in person changed answers since their latest save: the plan still follows the save."""
    if current.footprint is None:
        return False
    saved = current.footprint.situation if isinstance(current.footprint.situation, dict) else {}
    return answers_in_progress(request) != results.clean_situation(saved)


@require_safe
def plan(request):
    current = plan_page(request)
    return render(
        request,
        "footprint/plan.html",
        {
            "page": current,
            "chart": projection_chart(current),
            "model_version": services.MODEL_VERSION,
            "is_saved": current.footprint is not None,
            "answers_changed": answers_changed_since_saved(request, current),
        },
    )


def _change_signed_in(request, rule: str, do: str) -> None:
    answers = answers_in_progress(request)
    if do == "choose":
        plans.choose(request.user, rule, answers_in_progress=answers, language=_language())
        return
    item = plans.item_of(request.user, rule)
    if do == "done":
        plans.mark_done(item, by=request.user)
    elif do == "planned":
        plans.mark_planned(item, by=request.user)
    else:
        plans.remove(item, answers_in_progress=answers, language=_language())


def _change_in_session(request, rule: str, do: str) -> None:
    chosen = plans.session_plan(request.session.get(plans.SESSION_KEY))
    request.session[plans.SESSION_KEY] = plans.session_change(chosen, rule, do, answers_in_progress(request))


@require_POST
@ratelimit(key="user_or_ip", rate="120/h", method="POST", block=True)
def change(request):
    form = PlanChangeForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(
            _("This change cannot be made."), content_type="text/plain; charset=utf-8"
        )
    rule, do = form.cleaned_data["rule"], form.cleaned_data["do"]
    try:
        if request.user.is_authenticated:
            _change_signed_in(request, rule, do)
        else:
            _change_in_session(request, rule, do)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        done = {
            "choose": _("The action is in your plan."),
            "done": _("Well done: the action is marked done."),
            "planned": _("The action is planned again."),
            "remove": _("The action is off your plan."),
        }
        messages.success(request, done[do])
    return redirect(reverse("footprint_plan:plan") + "#plan-chosen")


# --- The anonymous figures per arrondissement ---------------------------------------------------------


def aggregates_chart(rows: list[aggregates.DistrictRow]):
    return plan_charts.bars(
        [(row.name, row.figures.median_kg) for row in rows],
        title=_("Median carbon footprint per arrondissement, in tonnes of CO2e a year"),
        ident="by-arrondissement",
        target=(_("2 t target"), 2000.0),
        missing=_("fewer than 10 people: not shown"),
        colours=(plan_charts.BAR_COLOURS[1],),
    )


@require_safe
def by_arrondissement(request):
    rows = aggregates.by_arrondissement()
    return render(
        request,
        "footprint/by_arrondissement.html",
        {
            "rows": rows,
            "chart": aggregates_chart(rows),
            "minimum": aggregates.MINIMUM_GROUP,
            "dataset": downloads.BY_ARRONDISSEMENT,
            "model_version": services.MODEL_VERSION,
        },
    )


@require_safe
def download(request, dataset, fmt):
    data = downloads.DATASETS.get(dataset)
    if data is None or fmt not in (*data.formats, "txt"):
        raise Http404
    if fmt == "txt":
        response = HttpResponse(data.readme(), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{dataset}-README.txt"'
        return response
    return respond(data, fmt)
