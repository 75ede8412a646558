"""Helpers for the tests of every app."""

from collections.abc import Callable

from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext


def count_queries(fetch: Callable[[], HttpResponse]) -> int:
    """How many SQL queries answering one request takes; the request must succeed."""
    with CaptureQueriesContext(connection) as context:
        response = fetch()
    assert response.status_code == 200, f"the page answered {response.status_code}"
    return len(context.captured_queries)


def assert_queries_do_not_grow(
    fetch: Callable[[], HttpResponse], add_rows: Callable[[], object], *, at_most: int | None = None
) -> int:
    """A list takes no more queries after `add_rows()` than before: no query runs once per row.

    Every list page of the platform is checked with it. Returns the number of queries.
    """
    few = count_queries(fetch)
    add_rows()
    many = count_queries(fetch)
    assert many <= few, f"{few} queries before the rows were added, {many} after: a query runs per row"
    if at_most is not None:
        assert many <= at_most, f"{many} queries, more than the {at_most} this list should need"
    return many


# --- Races ----------------------------------------------------------------------------------------------

RACE_THREADS = 8


def database_url() -> str:
    """The test database's address as DATABASE_URL reads it: for the real processes a test starts
    (task workers, a dispatch killed half-way) to work on the same database."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def is_postgresql() -> bool:
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def postgres_only():
    """Marks for a test that needs real concurrency: threads race for real only on PostgreSQL (SQLite
    serialises writers), so CI runs these in its PostgreSQL pass. Use as `pytestmark = postgres_only()`."""
    import pytest

    return [
        pytest.mark.postgres_only,
        pytest.mark.skipif(
            not is_postgresql(),
            reason="real concurrency needs PostgreSQL; CI runs this in its PostgreSQL pass",
        ),
        pytest.mark.django_db(transaction=True),
    ]


def run_at_once(action: Callable[[int], object], count: int = RACE_THREADS) -> list:
    """Start `count` threads that wait on one barrier, then all call `action(index)` together.

    Returns what each call returned, or the exception it raised, by thread index."""
    import threading

    barrier = threading.Barrier(count)
    outcomes: list = [None] * count

    def worker(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[index] = action(index)
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread met
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


PHONE_VIEWPORT = {"width": 375, "height": 800}


def signed_in_page(browser, live_server, user, *, locale: str = "en-GB"):
    """A browser page of its own whose session is the user's (signed in as the test client does it), at a
    desktop's width; addresses outside the test server (map tiles) answer empty instead of being fetched."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    context = browser.new_context(
        base_url=live_server.url, locale=locale, viewport={"width": 1280, "height": 900}
    )
    context.route(
        lambda url: not url.startswith(live_server.url), lambda route: route.fulfill(status=204, body="")
    )
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context.new_page()


def look_at(page, axe_check, screenshot, name: str, *, phone: bool = True) -> None:
    """What a person sees, checked: axe and a screenshot at the page's width, then (`phone`) at 375 px."""
    axe_check(page)
    screenshot(page, name)
    if phone:
        size = page.viewport_size
        page.set_viewport_size(PHONE_VIEWPORT)
        axe_check(page)
        screenshot(page, f"{name}-375")
        page.set_viewport_size(size)
