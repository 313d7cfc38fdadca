"""The review app's own tables in Puente's database.

Conversations themselves stay in Rasa's tracker store (``events``); these tables
hold what the review app derives from them (one summary row per conversation, so
the list stays fast at 100k conversations) and what organizers add (accounts,
review notes, the training queue, the audit log).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    false,
)

from bot.db import Base


class ConversationSummary(Base):
    """One conversation, derived from its events; rebuilt from events if deleted.

    ``topics`` and ``search_text`` use comma/space-delimited text so one LIKE
    filter works the same on SQLite and PostgreSQL. ``search_text`` holds the
    family's messages *after* redaction, lower-cased: search never sees a phone.
    """

    __tablename__ = "review_conversations"

    sender_id = Column(String(255), primary_key=True)
    #: What pages and exports call the conversation: a WhatsApp sender id is a
    #: phone number, so it never appears on screen or in a URL.
    key = Column(String(32), nullable=False, unique=True)
    started_at = Column(Float, nullable=False)
    last_at = Column(Float, nullable=False, index=True)
    day = Column(String(10), nullable=False, index=True)
    channel = Column(String(32), nullable=False, default="web", index=True)
    language = Column(String(8), nullable=True, index=True)
    turns = Column(Integer, nullable=False, default=0)
    #: Answers that could not help (``bot.review.derive.NOT_ANSWERED``).
    fallback_turns = Column(Integer, nullable=False, default=0)
    topics = Column(Text, nullable=False, default=",")
    crisis = Column(Boolean, nullable=False, default=False, server_default=false())
    fell_back = Column(Boolean, nullable=False, default=False)
    asked_person = Column(Boolean, nullable=False, default=False)
    gave_feedback = Column(Boolean, nullable=False, default=False)
    unmet_search = Column(Boolean, nullable=False, default=False)
    search_text = Column(Text, nullable=False, default="")


class ReviewState(Base):
    """Key/value state: the id of the last event folded into the summaries."""

    __tablename__ = "review_state"

    key = Column(String(64), primary_key=True)
    value = Column(String(255), nullable=False)


class ReviewNote(Base):
    """What an organizer recorded about a conversation."""

    __tablename__ = "review_notes"

    sender_id = Column(String(255), primary_key=True)
    reviewed = Column(Boolean, nullable=False, default=False)
    tags = Column(Text, nullable=False, default=",")
    note = Column(Text, nullable=False, default="")
    updated_by = Column(String(255), nullable=True)
    updated_at = Column(Float, nullable=True)


class Organizer(Base):
    """An account of the review app; passwords are argon2 hashes."""

    __tablename__ = "review_users"

    id = Column(Integer, primary_key=True)
    email = Column(String(255), nullable=False, unique=True)
    password_hash = Column(String(255), nullable=False)
    role = Column(String(16), nullable=False)
    #: Whether an organizer may change the programs families find (admins always).
    manages_programs = Column(Boolean, nullable=False, default=False,
                              server_default=false())
    created_at = Column(Float, nullable=False)


class TrainingItem(Base):
    """A family's message an organizer wants the assistant to learn (redacted)."""

    __tablename__ = "review_training"

    id = Column(Integer, primary_key=True)
    sender_id = Column(String(255), nullable=False, index=True)
    event_id = Column(Integer, nullable=False, unique=True)
    text = Column(Text, nullable=False)
    language = Column(String(8), nullable=True)
    seen_intent = Column(String(255), nullable=True)
    confidence = Column(Float, nullable=True)
    added_by = Column(String(255), nullable=False)
    added_at = Column(Float, nullable=False)


class TrainingLabel(Base):
    """One organizer's label for a queued message, chosen without seeing another's."""

    __tablename__ = "review_training_labels"

    item_id = Column(Integer, ForeignKey("review_training.id", ondelete="CASCADE"),
                     primary_key=True)
    labeler = Column(String(255), primary_key=True)
    label = Column(String(255), nullable=False)
    at = Column(Float, nullable=False)


class AuditEntry(Base):
    """Who looked at or exported what, and when."""

    __tablename__ = "review_audit"

    id = Column(Integer, primary_key=True)
    at = Column(Float, nullable=False, index=True)
    user_id = Column(Integer, ForeignKey("review_users.id", ondelete="SET NULL"),
                     nullable=True)
    email = Column(String(255), nullable=False)
    action = Column(String(64), nullable=False)
    target = Column(Text, nullable=False, default="")
