"""A program alert asked for in the chat widget, in a real headless Chromium.

The organizers accept a WhatsApp number on the widget (``[alerts] web_contacts``):
a Spanish-speaking parent on a phone finds nothing near, taps "Sí, avíseme",
types a number with a digit missing, then the right one. After a reload the
conversation comes back without the number (the pages server never passed it on).
The template message and STOP are tested end to end without a browser in
tests/channels/test_web_alerts_e2e.py.
"""

from __future__ import annotations

from typing import Iterator

import pytest

from tests.browser.stack import Pages, pages_server
from tests.browser.test_widget_browser import (
    PHONE,
    WELCOME_ES,
    ask,
    bot_says,
    shoot,
)
from tests.channels.test_alerts_e2e import alerts_of
from tests.channels.test_web_alerts_e2e import WEB_CONTACTS
from tests.channels.test_whatsapp_e2e import database_url, whatsapp_stack
from tests.channels.wire import KEY
from tests.content import responses, variation
from tests.servers import Assistant

pytestmark = [pytest.mark.browser, pytest.mark.server]
RESPONSES = responses()


def answered(page, text: str) -> None:
    """Type ``text``, then wait until Puente's answer to it is shown."""
    before = page.locator(".puente-bot").count()
    ask(page, text)
    page.wait_for_function(
        f"document.querySelectorAll('.puente-bot').length > {before}")


def start(response: str) -> str:
    """The Spanish text of ``response`` up to its first variable or sentence end."""
    text = variation(RESPONSES[response], "es")["text"]
    return text.split("{")[0].split(". ")[0]


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[tuple]:
    work = tmp_path_factory.mktemp("widget-alerts")
    with whatsapp_stack(work, WEB_CONTACTS) as whatsapp:
        env = {**WEB_CONTACTS, "PUENTE_DATABASE_URL": database_url(work),
               "PUENTE_ID_HASH_KEY": KEY.decode(),
               "PUENTE_WEB_MESSAGES_PER_MINUTE_PER_CONVERSATION": "1000",
               "PUENTE_WEB_MESSAGES_PER_MINUTE_PER_ADDRESS": "1000"}
        with pages_server(Assistant(whatsapp.rasa_port, 0, work), work / "pages",
                          env) as pages:
            yield whatsapp, pages


def test_a_parent_taps_yes_types_a_number_and_it_is_not_shown_again(
        stack, browser):
    whatsapp, pages = stack
    pages: Pages
    context = browser.new_context(viewport=PHONE, locale="es-US")
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto(pages.url + "/")
    page.get_by_role("button", name="Questions? Chat with us").click()
    page.get_by_role("button", name="Cambiar a español").click()
    bot_says(page, WELCOME_ES)
    for text in ("Busco un programa de tutoría para mi hija", "96001", "kínder",
                 "ciencias"):
        answered(page, text)
    bot_says(page, start("utter_alert_offer_web"))
    page.get_by_role("button", name="Sí, avíseme").last.click()
    bot_says(page, start("utter_alert_ask_number"))
    ask(page, "530-555-014")
    bot_says(page, "ese no parece un número de teléfono de EE. UU.")
    ask(page, "530-555-0147")
    bot_says(page, "al número que me dio")
    shoot(page, "widget-alert-es-phone")
    assert [a.zip for a in alerts_of(whatsapp) if a.phone is not None] == ["96001"]

    page.reload()
    bot_says(page, "al número que me dio")  # the conversation is back
    assert page.locator(".puente-user", has_text="555").count() == 0
    context.close()
