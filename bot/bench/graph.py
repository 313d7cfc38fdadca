"""A fake Graph API on loopback, for the WhatsApp tests and ``make scale-test``.

The fake speaks the real wire format: it records every request the channel sends
and answers with Meta's documented response (tests/data/whatsapp/meta), or with the
statuses a test scripts (500 then 200, 400...).
"""

from __future__ import annotations

import asyncio
import copy
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List

from aiohttp import web

from bot.bench.ports import free_port
from bot.settings import PROJECT_ROOT

#: Meta's own samples, copied from the project's ../shared/whatsapp (meta/COPIED.md).
SAMPLES = PROJECT_ROOT / "tests" / "data" / "whatsapp" / "meta"


def sample(name: str) -> Dict[str, Any]:
    """One of Meta's JSON samples, by file name without ``.json``."""
    loaded: Dict[str, Any] = json.loads(
        (SAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return loaded


def addressee(request: Dict[str, Any]) -> str:
    """Whom a Graph API send is for: a phone number or a business-scoped user id."""
    return str(request.get("to") or request.get("recipient"))


def messages_of(body: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Return every inbound message object of a notification (to edit them)."""
    return [
        m
        for e in body["entry"]
        for c in e["changes"]
        for m in c["value"].get("messages", [])
    ]


def fresh(body: Dict[str, Any], suffix: str = "", **message: Any) -> Dict[str, Any]:
    """Return a copy of a sample sent now: timestamp now, unique ids, fields set."""
    body = copy.deepcopy(body)
    for inbound in messages_of(body):
        inbound["timestamp"] = str(int(time.time()))
        inbound["id"] += suffix
        inbound.update(message)
    return body


def from_phone(body: Dict[str, Any], phone: str, **message: Any) -> Dict[str, Any]:
    """Return a fresh copy of a sample, sent by ``phone`` now."""
    body = fresh(body, suffix=phone, **{"from": phone}, **message)
    for entry in body["entry"]:
        for change in entry["changes"]:
            for contact in change["value"].get("contacts", []):
                contact["wa_id"] = phone
    return body


def text_from(phone: str, text: str) -> Dict[str, Any]:
    """Return Meta's notification of a text ``phone`` sends now, with a new id."""
    return from_phone(
        sample("02_inbound_text"),
        phone,
        text={"body": text},
        id=f"wamid.{phone}.{time.monotonic_ns()}",
    )


#: A scripted answer: hold the request and never answer it (the sender times out,
#: or dies while waiting).
HANG = "hang"


@dataclass
class FakeGraph:
    """A loopback Graph API: ``POST /{phone_number_id}/messages``.

    Every request is recorded with what it was answered (``status``: 200, a
    scripted error, or ``HANG``); tests wait on the recording itself (``until``),
    never for a while.
    """

    port: int = field(default_factory=free_port)
    requests: List[Dict[str, Any]] = field(default_factory=list)
    #: Answers to give, per recipient, before answering 200 again: an HTTP status
    #: or ``HANG``. Per recipient, so that one test's script cannot be used up by
    #: another conversation's late retry.
    script: Dict[str, List[int | str]] = field(default_factory=dict)
    #: Called, in the fake's thread, with each request's body once it is recorded
    #: (the scale test wakes the conversation it answers).
    listeners: List[Callable[[Dict[str, Any]], None]] = field(default_factory=list)
    _loop: asyncio.AbstractEventLoop | None = None
    _stopping: asyncio.Event | None = None
    _recorded: threading.Condition = field(default_factory=threading.Condition)

    @property
    def base(self) -> str:
        """The Graph API's base address, as ``WHATSAPP_API_BASE`` takes it."""
        return f"http://127.0.0.1:{self.port}/v21.0"

    async def _messages(self, request: web.Request) -> web.Response:
        body = await request.json()
        waiting = self.script.get(addressee(body), [])
        status = waiting.pop(0) if waiting else 200
        with self._recorded:
            self.requests.append(
                {
                    "path": request.path,
                    "authorization": request.headers.get("Authorization"),
                    "json": body,
                    "status": status,
                }
            )
            self._recorded.notify_all()
        for listener in self.listeners:
            listener(body)
        if isinstance(status, str):  # HANG
            assert self._stopping is not None  # set by start()
            await self._stopping.wait()
            return web.json_response({}, status=503)
        if status == 200:
            return web.json_response(sample("13_send_response"))
        error = {
            "error": {
                "message": "(#131030) Recipient phone number +16505551234 "
                "not in allowed list",
                "type": "OAuthException",
                "code": 131030 if status == 400 else 131000,
            }
        }
        return web.json_response(error, status=status)

    def start(self) -> FakeGraph:
        """Serve in a thread of its own (tests and Rasa call it from elsewhere)."""
        ready = threading.Event()

        def serve() -> None:
            self._loop = asyncio.new_event_loop()
            self._stopping = asyncio.Event()
            app = web.Application()
            app.router.add_post("/v21.0/{number}/messages", self._messages)
            runner = web.AppRunner(app)
            self._loop.run_until_complete(runner.setup())
            self._loop.run_until_complete(
                web.TCPSite(runner, "127.0.0.1", self.port).start()
            )
            ready.set()
            self._loop.run_forever()
            self._loop.run_until_complete(runner.cleanup())

        threading.Thread(target=serve, daemon=True).start()
        ready.wait(10)
        return self

    def stop(self) -> None:
        """Let held requests go and stop serving."""
        if self._loop:
            assert self._stopping is not None  # made with the loop
            self._loop.call_soon_threadsafe(self._stopping.set)
            self._loop.call_soon_threadsafe(self._loop.stop)

    def until(
        self,
        done: Callable[[List[Dict[str, Any]]], bool],
        timeout: float = 60,
    ) -> List[Dict[str, Any]]:
        """Return the requests once ``done`` holds for them (or at the timeout)."""
        with self._recorded:
            self._recorded.wait_for(lambda: done(self.requests), timeout)
            return list(self.requests)

    def wait_for(self, count: int, timeout: float = 60) -> List[Dict[str, Any]]:
        """Return the requests once at least ``count`` have arrived."""
        return self.until(lambda requests: len(requests) >= count, timeout)
