"""Template helpers of the accounts app, for every app's templates: `{% load accounts_tags %}`."""

from datetime import timedelta

from django import template

from mobilization.accounts import services

register = template.Library()


@register.filter
def public_name(user) -> str:
    """`{{ initiative.organiser|public_name }}`: the display name, or "Former member" once deleted."""
    return services.public_name(user)


@register.filter
def minutes(duration) -> int | str:
    """`{{ cooloff_timedelta|minutes }}`: a duration in whole minutes (at least 1)."""
    if not isinstance(duration, timedelta):
        return ""
    return max(1, round(duration.total_seconds() / 60))
