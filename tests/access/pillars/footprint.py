"""Access table rows of the footprint app: the compute API, open to everyone (it stores nothing).

A request whose body is not JSON (a form) is refused (400, saying why) whoever sends it; GET is not
allowed. The calculator's pages will add their rows here."""

from tests.access.table import Route, everyone

ROWS: tuple = (Route("api:footprint_compute", {"GET": everyone(405), "POST": everyone(400)}),)


def build(world) -> None:
    """The footprint app has no object of its own yet."""
