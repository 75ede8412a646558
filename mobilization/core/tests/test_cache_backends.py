"""The process cache's get_many answers as Django's get() does, key by key: present, absent, expired,
versioned, and keeps the entries it read as recently used."""

import time
from unittest import mock

from mobilization.core.cache_backends import ProcessCache


def make_cache(name, **options):
    return ProcessCache(name, {"OPTIONS": options})


def test_get_many_answers_what_get_answers_key_by_key():
    cache = make_cache("get-many-answers")
    cache.set("card:1", "<li>Vélos</li>")
    cache.set("card:2", {"title": "Compost"})
    cache.set("card:old", "gone", timeout=60)
    cache.set("card:3", "other version", version=2)

    # A minute later: "card:old" has expired, the others (300 s by default) have not.
    with mock.patch("time.time", return_value=time.time() + 61):
        found = cache.get_many(["card:1", "card:2", "card:missing", "card:old", "card:3"])

    assert found == {"card:1": "<li>Vélos</li>", "card:2": {"title": "Compost"}}
    assert found == {key: cache.get(key) for key in found}
    assert cache.get_many(["card:3"], version=2) == {"card:3": "other version"}
    assert not cache.has_key("card:old")  # an expired entry read is dropped, as get() drops it


def test_values_are_copies_not_the_cached_objects():
    cache = make_cache("get-many-copies")
    cache.set("rows", [1, 2])
    cache.get_many(["rows"])["rows"].append(3)
    assert cache.get("rows") == [1, 2]


def test_entries_read_by_get_many_are_kept_when_the_cache_is_full():
    cache = make_cache("get-many-recent", MAX_ENTRIES=3, CULL_FREQUENCY=3)
    for key in ("a", "b", "c"):
        cache.set(key, key)
    cache.get_many(["a"])  # read recently: "b" and "c" are the oldest now
    cache.set("d", "d")  # full: a third of the entries (the least recently used) make room
    assert cache.get("a") == "a"
    assert cache.get("b") is None
