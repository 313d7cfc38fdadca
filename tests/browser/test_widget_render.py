"""How the widget shows the bot's text on the web, in headless Chromium.

No assistant is needed: the page, the widget and the answers are served from the
repository and stubbed in the browser, so these run in seconds. WhatsApp shows
``*bold*`` itself; the web widget turns it into bold type, and phone numbers
into tap-to-call links.
"""

from pathlib import Path

import pytest

from bot.programs.demo import DEMO_FILE
from bot.programs.hit import program_verdict
from bot.programs.importer import validate
from bot.programs.models import Program
from bot.programs.present import match_values
from bot.programs.search import Match
from tests.content import responses, variation

pytestmark = pytest.mark.browser
STATIC = Path(__file__).resolve().parents[2] / "bot" / "web" / "static"
SERVER = "http://puente.test"
PHONE = {"width": 360, "height": 740}
TYPES = {"html": "text/html", "css": "text/css", "js": "text/javascript"}


def program_card(language):
    """The first demo program's card, exactly as the bot sends it."""
    program = Program(**validate(DEMO_FILE.read_text("utf-8"))[0])
    values = match_values(Match(program, 1.2, program_verdict(program)), language)
    return variation(responses()["utter_program_match"], language)["text"].format(
        **values)




@pytest.fixture
def page(browser):
    """The demo page at phone size; /api/chat answers what ``page.answer`` holds."""
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.answer = []

    def serve(route):
        path = route.request.url[len(SERVER):].split("?")[0]
        if path == "/api/history":
            return route.fulfill(json={"messages": [], "retention_days": 180})
        if path == "/api/chat":
            return route.fulfill(json={"token": None, "messages": page.answer})
        name = "index.html" if path == "/" else path.rsplit("/", 1)[1]
        route.fulfill(body=(STATIC / name).read_bytes(),
                      content_type=TYPES[name.rsplit(".", 1)[1]])

    page.route(f"{SERVER}/**", serve)
    page.goto(SERVER + "/")
    yield page
    context.close()


def ask(page, text):
    page.get_by_role("button", name="Questions? Chat with us").click()
    page.get_by_label("Your message").fill(text)
    page.keyboard.press("Enter")


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_program_name_is_bold_and_its_phone_a_call_link(page, language):
    card = program_card(language)
    assert card.startswith("*Sunflower Math Circle*")  # WhatsApp's bold
    page.answer = [{"text": card}]
    ask(page, "tutoring near 90255")
    bubble = page.locator(".puente-bot", has_text="Sunflower Math Circle")
    bubble.wait_for()
    text = bubble.locator(".puente-text")
    assert "*" not in text.inner_text()
    assert text.locator("strong").inner_text() == "Sunflower Math Circle"
    call = text.get_by_role("link", name="(323) 555-0100")
    assert call.get_attribute("href") == "tel:3235550100"
    assert text.get_by_role("link", name="https://example.org/demo-01").get_attribute(
        "href") == "https://example.org/demo-01"


def test_emergency_numbers_are_call_links(page):
    crisis = variation(responses()["utter_crisis"], "en")["text"].format(
        handoff_contact="organizers@example.org")
    page.answer = [{"text": crisis}]
    ask(page, "help")
    bubble = page.locator(".puente-bot", has_text="988")
    bubble.wait_for()
    hrefs = {a.inner_text(): a.get_attribute("href")
             for a in bubble.get_by_role("link").all()}
    assert hrefs["911"] == "tel:911" and hrefs["988"] == "tel:988"
    assert hrefs["1-800-422-4453"] == "tel:18004224453"
    # Figures that are not phone numbers stay text.
    page.answer = [{"text": "0.29 standard deviations; $200,000; zip 90255; 1.5%"}]
    page.get_by_label("Your message").fill("more")
    page.keyboard.press("Enter")
    figures = page.locator(".puente-bot", has_text="0.29")
    figures.wait_for()
    assert figures.get_by_role("link").count() == 0


def test_the_demo_pages_code_fits_a_phone(page):
    code = page.locator("pre")
    fits = code.evaluate("node => node.scrollWidth <= node.clientWidth")
    assert fits, "the embed code must wrap, not run off a phone's screen"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
