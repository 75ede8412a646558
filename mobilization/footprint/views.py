"""Pages of the footprint calculator: the questionnaire (one step at a time, plain forms), the result,
the documentation of each rule of the model, and a signed-in person's saved footprints.

The questionnaire and the result depend on the person's answers, kept in their session: those pages are
private (`Cache-Control: private`), never kept by a shared cache. A rule's documentation is the same for
everyone, and public.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mobilization.footprint import answers as stored
from mobilization.footprint import charts, documentation, questionnaire, results, saving, services
from mobilization.footprint.forms import UNANSWERED, SaveForm, StepForm
from mobilization.footprint.models import SavedFootprint

private = cache_control(private=True, no_cache=True)


def language() -> str:
    code = (get_language() or "fr")[:2]
    return code if code in services.MODEL_FILES else "fr"


def step_url(step: questionnaire.Step) -> str:
    return reverse("footprint:step", kwargs={"key": step.key})


def _first_step_url() -> str:
    return step_url(questionnaire.steps()[0])


@private
@require_safe
def start(request):
    answers = stored.current(request)
    return render(
        request,
        "footprint/start.html",
        {
            "answered": len(answers),
            "first_step_url": _first_step_url(),
            "average": results.average(),
            "target_tonnes": results.TARGET_KG / 1000,
        },
    )


def _format_default(name: str, value, lang: str) -> str:
    """The model's value of a question, as the person reads it."""
    text = questionnaire.text(name, lang)
    if value is True or value == "oui":
        return _("Yes")
    if value is False or value == "non":
        return _("No")
    if isinstance(value, str):
        return text.choice_labels.get(f"'{value}'", value)
    if isinstance(value, float):
        value = round(value, 2)
        shown = formats.number_format(value, decimal_pos=0 if value.is_integer() else None, use_l10n=True)
        return f"{shown} {text.unit}".strip()
    return ""


def _questions_context(form: StepForm, step: questionnaire.Step, answers: dict, lang: str) -> list[dict]:
    """Each shown question with its field, help, unit, suggestions and default, by group (a mosaic's
    questions under its own question)."""
    others = {name: value for name, value in answers.items() if name not in step.questions}
    defaults = services.model().evaluator(others)
    by_name = {name: key for key, name in form.names.items()}
    groups = []
    for group in step.groups:
        shown = [name for name in group.questions if name in by_name]
        if not shown:
            continue
        items = []
        for name in shown:
            text = questionnaire.text(name, lang)
            items.append(
                {
                    "name": name,
                    "field": form[by_name[name]],
                    "text": text,
                    "description": questionnaire.help_html(name, lang),
                    "default": _format_default(name, defaults.evaluate(name)[0], lang),
                    "answered": name in answers,
                    "doc_url": documentation.rule_url(name),
                }
            )
        legend = questionnaire.text(group.mosaic, lang).question if group.mosaic and len(shown) > 1 else ""
        groups.append({"legend": legend, "items": items})
    return groups


def _next_step(evaluator, index: int, direction: int = 1):
    all_steps = questionnaire.steps()
    position = index + direction
    while 0 <= position < len(all_steps):
        if questionnaire.applicable(evaluator, all_steps[position].questions):
            return all_steps[position]
        position += direction
    return None


@private
@require_http_methods(["GET", "HEAD", "POST"])
def step(request, key):
    index = questionnaire.step_index().get(key)
    if index is None:
        raise Http404
    current_step = questionnaire.steps()[index]
    lang = language()
    answers = stored.current(request)
    evaluator = services.model().evaluator(answers)
    shown = questionnaire.applicable(evaluator, current_step.questions)
    if not shown:
        following = _next_step(evaluator, index)
        return redirect(step_url(following) if following else reverse("footprint:result"))
    if request.method == "POST":
        form = StepForm(request.POST, step=current_step, shown=shown, language=lang)
        if form.is_valid():
            given, cleared = form.answers()
            answers = stored.update(request, given, cleared)
            action = request.POST.get("action")
            if action == "result":
                return redirect("footprint:result")
            evaluator = services.model().evaluator(answers)
            if action == "previous":
                previous = _next_step(evaluator, index, -1)
                return redirect(step_url(previous) if previous else reverse("footprint:start"))
            if set(questionnaire.applicable(evaluator, current_step.questions)) - set(shown):
                messages.info(request, _("Your answers bring more questions on this page."))
                return redirect(step_url(current_step))
            following = _next_step(evaluator, index)
            return redirect(step_url(following) if following else reverse("footprint:result"))
    else:
        form = StepForm(step=current_step, shown=shown, language=lang)
        form.initial = form.initial_from(answers)
    applicable_steps = questionnaire.applicable_steps(evaluator)
    position = next((i for i, s in enumerate(applicable_steps, start=1) if s.key == key), 1)
    return render(
        request,
        "footprint/step.html",
        {
            "step": current_step,
            "form": form,
            "groups": _questions_context(form, current_step, answers, lang),
            "category_title": questionnaire.title(current_step.category, lang),
            "section_titles": [
                questionnaire.title(name, lang)
                for name in current_step.sections
                if name != current_step.category
            ],
            "position": position,
            "steps_count": len(applicable_steps),
            "has_previous": _next_step(evaluator, index, -1) is not None,
            "unanswered": UNANSWERED,
        },
    )


