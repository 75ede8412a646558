"""The inbox: a person reads their own notifications, marks them read, follows their links."""

import re

import pytest
from django.urls import reverse, reverse_lazy

from mobilization.core.testing import assert_queries_do_not_grow
from mobilization.notifications.models import Notification

INBOX = reverse_lazy("notifications:inbox")


def message_for(user, subject="A new event near you", url="", read=False, **fields):
    from django.utils import timezone

    return Notification.objects.create(
        recipient=user, kind="welcome", subject=subject, body="Details.", url=url,
        read_at=timezone.now() if read else None, **fields,
    )  # fmt: skip


@pytest.fixture
def signed_in(client, resident):
    client.force_login(resident)
    return client


def test_the_inbox_asks_a_visitor_to_sign_in(client, db):
    response = client.get(INBOX)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_person_sees_only_their_own_notifications_newest_first_the_unread_marked(
    signed_in, resident, other_resident
):
    message_for(resident, "Older and read", read=True)
    message_for(resident, "Newer and unread")
    message_for(other_resident, "Someone else's")

    response = signed_in.get(INBOX)

    page = response.content.decode()
    assert response.status_code == 200
    assert [n.subject for n in response.context["page_obj"]] == ["Newer and unread", "Older and read"]
    assert "Someone else&#x27;s" not in page
    assert page.count("Unread:") == 1
    assert page.count("Mark as read") == 1


def test_the_inbox_hides_what_the_person_chose_to_get_by_email_only(signed_in, resident):
    message_for(resident, "By e-mail only", shows_in_inbox=False)

    response = signed_in.get(INBOX)

    assert "By e-mail only" not in response.content.decode()
    assert response.context["unread_notifications"] == 0


def test_the_navigation_counts_the_unread_notifications(signed_in, resident):
    message_for(resident)
    message_for(resident)
    message_for(resident, read=True)

    response = signed_in.get(INBOX)

    assert response.context["unread_notifications"] == 2


def test_marking_one_as_read_without_javascript_returns_to_the_same_page(signed_in, resident):
    notification = message_for(resident)

    response = signed_in.post(reverse("notifications:mark_read", args=[notification.pk]), {"page": "2"})

    assert response.status_code == 302
    assert response.url == f"{INBOX}?page=2"
    notification.refresh_from_db()
    assert notification.is_read


def test_marking_one_as_read_with_htmx_answers_the_updated_item_only(signed_in, resident):
    notification = message_for(resident)

    response = signed_in.post(
        reverse("notifications:mark_read", args=[notification.pk]), HTTP_HX_REQUEST="true"
    )

    fragment = response.content.decode()
    assert response.status_code == 200
    assert fragment.lstrip().startswith("<li")
    assert f'id="notification-{notification.pk}"' in fragment
    assert "Marked as read." in fragment
    assert "Mark as read" not in fragment
    assert "<html" not in fragment


def test_marking_as_read_needs_a_post(signed_in, resident):
    notification = message_for(resident)

    response = signed_in.get(reverse("notifications:mark_read", args=[notification.pk]))

    assert response.status_code == 405
    notification.refresh_from_db()
    assert not notification.is_read


def test_another_persons_notification_is_not_found(signed_in, other_resident):
    theirs = message_for(other_resident, url="/places/")

    assert signed_in.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    assert signed_in.post(reverse("notifications:mark_read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_mark_all_as_read_reads_all_of_mine_and_none_of_theirs(signed_in, resident, other_resident):
    mine = [message_for(resident), message_for(resident)]
    theirs = message_for(other_resident)

    response = signed_in.post(reverse("notifications:mark_all_read"), follow=True)

    assert response.redirect_chain == [(INBOX, 302)]
    assert "All your notifications are marked as read." in response.content.decode()
    assert all(Notification.objects.get(pk=n.pk).is_read for n in mine)
    assert not Notification.objects.get(pk=theirs.pk).is_read


def test_opening_a_notification_marks_it_read_and_leads_to_its_page(signed_in, resident):
    notification = message_for(resident, url="/places/?near=me")

    response = signed_in.get(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 302
    assert response.url == "/places/?near=me"
    notification.refresh_from_db()
    assert notification.is_read


@pytest.mark.parametrize(
    "url",
    ["https://elsewhere.example/", "//elsewhere.example/", "/\\elsewhere.example", "http:/x", "/\tx", ""],
)
def test_opening_never_leads_to_another_site(signed_in, resident, url):
    notification = message_for(resident, subject="Read me here", url=url)

    response = signed_in.get(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 200
    assert "Read me here" in response.content.decode()
    notification.refresh_from_db()
    assert notification.is_read


def test_the_inbox_is_paginated(signed_in, resident):
    for number in range(25):
        message_for(resident, f"Message {number}")

    first = signed_in.get(INBOX)
    second = signed_in.get(INBOX, {"page": 2})
    beyond = signed_in.get(INBOX, {"page": 99})

    assert len(first.context["page_obj"]) == 20
    assert first.context["page_obj"][0].subject == "Message 24"
    assert [n.subject for n in second.context["page_obj"]] == [f"Message {n}" for n in range(4, -1, -1)]
    assert beyond.context["page_obj"].number == 2
    assert 'rel="next"' in first.content.decode()


def test_the_inbox_takes_as_many_queries_for_45_notifications_as_for_5(client, resident):
    for number in range(5):
        message_for(resident, f"Message {number}")
    client.force_login(resident)

    assert_queries_do_not_grow(
        lambda: client.get(INBOX),
        lambda: [message_for(resident, f"More {number}") for number in range(40)],
    )


def test_the_pages_have_no_inline_script_or_style(signed_in, resident):
    message_for(resident)

    for url in (INBOX, reverse("notifications:preferences")):
        page = signed_in.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), url
        assert " style=" not in page, url
        assert "<style" not in page, url
