"""The prefect's extract of the registry: the page that explains it, produces it, and its download.

Producing it asks the coordinator to confirm their password (allauth's re-authentication), and the
download link that follows is theirs alone, valid a few minutes (extracts.py). Nothing of these pages
is stored by a browser or a proxy (`never_cache`), the file is an attachment, and its address holds a
random key only. A link used after it expired is answered 410 Gone, with a page saying what to do.
"""

from allauth.account.decorators import reauthentication_required
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_http_methods, require_safe

from mobilization.core.errors import DomainError
from mobilization.core.permissions import permitted_object
from mobilization.solidarity import extracts
from mobilization.solidarity.forms import PrefectExtractForm
from mobilization.solidarity.models import ExtremeEvent, PrefectExtract


def _event(request, pk) -> ExtremeEvent:
    return permitted_object(
        request,
        ExtremeEvent.objects.all(),
        "solidarity.extract_extremeevent",
        view="solidarity.view_extremeevent",
        hide=True,
        pk=pk,
    )


def _own_extract(request, key) -> PrefectExtract:
    """The extract, to the coordinator who produced it and while they may still produce one."""
    extract = get_object_or_404(
        PrefectExtract.objects.select_related("event"), key=key, created_by_id=request.user.pk
    )
    if not request.user.has_perm("solidarity.extract_extremeevent", extract.event):
        raise Http404
    return extract


def _no_store(response):
    response["Cache-Control"] = "private, no-store, no-cache, max-age=0, must-revalidate"
    return response


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def extract_start(request, pk):
    """GET: what the extract is for and what it holds. POST (after re-authentication): produce it."""
    event = _event(request, pk)
    return _extract_start(request, event)


@reauthentication_required(allow_get=True)
def _extract_start(request, event):
    form = PrefectExtractForm(request.POST if request.method == "POST" else None)
    districts = extracts.districts_for(event, request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                extract = extracts.create_extract(event, by=request.user)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                return redirect("solidarity:extract", key=extract.key)
        status = 400
    context = {
        "event": event,
        "form": form,
        "districts": districts,
        "count": extracts.residents_in(districts).count(),
        "minutes": int(extracts.link_lifetime().total_seconds() // 60),
        "closed": event.status == ExtremeEvent.Status.CLOSED,
    }
    return _no_store(render(request, "solidarity/extract_start.html", context, status=status))


@never_cache
@login_required
@require_safe
def extract_ready(request, key):
    extract = _own_extract(request, key)
    context = {
        "extract": extract,
        "districts": extract.districts.order_by("number"),
        "expired": extract.has_expired(),
    }
    status = 410 if context["expired"] else 200
    return _no_store(render(request, "solidarity/extract_ready.html", context, status=status))


@sensitive_variables()
@never_cache
@login_required
@require_safe
def extract_download(request, key):
    extract = _own_extract(request, key)
    try:
        residents = extracts.open_extract(extract, by=request.user)
    except extracts.ExtractExpired:
        context = {"extract": extract, "districts": extract.districts.order_by("number"), "expired": True}
        return _no_store(render(request, "solidarity/extract_ready.html", context, status=410))
    response = HttpResponse(
        extracts.csv_text(residents, timezone.localdate()), content_type="text/csv; charset=utf-8"
    )
    filename = f"registry-extract-event-{extract.event_id}-{extract.created_at:%Y%m%d-%H%M}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _no_store(response)
