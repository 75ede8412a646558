"""The API's documentation page in Chromium: Swagger UI runs from our own files under our Content Security
Policy, and lists every operation of the OpenAPI document."""

import pytest
from django.urls import reverse

from mobilization.api.urls import api

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _operations() -> list[tuple[str, str]]:
    document = api.get_openapi_schema()
    return [(method.upper(), path) for path, item in document["paths"].items() for method in item]


def test_the_documentation_page_lists_every_operation_and_breaks_no_policy(page, live_server, screenshot):
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    off_site: list[str] = []
    page.on(
        "request",
        lambda request: off_site.append(request.url) if not request.url.startswith(live_server.url) else None,
    )

    response = page.goto(reverse("api:openapi-view"))
    assert response.status == 200
    page.locator(".opblock").first.wait_for(timeout=20_000)

    listed = {
        (block.locator(".opblock-summary-method").inner_text().strip(), block.get_attribute("id"))
        for block in page.locator(".opblock").all()
    }
    expected = _operations()
    assert len(listed) == len(expected), f"the page lists {len(listed)} operations of {len(expected)}"
    shown_paths = page.locator(".opblock-summary-path").all_inner_texts()
    for method, path in expected:
        assert any(shown.replace("\u200b", "") == path for shown in shown_paths), (
            f"{method} {path} is missing"
        )
    assert page.get_by_text("Climate Mobilization Platform API").first.is_visible()
    assert not problems, "\n".join(problems)
    assert not off_site, f"the page asked other sites for {off_site}"
    screenshot(page, "api-docs")
