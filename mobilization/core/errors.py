"""The platform's domain errors: one family, raised by every service, shown to the person who asked.

A service refuses what cannot happen by raising one of these with a message a person can read; a view
catches `DomainError` and shows `error.message` (a form error, a message, an HTTP 4xx with the reason).
There is no per-app copy: an app that needs a more precise error subclasses one of these.
"""

from django.utils.translation import gettext as _


class DomainError(Exception):
    """What was asked cannot be done; `message` says why, in words the person who asked can read."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class InvalidTransition(DomainError):
    """The object is not in a state that allows this change.

    `current` and `wanted` name the states (for logs and tests); the message says it in words. Without a
    message, it reads "This cannot be done now: it is “<current state's label>”."
    """

    def __init__(self, message=None, *, current: str = "", wanted: str = "", current_label: str = ""):
        self.current, self.wanted = current, wanted
        if message is None:
            message = _("This cannot be done now: it is “%(current)s”.") % {
                "current": current_label or current
            }
        super().__init__(message)


class NotAllowed(DomainError):
    """The person may not do this (the view should have checked the rule first)."""


class AlreadyDone(DomainError):
    """It has been done already (a second vote, a second support): doing it again changes nothing."""
