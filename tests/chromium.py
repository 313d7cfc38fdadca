"""Debian's Chromium for the browser tests (``PUENTE_CHROMIUM``, set by ``make test``),
launched the same way by every test that drives it.

CI once saw Chromium go away between opening a page and loading the review app's
login form ("Target page, context or browser has been closed" on the first
``goto``): no page of ours had run yet, and nothing said why (24 GiB of memory,
1,735 other tests passed; 15 runs of the browser tests here could not repeat it).
So Playwright's driver runs with ``DEBUG=pw:browser``: it writes Chromium's command
line, what Chromium prints on standard error and how it exited, which pytest shows
under a failed test's captured output. And a browser that dies before its first
page has loaded is started once more, which is said on standard error; a second
early death fails the test.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Iterator, Tuple

import pytest

#: Chromium's switches. As root (CI) it needs --no-sandbox; the machine's network
#: is closed, so nothing should try to reach Google (updates, sync, field trials).
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
#: Read by the Playwright driver when it starts: log Chromium's start, its standard
#: error and its exit.
DRIVER_LOG = ("DEBUG", "pw:browser")


@pytest.fixture
def chromium(monkeypatch) -> str:
    """Chromium's executable for a test that starts Playwright itself, with the
    driver's browser log on; the test is skipped when ``make test`` did not set it."""
    monkeypatch.setenv(*DRIVER_LOG)
    return executable()


@pytest.fixture(scope="module")  # Playwright's loop must not outlive the module
def browser() -> Iterator[Any]:
    """One Chromium for a module's tests, through Playwright's sync API."""
    from playwright.sync_api import sync_playwright

    path = executable()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(*DRIVER_LOG)
        with sync_playwright() as playwright:
            started = playwright.chromium.launch(executable_path=path, args=ARGS)
            yield started
            started.close()


def executable() -> str:
    """``PUENTE_CHROMIUM``, or skip the test when it is unset."""
    path = os.environ.get("PUENTE_CHROMIUM")
    if not path:
        pytest.skip("PUENTE_CHROMIUM is unset (make test sets it to Debian's Chromium)")
    return path


async def opened(pw: Any, chromium: str, url: str, **context: Any) -> Tuple[Any, Any]:
    """A new Chromium (``chromium``: its executable), from Playwright's async API
    ``pw``, with one page at ``url``; ``context``: the browser context's options.
    Returns the browser and the page."""
    # Not exported by playwright.async_api (1.65), only raised.
    from playwright._impl._errors import TargetClosedError

    started = 0
    while True:
        started += 1
        browser = await pw.chromium.launch(executable_path=chromium, args=ARGS)
        try:
            page = await (await browser.new_context(**context)).new_page()
            await page.goto(url)
            return browser, page
        except TargetClosedError as error:
            if started == 2:
                raise
            why = error.message.splitlines()[0]
            print(f"Chromium died before {url} loaded ({why}); starting it once more",
                  file=sys.stderr)
