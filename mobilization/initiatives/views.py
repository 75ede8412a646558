"""Pages of initiatives: read the request, check the rule, call a service, render.

Rules are asked through the kernel's helpers (core/permissions.py) by the names of rules.py: an
initiative the caller may not see is a 404, one they see but may not act on a 403.
Finding initiatives (list, map, search, district pages) lives in discovery_views.py.
"""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, Func, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.decorators import ratelimit

from mobilization.core.errors import DomainError
from mobilization.core.markdown import render_markdown
from mobilization.core.permissions import permission_required, permitted_object
from mobilization.core.registries import learn_how_links
from mobilization.events.models import Event
from mobilization.initiatives import cache as cache_versions
from mobilization.initiatives import forms, organisers, services, synergy
from mobilization.initiatives.models import (
    ContactMessage,
    ContentReport,
    Follow,
    Initiative,
    Membership,
    NewsPost,
    Partnership,
)
from mobilization.territory.models import District

PER_PAGE = 20
NEWS_SHOWN = 5
UPCOMING_EVENTS_SHOWN = 5
MESSAGES_SHOWN = 20  # on the organiser's desk, newest first
CHANGES_SHOWN = 50  # changed public initiatives on the moderation page, oldest change first

# What the pages of one initiative read; `permitted_object(request, INITIATIVES, perm, view=VIEW, pk=pk)`
# answers 404 to whom may not see it, 403 to whom may see it but not do `perm`.
INITIATIVES = Initiative.objects.select_related("district").defer("district__geometry")
VIEW = "initiatives.view_initiative"


def _bound(request) -> tuple:
    """Form data when the request is a POST (even an empty one), else nothing: the form is unbound."""
    if request.method == "POST":
        return (request.POST, request.FILES)
    return (None, None)


def _show_error(request, error: DomainError | ValidationError) -> None:
    text = error.message if isinstance(error, DomainError) else " ".join(error.messages)
    messages.error(request, text)


def _upcoming_events(initiative: Initiative):
    """The initiative's upcoming events, hosted or co-hosted."""
    # Its own events through the (initiative, starts_at) index, the co-hosted ones by primary key: one
    # `initiative = X OR co-hosts contain X` condition makes the database walk every upcoming event.
    cohosted = list(
        Event.cohosts.through.objects.filter(initiative=initiative).values_list("event_id", flat=True)
    )
    order = ("starts_at", "pk")
    return list(
        Event.objects.filter(Q(initiative=initiative) | Q(pk__in=cohosted))
        .filter(status=Event.Status.SCHEDULED, starts_at__gte=timezone.now())
        .select_related("initiative")
        .prefetch_related(Prefetch("cohosts", queryset=Initiative.objects.only("pk", "title")))
        .defer("description", "initiative__description")
        .order_by(*order)[:UPCOMING_EVENTS_SHOWN]
    )


# --- Reading ---------------------------------------------------------------------------------------------


def _count(model, **filters):
    """A correlated COUNT(*) of the initiative's rows of `model`, to annotate the initiative's query."""
    rows = model.objects.filter(initiative=OuterRef("pk"), **filters).order_by().values("initiative")
    return Coalesce(Subquery(rows.annotate(count=Func("pk", function="COUNT")).values("count")[:1]), 0)


@require_safe
def detail(request, pk):
    user = request.user
    # The counts and the caller's own membership come with the initiative: one query, not five.
    queryset = (
        Initiative.objects.select_related("district", "organiser__profile")
        .defer("district__geometry")
        .annotate(members_count=_count(Membership), followers_count=_count(Follow))
    )
    if user.is_authenticated:
        queryset = queryset.annotate(
            is_member=Exists(Membership.objects.filter(initiative=OuterRef("pk"), user=user)),
            is_following=Exists(Follow.objects.filter(initiative=OuterRef("pk"), user=user)),
        )
    initiative = permitted_object(request, queryset, view=VIEW, pk=pk)
    is_organiser = user.has_perm("initiatives.manage_initiative", initiative)
    is_member = getattr(initiative, "is_member", False)
    is_following = getattr(initiative, "is_following", False)
    can = {
        name: user.has_perm(f"initiatives.{name}", initiative)
        for name in (
            "change_initiative",
            "join_initiative",
            "follow_initiative",
            "contact_initiative",
            "report_initiative",
            "add_partnership",
            "publish_initiative",
        )
    }
    context = {
        "initiative": initiative,
        "description_html": _markdown(initiative.description),
        "members_count": initiative.members_count,
        "followers_count": initiative.followers_count,
        "is_organiser": is_organiser,
        "shown_organiser": organisers.shown_organiser(initiative),
        "is_member": is_member,
        "is_following": is_following,
        "join_form": forms.JoinForm(),
        "can": can,
        # Guides that help with it (the learning app's, through the kernel's registry).
        "learn_how": learn_how_links(initiative),
    }
    if initiative.is_public:
        key = _public_blocks_key(initiative, can["report_initiative"])
        blocks = cache.get(key)
        if blocks is None:
            blocks = _public_blocks(request, initiative, context, synergy.cached_similar_to(initiative))
            cache.set(key, blocks, PUBLIC_BLOCKS_SECONDS)
    else:
        # A draft's organiser: "join this one instead?", computed afresh.
        context["similar"] = synergy.similar_to(initiative)
        blocks = _public_blocks(request, initiative, context, context["similar"])
    context["blocks"] = {name: mark_safe(html) for name, html in blocks.items()}  # noqa: S308 -- our templates
    return render(request, "initiatives/detail.html", context)