def _chart_rows(figures: results.Breakdown, lang: str) -> list[tuple[str, float, bool]]:
    rows = []
    for category in figures.categories:
        rows.append((questionnaire.title(category.name, lang), category.tonnes, True))
        for part in category.parts:
            if part.kg >= figures.total_kg * 0.01:
                rows.append((questionnaire.title(part.name, lang), part.tonnes, False))
    return rows


def _table(figures: results.Breakdown, lang: str) -> list[dict]:
    return [
        {
            "name": category.name,
            "title": questionnaire.title(category.name, lang),
            "icons": questionnaire.icons(category.name),
            "tonnes": category.tonnes,
            "share": 100 * category.kg / figures.total_kg if figures.total_kg else 0,
            "url": documentation.rule_url(category.name),
            "parts": [
                {
                    "title": questionnaire.title(part.name, lang),
                    "tonnes": part.tonnes,
                    "url": documentation.rule_url(part.name),
                }
                for part in category.parts
            ],
        }
        for category in figures.categories
    ]


@private
@require_safe
def result(request):
    lang = language()
    answers = stored.current(request)
    figures = results.breakdown(answers)
    average = results.average()
    return render(
        request,
        "footprint/result.html",
        {
            "figures": figures,
            "average": average,
            "target_tonnes": results.TARGET_KG / 1000,
            "answered": len(answers),
            "chart": charts.bars(
                _chart_rows(figures, lang), title=_("Your footprint by category and sub-category"), unit="t"
            ),
            "table": _table(figures, lang),
            "total_url": documentation.rule_url(services.TOTAL),
            "first_step_url": _first_step_url(),
            "save_form": SaveForm() if request.user.is_authenticated else None,
        },
    )


@login_required
@require_POST
def save(request):
    form = SaveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an arrondissement from the list, or none."))
        return redirect("footprint:result")
    saving.save_footprint(request.user, stored.current(request), district=form.cleaned_data["district"])
    messages.success(request, _("Your footprint is saved."))
    return redirect("footprint:history")


@require_POST
def restart(request):
    stored.forget(request)
    messages.info(request, _("Your answers are cleared: every question takes the model's value again."))
    return redirect(_first_step_url())


@login_required
@require_safe
def history(request):
    saved = list(SavedFootprint.objects.of(request.user).select_related("district"))
    chronological = list(reversed(saved))
    average = results.average()
    chart = None
    if chronological:
        chart = charts.line(
            [(formats.date_format(s.created_at, "SHORT_DATE_FORMAT"), s.total_tonnes) for s in chronological],
            title=_("Your footprint over time (tCO2e a year)"),
            unit="t",
            references=[
                (_("French average"), average.total_tonnes),
                (_("2 t target"), results.TARGET_KG / 1000),
            ],
        )
    lang = language()
    return render(
        request,
        "footprint/history.html",
        {
            "saved": saved,
            "chart": chart,
            "categories": [(name, questionnaire.title(name, lang)) for name in services.CATEGORIES],
            "first_step_url": _first_step_url(),
        },
    )


@require_safe
def rule(request, path):
    name = documentation.rule_name(path)
    if name is None:
        raise Http404
    return render(request, "footprint/rule.html", {"doc": documentation.document(name, language())})


def profile_section(request) -> str:
    """The person's latest saved footprint on their account page (registered in apps.py)."""
    latest = SavedFootprint.objects.of(request.user).first()
    return render_to_string("footprint/_profile_footprint.html", {"latest": latest}, request=request)
