"""The chat widget in a real headless Chromium, against the real Rasa server.

Debian's Chromium (``PUENTE_CHROMIUM``, set by ``make test``) is driven by
Playwright for Python; no browser is ever downloaded. Screenshots at desktop and
phone widths go to ``test-artifacts/``; the Spanish phone one is the README's
``docs/widget-es.png``, copied there only on request (tests/screenshots.py).
"""

import pytest

from tests.content import responses, variation
from tests.screenshots import artifact, publish

pytestmark = [pytest.mark.browser, pytest.mark.server]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
RESPONSES = responses()


def first_line(response, language):
    """The first line of ``response`` in ``language``, as the domain has it."""
    return variation(RESPONSES[response], language)["text"].split("\n")[0]


SWITCHED_ES = first_line("utter_language_switched", "es")
WELCOME_ES = first_line("utter_welcome", "es")
SWITCHED_EN = first_line("utter_language_switched", "en")
EVIDENCE_ES = first_line("utter_faq/evidence", "es")
WHAT_IS_HIT_ES = first_line("utter_faq/what_is_hit", "es")
WHAT_IS_HIT_EN = first_line("utter_faq/what_is_hit", "en")
WHAT_IS_HIT_MORE_ES = first_line("utter_faq_more/what_is_hit", "es")




@pytest.fixture
def page_at(browser):
    """A fresh browser context (its own sessionStorage) at a viewport size."""
    contexts = []

    def make(viewport, locale="en-US"):
        context = browser.new_context(viewport=viewport, locale=locale)
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def shoot(page, name):
    path = artifact(f"{name}.png")
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000
    return path


def bot_says(page, text):
    """Wait until a bot message containing ``text`` is shown."""
    page.locator(".puente-bot", has_text=text).last.wait_for()


def ask(page, text):
    page.get_by_label("Your message").or_(page.get_by_label("Su mensaje")).fill(text)
    page.keyboard.press("Enter")


def test_spanish_question_quick_reply_and_history_after_reload(pages, page_at):
    page = page_at(DESKTOP)
    page.goto(pages.url + "/")
    page.get_by_role("button", name="Questions? Chat with us").click()
    dialog = page.get_by_role("dialog")
    assert "not a person" in dialog.inner_text()
    dialog.get_by_text("We keep this chat for 180 days").wait_for()
    assert dialog.get_by_role("link", name="How we use your information").get_attribute(
        "href").endswith("/privacy")

    ask(page, "¿Qué es la tutoría de alto impacto?")
    bot_says(page, WHAT_IS_HIT_ES)
    # The parent wrote in Spanish: the widget's own words follow.
    placeholder = page.get_by_label("Su mensaje").get_attribute("placeholder")
    assert placeholder == "Escriba su pregunta"
    # The short answer names its source; "Más información" brings the reference.
    page.get_by_role("button", name="Más información").last.click()
    bot_says(page, WHAT_IS_HIT_MORE_ES)
    address = "studentsupportaccelerator.org/family-caregiver-toolkit"
    source = page.get_by_role("link", name=address).last
    assert source.get_attribute("href") == "https://" + address
    shoot(page, "widget-es-desktop")

    page.get_by_role("button", name="¿Sí funciona?").click()
    bot_says(page, EVIDENCE_ES)
    assert page.locator(".puente-user", has_text="¿Sí funciona?").count() == 1

    page.reload()
    bot_says(page, EVIDENCE_ES)  # the panel reopens with the whole conversation
    question = page.locator(".puente-user", has_text="¿Qué es la tutoría de alto")
    assert question.count() == 1
    assert page.locator(".puente-user", has_text="¿Sí funciona?").count() == 1


def test_language_switch_changes_the_widget_and_the_answers(pages, page_at):
    page = page_at(PHONE)
    page.goto(pages.url + "/")
    page.get_by_role("button", name="Questions? Chat with us").click()
    page.get_by_role("button", name="Cambiar a español").click()
    dialog = page.get_by_role("dialog")
    assert "no una persona" in dialog.inner_text()
    placeholder = page.get_by_label("Su mensaje").get_attribute("placeholder")
    assert placeholder == "Escriba su pregunta"
    bot_says(page, WELCOME_ES)  # a first tap is answered by the Spanish welcome
    confirmed = page.locator(".puente-bot", has_text=SWITCHED_ES)
    assert confirmed.count() == 0, "one greeting, one set of buttons"
    ask(page, "¿qué es la tutoría de alto impacto?")
    bot_says(page, WHAT_IS_HIT_ES)
    publish(shoot(page, "widget-es-phone"), "widget-es.png")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the widget must not scroll sideways at 360 px"

    page.get_by_role("button", name="Switch to English").click()
    placeholder = page.get_by_label("Your message").get_attribute("placeholder")
    assert placeholder == "Type your question"
    bot_says(page, SWITCHED_EN)


