"""The guides list's results are cached, keyed by a version of the published resources: a change to any
resource (saved or deleted, whoever writes) forgets the version, so the next visitor sees it at once.

The filters' form and the writers' links are rendered on each visit; the results block (count, cards,
pages) is the cached part, per language and query string."""

import hashlib
import secrets

from django.core.cache import cache

VERSION_KEY = "learning:resources-version"
RESULTS_SECONDS = 300


def version() -> str:
    token = cache.get(VERSION_KEY)
    if token is None:
        token = secrets.token_hex(8)
        cache.set(VERSION_KEY, token, None)
    return token


def resource_changed(sender, **kwargs) -> None:
    """A resource was saved or deleted (a receiver connected in apps.py)."""
    cache.delete(VERSION_KEY)


def results_key(language: str, query_string: str) -> str:
    digest = hashlib.sha256(query_string.encode()).hexdigest()[:32]
    return f"learning:resources:{language}:{version()}:{digest}"
