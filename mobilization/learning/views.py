"""Pages of the learning app: trainings, attendance, the quiz, certifications (and their public check)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache as django_cache
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mobilization.core.errors import DomainError
from mobilization.core.permissions import permission_required, permitted_object
from mobilization.events.models import Event
from mobilization.learning import cache, links, services
from mobilization.learning.filters import filtered_resources
from mobilization.learning.forms import (
    AttendanceForm,
    FeedbackForm,
    QuizForm,
    RejectResourceForm,
    ResourceForm,
    VerifyForm,
)
from mobilization.learning.models import Attendance, Certification, Resource, Training

TRAININGS_PER_PAGE = 20


@require_safe
def training_list(request):
    trainings = Training.objects.public().filter(status=Training.Status.PUBLISHED).order_by("title", "pk")
    page = Paginator(trainings, TRAININGS_PER_PAGE).get_page(request.GET.get("page"))
    now = timezone.now()
    next_session = {}
    ids = [training.pk for training in page]
    for event in (
        Event.objects.filter(training_id__in=ids).scheduled().filter(starts_at__gte=now).order_by("starts_at")
    ):
        next_session.setdefault(event.training_id, event)
    for training in page:
        training.next_session = next_session.get(training.pk)
    return render(request, "learning/training_list.html", {"page": page})


@require_safe
def training_detail(request, pk):
    training = permitted_object(request, Training.objects.all(), view="learning.view_training", pk=pk)
    user = request.user
    is_trainer = user.has_perm("learning.take_attendance_event", Event(training=training))
    context = {
        "training": training,
        "sessions": services.upcoming_sessions(training),
        "is_trainer": is_trainer,
        "past_sessions": Event.objects.filter(training=training, starts_at__lt=timezone.now()).order_by(
            "-starts_at"
        )[:10]
        if is_trainer
        else (),
        "can_add_session": is_trainer and training.status == Training.Status.PUBLISHED,
        "has_quiz": training.requires_quiz and training.questions.exists(),
        "passed_quiz": user.is_authenticated and services.has_passed_quiz(user, training),
    }
    return render(request, "learning/training_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def attendance(request, pk):
    """The trainer ticks who came; those present are certified (after the quiz, where one is asked)."""
    event = permitted_object(
        request,
        Event.objects.select_related("training").filter(training__isnull=False),
        "learning.take_attendance_event",
        view="events.view_event",
        pk=pk,
    )
    refusal = services.refuses_attendance(event)
    sheet = services.attendance_sheet(event)
    form = AttendanceForm(request.POST if request.method == "POST" else None, sheet=sheet)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            granted = services.take_attendance(event, form.cleaned_data["present"], by=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            message = _("Attendance is saved.")
            if granted:
                message += " " + _("Certifications granted: %(count)s.") % {"count": len(granted)}
            messages.success(request, message)
            return redirect("learning:attendance", pk=event.pk)
    context = {"event": event, "training": event.training, "sheet": sheet, "form": form, "refusal": refusal}
    status = 409 if refusal and request.method == "POST" else 200
    return render(request, "learning/attendance.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def quiz(request, pk):
    training = permitted_object(
        request, Training.objects.all(), "learning.take_quiz_training", view="learning.view_training", pk=pk
    )
    questions = list(training.questions.prefetch_related("choices"))
    if not training.requires_quiz or not questions:
        raise Http404
    form = QuizForm(request.POST if request.method == "POST" else None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            attempt = services.submit_quiz(training, request.user, form.answers())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if attempt.passed:
                messages.success(request, _("Passed, with %(score)s%%.") % {"score": attempt.score})
            else:
                messages.error(
                    request,
                    _("%(score)s%%: the pass mark is %(mark)s%%. Read the training's notes and try again.")
                    % {"score": attempt.score, "mark": training.quiz_pass_mark},
                )
            return redirect(training)
    attended = Attendance.objects.filter(
        user=request.user, event__training=training, status=Attendance.Status.PRESENT
    ).exists()
    return render(request, "learning/quiz.html", {"training": training, "form": form, "attended": attended})


@require_safe
def verify(request):
    """Anyone checks a certification by its code: a GET form, so the page sets no cookie."""
    form = VerifyForm(request.GET or None)
    if form.is_bound and form.is_valid():
        certification = Certification.objects.filter(code=form.cleaned_data["code"]).first()
        if certification is not None:
            return redirect(certification)
        form.add_error("code", _("No certification has this code."))
    return render(request, "learning/verify.html", {"form": form})


@require_safe
def certification(request, code):
    """The public page of a certification: the holder's display name, the training, the dates, and
    whether it holds today. Nothing else of the person."""
    certification = get_object_or_404(
        Certification.objects.select_related("training", "user__profile"), code=code
    )
    today = timezone.localdate()
    context = {
        "certification": certification,
        "holder": services.holder_name(certification),
        "is_valid": certification.is_valid_on(today),
        "is_expired": certification.expires_on is not None and certification.expires_on < today,
        "today": today,
    }
    return render(request, "learning/certification.html", context)


def profile_section(request) -> str:
    """The volunteer's certifications on their account page (registered in apps.py)."""
    certifications = list(services.certifications_of(request.user))
    today = timezone.localdate()
    for item in certifications:
        item.holds_today = item.is_valid_on(today)
    return render_to_string(
        "learning/_profile_certifications.html", {"certifications": certifications}, request=request
    )


# --- Resources ----------------------------------------------------------------------------------------------

RESOURCES_PER_PAGE = 20


