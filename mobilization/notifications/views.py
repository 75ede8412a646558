from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobilization.core.permissions import permitted_object
from mobilization.notifications import services
from mobilization.notifications.delivery import phone_number_of
from mobilization.notifications.forms import ChannelPreferencesForm
from mobilization.notifications.models import Notification

PER_PAGE = 20


def _own_notification(request, pk) -> Notification:
    """One of the signed-in person's notifications; anyone else's, even for a superuser, is not found:
    they are looked for among the person's own, not checked by a rule (every rule lets superusers in)."""
    return permitted_object(request, Notification.objects.filter(recipient=request.user), pk=pk)


def _inbox_url(page) -> str:
    """The inbox page the person came from. Only ASCII digits of a sensible length are a page number:
    "²" is a digit to str.isdigit() but not to int(), and int() refuses strings of over 4300 digits."""
    url = reverse("notifications:inbox")
    page = str(page)
    if page.isascii() and page.isdigit() and len(page) <= 9 and int(page) > 1:
        return f"{url}?page={page}"
    return url


@login_required
@require_GET
def inbox(request):
    page_obj = Paginator(services.inbox_of(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page_obj": page_obj})


@login_required
@require_GET
def open_notification(request, pk):
    """Opening a notification marks it read and leads to the page it is about, if that is on this site."""
    notification = services.mark_read(_own_notification(request, pk))
    if notification.local_url:
        return redirect(notification.local_url)
    return render(request, "notifications/notification.html", {"notification": notification})


@login_required
@require_POST
def mark_read(request, pk):
    notification = services.mark_read(_own_notification(request, pk))
    if request.htmx:
        return render(
            request,
            "notifications/inbox.html#notification-item",
            {"notification": notification, "just_marked_read": True},
        )
    messages.success(request, _("“%(subject)s” is marked as read.") % {"subject": notification.subject})
    return redirect(_inbox_url(request.POST.get("page", "")))


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(request.user)
    if count:
        messages.success(request, _("All your notifications are marked as read."))
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    form = ChannelPreferencesForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.save_preferences(request.user, form.cleaned_data["enabled"])
        messages.success(request, _("Your choices are saved."))
        return redirect("notifications:preferences")
    context = {
        "form": form,
        "rows": services.preference_table(request.user),
        "has_phone_number": bool(phone_number_of(request.user)),
    }
    return render(request, "notifications/preferences.html", context)
