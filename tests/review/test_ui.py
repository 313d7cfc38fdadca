"""The review app speaks the organizer's language: every text in both, by choice."""

import re
from pathlib import Path

from bot.review import ui
from bot.review.derive import FLAGS
from tests.review.test_auth import _seed
from tests.review.webapp import browser as visit

TEMPLATES = Path(ui.__file__).with_name("templates")


def test_every_text_the_pages_use_exists_in_both_languages():
    catalog = ui.catalog()
    used = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r't\("([a-z_]+)"\s*[,)]', template.read_text()))
    used |= {f"flag_{flag}" for flag in FLAGS} | {"lang_en", "lang_es"}
    used |= {"admin_only", "form_expired", "not_found", "login_expired",
             "login_blocked", "login_wrong"}
    assert used <= set(catalog)
    for key, texts in catalog.items():
        assert set(texts) == {"en", "es"}, key
        assert texts["en"] and texts["es"], key


def test_language_choice():
    assert ui.choose_language(None, None, "es-MX,es;q=0.9,en;q=0.5") == "es"
    assert ui.choose_language(None, None, "en-US,en") == "en"
    assert ui.choose_language(None, "es", "en-US") == "es"
    assert ui.choose_language("en", "es", "es-MX") == "en"
    assert ui.choose_language("fr", None, None) == "en"


async def test_spanish_pages_and_messages(stores, monkeypatch):
    await _seed(stores)
    async with visit(stores, monkeypatch) as browser:
        login = await browser.get("/review/login?lang=es")
        assert "Iniciar sesión" in login.text and '<html lang="es">' in login.text
        wrong = await browser.post("/review/login", {"email": "x@example.org",
                                                     "password": "nada nada"})
        assert "El correo y la contraseña no coinciden." in wrong.text
        await browser.login("rosa@example.org")
        page = await browser.get("/review?flag=fell_back")
        assert "Conversaciones" in page.text and "no pudo responder" in page.text
        assert 'href="/review?flag=fell_back&amp;lang=en"' in page.text
        english = await browser.get("/review?lang=en")
        assert "Conversations" in english.text


def test_no_text_is_in_two_catalogs():
    import yaml
    keys = [set(yaml.safe_load(path.read_text(encoding="utf-8")))
            for path in ui.CATALOGS]
    assert len(keys) == 2 and not keys[0] & keys[1]
