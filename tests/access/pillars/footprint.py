"""Access table rows of the footprint app: the compute API, open to everyone (it stores nothing).

A request whose body is not JSON (a form) is refused (400, saying why) whoever sends it; GET is not
allowed. The action plan is everyone's; the figures per arrondissement are public."""

from tests.access.table import REDIRECT, Route, everyone

READ_ONLY = {"GET": everyone(200), "POST": everyone(405)}
VEGETARIAN = "alimentation . devenir végétarien"

ROWS: tuple = (
    Route("api:footprint_compute", {"GET": everyone(405), "POST": everyone(400)}),
    # The action plan: everyone's (a visitor's in their session); a change comes back to the page (an
    # invalid change is refused with 400: tests/hostile and mobilization/footprint/tests).
    Route("footprint_plan:plan", READ_ONLY),
    Route(
        "footprint_plan:change",
        {"GET": everyone(405), "POST": everyone(REDIRECT)},
        data={"POST": {"rule": VEGETARIAN, "do": "choose"}},
    ),
    # The anonymous figures per arrondissement: public, with their open data and the API.
    Route("footprint_plan:by_arrondissement", READ_ONLY),
    Route(
        "footprint_plan:download",
        READ_ONLY,
        kwargs=lambda world: {"dataset": "footprints-by-arrondissement", "fmt": "csv"},
    ),
    Route("api:footprint_arrondissements", READ_ONLY),
)


def build(world) -> None:
    """The footprint app has no object of its own yet."""
