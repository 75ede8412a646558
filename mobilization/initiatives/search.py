"""Full-text search over initiatives, in the database's own engine: PostgreSQL's or SQLite's. The engine
(how texts become terms, the query, the ranking) is the platform's one, in `core/search.py`; this module
says what of an initiative is searched and keeps its index up to date.

What a query finds
------------------
The initiatives whose title, summary or description hold at least one of the query's words, accents and
case ignored, words of the same root alike in French and English: "velo" finds "Vélos", "energy" finds
"énergie", "bike" finds "bikes". A query with no usable word (empty, only stop words or one-letter words)
finds nothing. Best first: a word in the title counts more than one in the summary, which counts more than
one in the description (3 : 2 : 1, `FIELD_WEIGHTS`); ties go to the newest.

How a text becomes terms (in Python: SQLite's index, the query's words, similar initiatives)
---------------------------------------------------------------------------------------------
1. `normalise`: Unicode NFKD, combining marks dropped, lower case: "Vélos" → "velos".
2. `terms`: split on anything that is not a letter or digit, drop stop words (French and English, written
   without accents since the text is normalised first), drop one-letter tokens, then stem each token with
   the English Snowball stemmer and the result with the French one: `french(english(token))`.

   Why both, in that order: the platform's texts mix French and English, and a query does not say its
   language. The English stemmer removes the plural "s" on any word, which the French stemmer leaves on
   words like "velos"; the French stemmer then removes French endings. "vélo", "velo", "Vélos" and "vélos"
   all become `velo`; "bike" and "bikes" become `bik`; "énergie" and "energy" both `energ`, "solidarité"
   and "solidarity" both `solidar`.

PostgreSQL
----------
Migration 0007 creates two text search configurations, `mobilization_french` and `mobilization_english`:
copies of the built-in ones whose words pass through `unaccent` before their Snowball stemmer. The
initiatives' `search_vector` column is generated from the texts (title weight A, summary B, description
C, each parsed with both configurations: PostgreSQL cannot chain two stemmers, so a document holds the
French and the English stem of each word) and GIN-indexed; the database keeps it up to date on every
insert and update, whoever writes. A query is the OR of each of its words (the stop words and one-letter
words of `terms` left out) stemmed by both configurations, so a word matches when any of its stems equals
any stem of the document ("energy" → english `energi`; "énergie" → english `energi`, french `energ`).
Ranked by `ts_rank` with the weights of FIELD_WEIGHTS.

SQLite
------
The FTS5 table `initiatives_fulltext` (model `InitiativeFullText`, tokenizer `unicode61
remove_diacritics 2`) holds the `terms` of each initiative's title, summary and description, stemmed in
Python since FTS5 has no French stemmer: `reindex` writes them (the services call it whenever the texts
change), a trigger deletes them with their initiative. A query is the OR of its `terms`, ranked by FTS5's
`bm25()` with the weights of FIELD_WEIGHTS.

The term vectors
----------------
`InitiativeSearchTerm` holds one row per (initiative, term) with a weight: for each field the term occurs
in, the field's weight × (1 + ln(occurrences in that field)), summed over the fields. Similar initiatives
(synergy.py) compare these vectors; `reindex` rebuilds them with the full text, `reindex_all` in bulk.
"""

import math
from collections import Counter, defaultdict

from django.db import connection, transaction
from django.db.models import F

from mobilization.core import search as engine
from mobilization.core.search import (  # noqa: F401 - the initiatives' search speaks of these too
    MAX_QUERY_LENGTH,
    MAX_QUERY_TERMS,
    MAX_TERM_LENGTH,
    STOP_WORDS,
    normalise,
    query_terms,
    stem,
    terms,
)
from mobilization.initiatives.models import Initiative, InitiativeSearchTerm

_TOKEN = engine.TOKEN  # synergy.py splits texts into words as search does

FIELD_WEIGHTS = {"title": 3.0, "summary": 2.0, "description": 1.0}
BATCH_SIZE = 500

