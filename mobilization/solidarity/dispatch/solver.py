"""Who checks on whom: a min-cost flow over each resident's nearest eligible buddies.

The network (OR-Tools `SimpleMinCostFlow`, exact on integer costs):

    resident ──(capacity 1, distance − bonus if previous buddy)──▶ buddy ──(capacity)──▶ sink
    resident ──(capacity 1, U: "unassigned")──────────────────────────────────────────▶ sink

Every resident supplies one unit and the sink absorbs them all, so a flow always exists: a resident no
buddy can take flows along the "unassigned" arc and lands on the coordinators' call list with the
reason. By default U is infinite: the fewest people possible are left to the coordinators, then the
distance is minimised among those choices. OR-Tools solves exactly that as the maximum flow of least
cost (`solve_max_flow_with_min_cost`, the unassigned arcs then implicit), which is also twice as fast as
a finite U large enough to mean the same (n × the dearest arc). `unassigned_cost_m` makes U finite, a
policy: "rather the coordinators' list than a buddy sent further than this".

Costs are integers in decimetres (rounded distance). The buddy who checked on the person last time is
preferred by a bonus (`continuity_bonus_m`, 500 m by default): they keep the person unless another
choice saves more than that distance overall. Implemented by adding the bonus to every *other* arc (and
to a finite unassigned arc), so that all costs stay non-negative.

Only each resident's `k` nearest eligible buddies are offered (plus their previous buddy, when still
eligible): this is what makes 100,000 residents solvable in seconds. Where buddies are crowded, those k
may all be full while a buddy further away has room: after each solve, the residents left unassigned
are offered their k nearest eligible buddies *that still have room*, and the flow is solved again
(a few rounds at most, until nobody new can be reached). `k=None` offers every eligible pair, the
complete graph whose optimum is the exact one (the benchmark compares the two).

Deterministic: residents and buddies are put in id order before the graph is built, so the same people
in any order give the same assignments; among equal-cost choices the one the solver meets first in that
order wins.
"""

import time

import numpy as np
from ortools.graph.python import min_cost_flow

from . import candidates
from .model import Assignment, Buddy, Dispatch, Reason, Resident, Unassigned

DEFAULT_K = 12
DEFAULT_CONTINUITY_BONUS_M = 500.0
UNITS_PER_METRE = 10
MAX_ROUNDS = 6


class SolverError(RuntimeError):
    """OR-Tools did not report an optimal flow (it always exists: this is a bug or a bad input)."""


def solve(
    residents: list[Resident],
    buddies: list[Buddy],
    *,
    k: int | None = DEFAULT_K,
    continuity_bonus_m: float = DEFAULT_CONTINUITY_BONUS_M,
    unassigned_cost_m: float | None = None,
) -> Dispatch:
    """Assign every resident to one eligible buddy, or to the call list; total distance minimal."""
    started = time.perf_counter()
    a = candidates.arrays(residents, buddies)
    r, b, d = candidates.nearest_eligible(a, k)
    timings = {"candidates_s": time.perf_counter() - started, "flow_s": 0.0}
    n, m = len(a.residents), len(a.buddies)
    bonus = round(continuity_bonus_m * UNITS_PER_METRE)
    previous = candidates.previous_index(a)
    unassigned_cost = (
        None if unassigned_cost_m is None else round(unassigned_cost_m * UNITS_PER_METRE) + bonus
    )

    rounds = 0
    while True:
        rounds += 1
        cost = np.rint(d * UNITS_PER_METRE).astype(np.int64) + np.where(previous[r] == b, 0, bonus)
        tick = time.perf_counter()
        chosen = _min_cost_flow(n, m, r, b, cost, a.bcap, unassigned_cost)
        timings["flow_s"] += time.perf_counter() - tick
        if k is None or rounds >= MAX_ROUNDS:
            break
        # Residents left out although a buddy with room might take them: offer them those buddies.
        left = np.setdiff1d(np.arange(n), r[chosen])
        room = a.bcap - np.bincount(b[chosen], minlength=m)
        tick = time.perf_counter()
        nr, nb, nd = candidates.nearest_with_room(a, left, room, k)
        new = ~np.isin(nr * m + nb, r * m + b)
        timings["candidates_s"] += time.perf_counter() - tick
        if not new.any():
            break
        r, b, d = np.concatenate([r, nr[new]]), np.concatenate([b, nb[new]]), np.concatenate([d, nd[new]])

    kept = previous[r] == b
    assignments = tuple(
        Assignment(
            resident_id=a.residents[i].id,
            buddy_id=a.buddies[j].id,
            distance_m=float(dist),
            kept_previous=bool(p),
        )
        for i, j, dist, p in zip(r[chosen], b[chosen], d[chosen], kept[chosen], strict=True)
    )
    assignments = tuple(sorted(assignments, key=lambda x: x.resident_id))
    call_list = _call_list(a, r, r[chosen], np.bincount(b[chosen], minlength=m), unassigned_cost, b)
    return Dispatch(
        assignments=assignments,
        call_list=call_list,
        total_distance_m=float(d[chosen].sum()),
        cost=int(cost[chosen].sum()) - bonus * len(assignments),
        stats={"arcs": int(len(r)), "rounds": rounds, **timings, "total_s": time.perf_counter() - started},
    )


