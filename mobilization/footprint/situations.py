"""A person's answers to the footprint questionnaire, for the pillars that compute with them (challenges
convert a check-in to kgCO2e avoided with the person's own answers when they have some).

The calculator's saved footprints fill this in; until a person has saved one, their situation is empty and
every question takes the model's default (the French average).
"""

from mobilization.footprint.models import SavedFootprint


def latest_situation(user) -> dict:
    """The answers (rule name → value in the model's syntax) of the person's latest saved footprint, or {}
    when they have none or are not signed in."""
    latest = SavedFootprint.objects.of(user).values_list("situation", flat=True).first()
    return dict(latest) if isinstance(latest, dict) else {}
