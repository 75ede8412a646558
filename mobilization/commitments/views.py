"""Pages of the commitments pillar: the public registry (organisations, commitments, charts, downloads),
and the representatives' and staff's work (sign-up, invitations, commitments, reports, verification)."""

import hashlib
from collections.abc import Sequence
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mobilization.commitments import charter, charts, coalitions, downloads, running, services
from mobilization.commitments.filters import CommitmentFilter, OrganisationFilter
from mobilization.commitments.forms import (
    ApiTokenForm,
    CommitmentForm,
    InvitationForm,
    JoinCoalitionForm,
    MembershipDecisionForm,
    OrganisationForm,
    RejectionForm,
    ReportForm,
    ReviewForm,
    RunInitiativeForm,
    WithdrawForm,
)
from mobilization.commitments.models import (
    ApiToken,
    Coalition,
    CoalitionMembership,
    Commitment,
    Evidence,
    Organisation,
    OrganisationInitiative,
    ProgressReport,
)
from mobilization.core import shell
from mobilization.core.errors import DomainError
from mobilization.core.opendata import CSV, JSON, bad_filter, respond
from mobilization.core.permissions import objectgetter, permission_required, permitted_object

PER_PAGE = 25
NEW_KEY_SESSION = "commitments_new_api_key"
LIST_CACHE_SECONDS = 10 * 60


# --- The public registry ---------------------------------------------------------------------------------


def _cached_list(request, kind: str, render_content) -> str:
    """A list's filters and page as HTML, rendered once per query, language and registry version."""
    query = urlencode(sorted((name, value) for name in request.GET for value in request.GET.getlist(name)))
    version = services.registry_version()
    digest = hashlib.sha256(f"{version}|{query}".encode()).hexdigest()[:40]
    key = f"commitments:{kind}:{get_language()}:{digest}"
    content = cache.get(key)
    if content is None:
        content = render_content(request, version)
        cache.set(key, content, LIST_CACHE_SECONDS)
    return mark_safe(content)  # noqa: S308 -- rendered by our escaping template


def filtered_commitments(params):
    commitment_filter = CommitmentFilter(params, queryset=Commitment.objects.public())
    if not commitment_filter.is_valid():
        return commitment_filter, Commitment.objects.none()
    commitments = commitment_filter.qs
    if not commitment_filter.form.cleaned_data.get("sort"):
        commitments = commitments.order_by("title", "pk")
    if commitment_filter.form.cleaned_data.get("objective"):
        commitments = commitments.distinct()  # the one filter that joins several rows per commitment
    return commitment_filter, commitments


def _form_key(request, filter_class) -> str:
    values = [(name, request.GET.get(name, "")) for name in filter_class.base_filters]
    return hashlib.sha256(urlencode(values).encode()).hexdigest()[:32]


class Counted(Sequence):
    """A list known by its length alone, for a Paginator whose page's rows were kept in the cache."""

    def __init__(self, count: int):
        self._count = count

    def __len__(self):
        return self._count

    def __getitem__(self, index):
        return []


def _commitment_list_content(request, version: str) -> str:
    """The filters and a page of the registry, as HTML.

    The page of the list (how many commitments match, which are on this page) is cached per the filters'
    values, page number and registry version, and each row per commitment and version: another address
    with the same filters (another parameter, another language) reads neither again, and a cold page
    costs no query but the ones its missing pieces need. The count and the page are read on the
    `is_public` indexes; the rows read only the columns they show."""
    commitment_filter = CommitmentFilter(request.GET, queryset=Commitment.objects.public())
    form_key = _form_key(request, CommitmentFilter)
    page_key = hashlib.sha256(request.GET.get("page", "").encode()).hexdigest()[:16]
    listing_key = f"commitments:listing:{version}:{form_key}:{page_key}"
    listing = cache.get(listing_key)
    read = {}  # the rows' columns, when the page was read now: its rows need no other query
    if listing is None:
        commitment_filter, commitments = filtered_commitments(request.GET)
        page = Paginator(commitments.values(*ROW_COLUMNS), PER_PAGE).get_page(request.GET.get("page"))
        read = {values["pk"]: values for values in page.object_list}
        listing = (page.paginator.count, page.number, list(read))
        cache.set(listing_key, listing, LIST_CACHE_SECONDS)
    count, number, ids = listing
    page = Paginator(Counted(count), PER_PAGE).page(number)
    page.object_list = commitment_rows(ids, version, read)
    return render_to_string(
        "commitments/_commitment_list_content.html",
        {
            "filter": commitment_filter,
            "page": page,
            "rows": page.object_list,
            "form_key": form_key,
            "version": version,
        },
        request,
    )