@require_safe
def resource_list(request):
    """Guides and resources: searched without caring for accents, filtered by theme, kind, language, level."""
    resource_filter, resources = filtered_resources(request.GET)
    key = cache.results_key(get_language(), request.GET.urlencode())
    results = django_cache.get(key)
    if results is None:
        page = Paginator(resources, RESOURCES_PER_PAGE).get_page(request.GET.get("page"))
        searching = bool(resource_filter.is_valid() and resource_filter.form.cleaned_data.get("q"))
        results = render_to_string(
            "learning/_resource_results.html", {"page": page, "searching": searching}, request=request
        )
        django_cache.set(key, results, cache.RESULTS_SECONDS)
    context = {
        "resource_filter": resource_filter,
        "results": mark_safe(results),  # noqa: S308 - our own template's output
        "can_add": request.user.has_perm("learning.add_resource"),
        "can_review": request.user.has_perm("learning.review_resource"),
    }
    return render(request, "learning/resource_list.html", context)


def _resources():
    return Resource.objects.select_related("author__profile")


def _detail_context(request, resource, feedback_form=None) -> dict:
    user = request.user
    can_give_feedback = user.has_perm("learning.give_feedback_resource", resource)
    if feedback_form is None and can_give_feedback:
        feedback_form = FeedbackForm(initial=_my_feedback(resource, user))
    return {
        "resource": resource,
        "objectives": resource.objectives.order_by("position", "pk"),
        "initiatives": links.initiatives().filter(pk__in=resource.initiatives.values("pk")),
        "can_change": user.has_perm("learning.change_resource", resource),
        "can_submit": user.has_perm("learning.submit_resource", resource),
        "can_review": user.has_perm("learning.review_resource", resource),
        # The feedback form (a POST: its CSRF cookie) only for people signed in: a visitor's read stays
        # cookie-free and publicly cacheable.
        "feedback_form": feedback_form if can_give_feedback else None,
        "feedback": services.feedback_summary(resource)
        if user.has_perm("learning.see_feedback_resource", resource)
        else None,
    }


@require_safe
def resource_detail(request, pk):
    resource = permitted_object(request, _resources(), view="learning.view_resource", pk=pk)
    return render(request, "learning/resource_detail.html", _detail_context(request, resource))


def _my_feedback(resource, user) -> dict:
    mine = resource.feedback.filter(user=user).first()
    return {"useful": "yes" if mine.useful else "no", "comment": mine.comment} if mine else {}


def _resource_form(request, instance=None):
    return ResourceForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=instance,
        objectives=links.objectives(),
        initiatives=links.initiatives(),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@permission_required("learning.add_resource")
def resource_create(request):
    form = _resource_form(request)
    if request.method == "POST" and form.is_valid():
        resource = services.create_resource(
            form.details(),
            by=request.user,
            checked_file=form.checked_file,
            objectives=form.cleaned_data["objectives"],
            initiatives=form.cleaned_data["initiatives"],
        )
        messages.success(request, _("The draft is saved. Submit it for review when it is ready."))
        return redirect(resource)
    return render(request, "learning/resource_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def resource_edit(request, pk):
    resource = permitted_object(
        request, _resources(), "learning.change_resource", view="learning.view_resource", pk=pk
    )
    form = _resource_form(request, instance=resource)
    if request.method == "POST" and form.is_valid():
        services.update_resource(
            resource,
            form.details(),
            by=request.user,
            checked_file=form.checked_file,
            objectives=form.cleaned_data["objectives"],
            initiatives=form.cleaned_data["initiatives"],
        )
        messages.success(request, _("The resource is saved."))
        return redirect(resource)
    if form.errors:
        resource.refresh_from_db()
    return render(request, "learning/resource_form.html", {"form": form, "resource": resource})


def _act(request, pk, perm, action, done):
    resource = permitted_object(request, _resources(), perm, view="learning.view_resource", pk=pk)
    try:
        action(resource, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect(resource)


@login_required
@require_POST
def resource_submit(request, pk):
    return _act(
        request,
        pk,
        "learning.submit_resource",
        services.submit_resource,
        _("Submitted: staff will review it."),
    )


@login_required
@require_POST
def resource_publish(request, pk):
    return _act(
        request, pk, "learning.review_resource", services.publish_resource, _("The resource is published.")
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def resource_reject(request, pk):
    resource = permitted_object(
        request, _resources(), "learning.review_resource", view="learning.view_resource", pk=pk
    )
    form = RejectResourceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reject_resource(resource, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The resource is sent back to its author."))
        return redirect(resource)
    return render(request, "learning/resource_reject.html", {"resource": resource, "form": form})


@login_required
@require_POST
def resource_feedback(request, pk):
    resource = permitted_object(
        request, _resources(), "learning.give_feedback_resource", view="learning.view_resource", pk=pk
    )
    form = FeedbackForm(request.POST)
    if form.is_valid():
        services.give_feedback(
            resource, request.user, useful=form.cleaned_data["useful"], comment=form.cleaned_data["comment"]
        )
        messages.success(request, _("Thank you: the city team reads every answer."))
        return redirect(resource)
    return render(request, "learning/resource_detail.html", _detail_context(request, resource, form))


@require_safe
@login_required
@permission_required("learning.review_resource")
def resource_review(request):
    """Staff: the resources waiting for review, and the feedback of the published ones."""
    submitted = _resources().filter(status=Resource.Status.SUBMITTED).order_by("updated_at", "pk")
    rated = (
        Resource.objects.published()
        .annotate(
            useful_count=Count("feedback", filter=Q(feedback__useful=True)),
            not_useful_count=Count("feedback", filter=Q(feedback__useful=False)),
        )
        .filter(Q(useful_count__gt=0) | Q(not_useful_count__gt=0))
        .order_by("-not_useful_count", "-pk")[:50]
    )
    return render(request, "learning/resource_review.html", {"submitted": submitted, "rated": rated})
