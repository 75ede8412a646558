"""Our own exact core for the dispatch: residents to buddies at least cost, by shortest augmenting paths.

The problem is a transportation problem: each resident supplies one person, each buddy j takes at most
capacity(j), a resident may go only along their arcs (the eligible pairs offered), at an integer cost,
or to the "unassigned" option at cost U. It is solved exactly by successive shortest paths with
prices (the Hungarian method, as in Jonker and Volgenant's assignment algorithm, with capacities):

- every buddy has a price v(j) ≥ 0, and v(j) > 0 only when the buddy is full;
- every resident with a buddy is on one of their cheapest arcs at those prices: c(i, b(i)) + v(b(i))
  ≤ c(i, j) + v(j) for every arc (i, j), and ≤ U; that least value is u(i).
Those are the linear-programming optimality conditions (u, v are the duals, and Σu − Σ capacity·v
equals the cost), so a placement of everyone that keeps them is optimal. It starts by giving each
resident their cheapest arc where the buddy has room (most people, at once); each one left is then
placed along the shortest path, by Dijkstra on reduced costs, to a buddy with room (or to "unassigned"),
moving one person on at each full buddy of the path; the buddies the search settled nearer than the
path's end rise in price by the difference, which keeps the conditions.

Where it is used (solver.py): where nobody has to go far, the searches are a few steps long, and this
core is ten times faster than OR-Tools' cost scaling on the same graph (CPU seconds, one round, the same
minutes on this shared machine, load 6.7: the uniform city of 20,000 residents 0.08 against 0.87, of
100,000 0.49 against 5.96), and it gives the duals the pricing rounds need (OR-Tools' Python API gives
none: they took a Bellman–Ford pass over the residual graph, 0.05 to 0.2 s). Where crowds must go far
(a care home's people hundreds of metres past their nearest buddies), each search goes through every
full buddy between a person and the nearest room, and it is two times slower than OR-Tools (clustered
20,000: 2.6 against 1.3; the end-to-end benchmark's city: 4.2 against 1.9): solver.py keeps OR-Tools
there. A warm start (`warm`, `_repair`) keeps the placement across pricing rounds, exactly; but where
crowds are, the buddies whose prices must fall free most of the city again, so it pays only where few
people move.

Compiled by numba with `cache=True`: the first compile on a machine takes 6 to 9 s of CPU, after that
a process loads it from the cache in about 0.5 s (plus 0.6 s to import numba). `warm_up()` does that
once per worker when it starts (apps.py), not inside a dispatch; solver.py imports this module only
when it uses it. Costs are int64; U must exceed any path's length (solver.py makes it n × the dearest
arc when coverage comes first), so the results are exact: tests/test_flow.py compares them, and the
duals, with OR-Tools on random instances.
"""

import numpy as np
from numba import njit

NONE = -1
UNASSIGNED = -2  # a resident on the "unassigned" option (the call list)
INF = np.iinfo(np.int64).max // 4


@njit(cache=True)
def _push(heap_key, heap_node, size, key, node):
    """A binary heap of (distance, buddy) in two arrays; stale entries are skipped when popped."""
    at = size
    heap_key[at], heap_node[at] = key, node
    while at > 0:
        parent = (at - 1) >> 1
        if heap_key[parent] <= heap_key[at]:
            break
        heap_key[at], heap_key[parent] = heap_key[parent], heap_key[at]
        heap_node[at], heap_node[parent] = heap_node[parent], heap_node[at]
        at = parent
    return size + 1


@njit(cache=True)
def _pop(heap_key, heap_node, size):
    key, node = heap_key[0], heap_node[0]
    size -= 1
    heap_key[0], heap_node[0] = heap_key[size], heap_node[size]
    at = 0
    while True:
        left = 2 * at + 1
        if left >= size:
            break
        child = left
        right = left + 1
        if right < size and heap_key[right] < heap_key[left]:
            child = right
        if heap_key[at] <= heap_key[child]:
            break
        heap_key[at], heap_key[child] = heap_key[child], heap_key[at]
        heap_node[at], heap_node[child] = heap_node[child], heap_node[at]
        at = child
    return key, node, size


@njit(cache=True)
def _take(slots, slot_start, load, j, i):
    slots[slot_start[j] + load[j]] = i
    load[j] += 1


@njit(cache=True)
def _drop(slots, slot_start, load, j, i):
    first = slot_start[j]
    last = first + load[j] - 1
    for s in range(first, last + 1):
        if slots[s] == i:
            slots[s] = slots[last]
            break
    load[j] -= 1


