"""Parity with the reference engine: the value of every rule of the shipped model, for the model's
personas and random answer sets, as the official publicodes (JavaScript) gives it.

The fixture is written by tools/footprint-oracle/oracle.mjs (Node is needed only to regenerate it) and
compressed: tests/fixtures/parity.json.gz. Each situation's rules are evaluated in the fixture's order,
as the oracle did, on one evaluator (publicodes' cache is part of its semantics in rare cases).
"""

import gzip
import json
import math
from functools import cache
from pathlib import Path

import pytest

from mobilization.footprint import services
from mobilization.footprint.publicodes import UNDEFINED

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "parity.json.gz"
TOLERANCE = 0.01  # kgCO2e (or the rule's own unit)


@cache
def fixture() -> dict:
    with gzip.open(FIXTURE, "rt", encoding="utf-8") as file:
        return json.load(file)


def _matches(expected, got) -> bool:
    if isinstance(expected, dict) and "u" in expected:
        return got is UNDEFINED
    if isinstance(expected, dict):
        return isinstance(got, float) and (
            math.isnan(got) if expected["nan"] == "NaN" else got == float(expected["nan"])
        )
    if expected is None or isinstance(expected, bool):
        return got is expected
    if isinstance(expected, str):
        return got == expected
    return isinstance(got, float) and abs(got - expected) <= TOLERANCE + 1e-9 * abs(expected)


def test_the_fixture_is_of_the_shipped_model_and_large_enough():
    data = fixture()
    randoms = [s for s in data["situations"] if s["name"].startswith("random")]
    personas = [s for s in data["situations"] if s["name"].startswith("personas")]

    assert data["model_version"] == services.MODEL_VERSION, "regenerate the fixture: tools/footprint-oracle/"
    assert len(personas) == len(services.personas()) == 10
    assert len(randoms) >= 50
    assert set(data["rules"]) == set(services.model().rules)


def test_the_empty_situation_is_the_french_average_of_about_8_3_tonnes():
    total = services.compute({}).total

    assert 8200 < total < 8400
    assert fixture()["situations"][0]["situation"] == {}  # Marie, the average
    assert abs(total - fixture()["situations"][0]["values"][fixture()["rules"].index("bilan")]) < TOLERANCE


@pytest.mark.parametrize(
    "index", range(len(fixture()["situations"])), ids=lambda i: fixture()["situations"][i]["name"]
)
def test_every_rule_has_the_value_of_the_reference_engine(index):
    data = fixture()
    situation = data["situations"][index]
    evaluator = services.model().evaluator(situation["situation"])
    mismatches = []
    for name, expected in zip(data["rules"], situation["values"], strict=True):
        got = evaluator.evaluate(name)[0]
        if not _matches(expected, got):
            mismatches.append(f"{name}: expected {expected!r}, got {got!r}")

    assert not mismatches, f"{len(mismatches)} rules differ, first ones:\n" + "\n".join(mismatches[:20])
