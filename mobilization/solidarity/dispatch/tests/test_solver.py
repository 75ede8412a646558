"""The dispatch solver on hand-made cases: preferences, reasons, determinism (no database)."""

import random
from unittest.mock import patch

from mobilization.solidarity.dispatch import Buddy, Mode, Reason, Resident, greedy, project, solve, solver


def test_each_resident_goes_to_the_nearest_buddy_when_nobody_competes():
    residents = [Resident(1, 0, 0), Resident(2, 1000, 0)]
    buddies = [
        Buddy(10, 100, 0, capacity=1, max_distance_m=2000),
        Buddy(11, 900, 0, capacity=1, max_distance_m=2000),
    ]
    dispatch = solve(residents, buddies)
    assert dispatch.buddy_of() == {1: 10, 2: 11}
    assert dispatch.total_distance_m == 200
    assert dispatch.call_list == ()


def test_capacity_sends_the_second_resident_to_the_next_buddy_so_that_the_total_is_least():
    # Both residents are nearest to buddy 10, who can take one: the one for whom buddy 11 costs least moves.
    residents = [Resident(1, 0, 0), Resident(2, 300, 0)]
    buddies = [
        Buddy(10, 100, 0, capacity=1, max_distance_m=5000),
        Buddy(11, 700, 0, capacity=1, max_distance_m=5000),
    ]
    dispatch = solve(residents, buddies)
    assert dispatch.buddy_of() == {1: 10, 2: 11}
    assert dispatch.total_distance_m == 500
    assert greedy(residents, buddies).buddy_of() == {1: 10, 2: 11}


def test_the_flow_beats_the_greedy_rule_where_order_matters():
    # Greedy serves resident 1 first with the only buddy resident 2 can reach, who then goes unserved.
    residents = [Resident(1, 0, 0), Resident(2, -900, 0)]
    buddies = [
        Buddy(10, -100, 0, capacity=1, max_distance_m=1000),
        Buddy(11, 400, 0, capacity=1, max_distance_m=1000),
    ]
    assert greedy(residents, buddies).buddy_of() == {1: 10}
    dispatch = solve(residents, buddies)
    assert dispatch.buddy_of() == {1: 11, 2: 10}
    assert dispatch.call_list == ()


def test_the_previous_buddy_keeps_the_person_unless_another_is_much_nearer():
    buddies = [
        Buddy(10, 0, 0, capacity=1, max_distance_m=5000),
        Buddy(11, 300, 0, capacity=1, max_distance_m=5000),
    ]
    resident = Resident(1, 0, 0, previous_buddy_id=11)
    kept = solve([resident], buddies)
    assert kept.buddy_of() == {1: 11}
    assert kept.assignments[0].kept_previous
    # 300 m further is worth the continuity (bonus 500 m); 1,200 m further is not.
    far = [buddies[0], Buddy(11, 1200, 0, capacity=1, max_distance_m=5000)]
    moved = solve([resident], far)
    assert moved.buddy_of() == {1: 10}
    assert not moved.assignments[0].kept_previous
    assert solve([resident], far, continuity_bonus_m=2000).buddy_of() == {1: 11}


def test_a_previous_buddy_outside_the_k_nearest_is_still_offered():
    buddies = [Buddy(j, 10 * j, 0, capacity=1, max_distance_m=5000) for j in range(1, 6)]
    resident = Resident(1, 0, 0, previous_buddy_id=5)
    dispatch = solve([resident], buddies, k=2, continuity_bonus_m=1000)
    assert dispatch.buddy_of() == {1: 5}


def test_a_previous_buddy_no_longer_eligible_is_not_kept():
    buddies = [Buddy(10, 0, 0, capacity=1, max_distance_m=5000, modes=frozenset({Mode.CALL}))]
    resident = Resident(1, 0, 0, mode=Mode.VISIT, previous_buddy_id=10)
    dispatch = solve([resident], buddies)
    assert dispatch.assignments == ()
    assert [(u.resident_id, u.reason) for u in dispatch.call_list] == [(1, Reason.NO_BUDDY_FOR_MODE)]


def test_the_call_list_says_why_nobody_took_each_person():
    buddies = [
        Buddy(
            10,
            0,
            0,
            capacity=1,
            max_distance_m=1000,
            modes=frozenset({Mode.CALL}),
            languages=frozenset({"fr"}),
        ),
    ]
    residents = [
        Resident(1, 5000, 0),  # beyond every buddy's reach
        Resident(2, 100, 0, mode=Mode.VISIT),  # the only buddy near does not visit
        Resident(3, 100, 0, languages=frozenset({"ar"})),  # ...nor speak Arabic
        Resident(4, 200, 0),  # the buddy is eligible: one of 4 and 5 gets them, the other waits
        Resident(5, 50, 0),
    ]
    dispatch = solve(residents, buddies)
    assert dispatch.buddy_of() == {5: 10}
    assert {u.resident_id: u.reason for u in dispatch.call_list} == {
        1: Reason.NO_BUDDY_IN_REACH,
        2: Reason.NO_BUDDY_FOR_MODE,
        3: Reason.NO_SHARED_LANGUAGE,
        4: Reason.ALL_FULL,
    }
    assert "at capacity" in dispatch.call_list[-1].reason_text


