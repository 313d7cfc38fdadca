"""One real assistant (actions + Rasa) shared by the widget tests, a pages server
in front of it with rate limits high enough for a browser session, and Debian's
Chromium (``PUENTE_CHROMIUM``, set by ``make test``) driven by Playwright."""

import os

import pytest

from tests.browser.stack import pages_server
from tests.servers import assistant


@pytest.fixture(scope="session")
def bot(tmp_path_factory):
    with assistant(tmp_path_factory.mktemp("widget-bot")) as running:
        yield running


@pytest.fixture(scope="session")
def pages(bot, tmp_path_factory):
    env = {"PUENTE_WEB_MESSAGES_PER_MINUTE_PER_ADDRESS": "1000",
           "PUENTE_WEB_MESSAGES_PER_MINUTE_PER_CONVERSATION": "1000"}
    with pages_server(bot, tmp_path_factory.mktemp("widget-pages"), env) as running:
        yield running


@pytest.fixture(scope="module")  # Playwright's loop must not outlive the module
def browser():
    chromium_path = os.environ.get("PUENTE_CHROMIUM")
    if not chromium_path:
        pytest.skip("PUENTE_CHROMIUM is not set (make test sets it to Debian's "
                    "Chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield chromium
        chromium.close()
