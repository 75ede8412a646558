"""The public API mounts every app's router: an app that writes an `api.py` is in the API at once."""

from importlib import import_module
from importlib.util import find_spec

import pytest
from django.apps import apps

from mobilization.api.urls import api

APPS_WITH_A_ROUTER = sorted(
    app.name
    for app in apps.get_app_configs()
    if app.name.startswith("mobilization.") and find_spec(f"{app.name}.api") is not None
)


def _tags_in_the_schema() -> set[str]:
    schema = api.get_openapi_schema()
    return {
        tag
        for operations in schema["paths"].values()
        for operation in operations.values()
        for tag in operation["tags"]
    }


def test_the_platforms_apps_have_routers():
    assert "mobilization.territory" in APPS_WITH_A_ROUTER


@pytest.mark.parametrize("app_name", APPS_WITH_A_ROUTER)
def test_each_apps_router_is_in_the_openapi_schema(app_name):
    router = import_module(f"{app_name}.api").router

    assert router.tags, f"{app_name}.api's router has no tag to group its operations under"
    assert set(router.tags) <= _tags_in_the_schema(), f"{app_name}.api's router is not mounted in api/urls.py"
