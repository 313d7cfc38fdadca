"""Conversation ids for the web chat: issued by the server, checked on every message.

Rasa's REST channel trusts whatever sender id a client sends, so a browser could read
or write someone else's conversation by guessing an id. The pages server therefore
issues a random id and hands the browser a token that carries it with an HMAC
signature; a message with a missing or forged token starts a new conversation.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from pathlib import Path
from typing import Mapping

from bot import keys

_ID_BYTES = 18


def load_secret(data_dir: Path, env: Mapping[str, str] | None = None) -> bytes:
    """Load the signing key: ``PUENTE_SECRET_KEY``, else a file made on first run."""
    return keys.load_key(data_dir, "secret.key", "PUENTE_SECRET_KEY", env)


class ConversationTokens:
    """Issue and verify signed conversation tokens."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _sign(self, conversation_id: str) -> str:
        digest = hmac.new(
            self._secret, conversation_id.encode(), hashlib.sha256
        ).digest()
        return base64.urlsafe_b64encode(digest[:18]).decode().rstrip("=")

    def issue(self) -> tuple[str, str]:
        """Make a new random conversation id and the token that proves it."""
        conversation_id = "web-" + secrets.token_urlsafe(_ID_BYTES)
        return conversation_id, f"{conversation_id}.{self._sign(conversation_id)}"

    def verify(self, token: str | None) -> str | None:
        """Return the conversation id ``token`` proves, or ``None`` if none."""
        if not token or "." not in token:
            return None
        conversation_id, signature = token.rsplit(".", 1)
        if hmac.compare_digest(signature, self._sign(conversation_id)):
            return conversation_id
        return None
