"""Browser-test fixtures for the whole suite (registered in tests/conftest.py): Playwright
(sync API) driving the system Chromium against pytest-django's live server.

Playwright's own browser download is not used (and cannot be: no network but the package
registries); scripts/ensure-services.sh installs Debian's chromium. Nothing here skips: with
no Chromium the browser tests fail.

Playwright and Chromium live in a thread of their own, and each test hands that thread the
function that drives the browser (`browser.run(function, ...)`). Playwright's sync API keeps an
asyncio event loop marked as running in the thread that uses it, and in a thread with a
running loop Django refuses ORM calls and hands out other database connections than the ones
pytest-django set the test database up on (it keeps them per thread, and per task when a loop
runs). That lost, for example, the serialized migration data of `serialized_rollback` for every
later test. In a thread of its own, the browser changes nothing for the tests and fixtures that
use the database, and DJANGO_ALLOW_ASYNC_UNSAFE is not needed.
"""

import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCENARIO_TIMEOUT = 300  # seconds; every Playwright action has its own, shorter timeout too


class BrowserThread:
    """Chromium, driven by Playwright from a thread of its own."""

    def __init__(self):
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="playwright")
        self._playwright = self.browser = None
        try:
            self._executor.submit(self._start).result(timeout=60)
        except BaseException:
            self.close()
            raise

    def _start(self):
        self._playwright = sync_playwright().start()
        self.browser = self._playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )

    def _stop(self):
        if self.browser is not None:
            self.browser.close()
        if self._playwright is not None:
            self._playwright.stop()

    def run(self, function, *args, **kwargs):
        """Calls function(browser, *args, **kwargs) in the browser's thread; returns its result
        or raises its exception (a failed assertion included)."""
        future = self._executor.submit(function, self.browser, *args, **kwargs)
        return future.result(timeout=SCENARIO_TIMEOUT)

    def close(self):
        try:
            self._executor.submit(self._stop).result(timeout=60)
        finally:
            self._executor.shutdown(wait=False)


@pytest.fixture(scope="session")
def browser():
    thread = BrowserThread()
    yield thread
    thread.close()


@pytest.fixture
def seeded(transactional_db):
    """The demo content, as `make run` seeds it."""
    call_command("seed_demo", verbosity=0)


@pytest.fixture(autouse=True)
def base_url_is_the_live_server(request):
    """A browser test's site is served by `live_server`, so that is the base URL every absolute
    link (emails, feeds, calendars) is built on, as `make run` sets it to the address it serves."""
    if "live_server" in request.fixturenames:
        settings = request.getfixturevalue("settings")
        settings.WAGTAILADMIN_BASE_URL = request.getfixturevalue("live_server").url