# ts_rank's weights of the labels D, C, B and A: description C, summary B, title A, as FIELD_WEIGHTS.
RANK_WEIGHTS = engine.rank_weights(FIELD_WEIGHTS)


def term_weights(initiative: Initiative) -> dict[str, float]:
    """Each term of the initiative with its weight (see the module's docstring)."""
    weights: dict[str, float] = defaultdict(float)
    for field, field_weight in FIELD_WEIGHTS.items():
        for term, count in Counter(terms(getattr(initiative, field, "") or "")).items():
            weights[term] += field_weight * (1.0 + math.log(count))
    return {term: round(weight, 4) for term, weight in weights.items()}


def full_text_row(pk: int, title: str, summary: str, description: str) -> tuple:
    """What SQLite's full-text table holds of an initiative: its key and the terms of each text."""
    return engine.full_text_row(pk, title, summary, description)


def _rows(initiative: Initiative) -> list[InitiativeSearchTerm]:
    return [
        InitiativeSearchTerm(initiative_id=initiative.pk, term=term, weight=weight)
        for term, weight in term_weights(initiative).items()
    ]


def _has_full_text_table() -> bool:
    return engine.uses_full_text_table()


def _write_full_text(initiatives) -> None:
    """Replace the rows of these initiatives in SQLite's full-text table (the terms stemmed in Python)."""
    rows = [
        full_text_row(initiative.pk, initiative.title, initiative.summary, initiative.description)
        for initiative in initiatives
    ]
    engine.write_full_text("initiatives_fulltext", ("title", "summary", "description"), rows)


@transaction.atomic
def reindex(initiative: Initiative) -> int:
    """Index one initiative's texts again (term vector, and SQLite's full text); returns how many terms
    it has. The services call it whenever the title, summary or description change."""
    rows = _rows(initiative)
    InitiativeSearchTerm.objects.filter(initiative_id=initiative.pk).delete()
    InitiativeSearchTerm.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    if _has_full_text_table():
        _write_full_text([initiative])
    return len(rows)


def reindex_all(queryset=None, *, stdout=None, batch_size: int = BATCH_SIZE) -> int:
    """Rebuild the index of many initiatives (all by default) in batches; returns how many were indexed.

    Each batch deletes its initiatives' rows and writes the new ones in one transaction, so a search
    running meanwhile sees either the old or the new terms of an initiative, never none. Rebuilding all of
    them also drops the full-text rows of initiatives that no longer exist, and has SQLite merge its
    full-text index into one b-tree (faster to read).
    """
    rebuilding_all = queryset is None
    if rebuilding_all:
        queryset = Initiative.objects.all()
    queryset = queryset.order_by("pk").only("pk", *FIELD_WEIGHTS)
    total = queryset.count()
    done = 0
    batch: list[Initiative] = []

    def flush():
        nonlocal done
        rows = [row for initiative in batch for row in _rows(initiative)]
        with transaction.atomic():
            InitiativeSearchTerm.objects.filter(initiative_id__in=[i.pk for i in batch]).delete()
            InitiativeSearchTerm.objects.bulk_create(rows, batch_size=2000)
            if _has_full_text_table():
                _write_full_text(batch)
        done += len(batch)
        batch.clear()
        if stdout is not None:
            stdout.write(f"Search index: {done}/{total} initiatives")

    for initiative in queryset.iterator(chunk_size=batch_size):
        batch.append(initiative)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    if rebuilding_all and _has_full_text_table():
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM initiatives_fulltext WHERE rowid NOT IN (SELECT id FROM initiatives_initiative)"
            )
            cursor.execute("INSERT INTO initiatives_fulltext (initiatives_fulltext) VALUES ('optimize')")
    return done


# --- Searching -----------------------------------------------------------------------------------------


def search(queryset, query: str):
    """The initiatives of `queryset` matching `query`, best first, each annotated with `search_score`
    (higher is better). A query without any usable word (empty, stop words only) returns an empty queryset.
    """
    found = engine.search(queryset, query, weights=FIELD_WEIGHTS, full_text="full_text")
    return found.order_by("-search_score", F("published_at").desc(nulls_last=True), "-pk")
