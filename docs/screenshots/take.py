"""Take the README's screenshots from a running platform: `.venv/bin/python docs/screenshots/take.py URL`.

Map tiles come from the configured tile server; where it cannot be reached the map shows its markers
on a plain background.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
VIEWPORT = {"width": 1280, "height": 900}
PAGES = {
    "home": "/",
    "places": "/places/?kind=cool_place&open_now=&free=true",
    "initiatives": "/initiatives/?q=velo",
    "initiatives-map": "/initiatives/map/",
    "plan": "/plan/",
    "plan-objective": "/plan/objectives/carbon-footprint/",
    "plan-action": "/plan/actions/PC-MOB/",
}


def main(base_url: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        context = browser.new_context(
            base_url=base_url, viewport={"width": 1280, "height": 900}, locale="fr-FR"
        )
        context.route(
            lambda url: not url.startswith(base_url), lambda route: route.fulfill(status=204, body="")
        )
        page = context.new_page()
        for name, path in PAGES.items():
            page.goto(path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(HERE / f"{name}.png"), full_page=False)
            print(f"{name}: {HERE / f'{name}.png'}")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
