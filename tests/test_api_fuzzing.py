"""The open data API under fuzzing: schemathesis generates requests from our OpenAPI document, and the hostile
corpus is fed to every parameter and (for write operations) every body.

Every operation, every check schemathesis has (server errors; status codes, content types, headers and
response bodies as the document says; invalid requests refused, valid ones accepted; allowed methods...),
against the WSGI application in-process (no network), with data of every pillar in the database so that the
answers are not empty lists. The runs are bounded and derandomised, so that a failure seen once is seen
again (about a minute for the whole API on SQLite).
"""

from collections import Counter
from datetime import timedelta

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig

from mobilization.events.tests.factories import EventFactory, HostFactory
from mobilization.plan.actions.models import Action
from mobilization.plan.actions.tests.factories import ActionFactory, MilestoneFactory
from mobilization.plan.governance import services as governance
from mobilization.plan.governance.models import CityResponse
from mobilization.plan.governance.tests.factories import (
    CityResponseFactory,
    CommitteeFactory,
    ConsultationFactory,
    ExpertFactory,
    ProposalFactory,
    RecommendationFactory,
)
from mobilization.plan.models import IndicatorValue
from mobilization.plan.tests.factories import IndicatorValueFactory, ObjectiveWithSeriesFactory
from mobilization.territory.models import Place
from mobilization.territory.tests.factories import ArrondissementFactory, PlaceFactory
from mobilization.wsgi import application
from tests.access import callers
from tests.hostile.api import OPENAPI_PATH, attack_body, attack_parameters, load_document, operations

SEED = 2026
MAX_EXAMPLES = 25
load_all_checks()
# Every check schemathesis has, not a chosen few: a new one in an upgrade is run too.
CHECKS_RUN = CHECKS.get_all()
# The operations the API has today: discovery must find at least these, or the schema is broken.
KNOWN_READ_OPERATIONS = {
    "GET /api/v1/districts",
    "GET /api/v1/districts/{code}",
    "GET /api/v1/places",
    "GET /api/v1/places/{place_id}",
    "GET /api/v1/events",
    "GET /api/v1/plan/actions",
    "GET /api/v1/plan/indicators/{slug}",
}

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": SEED,
        # Valid and invalid requests alike: an invalid one must get its 422, not a 500, and a valid one
        # must not be refused.
        "generation": {
            "mode": "all",
            "max-examples": MAX_EXAMPLES,
            "deterministic": True,
            "database": "none",
        },
    }
)
schema = schemathesis.openapi.from_wsgi(OPENAPI_PATH, application, config=CONFIG)
# Requests sent per operation, printed at the end of the module (`pytest -s` shows it).
CASES_SENT: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def _count_the_cases():
    yield
    if CASES_SENT:
        print(
            f"\nschemathesis: {len(CASES_SENT)} operations, {CASES_SENT.total()} test cases, "
            f"{len(CHECKS_RUN)} checks each"
        )


@pytest.fixture
def open_data(db) -> dict[str, str]:
    """What the API serves, of every pillar: two arrondissements and places of every kind (some without
    hours or district), an initiative and its event, an objective with provisional and final figures,
    actions of every status with children and milestones, a public committee with answered and unanswered
    recommendations, published and answered proposals, an open and a closed consultation.

    Gives the values of path parameters that name a real object."""
    cache.clear()
    fourth = ArrondissementFactory(
        number=4, code="75104", name="4e arrondissement", official_name="Hôtel-de-Ville"
    )
    eleventh = ArrondissementFactory(number=11, code="75111", name="11e arrondissement")
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

    initiative = HostFactory(district=fourth, themes=["waste_repair", "energy"])
    event = EventFactory(initiative=initiative, capacity=12)
    EventFactory(initiative=initiative, title="Cancelled repair café", status="cancelled")

    objective = ObjectiveWithSeriesFactory(slug="emissions")
    indicator = objective.indicators.get(is_headline=True)
    IndicatorValueFactory(
        indicator=indicator, year=2022, value=85.0, status=IndicatorValue.Status.PROVISIONAL
    )
    IndicatorValueFactory(indicator=indicator, year=2023, value=84.0, status=IndicatorValue.Status.DERIVED)

    parent = ActionFactory(
        reference="A-PARENT", status=Action.Status.IN_PROGRESS, sector=Action.Sector.TRANSPORT
    )
    parent.objectives.add(objective)
    for status in Action.Status:
        child = ActionFactory(reference=f"A-{status.value}", parent=parent, status=status)
        MilestoneFactory(action=child, status=status, progress=50)
    MilestoneFactory(action=parent, status="", progress=None)

    committee = CommitteeFactory(is_public=True, slug="comite")
    ExpertFactory(committee=committee)
    answered = RecommendationFactory(committee=committee)
    CityResponseFactory(recommendation=answered, decision=CityResponse.Decision.UNDER_STUDY)
    RecommendationFactory(
        committee=committee,
        issued_on=timezone.localdate() - timedelta(days=60),
        response_due_on=timezone.localdate() - timedelta(days=30),
    )
    ProposalFactory(published=True)
    ProposalFactory(published=True, status="answered", answer="Oui.", answered_at=timezone.now())
    ConsultationFactory()
    closed = ConsultationFactory(past_closing=True)
    governance.close_consultation(closed)

    yield {
        "code": fourth.code,
        "place_id": str(fountain.pk),
        "event_id": str(event.pk),
        "initiative_id": str(initiative.pk),
        "slug": objective.slug,
        "indicator": indicator.slug,
        "reference": parent.reference,
        "consultation_id": str(closed.pk),
    }
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
    max_examples=MAX_EXAMPLES,
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
    case, open_data, requests_stay_in_the_test_transaction
):
    CASES_SENT[case.operation.label] += 1
    case.call_and_validate(checks=CHECKS_RUN)


