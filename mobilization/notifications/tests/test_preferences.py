"""Per-person, per-kind channel preferences and the page where a person sets them."""

import pytest
from django.urls import reverse_lazy

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core.models import AuditEvent
from mobilization.notifications import services
from mobilization.notifications.kinds import Channel
from mobilization.notifications.models import ChannelPreference

PREFERENCES = reverse_lazy("notifications:preferences")


def checkbox(page: str, kind: str, channel: str) -> str:
    """The <input> tag of one checkbox of the page."""
    return (
        "<input"
        + page.split(f'id="pref-{kind}-{channel}"')[0].rsplit("<input", 1)[1]
        + page.split(f'id="pref-{kind}-{channel}"')[1].split(">")[0]
    )


@pytest.fixture
def signed_in(client, resident):
    client.force_login(resident)
    return client


def test_without_choices_of_their_own_a_person_gets_each_kinds_defaults(resident):
    assert services.enabled_channels(resident, "welcome") == {Channel.INBOX, Channel.EMAIL}
    assert services.enabled_channels(resident, "account_security") == {Channel.INBOX, Channel.EMAIL}
    assert services.enabled_channels(resident, "test_message") == {Channel.INBOX, Channel.EMAIL, Channel.SMS}


def test_the_page_asks_a_visitor_to_sign_in(client, db):
    assert client.get(PREFERENCES).status_code == 302


def test_the_page_is_a_table_of_kinds_and_channels_with_a_labelled_checkbox_each(signed_in):
    response = signed_in.get(PREFERENCES)

    page = response.content.decode()
    assert response.status_code == 200
    assert "<caption>" in page
    assert '<th scope="col">By e-mail</th>' in page
    assert "Welcome to the platform" in page
    assert "Security of my account" in page
    assert "Test message" not in page, "staff's test kind is not offered"
    for kind, channel in (("welcome", "email"), ("account_security", "sms")):
        assert f'id="pref-{kind}-{channel}"' in page
        assert f'<label for="pref-{kind}-{channel}"' in page
    assert 'id="pref-welcome-sms"' not in page, "SMS is only for urgent kinds"


def test_the_page_says_the_inbox_of_urgent_messages_cannot_be_turned_off(signed_in):
    page = signed_in.get(PREFERENCES).content.decode()

    assert "Urgent messages always reach your inbox" in page
    locked = checkbox(page, "account_security", "inbox")
    assert "disabled" in locked
    assert "checked" in locked
    assert 'aria-describedby="urgent-note"' in locked


def test_the_page_tells_a_person_without_a_phone_number_that_no_sms_will_be_sent(signed_in, client, db):
    assert "you have not given one" in signed_in.get(PREFERENCES).content.decode()

    client.force_login(MemberFactory(email="phone@example.org", phone="+33612345678"))
    assert "you have not given one" not in client.get(PREFERENCES).content.decode()


def test_a_person_turns_email_off_for_one_kind_and_sms_on_for_another(signed_in, resident):
    response = signed_in.post(
        PREFERENCES,
        {"enabled": ["welcome:inbox", "account_security:email", "account_security:sms"]},
        follow=True,
    )

    assert response.redirect_chain == [(PREFERENCES, 302)]
    assert "Your choices are saved." in response.content.decode()
    assert services.enabled_channels(resident, "welcome") == {Channel.INBOX}
    assert services.enabled_channels(resident, "account_security") == {
        Channel.INBOX,
        Channel.EMAIL,
        Channel.SMS,
    }
    assert AuditEvent.objects.filter(action="notifications.preferences_changed", actor=resident).exists()
    page = response.content.decode()
    assert "checked" not in checkbox(page, "welcome", "email")
    assert "checked" in checkbox(page, "account_security", "sms")


def test_saving_twice_updates_the_same_rows(signed_in, resident):
    signed_in.post(PREFERENCES, {"enabled": ["welcome:inbox"]})
    signed_in.post(PREFERENCES, {"enabled": ["welcome:inbox", "welcome:email"]})

    assert services.enabled_channels(resident, "welcome") == {Channel.INBOX, Channel.EMAIL}
    assert ChannelPreference.objects.filter(user=resident, kind="welcome", channel=Channel.EMAIL).count() == 1


def test_the_inbox_of_an_urgent_kind_stays_on_whatever_is_sent(signed_in, resident):
    signed_in.post(PREFERENCES, {"enabled": []})

    assert services.enabled_channels(resident, "account_security") == {Channel.INBOX}
    assert ChannelPreference.objects.get(
        user=resident, kind="account_security", channel=Channel.INBOX
    ).enabled


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("no_such_kind:email", "Select a valid choice."),
        ("welcome:pigeon", "Select a valid choice."),
        ("welcome:sms", "“Welcome to the platform” is not urgent: it cannot be sent by text message (SMS)."),
        ("test_message:email", "Select a valid choice."),
    ],
)
def test_a_choice_the_page_does_not_offer_is_refused_and_nothing_is_saved(signed_in, resident, value, error):
    response = signed_in.post(PREFERENCES, {"enabled": ["welcome:inbox", value]})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Your choices were not saved" in page
    assert error in page
    assert not ChannelPreference.objects.filter(user=resident).exists()


def test_the_service_refuses_what_the_page_refuses(resident):
    with pytest.raises(services.PreferenceNotAllowed):
        services.save_preferences(resident, [("welcome", Channel.SMS)])
    with pytest.raises(services.PreferenceNotAllowed):
        services.save_preferences(resident, [("nothing", Channel.EMAIL)])
    with pytest.raises(services.PreferenceNotAllowed):
        services.save_preferences(resident, [("welcome", "pigeon")])
    assert not ChannelPreference.objects.exists()
