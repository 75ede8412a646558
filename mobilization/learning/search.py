"""Finding resources: the platform's one full-text search (core/search.py) over their title, summary
and text, accents and case ignored ("canicule" finds "Canicule", "ete" finds "été"). This module says what
is searched and keeps SQLite's full-text table up to date (PostgreSQL generates its column itself)."""

from django.db.models import F

from mobilization.core import search as engine
from mobilization.learning.models import Resource

FIELD_WEIGHTS = {"title": 3.0, "summary": 2.0, "body": 1.0}
FULL_TEXT_TABLE = "learning_resource_fulltext"


def reindex(resource: Resource) -> None:
    """Index a resource's texts again (SQLite); the services call it whenever they change."""
    if engine.uses_full_text_table():
        row = engine.full_text_row(resource.pk, resource.title, resource.summary, resource.body)
        engine.write_full_text(FULL_TEXT_TABLE, tuple(FIELD_WEIGHTS), [row])


def search(queryset, query: str):
    """The resources of `queryset` matching `query`, best first (then the newest)."""
    found = engine.search(queryset, query, weights=FIELD_WEIGHTS, full_text="full_text")
    return found.order_by("-search_score", F("published_at").desc(nulls_last=True), "-pk")
