"""Our exact core (flow.py) against OR-Tools' min-cost flow, on random transportation problems.

Each instance: residents with random arcs to buddies of random capacity (0 to 3), integer costs over a
small or a wide range (ties or none), "unassigned" either dearer than everything (coverage first) or
cheap enough to be chosen. The core's placement must cost exactly OR-Tools' optimum, respect every
capacity, and come with duals that prove it: feasible (no arc of negative reduced cost, v ≥ 0, u ≤ U)
and of the same value (Σu − Σ capacity·v = the optimum). Warm-started from the answer on part of the
arcs, the same.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ortools.graph.python import min_cost_flow

from mobilization.solidarity.dispatch import flow


def optimum_by_ortools(n, m, r, b, cost, capacity, unassigned):
    network = min_cost_flow.SimpleMinCostFlow()
    sink = n + m
    network.add_arcs_with_capacity_and_unit_cost(r, n + b, np.ones(len(r), dtype=np.int64), cost)
    network.add_arcs_with_capacity_and_unit_cost(
        n + np.arange(m), np.full(m, sink), capacity, np.zeros(m, dtype=np.int64)
    )
    network.add_arcs_with_capacity_and_unit_cost(
        np.arange(n), np.full(n, sink), np.ones(n, dtype=np.int64), np.full(n, unassigned, dtype=np.int64)
    )
    network.set_nodes_supplies(np.arange(n), np.ones(n, dtype=np.int64))
    network.set_node_supply(sink, -n)
    assert network.solve() == network.OPTIMAL
    return network.optimal_cost()


@st.composite
def problems(draw):
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    n, m = draw(st.integers(1, 25)), draw(st.integers(1, 10))
    mask = rng.random((n, m)) < draw(st.sampled_from([0.1, 0.3, 0.7]))
    r, b = (x.astype(np.int64) for x in np.nonzero(mask))
    cost = rng.integers(0, draw(st.sampled_from([3, 40, 5_000])), len(r)).astype(np.int64)
    capacity = rng.integers(0, 4, m).astype(np.int64)
    unassigned = draw(st.sampled_from([10**9, 30, 2_000]))
    return n, m, r, b, cost, capacity, unassigned, rng


def check(n, m, r, b, cost, capacity, unassigned, on_arc, u, v):
    placed = on_arc[on_arc >= 0]
    assert np.all((on_arc >= 0) | (on_arc == flow.UNASSIGNED))
    assert np.array_equal(r[placed], np.flatnonzero(on_arc >= 0))  # each on one of their own arcs
    assert np.all(np.bincount(b[placed], minlength=m) <= capacity)
    total = int(cost[placed].sum()) + unassigned * int((on_arc == flow.UNASSIGNED).sum())
    assert total == optimum_by_ortools(n, m, r, b, cost, capacity, unassigned)
    assert np.all(v >= 0) and np.all(u <= unassigned)
    assert np.all(cost + v[b] - u[r] >= 0)
    assert int(u.sum()) - int((capacity * v).sum()) == total


@settings(max_examples=400, deadline=None)
@given(problems())
def test_the_core_finds_the_optimum_and_the_duals_that_prove_it(problem):
    n, m, r, b, cost, capacity, unassigned, _ = problem
    check(n, m, r, b, cost, capacity, unassigned, *flow.solve(n, r, b, cost, capacity, unassigned))


@settings(max_examples=400, deadline=None)
@given(problems())
def test_warm_started_after_new_arcs_it_finds_the_optimum_of_the_larger_graph(problem):
    n, m, r, b, cost, capacity, unassigned, rng = problem
    first = rng.random(len(r)) < 0.6
    on_arc, _, v = flow.solve(n, r[first], b[first], cost[first], capacity, unassigned)
    # The new arcs come after the old ones, as the pricing rounds add them.
    r, b, cost = (np.concatenate([x[first], x[~first]]) for x in (r, b, cost))
    result = flow.solve(n, r, b, cost, capacity, unassigned, warm=(on_arc, v))
    check(n, m, r, b, cost, capacity, unassigned, *result)


@settings(max_examples=300, deadline=None)
@given(problems())
def test_the_potentials_of_an_optimal_flow_give_the_duals_that_prove_it(problem):
    """What the solver does after OR-Tools: potentials from the residual graph, then u and v."""
    n, m, r, b, cost, capacity, unassigned, _ = problem
    on_arc, _, _ = flow.solve(n, r, b, cost, capacity, unassigned)
    chosen = np.zeros(len(r), dtype=bool)
    chosen[on_arc[on_arc >= 0]] = True
    potential = flow.potentials(n, m, r, b, cost, chosen, capacity, unassigned)
    sink = potential[n + m]
    u, v = np.minimum(sink - potential[:n], unassigned), np.maximum(sink - potential[n : n + m], 0)
    check(n, m, r, b, cost, capacity, unassigned, on_arc, u, v)


def test_the_potentials_of_a_flow_that_is_not_optimal_are_refused():
    # Two residents, two buddies of one place: each on the other's cheap buddy (cost 10 + 10 instead of 2).
    r, b, cost = np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1]), np.array([1, 10, 10, 1])
    chosen = np.array([False, True, True, False])
    with pytest.raises(ValueError, match="negative cycle"):
        flow.potentials(2, 2, r, b, cost, chosen, np.array([1, 1]), 10**6)
