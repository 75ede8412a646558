"""Wide tables scroll on their own, and a keyboard user can reach and scroll them: each sits in a
focusable region named for what it holds (the markup the platform's other wide tables use)."""

import re

import pytest
from django.urls import reverse

from mobilization.solidarity import dispatching, escalations
from mobilization.solidarity.tests.checkin_factories import active_event

pytestmark = pytest.mark.django_db


def scroll_regions(html: str) -> list[str]:
    """The aria-labels of the focusable scroll regions of a page."""
    return re.findall(r'<div class="table-scroll" tabindex="0" role="region" aria-label="([^"]+)">', html)


def test_the_coordinators_wide_tables_are_keyboard_scrollable_regions(client, coordinator, resident):
    event = active_event([resident.district])
    dispatching.dispatch(event)  # no buddy: the resident goes to the call list
    escalations.escalate(event, resident, reason="needs_help", needs=["water"])
    client.force_login(coordinator)

    pages = {
        reverse("solidarity:escalations"): "Open escalations table",
        reverse("solidarity:event_call_list", kwargs={"pk": event.pk}): "Call list table",
        reverse("solidarity:events"): "Extreme events table",
        reverse("solidarity:residents"): "Registered people table",
    }
    for url, label in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert scroll_regions(html) == [label], url
        assert resident.last_name in html or url == reverse("solidarity:events"), url
