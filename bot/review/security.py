"""Sessions and CSRF tokens of the review app (its sign-in limit: bot.web.limits).

A session is a signed cookie (HMAC-SHA256 over JSON with an expiry; itsdangerous
is not in Rasa's dependency set, and this is all it would do). It carries the user
id and a random CSRF token; every form posts that token back and is refused
without it. The login form gets an anonymous session first, so it is protected too.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

COOKIE = "puente_review"
#: A session lasts a working day; then the organizer signs in again.
SESSION_SECONDS = 8 * 3600


@dataclass(frozen=True)
class Session:
    """What the cookie says: who (``None`` before login), the CSRF token, expiry."""

    user_id: int | None
    csrf: str
    expires: float


class SessionSigner:
    """Turn sessions into cookie values and back, refusing forged or expired ones."""

    def __init__(self, secret: bytes, lifetime: float = SESSION_SECONDS) -> None:
        self._key = hmac.new(secret, b"puente-review-session", hashlib.sha256).digest()
        self._lifetime = lifetime

    def new(self, user_id: int | None = None) -> Session:
        """Start a fresh session (a new CSRF token each time one signs in or out)."""
        return Session(user_id, secrets.token_urlsafe(24), time.time() + self._lifetime)

    def dump(self, session: Session) -> str:
        """Return the cookie value for ``session``."""
        body = base64.urlsafe_b64encode(json.dumps(
            {"u": session.user_id, "c": session.csrf, "e": session.expires}).encode())
        return body.decode() + "." + self._sign(body)

    def load(self, value: str | None) -> Session | None:
        """Read the session in a cookie value; ``None`` if forged, broken or expired."""
        if not value or "." not in value:
            return None
        body, signature = value.rsplit(".", 1)
        if not hmac.compare_digest(signature, self._sign(body.encode())):
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(body.encode()))
            session = Session(data["u"], str(data["c"]), float(data["e"]))
        except (ValueError, KeyError, TypeError):
            return None
        return session if session.expires > time.time() else None

    def _sign(self, body: bytes) -> str:
        digest = hmac.new(self._key, body, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def csrf_ok(session: Session | None, token: str | None) -> bool:
    """Whether a form's token is the one its session was given."""
    return bool(session and token and hmac.compare_digest(session.csrf, token))