# What a row of the registry shows, read for the rows missing from the cache only.
ROW_COLUMNS = (
    "pk",
    "title",
    "unit",
    "target_value",
    "target_year",
    "latest_value",
    "latest_verified_value",
    "progress_percent",
    "status",
    "organisation__name",
    "organisation__slug",
    "organisation__district__name_fr",
    "organisation__district__name_en",
    "coalition__name",
    "coalition__slug",
)


def commitment_rows(ids: list[int], version: str, read: dict | None = None) -> list[str]:
    """The rows of these commitments (in this order) as HTML, each cached per language and registry
    version: a new query or page of the list renders only the rows it has not shown before. `read`: the
    `ROW_COLUMNS` of some of them, already read."""
    language = get_language()
    keys = [f"commitments:row:{language}:{version}:{pk}" for pk in ids]
    cached = cache.get_many(keys)
    missing = [pk for pk, key in zip(ids, keys, strict=True) if key not in cached]
    if missing:
        read = read or {}
        unread = [pk for pk in missing if pk not in read]
        if unread:
            read = {**read, **{
                values["pk"]: values
                for values in Commitment.objects.filter(pk__in=unread).order_by().values(*ROW_COLUMNS)
            }}  # fmt: skip
        template = get_template("commitments/_commitment_row.html")
        fresh = {}
        commitment_url = reverse("commitments:commitment", kwargs={"pk": 999999999})
        organisation_url = reverse("commitments:organisation", kwargs={"slug": "-slug-"})
        coalition_url = reverse("commitments:coalition", kwargs={"slug": "-slug-"})
        district_name = f"organisation__district__name_{language}"
        for values in (read[pk] for pk in missing if pk in read):
            is_coalition = values["coalition__slug"] is not None
            row = {
                **values,
                "url": commitment_url.replace("999999999", str(values["pk"])),
                "status_label": Commitment.Status(values["status"]).label,
                "is_coalition": is_coalition,
                "maker_name": values["coalition__name"] if is_coalition else values["organisation__name"],
                "maker_url": (coalition_url if is_coalition else organisation_url).replace(
                    "-slug-", values["coalition__slug"] if is_coalition else values["organisation__slug"]
                ),
                "district": values.get(district_name) or values["organisation__district__name_fr"],
            }
            fresh[f"commitments:row:{language}:{version}:{row['pk']}"] = template.render({"row": row})
        cache.set_many(fresh, LIST_CACHE_SECONDS)
        cached.update(fresh)
    return [mark_safe(cached[key]) for key in keys if key in cached]  # noqa: S308 -- our escaping template


@require_safe
def commitment_list(request):
    content = _cached_list(request, "commitments", _commitment_list_content)
    return shell.render_page(request, "commitments/commitment_list.html", {}, {"content": content})


def filtered_organisations(params):
    organisation_filter = OrganisationFilter(params, queryset=Organisation.objects.verified())
    if not organisation_filter.is_valid():
        return organisation_filter, Organisation.objects.none()
    organisations = organisation_filter.qs
    if not organisation_filter.form.cleaned_data.get("sort"):
        organisations = organisations.order_by("name", "pk")
    return organisation_filter, organisations


