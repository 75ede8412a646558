"""In Chromium: the inbox marks a notification read without a page load, and both pages pass axe."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.notifications.models import Notification
from mobilization.notifications.services import notify

pytestmark = pytest.mark.browser


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def test_a_person_marks_a_notification_read_without_leaving_the_page(
    page, live_server, axe_check, transactional_db
):
    resident = MemberFactory(email="amina@example.org")
    notify([resident], "welcome", {"url": "/places/"})
    notify([resident], "account_security", {"event": "A new sign-in from Firefox on Linux."})
    newest = Notification.objects.filter(recipient=resident).first()
    sign_in(page, live_server, resident)
    loads = []
    page.on("load", lambda _page: loads.append(_page.url))

    page.goto(reverse("notifications:inbox"))
    axe_check(page)
    item = page.locator(f"#notification-{newest.pk}")
    item.get_by_role("button", name="Mark as read").click()

    page.wait_for_selector(f"#notification-{newest.pk}.is-read")
    assert len(loads) == 1, "htmx swapped the item in place"
    newest.refresh_from_db()
    assert newest.is_read
    assert page.get_by_role("status").filter(has_text="Marked as read.").count() == 1

    page.goto(reverse("notifications:preferences"))
    axe_check(page)
