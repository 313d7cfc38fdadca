"""An organizer in headless Chromium, JavaScript off: the review app must still work."""

import random
import time

import pytest

from bot.review.accounts import add_user
from tests.chromium import opened
from tests.review.conftest import events_for
from tests.review.webapp import PASSWORD, pages_server
from tests.screenshots import artifact, publish

pytestmark = pytest.mark.browser
TOPICS = ["faq/what_is_hit", "faq/cost", "faq/how_to_ask_school", "faq/online",
          "faq/schedule"]
SPANISH = [("¿cuánto cuesta la tutoría?", "faq", 0.91, "faq/cost"),
           ("¿qué es tutoría de alto impacto?", "faq", 0.88, "faq/what_is_hit")]
ENGLISH = [("what is high impact tutoring", "faq", 0.93, "faq/what_is_hit"),
           ("is it online?", "faq", 0.81, "faq/online")]


async def seed(stores) -> None:
    """Two weeks of conversations in both languages and channels, plus one Spanish
    fallback whose family shared a name and a phone."""
    chance = random.Random(5)
    now = time.time()
    for n in range(80):
        language = chance.choice(["es", "es", "en"])
        messages = list(SPANISH if language == "es" else ENGLISH)
        topic = chance.choice(TOPICS)
        messages.append(("otra pregunta" if language == "es" else "another question",
                         "faq", 0.85, topic))
        if chance.random() < 0.15:
            messages.append(("hmm", "nlu_fallback", 0.25, None))
        channel = chance.choice(["rest", "rest", "whatsapp"])
        sender = f"{'whatsapp' if channel == 'whatsapp' else 'web'}-{n}"
        await stores.save(sender, events_for(now - chance.uniform(1, 14) * 86400,
                                             language, messages, channel=channel))
    await stores.save("web-rosa", events_for(now - 600, "es", [
        ("hola, me llamo Rosa y mi número es 323-555-0199", "nlu_fallback", 0.31, None),
        ("necesito tutoría para mi hija en 4to grado", "find_program", 0.45, None),
    ]))


async def signed_in_page(pw, chromium: str, base: str, email: str,
                         width: int = 1200):
    """Chromium with JavaScript off, signed in as ``email`` (an account made by the
    test) through the login form; returns the browser and its page."""
    browser, page = await opened(pw, chromium, base + "/review",
                                 java_script_enabled=False, accept_downloads=True,
                                 viewport={"width": width, "height": 900})
    assert page.url.endswith("/review/login")
    await page.fill("input[name=email]", email)
    await page.fill("input[name=password]", PASSWORD)
    await page.click("button:has-text('Sign in')")
    return browser, page


async def test_organizer_filters_reads_tags_and_exports(stores, monkeypatch, chromium,
                                                        tmp_path):
    from playwright.async_api import async_playwright

    await seed(stores)
    add_user(stores.puente, "rosa.organizer@example.org", PASSWORD, "organizer")
    async with pages_server(stores, monkeypatch) as (_, base), async_playwright() as pw:
        browser, page = await signed_in_page(pw, chromium, base,
                                             "rosa.organizer@example.org")
        assert await page.is_visible("h1:has-text('Conversations')")

        await page.select_option("select[name=language]", "es")
        await page.select_option("select[name=flag]", "fell_back")
        await page.click("button:has-text('Filter')")
        rows = page.locator("table.conversations tbody tr")
        count = await rows.count()
        assert count >= 1
        for index in range(count):
            text = await rows.nth(index).inner_text()
            assert "es" in text.split() and "could not answer" in text

        await rows.first.locator("a").click()
        assert await page.is_visible("h1:has-text('Conversation')")
        chat = await page.inner_text("ol.chat")
        assert "me llamo [name] y mi número es [phone]" in chat
        assert "Rosa" not in chat and "555" not in chat
        assert "nlu_fallback (0.31)" in chat
        await page.screenshot(path=str(artifact("review-transcript.png")),
                              full_page=True)

        await page.check("input[name=reviewed]")
        await page.fill("input[name=tags]", "costo, school board")
        await page.click("button:has-text('Save review')")
        assert await page.is_visible("text=Review saved.")
        await page.click("button:has-text('Send checked messages')")
        assert await page.is_visible("text=Sent to the training queue.")

        await page.goto(base + "/review?tag=costo")
        assert await rows.count() == 1
        async with page.expect_download() as download_info:
            await page.click("a:has-text('Export CSV')")
        download = await download_info.value
        csv_path = tmp_path / "conversations.csv"
        await download.save_as(csv_path)
        lines = csv_path.read_text(encoding="utf-8").splitlines()
        assert len(lines) == 2 and "costo school board" in lines[1]
        assert "es" in lines[1].split(",") and "fell_back" in lines[1]

        await page.goto(base + "/review/training")
        assert "hola, me llamo [name]" in await page.inner_text("table")
        await page.locator("select[name^=intent-]").first.select_option(
            "faq/family_role")
        await page.click("button:has-text('Save choices')")
        assert await page.is_visible("text=Waiting for a second organizer")

        await page.goto(base + "/review/dashboard")
        assert await page.locator("svg.chart").count() >= 2
        await page.screenshot(path=str(artifact("review-dashboard.png")),
                              full_page=True)

        # On a phone, every chart's text is still at least 11 CSS pixels.
        await page.set_viewport_size({"width": 375, "height": 740})
        smallest = await page.evaluate("""() => Math.min(...[
            ...document.querySelectorAll('svg.chart text')
        ].map(t => t.getBoundingClientRect().height))""")
        assert smallest >= 11, f"chart text {smallest:.1f} px high on a phone"
        await browser.close()
    assert artifact("review-dashboard.png").stat().st_size > 10_000
    publish(artifact("review-dashboard.png"), "review-dashboard.png")
