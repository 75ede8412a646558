"""The public API at /api/v1/: every app adds its router here."""

from ninja import NinjaAPI

from mobilization.api.docs import VendoredSwagger
from mobilization.challenges.api import router as challenges_router
from mobilization.codesign.api import router as codesign_router
from mobilization.commitments.api import router as commitments_router
from mobilization.events.api import router as events_router
from mobilization.footprint.api import router as footprint_router
from mobilization.footprint.plan_api import router as footprint_plan_router
from mobilization.initiatives.api import router as initiatives_router
from mobilization.learning.api import router as learning_router
from mobilization.plan.actions.api import router as plan_actions_router
from mobilization.plan.api import router as plan_router
from mobilization.plan.governance.api import router as governance_router
from mobilization.territory.api import router as territory_router

api = NinjaAPI(
    title="Climate Mobilization Platform API",
    version="1",
    description="Open data of the platform: districts, places and every public figure. "
    "Data from Ville de Paris – opendata.paris.fr (ODbL).",
    urls_namespace="api",
    docs=VendoredSwagger(),
)
api.add_router("/", territory_router)
api.add_router("/", initiatives_router)
api.add_router("/", events_router)
api.add_router("/", plan_router)
api.add_router("/", plan_actions_router)
api.add_router("/", governance_router)
api.add_router("/", codesign_router)
api.add_router("/", footprint_router)
api.add_router("/", footprint_plan_router)
api.add_router("/", commitments_router)
api.add_router("/", learning_router)
api.add_router("/", challenges_router)
