"""Who may do what with initiatives."""

import rules

from mobilization.accounts.rules import is_city_staff


@rules.predicate
def is_organiser_of(user, initiative) -> bool:
    return (
        initiative is not None
        and getattr(user, "is_authenticated", False)
        and initiative.organiser_id == user.pk
    )


is_moderator = is_city_staff
