"""Find the programs near a family: filters, HIT-then-distance ranking, paging.

Speed at 100k programs comes from a bounding box on a covering index that starts
with latitude and longitude (``ix_programs_lookup``): the database returns only the
programs in the box, and only the columns ranking needs, without reading the table;
the exact distance and the HIT verdict
(:mod:`bot.programs.hit`) are computed on those, and full rows are loaded for the
one page shown.
Online programs have no coordinates and are searched separately, as the fallback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, List, Sequence

from sqlalchemy import and_, func, or_, select, true
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from bot.programs.geo import Place, bounding_box, haversine_miles
from bot.programs.hit import Verdict, verdict
from bot.programs.models import FREE_COSTS, Program

#: First search radius, and the one wider radius tried once when nothing is near.
RADIUS_MILES = 10.0
WIDER_RADIUS_MILES = 25.0
PAGE_SIZE = 3


@dataclass(frozen=True)
class Query:
    """What the family asked for. ``None`` means "any"."""

    place: Place | None
    grade: int | None = None
    subject: str | None = None
    language: str | None = None
    format: str | None = None
    #: When it meets: one of :data:`bot.programs.models.SETTINGS`.
    setting: str | None = None
    #: Free programs only ("tutoría gratis cerca de 90255" showed $10 a month first).
    free: bool = False


@dataclass(frozen=True)
class Candidate:
    """A program in the ranking, before its full row is loaded."""

    id: int
    distance_miles: float | None
    verdict: Verdict


@dataclass(frozen=True)
class Match:
    """One program found, with its distance (None when online) and HIT verdict."""

    program: Program
    distance_miles: float | None
    verdict: Verdict


@dataclass
class Results:
    """One page of matches and how they were found."""

    matches: List[Match]
    total: int
    radius_miles: float
    widened: bool = False
    online_only: bool = False
    offset: int = 0
    ranked: List[Candidate] = field(default_factory=list, repr=False)

    @property
    def has_more(self) -> bool:
        """Whether "Show more" has another page."""
        return self.offset + len(self.matches) < self.total


class ProgramSearch:
    """Lookups over the programs table of one database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def search(
        self, query: Query, offset: int = 0, page_size: int = PAGE_SIZE
    ) -> Results:
        """Find the best programs for ``query``: near first, widened once, online last.

        Ranking: programs meeting the HIT criteria first, then the nearest. When
        nothing is within :data:`RADIUS_MILES`, the radius widens once; when still
        nothing is found, online programs are offered.
        """
        radius, widened, online = RADIUS_MILES, False, query.format == "online"
        ranked: List[Candidate] = []
        if not online and query.place is not None:
            ranked = self.nearby(query, RADIUS_MILES)
            if not ranked:
                radius, widened = WIDER_RADIUS_MILES, True
                ranked = self.nearby(query, WIDER_RADIUS_MILES)
        if not ranked and query.format != "in_person":
            online = True
            ranked = self.online(query)
        page = self._load(ranked[offset : offset + page_size])
        return Results(page, len(ranked), radius, widened, online, offset, ranked)

    def nearby(self, query: Query, radius: float) -> List[Candidate]:
        """In-person and hybrid programs within ``radius`` miles, ranked."""
        assert query.place is not None
        lat, lon = query.place.latitude, query.place.longitude
        min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius)
        conditions = [
            Program.latitude.between(min_lat, max_lat),
            Program.longitude.between(min_lon, max_lon),
            Program.format != "online",
            *self._filters(query),
        ]
        found = []
        for row in self._rows(conditions, Program.latitude, Program.longitude):
            distance = haversine_miles(lat, lon, row.latitude, row.longitude)
            if distance <= radius:
                found.append(Candidate(row.id, distance, _verdict(row)))
        return sorted(
            found, key=lambda c: (not c.verdict.meets, c.distance_miles, c.id)
        )

    def online(self, query: Query) -> List[Candidate]:
        """Online programs matching the filters, HIT first, then by name."""
        conditions = [Program.format == "online", *self._filters(query)]
        rows = self._rows(conditions, Program.name)
        found = [(row.name, Candidate(row.id, None, _verdict(row))) for row in rows]
        return [
            c for _, c in sorted(found, key=lambda f: (not f[1].verdict.meets, f[0]))
        ]

    def _rows(self, conditions: Sequence[ColumnElement], *extra: Any) -> List[Any]:
        """Load the columns ranking needs, for the programs meeting ``conditions``."""
        columns = (
            Program.id,
            Program.sessions_per_week,
            Program.max_group_size,
            Program.consistent_tutor,
            Program.setting,
            *extra,
        )
        with self.engine.connect() as connection:
            rows: List[Any] = connection.execute(
                select(*columns).where(and_(*conditions))
            ).all()
            return rows

    def _load(self, page: List[Candidate]) -> List[Match]:
        """Full rows for the page shown, in ranking order."""
        if not page:
            return []
        with Session(self.engine, future=True) as session:
            programs = {
                p.id: p
                for p in session.execute(
                    select(Program).where(Program.id.in_([c.id for c in page]))
                ).scalars()
            }
            session.expunge_all()
        return [Match(programs[c.id], c.distance_miles, c.verdict) for c in page]

    @staticmethod
    def _filters(query: Query) -> Sequence[ColumnElement]:
        """Build SQL conditions on grade, subject, language, format, when, cost; bound.

        Inactive programs (switched off in the review app) are never found.
        """
        conditions: List[ColumnElement] = [Program.active == true()]
        if query.grade is not None:
            conditions += [
                Program.grade_min <= query.grade,
                Program.grade_max >= query.grade,
            ]
        if query.subject:
            conditions.append(Program.subjects.like(f"%,{query.subject},%"))
        if query.language:
            conditions.append(Program.languages.like(f"%,{query.language},%"))
        if query.setting:
            conditions.append(Program.setting == query.setting)
        if query.free:
            conditions.append(func.lower(Program.cost).in_(FREE_COSTS))
        if query.format == "in_person":
            conditions.append(
                or_(Program.format == "in_person", Program.format == "hybrid")
            )
        return conditions


def _verdict(row: Any) -> Verdict:
    return verdict(
        row.sessions_per_week, row.max_group_size, row.consistent_tutor, row.setting
    )
