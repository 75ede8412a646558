"""Pages of co-design: they read the request, ask the rules, call a service and render.

The board, the roadmap, the release notes and a closed survey's results are public reads: for a visitor
who is not signed in they hold no form (no cookie, cacheable). The "Suggest an improvement" page is a
form reached by the link at the foot of every page, which names the page in its query string.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.decorators import ratelimit

from mobilization.codesign import forms, services
from mobilization.codesign.models import Idea, IdeaComment, Release, Suggestion, Survey, Tool, Workshop
from mobilization.core.errors import DomainError
from mobilization.core.permissions import permission_required, permitted_object

PER_PAGE = 30
COMMENTS_PER_PAGE = 50


def _suggestion_rate(group, request) -> str:
    """Signed-in members may send more than visitors, who share an address with others at times."""
    return "20/h" if request.user.is_authenticated else "5/h"


# --- Suggestions --------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@ratelimit(key="user_or_ip", rate=_suggestion_rate, method="POST", block=True)
def suggest(request):
    signed_in = request.user.is_authenticated
    page = services.clean_page(request.GET.get("from", "") or request.POST.get("page", ""))
    form = forms.SuggestionForm(request.POST or None, signed_in=signed_in, initial={"page": page})
    if request.method == "POST" and form.is_valid():
        try:
            services.suggest(
                trying_to=form.cleaned_data["trying_to"],
                would_help=form.cleaned_data["would_help"],
                page=form.cleaned_data.get("page", ""),
                language=get_language(),
                author=request.user,
                email=form.cleaned_data.get("email", ""),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            thanks = reverse("codesign:suggest_thanks")
            sent_from = services.clean_page(form.cleaned_data.get("page", ""))
            return redirect(f"{thanks}?{urlencode({'from': sent_from})}" if sent_from else thanks)
    return render(request, "codesign/suggest.html", {"form": form, "page": page, "signed_in": signed_in})


@require_safe
def suggest_thanks(request):
    return render(
        request, "codesign/suggest_thanks.html", {"page": services.clean_page(request.GET.get("from", ""))}
    )


@require_safe
@permission_required("codesign.view_suggestion")
def suggestions(request):
    waiting = Suggestion.objects.filter(status=Suggestion.Status.NEW).order_by("-created_at", "-pk")
    page = Paginator(waiting.select_related("author__profile"), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "codesign/suggestions.html", {"page": page})


@require_http_methods(["GET", "POST"])
@login_required
def suggestion_detail(request, pk):
    suggestion = permitted_object(request, Suggestion, "codesign.handle_suggestion", pk=pk)
    if request.method == "POST" and suggestion.status != Suggestion.Status.NEW:
        messages.error(request, _("This suggestion has already been handled."))
        return redirect("codesign:suggestion", pk=suggestion.pk)
    initial = {
        "title": suggestion.trying_to[:160],
        "body": suggestion.would_help,
        "tool": services.tool_of_page(suggestion.page),
    }
    form = forms.IdeaForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.turn_into_idea(suggestion, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The idea is on the board."))
            return redirect(idea)
    return render(request, "codesign/suggestion.html", {"suggestion": suggestion, "form": form})


@require_POST
@login_required
def close_suggestion(request, pk):
    suggestion = permitted_object(request, Suggestion, "codesign.handle_suggestion", pk=pk)
    try:
        services.close_suggestion(suggestion, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The suggestion is closed."))
    return redirect("codesign:suggestions")


# --- The board ----------------------------------------------------------------------------------------------


@require_safe
def board(request):
    tool = request.GET.get("tool", "")
    if tool and tool not in Tool.values:
        tool = ""
    ideas = Idea.objects.public().exclude(status__in=[Idea.Status.DONE, Idea.Status.DECLINED])
    counts = dict(ideas.values_list("tool").annotate(total=Count("pk")).values_list("tool", "total"))
    if tool:
        ideas = ideas.filter(tool=tool)
    ideas = ideas.annotate(
        comment_count=Count("comments", filter=Q(comments__hidden_at__isnull=True))
    ).order_by("-supports_count", "-created_at", "-pk")
    page = Paginator(ideas, PER_PAGE).get_page(request.GET.get("page"))
    tools = [(value, label, counts.get(value, 0)) for value, label in Tool.choices]
    context = {
        "page": page,
        "tools": tools,
        "tool": tool,
        "can_add": request.user.has_perm("codesign.change_idea"),
    }
    return render(request, "codesign/board.html", context)


@require_http_methods(["GET", "POST"])
@permission_required("codesign.change_idea")
def idea_new(request):
    initial = {"workshop": request.GET.get("workshop")} if request.GET.get("workshop", "").isdigit() else {}
    form = forms.NewIdeaForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.create_idea(by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The idea is on the board."))
            return redirect(idea)
    return render(request, "codesign/idea_form.html", {"form": form})


def _idea_page(request, idea, status=200, **extra):
    user = request.user
    comments = idea.comments.select_related("author__profile").order_by("created_at", "pk")
    context = {
        "idea": idea,
        "comments": Paginator(comments, COMMENTS_PER_PAGE).get_page(request.GET.get("page")),
        "supports": services.SUPPORTS.is_supported_by(idea, user),
        "can_support": user.has_perm("codesign.support_idea", idea) and idea.is_open_to_support,
        "can_comment": user.has_perm("codesign.comment_idea", idea) and idea.status != Idea.Status.MERGED,
        "can_change": user.has_perm("codesign.change_idea", idea) and idea.status != Idea.Status.MERGED,
        "can_merge": user.has_perm("codesign.merge_idea", idea) and idea.is_open_to_support,
        "can_hide": user.has_perm("codesign.hide_comment"),
        "duplicates": idea.duplicates.all(),
        **extra,
    }
    if context["can_comment"]:
        context.setdefault("comment_form", forms.CommentForm())
    if context["can_change"]:
        context.setdefault("status_form", forms.StatusForm())
    if context["can_merge"]:
        context.setdefault("merge_form", forms.MergeForm(duplicate=idea))
    return render(request, "codesign/idea.html", context, status=status)


def _idea(pk) -> Idea:
    return get_object_or_404(Idea.objects.select_related("release", "merged_into", "workshop"), pk=pk)


@require_safe
def idea_detail(request, pk):
    return _idea_page(request, _idea(pk))


@require_POST
@login_required
def support(request, pk):
    idea = permitted_object(request, Idea, "codesign.support_idea", pk=pk)
    try:
        services.support_idea(idea, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You support this idea."))
    return redirect(idea)


@require_POST
@login_required
def withdraw_support(request, pk):
    idea = get_object_or_404(Idea, pk=pk)
    try:
        services.withdraw_support(idea, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You no longer support this idea."))
    return redirect(idea)


@require_POST
@login_required
def comment(request, pk):
    idea = permitted_object(
        request, Idea.objects.select_related("release", "merged_into"), "codesign.comment_idea", pk=pk
    )
    form = forms.CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_on(idea, author=request.user, body=form.cleaned_data["body"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your comment is published."))
            return redirect(idea)
    return _idea_page(request, idea, comment_form=form)


@require_POST
@login_required
def hide_comment(request, pk):
    comment_ = permitted_object(
        request, IdeaComment.objects.select_related("idea"), "codesign.hide_comment", pk=pk
    )
    form = forms.ReasonForm(request.POST, prefix="hide")
    if form.is_valid():
        try:
            services.hide_comment(comment_, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The comment is hidden."))
        return redirect(comment_.idea)
    messages.error(request, _("Say why the comment is hidden."))
    return redirect(comment_.idea)


@require_POST
@login_required
def change_status(request, pk):
    idea = permitted_object(
        request, Idea.objects.select_related("release", "merged_into"), "codesign.change_idea", pk=pk
    )
    form = forms.StatusForm(request.POST)
    if form.is_valid():
        try:
            services.set_status(idea, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The roadmap shows the new status and its reason."))
            return redirect(idea)
    return _idea_page(request, idea, status_form=form)


@require_POST
@login_required
def merge(request, pk):
    idea = permitted_object(
        request, Idea.objects.select_related("release", "merged_into"), "codesign.merge_idea", pk=pk
    )
    form = forms.MergeForm(request.POST, duplicate=idea)
    if form.is_valid():
        try:
            kept = services.merge(idea, into=form.cleaned_data["into"], by=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The ideas are merged; their supporters are told."))
            return redirect(kept)
    return _idea_page(request, idea, merge_form=form)


# --- The roadmap and the releases ---------------------------------------------------------------------------


ROADMAP_COLUMNS = (
    Idea.Status.UNDER_STUDY,
    Idea.Status.PLANNED,
    Idea.Status.IN_PROGRESS,
    Idea.Status.DONE,
    Idea.Status.DECLINED,
)
ROADMAP_LIMIT = 50


@require_safe
def roadmap(request):
    ideas = Idea.objects.public().select_related("release").order_by("-supports_count", "-pk")
    columns = [
        (status, Idea.Status(status).label, list(ideas.filter(status=status)[:ROADMAP_LIMIT]))
        for status in ROADMAP_COLUMNS
    ]
    context = {
        "columns": columns,
        "figures": services.roadmap_figures(),
        "releases": Release.objects.all()[:10],
        "workshops": Workshop.objects.filter(Workshop.public_q())[:5],
        "can_release": request.user.has_perm("codesign.add_release"),
    }
    return render(request, "codesign/roadmap.html", context)


@require_safe
def release_detail(request, version):
    release = get_object_or_404(Release, version=version)
    ideas = release.ideas.order_by("-supports_count", "pk")
    return render(request, "codesign/release.html", {"release": release, "ideas": ideas})


@require_http_methods(["GET", "POST"])
@permission_required("codesign.add_release")
def release_new(request):
    form = forms.ReleaseForm(request.POST or None, initial={"released_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            release = services.publish_release(by=request.user, **form.service_arguments())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The release notes are published; the supporters of its ideas are told.")
            )
            return redirect(release)
    return render(request, "codesign/release_form.html", {"form": form})


@require_safe
def workshop_detail(request, pk):
    workshop = get_object_or_404(Workshop, pk=pk)
    user = request.user
    if not workshop.is_public and not user.has_perm("codesign.publish_workshop"):
        raise Http404
    now = timezone.now()
    sessions, past_sessions = services.workshop_sessions(workshop, now)
    statuses = services.registrations_of(user, sessions)
    for session in sessions:
        session.my_status = statuses.get(session.pk)
    context = {
        "workshop": workshop,
        "ideas": workshop.ideas.public(),
        "sessions": sessions,
        "past_sessions": past_sessions,
        "now": now,
        "can_publish": user.has_perm("codesign.publish_workshop") and not workshop.is_published,
        "can_announce": user.has_perm("codesign.announce_workshop") and not workshop.is_public,
        "can_add_session": user.has_perm("events.add_event", workshop) and workshop.is_public,
        "can_add_idea": user.has_perm("codesign.change_idea"),
    }
    return render(request, "codesign/workshop.html", context)


@require_POST
@login_required
def announce_workshop(request, pk):
    workshop = permitted_object(request, Workshop, "codesign.announce_workshop", pk=pk)
    try:
        services.announce_workshop(workshop, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The workshop is public: add its sessions, people can register to them."))
    return redirect(workshop)


@require_POST
@login_required
def publish_workshop(request, pk):
    workshop = permitted_object(request, Workshop, "codesign.publish_workshop", pk=pk)
    try:
        services.publish_workshop(workshop, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The workshop's notes are published."))
    return redirect(workshop)


# --- Surveys ------------------------------------------------------------------------------------------------


@require_safe
def surveys(request):
    now = timezone.now()
    closed = Survey.objects.filter(Q(closed_at__isnull=False) | Q(closes_at__lte=now)).order_by(
        "-closes_at", "-pk"
    )
    mine = services.surveys_for(request.user) if request.user.is_authenticated else []
    page = Paginator(closed, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "codesign/surveys.html", {"page": page, "mine": mine})


def _survey_page(request, survey, status=200, **extra):
    survey = services.close_if_due(survey)
    user = request.user
    context = {
        "survey": survey,
        "has_answered": services.has_answered(survey, user),
        "is_targeted": services.is_targeted(survey, user),
        "can_close": user.has_perm("codesign.close_survey", survey)
        and survey.closed_at is None
        and survey.is_open,
        **extra,
    }
    if survey.closed_at is not None:
        context["response_count"], context["results"] = services.survey_results(survey)
    elif survey.is_open and context["is_targeted"] and not context["has_answered"]:
        context.setdefault("form", forms.SurveyResponseForm(survey=survey))
    return render(request, "codesign/survey.html", context, status=status)


@require_safe
def survey_detail(request, pk):
    return _survey_page(request, get_object_or_404(Survey, pk=pk))


@require_POST
@login_required
def answer_survey(request, pk):
    survey = permitted_object(request, Survey, "codesign.answer_survey", pk=pk)
    form = forms.SurveyResponseForm(request.POST, survey=survey)
    if form.is_valid():
        try:
            services.answer_survey(survey, user=request.user, answers=form.answers())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you: your answers are recorded."))
            return redirect(survey)
    return _survey_page(request, survey, form=form)


@require_POST
@login_required
def close_survey(request, pk):
    survey = permitted_object(request, Survey, "codesign.close_survey", pk=pk)
    try:
        services.close_survey(survey, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The survey is closed; its results are shown."))
    return redirect(survey)
