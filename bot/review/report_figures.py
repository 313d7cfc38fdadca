"""The community report's figures: what families asked, what they could not find.

Everything here is a count over many families, never a conversation: FAQ topics
Puente answered, the share of messages it could not answer (both from the
summary table), and searches that found no program (``program_unmet_demand``)
by city, grade, subject and language. A group under :data:`MIN_COUNT` is never
named: it is folded into one "fewer than 5 each" line, because a small group in
a small place can point at one family.

Only program searches know a place, so the area (zip codes or cities) narrows
the searches; the questions are counted over every family in the dates.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Dict, FrozenSet, List, Tuple

from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Engine

from bot.programs.models import UnmetDemand
from bot.review.models import ConversationSummary
from bot.review.queries import MIN_COUNT, notification_counts

#: The report's default span when no dates are chosen: the last 30 days.
DEFAULT_DAYS = 30
#: Most topics the report lists: one printed page has room for these.
TOP_TOPICS = 8
#: How the unmet searches are broken down, in the report's order.
DIMENSIONS = ("city", "grade", "subject", "language")
_ZIP = re.compile(r"\d{5}")
_MAX_AREA = 500


class ReportInputError(ValueError):
    """The organizer's dates or area cannot be read; ``key`` names the message."""

    def __init__(self, key: str, **values: str) -> None:
        super().__init__(key)
        self.key, self.values = key, values


@dataclass(frozen=True)
class Area:
    """Zip codes and city names (lower case); empty means everywhere."""

    zips: FrozenSet[str] = frozenset()
    cities: FrozenSet[str] = frozenset()

    @classmethod
    def parse(cls, text: str) -> Area:
        """Read "90255, South Gate; 90280" as two zip codes and a city.

        A number that is not five digits is a mistake, not a city name.
        """
        zips, cities = set(), set()
        for part in re.split(r"[,;\n]+", text[:_MAX_AREA]):
            token = " ".join(part.split())
            if not token:
                continue
            if _ZIP.fullmatch(token):
                zips.add(token)
            elif token.isdigit():
                raise ReportInputError("report_bad_zip", zip=token)
            else:
                cities.add(token.lower())
        return cls(frozenset(zips), frozenset(cities))

    def __bool__(self) -> bool:
        return bool(self.zips or self.cities)

    def condition(self) -> Any:
        """Return the SQL condition an unmet search in this area meets."""
        return or_(UnmetDemand.zip.in_(sorted(self.zips)),
                   func.lower(UnmetDemand.city).in_(sorted(self.cities)))


@dataclass(frozen=True)
class Period:
    """The report's first and last day, both included."""

    first: date
    last: date

    @classmethod
    def parse(cls, first: str, last: str, today: date | None = None) -> Period:
        """Read the form's dates; blank ones mean the last :data:`DEFAULT_DAYS`."""
        try:
            end = date.fromisoformat(last) if last else (today or date.today())
            start = date.fromisoformat(first) if first \
                else end - timedelta(days=DEFAULT_DAYS - 1)
        except ValueError:
            raise ReportInputError("report_bad_date") from None
        if start > end:
            raise ReportInputError("report_dates_reversed")
        return cls(start, end)


@dataclass
class Breakdown:
    """Unmet searches by one dimension: the named groups, and the small ones summed.

    ``shown`` holds (value, count) with count >= :data:`MIN_COUNT`, largest first;
    ``small`` is the searches of every smaller group together, none of them named.
    """

    shown: List[Tuple[Any, int]] = field(default_factory=list)
    small: int = 0


@dataclass
class Report:
    """Every figure the printed report shows, for one period and area."""

    period: Period
    area: Area
    conversations: int
    topics: List[Tuple[str, int]]  # FAQ topic ("faq/cost"), conversations
    messages: int
    not_answered: int
    unmet: int
    unmet_by: Dict[str, Breakdown]
    #: Program alerts ("tell me when a program opens"): requests made and messages
    #: sent in the period, in every place (``notification_counts``).
    alerts: Dict[str, int] = field(default_factory=dict)

    @property
    def not_answered_share(self) -> float:
        """Share of the families' messages Puente could not answer."""
        return self.not_answered / self.messages if self.messages else 0.0


def community_report(puente: Engine, period: Period, area: Area) -> Report:
    """Count the report's figures (see the module docstring for what is hidden)."""
    summaries = and_(ConversationSummary.day >= period.first.isoformat(),
                     ConversationSummary.day <= period.last.isoformat())
    searches = [UnmetDemand.day >= period.first, UnmetDemand.day <= period.last]
    if area:
        searches.append(area.condition())
    with puente.connect() as connection:
        conversations, messages, not_answered = connection.execute(
            select(func.count(), func.coalesce(func.sum(ConversationSummary.turns), 0),
                   func.coalesce(func.sum(ConversationSummary.fallback_turns), 0))
            .where(summaries)).one()
        topics: Counter[str] = Counter()
        for row_topics in connection.execute(select(ConversationSummary.topics).where(
                summaries, ConversationSummary.topics != ",")).scalars():
            topics.update(t for t in row_topics.split(",") if t)
        unmet = connection.execute(
            select(func.count()).select_from(UnmetDemand).where(*searches)).scalar()
        unmet_by = {dimension: _breakdown(connection, dimension, searches)
                    for dimension in DIMENSIONS}
    return Report(
        period=period, area=area, conversations=int(conversations),
        topics=[(topic, n) for topic, n in topics.most_common()
                if n >= MIN_COUNT][:TOP_TOPICS],
        messages=int(messages), not_answered=int(not_answered), unmet=int(unmet or 0),
        unmet_by=unmet_by,
        alerts=notification_counts(puente, period.first, period.last),
    )


def _breakdown(connection: Any, dimension: str, searches: List[Any]) -> Breakdown:
    column = getattr(UnmetDemand, dimension)
    result = Breakdown()
    for value, count in connection.execute(
            select(column, func.count()).where(*searches).group_by(column)
            .order_by(func.count().desc(), column)):
        if count >= MIN_COUNT:
            result.shown.append((value, int(count)))
        else:
            result.small += int(count)
    return result
