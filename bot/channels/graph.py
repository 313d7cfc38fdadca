"""Sending messages through Meta's Graph API (WhatsApp Business Cloud API).

``POST {base}/{phone_number_id}/messages`` with a bearer token. Meta answers 5xx
when it has trouble, and a request can time out or find no connection: those are
retried with a growing pause, then reported ``FAILED`` so that the message waits in
the inbox for a later try. 429 means "too fast, try later" and is retried the
same way. Any other 4xx means the request itself is wrong (expired token, user
outside the 24-hour window...): retrying would not help, so the message is given up
(``REFUSED``) and logged -- without the phone number.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from dataclasses import dataclass
from enum import Enum
from typing import Any, Dict, Sequence

import aiohttp

logger = logging.getLogger(__name__)

DEFAULT_API_BASE = "https://graph.facebook.com/v21.0"

#: Digit runs long enough to be a phone number, removed from logged errors.
_NUMBER = re.compile(r"\+?\d[\d ()-]{5,}\d")


class Sent(Enum):
    """What became of one message sent to Meta."""

    #: Meta accepted it.
    ACCEPTED = "accepted"
    #: Meta refused the request itself (4xx): trying again would not help.
    REFUSED = "refused"
    #: Meta had trouble or could not be reached, every try: worth trying later.
    FAILED = "failed"


@dataclass(frozen=True)
class Retry:
    """How often and how patiently a failed send is tried again."""

    attempts: int = 4
    first_pause: float = 1.0
    factor: float = 2.0

    def pauses(self) -> Sequence[float]:
        """Return the pause before each retry (one fewer than the attempts)."""
        return [self.first_pause * self.factor**n for n in range(self.attempts - 1)]


class GraphClient:
    """Sends WhatsApp messages for one business phone number."""

    def __init__(
        self,
        api_base: str,
        phone_number_id: str,
        access_token: str,
        retry: Retry = Retry(),
        timeout: float = 20.0,
    ) -> None:
        self.url = f"{api_base.rstrip('/')}/{phone_number_id}/messages"
        self._headers = {"Authorization": f"Bearer {access_token}"}
        self.retry = retry
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    async def send(
        self,
        session: aiohttp.ClientSession,
        to: str,
        message: Dict[str, Any],
        conversation: str,
    ) -> Sent:
        """Send one message to ``to``, retrying Meta's trouble and time-outs.

        Args:
            session: an open aiohttp session (one per answer).
            to: the user's phone number (kept in memory only), or their
                business-scoped user id when WhatsApp withholds the number.
            message: the body without the addressing fields (see ``shaping``).
            conversation: the hashed conversation id, the only id ever logged.

        """
        body = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            # A business-scoped user id ("US.1349...") goes in ``recipient``.
            ("recipient" if "." in to else "to"): to,
            **message,
        }
        pauses = list(self.retry.pauses())
        while True:
            status, detail = await self._post(session, body)
            if status is not None and 200 <= status < 300:
                return Sent.ACCEPTED
            retryable = status is None or status == 429 or status >= 500
            if not retryable or not pauses:
                logger.warning(
                    "WhatsApp send to conversation %s given up: HTTP %s %s",
                    conversation,
                    status,
                    detail,
                )
                return Sent.FAILED if retryable else Sent.REFUSED
            logger.info(
                "WhatsApp send to conversation %s failed (HTTP %s), retrying",
                conversation,
                status,
            )
            await asyncio.sleep(pauses.pop(0))

    async def _post(
        self, session: aiohttp.ClientSession, body: Dict[str, Any]
    ) -> tuple[int | None, str]:
        """One attempt: (HTTP status or None when unreachable, Meta's error summary)."""
        try:
            async with session.post(
                self.url, json=body, headers=self._headers, timeout=self._timeout
            ) as response:
                if response.status < 300:
                    return response.status, ""
                return response.status, _error_summary(await response.text())
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            return None, type(error).__name__


def _error_summary(text: str) -> str:
    """Meta's error code and message, with anything like a phone number removed."""
    try:
        error = json.loads(text).get("error") or {}
    except (ValueError, AttributeError):
        return ""
    message = _NUMBER.sub("<number>", str(error.get("message") or ""))[:200]
    return f"code={error.get('code')} {message}"
