"""``/review/programs`` over real HTTP: who may use it, forms need their token, a
previewed file stays on the server, and every change is in the audit log."""

import io
import re
from pathlib import Path

import aiohttp

from bot.programs.importer import export_rows, write_csv
from bot.review.accounts import add_user, audit_log
from tests.channels.meta import FakeGraph
from tests.programs.test_alerts import (
    PHONE,
    SCIENCE_K,
    kindergarten_science,
    templates,
    whatsapp_env,
)
from tests.review.webapp import PASSWORD, browser

TEMPLATE = Path(__file__).resolve().parents[2] / "bot" / "programs" / "template.csv"


async def _upload(visitor, body: bytes, csrf: str | None = None, name="programs.csv"):
    form = aiohttp.FormData()
    form.add_field("csrf", csrf if csrf is not None else await visitor.csrf())
    form.add_field("file", body, filename=name, content_type="text/csv")
    async with visitor.session.post(visitor.base + "/review/programs/upload",
                                    data=form, allow_redirects=False) as reply:
        return reply.status, await reply.text()


async def test_only_admins_and_organizers_with_the_right(stores, monkeypatch):
    async with browser(stores, monkeypatch) as visitor:
        assert (await visitor.get("/review/programs")).status == 303  # sign in first
        await visitor.login("plain@example.org")
        page = await visitor.get("/review/programs?lang=es")
        assert page.status == 403
        assert "Solo un administrador, o un organizador con permiso" in page.text
        assert 'href="/review/programs"' not in page.text
        status, _ = await _upload(visitor, TEMPLATE.read_bytes())
        assert status == 403
    async with browser(stores, monkeypatch) as visitor:
        add_user(stores.puente, "ana@example.org", PASSWORD, "organizer",
                 manages_programs=True)
        reply = await visitor.post("/review/login", {"email": "ana@example.org",
                                                     "password": PASSWORD})
        assert reply.status == 303
        page = await visitor.get("/review/programs")
        assert page.status == 200 and 'href="/review/programs"' in page.text


async def test_upload_needs_the_form_token_and_the_preview_stays_on_the_server(
        stores, monkeypatch):
    async with browser(stores, monkeypatch) as visitor:
        await visitor.login("admin@example.org", "admin")
        status, text = await _upload(visitor, TEMPLATE.read_bytes(), csrf="forged")
        assert status == 403 and "This form expired" in text

        status, text = await _upload(visitor, TEMPLATE.read_bytes())
        assert status == 200 and "New programs (2)" in text
        token = re.search(r'name="token" value="([^"]+)"', text).group(1)
        assert "Example Reading Club" in text
        assert (await visitor.get("/review/programs")).text.count("<tr class=") == 0

        forged = await visitor.post("/review/programs/apply", {"token": "x" * 32})
        assert forged.status == 400 and "no longer waiting" in forged.text
        applied = await visitor.post("/review/programs/apply", {"token": token})
        assert applied.status == 303
        listing = await visitor.get(applied.headers["Location"].removeprefix(
            visitor.base))
        assert "Added: 2." in listing.text and "Changed:" not in listing.text
        again = await visitor.post("/review/programs/apply", {"token": token})
        assert again.status == 400  # applied once, then forgotten

    entry = audit_log(stores.puente)[0]
    assert (entry.email, entry.action) == ("admin@example.org", "import programs")
    assert entry.target.startswith("programs.csv: added 2")
    assert "Example Reading Club" in entry.target


async def test_a_file_larger_than_the_chat_limit_is_read(stores, monkeypatch):
    """The pages server refuses chat bodies over 16 KB; a programs file is bigger."""
    rows = TEMPLATE.read_text(encoding="utf-8").splitlines()
    header, first = rows[0], rows[1]
    body = "\n".join([header] + [first.replace("example-reading-club", f"p{n}", 1)
                                 for n in range(200)]) + "\n"
    assert len(body.encode()) > 40_000
    async with browser(stores, monkeypatch) as visitor:
        await visitor.login("admin@example.org", "admin")
        status, text = await _upload(visitor, body.encode())
        assert status == 200 and "New programs (200)" in text


async def test_a_non_text_file_is_named_as_such_in_spanish(stores, monkeypatch):
    async with browser(stores, monkeypatch) as visitor:
        await visitor.login("admin@example.org", "admin")
        await visitor.get("/review/programs?lang=es")
        spreadsheet = b"PK\x03\x04\x00\x00binary"
        status, text = await _upload(visitor, spreadsheet, name="p.xlsx")
        assert status == 400
        assert "No se cambió nada" in text
        assert "Línea 1: este archivo no es un CSV de texto" in text


async def test_a_file_over_10_mb_gets_a_kind_answer(stores, monkeypatch):
    async with browser(stores, monkeypatch) as visitor:
        await visitor.login("admin@example.org", "admin")
        status, text = await _upload(visitor, b"x" * (10 * 1024 * 1024 + 1))
        assert status == 413 and "larger than 10 MB" in text
        assert (await visitor.get("/review/programs")).status == 200


async def test_anonymous_uploads_are_not_read(stores, monkeypatch):
    async with browser(stores, monkeypatch) as visitor:
        status, text = await _upload(visitor, b"key,name\n", csrf="none")
        assert status == 303


async def test_a_program_added_here_tells_the_family_waiting_for_one(
        stores, monkeypatch):
    """The upload's "Apply" sends the alert template once (fake Graph API)."""
    graph = FakeGraph().start()
    try:
        for name, value in whatsapp_env(graph).items():
            monkeypatch.setenv(name, value)
        kindergarten_science(stores.puente)
        rows = export_rows(stores.puente) + [{**SCIENCE_K, "active": "yes"}]
        out = io.StringIO()
        write_csv(rows, out)
        async with browser(stores, monkeypatch) as visitor:
            await visitor.login("admin@example.org", "admin")
            status, text = await _upload(visitor, out.getvalue().encode())
            assert status == 200 and "New programs (1)" in text
            token = re.search(r'name="token" value="([^"]+)"', text).group(1)
            applied = await visitor.post("/review/programs/apply", {"token": token})
            assert applied.status == 303
        [message] = templates(graph)
        assert message["to"] == PHONE
        assert "Bright Science Club" in str(message["template"])
        assert "program alerts sent: 1" in audit_log(stores.puente)[0].target
    finally:
        graph.stop()
