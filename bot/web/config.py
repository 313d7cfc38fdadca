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
}


@dataclass(frozen=True)
class WebSettings:
    """Who may embed the widget, and how fast one conversation or address may write."""

    allowed_origins: Tuple[str, ...]
    per_conversation: int
    per_address: int

    def allows(self, origin: str | None) -> bool:
        """Whether a page served from ``origin`` may call the chat endpoint."""
        return bool(origin) and (origin in self.allowed_origins
                                 or "*" in self.allowed_origins)


def load_web_settings(path: Path = SETTINGS_FILE,
                      env: Mapping[str, str] | None = None) -> WebSettings:
    """Read ``[web]``; ``PUENTE_WEB_ALLOWED_ORIGINS`` is a comma-separated list."""
    env = os.environ if env is None else env
    raw: dict[str, Any] = {**DEFAULTS, **tomli.loads(
        path.read_text(encoding="utf-8")).get("web", {})}

    def value(key: str) -> Any:
        return env.get(f"PUENTE_WEB_{key}".upper(), raw[key])

    origins = value("allowed_origins")
    if isinstance(origins, str):
        origins = [o.strip() for o in origins.split(",") if o.strip()]
    return WebSettings(
        allowed_origins=tuple(o.rstrip("/") for o in origins),
        per_conversation=int(value("messages_per_minute_per_conversation")),
        per_address=int(value("messages_per_minute_per_address")),
    )
