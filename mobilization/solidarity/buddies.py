"""Who is a buddy: the one question every part of solidarity asks before giving someone a check-in.

A buddy is a volunteer trained to check on vulnerable residents. The issue ties it to a valid
solidarity certification of the learning pillar; until that pillar lands, city staff set a "trained
buddy" flag on the volunteer's buddy profile, and this function reads it.

To switch to the certification, change `is_trained_buddy` (and `trained_buddies`, its queryset form for
the dispatch) and nothing else, e.g.::

    from mobilization.learning.certifications import holds_valid_certification
    return holds_valid_certification(user, "solidarity_buddy")

(the learning app then sits below solidarity in the layers contract of pyproject.toml).
"""

from django.db.models import QuerySet

from mobilization.solidarity.models import BuddyProfile


def is_trained_buddy(user) -> bool:
    """May this person take check-ins? Today: staff marked their buddy profile as trained."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return BuddyProfile.objects.filter(user=user, is_trained=True).exists()


def trained_buddies() -> QuerySet[BuddyProfile]:
    """The buddy profiles of everyone `is_trained_buddy` says yes to, for the dispatch (one query)."""
    return BuddyProfile.objects.filter(is_trained=True, user__is_active=True)
