"""Full-text search over initiatives, in the database's own engine: PostgreSQL's or SQLite's.

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
import re
import unicodedata
from collections import Counter, defaultdict

import snowballstemmer
from django.contrib.postgres.search import SearchQueryField, SearchRank, SearchVectorField
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections, transaction
from django.db.models import BooleanField, Expression, F, FloatField, Func, Value

from mobilization.initiatives.models import Initiative, InitiativeSearchTerm

FIELD_WEIGHTS = {"title": 3.0, "summary": 2.0, "description": 1.0}
MAX_TERM_LENGTH = 64  # InitiativeSearchTerm.term's max_length
MAX_QUERY_TERMS = 12  # a longer query is cut: its first terms are searched
MAX_QUERY_LENGTH = 1000
BATCH_SIZE = 500

# PostgreSQL: the objects migration 0007 creates.
SEARCH_VECTOR_COLUMN = "search_vector"
SEARCH_QUERY_FUNCTION = "mobilization_search_query"
# ts_rank's weights of the labels D, C, B and A: description C, summary B, title A, as FIELD_WEIGHTS.
_TITLE = FIELD_WEIGHTS["title"]
RANK_WEIGHTS = [0.1, FIELD_WEIGHTS["description"] / _TITLE, FIELD_WEIGHTS["summary"] / _TITLE, 1.0]

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

# Written as `normalise` leaves them (no accents, lower case).
_STOP_WORDS_TEXT = """
    a afin ai aie aient ainsi alors apres au aucun aupres aussi autre autres aux avaient avais avait avant
    avec avez avoir avons ayant c ca car ce ceci cela celle celles celui cependant ces cet cette ceux chaque
    chez ci comme comment d dans de des deja depuis donc dont du elle elles en encore entre es est et etaient
    etais etait etant ete etre eu eux fait faire fois furent fut il ils j je jusqu l la le les leur leurs lui
    m ma mais me meme memes mes moi mon n ne ni nos notre nous on ont ou par parce pas pendant peu peut plus
    pour pourquoi qu quand que quel quelle quelles quels qui quoi s sa sans se sera seront ses si sien soi
    soit sommes son sont sous suis sur t ta te tes toi ton tous tout toute toutes tres tu un une unes uns
    vers via voici voila vont vos votre vous y
    about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her
    here hers herself him himself his how i if in into is it its itself just me more most my myself no nor
    not now of off on once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours yourself
    yourselves
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_english = snowballstemmer.stemmer("english")
_french = snowballstemmer.stemmer("french")


