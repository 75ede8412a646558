"""A head start for crowded areas: the same problem on a coarse grid says where each area's people go.

Where people outnumber the places near them (a care home, an estate), the optimum sends many of them
hundreds of metres past their nearest buddies: in the clustered benchmark a quarter of the residents
end beyond their 12th nearest, some past their 400th. The pricing rounds find those pairs, but only a
few hundred metres further each round, and each round is a full min-cost flow. So before the first flow
the problem is solved once on a grid: the residents of a cell are one supply, the places of a cell one
demand, at the distance between their centroids (every pair of cells within the longest reach; the places
of a cell counted apart by the reach of their buddies, in 500 m bands, each only for the cells it reaches),
ignoring language and mode. Where that coarse flow sends people from cell A to cell B, each resident of A
is also offered the eligible buddies of B. Only a head start: the pricing rounds still prove the
result against every eligible pair.
"""

import numpy as np
from ortools.graph.python import min_cost_flow
from scipy.spatial import cKDTree

from . import candidates

CELL_M = 300.0
DETECT_CELL_M = 400.0
PER_CELL = 8
LONG_MOVE_CELLS = 2.0
LONG_MOVE_SHARE = 0.01
REACH_BAND_M = 500.0


def flow_guided(a, units_per_metre: int, beyond: np.ndarray, per_cell: int = PER_CELL, cell_m=CELL_M):
    """Eligible pairs (resident index, buddy index, distance): each resident with `per_cell` of the
    buddies of each cell the coarse flow sends the resident's cell to, further than `beyond[i]` (the
    pairs nearer are offered already)."""
    n, m = len(a.residents), len(a.buddies)
    empty = np.empty(0, dtype=np.int64)
    if not n or not m:
        return empty, empty, np.empty(0)
    # Whether anyone goes far is seen on a coarser grid first (cheaper: the city in 400 m cells has half
    # the cell pairs of 300 m cells); only then is the finer grid solved for the pairs it points to.
    coarse = _grid_flow(a, units_per_metre, DETECT_CELL_M, reach_bands=False)
    if coarse is None or coarse[-1] < LONG_MOVE_SHARE * n:
        return empty, empty, np.empty(0)
    fine = _grid_flow(a, units_per_metre, cell_m)
    if fine is None:
        return empty, empty, np.empty(0)
    rinv, binv, supply, rcentre, tails, heads, carried, _ = fine
    used = carried > 0
    tails, heads, carried = tails[used], heads[used], carried[used]
    # Of cell B, the buddies nearest cell A whose places could hold what the coarse flow sends there;
    # each resident of A is offered `per_cell` of them, in turn, so that together they are offered all.
    least_capacity = max(int(a.bcap.min()), 1)
    bcount = np.bincount(binv)  # every buddy cell holds someone
    border = np.argsort(binv, kind="stable")
    bstart = np.concatenate([[0], np.cumsum(bcount)])
    members = bcount[heads]
    arc = np.repeat(np.arange(len(tails)), members)
    nth = np.arange(len(arc)) - np.repeat(np.cumsum(members) - members, members)
    buddy = border[bstart[heads[arc]] + nth]
    near = np.hypot(*(a.bxy[buddy] - rcentre[tails[arc]]).T)
    order = np.lexsort((buddy, near, arc))
    arc, buddy = arc[order], buddy[order]
    rank = np.arange(len(arc)) - np.searchsorted(arc, arc)
    wanted = np.minimum(members, 2 - (-2 * carried // least_capacity))
    chosen = rank < wanted[arc]
    arc, buddy = arc[chosen], buddy[chosen]
    sstart = np.searchsorted(arc, np.arange(len(tails)))
    # Residents of A × `per_cell` of those buddies each.
    rorder = np.argsort(rinv, kind="stable")
    rstart = np.concatenate([[0], np.cumsum(supply)])
    each = np.minimum(per_cell, wanted)
    sizes = supply[tails] * each
    pair_arc = np.repeat(np.arange(len(tails)), sizes)
    p = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    q, j = p // each[pair_arc], p % each[pair_arc]
    r = rorder[rstart[tails[pair_arc]] + q]
    b = buddy[sstart[pair_arc] + (q * each[pair_arc] + j) % wanted[pair_arc]]
    d = np.hypot(*(a.rxy[r] - a.bxy[b]).T)
    keep = (d > beyond[r]) & candidates.eligible(a, r, b, d)
    return r[keep], b[keep], d[keep]


def _grid_flow(a, units_per_metre, cell_m, reach_bands=True):
    """The coarse problem on a grid of `cell_m`: (resident cell of each resident, buddy cell of each
    buddy, people per resident cell, their centroids, the cell pairs, the people the coarse flow carries
    on each, and how many of them go further than LONG_MOVE_CELLS cells), or None without any pair."""
    origin = np.minimum(a.rxy.min(axis=0), a.bxy.min(axis=0))
    rkeys, rinv = np.unique(_cells(a.rxy, origin, cell_m), return_inverse=True)
    # A buddy cell holds the buddies of one reach band (500 m steps): a far cell's places count only for
    # the resident cells its buddies can reach; else the coarse flow sends people where few of its buddies
    # may go, and the pricing rounds must then find their real places (the end-to-end benchmark's city:
    # five rounds without the bands, three with them). Whether anyone goes far at all (the first, coarser
    # grid) is seen without them, a third of the cell pairs.
    band = (
        np.minimum(a.bmax // REACH_BAND_M, 63).astype(np.int64) if reach_bands else np.zeros(len(a.bmax), int)
    )
    bkeys, binv = np.unique(_cells(a.bxy, origin, cell_m) * 64 + band, return_inverse=True)
    nr, nb = len(rkeys), len(bkeys)
    supply = np.bincount(rinv, minlength=nr).astype(np.int64)
    places = np.bincount(binv, weights=a.bcap, minlength=nb).astype(np.int64)
    rcentre = np.column_stack([np.bincount(rinv, weights=a.rxy[:, c], minlength=nr) for c in (0, 1)])
    rcentre /= supply[:, None]
    bcentre = (
        np.column_stack([np.bincount(binv, weights=a.bxy[:, c] * a.bcap, minlength=nb) for c in (0, 1)])
        / np.maximum(places, 1)[:, None]
    )
    pairs = cKDTree(rcentre).sparse_distance_matrix(cKDTree(bcentre), a.reach, output_type="ndarray")
    if not len(pairs):
        return None
    band_reach = np.full(nb, np.inf)
    if reach_bands:
        band_reach[binv] = band * REACH_BAND_M  # the band's least reach
    pairs = pairs[pairs["v"] <= band_reach[pairs["j"]]]
    if not len(pairs):
        return None
    tails, heads = pairs["i"].astype(np.int64), pairs["j"].astype(np.int64)
    cost = np.rint(pairs["v"] * units_per_metre).astype(np.int64)
    carried = _coarse_flow(nr, nb, tails, heads, cost, supply, places)
    far = cost > LONG_MOVE_CELLS * cell_m * units_per_metre
    return rinv, binv, supply, rcentre, tails, heads, carried, int(carried[far].sum())


def _cells(xy, origin, cell_m):
    ij = np.floor((xy - origin) / cell_m).astype(np.int64)
    return ij[:, 0] * 1_000_003 + ij[:, 1]


def _coarse_flow(nr, nb, tails, heads, cost, supply, places):
    """People carried on each (resident cell, buddy cell) pair: the max flow of least cost."""
    sink, source = nr + nb, nr + nb + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    everyone = int(supply.sum())
    flow.add_arcs_with_capacity_and_unit_cost(tails, nr + heads, supply[tails], cost)
    flow.add_arcs_with_capacity_and_unit_cost(
        nr + np.arange(nb), np.full(nb, sink), places, np.zeros(nb, dtype=np.int64)
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        np.full(nr, source), np.arange(nr), supply, np.zeros(nr, dtype=np.int64)
    )
    flow.set_node_supply(source, everyone)
    flow.set_node_supply(sink, -everyone)
    if flow.solve_max_flow_with_min_cost() != flow.OPTIMAL:
        return np.zeros(len(tails), dtype=np.int64)
    return flow.flows(np.arange(len(tails), dtype=np.int64))
