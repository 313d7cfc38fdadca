"""The pages server: the demo page with the chat widget, and the widget's endpoint.

A browser never talks to Rasa directly. ``POST /api/chat`` checks the conversation
token (:mod:`bot.web.conversations`), counts the message against the rate limits
(:mod:`bot.web.limits`), then forwards it to Rasa's REST channel on localhost with
the server-issued sender id (a WhatsApp number typed for a program alert is kept
sealed and never passed on: :mod:`bot.web.alert_numbers`); ``GET /api/history``
reads back only the conversation the token proves (:mod:`bot.web.history`). REST
rather than socket.io: one request per message is all the widget needs, it passes
through any proxy, and the server can check every message before Rasa sees it.
Sanic is used because Rasa already ships it (21.12): no second web stack to install
or keep compatible.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Dict

import aiohttp
from sanic import Request, Sanic, response
from sanic.exceptions import PayloadTooLarge
from sanic.response import HTTPResponse
from sqlalchemy.exc import SQLAlchemyError

from bot.channels import identity
from bot.conversations.message_ids import marked, valid_id
from bot.db import make_engine, require_schema
from bot.lang.detect import language_of
from bot.programs import numbers
from bot.review.tracker import tracker_url
from bot.review.web import Review, review_blueprint
from bot.settings import Settings, load_settings
from bot.web.alert_numbers import AlertNumbers, Forward
from bot.web.conversations import ConversationTokens, load_secret
from bot.web.history import conversation_language, history
from bot.web.limits import RateLimiter
from bot.web.messages import say
from bot.web.proxy import TrustedProxies, client_address, remember

STATIC = Path(__file__).with_name("static")
#: A chat message is text a parent typed: anything larger is refused before Rasa.
MAX_BODY_BYTES = 16 * 1024
RASA_TIMEOUT = aiohttp.ClientTimeout(total=30)
CORS_HEADERS = {
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Authorization",
    "Access-Control-Max-Age": "600",
}


def _error(key: str, language: object, status: int, **extra: Any) -> HTTPResponse:
    """Return a kind, localized error the widget shows as it is."""
    return response.json({"error": key, "message": say(key, language), **extra},
                         status=status)


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else None


def create_app(settings: Settings, name: str = "puente_pages") -> Sanic:
    """Build the pages app for ``settings``."""
    web = settings.web
    app = Sanic(name)
    app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES
    secret = load_secret(settings.data_dir)
    tokens = ConversationTokens(secret)
    require_schema(settings.database_url)
    database = make_engine(settings.database_url, create=False)
    limiter = RateLimiter(database, secret, web.per_conversation, web.per_address)
    alert_numbers = (AlertNumbers(database, identity.load_key(settings.data_dir))
                     if settings.alerts.web_takes_whatsapp else None)
    tracker_address = tracker_url(settings)  # the endpoints file, read once
    tracker = make_engine(tracker_address, create=False)
    rasa_webhook = settings.rasa_webhook

    async def spoken_language(conversation_id: str) -> str | None:
        """Read the conversation's language; None when the store cannot say.

        The widget then keeps its own, and the answer is sent all the same.
        """
        try:
            return await asyncio.to_thread(conversation_language, tracker,
                                           conversation_id)
        except SQLAlchemyError:
            return None

    async def screened(conversation_id: str, message: str) -> Forward | None:
        """Return what Rasa gets for ``message``; None: the family must try again.

        With the database down it cannot be known whether a number typed is the
        alert's: it is neither passed on in clear nor lost, the family tries again.
        """
        if alert_numbers is None:
            return Forward(message)
        try:
            return await asyncio.to_thread(alert_numbers.screen, conversation_id,
                                           message)
        except SQLAlchemyError:
            return None if numbers.screen(message).number_like else Forward(message)

    proxies = TrustedProxies.parse(web.trusted_proxies)

    @app.on_request
    async def who_is_asking(request: Request) -> None:
        remember(request, proxies)

    app.static("/static", str(STATIC))

    @app.get("/")
    async def demo_page(request: Request) -> HTTPResponse:
        return await response.file(STATIC / "index.html")

    @app.get("/privacy")
    async def privacy_page(request: Request) -> HTTPResponse:
        return await response.file(STATIC / "privacy.html")

    @app.get("/healthz")
    async def health(request: Request) -> HTTPResponse:
        return response.json({"status": "ok"})

    @app.route("/api/<endpoint:(chat|history)>", methods=["OPTIONS"])
    async def preflight(request: Request, endpoint: str) -> HTTPResponse:
        return response.empty()

    @app.get("/api/history")
    async def read_history(request: Request) -> HTTPResponse:
        """Return the token's conversation; a forged token reads nothing."""
        language = request.args.get("language")
        info = {"retention_days": settings.retention_days}
        token = _bearer(request)
        if token is None:
            return response.json({"messages": [], **info})
        conversation_id = tokens.verify(token)
        if conversation_id is None:
            return _error("unknown_conversation", language, 403, messages=[], **info)
        try:
            messages = await asyncio.to_thread(history, tracker, conversation_id)
        except SQLAlchemyError:
            return _error("unavailable", language, 503, messages=[], **info)
        spoken = await spoken_language(conversation_id)
        return response.json({"messages": messages, "language": spoken, **info})

    @app.post("/api/chat")
    async def chat(request: Request) -> HTTPResponse:
        """Check the token and the limits, then pass the message to Rasa."""
        try:
            parsed = request.json
            body: Dict[str, Any] = parsed if isinstance(parsed, dict) else {}
        except Exception:  # noqa: BLE001 - Sanic raises its own error for bad JSON
            body = {}
        language = language_of(body.get("language"))
        message = body.get("message")
        if not isinstance(message, str) or not message.strip():
            return _error("bad_request", language, 400)
        conversation_id = tokens.verify(body.get("token"))
        token = body.get("token")
        if conversation_id is None:
            conversation_id, token = tokens.issue()
        address = client_address(request)
        if not await asyncio.to_thread(limiter.allow, conversation_id, address):
            return _error("rate_limited", language, 429, token=token)
        metadata: Dict[str, Any] = {}
        if body.get("language"):
            metadata["language"] = language
        message_id = valid_id(body.get("message_id"))
        if message_id is not None:  # the widget's own id: a retry is answered once
            metadata.update(marked(message_id, body.get("retry") is True))
        forward = await screened(conversation_id, message)
        if forward is None:
            return _error("unavailable", language, 503, token=token)
        payload = {"sender": conversation_id, "message": forward.message,
                   "metadata": metadata}
        try:
            async with aiohttp.ClientSession(timeout=RASA_TIMEOUT) as session:
                async with session.post(rasa_webhook, json=payload) as answer:
                    answer.raise_for_status()
                    messages = await answer.json()
        except (aiohttp.ClientError, asyncio.TimeoutError):
            return _error("unavailable", language, 503, token=token)
        if alert_numbers is not None and forward.number is not None:
            try:
                await asyncio.to_thread(alert_numbers.keep, conversation_id,
                                        forward.number)
            except SQLAlchemyError:  # "Try again" screens it again: Rasa replays
                return _error("unavailable", language, 503, token=token)
        spoken = await spoken_language(conversation_id)
        return response.json({"token": token, "messages": messages,
                              "language": spoken})

    @app.exception(PayloadTooLarge)
    async def too_large(request: Request, exception: Exception) -> HTTPResponse:
        return _error("too_large", request.args.get("language"), 413)

    @app.on_response
    async def cors(request: Request, reply: HTTPResponse) -> None:
        """Let the pages listed in ``[web] allowed_origins`` call the API."""
        origin = request.headers.get("origin")
        if request.path.startswith("/api/") and web.allows(origin):
            reply.headers.update({"Access-Control-Allow-Origin": origin,
                                  "Vary": "Origin", **CORS_HEADERS})

    app.blueprint(review_blueprint(
        settings, Review(settings, tracker=make_engine(tracker_address))))
    return app


def main() -> None:
    """Serve the pages on the configured host and port."""
    settings = load_settings()
    create_app(settings).run(
        host=settings.host, port=settings.pages_port, access_log=False
    )


if __name__ == "__main__":
    main()