def test_keyboard_only(pages, page_at):
    page = page_at(DESKTOP)
    page.goto(pages.url + "/")
    launcher = page.get_by_role("button", name="Questions? Chat with us")
    for _ in range(10):  # Tab through the page until the chat button has focus
        page.keyboard.press("Tab")
        if launcher.evaluate("node => node === document.activeElement"):
            break
    page.keyboard.press("Enter")
    message = page.get_by_label("Your message")
    assert message.evaluate("node => node === document.activeElement")
    page.keyboard.type("What is high impact tutoring?")
    page.keyboard.press("Enter")
    bot_says(page, WHAT_IS_HIT_EN)
    shoot(page, "widget-en-desktop")

    seen = set()
    for _ in range(40):  # focus stays inside the open panel
        page.keyboard.press("Tab")
        inside = page.evaluate(
            "document.getElementById('puente-panel').contains(document.activeElement)")
        assert inside
        seen.add(page.evaluate("document.activeElement.textContent"))
    assert "Is it high-impact?" in seen  # quick replies are reachable by Tab
    while page.evaluate("document.activeElement.textContent") != "Is it high-impact?":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.locator(".puente-user", has_text="Is it high-impact?").wait_for()

    page.keyboard.press("Escape")
    assert page.get_by_role("dialog").count() == 0
    assert launcher.evaluate("node => node === document.activeElement")


def test_unreachable_server_keeps_the_text_and_retries(pages, page_at):
    page = page_at(PHONE)
    page.goto(pages.url + "/")
    page.get_by_role("button", name="Questions? Chat with us").click()
    page.route("**/api/chat", lambda route: route.abort())
    ask(page, "¿Cuánto cuesta la tutoría?")
    alert = page.get_by_role("alert")
    alert.get_by_text("Puente can't be reached right now").wait_for()
    kept = page.get_by_label("Your message").input_value()
    assert kept == "¿Cuánto cuesta la tutoría?"
    shoot(page, "widget-unreachable-phone")

    page.unroute("**/api/chat")
    alert.get_by_role("button", name="Try again").click()
    page.locator(".puente-user", has_text="¿Cuánto cuesta la tutoría?").wait_for()
    page.locator(".puente-user + .puente-bot").last.wait_for()
    # Sent, so the box is empty; the Spanish question also switched the labels.
    assert page.get_by_label("Su mensaje").input_value() == ""
    assert page.locator(".puente-status").text_content() == ""  # the error is gone


def test_bot_text_is_never_html_and_drafts_can_be_copied(pages, page_at):
    """Answers are shown as text (links built by the widget); a draft message
    (custom payload ``{"type": "draft"}``) gets a copy button. The answer is
    stubbed in the browser so the test does not depend on the draft feature."""
    page = page_at(DESKTOP)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(pages.url + "/")
    page.get_by_role("button", name="Questions? Chat with us").click()
    draft = "Dear Ms. Lee, <b>could</b> my son join tutoring? See example.org/hit"
    page.route("**/api/chat", lambda route: route.fulfill(json={
        "token": None, "messages": [
            {"text": '<img src=x onerror="window.hacked=1">Hello'},
            {"custom": {"type": "draft", "text": draft}}]}))
    ask(page, "write a message to the teacher")
    bubble = page.locator(".puente-bot", has_text="could")
    bubble.wait_for()
    assert page.locator(".puente-widget img").count() == 0
    assert not page.evaluate("window.hacked === 1")
    assert bubble.locator(".puente-text").inner_text() == draft
    assert bubble.get_by_role("link").get_attribute("href") == "https://example.org/hit"
    bubble.get_by_role("button", name="Copy message").click()
    bubble.get_by_role("button", name="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == draft
