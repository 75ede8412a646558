"""What the footprint calculator holds about a person: their saved footprints (export and erasure)."""

from mobilization.footprint.models import SavedFootprint


def export_personal_data(user) -> dict:
    return {
        "saved_footprints": [
            {
                "saved_at": saved.created_at,
                "total_kgco2e": saved.total_kg,
                "categories_kgco2e": saved.categories,
                "answers": saved.situation,
                "model_version": saved.model_version,
                "arrondissement": saved.district.name if saved.district else None,
            }
            for saved in SavedFootprint.objects.of(user).select_related("district")
        ]
    }


def anonymise_personal_data(user) -> None:
    """A person's answers describe their life (home, travels, diet): deleted with the account."""
    SavedFootprint.objects.filter(user=user).delete()
