"""The tables of "tell me when a program opens near me" (program alerts).

A request holds what the family searched for and, sealed, the only address to tell
them: their WhatsApp number (``bot.channels.sealed``, bound to the row, so a
database dump or backup shows no number). The conversation id is the keyed hash
WhatsApp conversations already have: "STOP" finds the request by it. Each program
a request was told about is one row, so nobody hears about a program twice. The
counts organizers see are kept apart, as a day and a kind only, so they stay true
after a family leaves and reveal nobody.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
)

from bot.db import Base


class ProgramAlert(Base):
    """One family's request to be told when a program that fits opens."""

    __tablename__ = "program_alerts"

    id = Column(Integer, primary_key=True)
    #: The conversation's keyed-hash id ("wa-..."), never the number itself.
    conversation = Column(String(64), nullable=False, index=True)
    #: The WhatsApp number, sealed; None until the channel attaches it.
    phone = Column(LargeBinary, nullable=True)
    zip = Column(String(10), nullable=False, default="")
    city = Column(String(100), nullable=False, default="")
    grade = Column(Integer, nullable=True)
    subject = Column(String(30), nullable=False, default="")
    #: The tutoring language asked for ("" for any).
    program_language = Column(String(10), nullable=False, default="")
    format = Column(String(20), nullable=False, default="")
    #: The conversation's language: the template's language.
    language = Column(String(10), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False)
    expires_at = Column(DateTime(timezone=True), nullable=False, index=True)


class ProgramAlertSent(Base):
    """A program one request was told about (or is being told about now)."""

    __tablename__ = "program_alerts_sent"

    alert_id = Column(Integer, nullable=False)
    program_id = Column(Integer, nullable=False)
    sent_at = Column(DateTime(timezone=True), nullable=False)
    #: "sending" while claimed, then Meta's verdict: "accepted" or "refused".
    outcome = Column(String(20), nullable=False)

    __table_args__ = (PrimaryKeyConstraint("alert_id", "program_id"),)


class ProgramAlertEvent(Base):
    """One request made, message sent or request stopped: only the day and kind."""

    __tablename__ = "program_alert_events"

    id = Column(Integer, primary_key=True)
    day = Column(Date, nullable=False, index=True)
    #: "requested", "notified" or "stopped".
    kind = Column(String(20), nullable=False)
