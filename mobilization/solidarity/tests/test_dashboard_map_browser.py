"""The coordinators' coverage map in Chromium, over the twenty arrondissements: on a phone (375 px) as
on a desktop, no arrondissement's label covers another's, and the table still gives every figure."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core import roles
from mobilization.core.testing import PHONE_VIEWPORT, signed_in_page
from mobilization.solidarity.tests.checkin_factories import active_event
from mobilization.solidarity.tests.event_factories import paris_arrondissements
from mobilization.solidarity.tests.factories import ResidentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The labels' boxes as the browser lays them out, and each pair of them that overlaps.
OVERLAPS = """() => {
  const boxes = [...document.querySelectorAll("#coverage-map .district-label")]
    .map((label) => [label.textContent, label.getBoundingClientRect()]);
  const pairs = [];
  boxes.forEach(([a, one], i) => boxes.slice(i + 1).forEach(([b, other]) => {
    const apart = one.right <= other.left || other.right <= one.left
      || one.bottom <= other.top || other.bottom <= one.top;
    if (!apart) pairs.push(a + " / " + b);
  }));
  return [boxes.length, pairs];
}"""


def test_the_coverage_map_s_labels_stay_apart_on_a_phone_and_on_a_desktop(browser, live_server, screenshot):
    paris = paris_arrondissements()
    for district in paris[:19]:  # the 20th in scope without a resident: "—"
        ResidentFactory(district=district)
    event = active_event(paris)
    coordinator = MemberFactory(email="coord@example.org", roles=(roles.SOLIDARITY_COORDINATOR,))
    page = signed_in_page(browser, live_server, coordinator)

    for name, viewport in (("desktop", {"width": 1280, "height": 900}), ("375", PHONE_VIEWPORT)):
        page.set_viewport_size(viewport)
        page.goto(reverse("solidarity:dashboard", kwargs={"pk": event.pk}))
        expect(page.locator("#coverage-map.is-loaded .district-label")).to_have_count(20)
        page.wait_for_timeout(300)  # fitBounds' zoom settles
        screenshot(page, f"solidarity-coverage-map-{name}")
        page.locator("#coverage-map").screenshot(
            path=f"test-artifacts/solidarity-coverage-map-{name}-map.png"
        )
        count, overlapping = page.evaluate(OVERLAPS)
        assert count == 20 and overlapping == [], (name, overlapping)
        expect(page.get_by_role("row", name=paris[19].name)).to_contain_text("—")
