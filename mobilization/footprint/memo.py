"""What the model computes from a set of answers, kept in the cache under those answers.

Evaluating the whole model and its actions costs tens of milliseconds of CPU; the result is a function of
the answers alone (and the model's version and the page's language), so everyone with the same answers —
every visitor who skips the questions — reads the one computed first. The key is a hash of the answers:
nothing of them, nor of the person, is readable in it.
"""

import hashlib
import json
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

from mobilization.footprint.services import MODEL_VERSION

T = TypeVar("T")
KEPT_SECONDS = 6 * 3600


def remembered(kind: str, situation: dict, language: str, compute: Callable[[], T]) -> T:
    answers = json.dumps(situation, sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.sha256(answers.encode()).hexdigest()
    key = f"footprint:{kind}:{MODEL_VERSION}:{language}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, KEPT_SECONDS)
    return value
