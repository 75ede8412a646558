"""The weekly digest: what is new near each volunteer and on their themes, once a week, if anything."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse

from mobilization.initiatives import digest
from mobilization.initiatives.models import Initiative
from mobilization.initiatives.tests.factories import InitiativeFactory, arrondissement, person
from mobilization.notifications.models import Notification

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
MONDAY_MORNING = datetime(2026, 3, 9, 7, 0, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def _kind_registered():
    digest.register_notification_kinds()


def published(title, *, days_before, **extra):
    initiative = InitiativeFactory(title=title, **extra)
    initiative.published_at = MONDAY_MORNING - timedelta(days=days_before)
    initiative.save(update_fields=["published_at"])
    return initiative


def digests_of(user):
    return Notification.objects.filter(recipient=user, kind=digest.KIND)


def test_a_volunteer_gets_what_is_new_in_their_arrondissement_and_on_their_themes(
    mailoutbox, django_capture_on_commit_callbacks
):
    volunteer = person(home_district=arrondissement(11), themes=["waste_repair"])
    published("Atelier vélo du 11e", days_before=2, district_number=11, themes=["mobility"])
    published(
        "Repair café du 20e", summary="On répare.", days_before=3, district_number=20, themes=["waste_repair"]
    )
    published("Jardin du 15e", summary="Potager.", days_before=1, district_number=15, themes=["greening"])
    published("Vieux vélo du 11e", days_before=9, district_number=11)
    InitiativeFactory(title="Brouillon du 11e", status=Initiative.Status.DRAFT, district_number=11)

    with django_capture_on_commit_callbacks(execute=True):
        sent = digest.send_weekly_digest(MONDAY_MORNING)

    assert sent == 1
    notification = digests_of(volunteer).get()
    assert notification.subject == "2 new climate initiatives near you this week"
    assert "Atelier vélo du 11e" in notification.body
    assert "Repair café du 20e (20e arrondissement)" in notification.body
    assert "Jardin" not in notification.body
    assert "Vieux vélo" not in notification.body
    assert "Brouillon" not in notification.body
    assert notification.url == reverse("initiatives:district", kwargs={"code": "75111"})
    assert [message.to for message in mailoutbox] == [[volunteer.email]]


def test_nothing_is_sent_when_nothing_is_new_for_the_volunteer():
    volunteer = person(home_district=arrondissement(11), themes=["energy"])
    published("Jardin du 15e", summary="Potager.", days_before=1, district_number=15, themes=["greening"])
    nobody = person()  # no district, no themes

    assert digest.send_weekly_digest(MONDAY_MORNING) == 0
    assert not digests_of(volunteer).exists()
    assert not digests_of(nobody).exists()


def test_nothing_is_sent_in_a_week_without_new_initiatives():
    person(home_district=arrondissement(11))
    published("Ancien", days_before=30, district_number=11)

    assert digest.send_weekly_digest(MONDAY_MORNING) == 0
    assert not Notification.objects.exists()


def test_the_digest_is_never_sent_twice_in_the_same_week():
    volunteer = person(home_district=arrondissement(11))
    published("Atelier vélo du 11e", days_before=2, district_number=11)

    assert digest.send_weekly_digest(MONDAY_MORNING) == 1
    assert digest.send_weekly_digest(MONDAY_MORNING + timedelta(hours=3)) == 0
    # Later in the same week, with something newer: still not twice.
    published("Encore du 11e", days_before=-2, district_number=11)
    assert digest.send_weekly_digest(MONDAY_MORNING + timedelta(days=3)) == 0
    assert digests_of(volunteer).count() == 1


def test_the_next_week_brings_the_next_digest():
    volunteer = person(home_district=arrondissement(11))
    published("Atelier vélo du 11e", days_before=2, district_number=11)
    digest.send_weekly_digest(MONDAY_MORNING)
    Notification.objects.update(created_at=MONDAY_MORNING)
    published("Nouveau du 11e", days_before=-5, district_number=11)

    assert digest.send_weekly_digest(MONDAY_MORNING + timedelta(days=7)) == 1
    assert digests_of(volunteer).count() == 2


def test_a_volunteer_who_turned_the_digest_off_gets_nothing():
    from mobilization.notifications.kinds import Channel
    from mobilization.notifications.models import ChannelPreference

    volunteer = person(home_district=arrondissement(11))
    for channel in Channel.values:
        ChannelPreference.objects.create(user=volunteer, kind=digest.KIND, channel=channel, enabled=False)
    published("Atelier vélo du 11e", days_before=2, district_number=11)

    assert digest.send_weekly_digest(MONDAY_MORNING) == 0
    assert not digests_of(volunteer).exists()


def test_the_week_starts_on_monday_at_midnight_in_paris():
    sunday_night = datetime(2026, 3, 15, 23, 30, tzinfo=PARIS)

    assert digest.week_start(sunday_night) == datetime(2026, 3, 9, 0, 0, tzinfo=PARIS)
    assert digest.week_start(MONDAY_MORNING) == datetime(2026, 3, 9, 0, 0, tzinfo=PARIS)


def test_the_command_sends_the_digest_and_says_so():
    import io

    person(home_district=arrondissement(11))
    InitiativeFactory(title="Atelier vélo du 11e", published_days_ago=1, district_number=11)
    out = io.StringIO()

    call_command("send_initiatives_digest", stdout=out)

    assert "sent to 1 volunteers" in out.getvalue()
