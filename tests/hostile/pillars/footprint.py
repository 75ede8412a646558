"""Hostile-input declarations of the footprint app: no HTML form yet, one JSON operation of the API."""

FORMS: tuple = ()
QUERY_STRINGS: tuple = ()
NOT_FORMS: dict[str, str] = {
    "api:footprint_compute": "a JSON body checked by its schema and the model's questions: fuzzed by "
    "tests/test_api_fuzzing.py, refusals tested in mobilization/footprint/tests",
}
