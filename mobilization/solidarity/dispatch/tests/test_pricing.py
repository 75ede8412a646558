"""The pricing search (pricing.py) against every pair checked one by one, on random cities."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mobilization.solidarity.dispatch import Buddy, Mode, Resident, candidates, pricing

MODES = [frozenset(Mode), frozenset({Mode.CALL}), frozenset({Mode.VISIT})]


def city(seed, n, m, languages):
    rng = np.random.default_rng(seed)
    spoken = [f"l{k}" for k in range(languages)]

    def some():
        return frozenset(rng.choice(spoken, size=rng.integers(0, 3), replace=False).tolist())

    residents = [
        Resident(
            i + 1, *rng.uniform(0, 3_000, 2).tolist(), Mode.CALL if rng.random() < 0.7 else Mode.VISIT, some()
        )
        for i in range(n)
    ]
    buddies = [
        Buddy(
            10_000 + j,
            *rng.uniform(0, 3_000, 2).tolist(),
            int(rng.integers(1, 4)),
            float(rng.choice([500.0, 1_000.0, 2_000.0])),
            MODES[rng.integers(0, 3)],
            some() | {"l0"},
        )
        for j in range(m)
    ]
    return candidates.arrays(residents, buddies), rng


def one_by_one(a, rows, below, v, among):
    """Every pair, checked with the rules of candidates.eligible."""
    r, b = (x.ravel() for x in np.meshgrid(rows, among, indexing="ij"))
    d = np.hypot(*(a.rxy[r] - a.bxy[b]).T)
    keep = candidates.eligible(a, r, b, d) & (np.rint(10 * d) + v[b] < below[r])
    return set(zip(r[keep].tolist(), b[keep].tolist(), strict=True))


@settings(max_examples=100, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(1, 200),
    st.integers(1, 120),
    st.sampled_from([3, 70]),  # past 62 languages the masks are Python integers
)
def test_it_finds_exactly_the_eligible_pairs_that_would_save_something(seed, n, m, languages):
    a, rng = city(seed, n, m, languages)
    m = len(a.buddies)
    v = rng.integers(0, 8_000, m) * (rng.random(m) < 0.5)  # half the buddies with room: price 0
    below = rng.integers(-100, 25_000, n)
    rows = np.flatnonzero(rng.random(n) < 0.8)
    among = np.flatnonzero(rng.random(m) < 0.8)
    r, b, d = pricing.saving_pairs(a, rows, below, v, among)
    found = list(zip(r.tolist(), b.tolist(), strict=True))
    assert len(found) == len(set(found))  # each pair once
    assert set(found) == one_by_one(a, rows, below, v, among)
    assert np.allclose(d, np.hypot(*(a.rxy[r] - a.bxy[b]).T))


def test_a_worker_warms_up_both_compiled_parts_of_the_solver():
    from mobilization.solidarity.dispatch import flow, warm_up

    warm_up()  # what apps.py runs when a task worker starts
    assert pricing._scan.signatures and flow._solve.signatures  # compiled (or loaded), not left to a dispatch
