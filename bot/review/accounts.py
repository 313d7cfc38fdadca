"""Organizers' accounts and the audit log.

Passwords are argon2id hashes (argon2-cffi, already a Puente dependency). Roles:
``organizer`` reads and reviews; ``admin`` also deletes conversations and reads
the audit log. Changing the programs families find is a right of its own: admins
have it, organizers when given it (``manages_programs``). Every transcript view,
every export and every program change is written to the audit log.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import List

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.db import session_scope
from bot.review.models import AuditEntry, Organizer

ROLES = ("organizer", "admin")
MIN_PASSWORD = 10
_hasher = PasswordHasher()
#: Verified against when the email is unknown, so both cases take the same time.
_DUMMY_HASH = _hasher.hash("not a real password")


@dataclass(frozen=True)
class User:
    """Who is signed in."""

    id: int
    email: str
    role: str
    manages_programs: bool = False

    @property
    def is_admin(self) -> bool:
        """Whether this user may delete conversations and read the audit log."""
        return self.role == "admin"

    @property
    def may_manage_programs(self) -> bool:
        """Whether this user may import, edit and switch off programs."""
        return self.is_admin or self.manages_programs


def _user(row: Organizer) -> User:
    return User(row.id, row.email, row.role, row.manages_programs)


def add_user(engine: Engine, email: str, password: str, role: str,
             manages_programs: bool = False) -> User:
    """Create an account, or reset its password, role and right if it exists."""
    email = email.strip().lower()
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if "@" not in email:
        raise ValueError("that does not look like an email address")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"the password needs at least {MIN_PASSWORD} characters")
    with session_scope(engine) as session:
        row = session.scalars(select(Organizer).where(Organizer.email == email)).first()
        if row is None:
            row = Organizer(email=email, created_at=time.time())
            session.add(row)
        row.password_hash = _hasher.hash(password)
        row.role = role
        row.manages_programs = manages_programs
        session.flush()
        return _user(row)


def authenticate(engine: Engine, email: str, password: str) -> User | None:
    """Return the user ``email`` if ``password`` is theirs, else ``None``."""
    with session_scope(engine) as session:
        row = session.scalars(select(Organizer).where(
            Organizer.email == email.strip().lower())).first()
        try:
            _hasher.verify(row.password_hash if row else _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            return None
        return _user(row) if row else None


def get_user(engine: Engine, user_id: int) -> User | None:
    """Return the user with ``user_id`` (``None`` once the account is gone)."""
    with session_scope(engine) as session:
        row = session.get(Organizer, user_id)
        return _user(row) if row else None


def audit(engine: Engine, user: User, action: str, target: str = "") -> None:
    """Write who did what to the audit log."""
    with session_scope(engine) as session:
        session.add(AuditEntry(at=time.time(), user_id=user.id, email=user.email,
                               action=action, target=target[:2000]))


def audit_log(engine: Engine, limit: int = 500) -> List[AuditEntry]:
    """Return the newest audit entries first."""
    with session_scope(engine) as session:
        rows = list(session.scalars(
            select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))
        session.expunge_all()
    return rows
