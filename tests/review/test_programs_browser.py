"""An organizer manages programs in headless Chromium (JavaScript off), in English
and in Spanish: a file with mistakes is refused with every problem and its line, a
good one is previewed and applied, one program is edited, made inactive and active
again, the list is downloaded — and a family's search sees each change at once."""

import csv
import io
from pathlib import Path

import pytest

from bot.programs.geo import place_for_zip
from bot.programs.importer import write_csv
from bot.programs.search import ProgramSearch, Query
from bot.review.accounts import add_user, audit_log
from tests.review.test_browser import signed_in_page
from tests.review.webapp import PASSWORD, pages_server
from tests.screenshots import artifact, publish

pytestmark = pytest.mark.browser
PROGRAMS = Path(__file__).resolve().parents[2] / "bot" / "programs"
#: What the organizer sees, by the language they chose in the header.
SEES = {
    "en": {
        "nav": "Programs",
        "check": "Check the file", "apply": "Apply these changes", "save": "Save",
        "refused": "Nothing was changed: 4 problem(s) in 2 row(s) of mistakes.csv",
        "problems": ["Line 3: grades must be K or a number from 0 to 12",
                     "Line 3: format must be one of in_person, online, hybrid",
                     "Line 3: sessions_per_week must be a whole number above 0",
                     "Line 4: missing name"],
        "empty": "No programs yet.", "new": "New programs (27)",
        "added": "Added: 27.", "changed": "Changed: 1.",
        "edit_problem": "grade_min is higher than grade_max",
        "inactive": "inactive", "make_inactive": "Make inactive",
        "make_active": "Make active", "removed": "Made inactive: 1.",
        "restored": "Made active again: 1.", "download": "Download the list (CSV)",
    },
    "es": {
        "nav": "Programas",
        "check": "Revisar el archivo", "apply": "Aplicar estos cambios",
        "save": "Guardar",
        "refused": "No se cambió nada: hay que arreglar 4 problema(s) en 2 fila(s) "
                   "de mistakes.csv",
        "problems": ["Línea 3: los grados deben ser K o un número del 0 al 12",
                     "Línea 3: format debe ser uno de estos: in_person, online, hybrid",
                     "Línea 3: sessions_per_week debe ser un número entero mayor que 0",
                     "Línea 4: falta name"],
        "empty": "Todavía no hay programas.", "new": "Programas nuevos (27)",
        "added": "Nuevos: 27.", "changed": "Cambiados: 1.",
        "edit_problem": "grade_min es mayor que grade_max",
        "inactive": "inactivo", "make_inactive": "Desactivar",
        "make_active": "Activar", "removed": "Desactivados: 1.",
        "restored": "Activados de nuevo: 1.", "download": "Descargar la lista (CSV)",
    },
}


def _rows(name: str) -> list:
    text = (PROGRAMS / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _write(path: Path, rows: list) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        write_csv(rows, out)
    return path


def _found(stores, grade: int) -> list:
    """What a family near 90255 (Huntington Park) finds for a reader in ``grade``."""
    results = ProgramSearch(stores.puente).search(
        Query(place_for_zip("90255"), grade=grade, subject="reading"), page_size=50)
    return [match.program.name for match in results.matches]


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_organizer_manages_programs(stores, monkeypatch, tmp_path, lang,
                                          chromium):
    from playwright.async_api import async_playwright

    sees = SEES[lang]
    good = _rows("template.csv") + _rows("demo_programs.csv")
    mistakes = [good[0], {**good[1], "key": "bad", "grade_min": "13",
                          "format": "bus", "sessions_per_week": "three"},
                {**good[2], "name": ""}]
    add_user(stores.puente, "lucia@example.org", PASSWORD, "organizer",
             manages_programs=True)
    async with pages_server(stores, monkeypatch) as (_, base), async_playwright() as pw:
        browser, page = await signed_in_page(pw, chromium, base, "lucia@example.org")
        await page.goto(f"{base}/review?lang={lang}")  # remembered from now on
        await page.click(f"header nav a:has-text('{sees['nav']}')")
        assert await page.is_visible(f"h1:has-text('{sees['nav']}')")
        assert sees["empty"] in await page.inner_text("main")

        # A file with mistakes: every problem of every row, with its line.
        await page.set_input_files("input[name=file]",
                                   str(_write(tmp_path / "mistakes.csv", mistakes)))
        await page.click(f"button:has-text('{sees['check']}')")
        problems = await page.inner_text(".problems")
        assert sees["refused"] in problems
        assert await page.locator(".problems li").all_inner_texts() == sees["problems"]
        assert sees["empty"] in await page.inner_text("main")
        assert _found(stores, 2) == []

        # A good file: the preview first, nothing written until Apply.
        await page.set_input_files("input[name=file]",
                                   str(_write(tmp_path / "programs.csv", good)))
        await page.click(f"button:has-text('{sees['check']}')")
        assert sees["new"] in await page.inner_text("main")
        assert _found(stores, 2) == []
        await page.click(f"button:has-text('{sees['apply']}')")
        assert sees["added"] in await page.inner_text("[role=status]")
        assert await page.locator("table.programs tbody tr").count() == 27
        assert "Example Reading Club" in _found(stores, 2)
        if lang == "en":
            shot = artifact("review-programs.png")
            await page.screenshot(path=str(shot))
            publish(shot, "review-programs.png")

        # Edit: checked like a CSV row, in the organizer's language.
        await page.click("table.programs a:has-text('Example Reading Club')")
        await page.fill("input[name=grade_min]", "6")
        await page.click(f"button:has-text('{sees['save']}')")
        assert sees["edit_problem"] in await page.inner_text(".problems")
        assert "Example Reading Club" not in _found(stores, 5)
        await page.fill("input[name=grade_min]", "K")
        await page.fill("input[name=grade_max]", "5")
        await page.click(f"button:has-text('{sees['save']}')")
        assert sees["changed"] in await page.inner_text("[role=status]")
        assert "Example Reading Club" in _found(stores, 5)

        # Inactive: kept in the list, gone from families' searches; then back.
        row = page.locator("table.programs tr", has_text="Example Reading Club")
        await row.locator(f"button:has-text('{sees['make_inactive']}')").click()
        assert sees["removed"] in await page.inner_text("[role=status]")
        assert sees["inactive"] in (await row.inner_text()).split()
        assert "Example Reading Club" not in _found(stores, 5)
        await row.locator(f"button:has-text('{sees['make_active']}')").click()
        assert sees["restored"] in await page.inner_text("[role=status]")
        assert "Example Reading Club" in _found(stores, 5)

        # Download: the current list, in the import format.
        async with page.expect_download() as download_info:
            await page.click(f"a:has-text('{sees['download']}')")
        download = await download_info.value
        saved = tmp_path / "download.csv"
        await download.save_as(saved)
        rows = {r["key"]: r for r in csv.DictReader(
            io.StringIO(saved.read_text(encoding="utf-8")))}
        assert len(rows) == 27
        assert (rows["example-reading-club"]["grade_max"],
                rows["example-reading-club"]["active"]) == ("5", "yes")
        await browser.close()

    actions = [entry.action for entry in reversed(audit_log(stores.puente))]
    assert actions == ["import programs", "edit program", "make program inactive",
                       "make program active", "export programs"]
    assert {entry.email for entry in audit_log(stores.puente)} == {"lucia@example.org"}
