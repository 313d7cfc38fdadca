"""Record a search that found nothing, for organizers: where, which grade, subject.

Nothing about who asked is kept: no name, no phone, no conversation id; only the
day, so organizers can count demand by week.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine

from bot.db import session_scope
from bot.programs.models import UnmetDemand


def record(
    engine: Engine,
    *,
    zip_code: str = "",
    city: str = "",
    grade: int | None = None,
    subject: str = "",
    language: str = "",
    day: date | None = None,
) -> None:
    """Store one unmet search."""
    with session_scope(engine) as session:
        session.add(
            UnmetDemand(
                day=day or date.today(),
                zip=zip_code[:10],
                city=city[:100],
                grade=grade,
                subject=(subject or "")[:30],
                language=(language or "")[:10],
            )
        )