@njit(cache=True)
def _solve(start, buddy, cost, capacity, unassigned_cost, price, on_arc, todo):
    """Place every resident of `todo` (each without a buddy), keeping the optimality conditions.

    `start`: CSR offsets of each resident's arcs; `buddy`, `cost`: per arc; `price`: v per buddy (in
    and out); `on_arc`: per resident, the arc they are on, NONE or UNASSIGNED (in and out). Residents
    whose search finds no room and no cheaper way stay UNASSIGNED.
    """
    n = len(start) - 1
    m = len(capacity)
    slot_start = np.zeros(m + 1, dtype=np.int64)
    for j in range(m):
        slot_start[j + 1] = slot_start[j] + capacity[j]
    slots = np.empty(slot_start[m], dtype=np.int64)
    load = np.zeros(m, dtype=np.int64)
    arc_resident = np.empty(len(buddy), dtype=np.int64)
    for i in range(n):
        for a in range(start[i], start[i + 1]):
            arc_resident[a] = i
        if on_arc[i] >= 0:
            _take(slots, slot_start, load, buddy[on_arc[i]], i)

    dist = np.full(m, INF, dtype=np.int64)
    via = np.full(m, NONE, dtype=np.int64)  # the arc the search reached each buddy by
    settled = np.zeros(m, dtype=np.bool_)
    touched = np.empty(m, dtype=np.int64)
    done = np.empty(m, dtype=np.int64)
    heap_key = np.empty(len(buddy) + m + 1, dtype=np.int64)
    heap_node = np.empty(len(buddy) + m + 1, dtype=np.int64)
    searched = 0

    for i0 in todo:
        # Resident i0's arcs, at reduced cost from i0 (whose own dual is 0 for this search).
        size = 0
        ntouched = 0
        ndone = 0
        best_end = unassigned_cost  # the cheapest way found so far to leave someone unassigned
        end_resident = i0
        for a in range(start[i0], start[i0 + 1]):
            j = buddy[a]
            d = cost[a] + price[j]
            if d < dist[j]:
                if dist[j] == INF:
                    touched[ntouched] = j
                    ntouched += 1
                dist[j] = d
                via[j] = a
                size = _push(heap_key, heap_node, size, d, j)
        end = NONE
        length = best_end
        while size > 0:
            d, j, size = _pop(heap_key, heap_node, size)
            if settled[j] or d > dist[j]:
                continue
            if d > best_end:
                break  # (on a tie, a buddy rather than the call list)
            settled[j] = True
            done[ndone] = j
            ndone += 1
            searched += 1
            if load[j] < capacity[j]:
                end, length = j, d
                break
            # Full: any of its people may move on, to another of their arcs or to "unassigned".
            for s in range(slot_start[j], slot_start[j] + load[j]):
                i = slots[s]
                base = d - cost[on_arc[i]] - price[j]
                if base + unassigned_cost < best_end:
                    best_end = base + unassigned_cost
                    end_resident = i
                for a in range(start[i], start[i + 1]):
                    k = buddy[a]
                    if settled[k]:
                        continue
                    nd = base + cost[a] + price[k]
                    if nd < dist[k]:
                        if dist[k] == INF:
                            touched[ntouched] = k
                            ntouched += 1
                        dist[k] = nd
                        via[k] = a
                        size = _push(heap_key, heap_node, size, nd, k)
        if end == NONE:
            length = best_end
        # Prices: every buddy settled nearer than the path's length rises by the difference.
        for t in range(ndone):
            j = done[t]
            if dist[j] < length:
                price[j] += length - dist[j]
        # Move the people along the path, from its end back to i0.
        if end == NONE:
            # The path ends with someone (i0, or a person it displaces) leaving for "unassigned".
            i = end_resident
            if i != i0:
                end = buddy[on_arc[i]]
                _drop(slots, slot_start, load, end, i)
            on_arc[i] = UNASSIGNED
        while end != NONE:
            a = via[end]
            i = arc_resident[a]
            previous = on_arc[i]
            _take(slots, slot_start, load, end, i)
            on_arc[i] = a
            if i == i0:
                break
            j = buddy[previous]
            _drop(slots, slot_start, load, j, i)
            end = j
        for t in range(ntouched):
            j = touched[t]
            dist[j] = INF
            via[j] = NONE
            settled[j] = False
    return searched


@njit(cache=True)
def _first_fit(start, buddy, cost, capacity, unassigned_cost, price, on_arc):
    """Each resident not placed yet onto their cheapest arc at the current prices, where it has room."""
    m = len(capacity)
    load = np.zeros(m, dtype=np.int64)
    n = len(start) - 1
    for i in range(n):
        if on_arc[i] >= 0:
            load[buddy[on_arc[i]]] += 1
    for i in range(n):
        if on_arc[i] != NONE:
            continue
        best, best_arc = INF, NONE
        for a in range(start[i], start[i + 1]):
            d = cost[a] + price[buddy[a]]
            if d < best:
                best, best_arc = d, a
        if best_arc != NONE and best <= unassigned_cost and load[buddy[best_arc]] < capacity[buddy[best_arc]]:
            on_arc[i] = best_arc
            load[buddy[best_arc]] += 1


