"""One real assistant (actions + Rasa) shared by the widget tests, a pages server
in front of it with rate limits high enough for a browser session, and Debian's
Chromium (``PUENTE_CHROMIUM``, set by ``make test``) driven by Playwright."""

import pytest

from tests.browser.stack import pages_server
from tests.chromium import browser  # noqa: F401  (one Chromium per module)
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
