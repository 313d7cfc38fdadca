"""The high-impact tutoring (HIT) verdict: derived here, and only here, from fields.

The criteria follow the research Puente explains in its FAQ: at least 3 sessions a
week, groups of 4 or fewer, the same tutor every time, and tutoring during or right
next to the school day. The verdict is never stored by hand, so fixing a field fixes
the verdict everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, Tuple

MIN_SESSIONS_PER_WEEK = 3
MAX_GROUP_SIZE = 4
#: Settings that count as "during or next to the school day".
SCHOOL_DAY_SETTINGS = frozenset({"during_school", "before_after_school"})


@dataclass(frozen=True)
class Verdict:
    """Whether a program meets the criteria, and which criteria it misses.

    ``missed`` holds reason keys (``sessions``, ``group``, ``tutor``, ``setting``);
    the words for each key live in ``bot/programs/labels.yml`` in both languages.
    """

    meets: bool
    missed: Tuple[str, ...]


@lru_cache(maxsize=4096)
def verdict(
    sessions_per_week: int, max_group_size: int, consistent_tutor: bool, setting: str
) -> Verdict:
    """Return the verdict for these field values.

    Cached: a lookup in dense Los Angeles ranks thousands of programs, and the
    fields take only a few hundred combinations.
    """
    missed = tuple(
        key
        for key, ok in (
            ("sessions", sessions_per_week >= MIN_SESSIONS_PER_WEEK),
            ("group", max_group_size <= MAX_GROUP_SIZE),
            ("tutor", bool(consistent_tutor)),
            ("setting", setting in SCHOOL_DAY_SETTINGS),
        )
        if not ok
    )
    return Verdict(meets=not missed, missed=missed)


class HasHitFields(Protocol):
    """What the verdict reads: a :class:`~bot.programs.models.Program`, or a row."""

    sessions_per_week: int
    max_group_size: int
    consistent_tutor: bool
    setting: str


def program_verdict(program: HasHitFields) -> Verdict:
    """Return the verdict for a :class:`~bot.programs.models.Program` (or alike)."""
    return verdict(
        program.sessions_per_week,
        program.max_group_size,
        program.consistent_tutor,
        program.setting,
    )