@njit(cache=True)
def _duals(start, buddy, cost, price, on_arc, unassigned_cost):
    n = len(start) - 1
    u = np.empty(n, dtype=np.int64)
    for i in range(n):
        if on_arc[i] >= 0:
            u[i] = cost[on_arc[i]] + price[buddy[on_arc[i]]]
        else:
            u[i] = unassigned_cost
    return u


def solve(n, r, b, cost, capacity, unassigned_cost, warm=None):
    """The least-cost placement of residents 0..n-1 over the arcs (r, b, cost), in any order (sorted by
    resident here when they are not), each buddy j taking at most capacity[j], "unassigned" costing
    `unassigned_cost`.

    Returns (on_arc per resident: arc index or UNASSIGNED, u per resident, v per buddy). `warm`, the
    previous round's (on_arc, v) on a graph these arcs extend (the same arcs first, new ones after),
    keeps what still holds (`repair`).
    """
    r = np.asarray(r, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    cost = np.asarray(cost, dtype=np.int64)
    capacity = np.asarray(capacity, dtype=np.int64)
    order = np.argsort(r, kind="stable")
    sorted_arcs = not np.any(np.diff(r) < 0)
    if not sorted_arcs:
        r, b, cost = r[order], b[order], cost[order]
    start = np.searchsorted(r, np.arange(n + 1)).astype(np.int64)
    m = len(capacity)
    if warm is None:
        price = np.zeros(m, dtype=np.int64)
        on_arc = np.full(n, NONE, dtype=np.int64)
    else:
        previous_arc, price = warm
        price = price.copy()
        on_arc = previous_arc.copy()
        if not sorted_arcs:
            position = np.empty(len(order), dtype=np.int64)
            position[order] = np.arange(len(order))
            on_arc = np.where(on_arc >= 0, position[np.maximum(on_arc, 0)], on_arc)
        _repair(start, b, cost, capacity, unassigned_cost, price, on_arc)
    _first_fit(start, b, cost, capacity, unassigned_cost, price, on_arc)
    todo = np.flatnonzero(on_arc == NONE).astype(np.int64)
    _solve(start, b, cost, capacity, unassigned_cost, price, on_arc, todo)
    u = _duals(start, b, cost, price, on_arc, unassigned_cost)
    if not sorted_arcs:
        on_arc = np.where(on_arc >= 0, order[np.maximum(on_arc, 0)], on_arc)
    return on_arc, u, price


@njit(cache=True)
def _repair_loop(
    start, buddy, cost, capacity, unassigned_cost, price, on_arc, into_start, into_arc, arc_resident
):
    n = len(start) - 1
    m = len(capacity)
    load = np.zeros(m, dtype=np.int64)
    for i in range(n):
        if on_arc[i] >= 0:
            load[buddy[on_arc[i]]] += 1
    u = np.empty(n, dtype=np.int64)
    for i in range(n):
        u[i] = cost[on_arc[i]] + price[buddy[on_arc[i]]] if on_arc[i] >= 0 else unassigned_cost
    # Residents with a cheaper arc than theirs leave it.
    stack = np.empty(m + n, dtype=np.int64)
    top = 0
    for i in range(n):
        if on_arc[i] == NONE:
            continue
        for a in range(start[i] - 1, start[i + 1]):
            # (a = start[i] − 1 stands for the "unassigned" option)
            if (cost[a] + price[buddy[a]] if a >= start[i] else unassigned_cost) < u[i]:
                if on_arc[i] >= 0:
                    j = buddy[on_arc[i]]
                    load[j] -= 1
                    if price[j] > 0 and load[j] == capacity[j] - 1:
                        stack[top] = j
                        top += 1
                on_arc[i] = NONE
                break
    # A buddy with room must cost nothing: its price falls to 0, its people's u with it, and whoever
    # finds it cheaper than their own place leaves theirs (which may free another priced buddy).
    while top > 0:
        top -= 1
        j = stack[top]
        if price[j] == 0 or load[j] >= capacity[j]:
            continue
        drop = price[j]
        price[j] = 0
        for t in range(into_start[j], into_start[j + 1]):
            a = into_arc[t]
            i = arc_resident[a]
            if on_arc[i] == a:
                u[i] -= drop
            elif on_arc[i] != NONE and cost[a] < u[i]:
                if on_arc[i] >= 0:
                    k = buddy[on_arc[i]]
                    load[k] -= 1
                    if price[k] > 0 and load[k] == capacity[k] - 1:
                        stack[top] = k
                        top += 1
                on_arc[i] = NONE


def _repair(start, b, cost, capacity, unassigned_cost, price, on_arc):
    """Keep what still holds after arcs were added: the residents whose new arcs are cheaper than their
    place leave it, and a buddy left with room has its price set back to 0 (freeing, in turn, whoever
    finds that buddy cheaper now). The others keep their buddy; the solve places those freed."""
    n = len(start) - 1
    arc_resident = np.repeat(np.arange(n, dtype=np.int64), np.diff(start))
    into_arc = np.argsort(b, kind="stable").astype(np.int64)
    into_start = np.searchsorted(b[into_arc], np.arange(len(capacity) + 1)).astype(np.int64)
    _repair_loop(start, b, cost, capacity, unassigned_cost, price, on_arc, into_start, into_arc, arc_resident)


@njit(cache=True)
def _shortest_from_everywhere(first, heads, weights, nodes):
    """Shortest distances in a graph without negative cycle, from a virtual root joined to every node at
    cost 0 (so every distance is ≤ 0): Bellman–Ford with a queue (each node relaxes its arcs only when
    its distance fell since it last did). Raises when a node is lowered more times than there are nodes
    (a negative cycle)."""
    distance = np.zeros(nodes, dtype=np.int64)
    queued = np.ones(nodes, dtype=np.bool_)
    lowered = np.zeros(nodes, dtype=np.int64)
    queue = np.empty(nodes, dtype=np.int64)  # circular: a node is at most once in it
    for x in range(nodes):
        queue[x] = x
    head, size = 0, nodes
    while size > 0:
        x = queue[head]
        head = head + 1 if head + 1 < nodes else 0
        size -= 1
        queued[x] = False
        for t in range(first[x], first[x + 1]):
            y = heads[t]
            reached = distance[x] + weights[t]
            if reached < distance[y]:
                distance[y] = reached
                if not queued[y]:
                    lowered[y] += 1
                    if lowered[y] > nodes:
                        raise ValueError("negative cycle")
                    queued[y] = True
                    tail = head + size
                    queue[tail if tail < nodes else tail - nodes] = y
                    size += 1
    return distance


def potentials(n, m, r, b, cost, chosen, capacity, unassigned_cost) -> np.ndarray:
    """Node potentials proving a placement optimal on its graph (residents 0..n-1, buddies n..n+m-1, the
    sink n+m), for a placement found by another solver (OR-Tools gives no duals): `residual_potentials`
    of the network resident → buddy (1 each), buddy → sink (its capacity), resident → sink at U (the
    "unassigned" option). Raises ValueError when the placement is not optimal."""
    sink = n + m
    assigned = np.zeros(n, dtype=np.int64)
    assigned[r[chosen]] = 1
    load = np.bincount(b[chosen], minlength=m)
    tails = np.concatenate([r, n + np.arange(m), np.arange(n)])
    heads = np.concatenate([n + b, np.full(m, sink), np.full(n, sink)])
    costs = np.concatenate([cost, np.zeros(m, dtype=np.int64), np.full(n, unassigned_cost, dtype=np.int64)])
    capacities = np.concatenate([np.ones(len(r), dtype=np.int64), capacity, np.ones(n, dtype=np.int64)])
    flows = np.concatenate([chosen.astype(np.int64), load, 1 - assigned])
    return residual_potentials(n + m + 1, tails, heads, costs, capacities, flows)


def residual_potentials(nodes, tails, heads, cost, capacity, flow) -> np.ndarray:
    """Node potentials proving a flow of least cost for its supplies: the shortest distances in its
    residual graph (an arc with room left, forward at its cost; an arc carrying flow, backward at minus
    its cost) from a virtual root joined to every node at cost 0. Then every residual arc has a reduced
    cost cost + p(tail) − p(head) ≥ 0. Raises ValueError when the residual graph has a negative cycle:
    the flow was not of least cost."""
    room, carrying = flow < capacity, flow > 0
    from_ = np.concatenate([tails[room], heads[carrying]])
    to = np.concatenate([heads[room], tails[carrying]])
    weights = np.concatenate([cost[room], -cost[carrying]]).astype(np.int64)
    order = np.argsort(from_, kind="stable")
    first = np.zeros(nodes + 1, dtype=np.int64)
    np.cumsum(np.bincount(from_, minlength=nodes), out=first[1:])
    return _shortest_from_everywhere(first, to[order].astype(np.int64), weights[order], nodes)


def warm_up() -> None:
    """Compile (or load from numba's cache) the core, on a tiny problem."""
    r, b, cost, capacity = np.array([0, 0, 1]), np.array([0, 1, 0]), np.array([1, 2, 1]), np.array([1, 1])
    on_arc, _, _ = solve(2, r, b, cost, capacity, 100)
    chosen = np.zeros(3, dtype=bool)
    chosen[on_arc[on_arc >= 0]] = True
    potentials(2, 2, r, b, cost, chosen, capacity, 100)
