"""Every conversation of the scale test, checked event by event in PostgreSQL.

What each client saw accepted is compared with what Rasa stored: a message the
client sent and Rasa does not have is *lost*; one Rasa has more often than the
client sent it, or an event stored twice, is *duplicated*. On WhatsApp, every
message Puente said must reach Meta exactly once: more sends to a phone than the
bot's messages in its conversation is *answered twice*. Then the review app's list
(folded from the same events) must count the same conversations and turns.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Dict, List, Sequence

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.db import session_scope
from bot.review.models import ConversationSummary
from bot.review.summaries import refresh
from bot.review.tracker import EVENTS, event_data
from bot.scale.load import Conversation


@dataclass
class Outcome:
    """The scale test's verdict on the conversations."""

    conversations: int = 0
    events: int = 0
    lost: int = 0
    duplicated: int = 0
    answered_twice: int = 0
    #: A message stored with no answer of the bot after it.
    unanswered: int = 0
    #: Conversations or turns the review list counts differently.
    review_mismatches: int = 0
    #: What went wrong, conversation by conversation, with its events (to look at).
    problems: List[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """Whether nothing was lost, doubled or left unanswered, and counts match."""
        return not (self.lost or self.duplicated or self.answered_twice
                    or self.unanswered or self.review_mismatches)


def _events(tracker: Engine, senders: Sequence[str]) -> Dict[str, List[Any]]:
    rows: Dict[str, List[Any]] = defaultdict(list)
    with tracker.connect() as connection:
        for start in range(0, len(senders), 500):
            for row in connection.execute(
                    select(EVENTS.c.sender_id, EVENTS.c.type_name, EVENTS.c.timestamp,
                           EVENTS.c.data)
                    .where(EVENTS.c.sender_id.in_(senders[start:start + 500]))
                    .order_by(EVENTS.c.id)):
                rows[row.sender_id].append(row)
    return rows


def _unanswered(rows: List[Any]) -> int:
    """User messages not followed by a bot message before the next one."""
    count, waiting = 0, False
    for row in rows:
        if row.type_name == "user":
            count += waiting
            waiting = True
        elif row.type_name == "bot":
            waiting = False
    return count + waiting


def _story(family: Conversation, rows: List[Any], sends: int) -> str:
    """One conversation as the client saw it and as Rasa stored it."""
    events = []
    for row in rows:
        data = event_data(row.data)
        said = data.get("text") or data.get("name") or ""
        events.append(f"  {row.timestamp:.3f} {row.type_name} {said!s:.60}")
    return "\n".join([
        f"{family.channel} {family.sender_id}: sent {family.sent}, saw "
        f"{dict(family.saw)}, {sends} WhatsApp sends", *events])


def check(families: Sequence[Conversation], tracker: Engine, puente: Engine,
          sends: Counter[str]) -> Outcome:
    """Compare what the clients saw with the events, the sends and the review list.

    ``sends``: how many messages the fake Graph API accepted per phone.
    """
    outcome = Outcome(conversations=len(families))
    stored = _events(tracker, [f.sender_id for f in families])
    for family in families:
        rows = stored.get(family.sender_id, [])
        outcome.events += len(rows)
        before = (outcome.lost, outcome.duplicated, outcome.unanswered,
                  outcome.answered_twice)
        said: Counter[str] = Counter(str(event_data(r.data).get("text"))
                                     for r in rows if r.type_name == "user")
        sent: Counter[str] = Counter(family.sent)
        outcome.lost += sum((sent - said).values())
        outcome.duplicated += sum((said - sent).values())
        same = Counter((r.type_name, r.timestamp, r.data) for r in rows)
        outcome.duplicated += sum(n - 1 for n in same.values())
        outcome.unanswered += _unanswered(rows)
        if family.channel == "whatsapp":
            bot = sum(r.type_name == "bot" for r in rows)
            outcome.answered_twice += max(0, sends[family.phone] - bot)
        if before != (outcome.lost, outcome.duplicated, outcome.unanswered,
                      outcome.answered_twice):
            outcome.problems.append(_story(family, rows, sends[family.phone]))
    refresh(puente, tracker)
    with session_scope(puente) as session:
        listed = dict(session.execute(
            select(ConversationSummary.sender_id, ConversationSummary.turns)
            .where(ConversationSummary.sender_id.in_([f.sender_id for f in families]))
        ).all())
    for family in families:
        turns = sum(r.type_name == "user" for r in stored.get(family.sender_id, []))
        outcome.review_mismatches += listed.get(family.sender_id, -1) != turns
    return outcome
