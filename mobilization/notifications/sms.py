"""Sending text messages (SMS) behind one small interface, chosen by the SMS_BACKEND setting.

- ConsoleSmsBackend (the demo default) prints each message, the phone number masked;
- FileSmsBackend writes one file per message in SMS_FILE_PATH (demo and tests);
- TwilioSmsBackend sends through Twilio's REST API (production; configured, never called in tests).

A backend raises SmsError when a message could not be sent; its message names the failure (a
status code, an error code) and never holds the phone number or the text.
"""

import base64
import contextlib
import json
import logging
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger("mobilization.notifications.sms")


class SmsError(Exception):
    """A text message could not be sent. The message of the error never holds a number or the text."""


def mask_phone_number(phone_number: str) -> str:
    """ "+33612345678" -> "**********78": enough to tell numbers apart in a log, not to call anyone."""
    visible = 2
    if len(phone_number) <= visible:
        return "*" * len(phone_number)
    return "*" * (len(phone_number) - visible) + phone_number[-visible:]


class BaseSmsBackend:
    def __init__(self, **options):
        self.options = options

    def send(self, phone_number: str, text: str) -> str:
        """Send `text` to `phone_number` (E.164, "+33612345678"); return the provider's message id."""
        raise NotImplementedError


class ConsoleSmsBackend(BaseSmsBackend):
    """Prints each message on the standard output, for the demo. The number is masked."""

    def __init__(self, stream=None, **options):
        super().__init__(**options)
        self.stream = stream or sys.stdout

    def send(self, phone_number: str, text: str) -> str:
        message_id = f"console-{uuid.uuid4().hex}"
        masked = mask_phone_number(phone_number)
        self.stream.write(f"SMS to {masked} ({message_id}):\n{text}\n{'-' * 40}\n")
        self.stream.flush()
        logger.info("SMS %s printed for %s", message_id, masked)
        return message_id


class FileSmsBackend(BaseSmsBackend):
    """Writes one file per message in SMS_FILE_PATH: `<time>-<id>.sms`, the number then the text."""

    def __init__(self, file_path=None, **options):
        super().__init__(**options)
        self.directory = Path(file_path or settings.SMS_FILE_PATH)

    def send(self, phone_number: str, text: str) -> str:
        message_id = uuid.uuid4().hex
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{timezone.now():%Y%m%d-%H%M%S}-{message_id}.sms"
        path.write_text(f"To: {phone_number}\n\n{text}\n", encoding="utf-8")
        logger.info("SMS %s written for %s", message_id, mask_phone_number(phone_number))
        return message_id


class TwilioSmsBackend(BaseSmsBackend):
    """Twilio's Messages API. Settings: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and SMS_FROM (a number or a
    messaging service sid, "MG...")."""

    api_url = "https://api.twilio.com/2010-04-01/Accounts/{account_sid}/Messages.json"
    timeout = 10

    def __init__(self, account_sid=None, auth_token=None, sender=None, **options):
        super().__init__(**options)
        self.account_sid = account_sid or getattr(settings, "TWILIO_ACCOUNT_SID", "")
        self.auth_token = auth_token or getattr(settings, "TWILIO_AUTH_TOKEN", "")
        self.sender = sender or getattr(settings, "SMS_FROM", "")
        if not (self.account_sid and self.auth_token and self.sender):
            raise ImproperlyConfigured(
                "TwilioSmsBackend needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and SMS_FROM in the settings."
            )

    def build_request(self, phone_number: str, text: str) -> urllib.request.Request:
        fields = {"To": phone_number, "Body": text}
        fields["MessagingServiceSid" if self.sender.startswith("MG") else "From"] = self.sender
        credentials = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        # The URL is this class's own https address: no scheme comes from outside.
        return urllib.request.Request(  # noqa: S310
            self.api_url.format(account_sid=urllib.parse.quote(self.account_sid, safe="")),
            data=urllib.parse.urlencode(fields).encode(),
            headers={"Authorization": f"Basic {credentials}", "Accept": "application/json"},
            method="POST",
        )

    def send(self, phone_number: str, text: str) -> str:
        request = self.build_request(phone_number, text)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (https only)
                answer = json.load(response)
        except urllib.error.HTTPError as error:
            code = ""
            with contextlib.suppress(ValueError, AttributeError):
                code = json.load(error).get("code", "")
            raise SmsError(f"Twilio answered HTTP {error.code} (error code {code or 'unknown'})") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise SmsError(f"Twilio could not be reached ({type(error).__name__})") from None
        message_id = answer.get("sid")
        if not message_id:
            raise SmsError("Twilio's answer had no message id")
        return message_id


def get_sms_backend(backend: str | None = None, **options) -> BaseSmsBackend:
    """The backend named by `backend` or by the SMS_BACKEND setting."""
    backend_class = import_string(backend or settings.SMS_BACKEND)
    return backend_class(**options)
