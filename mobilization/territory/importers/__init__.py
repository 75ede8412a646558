"""Importers of the city's open data: districts and places. Each returns an ImportReport per file
(`core.importing`); a file it refuses raises `ImportFileError`, an import that cannot run (places before
the districts) a `DomainError`: nothing is written then.

``import_paris`` imports everything from the project's copy of the exports (territory/data/paris/),
checking every file before writing anything.
"""

from pathlib import Path

from mobilization.core.importing import ImportReport, Progress
from mobilization.territory.importers.base import PARIS_DATA
from mobilization.territory.importers.districts import import_districts
from mobilization.territory.importers.places import SOURCES, import_places

ARRONDISSEMENTS_FILE = "arrondissements.geojson"
QUARTIERS_FILE = "quartier_paris.geojson"

__all__ = [
    "ARRONDISSEMENTS_FILE",
    "PARIS_DATA",
    "QUARTIERS_FILE",
    "SOURCES",
    "import_districts",
    "import_paris",
    "import_places",
]


def import_paris(data_dir: Path = PARIS_DATA, progress: Progress | None = None) -> list[ImportReport]:
    """Districts, then cool places, fountains and green spaces; every file is checked before any write."""
    data_dir = Path(data_dir)
    # Read (and so check) every places file first: a malformed one stops everything before any write.
    loaded = {kind: source.load(data_dir / source.file_name) for kind, source in SOURCES.items()}
    reports = import_districts(data_dir / ARRONDISSEMENTS_FILE, data_dir / QUARTIERS_FILE)
    for kind, source in SOURCES.items():
        reports.append(
            import_places(kind, data_dir / source.file_name, progress=progress, loaded_rows=loaded[kind])
        )
    return reports
