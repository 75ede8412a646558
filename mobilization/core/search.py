"""The platform's one full-text search, in the database's own engine (PostgreSQL's or SQLite's): what
every app that searches texts uses (initiatives, the learning app's resources).

What a query finds: the rows whose texts hold at least one of the query's words, accents and case ignored,
words of the same root alike in French and English ("velo" finds "Vélos", "energy" finds "énergie"). A
query with no usable word (empty, only stop words or one-letter words) finds nothing. Best first, by the
weights the app gives its fields.

How a text becomes terms (in Python: SQLite's index, the query's words)
-----------------------------------------------------------------------
1. `normalise`: Unicode NFKD, combining marks dropped, lower case: "Vélos" → "velos".
2. `terms`: split on anything that is not a letter or digit, drop stop words (French and English, written
   without accents since the text is normalised first), drop one-letter tokens, then stem each token with
   the English Snowball stemmer and the result with the French one: `french(english(token))`. The
   platform's texts mix French and English and a query does not say its language: "vélo", "velo",
   "Vélos" all become `velo`; "énergie" and "energy" both `energ`.

PostgreSQL
----------
Initiatives' migration 0007 created, once for the whole database: the `unaccent` extension, the text
search configuration `mobilization_english`, `mobilization_stems(text)` (the tsvector of a text stemmed as
above: English then French) and `mobilization_search_query(words)` (the tsquery matching any of the
words). Each searched table has a generated, GIN-indexed `search_vector` column (setweight A, B, C... of
`mobilization_stems` of its texts: see the app's migration), kept up to date by the database. A query is
ranked by `ts_rank` with the app's weights (`rank_weights`).

SQLite
------
Each searched table has an FTS5 table (tokenizer `unicode61 remove_diacritics 2`) holding the `terms` of
its texts, stemmed in Python since FTS5 has no French stemmer: the app writes them when the texts change
(`write_full_text`), a trigger deletes them with the row. A query is the OR of its terms, ranked by
`bm25()` with the app's weights. The FTS5 table is an unmanaged model with a one-to-one key to the row
(`rowid`) and a `FullTextDocumentField` named after the table, so that a query can join it.
"""

import functools
import re
import unicodedata

import snowballstemmer
from django.contrib.postgres.search import SearchQueryField, SearchRank, SearchVectorField
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections, models
from django.db.models import BooleanField, Expression, F, FloatField, Func, Value

MAX_TERM_LENGTH = 64
MAX_QUERY_TERMS = 12  # a longer query is cut: its first terms are searched
MAX_QUERY_LENGTH = 1000

# PostgreSQL: the objects initiatives' migration 0007 creates, and the column each searched table has.
SEARCH_VECTOR_COLUMN = "search_vector"
SEARCH_QUERY_FUNCTION = "mobilization_search_query"

TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

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


@functools.lru_cache(maxsize=16384)
def stem(token: str) -> str:
    """French stem of the English stem (see the module's docstring). Kept for the words seen most: the
    Snowball stemmers are pure Python, and every search stems its words again."""
    return _french.stemWord(_english.stemWord(token))[:MAX_TERM_LENGTH]


def words(text: str) -> list[str]:
    """The words of a text that count: normalised, stop words and one-letter words out."""
    return [token for token in TOKEN.findall(normalise(text)) if len(token) > 1 and token not in STOP_WORDS]


def terms(text: str) -> list[str]:
    """The search terms of a text, in order, with repeats: normalised, stop words out, stemmed."""
    return [stem(word) for word in words(text)]


def query_words(query: str) -> dict[str, str]:
    """The query's words that count, one per term, in the order typed, at most MAX_QUERY_TERMS:
    {term: the first word typed that has it}."""
    by_term: dict[str, str] = {}
    for word in words((query or "")[:MAX_QUERY_LENGTH]):
        by_term.setdefault(stem(word), word)
    return dict(list(by_term.items())[:MAX_QUERY_TERMS])


def query_terms(query: str) -> list[str]:
    """The distinct terms of a query, in the order typed, at most MAX_QUERY_TERMS."""
    return list(query_words(query))


def full_text_row(pk: int, *texts: str) -> tuple:
    """What an SQLite full-text table holds of a row: its key and the terms of each text."""
    return (pk, *(" ".join(terms(text or "")) for text in texts))


def uses_full_text_table() -> bool:
    """SQLite keeps its full-text tables up to date from Python; PostgreSQL computes its columns itself."""
    return connection.vendor == "sqlite"


def write_full_text(table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Replace rows of an SQLite full-text table: `rows` are `full_text_row(pk, *texts)` tuples."""
    names = ", ".join(("rowid", *columns))
    marks = ", ".join(["%s"] * (len(columns) + 1))
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {table} WHERE rowid = %s", [(row[0],) for row in rows])  # noqa: S608
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608


# --- The SQLite full-text table's column and its MATCH ------------------------------------------------------


class FullTextDocumentField(models.TextField):
    """The hidden column of an SQLite FTS5 table, named after the table: what `MATCH` and `bm25()` take."""


@FullTextDocumentField.register_lookup
class FullTextMatch(models.Lookup):
    """`document__match="velo OR compost"`: the rows the FTS5 query matches (FTS5 query syntax)."""

    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


# --- Searching ----------------------------------------------------------------------------------------------


def rank_weights(weights: dict[str, float]) -> list[float]:
    """ts_rank's weights of the labels D, C, B, A for fields weighted in that order (A first), as
    fractions of the first: {"title": 3, "summary": 2, "description": 1} → [0.1, 1/3, 2/3, 1]."""
    values = list(weights.values())
    top = values[0]
    labels = [value / top for value in values] + [0.1] * (4 - len(values))
    return list(reversed(labels[:4]))


def search(queryset, query: str, *, weights: dict[str, float], full_text: str):
    """The rows of `queryset` matching `query`, annotated with `search_score` (higher is better), not
    ordered. `weights`: the searched fields and their weights, in the order of the PostgreSQL column's
    labels (A, B, C...) and of the SQLite table's columns; `full_text`: the relation from the model to its
    SQLite full-text table. A query without any usable word returns an empty queryset."""
    found_words = query_words(query)
    if not found_words:
        return queryset.none().annotate(search_score=Value(0.0, output_field=FloatField()))
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        vector = SearchVectorColumn()
        search_query = SearchQueryOfWords(Value(" ".join(found_words.values())))
        return queryset.filter(Matches(vector, search_query)).annotate(
            search_score=SearchRank(vector, search_query, weights=rank_weights(weights))
        )
    if vendor == "sqlite":
        # Each term quoted: FTS5 reads it as a plain string, never as its query syntax.
        match = " OR ".join(f'"{term}"' for term in found_words)
        bm25 = Func(
            F(f"{full_text}__document"),
            *(Value(weight) for weight in weights.values()),
            function="bm25",
            output_field=FloatField(),
        )
        # bm25() is lower for better matches.
        return queryset.filter(**{f"{full_text}__document__match": match}).annotate(search_score=-bm25)
    raise ImproperlyConfigured(f"Full-text search runs on PostgreSQL or SQLite, not on {vendor}.")


class SearchVectorColumn(Expression):
    """PostgreSQL: the `search_vector` column of the queried table, under the name the query gives it.

    The column is added by each app's migration on PostgreSQL only, so it is not a field of the model:
    SQLite has neither the type nor the column, and no page needs to read it."""

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
