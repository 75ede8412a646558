"""The pricing rounds' search: the eligible pairs that could lower the cost at the current duals.

A pair (i, j) lowers the cost when its reduced cost is negative: c(i, j) + v(j) < u(i), with c the rounded
distance in decimetres plus the continuity bonus. So resident i needs only the buddies j with
10·d(i, j) + v(j) < u(i) − bonus: near ones may be dear (full, with a price), far ones must be cheap.
The buddies are put on a grid, and each cell remembers its cheapest price: a cell whose nearest point
is too far for even that price is skipped whole. What a cell may hold is then checked pair by pair:
distance, the buddy's maximum distance, mode and language (candidates.eligible's rules).

Compiled with numba (as flow.py): the KD-tree it replaces searched bands of prices, each within a
radius for the band's cheapest price, and fetched every pair within it before keeping the few that
saved anything (the clustered city of 100,000: 10 s of the 16 s of its pricing).
"""

import numpy as np
from numba import njit

CELL_M = 250.0


@njit(cache=True)
def _scan(
    rows,
    rx,
    ry,
    rmode,
    rset,
    below,
    bx,
    by,
    bmodes,
    bset,
    share,
    bmax,
    v,
    x0,
    y0,
    cell,
    nx,
    ny,
    first,
    members,
):
    cheapest = np.full(nx * ny, np.iinfo(np.int64).max, dtype=np.int64)
    for c in range(nx * ny):
        for t in range(first[c], first[c + 1]):
            cheapest[c] = min(cheapest[c], v[members[t]])
    least = cheapest.min() if len(cheapest) else 0
    reach = bmax.max() if len(bmax) else 0.0
    size = 0
    out_r = np.empty(1024, dtype=np.int64)
    out_b = np.empty(1024, dtype=np.int64)
    out_d = np.empty(1024, dtype=np.float64)
    for i in rows:
        limit = below[i]  # a pair saves when rint(10·d) + v(j) < limit
        radius = min(reach, (limit - least + 1) / 10.0)
        if radius < 0:
            continue
        x, y = rx[i], ry[i]
        cx0 = max(int(np.floor((x - radius - x0) / cell)), 0)
        cx1 = min(int(np.floor((x + radius - x0) / cell)), nx - 1)
        cy0 = max(int(np.floor((y - radius - y0) / cell)), 0)
        cy1 = min(int(np.floor((y + radius - y0) / cell)), ny - 1)
        for cx in range(cx0, cx1 + 1):
            left = x0 + cx * cell
            gap_x = max(left - x, 0.0, x - (left + cell))
            for cy in range(cy0, cy1 + 1):
                c = cx * ny + cy
                if first[c] == first[c + 1]:
                    continue
                bottom = y0 + cy * cell
                gap_y = max(bottom - y, 0.0, y - (bottom + cell))
                if 10.0 * np.sqrt(gap_x * gap_x + gap_y * gap_y) - 1.0 + cheapest[c] >= limit:
                    continue  # even its cheapest buddy at its nearest point saves nothing
                for t in range(first[c], first[c + 1]):
                    j = members[t]
                    dx, dy = bx[j] - x, by[j] - y
                    d = np.sqrt(dx * dx + dy * dy)
                    if np.rint(10.0 * d) + v[j] >= limit or d > bmax[j]:
                        continue
                    if (rmode[i] & bmodes[j]) == 0 or not share[rset[i], bset[j]]:
                        continue
                    if size == len(out_r):
                        out_r = np.concatenate((out_r, np.empty(size, dtype=np.int64)))
                        out_b = np.concatenate((out_b, np.empty(size, dtype=np.int64)))
                        out_d = np.concatenate((out_d, np.empty(size, dtype=np.float64)))
                    out_r[size], out_b[size], out_d[size] = i, j, d
                    size += 1
    return out_r[:size], out_b[:size], out_d[:size]


def saving_pairs(a, rows: np.ndarray, below: np.ndarray, v: np.ndarray, among: np.ndarray):
    """Eligible pairs (resident of `rows`, buddy of `among`, distance in metres) with
    rint(10·d) + v(j) < below(i), in no particular order.

    `a` is candidates.Arrays; `below` per resident, `v` per buddy, both int64 in decimetres."""
    empty = np.empty(0, dtype=np.int64)
    if not len(rows) or not len(among):
        return empty, empty, np.empty(0)
    bxy = a.bxy[among]
    x0, y0 = bxy.min(axis=0)
    nx = int((bxy[:, 0].max() - x0) // CELL_M) + 1
    ny = int((bxy[:, 1].max() - y0) // CELL_M) + 1
    cells = ((bxy[:, 0] - x0) // CELL_M).astype(np.int64) * ny + ((bxy[:, 1] - y0) // CELL_M).astype(np.int64)
    order = np.argsort(cells, kind="stable")
    first = np.zeros(nx * ny + 1, dtype=np.int64)
    np.cumsum(np.bincount(cells, minlength=nx * ny), out=first[1:])
    rset, bset, share = _shared_languages(a.rlang, a.blang[among])
    r, j, d = _scan(
        np.asarray(rows, dtype=np.int64),
        np.ascontiguousarray(a.rxy[:, 0]),
        np.ascontiguousarray(a.rxy[:, 1]),
        a.rmode,
        rset,
        np.asarray(below, dtype=np.int64),
        np.ascontiguousarray(bxy[:, 0]),
        np.ascontiguousarray(bxy[:, 1]),
        a.bmodes[among],
        bset,
        share,
        a.bmax[among],
        np.asarray(v, dtype=np.int64)[among],
        float(x0),
        float(y0),
        CELL_M,
        nx,
        ny,
        first,
        order.astype(np.int64),
    )
    return r, np.asarray(among, dtype=np.int64)[j], d


def _shared_languages(rlang, blang):
    """Language masks (int64, or Python integers past 62 languages) as the number of each distinct mask,
    and which resident mask shares a language with which buddy mask (a resident who stated none can be
    called by anyone): a few distinct masks stand for thousands of people."""
    rmasks, rset = np.unique(rlang, return_inverse=True)
    bmasks, bset = np.unique(blang, return_inverse=True)
    share = np.array(
        [[(int(x) & int(y)) != 0 or int(x) == 0 for y in bmasks.tolist()] for x in rmasks.tolist()],
        dtype=np.bool_,
    ).reshape(len(rmasks), len(bmasks))
    return rset.astype(np.int64).ravel(), bset.astype(np.int64).ravel(), share


def warm_up() -> None:
    """Compile (or load from numba's cache) the search, on a tiny problem."""
    from . import candidates
    from .model import Buddy, Mode, Resident

    a = candidates.arrays(
        [Resident(1, 0.0, 0.0, Mode.CALL, frozenset({"fr"}))],
        [Buddy(2, 10.0, 0.0, 1, 100.0, frozenset(Mode), frozenset({"fr"}))],
    )
    saving_pairs(a, np.array([0]), np.array([1_000]), np.array([0]), np.array([0]))
