"""Full-text search over initiatives, the same on SQLite and PostgreSQL.

How a text becomes terms
------------------------
1. `normalise`: Unicode NFKD, combining marks dropped, lower case: "Vélos" → "velos".
2. `terms`: split on anything that is not a letter or digit, drop stop words (French and English, written
   without accents since the text is normalised first), drop one-letter tokens, then stem each token with
   the English Snowball stemmer and the result with the French one: `french(english(token))`.

   Why both, in that order: the platform's texts mix French and English, and a query does not say its
   language. The English stemmer removes the plural "s" on any word, which the French stemmer leaves on
   words like "velos"; the French stemmer then removes French endings. "vélo", "velo", "Vélos" and "vélos"
   all become `velo`; "bike" and "bikes" become `bik`; "énergie" and "energy" both `energ`, "solidarité"
   and "solidarity" both `solidar`. One term per token keeps the ranking simple: a query token matches a
   document token when their terms are equal.

The index
---------
`InitiativeSearchTerm` holds one row per (initiative, term) with a weight: for each field the term occurs
in, the field's weight (title 3, summary 2, description 1) × (1 + ln(occurrences in that field)), summed
over the fields. The logarithm keeps a description that repeats a word five times below one title match.
`reindex(initiative)` rebuilds one initiative's rows (the core services call it whenever the title, summary
or description change); `reindex_all()` rebuilds in bulk.

Ranking
-------
`search(queryset, query)` keeps the initiatives that contain at least one query term and orders them by
score = Σ weight × idf over the query terms they contain, where idf = ln(1 + N / df) (N: initiatives in
the index, df: initiatives containing the term). Both the document frequencies and the score are computed
by the database through the (term, initiative) index; ties go to the newest. A query with no usable term
(empty, only stop words) matches nothing.
"""

import math
import re
import unicodedata
from collections import Counter, defaultdict

import snowballstemmer
from django.db import transaction
from django.db.models import Case, Count, F, FloatField, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from mobilization.initiatives.models import Initiative, InitiativeSearchTerm

FIELD_WEIGHTS = {"title": 3.0, "summary": 2.0, "description": 1.0}
MAX_TERM_LENGTH = 64  # InitiativeSearchTerm.term's max_length
MAX_QUERY_TERMS = 12  # a longer query is cut: its first terms are searched
BATCH_SIZE = 500

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


def terms(text: str) -> list[str]:
    """The search terms of a text, in order, with repeats: normalised, stop words out, stemmed."""
    return [
        stem(token) for token in _TOKEN.findall(normalise(text)) if len(token) > 1 and token not in STOP_WORDS
    ]


def query_terms(query: str) -> list[str]:
    """The distinct terms of a query, in the order typed, at most MAX_QUERY_TERMS."""
    return list(dict.fromkeys(terms((query or "")[:1000])))[:MAX_QUERY_TERMS]


def term_weights(initiative: Initiative) -> dict[str, float]:
    """Each term of the initiative with its weight (see the module's docstring)."""
    weights: dict[str, float] = defaultdict(float)
    for field, field_weight in FIELD_WEIGHTS.items():
        for term, count in Counter(terms(getattr(initiative, field, "") or "")).items():
            weights[term] += field_weight * (1.0 + math.log(count))
    return {term: round(weight, 4) for term, weight in weights.items()}


def _rows(initiative: Initiative) -> list[InitiativeSearchTerm]:
    return [
        InitiativeSearchTerm(initiative_id=initiative.pk, term=term, weight=weight)
        for term, weight in term_weights(initiative).items()
    ]


@transaction.atomic
def reindex(initiative: Initiative) -> int:
    """Rebuild one initiative's index rows; returns how many terms it has."""
    rows = _rows(initiative)
    InitiativeSearchTerm.objects.filter(initiative_id=initiative.pk).delete()
    InitiativeSearchTerm.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def reindex_all(queryset=None, *, stdout=None, batch_size: int = BATCH_SIZE) -> int:
    """Rebuild the index of many initiatives (all by default) in batches; returns how many were indexed.

    Each batch deletes its initiatives' rows and bulk-creates the new ones in one transaction, so a search
    running meanwhile sees either the old or the new terms of an initiative, never none.
    """
    if queryset is None:
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
    return done


def idf_by_term(query_term_list: list[str]) -> dict[str, float]:
    """ln(1 + N / df) for each query term found in the index (terms absent from it are left out)."""
    if not query_term_list:
        return {}
    frequencies = dict(
        InitiativeSearchTerm.objects.filter(term__in=query_term_list)
        .values("term")
        .annotate(df=Count("initiative_id"))
        .values_list("term", "df")
    )
    if not frequencies:
        return {}
    total = max(Initiative.objects.count(), max(frequencies.values()))
    return {term: math.log(1.0 + total / df) for term, df in frequencies.items()}


def search(queryset, query: str):
    """The initiatives of `queryset` matching `query`, best first, each annotated with `search_score`.

    A query without any usable term (empty, stop words only) returns an empty queryset.
    """
    idf = idf_by_term(query_terms(query))
    if not idf:
        return queryset.none()
    matching = InitiativeSearchTerm.objects.filter(initiative_id=OuterRef("pk"), term__in=list(idf))
    score = (
        matching.order_by()
        .values("initiative_id")
        .annotate(
            score=Sum(
                Case(
                    *[When(term=term, then=F("weight") * Value(value)) for term, value in idf.items()],
                    default=Value(0.0),
                    output_field=FloatField(),
                )
            )
        )
        .values("score")
    )
    return (
        queryset.filter(
            pk__in=InitiativeSearchTerm.objects.filter(term__in=list(idf)).values("initiative_id")
        )
        .annotate(search_score=Coalesce(Subquery(score, output_field=FloatField()), Value(0.0)))
        .order_by("-search_score", F("published_at").desc(nulls_last=True), "-pk")
    )
