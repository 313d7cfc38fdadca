"""Secret keys: from the environment, or made once in the data folder, safely.

Two keys sign and hide things families and organizers rely on: the web key signs
conversation tokens and review sessions, the identity key turns phone numbers into
conversation ids. Each comes from its environment variable in production, else
from a file in the data folder made on first use. The file is made readable by
its owner only from the start (never written first and restricted after), and
made atomically, so two servers starting together agree on one key.
"""

from __future__ import annotations

import os
import secrets
import string
from pathlib import Path
from typing import Mapping

_HEX = frozenset((string.hexdigits + string.whitespace).encode())


def load_key(data_dir: Path, file_name: str, env_name: str,
             env: Mapping[str, str] | None = None) -> bytes:
    """Return the key: ``env_name`` from the environment, else ``data_dir/file_name``.

    Files made here hold 64 hex characters. A file from an older version holding
    raw random bytes is read as it is, so tokens signed with it stay valid.
    """
    env = os.environ if env is None else env
    if env.get(env_name):
        return env[env_name].encode("utf-8")
    path = data_dir / file_name
    if not path.exists():
        _make(path)
    raw = path.read_bytes()
    return raw.strip() if set(raw) <= _HEX else raw


def _make(path: Path) -> None:
    """Write a new key to ``path`` unless another process got there first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(draft, path)  # atomic: fails if the key exists by now
        except FileExistsError:
            pass
    finally:
        draft.unlink(missing_ok=True)
