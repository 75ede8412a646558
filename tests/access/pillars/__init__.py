"""The access table's rows of each pillar, and the objects they need, one module per app.

A module defines `ROWS` (Route objects, see tests/access/table.py) and `build(world)`, which creates the
pillar's objects — object A belonging to `owner`, object B to `other` — and stores them in `world.extra`
(read back as `world.<name>`).
"""

from importlib import import_module

PILLAR_NAMES = (
    "initiatives",
    "events",
    "plan",
    "plan_actions",
    "governance",
    "solidarity",
    "solidarity_checkins",
    "codesign",
    "footprint",
    "commitments",
    "learning",
    "challenges",
    "solidarity_events",
)
PILLARS = tuple(import_module(f"tests.access.pillars.{name}") for name in PILLAR_NAMES)
