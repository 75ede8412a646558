"""The OpenAPI document says what the API does: each field its own enum, filters that take what the document
allows and refuse what it does not. (The whole API is fuzzed against the document in
tests/test_api_fuzzing.py; these are the places it once lied, one by one.)"""

import pytest

from mobilization.api.urls import api
from mobilization.events.models import Event
from mobilization.plan.actions.models import Action
from mobilization.plan.governance.filters import ProposalFilter, RecommendationFilter
from mobilization.plan.models import IndicatorValue


def _document() -> dict:
    return api.get_openapi_schema()


def _enum_of(document: dict, schema_name: str, field: str) -> list[str]:
    prop = document["components"]["schemas"][schema_name]["properties"][field]
    options = prop.get("anyOf", [prop])
    for option in options:
        if "$ref" in option:
            return document["components"]["schemas"][option["$ref"].rsplit("/", 1)[-1]]["enum"]
        if "enum" in option:
            return option["enum"]
    raise AssertionError(f"{schema_name}.{field} has no enum")


@pytest.mark.parametrize(
    ("schema_name", "field", "choices"),
    [
        ("ActionSummary", "status", Action.Status),
        ("MilestoneOut", "status", Action.Status),
        ("EventOut", "status", Event.Status),
        ("LatestOut", "status", IndicatorValue.Status),
        ("IndicatorValueOut", "status", IndicatorValue.Status),
        ("SeriesPoint", "status", IndicatorValue.Status),
    ],
)
def test_each_status_field_lists_its_own_models_states(schema_name, field, choices):
    assert _enum_of(_document(), schema_name, field) == list(choices.values)


def _query_parameter(document: dict, path: str, name: str) -> dict:
    for parameter in document["paths"][path]["get"]["parameters"]:
        if parameter["name"] == name:
            return parameter["schema"]
    raise AssertionError(f"{path} has no parameter {name}")


@pytest.mark.parametrize(
    ("path", "name", "filterset"),
    [
        ("/api/v1/plan/recommendations", "decision", RecommendationFilter),
        ("/api/v1/plan/proposals", "status", ProposalFilter),
        ("/api/v1/plan/proposals", "sort", ProposalFilter),
    ],
)
def test_choice_filters_document_the_values_the_filter_takes(path, name, filterset):
    schema = _query_parameter(_document(), path, name)
    documented = next(option["enum"] for option in schema["anyOf"] if "enum" in option)
    assert documented == [value for value, _label in filterset.base_filters[name].extra["choices"]]


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["0", "20260101", "2026-1-1", "1767225600"])
def test_a_day_that_is_not_written_yyyy_mm_dd_is_refused(client, day):
    assert client.get("/api/v1/events", {"to": day}).status_code == 422
    assert client.get("/api/v1/events", {"from": day}).status_code == 422


@pytest.mark.django_db
def test_a_day_written_as_the_document_says_is_taken(client):
    response = client.get("/api/v1/events", {"from": "2026-01-01", "to": "2026-12-31"})
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/v1/plan/recommendations", {"committee": "no-such-committee"}),
        ("/api/v1/plan/recommendations", {"decision": "none"}),
        ("/api/v1/plan/proposals", {"objective": "no-such-objective"}),
        ("/api/v1/initiatives", {"near_district": "0"}),
        ("/api/v1/initiatives/impact", {"district": "0"}),
    ],
)
def test_a_value_the_document_allows_is_an_answer_not_an_error(client, path, query):
    response = client.get(path, query)
    assert response.status_code == 200, response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "name"), [("/api/v1/plan/recommendations", "committee"), ("/api/v1/plan/proposals", "objective")]
)
def test_a_short_name_outside_the_documented_pattern_is_refused_before_the_database(client, path, name):
    # A NUL byte reaches no query (PostgreSQL refuses them with a server error).
    assert client.get(path, {name: "abc\x00"}).status_code == 422
    assert client.get(path, {name: "comité"}).status_code == 422
