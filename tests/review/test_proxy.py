"""Behind a reverse proxy: forwarded headers count only from the proxies we trust.

The pages server (chat widget and review app) is started for real; requests come
from 127.0.0.1, which is trusted or not depending on ``[web] trusted_proxies``.
"""

from __future__ import annotations

import aiohttp
import pytest

from bot.settings import SETTINGS_FILE, WebSettings, load_settings
from bot.web.proxy import TrustedProxies
from tests.review.webapp import PASSWORD, pages_server

NGINX = "127.0.0.1"
PROXIES = TrustedProxies.parse([NGINX, "10.0.0.0/8"])


@pytest.mark.parametrize("peer, chain, client", [
    ("203.0.113.7", ["198.51.100.1"], "203.0.113.7"),  # no proxy: the header is a lie
    (NGINX, ["198.51.100.1"], "198.51.100.1"),
    (NGINX, ["6.6.6.6, 198.51.100.1"], "198.51.100.1"),  # the client wrote 6.6.6.6
    (NGINX, ["198.51.100.1, 10.1.2.3"], "198.51.100.1"),  # through two of ours
    (NGINX, [], NGINX),
    (NGINX, ["not-an-address"], NGINX),
])
def test_the_client_is_the_last_hop_that_is_not_ours(peer, chain, client):
    assert PROXIES.client(peer, chain) == client


@pytest.mark.parametrize("peer, scheme, proto, https", [
    (NGINX, "http", "https", True),
    ("203.0.113.7", "http", "https", False),  # only our proxy may say so
    (NGINX, "http", None, False),
    ("203.0.113.7", "https", None, True),  # served over TLS directly
])
def test_https_is_believed_from_our_proxy_only(peer, scheme, proto, https):
    assert PROXIES.https(peer, scheme, proto) is https


def test_the_setting_reads_from_the_file_and_the_environment(tmp_path):
    path = tmp_path / "puente.toml"
    path.write_text(SETTINGS_FILE.read_text().replace(
        "trusted_proxies = []", 'trusted_proxies = ["127.0.0.1"]'))
    assert load_settings(path, env={}).web.trusted_proxies == ("127.0.0.1",)
    env = {"PUENTE_WEB_TRUSTED_PROXIES": "10.0.0.1, 10.0.0.2"}
    assert load_settings(path, env=env).web.trusted_proxies == ("10.0.0.1", "10.0.0.2")


def _web(trusted: tuple[str, ...], per_address: int = 60) -> WebSettings:
    return WebSettings(allowed_origins=(), per_conversation=100,
                       per_address=per_address, trusted_proxies=trusted)


async def _chat(session: aiohttp.ClientSession, base: str, forwarded: str) -> int:
    async with session.post(f"{base}/api/chat", json={"message": "hi"},
                            headers={"X-Forwarded-For": forwarded}) as reply:
        return reply.status


@pytest.mark.parametrize("trusted, second_family", [((NGINX,), 200), ((), 429)])
async def test_families_behind_the_proxy_each_have_their_own_limit(
    stores, monkeypatch, trusted, second_family
):
    """Two families' messages through nginx: with nginx trusted, the first family
    reaching the per-address limit does not stop the second; untrusted, the
    forwarded address is ignored and they share one limit (a client cannot
    escape the limit by writing the header itself)."""
    async with pages_server(stores, monkeypatch, _web(trusted, per_address=2)) as (
        _, base
    ), aiohttp.ClientSession() as session:
        first = [await _chat(session, base, "198.51.100.1") for _ in range(3)]
        assert first[2] == 429
        status = await _chat(session, base, "198.51.100.2")
        # No Rasa runs here: a message the limiter lets through is answered kindly
        # with "unavailable" (503); a limited one gets 429.
        assert (status == 429) is (second_family == 429), status


@pytest.mark.parametrize("trusted, secure", [((NGINX,), True), ((), False)])
async def test_the_session_cookie_is_secure_when_served_over_https(
    stores, monkeypatch, trusted, secure
):
    from bot.review.accounts import add_user

    add_user(stores.puente, "ana@example.org", PASSWORD, "organizer")
    async with pages_server(stores, monkeypatch, _web(trusted)) as (_, base), \
            aiohttp.ClientSession() as session:
        async with session.get(f"{base}/review/login",
                               headers={"X-Forwarded-Proto": "https"}) as reply:
            cookie = reply.headers.getall("Set-Cookie")
    session_cookie = next(c for c in cookie if c.startswith("puente_review="))
    assert ("Secure" in session_cookie) is secure, session_cookie
