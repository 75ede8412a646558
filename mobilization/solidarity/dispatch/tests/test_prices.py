"""The coarse head start (prices.py): where a crowd's people must go far, it offers them the buddies
who can reach them, not merely the nearest places."""

import numpy as np

from mobilization.solidarity.dispatch import Buddy, Resident, candidates, prices, solve


def crowd_with_short_and_long_reach_buddies():
    """200 people in a care home at (0, 0), 50 places beside them; 1.5 km east, 200 places whose buddies
    go 1 km at most (out of the home's reach); 2.5 km west, 200 places whose buddies go 3 km."""
    rng = np.random.default_rng(7)
    residents = [Resident(i + 1, *rng.uniform(-40, 40, 2)) for i in range(200)]
    beside = [Buddy(1_000 + j, *rng.uniform(-40, 40, 2), capacity=5, max_distance_m=1_000) for j in range(10)]
    east = [
        Buddy(2_000 + j, 1_500 + rng.uniform(-40, 40), rng.uniform(-40, 40), capacity=5, max_distance_m=1_000)
        for j in range(40)
    ]
    west = [
        Buddy(
            3_000 + j, -2_500 + rng.uniform(-40, 40), rng.uniform(-40, 40), capacity=5, max_distance_m=3_000
        )
        for j in range(40)
    ]
    return residents, beside + east + west


def test_the_head_start_sends_the_crowd_to_the_buddies_who_can_reach_it():
    residents, buddies = crowd_with_short_and_long_reach_buddies()
    a = candidates.arrays(residents, buddies)
    _, _, _, complete = candidates.nearest_eligible(a, 12)

    r, b, d = prices.flow_guided(a, 10, complete)

    offered = {a.buddies[j].id // 1_000 for j in b.tolist()}
    assert offered == {3}  # the western buddies: the eastern ones are nearer but cannot go that far
    assert len(set(r.tolist())) >= 150  # everyone the home cannot hold is offered some of them
    assert np.all(d <= 3_000)


def test_with_the_head_start_the_solve_takes_fewer_rounds_to_the_same_result():
    residents, buddies = crowd_with_short_and_long_reach_buddies()
    guided = solve(residents, buddies)
    unguided = solve(residents, buddies, head_start=False)
    assert guided.call_list == unguided.call_list == ()
    assert guided.stats["rounds"] == 2 < unguided.stats["rounds"]  # the first flow, then the proof
    assert abs(guided.total_distance_m - unguided.total_distance_m) <= 1e-3 * unguided.total_distance_m
    assert {buddy_id // 1_000 for buddy_id in guided.buddy_of().values()} == {1, 3}