def normalise(text: str) -> str:
    """Accent-free lower case: NFKD, combining marks removed. "Énergie Vélo" → "energie velo"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def stem(token: str) -> str:
    return _french.stemWord(_english.stemWord(token))[:MAX_TERM_LENGTH]


def _words(text: str) -> list[str]:
    """The words of a text that count: normalised, stop words and one-letter words out."""
    return [token for token in _TOKEN.findall(normalise(text)) if len(token) > 1 and token not in STOP_WORDS]


def terms(text: str) -> list[str]:
    """The search terms of a text, in order, with repeats: normalised, stop words out, stemmed."""
    return [stem(word) for word in _words(text)]


def _query_words(query: str) -> dict[str, str]:
    """The query's words that count, one per term, in the order typed, at most MAX_QUERY_TERMS:
    {term: the first word typed that has it}."""
    by_term: dict[str, str] = {}
    for word in _words((query or "")[:MAX_QUERY_LENGTH]):
        by_term.setdefault(stem(word), word)
    return dict(list(by_term.items())[:MAX_QUERY_TERMS])


def query_terms(query: str) -> list[str]:
    """The distinct terms of a query, in the order typed, at most MAX_QUERY_TERMS."""
    return list(_query_words(query))


def term_weights(initiative: Initiative) -> dict[str, float]:
    """Each term of the initiative with its weight (see the module's docstring)."""
    weights: dict[str, float] = defaultdict(float)
    for field, field_weight in FIELD_WEIGHTS.items():
        for term, count in Counter(terms(getattr(initiative, field, "") or "")).items():
            weights[term] += field_weight * (1.0 + math.log(count))
    return {term: round(weight, 4) for term, weight in weights.items()}


def full_text_row(pk: int, title: str, summary: str, description: str) -> tuple:
    """What SQLite's full-text table holds of an initiative: its key and the terms of each text."""
    return (pk, *(" ".join(terms(text or "")) for text in (title, summary, description)))


def _rows(initiative: Initiative) -> list[InitiativeSearchTerm]:
    return [
        InitiativeSearchTerm(initiative_id=initiative.pk, term=term, weight=weight)
        for term, weight in term_weights(initiative).items()
    ]


def _has_full_text_table() -> bool:
    """SQLite keeps a full-text table up to date from Python; PostgreSQL computes its column itself."""
    return connection.vendor == "sqlite"


def _write_full_text(initiatives) -> None:
    """Replace the rows of these initiatives in SQLite's full-text table (the terms stemmed in Python)."""
    rows = [
        full_text_row(initiative.pk, initiative.title, initiative.summary, initiative.description)
        for initiative in initiatives
    ]
    insert = "INSERT INTO initiatives_fulltext (rowid, title, summary, description) VALUES (%s, %s, %s, %s)"
    with connection.cursor() as cursor:
        cursor.executemany("DELETE FROM initiatives_fulltext WHERE rowid = %s", [(row[0],) for row in rows])
        cursor.executemany(insert, rows)


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
    words = _query_words(query)
    if not words:
        return queryset.none()
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        found = _search_postgresql(queryset, list(words.values()))
    elif vendor == "sqlite":
        found = _search_sqlite(queryset, list(words))
    else:
        raise ImproperlyConfigured(f"Full-text search runs on PostgreSQL or SQLite, not on {vendor}.")
    return found.order_by("-search_score", F("published_at").desc(nulls_last=True), "-pk")


class SearchVectorColumn(Expression):
    """PostgreSQL: the initiatives' `search_vector` column, under the name the query gives their table.

    Migration 0007 adds the column (generated from the texts, GIN-indexed) on PostgreSQL only, so it is
    not a field of the model: SQLite has neither the type nor the column, and no page needs to read it.
    """

    output_field = SearchVectorField()

    def __init__(self, alias=None):
        super().__init__()
        self.alias = alias

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        return SearchVectorColumn(query.get_initial_alias())

    def relabeled_clone(self, relabels):
        return SearchVectorColumn(relabels.get(self.alias, self.alias))

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(self.alias)
        return f"{table}.{connection.ops.quote_name(SEARCH_VECTOR_COLUMN)}", []


class SearchQueryOfWords(Func):
    """PostgreSQL: the tsquery matching any of the words, each stemmed as the documents are."""

    function = SEARCH_QUERY_FUNCTION
    output_field = SearchQueryField()


class Matches(Func):
    """`vector @@ query`."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def _search_postgresql(queryset, words: list[str]):
    vector = SearchVectorColumn()
    query = SearchQueryOfWords(Value(" ".join(words)))
    return queryset.filter(Matches(vector, query)).annotate(
        search_score=SearchRank(vector, query, weights=RANK_WEIGHTS)
    )


def _search_sqlite(queryset, query_term_list: list[str]):
    # Each term quoted: FTS5 reads it as a plain string, never as its query syntax.
    match = " OR ".join(f'"{term}"' for term in query_term_list)
    bm25 = Func(
        F("full_text__document"),
        *(Value(weight) for weight in FIELD_WEIGHTS.values()),
        function="bm25",
        output_field=FloatField(),
    )
    # bm25() is lower for better matches.
    return queryset.filter(full_text__document__match=match).annotate(search_score=-bm25)
