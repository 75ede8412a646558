"""The read log, filtered by the part of the record that was read, by reader, by record and by day."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core import roles
from mobilization.core.models import AuditEvent
from mobilization.solidarity import services, views
from mobilization.solidarity.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db
LOG = reverse("solidarity:read_log")


@pytest.fixture
def staff(client):
    user = MemberFactory(email="staff@example.org", roles=(roles.CITY_STAFF,))
    client.force_login(user)
    return user


def rows(page) -> list[str]:
    """The table's rows, as text."""
    import re

    body = page.content.decode()
    return re.findall(r"<tr>\s*<td>(.*?)</tr>", body, flags=re.S)


def read(user, resident, part, day):
    services.record_read(user, resident, part=part)
    event = AuditEvent.objects.latest("pk")
    AuditEvent.objects.filter(pk=event.pk).update(occurred_at=datetime(*day, 10, 0, tzinfo=UTC))


def test_staff_filter_the_reads_by_part_reader_record_and_days(client, staff, coordinator, district):
    buddy = MemberFactory(email="buddy@example.org")
    first, second = ResidentFactory(district=district), ResidentFactory(district=district)
    read(coordinator, first, "record", (2026, 7, 14))
    read(coordinator, first, "access_notes", (2026, 7, 15))
    read(buddy, second, "buddy_card", (2026, 7, 15))
    read(buddy, second, "access_notes", (2026, 7, 16))
    read(coordinator, second, "prefect_extract", (2026, 7, 17))

    def shown(**filters) -> list[tuple]:
        page = client.get(LOG, filters)
        assert page.status_code == 200 and len(rows(page)) == len(page.context["rows"])
        return [(int(e.object_id), e.actor.email, e.details["part"]) for e, _, _ in page.context["rows"]]

    assert len(shown()) == 5
    notes = shown(part="access_notes")
    assert sorted(notes) == [
        (first.pk, "coordinator@example.org", "access_notes"),
        (second.pk, "buddy@example.org", "access_notes"),
    ]
    assert len(shown(part="access_notes", actor="buddy@example.org")) == 1
    assert len(shown(part="access_notes", resident=first.pk)) == 1
    assert len(shown(part="access_notes", since="2026-07-16")) == 1
    assert len(shown(since="2026-07-15", until="2026-07-16")) == 3
    assert shown(part="prefect_extract") == [(second.pk, "coordinator@example.org", "prefect_extract")]
    assert shown(part="buddy_card", actor="coordinator@example.org") == []


def test_every_part_a_read_records_can_be_chosen(client, staff):
    page = client.get(LOG).content.decode()
    for value, _label in views.READ_PARTS:
        assert f'value="{value}"' in page


def test_an_unknown_part_is_refused_with_a_message(client, staff):
    page = client.get(LOG, {"part": "<b>everything</b>"})
    assert page.status_code == 200 and "part" in page.context["form"].errors
    assert "<b>everything</b>" not in page.content.decode()


def test_the_pages_keep_the_filters(client, staff, coordinator, district):
    resident = ResidentFactory(district=district)
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=coordinator,
            action="solidarity.resident_viewed",
            object_type="solidarity.vulnerableresident",
            object_id=str(resident.pk),
            details={"part": "call"},
        )
        for _ in range(views.READS_PER_PAGE + 5)
    )
    services.record_read(coordinator, resident, part="record")
    page = client.get(LOG, {"part": "call"}).content.decode()
    assert "page=2" in page and "part=call" in page.split("page=2")[0].rsplit('href="', 1)[1]
    second = client.get(LOG, {"part": "call", "page": 2})
    assert len(rows(second)) == 5


def test_the_log_is_for_city_staff(client, coordinator):
    client.force_login(coordinator)
    assert client.get(LOG, {"part": "record"}).status_code == 404
