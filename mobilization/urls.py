"""The addresses of the platform.

Pages live under their language, /fr/… and /en/… (`i18n_patterns`): the French and the English page are
two addresses, which a proxy can cache apart, link to and index. An old address without a language
(`/initiatives/`, a bookmark, a link in an old e-mail) is redirected by `LocaleMiddleware` to the
visitor's language (their browser's Accept-Language, French otherwise).

Outside the language prefix stay what machines and subscribers use, whose addresses must not change:
the API (`/api/v1/`), `/health/`, the administration (`/admin/`, staff's bookmarks; its language follows
the browser), static and media files, and the calendar and news feeds that people subscribed to before
pages moved (`subscribed:` below: the old address answers the feed itself, not a redirect that some
calendar apps do not follow).
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.http import require_safe

from mobilization.accounts import views as account_views
from mobilization.api.urls import api
from mobilization.core import views as core_views
from mobilization.events import hosts as event_hosts
from mobilization.events import views as event_views
from mobilization.initiatives import feeds as initiative_feeds

# The feeds at the addresses people subscribed to before pages moved under their language. Their content
# is in the visitor's language (Accept-Language), as it always was; new links carry the language.
subscribed_patterns = [
    path("events/calendar/<str:token>.ics", event_views.my_feed, name="my_feed"),
    *[
        path(
            f"events/{kind.key}/<int:host_pk>/calendar.ics",
            event_views.host_feed,
            {"kind": kind.key},
            name=f"{kind.key}_feed",
        )
        for kind in event_hosts.kinds
    ],
    path("events/<int:pk>/event.ics", event_views.event_ics, name="event_ics"),
    path("initiatives/feed.rss", require_safe(initiative_feeds.NewInitiativesFeed()), name="initiatives_rss"),
    path(
        "initiatives/feed.atom",
        require_safe(initiative_feeds.NewInitiativesAtomFeed()),
        name="initiatives_atom",
    ),
]

urlpatterns = [
    # Outside any language prefix: browsers ask for it at the root.
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("health/", core_views.health, name="health"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("", include((subscribed_patterns, "subscribed"))),
]

urlpatterns += i18n_patterns(
    path("", include("mobilization.core.urls")),
    path("accounts/signup/", account_views.SignupView.as_view(), name="account_signup"),
    path("accounts/", include("mobilization.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("places/", include("mobilization.territory.urls")),
    path("initiatives/", include("mobilization.initiatives.urls")),
    path("events/", include("mobilization.events.urls")),
    path("learning/", include("mobilization.learning.urls")),
    path("plan/", include("mobilization.plan.urls")),
    path("plan/actions/", include("mobilization.plan.actions.urls")),
    path("plan/governance/", include("mobilization.plan.governance.urls")),
    path("commitments/", include("mobilization.commitments.urls")),
    path("notifications/", include("mobilization.notifications.urls")),
    path("solidarity/", include("mobilization.solidarity.urls")),
    path("codesign/", include("mobilization.codesign.urls")),
    path("footprint/", include("mobilization.footprint.urls")),
    path("footprint/", include("mobilization.footprint.plan_urls")),
    path("challenges/", include("mobilization.challenges.urls")),
    prefix_default_language=True,
)

handler400 = "mobilization.core.views.bad_request"
handler403 = "mobilization.core.views.permission_denied"
handler404 = "mobilization.core.views.page_not_found"
handler500 = "mobilization.core.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
