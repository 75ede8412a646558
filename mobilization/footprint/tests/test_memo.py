"""The figures of a set of answers are computed once and read again by anyone with the same answers."""

import pytest
from django.core.cache import cache

from mobilization.footprint import actions, results, services


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_same_answers_are_evaluated_once_and_other_answers_again(monkeypatch):
    evaluations = []
    model = services.model()
    real = model.evaluator

    def counting(situation):
        evaluations.append(dict(situation))
        return real(situation)

    monkeypatch.setattr(model, "evaluator", counting)
    small = {"logement . surface": 30}
    first = results.breakdown(small)
    again = results.breakdown(dict(small))
    assert len(evaluations) == 1
    assert again == first

    bigger = results.breakdown({"logement . surface": 200})
    assert len(evaluations) == 2
    assert bigger.total_kg > first.total_kg

    offered = actions.offer(small, "en")
    assert actions.offer(small, "en") == offered
    assert len(evaluations) == 3
    actions.offer(small, "fr")  # the titles are the page's language: its own entry
    assert len(evaluations) == 4
