"""The buddy dispatch solver: plain residents and buddies in, assignments and a call list out (no Django).

See `solver.py` for the method; the solidarity app reads its rows into `Resident`/`Buddy`, calls
`solve()`, and writes the `Dispatch` back in one transaction.
"""

from .model import (
    PARIS_ORIGIN,
    REASON_TEXT,
    Assignment,
    Buddy,
    Dispatch,
    Mode,
    Reason,
    Resident,
    Unassigned,
    project,
)
from .solver import DEFAULT_CONTINUITY_BONUS_M, DEFAULT_K, DEFAULT_TOLERANCE, SolverError, greedy, solve

__all__ = [
    "DEFAULT_CONTINUITY_BONUS_M",
    "DEFAULT_K",
    "DEFAULT_TOLERANCE",
    "PARIS_ORIGIN",
    "REASON_TEXT",
    "Assignment",
    "Buddy",
    "Dispatch",
    "Mode",
    "Reason",
    "Resident",
    "SolverError",
    "Unassigned",
    "greedy",
    "project",
    "solve",
    "warm_up",
]


def warm_up() -> None:
    """Compile the solver's numba parts (flow.py, pricing.py), or load them from numba's cache (about 1 s
    with numba's import; 6 to 9 s the very first time on a machine): once per process that dispatches, when
    it starts, rather than inside its first dispatch. Imported only then: the web processes never pay it."""
    from . import flow, pricing

    flow.warm_up()
    pricing.warm_up()
