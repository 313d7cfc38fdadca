"""Sessions, CSRF tokens and the login rate limit of the review app.

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
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Deque, Dict

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
        """A fresh session (a new CSRF token every time someone signs in or out)."""
        return Session(user_id, secrets.token_urlsafe(24), time.time() + self._lifetime)

    def dump(self, session: Session) -> str:
        """The cookie value for ``session``."""
        body = base64.urlsafe_b64encode(json.dumps(
            {"u": session.user_id, "c": session.csrf, "e": session.expires}).encode())
        return body.decode() + "." + self._sign(body)

    def load(self, value: str | None) -> Session | None:
        """The session in a cookie value, or ``None`` if forged, broken or expired."""
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


class LoginLimiter:
    """At most ``attempts`` failed logins per ``window`` seconds per address and email.

    Kept in memory: the pages server is one process, and a restart forgetting a
    few failures is harmless next to argon2's cost per guess.
    """

    def __init__(self, attempts: int = 5, window: float = 900) -> None:
        self._attempts = attempts
        self._window = window
        self._failures: Dict[str, Deque[float]] = defaultdict(deque)

    def _recent(self, key: str, now: float) -> Deque[float]:
        failures = self._failures[key]
        while failures and failures[0] < now - self._window:
            failures.popleft()
        return failures

    def blocked(self, *keys: str) -> bool:
        """Whether any of ``keys`` (address, email) has used up its attempts."""
        now = time.time()
        return any(len(self._recent(key, now)) >= self._attempts for key in keys)

    def failed(self, *keys: str) -> None:
        """Count one failed attempt against each key."""
        now = time.time()
        for key in keys:
            self._recent(key, now).append(now)

    def succeeded(self, *keys: str) -> None:
        """Forget the failures of a user who got in."""
        for key in keys:
            self._failures.pop(key, None)
