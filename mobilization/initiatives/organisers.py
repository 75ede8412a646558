"""Who is named as an initiative's organiser in public.

An initiative's organiser is a person; an organisation may run it (the commitments app keeps which, and
its representatives manage it with the organiser: `rules.organises`). Pages, the API and the downloads
then name the organisation, linked to its page, where they would name the organiser. What to show comes
through the kernel's registry (`registries.organisers_shown`), for a page of initiatives at once.
"""

from mobilization.core.registries import ShownOrganiser, organisers_shown


def shown_organiser(initiative) -> ShownOrganiser | None:
    """The organisation that runs this initiative, as shown, or None (its organiser's name is shown)."""
    return organisers_shown([initiative.pk]).get(initiative.pk)


def attach_shown_organisers(initiatives) -> list:
    """Set `shown_organiser` (a ShownOrganiser, or None) on each initiative, in one lookup for all."""
    initiatives = list(initiatives)
    shown = organisers_shown(initiative.pk for initiative in initiatives)
    for initiative in initiatives:
        initiative.shown_organiser = shown.get(initiative.pk)
    return initiatives
