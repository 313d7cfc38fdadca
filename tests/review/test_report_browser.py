"""An organizer makes the community report in headless Chromium and prints it."""

import io

import pytest
from pypdf import PdfReader

from bot.review.accounts import add_user
from tests.review.test_browser import signed_in_page
from tests.review.test_report import seed
from tests.review.webapp import PASSWORD, pages_server
from tests.screenshots import artifact, publish

pytestmark = pytest.mark.browser


async def test_organizer_makes_and_prints_the_report(stores, monkeypatch,
                                                     chromium):
    from playwright.async_api import async_playwright

    await seed(stores)
    add_user(stores.puente, "rosa.organizer@example.org", PASSWORD, "organizer")
    async with pages_server(stores, monkeypatch) as (_, base), async_playwright() as pw:
        browser, page = await signed_in_page(pw, chromium, base,
                                             "rosa.organizer@example.org", 1100)
        await page.click("nav a:has-text('Community report')")
        await page.fill("input[name=from]", "2026-03-01")
        await page.fill("input[name=to]", "2026-03-31")
        await page.click("button:has-text('Make the report')")
        report = page.locator("article.report")
        await report.wait_for()
        text = await report.inner_text()
        assert "March 1, 2026 to March 31, 2026" in text
        assert "13 families talked with Puente about tutoring." in text
        assert await page.inner_text("#unmet-total") == "9"
        assert await page.inner_text("#by-city tbody") == (
            "Huntington Park\t6\nOthers, fewer than 5 each\tfewer than 5")
        assert await report.locator("svg.chart").count() == 1

        await page.set_viewport_size({"width": 375, "height": 740})  # a phone
        smallest = await page.evaluate("""() => Math.min(...[
            ...document.querySelectorAll('svg.chart text')
        ].map(t => t.getBoundingClientRect().height))""")
        assert smallest >= 11, f"chart text {smallest:.1f} px high on a phone"
        await page.set_viewport_size({"width": 1100, "height": 900})

        await page.fill("input[name=area]", "90280")
        await page.click("button:has-text('Make the report')")
        await report.wait_for()
        assert await page.inner_text("#unmet-total") == "fewer than 5"
        assert "Questions are counted in every place" in await report.inner_text()

        await page.click("header a.lang")  # the same report, in Spanish
        await report.wait_for()
        assert await page.input_value("input[name=area]") == "90280"
        spanish = await report.inner_text()
        assert "Del 1 de marzo de 2026 al 31 de marzo de 2026" in spanish
        assert "13 familias hablaron con Puente sobre la tutoría." in spanish
        assert await page.inner_text("#unmet-total") == "menos de 5"

        async with page.expect_download() as download_info:
            await page.click("a:has-text('PDF (carta)')")
        download = await download_info.value
        assert download.suggested_filename == (
            "puente-report-2026-03-01-2026-03-31-es.pdf")

        await page.fill("input[name=area]", "")
        await page.click("button:has-text('Hacer el informe')")
        await report.wait_for()
        await page.emulate_media(media="print")
        assert not await page.is_visible("body > header")
        assert not await page.is_visible("form.report-form")
        assert await page.is_visible("article.report h1")
        await page.screenshot(path=str(artifact("review-report.png")), full_page=True)
        for paper in ("A4", "Letter"):  # Chromium's own print, as a browser prints
            printed = PdfReader(io.BytesIO(await page.pdf(format=paper)))
            assert len(printed.pages) <= 2, paper
            assert "Hacer el informe" not in printed.pages[0].extract_text()
        await page.emulate_media(media="screen")
        assert await page.is_visible("body > header")
        await browser.close()
    assert artifact("review-report.png").stat().st_size > 10_000
    publish(artifact("review-report.png"), "review-report.png")
