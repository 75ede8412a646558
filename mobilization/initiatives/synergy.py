"""Synergy: initiatives that look alike, near each other, so that people team up instead of starting over.

Similarity of two initiatives
-----------------------------
score = 0.6 × text + 0.25 × themes + 0.15 × closeness, each between 0 and 1:

- text: the cosine of their term vectors. A vector is the initiative's rows of the search index
  (`InitiativeSearchTerm`: stemmed, accent-free terms weighted by where they occur, see search.py), or,
  for a text not saved yet, the same weights computed from it (`search.term_weights`);
- themes: shared themes over the themes of either (Jaccard);
- closeness: 1 at the same point, 0 at `within_km`.

A candidate must share words (text ≥ MIN_TEXT) or a theme, and score at least MIN_SCORE. Only the
published initiatives inside a bounding box around the point are read, and only their index rows for the
query's own terms (plus one aggregate for their norms): no description is loaded, so it stays fast with
tens of thousands of initiatives.

Clusters (for staff): in one arrondissement, pairs of published initiatives whose text similarity is at
least CLUSTER_THRESHOLD are linked; the connected components of two or more are the clusters. One sparse
matrix product per arrondissement (scipy), cached until an initiative of it changes.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.core.cache import cache
from django.db.models import Count, F, Max, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mobilization.core.themes import theme_labels
from mobilization.initiatives import cache as cache_versions
from mobilization.initiatives import search
from mobilization.initiatives.models import Initiative, InitiativeSearchTerm
from mobilization.territory.geo import great_circle_m

TEXT_WEIGHT, THEME_WEIGHT, CLOSENESS_WEIGHT = 0.6, 0.25, 0.15
MIN_TEXT = 0.08
MIN_SCORE = 0.2
SHOWN_WORDS = 4
CLUSTER_THRESHOLD = 0.35
PAGE_CACHE_SECONDS = 15 * 60
KM_PER_DEGREE_LAT = 111.2


@dataclass
class SimilarInitiative:
    """One similar initiative, and why: enough to say "same theme, 800 m away, similar words: compost"."""

    initiative: Initiative
    score: float
    distance_m: float
    text_similarity: float
    shared_themes: list[str] = field(default_factory=list)
    shared_words: list[str] = field(default_factory=list)

    @property
    def distance_label(self) -> str:
        if self.distance_m < 1000:
            return _("%(metres)d m away") % {"metres": max(10, round(self.distance_m / 10) * 10)}
        return _("%(km)s km away") % {"km": f"{self.distance_m / 1000:.1f}"}

    @property
    def theme_labels(self) -> list[str]:
        return [str(label) for label in theme_labels(self.shared_themes)]

    @property
    def explanation(self) -> str:
        parts = []
        if self.shared_themes:
            parts.append(
                ngettext("same theme: %(themes)s", "same themes: %(themes)s", len(self.shared_themes))
                % {"themes": ", ".join(self.theme_labels)}
            )
        parts.append(self.distance_label)
        if self.shared_words:
            parts.append(_("similar words: %(words)s") % {"words": ", ".join(self.shared_words)})
        return ", ".join(parts)

    @property
    def percent(self) -> int:
        return round(self.score * 100)


# --- Vectors -----------------------------------------------------------------------------------------------


def text_vector(title: str, summary: str = "", description: str = "") -> dict[str, float]:
    """The weighted terms of a text not saved yet, as the search index would store them."""
    return search.term_weights(
        Initiative(title=title or "", summary=summary or "", description=description or "")
    )


def words_by_term(*texts: str) -> dict[str, str]:
    """For each term, the first word of the texts that gave it: "jardins" for `jardin`, to show people."""
    found: dict[str, str] = {}
    for text in texts:
        for word in search._TOKEN.findall(text or ""):
            if len(word) < 2:
                continue
            term_list = search.terms(word)
            if term_list and term_list[0] not in found:
                found[term_list[0]] = word.lower()
    return found


def _norm(vector: dict[str, float]) -> float:
    return math.sqrt(sum(weight * weight for weight in vector.values()))


def _bounding_box(lat: float, lon: float, within_km: float) -> Q:
    dlat = within_km / KM_PER_DEGREE_LAT
    dlon = within_km / (KM_PER_DEGREE_LAT * max(0.1, math.cos(math.radians(lat))))
    return Q(lat__gte=lat - dlat, lat__lte=lat + dlat, lon__gte=lon - dlon, lon__lte=lon + dlon)


def _jaccard(a, b) -> float:
    a, b = set(a or ()), set(b or ())
    return len(a & b) / len(a | b) if a | b else 0.0


# --- Similar initiatives near a point --------------------------------------------------------------------


def similar_initiatives(
    title: str,
    description: str,
    themes,
    lat: float,
    lon: float,
    *,
    summary: str = "",
    within_km: float = 3,
    limit: int = 5,
    exclude=None,
    vector: dict[str, float] | None = None,
) -> list[SimilarInitiative]:
    """Published initiatives within `within_km` of the point that look like this text and these themes,
    best first, each with the reasons of its score. `exclude`: an initiative or a primary key to leave out.
    """
    if lat is None or lon is None:
        return []
    vector = vector if vector is not None else text_vector(title, summary, description)
    query_norm = _norm(vector)
    themes = list(themes or [])
    exclude_pk = getattr(exclude, "pk", exclude)

    nearby = Initiative.objects.published().filter(_bounding_box(lat, lon, within_km))
    if exclude_pk is not None:
        nearby = nearby.exclude(pk=exclude_pk)
    candidates = {
        pk: (c_lat, c_lon, c_themes)
        for pk, c_lat, c_lon, c_themes in nearby.values_list("pk", "lat", "lon", "themes").order_by()
    }
    if not candidates:
        return []

    # Dot products over the query's own terms only, through the (term, initiative) index.
    dots: dict[int, float] = defaultdict(float)
    shared_terms: dict[int, list[tuple[float, str]]] = defaultdict(list)
    if vector:
        rows = InitiativeSearchTerm.objects.filter(
            term__in=list(vector), initiative__in=nearby.values("pk")
        ).values_list("initiative_id", "term", "weight")
        for pk, term, weight in rows:
            contribution = weight * vector[term]
            dots[pk] += contribution
            shared_terms[pk].append((contribution, term))
    norms = _squared_norms(list(dots)) if dots else {}

    words = words_by_term(title, summary, description)
    scored = []
    for pk, (c_lat, c_lon, c_themes) in candidates.items():
        distance = great_circle_m(lat, lon, c_lat, c_lon)
        if distance > within_km * 1000:
            continue
        text = 0.0
        if pk in dots and query_norm and norms.get(pk):
            text = min(1.0, dots[pk] / (query_norm * math.sqrt(norms[pk])))
        common_themes = [key for key in themes if key in (c_themes or [])]
        if text < MIN_TEXT and not common_themes:
            continue
        score = (
            TEXT_WEIGHT * text
            + THEME_WEIGHT * _jaccard(themes, c_themes)
            + CLOSENESS_WEIGHT * (1 - distance / (within_km * 1000))
        )
        if score < MIN_SCORE:
            continue
        top_terms = [term for _c, term in sorted(shared_terms.get(pk, []), reverse=True)[:SHOWN_WORDS]]
        scored.append((score, pk, distance, text, common_themes, [words.get(t, t) for t in top_terms]))
    scored.sort(key=lambda row: (-row[0], row[2]))
    scored = scored[:limit]
    loaded = (
        Initiative.objects.select_related("district")
        .defer("district__geometry")
        .in_bulk([row[1] for row in scored])
    )
    return [
        SimilarInitiative(
            initiative=loaded[pk],
            score=round(score, 3),
            distance_m=distance,
            text_similarity=round(text, 3),
            shared_themes=common_themes,
            shared_words=shared_words,
        )
        for score, pk, distance, text, common_themes, shared_words in scored
        if pk in loaded
    ]


def _squared_norms(pks: list[int]) -> dict[int, float]:
    """Σ weight² of each initiative's index rows, computed by the database."""
    return dict(
        InitiativeSearchTerm.objects.filter(initiative_id__in=pks)
        .values("initiative_id")
        .annotate(total=Sum(F("weight") * F("weight")))
        .values_list("initiative_id", "total")
        .order_by()
    )


