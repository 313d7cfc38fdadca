"""The credentials file Rasa runs with: ``credentials.yml`` plus WhatsApp if set.

Rasa refuses to start when ``credentials.yml`` names an unset ``${VARIABLE}``, so the
WhatsApp section cannot sit in the committed file for everyone. ``make run`` writes a
copy under the data folder that adds it when the ``WHATSAPP_*`` variables are set.
The copy holds ``${...}`` references, not the secrets: Rasa reads them from its
environment, so no secret is ever written to disk.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Dict, Mapping

import yaml

from bot.channels.graph import DEFAULT_API_BASE, GraphClient
from bot.settings import PROJECT_ROOT

CHANNEL = "bot.channels.whatsapp.WhatsAppInput"
#: credentials key -> environment variable; the first four are required.
VARIABLES = {
    "phone_number_id": "WHATSAPP_PHONE_NUMBER_ID",
    "access_token": "WHATSAPP_ACCESS_TOKEN",
    "app_secret": "WHATSAPP_APP_SECRET",
    "verify_token": "WHATSAPP_VERIFY_TOKEN",
    "api_base": "WHATSAPP_API_BASE",
}
REQUIRED = ("phone_number_id", "access_token", "app_secret", "verify_token")


def whatsapp_section(env: Mapping[str, str]) -> Dict[str, Any] | None:
    """Return the channel's section (``${VAR}`` references), or None if unset."""
    if not all(env.get(VARIABLES[key]) for key in REQUIRED):
        return None
    return {key: f"${{{name}}}" for key, name in VARIABLES.items() if env.get(name)}


def sender_from_env(env: Mapping[str, str] | None = None) -> GraphClient | None:
    """Return a Graph API client from the ``WHATSAPP_*`` variables Rasa reads, or None.

    For senders outside the Rasa server (the program alerts of an import): the
    same variables, so one set of secrets serves both.
    """
    env = os.environ if env is None else env
    number, token = (env.get(VARIABLES[key]) for key in ("phone_number_id",
                                                         "access_token"))
    if not (number and token):
        return None
    return GraphClient(env.get(VARIABLES["api_base"]) or DEFAULT_API_BASE, number,
                       token)


def runtime_credentials(data_dir: Path, env: Mapping[str, str] | None = None) -> Path:
    """Write ``data_dir/credentials.yml`` (the project's, plus WhatsApp if set)."""
    env = os.environ if env is None else env
    credentials = yaml.safe_load((PROJECT_ROOT / "credentials.yml").read_text()) or {}
    section = whatsapp_section(env)
    if section:
        credentials[CHANNEL] = section
    path = data_dir / "credentials.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(credentials, sort_keys=False))
    return path
