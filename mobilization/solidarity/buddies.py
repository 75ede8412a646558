"""Who is a buddy: the one question every part of solidarity asks before giving someone a check-in.

A buddy is a volunteer who holds a valid certification of the buddies' training of the learning pillar
(issue 12): the training whose code is the setting `SOLIDARITY_BUDDY_TRAINING` ("heatwave-buddy", the
code of the learning demo's "Binôme solidarité canicule"). Nothing else makes someone a buddy: there is no
flag staff set by hand, so a certification that expires or is revoked stops the check-ins the same day.
Having a `BuddyProfile` only says what the volunteer offers.

Learning sits below solidarity in the layers of pyproject.toml; this module is the only one of solidarity
that asks it (`learning.certifications`), so the rule lives in one place.
"""

from datetime import date

from django.conf import settings
from django.db.models import QuerySet

from mobilization.learning import certifications
from mobilization.solidarity.models import BuddyProfile

DEFAULT_TRAINING = "heatwave-buddy"


def buddy_training_code() -> str:
    """The code of the training whose certification makes a buddy."""
    return getattr(settings, "SOLIDARITY_BUDDY_TRAINING", DEFAULT_TRAINING)


def is_trained_buddy(user, on: date | None = None) -> bool:
    """May this person take check-ins (on `on`, today by default)? They hold a valid certification of
    the buddies' training. False for a visitor or a deactivated account."""
    return certifications.holds_valid_certification(user, buddy_training_code(), on=on)


def trained_buddies(on: date | None = None) -> QuerySet[BuddyProfile]:
    """The buddy profiles of everyone `is_trained_buddy` says yes to, for the dispatch (one query)."""
    return BuddyProfile.objects.filter(user__in=certifications.holders_of(buddy_training_code(), on=on))


def buddy_certification(user):
    """The certification that makes this person a buddy today (for its expiry date), or None."""
    return certifications.current_certification(user, buddy_training_code())


def buddy_training():
    """The buddies' training when its page may be shown, to tell a volunteer where to get trained."""
    return certifications.public_training(buddy_training_code())