def index_vector(initiative: Initiative) -> dict[str, float]:
    """The initiative's vector as the search index holds it."""
    return dict(InitiativeSearchTerm.objects.filter(initiative=initiative).values_list("term", "weight"))


def similar_to(initiative: Initiative, *, within_km: float = 3, limit: int = 5) -> list[SimilarInitiative]:
    """Similar published initiatives near a saved one (its draft page, its public page)."""
    return similar_initiatives(
        initiative.title,
        initiative.description,
        initiative.themes,
        initiative.lat,
        initiative.lon,
        summary=initiative.summary,
        within_km=within_km,
        limit=limit,
        exclude=initiative,
        vector=index_vector(initiative) or None,
    )


def cached_similar_to(initiative: Initiative, *, limit: int = 5) -> list[SimilarInitiative]:
    """`similar_to`, kept PAGE_CACHE_SECONDS for a public page and until a published initiative changes.

    The cache holds plain values: what the page shows of each similar initiative (title, summary) with
    the reasons of its score. The key holds the version of the published initiatives (how many, and
    the last change), so a renamed, unpublished or new initiative is seen at once: a hit costs one
    indexed aggregate and no other query.
    """
    version = cache_versions.published_version()
    key = f"initiatives:similar:{initiative.pk}:{initiative.updated_at.timestamp()}:{version}"
    rows = cache.get(key)
    if rows is None:
        rows = [
            (
                s.initiative.pk,
                s.initiative.title,
                s.initiative.summary,
                s.initiative.organiser_id,
                s.score,
                s.distance_m,
                s.text_similarity,
                s.shared_themes,
                s.shared_words,
            )
            for s in similar_to(initiative, limit=limit)
        ]
        cache.set(key, rows, PAGE_CACHE_SECONDS)
    return [
        SimilarInitiative(
            Initiative(
                pk=pk,
                title=title,
                summary=summary,
                organiser_id=organiser_id,
                status=Initiative.Status.PUBLISHED,
            ),
            score,
            distance,
            text,
            themes,
            words,
        )
        for pk, title, summary, organiser_id, score, distance, text, themes, words in rows
    ]