def test_real_objects_answer_as_the_document_says(open_data, requests_stay_in_the_test_transaction):
    """Random identifiers seldom name a real object: each object of the fixture is asked for once, and
    each list with filters that match it."""
    cases = [
        schema["/api/v1/districts/{code}"]["GET"].Case(path_parameters={"code": open_data["code"]}),
        schema["/api/v1/places"]["GET"].Case(query={"lat": 48.853, "lon": 2.35, "limit": 2, "offset": 1}),
        *(
            schema["/api/v1/places/{place_id}"]["GET"].Case(path_parameters={"place_id": place.pk})
            for place in Place.objects.all()
        ),
        schema["/api/v1/initiatives/{initiative_id}"]["GET"].Case(
            path_parameters={"initiative_id": open_data["initiative_id"]}
        ),
        schema["/api/v1/events"]["GET"].Case(query={"district": open_data["code"], "theme": "energy"}),
        schema["/api/v1/events/{event_id}"]["GET"].Case(path_parameters={"event_id": open_data["event_id"]}),
        schema["/api/v1/plan/objectives/{slug}"]["GET"].Case(path_parameters={"slug": open_data["slug"]}),
        schema["/api/v1/plan/indicators/{slug}"]["GET"].Case(
            path_parameters={"slug": open_data["indicator"]}
        ),
        schema["/api/v1/plan/actions"]["GET"].Case(query={"status": "in_progress", "sector": "transport"}),
        schema["/api/v1/plan/actions/{reference}"]["GET"].Case(
            path_parameters={"reference": open_data["reference"]}
        ),
        schema["/api/v1/plan/recommendations"]["GET"].Case(
            query={"committee": "comite", "decision": "study"}
        ),
        schema["/api/v1/plan/proposals"]["GET"].Case(query={"status": "answered", "sort": "newest"}),
        schema["/api/v1/plan/consultations/{consultation_id}/results"]["GET"].Case(
            path_parameters={"consultation_id": open_data["consultation_id"]}
        ),
    ]
    for case in cases:
        response = case.call_and_validate(checks=CHECKS_RUN)
        assert response.status_code == 200, (case.path, case.path_parameters, case.query)
        assert response.json(), (case.path, "an empty answer proves little")


# --- The hostile corpus ------------------------------------------------------------------------------------


@pytest.fixture
def document(db):
    return load_document(Client())


def test_the_discovery_finds_the_read_operations(document):
    found = {operation.id for operation in operations(document)}
    missing = KNOWN_READ_OPERATIONS - found
    assert not missing, f"The OpenAPI document no longer lists {missing}: is it broken?"


def test_every_write_operation_gets_malformed_bodies_and_the_corpus(document, open_data):
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
            answers = attack_body(client, operation, open_data)
            answers += attack_parameters(client, operation, open_data)
            failures += [f"as {who}: {answer}" for answer in answers if answer.problems]
    assert not failures, "\n".join(failures)


def test_every_read_operation_takes_the_corpus_in_its_parameters(document, open_data):
    read_operations = [operation for operation in operations(document) if not operation.is_write]
    assert {operation.id for operation in read_operations} >= KNOWN_READ_OPERATIONS
    client = Client(raise_request_exception=False)
    failures = []
    for operation in read_operations:
        answers = attack_parameters(client, operation, open_data)
        failures += [str(answer) for answer in answers if answer.problems]
    assert not failures, "\n".join(failures)
