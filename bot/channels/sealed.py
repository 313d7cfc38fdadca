"""Sealing what a family wrote while it waits in the database to be answered.

A message waiting for its answer must keep the sender's phone number (the only
address to answer) and their words. Neither is stored in clear: both are sealed with
AES-GCM under a key derived from the id-hash key (``identity``), with the row's id
as associated data, so a database dump or backup reveals nothing and a sealed value
cannot be moved to another row. Rows are deleted once answered (``inbox``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

#: Separates the sealing key from every other use of the id-hash key.
PURPOSE = b"puente whatsapp inbox seal v1"
NONCE_BYTES = 12


def _cipher(key: bytes) -> AESGCM:
    """Return the AES-256-GCM cipher for ``key`` (derived: never the key itself)."""
    return AESGCM(hmac.new(key, PURPOSE, hashlib.sha256).digest())


def seal(key: bytes, row: str, value: Any) -> bytes:
    """Return ``value`` (JSON) encrypted and authenticated for the row ``row``."""
    nonce = os.urandom(NONCE_BYTES)
    plain = json.dumps(value, ensure_ascii=False).encode("utf-8")
    return nonce + _cipher(key).encrypt(nonce, plain, row.encode("utf-8"))


def unseal(key: bytes, row: str, sealed: bytes) -> Any:
    """Return the value sealed for ``row``; raises if it was altered or moved."""
    nonce, cipher_text = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
    plain = _cipher(key).decrypt(nonce, cipher_text, row.encode("utf-8"))
    return json.loads(plain.decode("utf-8"))