# --- Clusters per arrondissement (staff) ---------------------------------------------------------------


@dataclass
class Cluster:
    initiatives: list[Initiative]
    shared_words: list[str]
    strongest: float


def clusters_in(district, *, threshold: float = CLUSTER_THRESHOLD) -> list[Cluster]:
    """Groups of similar published initiatives in one arrondissement, largest first (cached)."""
    published = Initiative.objects.published().filter(district=district)
    figures = published.aggregate(count=Count("pk"), last=Max("updated_at"))
    last = figures["last"].isoformat() if figures["last"] else "-"
    key = f"initiatives:clusters:{district.pk}:{threshold}:{figures['count']}:{last}"
    groups = cache.get(key)
    if groups is None:
        groups = _compute_clusters(published, threshold)
        cache.set(key, groups, 60 * 60)
    loaded = Initiative.objects.select_related("organiser__profile").in_bulk(
        [pk for pks, _w, _s in groups for pk in pks]
    )
    clusters = []
    for pks, terms, strongest in groups:
        members = [loaded[pk] for pk in pks if pk in loaded]
        # The index holds stems ("jardin", "partag"); staff read the members' own words ("jardins").
        words = words_by_term(*(text for i in members for text in (i.title, i.summary, i.description)))
        clusters.append(Cluster(members, [words.get(term, term) for term in terms], strongest))
    return clusters


def _compute_clusters(published, threshold: float) -> list[tuple[list[int], list[str], float]]:
    from scipy.sparse import csr_matrix, diags
    from scipy.sparse.csgraph import connected_components

    rows = list(
        InitiativeSearchTerm.objects.filter(initiative__in=published.values("pk")).values_list(
            "initiative_id", "term", "weight"
        )
    )
    if not rows:
        return []
    pks = sorted({row[0] for row in rows})
    pk_index = {pk: i for i, pk in enumerate(pks)}
    terms = sorted({row[1] for row in rows})
    term_index = {term: j for j, term in enumerate(terms)}
    data = np.array([row[2] for row in rows], dtype=float)
    matrix = csr_matrix(
        (data, ([pk_index[r[0]] for r in rows], [term_index[r[1]] for r in rows])),
        shape=(len(pks), len(terms)),
    )
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    unit = diags(1 / norms) @ matrix
    similarity = (unit @ unit.T).tocoo()
    keep = (similarity.row < similarity.col) & (similarity.data >= threshold)
    if not keep.any():
        return []
    links = csr_matrix(
        (similarity.data[keep], (similarity.row[keep], similarity.col[keep])), shape=(len(pks), len(pks))
    )
    count, labels = connected_components(links, directed=False)
    members: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        members[label].append(i)
    groups = []
    unit = unit.tocsr()
    for indexes in members.values():
        if len(indexes) < 2:
            continue
        block = links[indexes][:, indexes]
        strongest = float(block.max()) if block.nnz else 0.0
        # Words the members share most: the terms present in most members, heaviest first.
        presence = (unit[indexes] > 0).sum(axis=0).A1
        weight = unit[indexes].sum(axis=0).A1
        order = np.lexsort((-weight, -presence))
        words = [terms[j] for j in order[:SHOWN_WORDS] if presence[j] >= 2]
        groups.append(([pks[i] for i in indexes], words, round(strongest, 2)))
    groups.sort(key=lambda group: (-len(group[0]), -group[2]))
    return groups
