"""Test set-up shared by every app: quiet, fast settings and a headless Chromium for browser tests."""

import os
import threading
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run inside one
# unless told that this is deliberate. Only the test process sets this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SHARED_DATA = Path(__file__).resolve().parent.parent / "shared" / "data"
ARTIFACTS = Path(__file__).resolve().parent / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


# Every test's settings: fast and local, in English. No e-mail, text message or task leaves the process.
TEST_SETTINGS = {
    "TASKS": {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "email", "imports"],
        }
    },
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "SMS_BACKEND": "mobilization.notifications.sms.FileSmsBackend",
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "CACHES": {"default": {"BACKEND": "mobilization.core.cache_backends.ProcessCache"}},
    "LANGUAGE_CODE": "en",
    # WhiteNoise finds a static file when it is asked for, as under runserver, instead of listing every
    # app's static files each time a test client starts (30 ms a client, and there are thousands).
    "WHITENOISE_AUTOREFRESH": True,
}


@pytest.fixture(scope="session", autouse=True)
def _test_settings_for_the_session(tmp_path_factory):
    """The test settings hold for the whole session, so that module-scoped fixtures (the Paris import,
    the route table's world) run under them too. Tests of French pages ask for French explicitly."""
    from django.test import override_settings
    from django.utils import translation

    sms_folder = tmp_path_factory.mktemp("sms")
    with override_settings(**TEST_SETTINGS, SMS_FILE_PATH=sms_folder), translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Each test has a folder of its own for the text messages it sends, and starts in English: setting
    the language again drops the one a previous test's request left active in this thread."""
    settings.SMS_FILE_PATH = tmp_path / "sms"
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def paris_data() -> Path:
    """The real Paris open-data exports from ../shared/data/paris."""
    path = SHARED_DATA / "paris"
    assert path.is_dir(), f"The shared Paris data is missing at {path}"
    return path


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. It never downloads a browser of its own."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: install it with 'apt-get install chromium'.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page (own cookies) that never reaches beyond this machine."""
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    # The map's tile server is configured, not called: any request off localhost is answered empty.
    context.route(
        lambda url: not url.startswith(live_server.url),
        lambda route: route.fulfill(status=204, body=""),
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(request):
    """Save a screenshot as a test artefact: test-artifacts/<test name>.png."""

    def take(page, name: str | None = None):
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name or request.node.name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def axe_check():
    """Run axe-core on a page and fail on serious or critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page)
        blocking = [
            violation
            for violation in results.response["violations"]
            if violation.get("impact") in {"serious", "critical"}
        ]
        assert not blocking, "Accessibility violations:\n" + "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
            for v in blocking
        )
        return results

    return check


def pytest_collection_modifyitems(config, items):
    """A test that drives Chromium is a browser test, marked or not: `-m "not browser"` (make test-fast)
    leaves out every one of them."""
    for item in items:
        if {"page", "browser"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


# --- A browser test ends before its database is emptied -------------------------------------------------
# A live-server test's database is emptied (TRUNCATE on PostgreSQL) when the test ends. A page still open
# at that moment may still be talking to the server (the check-ins page sends the phone's outbox as soon as
# it opens): its request then holds row locks while TRUNCATE takes the tables one by one, PostgreSQL breaks
# the deadlock by failing the flush, and the next test meets the previous one's rows. So before any fixture
# is torn down, every page the test opened is closed and the server's requests are let finish.

_requests_in_flight: set[int] = set()
_requests_changed = threading.Condition()


def _request_started(**kwargs):
    if threading.current_thread() is not threading.main_thread():  # the test client runs in the test's
        with _requests_changed:
            _requests_in_flight.add(threading.get_ident())


def _request_finished(**kwargs):
    with _requests_changed:
        _requests_in_flight.discard(threading.get_ident())
        _requests_changed.notify_all()


def pytest_configure(config):
    from django.core.signals import request_finished, request_started

    request_started.connect(_request_started, dispatch_uid="conftest-requests-in-flight")
    request_finished.connect(_request_finished, dispatch_uid="conftest-requests-in-flight")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    browser = getattr(item, "funcargs", {}).get("browser")
    if browser is None:
        return
    for context in list(browser.contexts):
        context.close()
    with _requests_changed:
        _requests_changed.wait_for(lambda: not _requests_in_flight, timeout=10)
        _requests_in_flight.clear()  # a request that never finished must not hold up the next test too
