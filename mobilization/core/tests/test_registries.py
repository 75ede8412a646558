import pytest

from mobilization.core.registries import AlreadyRegistered, Registry


def test_entries_come_in_their_order_then_in_the_order_they_were_registered():
    registry = Registry("things")
    registry.register("late", "c", order=20)
    registry.register("first", "a", order=10)
    registry.register("second", "b", order=10)

    assert list(registry) == ["a", "b", "c"]
    assert registry.keys() == ["first", "second", "late"]
    assert registry.get("late") == "c"
    assert "first" in registry


def test_a_key_registered_twice_is_a_programming_error():
    registry = Registry("things")
    registry.register("one", 1)

    with pytest.raises(AlreadyRegistered, match="things: 'one' is already registered"):
        registry.register("one", 2)


def test_asking_for_what_is_not_there_names_it():
    with pytest.raises(LookupError, match="things: nothing is registered as 'two'"):
        Registry("things").get("two")
