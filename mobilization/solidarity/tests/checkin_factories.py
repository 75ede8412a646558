"""Builders of the check-in tests: an active event over a district, a buddy who accepted a resident."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.solidarity.models import Assignment, ExtremeEvent
from mobilization.solidarity.tests.factories import BuddyProfileFactory, certify, eleventh

PARIS = ZoneInfo("Europe/Paris")
# A fixed clock: the event was activated on a Monday morning of July (in the past: the records the
# platform stamps itself, like an escalation's creation, come after it).
T0 = datetime(2026, 7, 13, 8, 0, tzinfo=PARIS)


def active_event(districts=None, *, level="orange", activated_at=T0, status=ExtremeEvent.Status.ACTIVE):
    event = ExtremeEvent.objects.create(
        hazard="heatwave",
        level=level,
        starts_at=activated_at,
        expected_end_at=activated_at + timedelta(days=5),
        status=status,
        activated_at=activated_at,
        headline="Canicule (démo)",
    )
    event.districts.set(districts or [eleventh()])
    return event


def buddy(email=None, **profile):
    """A trained buddy (certified) with a profile in the 11th."""
    user = MemberFactory(**({"email": email} if email else {}))
    certify(user)
    return BuddyProfileFactory(user=user, **profile)


def accepted(event, resident, profile, *, at=T0, status=Assignment.Status.ACCEPTED):
    return Assignment.objects.create(
        event=event, resident=resident, buddy=profile, status=status, offered_at=at, answered_at=at
    )
