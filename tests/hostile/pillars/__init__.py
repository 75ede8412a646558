"""Hostile-input declarations of each pillar, one module per app: `FORMS`, `QUERY_STRINGS`, `NOT_FORMS`.

They use the building blocks of tests/hostile/forms.py (HostileForm, Attack, Shown, QueryString,
typed_text, refused…); that module adds them to its own lists.
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
    "commitments",
    "footprint",
    "learning",
    "challenges",
    "solidarity_events",
)


def load():
    return tuple(import_module(f"tests.hostile.pillars.{name}") for name in PILLAR_NAMES)
