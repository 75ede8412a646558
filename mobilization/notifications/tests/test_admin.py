"""Staff read the notifications and the delivery log in the admin, and test the channels on themselves."""

import pytest

from mobilization.core.models import AuditEvent
from mobilization.notifications.models import Delivery, Notification
from mobilization.notifications.services import notify


@pytest.fixture
def admin_client(client, staff_member):
    client.force_login(staff_member)
    return client


def test_staff_read_the_delivery_log_filtered_by_status_channel_and_kind(
    admin_client, resident, after_commit
):
    after_commit(notify, [resident], "welcome", {})

    response = admin_client.get(
        "/admin/notifications/delivery/",
        {"status": "sent", "channel": "email", "notification__kind": "welcome"},
    )

    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    assert (
        admin_client.get("/admin/notifications/delivery/", {"status": "failed"}).context["cl"].result_count
        == 0
    )


def test_the_log_cannot_be_written_by_hand(admin_client, resident, after_commit):
    after_commit(notify, [resident], "welcome", {})
    delivery = Delivery.objects.get()

    assert admin_client.get("/admin/notifications/delivery/add/").status_code == 403
    assert admin_client.get("/admin/notifications/notification/add/").status_code == 403
    page = admin_client.get(f"/admin/notifications/delivery/{delivery.pk}/change/")
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()


def test_staff_open_a_notification_with_its_deliveries(admin_client, resident, after_commit):
    [notification] = after_commit(notify, [resident], "welcome", {})

    response = admin_client.get(f"/admin/notifications/notification/{notification.pk}/change/")

    assert response.status_code == 200
    assert "Welcome to the Paris Climate Mobilization" in response.content.decode()


def test_staff_send_a_test_notification_to_themselves(
    admin_client, staff_member, mailoutbox, django_capture_on_commit_callbacks
):
    changelist = admin_client.get("/admin/notifications/notification/")
    assert "Send a test notification to me" in changelist.content.decode()
    confirmation = admin_client.get("/admin/notifications/notification/send-test/")
    assert confirmation.status_code == 200
    assert "staff@example.org" in confirmation.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/admin/notifications/notification/send-test/")

    notification = Notification.objects.get(recipient=staff_member, kind="test_message")
    assert response.status_code == 302
    assert response.url == f"/admin/notifications/notification/{notification.pk}/change/"
    assert [message.subject for message in mailoutbox] == ["Test message from the Paris Climate Mobilization"]
    assert notification.deliveries.get(channel="sms").last_error == "no phone number"
    assert AuditEvent.objects.filter(action="notifications.test_message_sent", actor=staff_member).exists()


def test_staff_retry_failed_deliveries_from_the_log(
    admin_client, staff_member, resident, settings, after_commit, mailoutbox
):
    settings.EMAIL_BACKEND = "mobilization.notifications.tests.test_delivery.RefusingEmailBackend"
    after_commit(notify, [resident], "welcome", {})
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    delivery = Delivery.objects.get()

    response = after_commit(
        admin_client.post,
        "/admin/notifications/delivery/",
        {"action": "retry_now", "_selected_action": [delivery.pk]},
        follow=True,
    )

    assert "1 delivery is queued again." in response.content.decode()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert len(mailoutbox) == 1
    assert AuditEvent.objects.filter(
        action="notifications.delivery_retried", actor=staff_member, object_id=str(delivery.pk)
    ).exists()


def test_staff_see_that_a_delivery_is_being_sent_and_since_when(admin_client, resident):
    [notification] = notify([resident], "welcome", {})  # queued: no worker has run
    delivery = Delivery.objects.get()
    Delivery.objects.filter(pk=delivery.pk).update(attempts=1, sending_since="2026-12-08T09:30:00+01:00")

    own_page = admin_client.get(f"/admin/notifications/delivery/{delivery.pk}/change/").content.decode()
    in_notification = admin_client.get(
        f"/admin/notifications/notification/{notification.pk}/change/"
    ).content.decode()

    for page in (own_page, in_notification):
        assert "being sent since" in page.lower()
        assert "9:30" in page  # in the city's time