def _organisation_list_content(request, version: str) -> str:
    organisation_filter, organisations = filtered_organisations(request.GET)
    organisations = organisations.select_related("district").defer("description", "district__geometry")
    page = Paginator(organisations, PER_PAGE).get_page(request.GET.get("page"))
    # Counted for the page's organisations only: an annotation would count for every organisation first.
    figures = charter.standings(organisation.pk for organisation in page.object_list)
    levels = charter.configured_levels()
    for organisation in page.object_list:
        standing = figures.get(organisation.pk, charter.Standing())
        organisation.commitment_count = standing.active
        organisation.charter_level = charter.level_among(standing, levels)
    return render_to_string(
        "commitments/_organisation_list_content.html",
        {
            "filter": organisation_filter,
            "page": page,
            "form_key": _form_key(request, OrganisationFilter),
            "version": version,
        },
        request,
    )


@require_safe
def organisation_list(request):
    content = _cached_list(request, "organisations", _organisation_list_content)
    return shell.render_page(request, "commitments/organisation_list.html", {}, {"content": content})


ORGANISATION_PAGES = Organisation.objects.select_related("district")


@require_safe
def organisation_detail(request, slug):
    organisation = permitted_object(
        request, ORGANISATION_PAGES, view="commitments.view_organisation", slug=slug
    )
    commitments = list(
        organisation.commitments.order_by("title").prefetch_related(
            "interim_targets",
            "objectives",
            Prefetch("reports", queryset=ProgressReport.objects.order_by("year", "period")),
        )
    )
    for commitment in commitments:
        commitment.trajectory = charts.trajectory_of(commitment, list(commitment.reports.all()))
        commitment.public_reports = [r for r in commitment.reports.all() if r.counts]
    user = request.user
    is_representative = user.has_perm("commitments.change_organisation", organisation)
    context = {
        "organisation": organisation,
        "charter": charter.charter_of(organisation),
        "commitments": commitments,
        "is_representative": is_representative,
        "can_commit": user.has_perm("commitments.add_commitment", organisation),
        "can_verify": user.has_perm("commitments.verify_organisation", organisation),
        "representatives": organisation.representatives.select_related("profile")
        if is_representative
        else [],
        "can_run_initiatives": user.has_perm("commitments.run_initiative", organisation),
        "initiatives_run": list(running.initiatives_run_by(organisation)),
    }
    return render(request, "commitments/organisation_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_initiatives(request, slug):
    """The initiatives the organisation runs; a representative who organises one has the organisation run
    it (its representatives then manage it, and its page names the organisation)."""
    organisation = permitted_object(
        request,
        Organisation.objects.all(),
        "commitments.run_initiative",
        view="commitments.view_organisation",
        slug=slug,
    )
    form = RunInitiativeForm(request.POST or None, initiatives=running.runnable_initiatives(request.user))
    if request.method == "POST" and form.is_valid():
        initiative = form.cleaned_data["initiative"]
        try:
            running.run_initiative(organisation, initiative, by=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s runs “%(title)s”: its representatives manage it with you.")
                % {"name": organisation.name, "title": initiative.title},
            )
            return redirect("commitments:organisation_initiatives", slug=organisation.slug)
    context = {
        "organisation": organisation,
        "form": form,
        "has_choices": form.fields["initiative"].queryset.exists(),
        "links": running.initiatives_run_by(organisation, public_only=False),
    }
    return render(request, "commitments/organisation_initiatives.html", context)


@login_required
@require_POST
def organisation_initiative_stop(request, slug, pk):
    organisation = permitted_object(
        request,
        Organisation.objects.all(),
        "commitments.run_initiative",
        view="commitments.view_organisation",
        slug=slug,
    )
    link = (
        OrganisationInitiative.objects.select_related("initiative")
        .filter(organisation=organisation, initiative=pk)
        .first()
    )
    if link is None:  # already stopped (by another representative, or a second click)
        messages.info(request, _("The organisation does not run this initiative."))
    else:
        running.stop_running(link, by=request.user)
        names = {"name": organisation.name, "title": link.initiative.title}
        messages.success(request, _("%(name)s no longer runs “%(title)s”.") % names)
    return redirect("commitments:organisation_initiatives", slug=organisation.slug)


COMMITMENT_PAGES = Commitment.objects.select_related(
    "organisation", "organisation__district", "coalition"
).prefetch_related("interim_targets", "objectives")


@require_safe
def commitment_detail(request, pk):
    commitment = permitted_object(request, COMMITMENT_PAGES, view="commitments.view_commitment", pk=pk)
    reports = list(commitment.reports.order_by("year", "period").prefetch_related("evidence"))
    trajectory = charts.trajectory_of(commitment, reports)
    can_see_reports = request.user.has_perm("commitments.view_progressreport", commitment)
    context = {
        "commitment": commitment,
        # A coalition's commitment: the coalition stands where the organisation would (name and link).
        "organisation": commitment.organisation or commitment.coalition,
        "trajectory": trajectory,
        "reports": reports if can_see_reports else [r for r in reports if r.counts],
        "can_see_reports": can_see_reports,
        "can_report": request.user.has_perm("commitments.add_progressreport", commitment),
        "can_withdraw": request.user.has_perm("commitments.change_commitment", commitment),
        "progress": services.progress_percent(commitment, commitment.latest_value),
        "verified_progress": services.progress_percent(commitment, commitment.latest_verified_value),
        "chart_title": charts.chart_title(commitment),
    }
    return render(request, "commitments/commitment_detail.html", context)


@require_safe
def chart(request, pk):
    commitment = permitted_object(
        request,
        Commitment.objects.select_related("organisation", "coalition"),
        view="commitments.view_commitment",
        pk=pk,
    )
    layout = charts.NARROW if request.GET.get("layout") == charts.NARROW else charts.WIDE
    response = HttpResponse(charts.chart_svg(commitment, layout), content_type="image/svg+xml; charset=utf-8")
    is_public = commitment.coalition_id is not None or commitment.organisation.is_verified
    response["Cache-Control"] = "public, max-age=300" if is_public else "private, no-cache"
    return response


# --- Organisations: sign-up, invitations, verification ------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@permission_required("commitments.add_organisation")
def organisation_register(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.register_organisation(by=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("%(name)s is signed up. The city's team will verify it; you will be told.")
            % {"name": organisation.name},
        )
        return redirect(organisation)
    return render(request, "commitments/organisation_form.html", {"form": form})


@login_required
@require_safe
def my_organisations(request):
    organisations = Organisation.objects.filter(representations__user=request.user).prefetch_related(
        Prefetch("commitments", queryset=Commitment.objects.order_by("title"))
    )
    return render(request, "commitments/mine.html", {"organisations": organisations})


@login_required
@require_http_methods(["GET", "POST"])
def invite(request, slug):
    organisation = permitted_object(
        request,
        Organisation.objects.all(),
        "commitments.invite_representative",
        view="commitments.view_organisation",
        slug=slug,
    )
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.invite_representative(organisation, email=form.cleaned_data["email"], by=request.user)
        messages.success(request, _("The invitation is sent. The link works for 14 days."))
        return redirect(organisation)
    return render(request, "commitments/invite.html", {"form": form, "organisation": organisation})


@login_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    invitation = services.invitation_for(token)
    if invitation is None:
        raise Http404
    if request.method == "POST":
        try:
            services.accept_invitation(invitation, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("commitments:mine")
        messages.success(request, _("You now represent %(name)s.") % {"name": invitation.organisation.name})
        return redirect(invitation.organisation)
    return render(request, "commitments/invitation.html", {"invitation": invitation, "token": token})


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request, slug):
    """The organisation's API keys; a new key is shown on the page that makes it, and never again."""
    organisation = permitted_object(
        request,
        Organisation.objects.all(),
        "commitments.manage_api_tokens",
        view="commitments.view_organisation",
        slug=slug,
    )
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, key = services.create_api_token(
            organisation, label=form.cleaned_data["label"], by=request.user
        )
        # Kept in the person's session until the page after the redirect shows it, once.
        request.session[NEW_KEY_SESSION] = key
        return redirect("commitments:api_tokens", slug=organisation.slug)
    new_key = request.session.pop(NEW_KEY_SESSION, None) if request.method == "GET" else None
    context = {
        "organisation": organisation,
        "form": form,
        "new_key": new_key,
        "tokens": organisation.api_tokens.all(),
        "commitments": organisation.commitments.order_by("title").only("pk", "title"),
    }
    response = render(request, "commitments/api_tokens.html", context)
    response["Cache-Control"] = "no-store"  # the page holding a new key is kept by no cache
    return response


@login_required
@require_POST
def api_token_revoke(request, slug, pk):
    organisation = permitted_object(
        request,
        Organisation.objects.all(),
        "commitments.manage_api_tokens",
        view="commitments.view_organisation",
        slug=slug,
    )
    token = get_object_or_404(ApiToken, pk=pk, organisation=organisation)
    try:
        services.revoke_api_token(token, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The key is revoked: it opens nothing any more."))
    return redirect("commitments:api_tokens", slug=organisation.slug)


@require_POST
@permission_required("commitments.verify_organisation")
def organisation_verify(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    try:
        services.verify_organisation(organisation, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s is verified.") % {"name": organisation.name})
    return redirect("commitments:review")


@require_http_methods(["GET", "POST"])
@permission_required("commitments.verify_organisation")
def organisation_reject(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    form = RejectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reject_organisation(organisation, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is not verified; its representatives are told.") % {"name": organisation.name},
            )
            return redirect("commitments:review")
    return render(request, "commitments/reject.html", {"form": form, "organisation": organisation})


@require_safe
@permission_required("commitments.review_commitments")
def review_queue(request):
    return render(request, "commitments/review.html", services.review_queue())


# --- Commitments and reports ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def commitment_create(request, slug):
    organisation = permitted_object(
        request,
        Organisation.objects.all(),
        "commitments.add_commitment",
        view="commitments.view_organisation",
        slug=slug,
    )
    return _commitment_form_page(request, organisation, services.create_commitment)


def _commitment_form_page(request, maker, create):
    """The commitment form of an organisation or a coalition (`maker`), published by `create`."""
    form = CommitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            commitment = create(
                maker,
                by=request.user,
                objectives=form.cleaned_data["objectives"],
                interim_targets=form.cleaned_data["interim_targets"],
                **form.commitment_fields(),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The commitment is published."))
            return redirect(commitment)
    return render(request, "commitments/commitment_form.html", {"form": form, "organisation": maker})


@login_required
@require_http_methods(["GET", "POST"])
def commitment_withdraw(request, pk):
    commitment = permitted_object(
        request, COMMITMENT_PAGES, "commitments.change_commitment", view="commitments.view_commitment", pk=pk
    )
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_commitment(commitment, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The commitment is withdrawn."))
            return redirect(commitment)
    return render(request, "commitments/withdraw.html", {"form": form, "commitment": commitment})


def _file_report(request, commitment, form, report=None):
    data = form.cleaned_data
    try:
        report, _created = services.submit_report(
            commitment,
            by=request.user,
            period=report.period if report else data["period"],
            value=data["value"],
            narrative=data["narrative"],
            links=data["links"],
            files=[services.EvidenceFile(name, content) for name, content in data["files"]],
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return None
    messages.success(request, _("The report is sent to the city's team for verification."))
    return redirect("commitments:report", pk=report.pk)


@login_required
@require_http_methods(["GET", "POST"])
def report_submit(request, pk):
    commitment = permitted_object(
        request, COMMITMENT_PAGES, "commitments.add_progressreport", view="commitments.view_commitment", pk=pk
    )
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        response = _file_report(request, commitment, form)
        if response is not None:
            return response
    return render(request, "commitments/report_form.html", {"form": form, "commitment": commitment})


REPORT_PAGES = ProgressReport.objects.select_related("commitment__organisation")


@login_required
@require_safe
def report_detail(request, pk):
    report = permitted_object(request, REPORT_PAGES, view="commitments.view_progressreport", pk=pk)
    context = {
        "report": report,
        "commitment": report.commitment,
        "evidence": report.evidence.all(),
        "revisions": report.revisions.all(),
        "can_review": request.user.has_perm("commitments.review_progressreport", report)
        and report.status in services.COUNTING[:2],
        "can_edit": request.user.has_perm("commitments.change_progressreport", report)
        and not report.is_verified,
        "review_form": ReviewForm(),
    }
    return render(request, "commitments/report_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, pk):
    report = permitted_object(
        request,
        REPORT_PAGES,
        "commitments.change_progressreport",
        view="commitments.view_progressreport",
        pk=pk,
    )
    initial = {"period": report.period, "value": report.value, "narrative": report.narrative}
    form = ReportForm(request.POST or None, request.FILES or None, initial=initial, period_locked=True)
    if request.method == "POST" and form.is_valid():
        response = _file_report(request, report.commitment, form, report)
        if response is not None:
            return response
    return render(
        request,
        "commitments/report_form.html",
        {"form": form, "commitment": report.commitment, "report": report},
    )


@require_POST
@permission_required("commitments.review_progressreport", fn=objectgetter(ProgressReport, "pk"))
def report_review(request, pk):
    report = get_object_or_404(REPORT_PAGES, pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
        review = {
            "verified": services.verify_report,
            "more_information": services.ask_for_more_information,
            "rejected": services.reject_report,
        }[decision]
        try:
            review(report, by=request.user, comment=comment)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The organisation is told of your decision."))
            return redirect("commitments:report", pk=report.pk)
    context = {
        "report": report,
        "commitment": report.commitment,
        "evidence": report.evidence.all(),
        "revisions": report.revisions.all(),
        "can_review": True,
        "can_edit": False,
        "review_form": form,
    }
    return render(request, "commitments/report_detail.html", context, status=200)


@login_required
@require_safe
def evidence_file(request, pk):
    evidence = get_object_or_404(Evidence.objects.select_related("report__commitment__organisation"), pk=pk)
    if not request.user.has_perm("commitments.view_progressreport", evidence.report) or not evidence.file:
        raise Http404
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.file.name.rsplit("/", 1)[-1]
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Downloads --------------------------------------------------------------------------------------------


@require_safe
def downloads_page(request):
    return render(request, "commitments/downloads.html", {"datasets": downloads.DATASETS})


def _download(request, dataset, format, filter_class, queryset, rows):
    if format not in (CSV, JSON):
        raise Http404
    chosen = filter_class(request.GET, queryset=queryset)
    if not chosen.is_valid():
        return bad_filter(chosen)
    return respond(dataset, format, rows=rows(chosen.qs), filename=f"{dataset.slug}.{format}")


@require_safe
def download_organisations(request, format):
    return _download(
        request,
        downloads.ORGANISATIONS,
        format,
        OrganisationFilter,
        Organisation.objects.verified(),
        downloads.organisation_rows,
    )


@require_safe
def download_commitments(request, format):
    return _download(
        request,
        downloads.COMMITMENTS,
        format,
        CommitmentFilter,
        Commitment.objects.public(),
        downloads.commitment_rows,
    )


@require_safe
def download_reports(request, format):
    return _download(
        request,
        downloads.REPORTS,
        format,
        CommitmentFilter,
        Commitment.objects.public(),
        downloads.report_rows,
    )


# --- Coalitions -------------------------------------------------------------------------------------------


@require_safe
def coalition_list(request):
    page = Paginator(coalitions.coalition_list(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "commitments/coalition_list.html", {"page": page})


def _coalition_commitments(coalition) -> list:
    commitments = list(
        coalition.commitments.order_by("title").prefetch_related(
            "interim_targets",
            "objectives",
            Prefetch("reports", queryset=ProgressReport.objects.order_by("year", "period")),
        )
    )
    for commitment in commitments:
        commitment.trajectory = charts.trajectory_of(commitment, list(commitment.reports.all()))
        commitment.public_reports = [r for r in commitment.reports.all() if r.counts]
    return commitments


def _joinable_organisations(user, coalition):
    """The verified organisations the user represents that are not in (nor asking to join) the coalition."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return (
        Organisation.objects.verified()
        .filter(representations__user=user)
        .exclude(
            coalition_memberships__coalition=coalition,
            coalition_memberships__status__in=[
                CoalitionMembership.Status.APPROVED,
                CoalitionMembership.Status.REQUESTED,
            ],
        )
    )


def _coalition_page(request, coalition, join_form=None, status=200):
    user = request.user
    is_lead = user.has_perm("commitments.decide_membership", coalition)
    joinable = _joinable_organisations(user, coalition)
    context = {
        "coalition": coalition,
        "members": list(coalitions.members_of(coalition)),
        "commitments": _coalition_commitments(coalition),
        "is_lead": is_lead,
        "requests": list(coalitions.pending_requests(coalition)) if is_lead else [],
        "join_form": join_form or (JoinCoalitionForm(organisations=joinable) if joinable.exists() else None),
    }
    return render(request, "commitments/coalition_detail.html", context, status=status)


@require_safe
def coalition_detail(request, slug):
    return _coalition_page(request, get_object_or_404(Coalition, slug=slug))


@login_required
@require_POST
@permission_required("commitments.join_coalition")
def coalition_join(request, slug):
    coalition = get_object_or_404(Coalition, slug=slug)
    form = JoinCoalitionForm(request.POST, organisations=_joinable_organisations(request.user, coalition))
    if form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            coalitions.request_to_join(coalition, organisation, by=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s asks to join; a lead organisation will answer.") % {"name": organisation.name},
            )
            return redirect(coalition)
    return _coalition_page(request, coalition, join_form=form, status=400)


@login_required
@require_POST
def membership_decide(request, slug, pk):
    coalition = permitted_object(request, Coalition.objects.all(), "commitments.decide_membership", slug=slug)
    membership = get_object_or_404(
        CoalitionMembership.objects.select_related("organisation"), pk=pk, coalition=coalition
    )
    form = MembershipDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or to decline the request."))
        return _coalition_page(request, coalition, status=400)
    decide = {"approve": coalitions.approve_membership, "decline": coalitions.decline_membership}
    try:
        decide[form.cleaned_data["decision"]](membership, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("%(name)s is told of your decision.") % {"name": membership.organisation.name}
        )
    return redirect(coalition)


@login_required
@require_http_methods(["GET", "POST"])
def coalition_commitment_create(request, slug):
    coalition = permitted_object(
        request, Coalition.objects.all(), "commitments.add_coalition_commitment", slug=slug
    )
    return _commitment_form_page(request, coalition, coalitions.create_coalition_commitment)


@require_safe
def download_coalitions(request, format):
    if format not in (CSV, JSON):
        raise Http404
    rows = downloads.coalition_rows(Coalition.objects.all())
    return respond(downloads.COALITIONS, format, rows=rows, filename=f"coalitions.{format}")


@require_safe
def download_coalition_commitments(request, format):
    if format not in (CSV, JSON):
        raise Http404
    rows = downloads.coalition_commitment_rows(Commitment.objects.all())
    return respond(
        downloads.COALITION_COMMITMENTS, format, rows=rows, filename=f"coalition-commitments.{format}"
    )
