"""What a notification says, and where it links: its texts, rendered once per language from the kind's
templates, and the site's address for the links in e-mails and SMS."""

import functools
import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.template.backends.django import DjangoTemplates
from django.template.exceptions import TemplateDoesNotExist
from django.utils import translation
from django.utils.text import Truncator

from mobilization.notifications.kinds import NotificationKind
from mobilization.notifications.models import is_local_path

logger = logging.getLogger("mobilization.notifications")

SMS_MAX_LENGTH = 320


@functools.cache
def text_templates() -> DjangoTemplates:
    """A template engine for plain text: the same template folders as the site, without HTML escaping.

    Notification texts go into e-mails and SMS as they are; the inbox page escapes them when it shows them.
    """
    return DjangoTemplates(
        {"NAME": "notification_texts", "DIRS": [], "APP_DIRS": True, "OPTIONS": {"autoescape": False}}
    )


# Where `make demo` and `manage.py runserver` serve the platform when nobody says otherwise: the address
# the demo prints, so that the links of its e-mails open the running demo.
DEMO_SITE_URL = "http://127.0.0.1:8000"


def site_url() -> str:
    """The address of the platform, for links in e-mails and SMS (the SITE_URL setting; `make demo` sets
    it to the address it prints)."""
    configured = getattr(settings, "SITE_URL", "")
    if configured:
        return configured.rstrip("/")
    return DEMO_SITE_URL if settings.DEBUG else f"https://{_first_real_host()}"


def _first_real_host() -> str:
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*" and not host.startswith("."):
            return host
    return "localhost"


def absolute_url(path: str) -> str:
    return f"{site_url()}{path}" if is_local_path(path) else ""


def language_of(user) -> str:
    """The recipient's language: their profile's, if they chose one; the site's otherwise."""
    available = {code for code, _name in settings.LANGUAGES}
    profile = getattr(user, "profile", None)
    for candidate in (
        getattr(profile, "language", None),
        getattr(profile, "preferred_language", None),
        getattr(user, "preferred_language", None),
        getattr(user, "language", None),
    ):
        if isinstance(candidate, str) and candidate in available:
            return candidate
    return settings.LANGUAGE_CODE


def url_from(context: dict) -> str:
    """The link of a notification: context["url"], or the get_absolute_url() of the first object in the
    context that has one. Only paths on this site are kept."""
    url = context.get("url")
    if not url:
        for value in context.values():
            get_absolute_url = getattr(value, "get_absolute_url", None)
            if callable(get_absolute_url):
                url = get_absolute_url()
                break
    url = str(url or "")
    if url and not is_local_path(url):
        logger.warning("A notification link that is not a path on this site was dropped.")
        return ""
    return url[:300]


@dataclass(frozen=True)
class Texts:
    subject: str
    body: str
    sms_text: str


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def render_texts(kind: NotificationKind, context: dict, language: str) -> Texts:
    """The subject, body and SMS text of a kind, rendered with `context` in `language`."""
    engine = text_templates()
    with translation.override(language):
        subject = _collapse(engine.get_template(f"{kind.template_folder}/subject.txt").render(context))
        body = engine.get_template(f"{kind.template_folder}/body.txt").render(context).strip()
        sms_text = ""
        if kind.allows_sms:
            try:
                sms_template = engine.get_template(f"{kind.template_folder}/sms.txt")
            except TemplateDoesNotExist:
                sms_text = subject
            else:
                sms_text = _collapse(sms_template.render(context))
    return Texts(
        subject=Truncator(subject).chars(200),
        body=body,
        sms_text=Truncator(sms_text).chars(SMS_MAX_LENGTH),
    )
