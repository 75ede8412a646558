"""Saving a signed-in person's footprint: a new row of their history."""

from mobilization.footprint.models import SavedFootprint
from mobilization.footprint.results import breakdown, clean_situation


def save_footprint(user, situation: dict, district=None) -> SavedFootprint:
    """Save the person's answers and what the model computes from them now, with its version."""
    situation = clean_situation(situation)
    figures = breakdown(situation)
    return SavedFootprint.objects.create(
        user=user,
        situation=situation,
        total_kg=figures.total_kg,
        categories=figures.by_category(),
        model_version=figures.model_version,
        district=district,
    )
