"""What the notifications app holds about a person: exported on request, erased with the account."""

from mobilization.accounts import personal_data
from mobilization.notifications import services
from mobilization.notifications.kinds import Channel
from mobilization.notifications.models import ChannelPreference, Delivery, Notification
from mobilization.notifications.services import notify


def test_the_export_holds_a_persons_notifications_deliveries_and_choices(
    resident, other_resident, after_commit
):
    ChannelPreference.objects.create(user=resident, kind="welcome", channel=Channel.EMAIL, enabled=True)
    after_commit(notify, [resident, other_resident], "welcome", {"url": "/places/"})

    export = services.export_personal_data(resident)

    [notification] = export["notifications"]
    assert notification["subject"] == "Welcome to the Paris Climate Mobilization"
    assert notification["link"] == "/places/"
    assert notification["deliveries"] == [
        {
            "channel": "email",
            "status": "sent",
            "attempts": 1,
            "sent_at": notification["deliveries"][0]["sent_at"],
        }
    ]
    assert export["channel_preferences"] == [{"kind": "welcome", "channel": "email", "enabled": True}]


def test_erasing_a_person_removes_their_notifications_log_and_choices_only(
    resident, other_resident, after_commit
):
    ChannelPreference.objects.create(user=resident, kind="welcome", channel=Channel.EMAIL, enabled=True)
    after_commit(notify, [resident, other_resident], "welcome", {})

    services.anonymise(resident)

    assert not Notification.objects.filter(recipient=resident).exists()
    assert not ChannelPreference.objects.filter(user=resident).exists()
    assert Notification.objects.filter(recipient=other_resident).count() == 1
    assert Delivery.objects.count() == 1


def test_the_notifications_are_part_of_the_platforms_personal_data_registry():
    [section] = [section for section in personal_data.sections() if section.name == "notifications"]

    assert section.exporter is services.export_personal_data
    assert section.anonymiser is services.anonymise
