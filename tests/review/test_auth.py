"""Who may do what in the review app: anonymous, organizer, admin; CSRF; rate limit."""

import pytest
from sqlalchemy import func, select

from bot.review.models import AuditEntry
from bot.review.summaries import refresh
from tests.review.conftest import events_for
from tests.review.webapp import browser as visit

NOW = 1_790_000_000.0


async def _seed(stores):
    await stores.save("web-es1", events_for(NOW, "es", [
        ("no entiendo nada", "nlu_fallback", 0.2, None)]))
    refresh(stores.puente, stores.tracker)
    with stores.puente.connect() as connection:
        from bot.review.models import ConversationSummary
        return connection.execute(select(ConversationSummary.key)).scalar_one()


def admin_routes(app):
    """Every route of the app under /review/admin, as (method, path)."""
    for route in app.router.routes:
        path = "/" + route.path.lstrip("/")
        if path.startswith("/review/admin"):
            for method in route.methods:
                yield method, path


async def _try_admin_routes(browser, key):
    routes = sorted(admin_routes(browser.app))
    assert len(routes) >= 2
    results = []
    for method, path in routes:
        concrete = path.replace("<key:str>", key)
        if method == "GET":
            results.append((await browser.get(concrete)).status)
        else:
            results.append((await browser.post(concrete)).status)
    return routes, results


async def test_anonymous_is_sent_to_login_everywhere(stores, monkeypatch):
    key = await _seed(stores)
    async with visit(stores, monkeypatch) as browser:
        for path in ("/review", "/review/dashboard", f"/review/c/{key}",
                     "/review/training",
                     "/review/conversations.csv", "/review/dashboard.csv",
                     "/review/training.zip"):
            response = await browser.get(path)
            assert response.status == 303
            assert response.headers["Location"] == "/review/login"
        _, statuses = await _try_admin_routes(browser, key)
        assert set(statuses) == {303}


async def test_organizer_cannot_use_admin_routes(stores, monkeypatch):
    key = await _seed(stores)
    async with visit(stores, monkeypatch) as browser:
        await browser.login("organizer@example.org")
        _, statuses = await _try_admin_routes(browser, key)
        assert set(statuses) == {403}
        page = await browser.get(f"/review/c/{key}")
        assert page.status == 200  # the delete did not happen
        assert "Delete this conversation" not in page.text


async def test_admin_reads_audit_and_deletes(stores, monkeypatch):
    key = await _seed(stores)
    async with visit(stores, monkeypatch) as browser:
        await browser.login("admin@example.org", "admin")
        page = await browser.get(f"/review/c/{key}")
        assert "Delete this conversation" in page.text
        audit = await browser.get("/review/admin/audit")
        assert audit.status == 200 and "view transcript" in audit.text
        deleted = await browser.post(f"/review/admin/c/{key}/delete")
        assert deleted.status == 303
        assert (await browser.get(f"/review/c/{key}")).status == 404
        assert "delete conversation" in (await browser.get("/review/admin/audit")).text


async def test_every_form_needs_its_csrf_token(stores, monkeypatch):
    key = await _seed(stores)
    async with visit(stores, monkeypatch) as browser:
        await browser.login("admin@example.org", "admin")
        for path in (f"/review/c/{key}/review", f"/review/c/{key}/train",
                     "/review/training",
                     f"/review/admin/c/{key}/delete", "/review/logout"):
            for token in (None, "forged"):
                data = {"csrf": token} if token else {}
                response = await browser.post(path, data, csrf=False)
                assert response.status == 403, path
        assert (await browser.get(f"/review/c/{key}")).status == 200


async def test_login_refuses_forged_cookies_and_wrong_passwords(stores, monkeypatch):
    await _seed(stores)
    async with visit(stores, monkeypatch) as browser:
        from bot.review.accounts import add_user
        add_user(stores.puente, "ana@example.org", "a long password", "organizer")
        wrong = await browser.post("/review/login", {"email": "ana@example.org",
                                                     "password": "not it at all"})
        assert wrong.status == 401 and "do not match" in wrong.text
        browser.session.cookie_jar.clear()
        browser.session.cookie_jar.update_cookies(
            {"puente_review": "eyJ1IjogMX0=.forged"})
        assert (await browser.get("/review")).status == 303


async def test_login_is_rate_limited(stores, monkeypatch):
    await _seed(stores)
    async with visit(stores, monkeypatch) as browser:
        from bot.review.accounts import add_user
        add_user(stores.puente, "ana@example.org", "a long password", "organizer")
        for _ in range(5):
            response = await browser.post("/review/login", {"email": "ana@example.org",
                                                            "password": "guess guess"})
            assert response.status == 401
        blocked = await browser.post("/review/login", {"email": "ana@example.org",
                                                       "password": "a long password"})
        assert blocked.status == 429 and "wait 15 minutes" in blocked.text


async def test_views_and_exports_are_audited(stores, monkeypatch):
    key = await _seed(stores)
    async with visit(stores, monkeypatch) as browser:
        await browser.login("ana@example.org")
        page = await browser.get(f"/review/c/{key}")
        assert "no entiendo nada" in page.text and "nlu_fallback" in page.text
        csv = await browser.get("/review/conversations.csv?language=es")
        assert csv.status == 200 and key in csv.text
        assert (await browser.get("/review/dashboard.csv")).status == 200
        assert (await browser.get_bytes("/review/training.zip")).status == 200
        with stores.puente.connect() as connection:
            actions = connection.execute(select(AuditEntry.action, func.count())
                                         .group_by(AuditEntry.action)).all()
        assert dict(actions) == {"view transcript": 1, "export conversations": 1,
                                 "export dashboard": 1, "export training data": 1}


@pytest.mark.parametrize("path", ["/review", "/review/dashboard", "/review/training"])
async def test_pages_render_for_an_organizer(stores, monkeypatch, path):
    await _seed(stores)
    async with visit(stores, monkeypatch) as browser:
        await browser.login("ana@example.org")
        response = await browser.get(path)
        assert response.status == 200
        assert "default-src 'none'" in response.headers["Content-Security-Policy"]
