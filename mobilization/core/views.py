from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_ratelimit.exceptions import Ratelimited

from mobilization.core import audit, registries
from mobilization.core.services import key_figures


@never_cache
def health(request):
    """A bare answer for load balancers, and the "hello" baseline of every benchmark."""
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the SVG icon the pages link."""
    response = HttpResponseRedirect(static("core/favicon.svg"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def home(request):
    """The city's key figures and a section of each pillar that has one, as the apps registered them."""
    sections = list(registries.home_sections)
    context = {
        "figures": key_figures(),
        "links": [
            link
            for link in registries.home_links
            if not (link.for_visitors_only and request.user.is_authenticated)
        ],
        "sections": [section.render(request) for section in sections],
        "stylesheets": [section.stylesheet for section in sections if section.stylesheet],
    }
    return render(request, "core/home.html", context)


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def permission_denied(request, exception=None):
    # django-ratelimit refuses with a PermissionDenied subclass: answer it as "too many requests".
    if isinstance(exception, Ratelimited):
        audit.security_log.warning("request.rate_limited path=%s", request.path)
        return too_many_requests(request)
    user = getattr(request, "user", None)
    audit.security_log.warning(
        "access.denied actor=%s path=%s", user.pk if user and user.is_authenticated else "-", request.path
    )
    return render(request, "errors/403.html", status=403)


def too_many_requests(request, exception=None, retry_after: int = 60):
    response = render(request, "errors/429.html", {"retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    return render(request, "errors/500.html", status=500)