def test_a_resident_who_stated_no_language_can_be_called_by_anyone():
    buddies = [Buddy(10, 0, 0, capacity=1, max_distance_m=1000, languages=frozenset({"zh"}))]
    assert solve([Resident(1, 10, 0, languages=frozenset())], buddies).buddy_of() == {1: 10}


def test_buddies_without_capacity_and_empty_inputs_are_handled():
    assert solve([], []).assignments == ()
    assert [u.reason for u in solve([Resident(1, 0, 0)], []).call_list] == [Reason.NO_BUDDY_IN_REACH]
    paused = [Buddy(10, 0, 0, capacity=0, max_distance_m=1000)]
    assert [u.reason for u in solve([Resident(1, 0, 0)], paused).call_list] == [Reason.NO_BUDDY_IN_REACH]
    assert solve([], paused).call_list == ()


def test_ties_are_broken_the_same_way_whatever_the_input_order():
    residents = [Resident(i, 0, 0) for i in range(1, 5)]
    buddies = [Buddy(j, x, 0, capacity=2, max_distance_m=1000) for j, x in ((10, 100), (11, -100), (12, 100))]
    first = solve(residents, buddies)
    rng = random.Random(4)
    for _ in range(5):
        rng.shuffle(residents)
        rng.shuffle(buddies)
        assert solve(residents, buddies) == first


def test_projection_gives_metres_around_paris():
    # Hôtel de Ville → Tour Eiffel: about 4.5 km as the crow flies.
    x1, y1 = project(48.856_4, 2.352_2)
    x2, y2 = project(48.858_4, 2.294_5)
    assert 4_150 < ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 < 4_300


def test_where_the_k_nearest_are_full_a_buddy_further_away_with_room_is_found():
    # Three people in a crowd, the two nearest buddies (k=2) take one each: the third goes 2 km away.
    residents = [Resident(i, 0, i) for i in (1, 2, 3)]
    buddies = [
        Buddy(10, 10, 0, capacity=1, max_distance_m=3000),
        Buddy(11, 20, 0, capacity=1, max_distance_m=3000),
        Buddy(12, 2000, 0, capacity=5, max_distance_m=3000),
    ]
    dispatch = solve(residents, buddies, k=2, head_start=False)
    assert dispatch.call_list == ()
    assert sorted(dispatch.load().items()) == [(10, 1), (11, 1), (12, 1)]
    assert dispatch.stats["rounds"] == 2  # the pricing round found buddy 12
    # The coarse solve sees the crowd and offers buddy 12 before the first flow.
    assert solve(residents, buddies, k=2).stats["rounds"] == 1


def test_a_limit_on_distance_sends_the_far_ones_to_the_coordinators_instead():
    residents = [Resident(1, 0, 0), Resident(2, 10, 0)]
    buddies = [
        Buddy(10, 0, 0, capacity=1, max_distance_m=5000),
        Buddy(11, 3000, 0, capacity=1, max_distance_m=5000),
    ]
    assert len(solve(residents, buddies).assignments) == 2
    limited = solve(residents, buddies, unassigned_cost_m=1000)
    assert limited.buddy_of() == {1: 10}
    assert [(u.resident_id, u.reason) for u in limited.call_list] == [(2, Reason.BEYOND_LIMIT)]


def test_neighbourhoods_far_apart_are_solved_apart_with_the_same_result():
    # Three neighbourhoods 20 km apart (no buddy reaches the next one): three pieces, three flows.
    rng = random.Random(7)
    residents, buddies = [], []
    for hood, x0 in enumerate((0, 20_000, 40_000)):
        residents += [
            Resident(100 * hood + i, x0 + rng.uniform(0, 800), rng.uniform(0, 800)) for i in range(1, 41)
        ]
        buddies += [
            Buddy(10_000 + 100 * hood + j, x0 + rng.uniform(0, 800), rng.uniform(0, 800), 3, 1_500)
            for j in range(12)
        ]
    whole = solver._min_cost_flow
    flows = []

    def counted(n, *args):
        flows.append(n)
        return whole(n, *args)

    with patch.object(solver, "PART_RESIDENTS", 1), patch.object(solver, "_min_cost_flow", counted):
        apart = solve(residents, buddies, k=None)
    assert flows == [40, 40, 40]  # each neighbourhood alone (12 buddies × 3 places: 4 of its 40 listed)
    together = solve(residents, buddies, k=None)
    assert (
        (apart.cost, len(apart.call_list))
        == (together.cost, len(together.call_list))
        == (
            together.cost,
            12,
        )
    )
