"""The pages server with the review app, served for real on a free port."""

from __future__ import annotations

import re
import uuid
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from typing import AsyncIterator

import aiohttp
from sanic import Sanic

from bot.bench.ports import free_port
from bot.review.accounts import add_user
from bot.settings import WebSettings
from bot.web.app import create_app

PASSWORD = "correct horse battery"
#: The pages app's secret (``PUENTE_SECRET_KEY``): tests sign conversation tokens.
SECRET = "test-secret"
#: Several apps start in one test process; Sanic's own test switch allows that.
Sanic.test_mode = True


@dataclass
class Reply:
    """What the browser got back."""

    status: int
    text: str
    headers: dict


@dataclass
class Download:
    """A file the browser got back."""

    status: int
    body: bytes
    headers: dict


class Browser:
    """A visitor of the review app (anonymous until :meth:`login`), with cookies."""

    def __init__(self, app, base: str, stores, session: aiohttp.ClientSession) -> None:
        self.app, self.base, self.stores, self.session = app, base, stores, session

    async def get(self, path: str) -> Reply:
        async with self.session.get(self.base + path, allow_redirects=False) as r:
            return Reply(r.status, await r.text(), dict(r.headers))

    async def get_bytes(self, path: str) -> Download:
        """GET a file (a PDF): its bytes, not text."""
        async with self.session.get(self.base + path, allow_redirects=False) as r:
            return Download(r.status, await r.read(), dict(r.headers))

    async def post(self, path: str, data: dict | None = None,
                   csrf: bool = True) -> Reply:
        data = dict(data or {})
        if csrf:
            data.setdefault("csrf", await self.csrf())
        async with self.session.post(self.base + path, data=data,
                                     allow_redirects=False) as r:
            return Reply(r.status, await r.text(), dict(r.headers))

    async def csrf(self) -> str:
        """The CSRF token the current session's forms carry."""
        page = await self.get("/review/training")
        if page.status != 200:
            page = await self.get("/review/login")
        return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)

    async def login(self, email: str, role: str = "organizer") -> None:
        add_user(self.stores.puente, email, PASSWORD, role)
        reply = await self.post("/review/login", {"email": email, "password": PASSWORD})
        assert reply.status == 303, reply.text


def pages_app(stores, monkeypatch, web: WebSettings | None = None) -> Sanic:
    """The real pages app reading ``stores``, not served: Sanic's ASGI test client
    (``app.asgi_client``) reaches its handlers without a port.

    ``web``: the ``[web]`` settings, the defaults when not given.
    """
    monkeypatch.setenv("PUENTE_SECRET_KEY", SECRET)
    settings = replace(stores.settings, web=web or stores.settings.web)
    return create_app(settings, name=f"review_{uuid.uuid4().hex[:8]}")


@asynccontextmanager
async def pages_server(stores, monkeypatch, web: WebSettings | None = None
                       ) -> AsyncIterator[str]:
    """The real pages app on a free port, reading ``stores``; yields its address."""
    app = pages_app(stores, monkeypatch, web)
    port = free_port()
    server = await app.create_server(host="127.0.0.1", port=port,
                                     return_asyncio_server=True, access_log=False)
    await server.startup()
    await server.after_start()
    try:
        yield app, f"http://127.0.0.1:{port}"
    finally:
        await server.before_stop()
        server.close()
        await server.wait_closed()
        await server.after_stop()


@asynccontextmanager
async def browser(stores, monkeypatch) -> AsyncIterator[Browser]:
    """A fresh visitor of a freshly started review app."""
    async with pages_server(stores, monkeypatch) as (app, base):
        jar = aiohttp.CookieJar(unsafe=True)  # keep cookies of 127.0.0.1
        async with aiohttp.ClientSession(cookie_jar=jar) as session:
            yield Browser(app, base, stores, session)
