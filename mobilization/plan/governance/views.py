"""Pages of shared governance: they read the request, ask the rules, call a service and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from mobilization.core.errors import DomainError
from mobilization.core.opendata import ODBL, respond
from mobilization.core.permissions import permission_required, permitted_object
from mobilization.plan.governance import forms, opendata, services
from mobilization.plan.governance.filters import ProposalFilter
from mobilization.plan.governance.models import (
    Comment,
    Committee,
    Consultation,
    Meeting,
    Proposal,
    Recommendation,
)

PER_PAGE = 20
COMMENTS_PER_PAGE = 50


# --- Committees ---------------------------------------------------------------------------------------------


@require_safe
def index(request):
    committees = (
        Committee.objects.filter(is_public=True)
        .annotate(
            member_count=Count("members", distinct=True),
            meeting_count=Count("meetings", distinct=True),
            recommendation_count=Count("recommendations", distinct=True),
        )
        .order_by("name", "pk")
    )  # an aggregate drops Meta.ordering: pages need a fixed order
    page = Paginator(committees, PER_PAGE).get_page(request.GET.get("page"))
    overdue = Recommendation.objects.public().overdue().count()
    return render(request, "governance/index.html", {"page": page, "overdue_count": overdue})


@require_safe
def committee_detail(request, slug):
    committee = permitted_object(request, Committee, view="governance.view_committee", slug=slug)
    today = timezone.localdate()
    members = [seat for seat in committee.members.select_related("user__profile") if seat.is_active(today)]
    meetings = committee.meetings.all()[:50]
    recommendations = committee.recommendations.select_related("response").order_by("-issued_on", "-pk")
    page = Paginator(recommendations, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/committee.html",
        {
            "committee": committee,
            "members": members,
            "meetings": meetings,
            "page": page,
            "today": today,
            "can_run": request.user.has_perm("governance.run_committee", committee),
        },
    )


@require_safe
def meeting_detail(request, pk):
    meeting = permitted_object(
        request, Meeting.objects.select_related("committee"), view="governance.view_meeting", pk=pk
    )
    return render(
        request,
        "governance/meeting.html",
        {
            "meeting": meeting,
            "committee": meeting.committee,
            "can_run": request.user.has_perm("governance.run_committee", meeting.committee),
            "recommendations": meeting.recommendations.all(),
        },
    )


@login_required
def meeting_new(request, slug):
    committee = permitted_object(
        request, Committee, "governance.run_committee", view="governance.view_committee", slug=slug
    )
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = services.schedule_meeting(committee, by=request.user, **form.cleaned_data)
        messages.success(request, _("The meeting is scheduled."))
        return redirect(meeting)
    return render(request, "governance/meeting_form.html", {"committee": committee, "form": form})


@login_required
def publish_minutes(request, pk):
    meeting = permitted_object(
        request,
        Meeting.objects.select_related("committee"),
        "governance.run_committee",
        view="governance.view_meeting",
        pk=pk,
    )
    form = forms.MinutesForm(request.POST or None, initial={"minutes": meeting.minutes})
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_minutes(meeting, by=request.user, minutes=form.cleaned_data["minutes"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The minutes are published."))
            return redirect(meeting)
    return render(
        request,
        "governance/minutes_form.html",
        {"meeting": meeting, "committee": meeting.committee, "form": form},
    )


@login_required
def recommendation_new(request, slug):
    committee = permitted_object(
        request, Committee, "governance.run_committee", view="governance.view_committee", slug=slug
    )
    form = forms.RecommendationForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        try:
            recommendation = services.issue_recommendation(committee, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The recommendation is issued: the city must now answer it."))
            return redirect(recommendation)
    return render(request, "governance/recommendation_form.html", {"committee": committee, "form": form})


@require_safe
def recommendation_detail(request, pk):
    recommendation = permitted_object(
        request,
        Recommendation.objects.select_related("committee", "meeting", "response"),
        view="governance.view_recommendation",
        pk=pk,
    )
    response = recommendation.city_response()
    return render(
        request,
        "governance/recommendation.html",
        {
            "recommendation": recommendation,
            "committee": recommendation.committee,
            "response": response,
            "objectives": recommendation.objectives.all(),
            "is_overdue": recommendation.is_overdue(),
            "can_answer": request.user.has_perm("governance.answer_recommendation", recommendation)
            and (response is None or not response.is_final),
        },
    )


@login_required
def answer_recommendation(request, pk):
    recommendation = permitted_object(
        request,
        Recommendation.objects.select_related("committee"),
        "governance.answer_recommendation",
        view="governance.view_recommendation",
        pk=pk,
    )
    response = recommendation.city_response()
    if response is not None and response.is_final:
        messages.error(request, _("This recommendation has already received the city's final answer."))
        return redirect(recommendation)
    form = forms.CityResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_recommendation(recommendation, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The city's response is published."))
            return redirect(recommendation)
    return render(
        request,
        "governance/answer_form.html",
        {"recommendation": recommendation, "response": response, "form": form},
    )


# --- Proposals ----------------------------------------------------------------------------------------------


@require_safe
def proposals(request):
    proposal_filter = ProposalFilter(request.GET, queryset=Proposal.objects.public())
    queryset = (
        proposal_filter.qs.select_related("author__profile")
        if proposal_filter.is_valid()
        else (Proposal.objects.none())
    )
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/proposals.html",
        {"proposal_filter": proposal_filter, "page": page, "threshold": services.support_threshold()},
    )


@permission_required("governance.submit_proposal")
def proposal_new(request):
    form = forms.ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        proposal = services.submit_proposal(author=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you: your proposal will be published once the city has read it."))
        return redirect(proposal)
    return render(request, "governance/proposal_form.html", {"form": form})


def _proposal(request, pk, perm=None) -> Proposal:
    """The proposal, if the person may see it (404 otherwise) and do `perm` with it (403 otherwise)."""
    return permitted_object(
        request,
        Proposal.objects.select_related("author__profile"),
        perm,
        view="governance.view_proposal",
        pk=pk,
    )


def _proposal_page(request, proposal, status=200, **extra):
    user = request.user
    comments = proposal.comments.select_related("author__profile", "hidden_by").order_by("created_at", "pk")
    context = {
        "proposal": proposal,
        "objectives": proposal.objectives.all(),
        "comments": Paginator(comments, COMMENTS_PER_PAGE).get_page(request.GET.get("page")),
        "threshold": services.support_threshold(),
        "supports": user.is_authenticated and proposal.supports.filter(user=user).exists(),
        "can_support": user.has_perm("governance.support_proposal", proposal)
        and proposal.status == Proposal.Status.PUBLISHED,
        "can_comment": user.has_perm("governance.comment_proposal", proposal),
        "can_moderate": user.has_perm("governance.moderate_proposal", proposal)
        and proposal.status == Proposal.Status.SUBMITTED,
        "can_answer": user.has_perm("governance.answer_proposal", proposal)
        and proposal.status == Proposal.Status.PUBLISHED,
        "can_hide": user.has_perm("governance.hide_comment"),
        "comment_form": forms.CommentForm(),
        "reject_form": forms.ReasonForm(),
        "answer_form": forms.AnswerForm(),
        "hide_form": forms.ReasonForm(prefix="hide"),
        **extra,
    }
    return render(request, "governance/proposal.html", context, status=status)


@require_safe
def proposal_detail(request, pk):
    return _proposal_page(request, _proposal(request, pk))


@require_POST
@login_required
def support(request, pk):
    proposal = _proposal(request, pk, "governance.support_proposal")
    try:
        services.support_proposal(proposal, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You support this proposal."))
    return redirect(proposal)


@require_POST
@login_required
def withdraw_support(request, pk):
    proposal = _proposal(request, pk)
    try:
        services.withdraw_support(proposal, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You no longer support this proposal."))
    return redirect(proposal)


@require_POST
@login_required
def comment(request, pk):
    proposal = _proposal(request, pk, "governance.comment_proposal")
    form = forms.CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_on(proposal, author=request.user, body=form.cleaned_data["body"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your comment is published."))
            return redirect(proposal)
    return _proposal_page(request, proposal, comment_form=form)


@require_POST
@login_required
def hide_comment(request, pk):
    comment_ = permitted_object(
        request,
        Comment.objects.select_related("proposal"),
        "governance.hide_comment",
        view="governance.view_comment",
        pk=pk,
    )
    if comment_.is_hidden:
        messages.error(request, _("This comment is already hidden."))
        return redirect(comment_.proposal)
    form = forms.ReasonForm(request.POST, prefix="hide")
    if form.is_valid():
        try:
            services.hide_comment(comment_, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The comment is hidden."))
        return redirect(comment_.proposal)
    return _proposal_page(request, comment_.proposal, hide_form=form, hide_form_for=comment_.pk)


@require_safe
@permission_required("governance.moderate_proposal")
def proposal_moderation(request):
    waiting = Proposal.objects.filter(status=Proposal.Status.SUBMITTED).select_related("author__profile")
    waiting = waiting.order_by("created_at", "pk")
    to_answer = Proposal.objects.filter(
        status=Proposal.Status.PUBLISHED, threshold_reached_at__isnull=False
    ).order_by("threshold_reached_at", "pk")
    page = Paginator(waiting, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "governance/moderation.html", {"page": page, "to_answer": to_answer[:PER_PAGE]})


@require_POST
@login_required
def publish_proposal(request, pk):
    proposal = permitted_object(
        request, Proposal, "governance.moderate_proposal", view="governance.view_proposal", pk=pk
    )
    try:
        services.publish_proposal(proposal, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The proposal is published."))
    return redirect("governance:proposal_moderation")


@require_POST
@login_required
def reject_proposal(request, pk):
    proposal = permitted_object(
        request,
        Proposal.objects.select_related("author__profile"),
        "governance.moderate_proposal",
        view="governance.view_proposal",
        pk=pk,
    )
    if proposal.status != Proposal.Status.SUBMITTED:
        messages.error(request, _("Only a proposal awaiting moderation can be rejected."))
        return redirect(proposal)
    form = forms.ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.reject_proposal(proposal, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The proposal is rejected; its author can read why."))
        return redirect("governance:proposal_moderation")
    return _proposal_page(request, proposal, reject_form=form)


@require_POST
@login_required
def answer_proposal(request, pk):
    proposal = permitted_object(
        request,
        Proposal.objects.select_related("author__profile"),
        "governance.answer_proposal",
        view="governance.view_proposal",
        pk=pk,
    )
    if proposal.status != Proposal.Status.PUBLISHED:
        messages.error(request, _("Only a published proposal can be answered."))
        return redirect(proposal)
    form = forms.AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_proposal(proposal, by=request.user, answer=form.cleaned_data["answer"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The city's answer is published."))
        return redirect(proposal)
    return _proposal_page(request, proposal, answer_form=form)


# --- Consultations ------------------------------------------------------------------------------------------


@require_safe
def consultations(request):
    for due in Consultation.objects.filter(results_published_at__isnull=True, closes_at__lte=timezone.now()):
        services.close_if_due(due)
    page = Paginator(Consultation.objects.all(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "governance/consultations.html", {"page": page})


def _consultation_page(request, consultation, status=200, **extra):
    consultation = services.close_if_due(consultation)
    user = request.user
    has_voted = services.has_voted(consultation, user)
    result = questions = None
    if consultation.results_published_at is not None:
        result, questions = services.results(consultation)
    context = {
        "consultation": consultation,
        "has_voted": has_voted,
        "is_verified": user.is_authenticated and services.has_verified_email(user),
        "result": result,
        "questions": questions,
        "can_close": user.has_perm("governance.close_consultation", consultation)
        and consultation.results_published_at is None
        and consultation.status != Consultation.Status.UPCOMING,
        "can_recount": user.has_perm("governance.recount_consultation", consultation) and result is not None,
        **extra,
    }
    if "form" not in context and consultation.is_open and user.is_authenticated and not has_voted:
        context["form"] = forms.BallotForm(consultation=consultation)
    return render(request, "governance/consultation.html", context, status=status)


@require_safe
def consultation_detail(request, pk):
    return _consultation_page(request, get_object_or_404(Consultation, pk=pk))


@require_POST
@login_required
def vote(request, pk):
    consultation = permitted_object(request, Consultation, "governance.vote_consultation", pk=pk)
    form = forms.BallotForm(request.POST, consultation=consultation)
    if form.is_valid():
        try:
            services.cast_ballot(consultation, user=request.user, answers=form.answers())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your vote is recorded. Thank you for taking part."))
            return redirect(consultation)
    return _consultation_page(request, consultation, form=form)


@require_POST
@login_required
def close_consultation(request, pk):
    consultation = permitted_object(request, Consultation, "governance.close_consultation", pk=pk)
    try:
        services.close_consultation(consultation, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The consultation is closed and its results are published."))
    return redirect(consultation)


@require_POST
@login_required
def recount(request, pk):
    consultation = permitted_object(request, Consultation, "governance.recount_consultation", pk=pk)
    try:
        report = services.recount(consultation, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(consultation)
    return _consultation_page(request, consultation, recount=report)


# --- Open data ----------------------------------------------------------------------------------------------


@require_safe
def open_data(request):
    return render(
        request,
        "governance/open_data.html",
        {"datasets": opendata.DATASETS.values(), "licence": ODBL},
    )


@require_safe
def download(request, dataset, fmt):
    data = opendata.DATASETS.get(dataset)
    if data is None or fmt not in (*data.formats, "txt"):
        raise Http404
    if fmt == "txt":
        response = HttpResponse(data.readme(), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{dataset}-README.txt"'
        return response
    return respond(data, fmt)
