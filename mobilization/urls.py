from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from mobilization.accounts import views as account_views
from mobilization.api.urls import api
from mobilization.core import views as core_views

urlpatterns = [
    # Outside any language prefix: browsers ask for it at the root.
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("", include("mobilization.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/signup/", account_views.SignupView.as_view(), name="account_signup"),
    path("accounts/", include("mobilization.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("places/", include("mobilization.territory.urls")),
    path("initiatives/", include("mobilization.initiatives.urls")),
    path("events/", include("mobilization.events.urls")),
    path("plan/", include("mobilization.plan.urls")),
    path("plan/actions/", include("mobilization.plan.actions.urls")),
    path("plan/governance/", include("mobilization.plan.governance.urls")),
    path("notifications/", include("mobilization.notifications.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "mobilization.core.views.bad_request"
handler403 = "mobilization.core.views.permission_denied"
handler404 = "mobilization.core.views.page_not_found"
handler500 = "mobilization.core.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
