"""Access table rows of the footprint app: the compute API and the calculator's pages.

The API is open to everyone (it stores nothing); a request whose body is not JSON (a form) is refused
(400, saying why) whoever sends it; GET is not allowed. The questionnaire, the result and the model's
documentation are open to everyone (a visitor's answers stay in their session); an empty step is valid
(every question may be skipped) and goes on to the next step. Saving a footprint and the history of saved
footprints are for signed-in people, each reaching only their own (the history is `request.user`'s).
The action plan is everyone's (a visitor's in their session); the figures per arrondissement are public.
"""

from tests.access.callers import OWNER
from tests.access.table import LOGIN, REDIRECT, Route, everyone, members


def build(world) -> None:
    from mobilization.footprint.tests.factories import SavedFootprintFactory

    world.extra["footprint_saved_a"] = SavedFootprintFactory(user=world.user(OWNER))


FIRST_STEP = lambda world: {"key": "transport-voiture"}  # noqa: E731
A_RULE = lambda world: {"path": "transport/voiture/km"}  # noqa: E731
READ_ONLY = {"GET": everyone(200), "POST": everyone(405)}
VEGETARIAN = "alimentation . devenir végétarien"

ROWS: tuple = (
    Route("api:footprint_compute", {"GET": everyone(405), "POST": everyone(400)}),
    Route("footprint:start", {"GET": everyone(200), "POST": everyone(405)}),
    Route("footprint:step", {"GET": everyone(200), "POST": everyone(REDIRECT)}, kwargs=FIRST_STEP),
    Route("footprint:result", {"GET": everyone(200), "POST": everyone(405)}),
    Route("footprint:rule", {"GET": everyone(200), "POST": everyone(405)}, kwargs=A_RULE),
    Route("footprint:restart", {"GET": everyone(405), "POST": everyone(REDIRECT)}),
    # An empty POST saves the footprint without an arrondissement.
    Route("footprint:save", {"GET": members(405), "POST": members(REDIRECT)}),
    Route("footprint:history", {"GET": members(200), "POST": members(405, anonymous=LOGIN)}),
    # The action plan: a change comes back to the page (an invalid change is refused with 400: see
    # tests/hostile and mobilization/footprint/tests).
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
