"""The dispatch invariant on random instances (hypothesis), and optimality against an independent solver.

Every resident in scope is assigned to exactly one eligible buddy or is on the call list; no buddy is
given more than their capacity; the same input in any order gives the same output; and on small
instances the result equals the exact optimum found by a different algorithm (scipy's Hungarian method
on the assignment matrix where each buddy is repeated once per place and each resident has a private
"unassigned" column). The last holds even with one or two candidates per resident when the solver is
asked to prove its result optimal (pricing rounds add every pair that would lower the cost).
"""

import math
from unittest.mock import patch

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from mobilization.solidarity.dispatch import Buddy, Mode, Reason, Resident, greedy, solve, solver
from mobilization.solidarity.dispatch.solver import UNITS_PER_METRE

LANGUAGES = ["fr", "en", "ar"]
coordinate = st.integers(min_value=0, max_value=2_000)
modes = st.sampled_from([frozenset({Mode.CALL}), frozenset({Mode.VISIT}), frozenset(Mode)])
languages = st.frozensets(st.sampled_from(LANGUAGES), max_size=2)


@st.composite
def instances(draw, max_residents=20, max_buddies=8):
    buddy_ids = draw(st.lists(st.integers(1, 10_000), max_size=max_buddies, unique=True))
    buddies = [
        Buddy(
            id=j,
            x=draw(coordinate),
            y=draw(coordinate),
            capacity=draw(st.integers(0, 4)),
            max_distance_m=draw(st.sampled_from([200, 700, 1_500, 3_000])),
            modes=draw(modes),
            languages=draw(languages),
        )
        for j in buddy_ids
    ]
    resident_ids = draw(st.lists(st.integers(1, 10_000), max_size=max_residents, unique=True))
    previous = st.none() | st.sampled_from(buddy_ids) if buddy_ids else st.none()
    residents = [
        Resident(
            id=i,
            x=draw(coordinate),
            y=draw(coordinate),
            mode=draw(st.sampled_from(list(Mode))),
            languages=draw(languages),
            previous_buddy_id=draw(previous),
        )
        for i in resident_ids
    ]
    return residents, buddies


def may_take(buddy: Buddy, resident: Resident) -> bool:
    """Eligibility written again, plainly, to check the solver's vectorised one."""
    return (
        buddy.capacity > 0
        and math.dist((buddy.x, buddy.y), (resident.x, resident.y)) <= buddy.max_distance_m
        and resident.mode in buddy.modes
        and (not resident.languages or bool(resident.languages & buddy.languages))
    )


@settings(max_examples=300, deadline=None)
@given(instances())
def test_every_resident_is_with_exactly_one_eligible_buddy_or_on_the_call_list(instance):
    residents, buddies = instance
    dispatch = solve(residents, buddies)
    assigned = [a.resident_id for a in dispatch.assignments]
    listed = [u.resident_id for u in dispatch.call_list]
    assert sorted(assigned + listed) == sorted(r.id for r in residents)
    assert len(set(assigned)) == len(assigned)

    by_id = {b.id: b for b in buddies}
    people = {r.id: r for r in residents}
    for a in dispatch.assignments:
        assert may_take(by_id[a.buddy_id], people[a.resident_id])
        assert a.kept_previous == (people[a.resident_id].previous_buddy_id == a.buddy_id)
    for buddy_id, load in dispatch.load().items():
        assert load <= by_id[buddy_id].capacity

    load = dispatch.load()
    for u in dispatch.call_list:
        able = [b for b in buddies if may_take(b, people[u.resident_id])]
        if u.reason == Reason.ALL_FULL:
            assert able and all(load.get(b.id, 0) == b.capacity for b in able)
        else:
            assert not able


@settings(max_examples=100, deadline=None)
@given(instances(), st.randoms(use_true_random=False))
def test_the_same_people_in_any_order_get_the_same_dispatch(instance, rng):
    residents, buddies = instance
    first = solve(residents, buddies)
    assert solve(residents, buddies) == first
    rng.shuffle(residents)
    rng.shuffle(buddies)
    assert solve(residents, buddies) == first


def exact_by_hungarian(residents, buddies, bonus_m):
    """(number unassigned, objective) of the true optimum, by the Hungarian method on the full matrix."""
    slots = [b for b in buddies for _ in range(max(b.capacity, 0))]
    n = len(residents)
    if n == 0:
        return 0, 0
    bonus = round(bonus_m * UNITS_PER_METRE)
    costs = np.zeros((n, len(slots) + n), dtype=float)
    big = 1e12
    for i, r in enumerate(residents):
        for s, b in enumerate(slots):
            if may_take(b, r):
                d = round(math.dist((b.x, b.y), (r.x, r.y)) * UNITS_PER_METRE)
                costs[i, s] = d - (bonus if r.previous_buddy_id == b.id else 0)
            else:
                costs[i, s] = 10 * big
        costs[i, len(slots) :] = 10 * big
        costs[i, len(slots) + i] = big  # this resident's own "unassigned" column
    rows, cols = linear_sum_assignment(costs)
    unassigned = int(sum(cols >= len(slots)))
    objective = int(round(costs[rows, cols].sum() - unassigned * big))
    return unassigned, objective


@settings(max_examples=300, deadline=None)
@given(instances(max_residents=15, max_buddies=10), st.sampled_from([0.0, 500.0]))
def test_on_small_instances_the_result_is_the_exact_optimum(instance, bonus_m):
    residents, buddies = instance
    unassigned, objective = exact_by_hungarian(residents, buddies, bonus_m)
    for k, prove in ((None, False), (12, False), (1, True), (2, True)):
        dispatch = solve(residents, buddies, k=k, continuity_bonus_m=bonus_m, prove_optimal=prove)
        assert (len(dispatch.call_list), dispatch.cost) == (unassigned, objective), (k, prove)
        if prove:
            assert dispatch.stats["optimal"]


@settings(max_examples=100, deadline=None)
@given(instances())
def test_the_greedy_rule_never_does_better(instance):
    residents, buddies = instance
    flow = solve(residents, buddies, continuity_bonus_m=0)
    rule = greedy(residents, buddies)
    assert len(flow.call_list) <= len(rule.call_list)
    if len(flow.call_list) == len(rule.call_list):
        assert flow.cost <= rule.cost


@settings(max_examples=200, deadline=None)
@given(instances(max_residents=15, max_buddies=10), st.sampled_from([0.0, 500.0]))
def test_solved_piece_by_piece_the_result_is_still_the_exact_optimum(instance, bonus_m):
    # Every connected piece of the graph in a flow of its own (PART_RESIDENTS = 1): the same optimum.
    residents, buddies = instance
    unassigned, objective = exact_by_hungarian(residents, buddies, bonus_m)
    with patch.object(solver, "PART_RESIDENTS", 1):
        for k, prove in ((None, False), (12, False), (1, True)):
            dispatch = solve(residents, buddies, k=k, continuity_bonus_m=bonus_m, prove_optimal=prove)
            assert (len(dispatch.call_list), dispatch.cost) == (unassigned, objective), (k, prove)
