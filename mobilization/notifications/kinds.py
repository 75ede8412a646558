"""The registry of notification kinds: what the platform can tell people, and on which channels.

Every app declares the kinds of message it sends, once, from its AppConfig.ready()::

    from mobilization.notifications import kinds

    kinds.register(
        kinds.NotificationKind(
            key="initiative_published",
            label=_("One of my initiatives is published"),
        )
    )

and writes its texts as Django templates in its own templates folder:
``notifications/kinds/<key>/subject.txt``, ``body.txt`` and, for kinds that may use SMS, ``sms.txt``.
The templates are plain text (no HTML escaping) and are rendered in the recipient's language.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    INBOX = "inbox", _("In my inbox")
    EMAIL = "email", _("By e-mail")
    SMS = "sms", _("By text message (SMS)")


KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,59}$")


class UnknownKind(LookupError):
    """No kind of notification is registered under this key."""


@dataclass(frozen=True)
class NotificationKind:
    """A kind of message the platform sends, with the channels it may use and those it uses by default.

    The inbox is always a channel. SMS costs money and interrupts people: only urgent kinds may use it.
    An urgent kind always reaches the inbox, whatever the person's preferences.
    """

    key: str
    label: str | Promise
    description: str | Promise = ""
    is_urgent: bool = False
    allows_sms: bool = False
    email_by_default: bool = True
    sms_by_default: bool = False
    shown_in_preferences: bool = True

    def __post_init__(self):
        if not KEY_PATTERN.match(self.key):
            raise ImproperlyConfigured(
                f"Notification kind key {self.key!r}: use 2 to 60 lowercase letters, digits or underscores."
            )
        if self.allows_sms and not self.is_urgent:
            raise ImproperlyConfigured(f"Notification kind {self.key!r}: only urgent kinds may use SMS.")
        if self.sms_by_default and not self.allows_sms:
            raise ImproperlyConfigured(
                f"Notification kind {self.key!r}: SMS is on by default but the kind does not allow it."
            )

    @property
    def template_folder(self) -> str:
        return f"notifications/kinds/{self.key}"

    @property
    def allowed_channels(self) -> tuple[str, ...]:
        channels = [Channel.INBOX, Channel.EMAIL]
        if self.allows_sms:
            channels.append(Channel.SMS)
        return tuple(channels)

    @property
    def default_channels(self) -> frozenset[str]:
        channels = {Channel.INBOX}
        if self.email_by_default:
            channels.add(Channel.EMAIL)
        if self.sms_by_default:
            channels.add(Channel.SMS)
        return frozenset(channels)

    def allows(self, channel: str) -> bool:
        return channel in self.allowed_channels

    def is_locked(self, channel: str) -> bool:
        """A channel the person cannot turn off: the inbox of an urgent kind."""
        return self.is_urgent and channel == Channel.INBOX


_registry: dict[str, NotificationKind] = {}


def register(kind: NotificationKind) -> NotificationKind:
    """Declare a kind. Registering the very same kind twice is harmless; two different ones under one key
    are a mistake."""
    existing = _registry.get(kind.key)
    if existing is not None and existing != kind:
        raise ImproperlyConfigured(f"Another notification kind is already registered as {kind.key!r}.")
    _registry[kind.key] = kind
    return kind


def unregister(key: str) -> None:
    """Remove a kind (for tests that register kinds of their own)."""
    _registry.pop(key, None)


def get(key: "str | NotificationKind") -> NotificationKind:
    if isinstance(key, NotificationKind):
        return key
    try:
        return _registry[key]
    except KeyError:
        raise UnknownKind(key) from None


def all_kinds() -> list[NotificationKind]:
    return list(_registry.values())


def shown_in_preferences() -> list[NotificationKind]:
    """The kinds people choose channels for, urgent ones first, then by label in the current language."""
    listed = [kind for kind in _registry.values() if kind.shown_in_preferences]
    return sorted(listed, key=lambda kind: (not kind.is_urgent, str(kind.label).casefold()))


def register_platform_kinds() -> None:
    """The kinds the platform itself sends (called from NotificationsConfig.ready)."""
    register(
        NotificationKind(
            key="welcome",
            label=_("Welcome to the platform"),
            description=_("Sent once, when you join."),
        )
    )
    register(
        NotificationKind(
            key="account_security",
            label=_("Security of my account"),
            description=_("A new sign-in, a changed password or e-mail address, two-factor changes."),
            is_urgent=True,
            allows_sms=True,
        )
    )
    register(
        NotificationKind(
            key="test_message",
            label=_("Test message"),
            description=_("Sent by staff to check that every channel works."),
            is_urgent=True,
            allows_sms=True,
            sms_by_default=True,
            shown_in_preferences=False,
        )
    )
