"""The public API at /api/v1/: every app adds its router here."""

from ninja import NinjaAPI

from mobilization.territory.api import router as territory_router

api = NinjaAPI(
    title="Climate Mobilization Platform API",
    version="1",
    description="Open data of the platform: districts, places and every public figure. "
    "Data from Ville de Paris – opendata.paris.fr (ODbL).",
    urls_namespace="api",
)
api.add_router("/", territory_router)
