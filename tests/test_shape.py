"""Every app of the platform keeps the same shape (DESIGN.md, "Layout"), so that a newcomer who has read
one app finds their way in all of them, and so that no new app escapes the project-level checks:

- `rules.py` (who may do what), `services.py` (the domain logic) and a `tests/` package with tests;
- rows in the route access table (`tests/access/table.py` and `tests/access/pillars/`) for its pages;
- a declaration in the hostile-input corpus (`tests/hostile/`) when it has forms (or filters: forms in a
  query string).

An app that truly has nothing of a kind is named in `EXEMPTIONS`, with the reason; an exemption that is
no longer needed fails too, so that the list stays short and true.
"""

from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

import pytest
from django.apps import apps

from tests.access.table import ROUTES
from tests.hostile.forms import FORMS, NOT_FORMS, QUERY_STRINGS

RULES, SERVICES, TESTS, ROUTE_ROWS = "rules.py", "services.py", "tests/", "route rows"

EXEMPTIONS: dict[str, dict[str, str]] = {
    "core": {
        RULES: "the kernel states no permission: it holds the predicate vocabulary every app's rules.py "
        "composes (core/predicates.py), and its own pages (home, health) are public",
        ROUTE_ROWS: "its pages are the site's root, without a namespace: their rows are `home` and `health`",
    },
    "api": {
        RULES: "it only mounts each app's router (api/urls.py): an endpoint asks the rules of the app "
        "whose api.py declares it",
        SERVICES: "the same: an endpoint calls the services of the app whose api.py declares it",
    },
    "notifications": {
        RULES: "a person reaches only their own notifications and preferences: the views look them up "
        "among the signed-in person's own (recipient=request.user), which refuses even a superuser, "
        "whom every rule lets through; the staff tools are the administration's, by model permission",
    },
}


def platform_apps() -> list:
    return sorted(
        (app for app in apps.get_app_configs() if app.name.startswith("mobilization.")),
        key=lambda app: app.label,
    )


APP_LABELS = [app.label for app in platform_apps()]


def _has_module(app, name: str) -> bool:
    return find_spec(f"{app.name}.{name}") is not None


def _has_tests(app) -> bool:
    spec = find_spec(f"{app.name}.tests")
    if spec is None or not spec.submodule_search_locations:
        return False
    folder = Path(next(iter(spec.submodule_search_locations)))
    return any(folder.glob("test_*.py"))


def lacks(app, thing: str) -> bool:
    if thing == RULES:
        return not _has_module(app, "rules")
    if thing == SERVICES:
        return not _has_module(app, "services")
    if thing == TESTS:
        return not _has_tests(app)
    if thing == ROUTE_ROWS:
        namespace = url_namespace(app)
        return namespace is None or not any(name.startswith(f"{namespace}:") for name in ROUTES)
    raise ValueError(thing)


def url_namespace(app) -> str | None:
    """The namespace of the app's pages: its `urls` module's `app_name` (the API's: its NinjaAPI's)."""
    if not _has_module(app, "urls"):
        return None
    urls = import_module(f"{app.name}.urls")
    if hasattr(urls, "app_name"):
        return urls.app_name
    return getattr(getattr(urls, "api", None), "urls_namespace", None)


def _missing(app, things) -> list[str]:
    exempt = EXEMPTIONS.get(app.label, {})
    return [thing for thing in things if thing not in exempt and lacks(app, thing)]


@pytest.fixture(params=APP_LABELS)
def app(request):
    return apps.get_app_config(request.param)


def test_the_platform_has_its_apps():
    assert {"core", "accounts", "territory", "notifications", "api"} <= set(APP_LABELS)


def test_each_app_has_its_rules_its_services_and_its_tests(app):
    missing = _missing(app, (RULES, SERVICES, TESTS))

    assert not missing, f"{app.name} lacks {', '.join(missing)} (or an exemption in {__name__})"


def test_each_apps_pages_have_rows_in_the_route_access_table(app):
    assert not _missing(app, (ROUTE_ROWS,)), (
        f"{app.name}'s pages (namespace {url_namespace(app)!r}) have no row in tests/access/table.py or "
        "tests/access/pillars/"
    )


def test_each_app_with_forms_is_in_the_hostile_input_corpus(app):
    if not (_has_module(app, "forms") or _has_module(app, "filters")):
        pytest.skip(f"{app.name} has no form")
    namespace = url_namespace(app)
    declared = [form.url_name for form in FORMS] + [page.url_name for page in QUERY_STRINGS] + list(NOT_FORMS)

    assert namespace is not None, f"{app.name} has forms but no pages to send them to"
    assert any(name.startswith(f"{namespace}:") for name in declared), (
        f"{app.name} has forms, but tests/hostile/ declares none of its routes ({namespace}:…)"
    )


def test_each_exemption_names_an_app_and_something_it_truly_lacks():
    stale = [
        f"{label}: {thing}"
        for label, things in EXEMPTIONS.items()
        for thing in things
        if label not in APP_LABELS or not lacks(apps.get_app_config(label), thing)
    ]

    assert not stale, "Exemptions no longer needed: " + "; ".join(stale)
