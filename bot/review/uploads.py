"""Checked program files waiting for an organizer to look at the preview and apply.

The file is kept on the server between the preview and "Apply", so what is applied
is exactly what was checked and previewed: the browser only names it by a random
token, which works for the organizer who uploaded it and nobody else. Files older
than :data:`KEEP_SECONDS` are removed on the next upload.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

#: How long a previewed file waits for "Apply".
KEEP_SECONDS = 3600
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


@dataclass(frozen=True)
class Upload:
    """A checked file: its name as uploaded, its text, and who uploaded it."""

    filename: str
    text: str
    user_id: int


class UploadStore:
    """Checked files in one folder, one JSON file each, named by token."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def keep(self, upload: Upload) -> str:
        """Save ``upload``; return the token that names it."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._prune()
        token = secrets.token_urlsafe(24)
        self._path(token).write_text(json.dumps(upload.__dict__), encoding="utf-8")
        return token

    def get(self, token: str, user_id: int) -> Upload | None:
        """Find the upload ``token`` names, if ``user_id`` made it and it is fresh."""
        path = self._path(token) if _TOKEN.fullmatch(token or "") else None
        if path is None or not path.is_file() or self._expired(path):
            return None
        upload = Upload(**json.loads(path.read_text(encoding="utf-8")))
        return upload if upload.user_id == user_id else None

    def forget(self, token: str) -> None:
        """Remove an applied upload."""
        if _TOKEN.fullmatch(token or ""):
            self._path(token).unlink(missing_ok=True)

    def _path(self, token: str) -> Path:
        return self.folder / f"{token}.json"

    def _prune(self) -> None:
        for path in self.folder.glob("*.json"):
            if self._expired(path):
                path.unlink(missing_ok=True)

    @staticmethod
    def _expired(path: Path) -> bool:
        return path.stat().st_mtime < time.time() - KEEP_SECONDS
