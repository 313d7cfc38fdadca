"""The widget endpoint's own settings: the ``[web]`` section of ``puente.toml``.

Kept beside :mod:`bot.settings` rather than in it so the widget's knobs (CORS and
rate limits) travel with the widget; the same ``PUENTE_WEB_<KEY>`` environment
overrides apply, as for every other setting.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Tuple

import tomli

from bot.settings import SETTINGS_FILE

#: Used when ``puente.toml`` has no ``[web]`` section (an older checkout).
DEFAULTS = {
    "allowed_origins": [],
    "messages_per_minute_per_conversation": 20,
    "messages_per_minute_per_address": 60,
    "trusted_proxies": [],
}


@dataclass(frozen=True)
class WebSettings:
    """Who may embed the widget, how fast one conversation or address may write, and
    which reverse proxies' forwarded headers are believed (:mod:`bot.web.proxy`)."""

    allowed_origins: Tuple[str, ...]
    per_conversation: int
    per_address: int
    trusted_proxies: Tuple[str, ...] = ()

    def allows(self, origin: str | None) -> bool:
        """Whether a page served from ``origin`` may call the chat endpoint."""
        return bool(origin) and (origin in self.allowed_origins
                                 or "*" in self.allowed_origins)


def load_web_settings(path: Path = SETTINGS_FILE,
                      env: Mapping[str, str] | None = None) -> WebSettings:
    """Read ``[web]``; ``PUENTE_WEB_ALLOWED_ORIGINS`` and ``PUENTE_WEB_TRUSTED_PROXIES``
    are comma-separated lists."""
    env = os.environ if env is None else env
    raw: dict[str, Any] = {**DEFAULTS, **tomli.loads(
        path.read_text(encoding="utf-8")).get("web", {})}

    def value(key: str) -> Any:
        return env.get(f"PUENTE_WEB_{key}".upper(), raw[key])

    def listed(key: str) -> Tuple[str, ...]:
        items = value(key)
        if isinstance(items, str):
            items = items.split(",")
        return tuple(str(item).strip() for item in items if str(item).strip())

    return WebSettings(
        allowed_origins=tuple(o.rstrip("/") for o in listed("allowed_origins")),
        per_conversation=int(value("messages_per_minute_per_conversation")),
        per_address=int(value("messages_per_minute_per_address")),
        trusted_proxies=listed("trusted_proxies"),
    )