def _min_cost_flow(n, m, r, b, cost, capacity, unassigned_cost) -> np.ndarray:
    """Which of the resident→buddy arcs carry a person, in the optimal flow."""
    if n == 0 or len(r) == 0:
        return np.zeros(len(r), dtype=bool)
    flow = min_cost_flow.SimpleMinCostFlow()
    sink, source = n + m, n + m + 1
    residents_idx = np.arange(n, dtype=np.int64)
    buddies_idx = np.arange(m, dtype=np.int64)
    ones = np.ones(len(r), dtype=np.int64)
    flow.add_arcs_with_capacity_and_unit_cost(r, n + b, ones, cost)
    flow.add_arcs_with_capacity_and_unit_cost(
        n + buddies_idx, np.full(m, sink, dtype=np.int64), capacity, np.zeros(m, dtype=np.int64)
    )
    if unassigned_cost is None:
        # The unassigned arcs of infinite cost, implicit: the maximum flow from a source, of least cost.
        flow.add_arcs_with_capacity_and_unit_cost(
            np.full(n, source, dtype=np.int64),
            residents_idx,
            np.ones(n, dtype=np.int64),
            np.zeros(n, dtype=np.int64),
        )
        flow.set_node_supply(source, n)
        flow.set_node_supply(sink, -n)
        status = flow.solve_max_flow_with_min_cost()
    else:
        flow.add_arcs_with_capacity_and_unit_cost(
            residents_idx,
            np.full(n, sink, dtype=np.int64),
            np.ones(n, dtype=np.int64),
            np.full(n, unassigned_cost, dtype=np.int64),
        )
        flow.set_nodes_supplies(residents_idx, np.ones(n, dtype=np.int64))
        flow.set_node_supply(sink, -n)
        status = flow.solve()
    if status != flow.OPTIMAL:
        raise SolverError(f"min-cost flow status {status}")
    return flow.flows(np.arange(len(r), dtype=np.int64)) > 0


def _call_list(a, offered, taken, load, unassigned_cost=None, offered_to=None) -> tuple[Unassigned, ...]:
    """The residents without a buddy, each with the reason (in id order)."""
    taken_set, offered_set = set(taken.tolist()), set(offered.tolist())
    room = a.bcap - load
    listed = []
    for i, resident in enumerate(a.residents):
        if i in taken_set:
            continue
        reason = candidates.diagnose(a, i) if i not in offered_set else None
        if reason is None:
            reason = Reason.ALL_FULL
            if unassigned_cost is not None and np.any(room[offered_to[offered == i]] > 0):
                reason = Reason.BEYOND_LIMIT
        listed.append(Unassigned(resident_id=resident.id, reason=reason))
    return tuple(listed)


def greedy(residents: list[Resident], buddies: list[Buddy]) -> Dispatch:
    """The rule to beat: in id order, each resident goes to the nearest eligible buddy with room left
    (those whose 32 nearest are full are served last, from every eligible buddy).

    Kept for comparison in the benchmark (and as a sanity bound in tests): the flow is never worse.
    """
    started = time.perf_counter()
    a = candidates.arrays(residents, buddies)
    r, b, d = candidates.nearest_eligible(a, 32)
    room = a.bcap.copy()
    starts = np.searchsorted(r, np.arange(len(a.residents) + 1))
    pick: dict[int, tuple[int, float]] = {}
    left_over = []
    for i in range(len(a.residents)):
        for j, dist in zip(
            b[starts[i] : starts[i + 1]].tolist(), d[starts[i] : starts[i + 1]].tolist(), strict=True
        ):
            if room[j]:
                room[j] -= 1
                pick[i] = (j, dist)
                break
        else:
            if starts[i + 1] > starts[i]:
                left_over.append(i)
    for i in left_over:
        # Their 32 nearest were full: look at every eligible buddy for them.
        near, dist = candidates.within_reach(a, i)
        for j, dj in zip(near.tolist(), dist.tolist(), strict=True):
            if room[j]:
                room[j] -= 1
                pick[i] = (j, dj)
                break
    assignments = tuple(
        Assignment(
            a.residents[i].id, a.buddies[j].id, dist, a.residents[i].previous_buddy_id == a.buddies[j].id
        )
        for i, (j, dist) in sorted(pick.items())
    )
    call_list = _call_list(a, r, np.array(sorted(pick), dtype=np.int64), a.bcap - room)
    total = sum(x.distance_m for x in assignments)
    return Dispatch(
        assignments=assignments,
        call_list=call_list,
        total_distance_m=total,
        cost=sum(round(x.distance_m * UNITS_PER_METRE) for x in assignments),
        stats={"total_s": time.perf_counter() - started},
    )
