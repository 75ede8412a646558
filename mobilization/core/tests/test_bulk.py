"""core.bulk.insert_rows: the rows read back are the rows given, on SQLite and PostgreSQL."""

import pytest

from mobilization.core.bulk import insert_rows
from mobilization.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_rows_read_back_as_given_with_defaults_and_keys_in_order():
    awkward = ["plain", "tab\there", "line\nbreak", "back\\slash", "100 %s sure?", ""]
    pks = insert_rows(
        AuditEvent,
        ("action", "object_type", "object_id"),
        ((f"test.{index}", text, str(index)) for index, text in enumerate(awkward)),
        returning=True,
    )
    rows = {event.pk: event for event in AuditEvent.objects.filter(action__startswith="test.")}
    assert [rows[pk].object_type for pk in pks] == awkward  # the keys in the rows' order
    event = rows[pks[0]]
    assert event.details == {} and event.actor_id is None and event.occurred_at is not None


def test_many_rows_go_in_several_statements():
    insert_rows(
        AuditEvent,
        ("action", "object_id"),
        (("test.many", str(index)) for index in range(2500)),
        rows_per_statement=1000,
    )
    ids = AuditEvent.objects.filter(action="test.many").values_list("object_id", flat=True)
    assert sorted(int(value) for value in ids) == list(range(2500))
