"""The training queue: families' messages, labeled twice and blind, for the corpus.

Organizers send the messages Puente did not understand to a queue. Those are the
questions most like what families really write, so they join the real-question
corpus (``data/real_questions``, issue 10) under its rule: two people label each
one without seeing the other's label, and only what both label alike is kept.
Here an organizer sees only their own label (and whether someone else labeled the
message, never which label) until a second organizer has labeled it too; then the
message is decided (the same label: agreed; different labels: left out), both
labels are shown, and nobody changes them any more.

The export is in the corpus's own format (the messages, and each of the two
labelings in the same order), so ``python -m bot.bench.corpus`` keeps the agreed
ones, counts the agreement with the rest, and splits them by conversation into
train, dev and test as it splits questions by page. Messages are stored and
exported redacted (no phone, e-mail, address or typed name), and a conversation is
named by its review key, never by its sender id (a WhatsApp number).
"""

from __future__ import annotations

import io
import json
import time
import zipfile
from dataclasses import dataclass
from typing import Dict, Iterable, List, Tuple

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.db import session_scope
from bot.review.models import ConversationSummary, TrainingItem, TrainingLabel
from bot.review.queries import transcript

#: How many labels decide a message.
LABELS_NEEDED = 2
#: The corpus file names the export uses (``raw_<STEM>.jsonl``, ``labels/<STEM>_a``).
STEM = "conversations"
#: Corpus languages: a message in another language has no corpus to join.
LANGUAGES = ("en", "es")
#: The corpus's label for a line that is no question at all (never trained on).
DROP = "drop"


@dataclass(frozen=True)
class QueuedMessage:
    """A queued message as one organizer sees it.

    ``mine``: their own label, if any. ``labels``: the two deciding labels, first
    given first, once there are two (empty until then: labeling stays blind).
    ``others``: how many other organizers have labeled it, never which label (so
    the second organizer finds the messages their label will decide).
    """

    id: int
    text: str
    language: str | None
    seen_intent: str | None
    confidence: float | None
    mine: str | None
    labels: Tuple[str, ...]
    others: int = 0

    @property
    def decided(self) -> bool:
        """Whether two organizers have labeled it (it can no longer change)."""
        return len(self.labels) == LABELS_NEEDED

    @property
    def agreed(self) -> str | None:
        """The label both gave, when they gave the same one."""
        return self.labels[0] if self.decided and len(set(self.labels)) == 1 else None


def queue_for_training(puente: Engine, tracker: Engine, sender_id: str,
                       event_ids: List[int], who: str) -> int:
    """Add the conversation's unanswered/low-confidence messages (or ``event_ids``).

    Returns how many messages were added (already queued ones are skipped).
    """
    conversation = transcript(puente, tracker, sender_id)
    if conversation is None:
        return 0
    chosen = [t for t in conversation.turns if t.kind == "user" and not t.queued
              and (t.event_id in event_ids if event_ids else t.needs_training)]
    with session_scope(puente) as session:
        for turn in chosen:
            session.add(TrainingItem(
                sender_id=sender_id, event_id=turn.event_id, text=turn.text,
                language=conversation.language, seen_intent=turn.intent,
                confidence=turn.confidence, added_by=who, added_at=time.time()))
    return len(chosen)


def _labels(session: Session) -> Dict[int, List[TrainingLabel]]:
    """Every message's labels, first given first (the first two decide it)."""
    labels: Dict[int, List[TrainingLabel]] = {}
    for label in session.scalars(select(TrainingLabel).order_by(
            TrainingLabel.at, TrainingLabel.labeler)):
        labels.setdefault(label.item_id, []).append(label)
    return labels


def _deciding(labels: List[TrainingLabel]) -> Tuple[str, ...]:
    """Return the two labels that decide a message, or none while it has fewer."""
    return (tuple(label.label for label in labels[:LABELS_NEEDED])
            if len(labels) >= LABELS_NEEDED else ())


def training_queue(puente: Engine, who: str) -> List[QueuedMessage]:
    """Every queued message, oldest first, as the organizer ``who`` sees it."""
    with session_scope(puente) as session:
        labels = _labels(session)
        queue = []
        for item in session.scalars(select(TrainingItem).order_by(TrainingItem.id)):
            given = labels.get(item.id, [])
            queue.append(QueuedMessage(
                item.id, item.text, item.language, item.seen_intent, item.confidence,
                next((g.label for g in given if g.labeler == who), None),
                _deciding(given), sum(g.labeler != who for g in given)))
        return queue


def set_labels(puente: Engine, who: str, choices: Dict[int, str]) -> int:
    """Store ``who``'s label for each message (an empty label takes theirs back).

    A decided message keeps its labels: whoever labels it next has seen both.
    Each message is locked while its labels are read and written, so two
    organizers saving at once cannot give it a third label. Returns how many
    messages were left as they were because they were decided.
    """
    refused = 0
    with session_scope(puente) as session:
        for item_id, label in choices.items():
            item = session.get(TrainingItem, item_id, with_for_update=True)
            if item is None:
                continue
            given = list(session.scalars(select(TrainingLabel).where(
                TrainingLabel.item_id == item_id)))
            mine = next((g for g in given if g.labeler == who), None)
            if len(given) >= LABELS_NEEDED:
                refused += (mine.label if mine else "") != label
            elif not label:
                session.execute(delete(TrainingLabel).where(
                    TrainingLabel.item_id == item_id, TrainingLabel.labeler == who))
            elif mine is not None:
                mine.label = label
            else:
                session.add(TrainingLabel(item_id=item_id, labeler=who, label=label,
                                          at=time.time()))
    return refused


def agreement(queue: List[QueuedMessage]) -> Tuple[int, int]:
    """How many messages were labeled twice, and how many of them alike."""
    decided = [message for message in queue if message.decided]
    return len(decided), sum(message.agreed is not None for message in decided)


@dataclass(frozen=True)
class Decided:
    """A message two organizers labeled: its conversation's key and the labels."""

    language: str
    text: str
    conversation: str
    labels: Tuple[str, ...]


def decided_messages(puente: Engine) -> List[Decided]:
    """Every decided English or Spanish message, oldest first."""
    with session_scope(puente) as session:
        labels = _labels(session)
        rows = session.execute(
            select(TrainingItem, ConversationSummary.key)
            .join(ConversationSummary,
                  ConversationSummary.sender_id == TrainingItem.sender_id)
            .where(TrainingItem.language.in_(LANGUAGES))
            .order_by(TrainingItem.id)).all()
        decided = [Decided(item.language, item.text, key,
                           _deciding(labels.get(item.id, [])))
                   for item, key in rows]
    return [message for message in decided if message.labels]


def corpus_zip(puente: Engine) -> bytes:
    """Return the decided messages as corpus files for ``data/real_questions``.

    ``raw_conversations.jsonl`` (the messages, each with its conversation as its
    page) and ``labels/conversations_a.jsonl`` and ``_b`` (the first and the second
    label, line by line): every export holds every decided message, so it
    replaces the last one.
    """
    messages = decided_messages(puente)

    def lines(records: Iterable[Dict[str, object]]) -> str:
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)

    files = {f"raw_{STEM}.jsonl": lines(
        {"lang": m.language, "question": m.text, "kind": "conversation",
         "source": f"puente://conversation-{m.conversation}"} for m in messages)}
    for index, side in enumerate("ab"):
        files[f"labels/{STEM}_{side}.jsonl"] = lines(
            {"question": m.text, "label": m.labels[index], "also": []}
            for m in messages)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()
