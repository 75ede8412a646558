"""Which buddies may take which resident: the eligible pairs the solver chooses among.

A pair is eligible when the buddy can take anyone (capacity above 0), the resident lies within the
buddy's maximum distance, the buddy offers the contact the resident prefers (call or visit), and they
share a language (a resident who stated none can be called by anyone).

The pairs are found with a KD-tree over the buddies' base points (scipy's cKDTree): for each resident
the k nearest *eligible* buddies, widening the search for the residents whose nearest buddies were
mostly ineligible, so that a French-speaking visit next to twenty callers who only speak English still
gets its k candidates when they exist. `k=None` gives every eligible pair (the complete graph the exact
optimum is computed on).
"""

import functools
from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from .model import Buddy, Mode, Resident

MODE_BITS = {Mode.CALL: 1, Mode.VISIT: 2}


@dataclass
class Arrays:
    """Residents and buddies as columns, in id order (the solver's canonical order)."""

    residents: list[Resident]
    buddies: list[Buddy]
    rxy: np.ndarray
    rmode: np.ndarray
    rlang: np.ndarray
    bxy: np.ndarray
    bcap: np.ndarray
    bmax: np.ndarray
    bmodes: np.ndarray
    blang: np.ndarray
    tree: cKDTree | None
    buddy_index: dict[int, int]

    @property
    def reach(self) -> float:
        """The longest maximum distance of any buddy: no eligible pair is further apart."""
        return float(self.bmax.max()) if len(self.bmax) else 0.0


def _language_masks(residents, buddies):
    """Each language as one bit. Past 62 languages, Python integers in object arrays (slower, still exact)."""
    rsets = [r.languages for r in residents]
    bsets = [b.languages for b in buddies]
    distinct = set(rsets) | set(bsets)  # a few sets of languages, shared by thousands of people
    vocabulary = sorted({lang for languages in distinct for lang in languages})
    bit = {lang: 1 << i for i, lang in enumerate(vocabulary)}
    dtype = np.int64 if len(vocabulary) <= 62 else object
    mask = {languages: sum(bit[lang] for lang in languages) for languages in distinct}
    return (
        np.array([mask[languages] for languages in rsets], dtype=dtype),
        np.array([mask[languages] for languages in bsets], dtype=dtype),
    )


@functools.cache
def _mode_bits(modes: frozenset) -> int:
    return sum(MODE_BITS[m] for m in modes)


def arrays(residents: list[Resident], buddies: list[Buddy]) -> Arrays:
    residents = sorted(residents, key=lambda r: r.id)
    buddies = sorted((b for b in buddies if b.capacity > 0), key=lambda b: b.id)
    for people, what in ((residents, "resident"), (buddies, "buddy")):
        ids = [p.id for p in people]
        if len(set(ids)) != len(ids):
            raise ValueError(f"The same {what} id appears twice.")
    rlang, blang = _language_masks(residents, buddies)
    bxy = np.array([(b.x, b.y) for b in buddies], dtype=float).reshape(-1, 2)
    return Arrays(
        residents=residents,
        buddies=buddies,
        rxy=np.array([(r.x, r.y) for r in residents], dtype=float).reshape(-1, 2),
        rmode=np.array([MODE_BITS[r.mode] for r in residents], dtype=np.int64),
        rlang=rlang,
        bxy=bxy,
        bcap=np.array([b.capacity for b in buddies], dtype=np.int64),
        bmax=np.array([b.max_distance_m for b in buddies], dtype=float),
        bmodes=np.array([_mode_bits(b.modes) for b in buddies], dtype=np.int64),
        blang=blang,
        tree=cKDTree(bxy) if buddies else None,
        buddy_index={b.id: j for j, b in enumerate(buddies)},
    )


def eligible(a: Arrays, r: np.ndarray, b: np.ndarray, dist: np.ndarray) -> np.ndarray:
    """Element-wise: may buddy `b[i]` take resident `r[i]`, `dist[i]` metres apart?"""
    rlang = a.rlang[r]
    return (
        (dist <= a.bmax[b]) & ((a.rmode[r] & a.bmodes[b]) != 0) & (((rlang & a.blang[b]) != 0) | (rlang == 0))
    )


def nearest_eligible(a: Arrays, k: int | None):
    """Eligible pairs (resident index, buddy index, distance in metres), nearest first for each resident,
    and for each resident the distance within which *every* eligible buddy is among them.

    With `k`, at most k per resident (plus their previous buddy when eligible and not already among
    them); with `k=None`, all of them.
    """
    n, m = len(a.residents), len(a.buddies)
    complete = np.full(n, np.inf)
    if n == 0 or m == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0), complete
    if k is None:
        r, b, d = _all_pairs(a)
    else:
        r, b, d = _k_nearest(a, k)
        # A resident given k candidates may have more eligible buddies beyond the k-th; with fewer,
        # the search went to the reach: they have them all.
        counts = np.bincount(r, minlength=n)
        full = np.flatnonzero(counts >= k)
        ends = np.cumsum(counts) - 1
        complete[full] = d[ends[full]]
    r, b, d = _with_previous(a, r, b, d)
    return r, b, d, complete


