from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from mobilization.accounts.services import has_two_factor
from mobilization.core.roles import needs_two_factor

# Pages a staff member without a second factor may still open: allauth's own pages (sign out,
# re-authentication, e-mail confirmation, password) and the second factor set-up itself.
ALLOWED_URL_NAME_PREFIXES = ("account_", "mfa_", "usersessions_")


class StaffTwoFactorMiddleware:
    """Staff, superusers, city staff and solidarity coordinators reach other people's data: they must
    turn on an authenticator app before they use anything but the pages that set it up.

    Everyone else passes through at the cost of one query (their group names, cached on the user for
    the `rules` predicates that follow).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and needs_two_factor(user)
            and not self._is_allowed(request)
            and not has_two_factor(user)
        ):
            return self._send_to_set_up(request)
        return self.get_response(request)

    @staticmethod
    def _is_allowed(request) -> bool:
        for url in (settings.STATIC_URL, settings.MEDIA_URL):
            if url and request.path_info.startswith("/" + url.lstrip("/")):
                return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True  # the 404 page reveals nothing
        name = match.url_name or ""
        return not match.namespace and name.startswith(ALLOWED_URL_NAME_PREFIXES)

    @staticmethod
    def _send_to_set_up(request):
        messages.warning(
            request,
            _(
                "Your role gives you access to other people's data: protect your account with an "
                "authenticator app before you continue."
            ),
        )
        url = reverse("mfa_activate_totp")
        if getattr(request, "htmx", False):
            from django_htmx.http import HttpResponseClientRedirect

            return HttpResponseClientRedirect(url)
        return redirect(url)


class ClearSiteDataOnSignOutMiddleware:
    """When a request signs the person out (sign-out, account deletion), the answer tells the browser to
    forget what it kept of this site: its HTTP cache, and its storage (the cache of the service worker
    that keeps a buddy's check-in pages readable offline, local storage, the service worker itself).
    A phone lent or shared then shows nothing of the residents the buddy checked on.

    Only POST requests can sign out (allauth's sign-out takes a POST), so a GET costs nothing here.
    """

    HEADER = '"cache", "storage"'

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST":
            return self.get_response(request)
        user = getattr(request, "user", None)
        was_signed_in = user is not None and user.is_authenticated
        response = self.get_response(request)
        now = getattr(request, "user", None)
        if was_signed_in and not (now is not None and now.is_authenticated):
            response["Clear-Site-Data"] = self.HEADER
        return response
