"""Access table rows of the plan_actions app."""

from tests.access.table import Route  # noqa: F401

ROWS: tuple = ()


def build(world) -> None:
    """Create the objects the rows need and store them in world.extra."""
