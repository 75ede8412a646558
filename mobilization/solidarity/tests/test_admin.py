"""The prefect's extracts in the administration: staff who may view them read the record (who, when,
which event and arrondissements, how many people); nobody adds, changes or deletes one, and the key of
the download link appears nowhere."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.solidarity import extracts
from mobilization.solidarity.models import PrefectExtract
from mobilization.solidarity.tests.event_factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def extract(district, resident, coordinator):
    return extracts.create_extract(EventFactory(districts=[district]), by=coordinator)


@pytest.fixture
def reader(db):
    """A staff member allowed to view the extracts, and nothing else about them (the factory gives
    staff their second factor)."""
    user = MemberFactory(email="reader@example.org", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_prefectextract"))
    return user


def test_staff_who_may_view_extracts_read_who_produced_them_and_never_the_key(client, reader, extract):
    client.force_login(reader)

    listing = client.get(reverse("admin:solidarity_prefectextract_changelist"))
    record = client.get(reverse("admin:solidarity_prefectextract_change", args=[extract.pk]))

    assert listing.status_code == 200 and record.status_code == 200
    body = listing.content.decode()
    assert "coordinator@example.org" in body and extract.districts.get().name in body
    assert f'<td class="field-row_count">{extract.row_count}</td>' in body
    assert extract.key not in body and extract.key not in record.content.decode()


@pytest.fixture
def superuser(db):
    user = MemberFactory(email="root@example.org", is_staff=True, is_superuser=True)
    return user


@pytest.mark.parametrize("who", ["reader", "superuser"])
def test_nobody_adds_changes_or_deletes_an_extract_in_the_admin(client, extract, who, request):
    client.force_login(request.getfixturevalue(who))
    change = reverse("admin:solidarity_prefectextract_change", args=[extract.pk])

    assert client.get(reverse("admin:solidarity_prefectextract_add")).status_code == 403
    assert client.get(reverse("admin:solidarity_prefectextract_delete", args=[extract.pk])).status_code == 403
    client.post(change, {"row_count": "0", "downloads": "99"})
    client.post(
        reverse("admin:solidarity_prefectextract_changelist"),
        {"action": "delete_selected", "_selected_action": [extract.pk], "post": "yes"},
    )

    assert PrefectExtract.objects.filter(
        pk=extract.pk, downloads=extract.downloads, row_count=extract.row_count
    ).exists()
