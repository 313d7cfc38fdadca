"""Meta's ``X-Hub-Signature-256`` check.

Meta signs the exact bytes it sends: the HMAC must be computed over the raw request
body, never over JSON parsed and serialized again (accents and spacing would change
the bytes and every Spanish message would be rejected).
"""

from __future__ import annotations

import hashlib
import hmac

PREFIX = "sha256="


def sign(app_secret: str, body: bytes) -> str:
    """Return the header value Meta sends for ``body`` (also used by tests)."""
    digest = hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return PREFIX + digest


def is_valid(app_secret: str, body: bytes, header: str | None) -> bool:
    """Whether ``header`` is Meta's signature of ``body`` (constant-time compare)."""
    if not app_secret or not header or not header.startswith(PREFIX):
        return False
    return hmac.compare_digest(sign(app_secret, body), header.strip())
