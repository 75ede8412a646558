"""The import status page tells a staff member where their import is, without reloading itself: a polite
live region says the status, a link refreshes it, and htmx polls only while the import is pending."""

import pytest
from django.urls import reverse

from mobilization.plan.actions.models import ActionImport
from mobilization.plan.actions.tests.factories import ActionImportFactory

pytestmark = pytest.mark.django_db


def status_page(client, staff, status, **fields):
    action_import = ActionImportFactory(status=status, created_by=staff, **fields)
    client.force_login(staff)
    response = client.get(action_import.get_absolute_url(), secure=True)
    assert response.status_code == 200
    return action_import, response


def announcement(html: str) -> str:
    """The text of the live region that announces the status."""
    region = html.split('id="import-announcement"')[1].split("</div>")[0]
    assert 'role="status"' in region
    assert 'aria-live="polite"' in region
    return region


@pytest.mark.parametrize(
    "status, said",
    [
        (ActionImport.Status.QUEUED, "Queued: the import starts as soon as a background worker is free."),
        (ActionImport.Status.RUNNING, "Running: every row is checked before anything is saved."),
    ],
)
def test_a_pending_import_says_its_status_offers_a_refresh_and_does_not_reload_itself(
    client, staff, status, said
):
    action_import, response = status_page(client, staff, status)
    html = response.content.decode()

    assert "http-equiv" not in html.lower()  # no <meta http-equiv="refresh"> (axe rule meta-refresh)
    assert said in announcement(html)
    url = action_import.get_absolute_url()
    assert f'<a id="import-refresh" class="button" href="{url}">Refresh the status</a>' in html
    polled = html.split('id="import-progress"')[1].split(">")[0]
    assert f'hx-get="{url}?shown={status}"' in polled
    assert 'hx-trigger="every 3s"' in polled
    assert 'hx-select-oob="#import-announcement:innerHTML"' in polled
    assert "no-store" in response["Cache-Control"]  # a poll never gets a stored copy


def test_a_finished_import_announces_its_outcome_and_stops_polling(client, staff):
    report = {"format": "own", "rows": 1, "created": 1, "updated": 0, "unchanged": 0, "errors": []}
    _action_import, response = status_page(
        client, staff, ActionImport.Status.SUCCEEDED, format=ActionImport.Format.OWN, report=report
    )
    html = response.content.decode()

    assert "Done: 1 created, 0 updated, 0 unchanged." in announcement(html)
    assert "hx-trigger" not in html
    assert "Refresh the status" not in html
    assert "http-equiv" not in html.lower()


def test_a_failed_import_announces_that_nothing_changed_and_lists_the_rows(client, staff):
    report = {"errors": [{"row": 3, "reference": "Z-1", "messages": ["status: “nope” is not one of …"]}]}
    _action_import, response = status_page(client, staff, ActionImport.Status.FAILED, report=report)
    html = response.content.decode()

    assert "nothing has changed" in announcement(html)
    assert '<th scope="row">3</th>' in html.split('class="import-errors"')[1]
    assert "hx-trigger" not in html


def poll(client, action_import, shown):
    """What htmx asks every 3 seconds: the same page, saying which status it shows."""
    return client.get(
        reverse("plan_actions:import_status", kwargs={"pk": action_import.pk}),
        {"shown": shown},
        secure=True,
        headers={"HX-Request": "true"},
    )


def test_a_poll_while_nothing_has_changed_swaps_nothing_so_the_status_is_not_read_out_again(client, staff):
    action_import, _response = status_page(client, staff, ActionImport.Status.RUNNING)

    response = poll(client, action_import, shown="running")

    assert response.status_code == 204
    assert response.content == b""
    assert "no-store" in response["Cache-Control"]
    # Someone who opens the polled address itself (no htmx) gets the page.
    page = client.get(action_import.get_absolute_url(), {"shown": "running"}, secure=True)
    assert page.status_code == 200
    assert "Running:" in page.content.decode()


def test_the_poll_after_the_import_finished_gets_the_parts_it_swaps(client, staff):
    action_import, _response = status_page(client, staff, ActionImport.Status.RUNNING)
    ActionImport.objects.filter(pk=action_import.pk).update(
        status=ActionImport.Status.SUCCEEDED,
        report={"created": 2, "updated": 0, "unchanged": 0, "errors": []},
    )

    response = poll(client, action_import, shown="running")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('id="import-progress"') == 1
    assert html.count('id="import-announcement"') == 1
    assert "Done: 2 created, 0 updated, 0 unchanged." in announcement(html)
    assert "hx-trigger" not in html  # the swapped-in part does not poll again
