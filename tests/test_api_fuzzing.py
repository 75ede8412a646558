"""The open data API under fuzzing: schemathesis generates requests from our OpenAPI document, and the hostile
corpus is fed to every parameter and (for write operations) every body.

The answers must never be a server error, and must say what the document says: its status codes, content
types and response schemas. The runs are bounded (25 examples per operation) and seeded, so that a failure
seen once is seen again.
"""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from mobilization.territory.models import Place
from mobilization.territory.tests.factories import ArrondissementFactory, PlaceFactory
from mobilization.wsgi import application
from tests.access import callers
from tests.hostile.api import OPENAPI_PATH, attack_body, attack_parameters, load_document, operations

SEED = 2026
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# The operations the API has today: discovery must find at least these, or the schema is broken.
KNOWN_READ_OPERATIONS = {
    "GET /api/v1/districts",
    "GET /api/v1/districts/{code}",
    "GET /api/v1/places",
    "GET /api/v1/places/{place_id}",
}

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": SEED,
        # Valid and invalid requests alike: an invalid one must get its 422, not a 500.
        "generation": {"mode": "all", "max-examples": 25, "deterministic": True, "database": "none"},
    }
)
schema = schemathesis.openapi.from_wsgi(OPENAPI_PATH, application, config=CONFIG)


@pytest.fixture
def territory(db) -> dict[str, str]:
    """Two arrondissements and places of every kind, some without hours or district: what the API serves.
    Gives the values of path parameters that name a real object."""
    cache.clear()
    fourth = ArrondissementFactory(number=4, name="4e arrondissement", official_name="Hôtel-de-Ville")
    eleventh = ArrondissementFactory(number=11, name="11e arrondissement")
    fountain = PlaceFactory(name="Fontaine Wallace", district=fourth, lat=48.853, lon=2.35)
    PlaceFactory(name="Fontaine en panne", district=fourth, is_available=False, is_free=None)
    PlaceFactory(
        kind=Place.Kind.COOL_PLACE,
        name="Musée",
        district=eleventh,
        is_free=False,
        opening_hours={"0": [["10:00", "18:00"]], "6": []},
        details={"hours_period": "été 2026", "open_in_heatwave": True},
        lat=48.86,
        lon=2.38,
    )
    PlaceFactory(kind=Place.Kind.GREEN_SPACE, name="Square", district=None, lat=48.87, lon=2.29)
    yield {"code": fourth.code, "place_id": str(fountain.pk)}
    cache.clear()


@pytest.fixture
def requests_stay_in_the_test_transaction():
    """The WSGI application closes the database connection when a request ends; Django's test client
    prevents that, and so must a test that calls the application directly."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_the_api_answers_generated_requests_as_its_document_says(
    case, territory, requests_stay_in_the_test_transaction
):
    case.call_and_validate(checks=CHECKS)


def test_real_districts_and_places_answer_as_the_document_says(
    territory, requests_stay_in_the_test_transaction
):
    """Random identifiers seldom name a real object: each object of the fixture is asked for once."""
    cases = [
        schema["/api/v1/districts/{code}"]["GET"].Case(path_parameters={"code": territory["code"]}),
        schema["/api/v1/places"]["GET"].Case(query={"lat": 48.853, "lon": 2.35, "limit": 2, "offset": 1}),
        *(
            schema["/api/v1/places/{place_id}"]["GET"].Case(path_parameters={"place_id": place.pk})
            for place in Place.objects.all()
        ),
    ]
    for case in cases:
        response = case.call_and_validate(checks=CHECKS)
        assert response.status_code == 200, (case.path, case.path_parameters, case.query)


# --- The hostile corpus ------------------------------------------------------------------------------------


@pytest.fixture
def document(db):
    return load_document(Client())


def test_the_discovery_finds_the_read_operations(document):
    found = {operation.id for operation in operations(document)}
    missing = KNOWN_READ_OPERATIONS - found
    assert not missing, f"The OpenAPI document no longer lists {missing}: is it broken?"


def test_every_write_operation_gets_malformed_bodies_and_the_corpus(document, territory):
    """None exist yet; the day one is added, it is attacked here without anyone declaring it, by a member
    and by an administrator (a refusal of the caller must say why too)."""
    found = operations(document)
    assert {operation.id for operation in found} >= KNOWN_READ_OPERATIONS, "the discovery is broken"
    members = {
        "a member": callers.make_member("member@example.org", "Member"),
        "an administrator": callers.make_member(
            "admin@example.org", "Admin", (), is_staff=True, is_superuser=True
        ),
    }
    failures = []
    for who, member in members.items():
        client = Client(raise_request_exception=False)
        client.force_login(member)
        for operation in (operation for operation in found if operation.is_write):
            answers = attack_body(client, operation, territory)
            answers += attack_parameters(client, operation, territory)
            failures += [f"as {who}: {answer}" for answer in answers if answer.problems]
    assert not failures, "\n".join(failures)


def test_every_read_operation_takes_the_corpus_in_its_parameters(document, territory):
    read_operations = [operation for operation in operations(document) if not operation.is_write]
    assert {operation.id for operation in read_operations} >= KNOWN_READ_OPERATIONS
    client = Client(raise_request_exception=False)
    failures = []
    for operation in read_operations:
        answers = attack_parameters(client, operation, territory)
        failures += [str(answer) for answer in answers if answer.problems]
    assert not failures, "\n".join(failures)