PUBLIC_BLOCKS_SECONDS = 60


def _markdown(text: str) -> str:
    """Markdown to safe HTML, kept by the text's digest: the same description is rendered once. (The
    news posts are rendered by the `markdown` filter in the page's blocks, which are cached whole.)"""
    if not text:
        return ""
    key = "initiatives:markdown:" + hashlib.sha256(text.encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = str(render_markdown(text))
        cache.set(key, html, 60 * 60)
    return mark_safe(html)  # noqa: S308 -- render_markdown's output, sanitised with nh3


def _public_blocks_key(initiative: Initiative, may_report: bool) -> str:
    """The cached blocks of a public page: per initiative and its last change, the version of what they
    show (its events, news, impact, partners: `cache.content_version`; the published initiatives for
    the similar ones), the language and time zone, and whether the reader may report news."""
    parts = (
        initiative.pk,
        initiative.updated_at.timestamp(),
        cache_versions.content_version(initiative.pk),
        cache_versions.published_version(),
        get_language(),
        timezone.get_current_timezone_name(),
        may_report,
    )
    return "initiatives:page:" + hashlib.sha256(repr(parts).encode()).hexdigest()[:40]


def _public_blocks(request, initiative: Initiative, context: dict, similar) -> dict[str, str]:
    """The parts of the page that are the same for every reader: events, news and impact; where, the
    partners and the similar initiatives nearby."""
    news = list(
        initiative.news_posts.filter(hidden_at=None)
        .select_related("author__profile")
        .order_by("-created_at", "-pk")[:NEWS_SHOWN]
    )
    block_context = {
        **context,
        "similar": similar,
        "partners": list(services.partners_of(initiative)),
        "news": news,
        "impact": services.impact_totals(initiative),
        "events": _upcoming_events(initiative),
    }
    return {
        "main": render_to_string("initiatives/detail/_main.html", block_context, request=request),
        "aside": render_to_string("initiatives/detail/_aside.html", block_context, request=request),
    }


@login_required
@require_safe
def mine(request):
    """The caller's initiatives (every status), those they joined or follow, and the messages they wrote
    to organisers with the answers."""
    organised = (
        Initiative.objects.filter(organiser=request.user)
        .select_related("district")
        .annotate(members_count=Count("memberships", distinct=True))
        .order_by("-updated_at", "-pk")
    )
    page = Paginator(organised, PER_PAGE).get_page(request.GET.get("page"))
    joined = (
        Initiative.objects.public()
        .filter(Q(memberships__user=request.user) | Q(follows__user=request.user))
        .select_related("district")
        .distinct()
        .order_by("title")[:50]
    )
    member_of = set(Membership.objects.filter(user=request.user).values_list("initiative_id", flat=True))
    sent = ContactMessage.objects.filter(sender=request.user).select_related("initiative")[:MESSAGES_SHOWN]
    return render(
        request,
        "initiatives/mine.html",
        {"page": page, "joined": joined, "member_of": member_of, "sent_messages": sent},
    )


# --- Creating and editing --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@permission_required("initiatives.add_initiative")
def create(request):
    form = forms.InitiativeForm(*_bound(request))
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.create_initiative(
                organiser=request.user, image=form.cleaned_data.get("image") or None, **form.values()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your draft is saved. Check the similar initiatives nearby, then submit it for review."),
            )
            return redirect(initiative)
    return render(request, "initiatives/form.html", {"form": form, "initiative": None})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    initiative = permitted_object(request, INITIATIVES, "initiatives.change_initiative", view=VIEW, pk=pk)
    form = forms.InitiativeForm(*_bound(request), initiative=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_initiative(
                initiative,
                by=request.user,
                image=form.cleaned_data.get("image") or None,
                remove_image=form.cleaned_data.get("remove_image", False),
                **form.values(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(initiative)
    return render(request, "initiatives/form.html", {"form": form, "initiative": initiative})


@login_required
@require_safe
def manage(request, pk):
    """The organiser's desk: status, events, news, impact, messages received, partnership requests."""
    initiative = permitted_object(request, INITIATIVES, "initiatives.manage_initiative", view=VIEW, pk=pk)
    requests_received = (
        Partnership.objects.filter(partner=initiative, status=Partnership.Status.PROPOSED)
        .select_related("requester__district")
        .order_by("-created_at")
    )
    requests_sent = (
        Partnership.objects.filter(requester=initiative).select_related("partner").order_by("-created_at")
    )
    impact_records = initiative.impact_records.order_by("-date", "-pk")[:20]
    contact_messages = initiative.contact_messages.select_related("sender__profile")[:MESSAGES_SHOWN]
    return render(
        request,
        "initiatives/manage.html",
        {
            "initiative": initiative,
            "contact_messages": contact_messages,
            "events": _upcoming_events(initiative),
            "requests_received": requests_received,
            "requests_sent": requests_sent,
            "impact": services.impact_totals(initiative),
            "impact_records": impact_records,
            "impact_form": forms.ImpactRecordForm(initial={"date": timezone.localdate()}),
            "news_form": forms.NewsPostForm(),
            "pause_form": forms.PauseForm(),
            "members_count": initiative.memberships.count(),
        },
    )


# --- Lifecycle -------------------------------------------------------------------------------------------


def _run(request, initiative: Initiative, action, success: str) -> None:
    """Call the service `action(initiative)`; say what happened, or why it could not."""
    try:
        action(initiative)
    except DomainError as error:
        _show_error(request, error)
    else:
        messages.success(request, success % {"title": initiative.title})


@login_required
@require_POST
def submit(request, pk):
    initiative = permitted_object(request, INITIATIVES, "initiatives.submit_initiative", view=VIEW, pk=pk)
    _run(
        request,
        initiative,
        lambda i: services.submit(i, by=request.user),
        _("“%(title)s” is sent to the moderators. You will be told when it is published."),
    )
    return redirect(initiative)


@login_required
@require_POST
def pause(request, pk):
    initiative = permitted_object(request, INITIATIVES, "initiatives.pause_initiative", view=VIEW, pk=pk)
    form = forms.PauseForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("initiatives:manage", pk=initiative.pk)
    _run(
        request,
        initiative,
        lambda i: services.pause(i, by=request.user, reason=form.cleaned_data["reason"]),
        _("“%(title)s” is paused."),
    )
    return redirect("initiatives:manage", pk=initiative.pk)


@login_required
@require_POST
def resume(request, pk):
    initiative = permitted_object(request, INITIATIVES, "initiatives.resume_initiative", view=VIEW, pk=pk)
    _run(
        request,
        initiative,
        lambda i: services.resume(i, by=request.user),
        _("“%(title)s” is resumed."),
    )
    return redirect("initiatives:manage", pk=initiative.pk)


@login_required
@require_POST
def finish(request, pk):
    initiative = permitted_object(request, INITIATIVES, "initiatives.finish_initiative", view=VIEW, pk=pk)
    _run(
        request,
        initiative,
        lambda i: services.finish(i, by=request.user),
        _("“%(title)s” is marked as finished. Thank you!"),
    )
    return redirect("initiatives:manage", pk=initiative.pk)


# --- Moderation: city staff only; whether a draft exists is no secret from them --------------------------


@login_required
@require_safe
@permission_required("initiatives.moderate_initiative")
def moderation(request):
    queue = (
        Initiative.objects.filter(status=Initiative.Status.SUBMITTED)
        .select_related("district", "organiser__profile")
        .order_by("submitted_at", "pk")
    )
    page = Paginator(queue, PER_PAGE).get_page(request.GET.get("page"))
    changed = (
        Initiative.objects.filter(changed_since_review_at__isnull=False)
        .select_related("district", "organiser__profile")
        .order_by("changed_since_review_at", "pk")
    )
    shown_changed = list(changed[:CHANGES_SHOWN])
    organisers.attach_shown_organisers([*page, *shown_changed])
    # One form per initiative, each with its own ids.
    for initiative in page:
        initiative.reject_form = forms.RejectForm(auto_id=f"reject-{initiative.pk}-%s")
    for initiative in shown_changed:
        initiative.unpublish_form = forms.UnpublishForm(auto_id=f"unpublish-{initiative.pk}-%s")
    return render(
        request,
        "initiatives/moderation.html",
        {"page": page, "changed": shown_changed, "changed_count": changed.count()},
    )


@login_required
@require_POST
@permission_required("initiatives.moderate_initiative")
def mark_change_reviewed(request, pk):
    initiative = permitted_object(request, INITIATIVES, view=VIEW, pk=pk)
    _run(
        request,
        initiative,
        lambda i: services.mark_change_reviewed(i, by=request.user),
        _("The changes to “%(title)s” are reviewed."),
    )
    return redirect("initiatives:moderation")


@login_required
@require_POST
@permission_required("initiatives.moderate_initiative")
def unpublish_changed(request, pk):
    initiative = permitted_object(request, INITIATIVES, view=VIEW, pk=pk)
    form = forms.UnpublishForm(request.POST)
    if not form.is_valid():
        return render(request, "initiatives/unpublish.html", {"initiative": initiative, "form": form})
    _run(
        request,
        initiative,
        lambda i: services.unpublish_changed(i, by=request.user, reason=form.cleaned_data["reason"]),
        _("“%(title)s” is unpublished; its organiser reads your reason."),
    )
    return redirect("initiatives:moderation")


@login_required
@require_POST
@permission_required("initiatives.publish_initiative")
def publish(request, pk):
    initiative = permitted_object(request, INITIATIVES, view=VIEW, pk=pk)
    _run(
        request,
        initiative,
        lambda i: services.publish(i, by=request.user),
        _("“%(title)s” is published; its organiser is told."),
    )
    return redirect("initiatives:moderation")


@login_required
@require_POST
@permission_required("initiatives.reject_initiative")
def reject(request, pk):
    initiative = permitted_object(request, INITIATIVES, view=VIEW, pk=pk)
    form = forms.RejectForm(request.POST)
    if not form.is_valid():
        return render(request, "initiatives/reject.html", {"initiative": initiative, "form": form})
    _run(
        request,
        initiative,
        lambda i: services.reject(i, by=request.user, reason=form.cleaned_data["reason"]),
        _("“%(title)s” is sent back to its organiser with your reason."),
    )
    return redirect("initiatives:moderation")


@login_required
@require_safe
@permission_required("initiatives.resolve_contentreport")
def reports(request):
    open_reports = (
        ContentReport.objects.filter(status=ContentReport.Status.OPEN)
        .select_related("initiative__district", "news_post", "reporter__profile")
        .order_by("created_at", "pk")
    )
    page = Paginator(open_reports, PER_PAGE).get_page(request.GET.get("page"))
    for content_report in page:
        content_report.resolution_form = forms.ReportResolutionForm(report=content_report)
    handled = (
        ContentReport.objects.exclude(status=ContentReport.Status.OPEN)
        .select_related("initiative", "handled_by__profile")
        .order_by("-updated_at")[:10]
    )
    return render(
        request,
        "initiatives/reports.html",
        {"page": page, "handled": handled},
    )


@login_required
@require_POST
@permission_required("initiatives.resolve_contentreport")
def resolve_report(request, pk):
    content_report = get_object_or_404(ContentReport.objects.select_related("initiative"), pk=pk)
    form = forms.ReportResolutionForm(request.POST)
    if not form.is_valid():
        return render(request, "initiatives/resolve_report.html", {"report": content_report, "form": form})
    try:
        services.resolve_report(
            content_report,
            by=request.user,
            action=form.cleaned_data["action"],
            resolution=form.cleaned_data["resolution"],
        )
    except DomainError as error:
        _show_error(request, error)
    else:
        messages.success(request, _("The report is handled."))
    return redirect("initiatives:reports")


@login_required
@require_safe
@permission_required("initiatives.view_cluster")
def clusters(request):
    """Staff: groups of similar published initiatives in one arrondissement, to bring organisers together."""
    districts = list(
        District.objects.arrondissements().annotate(
            published_count=Count("initiatives", filter=Q(initiatives__status=Initiative.Status.PUBLISHED))
        )
    )
    code = request.GET.get("district", "")
    chosen = next((district for district in districts if district.code == code), None)
    found = synergy.clusters_in(chosen) if chosen else []
    organisers.attach_shown_organisers(initiative for cluster in found for initiative in cluster.initiatives)
    return render(
        request,
        "initiatives/clusters.html",
        {"districts": districts, "chosen": chosen, "clusters": found, "threshold": synergy.CLUSTER_THRESHOLD},
    )


# --- People ----------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def join(request, pk):
    initiative = permitted_object(request, INITIATIVES, "initiatives.join_initiative", view=VIEW, pk=pk)
    form = forms.JoinForm(*_bound(request)[:1])
    if request.method == "POST" and form.is_valid():
        try:
            services.join(initiative, request.user, message=form.cleaned_data["message"])
        except DomainError as error:
            _show_error(request, error)
        else:
            messages.success(
                request, _("You joined “%(title)s”. Its organiser is told.") % {"title": initiative.title}
            )
        return redirect(initiative)
    return render(request, "initiatives/join.html", {"initiative": initiative, "form": form})


@login_required
@require_POST
def leave(request, pk):
    initiative = permitted_object(request, INITIATIVES, view=VIEW, pk=pk)
    if services.leave(initiative, request.user):
        messages.success(request, _("You left “%(title)s”.") % {"title": initiative.title})
    return redirect(initiative)


@login_required
@require_POST
def follow(request, pk):
    initiative = permitted_object(request, INITIATIVES, "initiatives.follow_initiative", view=VIEW, pk=pk)
    services.follow(initiative, request.user)
    messages.success(
        request, _("You follow “%(title)s”: its news will reach you.") % {"title": initiative.title}
    )
    return redirect(initiative)


@login_required
@require_POST
def unfollow(request, pk):
    initiative = permitted_object(request, INITIATIVES, view=VIEW, pk=pk)
    services.unfollow(initiative, request.user)
    messages.success(request, _("You no longer follow “%(title)s”.") % {"title": initiative.title})
    return redirect(initiative)


@login_required
@require_safe
def members(request, pk):
    initiative = permitted_object(request, INITIATIVES, "initiatives.view_membership", view=VIEW, pk=pk)
    page = Paginator(services.members_of(initiative), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "initiatives/members.html",
        {"initiative": initiative, "page": page, "message_form": forms.MembersMessageForm()},
    )


@login_required
@require_POST
def remove_member(request, pk, membership_pk):
    initiative = permitted_object(request, INITIATIVES, "initiatives.view_membership", view=VIEW, pk=pk)
    memberships = Membership.objects.select_related("initiative").filter(initiative=initiative)
    membership = permitted_object(request, memberships, "initiatives.delete_membership", pk=membership_pk)
    services.remove_member(membership, by=request.user)
    messages.success(request, _("The member is removed from the list."))
    return redirect("initiatives:members", pk=initiative.pk)


@login_required
@require_POST
@ratelimit(key="user", rate="10/h", block=True)
def message_members(request, pk):
    initiative = permitted_object(request, INITIATIVES, "initiatives.message_membership", view=VIEW, pk=pk)
    form = forms.MembersMessageForm(request.POST)
    if form.is_valid():
        try:
            count = services.message_members(initiative, by=request.user, **form.cleaned_data)
        except DomainError as error:
            _show_error(request, error)
        else:
            messages.success(request, _("Your message is sent to %(count)d members.") % {"count": count})
            return redirect("initiatives:members", pk=initiative.pk)
    page = Paginator(services.members_of(initiative), PER_PAGE).get_page(1)
    return render(
        request, "initiatives/members.html", {"initiative": initiative, "page": page, "message_form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(key="user", rate="5/h", method="POST", block=True)
def contact(request, pk):
    initiative = permitted_object(request, INITIATIVES, "initiatives.contact_initiative", view=VIEW, pk=pk)
    form = forms.ContactForm(*_bound(request)[:1])
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_organiser(initiative, sender=request.user, message=form.cleaned_data["message"])
        except DomainError as error:
            _show_error(request, error)
        else:
            messages.success(request, _("Your message is sent to the organiser."))
            return redirect(initiative)
    return render(request, "initiatives/contact.html", {"initiative": initiative, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def reply_to_contact(request, pk):
    """The organiser reads a message sent to them about their initiative and answers it, once."""
    # Private correspondence: its organiser only, not staff nor administrators (a rule would let
    # superusers in); to anyone else, whether such a message exists is none of their business: 404.
    theirs = ContactMessage.objects.filter(initiative__organiser=request.user)
    contact = permitted_object(request, theirs.select_related("initiative", "sender__profile"), pk=pk)
    form = forms.ContactReplyForm(*_bound(request)[:1])
    if request.method == "POST" and contact.replied_at is None and form.is_valid():
        try:
            services.reply_to_contact(contact, by=request.user, reply=form.cleaned_data["reply"])
        except DomainError as error:
            _show_error(request, error)
        else:
            messages.success(request, _("Your reply is sent."))
            return redirect("initiatives:manage", pk=contact.initiative_id)
    return render(request, "initiatives/contact_reply.html", {"contact": contact, "form": form})


# --- News and impact -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def post_news(request, pk):
    initiative = permitted_object(request, INITIATIVES, "initiatives.add_newspost", view=VIEW, pk=pk)
    form = forms.NewsPostForm(*_bound(request)[:1])
    if request.method == "POST" and form.is_valid():
        try:
            services.post_news(initiative, by=request.user, **form.cleaned_data)
        except (DomainError, ValidationError) as error:
            _show_error(request, error)
        else:
            messages.success(request, _("Your news is posted; members and followers are told."))
            return redirect(initiative)
    return render(request, "initiatives/news_form.html", {"initiative": initiative, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def record_impact(request, pk):
    initiative = permitted_object(request, INITIATIVES, "initiatives.add_impactrecord", view=VIEW, pk=pk)
    form = forms.ImpactRecordForm(*_bound(request)[:1], initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_impact(
                initiative,
                by=request.user,
                unit=data["unit"],
                quantity=data["quantity"],
                on=data["date"],
                method=data["method"],
            )
        except (DomainError, ValidationError) as error:
            form.add_error(None, error.message if isinstance(error, DomainError) else error)
        else:
            messages.success(request, _("The outcome is recorded."))
            return redirect("initiatives:manage", pk=initiative.pk)
    return render(request, "initiatives/impact_form.html", {"initiative": initiative, "form": form})


# --- Reports ---------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(key="user", rate="20/h", method="POST", block=True)
def report(request, pk, post_pk=None):
    initiative = permitted_object(request, INITIATIVES, "initiatives.report_initiative", view=VIEW, pk=pk)
    news_post = get_object_or_404(NewsPost, pk=post_pk, initiative=initiative) if post_pk else None
    form = forms.ReportForm(*_bound(request)[:1])
    if request.method == "POST" and form.is_valid():
        try:
            services.report(
                initiative, by=request.user, reason=form.cleaned_data["reason"], news_post=news_post
            )
        except DomainError as error:
            _show_error(request, error)
        else:
            messages.success(request, _("Thank you: the moderators will look at it."))
        return redirect(initiative)
    return render(
        request, "initiatives/report.html", {"initiative": initiative, "news_post": news_post, "form": form}
    )


# --- Partners --------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def ask_partnership(request, pk):
    """From another initiative's page, its would-be partner's organiser proposes to team up."""
    partner = permitted_object(request, INITIATIVES, "initiatives.add_partnership", view=VIEW, pk=pk)
    form = forms.PartnershipRequestForm(*_bound(request)[:1], organiser=request.user, partner=partner)
    if request.method == "POST" and form.is_valid():
        try:
            services.ask_partnership(
                form.cleaned_data["requester"], partner, by=request.user, message=form.cleaned_data["message"]
            )
        except DomainError as error:
            _show_error(request, error)
        else:
            messages.success(
                request, _("Your request is sent to the organiser of “%(title)s”.") % {"title": partner.title}
            )
        return redirect(partner)
    return render(request, "initiatives/partnership_form.html", {"initiative": partner, "form": form})


@login_required
@require_POST
def answer_partnership(request, pk):
    partnerships = Partnership.objects.select_related("partner", "requester__organiser")
    partnership = permitted_object(request, partnerships, "initiatives.answer_partnership", hide=True, pk=pk)
    decision = request.POST.get("decision")
    if decision not in {"accept", "decline"}:
        messages.error(request, _("Choose to accept or to decline."))
        return redirect("initiatives:manage", pk=partnership.partner_id)
    try:
        services.answer_partnership(partnership, by=request.user, accept=decision == "accept")
    except DomainError as error:
        _show_error(request, error)
    else:
        messages.success(request, _("Your answer is sent."))
    return redirect("initiatives:manage", pk=partnership.partner_id)