def _all_pairs(a: Arrays):
    rtree = cKDTree(a.rxy)
    pairs = rtree.sparse_distance_matrix(a.tree, a.reach, output_type="ndarray")
    r = pairs["i"].astype(np.int64)
    b = pairs["j"].astype(np.int64)
    d = pairs["v"].astype(float)
    keep = eligible(a, r, b, d)
    r, b, d = r[keep], b[keep], d[keep]
    order = np.lexsort((b, d, r))
    return r[order], b[order], d[order]


def _k_nearest(a: Arrays, k: int, rows: np.ndarray | None = None, among: np.ndarray | None = None):
    """The k nearest eligible buddies of each resident in `rows` (all), among the buddies `among` (all)."""
    n = len(a.residents)
    tree = a.tree if among is None else cKDTree(a.bxy[among])
    m = len(a.buddies) if among is None else len(among)
    rows_r, rows_b, rows_d = [], [], []
    pending = np.arange(n) if rows is None else np.asarray(rows, dtype=np.int64)
    width = min(m, max(2 * k, k + 8))
    while len(pending) and m:
        dist, idx = tree.query(a.rxy[pending], k=width, distance_upper_bound=a.reach)
        dist = dist.reshape(len(pending), width)
        idx = idx.reshape(len(pending), width)
        found = np.isfinite(dist)
        if among is not None:
            idx = np.where(found, among[np.minimum(idx, m - 1)], -1)
        r = np.repeat(pending, width).reshape(len(pending), width)
        ok = found.copy()
        ok[found] = eligible(a, r[found], idx[found], dist[found])
        rank = np.cumsum(ok, axis=1)
        take = ok & (rank <= k)
        # Fewer than k eligible, and the search stopped at its width rather than at the reach: look further.
        short = (rank[:, -1] < k) & found[:, -1] & (width < m)
        sel = take & ~short[:, None]
        rows_r.append(r[sel])
        rows_b.append(idx[sel].astype(np.int64))
        rows_d.append(dist[sel])
        pending = pending[short]
        width = min(m, width * 2)
    if not rows_r:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0)
    r, b, d = np.concatenate(rows_r), np.concatenate(rows_b), np.concatenate(rows_d)
    if len(rows_r) == 1 and rows is None:
        return r, b, d  # one pass over every resident: already by resident, nearest first
    # Each pass is by resident, nearest first (the tree's order): a stable sort on the resident keeps it.
    order = np.argsort(r, kind="stable")
    return r[order], b[order], d[order]


def nearest_among(a: Arrays, rows: np.ndarray, among: np.ndarray, k: int):
    """For the residents `rows`, their k nearest eligible buddies among the buddies `among`."""
    if not len(among) or not len(rows):
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0)
    return _k_nearest(a, k, rows=rows, among=among)


def _with_previous(a: Arrays, r, b, d):
    """Add each resident's previous buddy when eligible and not already a candidate."""
    previous = previous_index(a)
    er = np.flatnonzero(previous >= 0)
    if not len(er):
        return r, b, d
    eb = previous[er]
    have = np.isin(er * len(a.buddies) + eb, r * len(a.buddies) + b)
    er, eb = er[~have], eb[~have]
    ed = np.hypot(*(a.rxy[er] - a.bxy[eb]).reshape(-1, 2).T)
    keep = eligible(a, er, eb, ed)
    return np.concatenate([r, er[keep]]), np.concatenate([b, eb[keep]]), np.concatenate([d, ed[keep]])


def previous_index(a: Arrays) -> np.ndarray:
    """Each resident's previous buddy as a buddy index, −1 when none (or no longer available)."""
    return np.array(
        [
            a.buddy_index.get(res.previous_buddy_id, -1) if res.previous_buddy_id is not None else -1
            for res in a.residents
        ],
        dtype=np.int64,
    )


def within_reach(a: Arrays, i: int) -> tuple[np.ndarray, np.ndarray]:
    """Every buddy eligible for resident `i` and its distance, nearest first (for the few looked at alone)."""
    if a.tree is None:
        return np.empty(0, dtype=np.int64), np.empty(0)
    near = np.array(sorted(a.tree.query_ball_point(a.rxy[i], a.reach)), dtype=np.int64)
    dist = np.hypot(*(a.bxy[near] - a.rxy[i]).reshape(-1, 2).T)
    keep = eligible(a, np.full(len(near), i), near, dist)
    near, dist = near[keep], dist[keep]
    order = np.lexsort((near, dist))
    return near[order], dist[order]


def diagnose(a: Arrays, i: int):
    """Why no buddy is eligible for resident `i` (None when one is)."""
    from .model import Reason

    if a.tree is None:
        return Reason.NO_BUDDY_IN_REACH
    near = np.array(sorted(a.tree.query_ball_point(a.rxy[i], a.reach)), dtype=np.int64)
    if len(near):
        near = near[np.hypot(*(a.bxy[near] - a.rxy[i]).T) <= a.bmax[near]]
    if not len(near):
        return Reason.NO_BUDDY_IN_REACH
    near = near[(a.bmodes[near] & a.rmode[i]) != 0]
    if not len(near):
        return Reason.NO_BUDDY_FOR_MODE
    if a.rlang[i] != 0 and not np.any((a.blang[near] & a.rlang[i]) != 0):
        return Reason.NO_SHARED_LANGUAGE
    return None
