"""Conversation ids for WhatsApp users: a keyed hash of the phone number.

The phone number must never be stored (tracker, logs, database). A plain hash of a
phone number is easy to reverse by trying every number, so the hash is keyed with a
secret: ``PUENTE_ID_HASH_KEY`` or, when unset, a random key kept in the data folder.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path
from typing import Mapping

from bot import keys

KEY_ENV = "PUENTE_ID_HASH_KEY"
KEY_FILE = "id_hash.key"


def load_key(data_dir: Path, env: Mapping[str, str] | None = None) -> bytes:
    """Return the hashing key: ``PUENTE_ID_HASH_KEY``, else kept in ``data_dir``."""
    return keys.load_key(data_dir, KEY_FILE, KEY_ENV, env)


def keyed_hash(key: bytes, value: str) -> str:
    """HMAC-SHA256 of ``value`` under ``key``, hex."""
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


def sender_id(key: bytes, phone: str) -> str:
    """Return a WhatsApp user's conversation id (irreversible without the key)."""
    return "wa-" + keyed_hash(key, "phone:" + phone.lstrip("+"))[:40]
