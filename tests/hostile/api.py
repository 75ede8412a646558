"""The hostile corpus against the open data API, operation by operation, as its OpenAPI document lists them.

Nothing is declared by hand: the operations come from /api/v1/openapi.json, so a new endpoint is attacked
the day it is added. Read operations get hostile values in each query and path parameter; write operations
(POST, PUT, PATCH, DELETE; none yet) also get malformed JSON bodies and hostile values in each property of
their body. Whatever comes in, the answer is never a 5xx, and a 4xx says why in its JSON body.
"""

import json
from dataclasses import dataclass
from urllib.parse import quote

from django.test import Client

from tests.hostile import corpus
from tests.hostile.corpus import HostileValue

OPENAPI_PATH = "/api/v1/openapi.json"
WRITE_METHODS = ("post", "put", "patch", "delete")
READ_METHODS = ("get",)

# A valid value for each path parameter type, for the parameters not under attack.
VALID_PATH_VALUES = {"integer": "1", "number": "1", "string": "1"}


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # the OpenAPI template: /api/v1/places/{place_id}
    parameters: tuple[dict, ...]
    body_schema: dict | None

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def is_write(self) -> bool:
        return self.method in WRITE_METHODS

    def parameters_in(self, location: str) -> list[dict]:
        return [parameter for parameter in self.parameters if parameter["in"] == location]

    def url(self, path_values: dict[str, str] | None = None) -> str:
        path = self.path
        for parameter in self.parameters_in("path"):
            value = (path_values or {}).get(parameter["name"])
            if value is None:
                value = VALID_PATH_VALUES.get(_type_of(parameter.get("schema", {})), "1")
            path = path.replace("{" + parameter["name"] + "}", quote(value, safe=""))
        return path


def _type_of(schema: dict) -> str:
    if "type" in schema:
        return schema["type"]
    for option in schema.get("anyOf", []):
        if option.get("type") not in (None, "null"):
            return option["type"]
    return "string"


def _resolve(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        node = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def load_document(client: Client) -> dict:
    response = client.get(OPENAPI_PATH)
    assert response.status_code == 200, f"{OPENAPI_PATH} answers {response.status_code}"
    return json.loads(response.content)


def operations(document: dict) -> list[Operation]:
    """Every operation of the document, its parameters (path-level ones too) and its JSON body schema."""
    found = []
    for path, item in document.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method, operation in item.items():
            if method not in READ_METHODS + WRITE_METHODS:
                continue
            parameters = tuple(_resolve(document, p) for p in [*shared, *operation.get("parameters", [])])
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            body_schema = _resolve(document, body["schema"]) if "schema" in body else None
            found.append(Operation(method, path, parameters, body_schema))
    return found


# What each kind of input is attacked with: strings get markup too, numbers the malformed numbers.
PARAMETER_VALUES: tuple[HostileValue, ...] = corpus.union(
    corpus.NUMBERS, corpus.tagged(corpus.MARKUP, corpus.CONTROL, corpus.DATE), corpus.SAMPLE
)
BODY_VALUES: tuple[HostileValue, ...] = corpus.SAMPLE


@dataclass
class Answer:
    operation: Operation
    attack: str
    status: int
    problems: list[str]

    def __str__(self) -> str:
        return f"{self.operation.id} · {self.attack} → {self.status}: {'; '.join(self.problems)}"


def judge(operation: Operation, attack: str, response) -> Answer:
    """Never a 5xx; a 4xx from the API is JSON with a `detail` that says why. A path that no longer reaches
    the API (a hostile path parameter holding a "/") gets the site's "page not found", with its heading."""
    problems = []
    status = response.status_code
    if status >= 500:
        problems.append("server error")
    elif 400 <= status < 500 and not _says_why(response):
        problems.append(f"a refusal without a reason: {response.content[:200]!r}")
    return Answer(operation, attack, status, problems)


def _says_why(response) -> bool:
    if response.get("Content-Type", "").startswith("text/html"):
        return response.status_code == 404 and b"<h1>" in response.content
    try:
        return bool(json.loads(response.content).get("detail"))
    except (ValueError, AttributeError):
        return False


def attack_parameters(client: Client, operation: Operation, existing: dict[str, str]) -> list[Answer]:
    """Each query and path parameter, one at a time, with the hostile values. `existing` names real objects
    for the path parameters not under attack ({"place_id": "12"}), so that the request reaches the code."""
    answers = []
    call = getattr(client, operation.method)
    for parameter in operation.parameters_in("query"):
        for value in PARAMETER_VALUES:
            response = call(operation.url(existing), {parameter["name"]: value.value}, secure=True)
            answers.append(judge(operation, f"?{parameter['name']}={value.name}", response))
    for parameter in operation.parameters_in("path"):
        for value in PARAMETER_VALUES:
            response = call(operation.url({**existing, parameter["name"]: value.value}), secure=True)
            answers.append(judge(operation, f"{{{parameter['name']}}}={value.name}", response))
    return answers


def attack_body(client: Client, operation: Operation, existing: dict[str, str]) -> list[Answer]:
    """Malformed JSON, a body of the wrong type, then each declared property of the body with the hostile
    values. The client should be signed in as someone allowed to write, or every answer is a 401/403."""
    answers = []
    call = getattr(client, operation.method)
    url = operation.url(existing)
    for name, body in corpus.MALFORMED_JSON:
        response = call(url, body, content_type="application/json", secure=True)
        answers.append(judge(operation, f"body={name}", response))
    response = call(url, b'{"a": 1}', content_type="text/html", secure=True)
    answers.append(judge(operation, "body as text/html", response))
    for name in (operation.body_schema or {}).get("properties", {}):
        for value in BODY_VALUES:
            response = call(
                url, json.dumps({name: value.value}), content_type="application/json", secure=True
            )
            answers.append(judge(operation, f"body.{name}={value.name}", response))
    return answers
