"""The SMS backends: console (masked), file (demo and tests), Twilio (configured, never called here)."""

import io
import json
import logging
import urllib.error

import pytest
from django.core.exceptions import ImproperlyConfigured

from mobilization.notifications import sms


def test_a_phone_number_is_masked_but_for_its_last_two_digits():
    assert sms.mask_phone_number("+33612345678") == "**********78"
    assert sms.mask_phone_number("12") == "**"


def test_the_console_backend_prints_the_message_with_the_number_masked(caplog):
    stream = io.StringIO()
    with caplog.at_level(logging.INFO, logger="mobilization.notifications.sms"):
        message_id = sms.ConsoleSmsBackend(stream=stream).send(
            "+33612345678", "Heatwave: check on Mrs Durand"
        )

    printed = stream.getvalue()
    assert "**********78" in printed
    assert "Heatwave: check on Mrs Durand" in printed
    assert "612345678" not in printed
    assert "612345678" not in caplog.text
    assert message_id.startswith("console-")


def test_the_file_backend_writes_one_file_per_message(settings, sent_sms):
    backend = sms.get_sms_backend()
    assert isinstance(backend, sms.FileSmsBackend)

    first = backend.send("+33612345678", "One")
    second = backend.send("+33712345678", "Two")

    assert first != second
    assert sorted(sent_sms()) == [("+33612345678", "One"), ("+33712345678", "Two")]
    assert len(list(settings.SMS_FILE_PATH.iterdir())) == 2


def test_the_twilio_backend_refuses_to_start_without_its_settings(settings):
    settings.TWILIO_ACCOUNT_SID = ""
    with pytest.raises(ImproperlyConfigured):
        sms.TwilioSmsBackend()


class FakeResponse(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False


@pytest.fixture
def twilio(settings):
    settings.TWILIO_ACCOUNT_SID = "AC123"
    settings.TWILIO_AUTH_TOKEN = "secret-token"
    settings.SMS_FROM = "+33100000000"
    return sms.get_sms_backend("mobilization.notifications.sms.TwilioSmsBackend")


def test_the_twilio_backend_posts_the_message_and_returns_twilios_id(twilio, monkeypatch):
    sent = []

    def fake_urlopen(request, timeout):
        sent.append(request)
        return FakeResponse(json.dumps({"sid": "SM42"}).encode())

    monkeypatch.setattr(sms.urllib.request, "urlopen", fake_urlopen)

    assert twilio.send("+33612345678", "Alerte canicule") == "SM42"
    [request] = sent
    assert request.full_url == "https://api.twilio.com/2010-04-01/Accounts/AC123/Messages.json"
    assert request.get_method() == "POST"
    assert request.get_header("Authorization").startswith("Basic ")
    assert request.data == b"To=%2B33612345678&Body=Alerte+canicule&From=%2B33100000000"


def test_a_twilio_error_names_the_status_and_code_but_not_the_number(twilio, monkeypatch):
    def refusing_urlopen(request, timeout):
        body = io.BytesIO(
            json.dumps({"code": 21211, "message": "Invalid 'To' Phone Number: +33612345678"}).encode()
        )
        raise urllib.error.HTTPError(request.full_url, 400, "Bad Request", {}, body)

    monkeypatch.setattr(sms.urllib.request, "urlopen", refusing_urlopen)

    with pytest.raises(sms.SmsError) as error:
        twilio.send("+33612345678", "Alerte canicule")
    assert str(error.value) == "Twilio answered HTTP 400 (error code 21211)"
