"""Who checks on whom: a min-cost flow over each resident's nearest eligible buddies.

The network (OR-Tools `SimpleMinCostFlow`, exact and integral):

    resident ──(1, distance − bonus if previous buddy)──▶ buddy ──(capacity, 0)──▶ sink
    resident ──(1, U: "unassigned")────────────────────────────────────────────▶ sink

Every resident supplies one unit and the sink absorbs them all, so the flow always exists: a resident no
buddy can take flows along the "unassigned" arc and lands on the coordinators' call list with the
reason. `U` is larger than any total of assignment costs (n × the dearest arc + 1), so the solver first
leaves as few people as possible to the coordinators, then minimises the distance among those choices.

Costs are integers in decimetres (rounded distance). The buddy who checked on the person last time is
preferred by a bonus (`continuity_bonus_m`, 500 m by default): they keep the person unless another
choice saves more than that much distance overall. Implemented by adding the bonus to every *other* arc
and to the unassigned arc, so that all costs stay non-negative.

Only each resident's `k` nearest eligible buddies are offered (plus their previous buddy, when still
eligible): this is what makes 100,000 residents solvable in seconds. `k=None` offers every eligible pair,
the complete graph whose optimum is the exact one (the benchmark compares the two).

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


class SolverError(RuntimeError):
    """OR-Tools did not report an optimal flow (it always exists: this is a bug or a bad input)."""


def solve(
    residents: list[Resident],
    buddies: list[Buddy],
    *,
    k: int | None = DEFAULT_K,
    continuity_bonus_m: float = DEFAULT_CONTINUITY_BONUS_M,
) -> Dispatch:
    """Assign every resident to one eligible buddy, or to the call list; total distance minimal."""
    started = time.perf_counter()
    a = candidates.arrays(residents, buddies)
    r, b, d = candidates.nearest_eligible(a, k)
    found = time.perf_counter()
    n, m = len(a.residents), len(a.buddies)
    bonus = round(continuity_bonus_m * UNITS_PER_METRE)
    previous = _is_previous(a, r, b)
    cost = np.rint(d * UNITS_PER_METRE).astype(np.int64) + np.where(previous, 0, bonus)
    dearest = int(cost.max()) if len(cost) else bonus
    unassigned_cost = n * dearest + 1 + bonus

    flow = min_cost_flow.SimpleMinCostFlow()
    sink = n + m
    residents_idx = np.arange(n, dtype=np.int64)
    buddies_idx = np.arange(m, dtype=np.int64)
    tails = np.concatenate([r, residents_idx, n + buddies_idx])
    heads = np.concatenate([n + b, np.full(n, sink, dtype=np.int64), np.full(m, sink, dtype=np.int64)])
    capacities = np.concatenate([np.ones(len(r) + n, dtype=np.int64), a.bcap])
    costs = np.concatenate([cost, np.full(n, unassigned_cost, dtype=np.int64), np.zeros(m, dtype=np.int64)])
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    supplies = np.concatenate([np.ones(n, dtype=np.int64), np.zeros(m, dtype=np.int64), [-n]])
    flow.set_nodes_supplies(np.arange(n + m + 1, dtype=np.int64), supplies)
    built = time.perf_counter()
    if n:
        status = flow.solve()
        if status != flow.OPTIMAL:
            raise SolverError(f"min-cost flow status {status}")
    solved = time.perf_counter()

    chosen = flow.flows(np.arange(len(r), dtype=np.int64)) > 0 if n and len(r) else np.zeros(0, dtype=bool)
    assignments = tuple(
        Assignment(
            resident_id=a.residents[i].id,
            buddy_id=a.buddies[j].id,
            distance_m=float(dist),
            kept_previous=bool(prev),
        )
        for i, j, dist, prev in zip(r[chosen], b[chosen], d[chosen], previous[chosen], strict=True)
    )
    taken = set(r[chosen].tolist())
    had_candidate = set(r.tolist())
    call_list = tuple(
        Unassigned(
            resident_id=resident.id,
            reason=Reason.ALL_FULL if i in had_candidate else (candidates.diagnose(a, i) or Reason.ALL_FULL),
        )
        for i, resident in enumerate(a.residents)
        if i not in taken
    )
    objective = int(cost[chosen].sum()) - bonus * len(assignments)
    finished = time.perf_counter()
    return Dispatch(
        assignments=assignments,
        call_list=call_list,
        total_distance_m=float(d[chosen].sum()),
        cost=objective,
        stats={
            "arcs": int(len(r)),
            "candidates_s": found - started,
            "build_s": built - found,
            "flow_s": solved - built,
            "total_s": finished - started,
        },
    )


def _is_previous(a: candidates.Arrays, r: np.ndarray, b: np.ndarray) -> np.ndarray:
    previous = np.array(
        [a.buddy_index.get(res.previous_buddy_id, -1) if res.previous_buddy_id is not None else -1 for res in a.residents],
        dtype=np.int64,
    )
    if not len(r):
        return np.zeros(0, dtype=bool)
    return previous[r] == b


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
        for j, dist in zip(b[starts[i] : starts[i + 1]].tolist(), d[starts[i] : starts[i + 1]].tolist(), strict=True):
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
    had_candidate = set(r.tolist())
    assignments = tuple(
        Assignment(a.residents[i].id, a.buddies[j].id, dist, a.residents[i].previous_buddy_id == a.buddies[j].id)
        for i, (j, dist) in sorted(pick.items())
    )
    call_list = tuple(
        Unassigned(res.id, Reason.ALL_FULL if i in had_candidate else (candidates.diagnose(a, i) or Reason.ALL_FULL))
        for i, res in enumerate(a.residents)
        if i not in pick
    )
    total = sum(x.distance_m for x in assignments)
    return Dispatch(
        assignments=assignments,
        call_list=call_list,
        total_distance_m=total,
        cost=sum(round(x.distance_m * UNITS_PER_METRE) for x in assignments),
        stats={"total_s": time.perf_counter() - started},
    )
