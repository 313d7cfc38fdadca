"""The pages server: the demo page with the chat, and the chat endpoint it uses.

A browser never talks to Rasa directly: ``POST /api/chat`` checks the conversation
token (:mod:`bot.web.conversations`), then forwards the message to Rasa's REST
channel on localhost with the server-issued sender id. Sanic is used because Rasa
already ships it (21.12): no second web stack to install or keep compatible.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Dict

import aiohttp
from sanic import Request, Sanic, response
from sanic.response import HTTPResponse

from bot.settings import Settings, load_settings
from bot.web.conversations import ConversationTokens, load_secret

STATIC = Path(__file__).with_name("static")
#: A chat message is text a parent typed: anything larger is refused before Rasa.
MAX_BODY_BYTES = 64 * 1024
RASA_TIMEOUT = aiohttp.ClientTimeout(total=30)


def create_app(settings: Settings, name: str = "puente_pages") -> Sanic:
    """Build the pages app for ``settings``."""
    app = Sanic(name)
    app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES
    tokens = ConversationTokens(
        load_secret(settings.data_dir, os.environ.get("PUENTE_SECRET_KEY"))
    )
    rasa_webhook = f"http://127.0.0.1:{settings.rasa_port}/webhooks/rest/webhook"

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

    @app.post("/api/chat")
    async def chat(request: Request) -> HTTPResponse:
        body: Dict[str, Any] = request.json if isinstance(request.json, dict) else {}
        message = body.get("message")
        if not isinstance(message, str):
            return response.json({"error": "bad_request"}, status=400)
        conversation_id = tokens.verify(body.get("token"))
        token = body.get("token")
        if conversation_id is None:
            conversation_id, token = tokens.issue()
        metadata = {}
        if body.get("language") in ("en", "es"):
            metadata["language"] = body["language"]
        payload = {"sender": conversation_id, "message": message, "metadata": metadata}
        try:
            async with aiohttp.ClientSession(timeout=RASA_TIMEOUT) as session:
                async with session.post(rasa_webhook, json=payload) as answer:
                    answer.raise_for_status()
                    messages = await answer.json()
        except (aiohttp.ClientError, TimeoutError):
            return response.json({"error": "unavailable", "token": token}, status=503)
        return response.json({"token": token, "messages": messages})

    return app


def main() -> None:
    """Serve the pages on the configured host and port."""
    settings = load_settings()
    create_app(settings).run(
        host=settings.host, port=settings.pages_port, access_log=False
    )


if __name__ == "__main__":
    main()
