"""What one conversation's events say: channel, language, topics, turns and flags.

Everything here folds events one at a time into a :class:`Summary`, so the
summary table can be brought up to date from only the events that are new since
the last refresh (see :mod:`bot.review.summaries`), and the transcript page can
explain each event with the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Dict, Set

from bot.faq.feedback import FEEDBACK_INTENTS
from bot.privacy.redact import shown_words

#: The flags an organizer can filter on (their words are in ``ui.yml``).
FLAGS = ("crisis", "fell_back", "asked_person", "gave_feedback", "unmet_search")
CRISIS_INTENTS = frozenset({"crisis"})
FALLBACK_INTENTS = frozenset({"nlu_fallback"})
#: What Puente said when it could not help with a message: it did not understand
#: (the fallback's "not sure" with or without guesses, a form's "please tap Yes, No
#: or Not sure") or the question is outside what it knows. The figures count these
#: answers, not predicted intents: inside a form a low-confidence intent still gets
#: its answer, and a fallback is what the family actually saw.
NOT_ANSWERED = frozenset({"utter_not_sure", "utter_not_sure_no_guess",
                          "utter_checklist_not_understood",
                          "utter_message_not_understood", "utter_out_of_scope"})
#: An FAQ answer, or its "Tell me more": the topic the family was given.
FAQ_ANSWER = re.compile(r"utter_faq(?:_more)?/(\w+)")
HANDOFF_INTENTS = frozenset({"human_handoff"})
#: What the program search says when nothing fits (it records the unmet demand).
NO_PROGRAM_ANSWER = "utter_program_none"
#: A message below this confidence is worth an organizer's look.
LOW_CONFIDENCE = 0.5
#: Search text is capped: the list needs to find a conversation, not store it.
MAX_SEARCH_CHARS = 4000


def day_of(timestamp: float) -> str:
    """Return the UTC date of ``timestamp`` as YYYY-MM-DD."""
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).strftime("%Y-%m-%d")


def channel_of(sender_id: str, input_channel: str | None) -> str:
    """``whatsapp``, ``web`` or the Rasa channel name a message came in on."""
    name = (input_channel or "").lower()
    if "whatsapp" in name or sender_id.startswith("whatsapp"):
        return "whatsapp"
    if sender_id.startswith("web-") or name in ("rest", "socketio", ""):
        return "web"
    return name


def topic_of(parse_data: Dict[str, Any]) -> str | None:
    """Return the FAQ topic (``faq/cost``) a user message was answered from, if any."""
    intent = parse_data.get("intent") or {}
    if intent.get("full_retrieval_intent_name"):
        return str(intent["full_retrieval_intent_name"])
    for selector in (parse_data.get("response_selector") or {}).values():
        if isinstance(selector, dict):
            key = (selector.get("response") or {}).get("intent_response_key")
            if key and str(key).split("/")[0] == intent.get("name"):
                return str(key)
    return None


def answer_of(data: Dict[str, Any]) -> str | None:
    """Return the response a bot event said (``utter_faq/cost``), from its metadata."""
    answer = (data.get("metadata") or {}).get("utter_action")
    return str(answer) if answer else None


def answered_topic(answer: str | None) -> str | None:
    """Return the FAQ topic (``faq/cost``) an answer gave, if it was an FAQ answer."""
    found = FAQ_ANSWER.fullmatch(answer or "")
    return f"faq/{found.group(1)}" if found else None


def intent_of(parse_data: Dict[str, Any]) -> tuple[str | None, float | None]:
    """Return the intent and confidence the assistant saw for a user message."""
    intent = parse_data.get("intent") or {}
    confidence = intent.get("confidence")
    return intent.get("name"), float(confidence) if confidence is not None else None


def needs_training(intent: str | None, confidence: float | None) -> bool:
    """Whether a message went unanswered or was understood with low confidence."""
    return intent in FALLBACK_INTENTS or (confidence is not None
                                          and confidence < LOW_CONFIDENCE)


def flags_of_event(type_name: str, data: Dict[str, Any]) -> Set[str]:
    """Return the conversation flags one event raises (small, pure and tested)."""
    flags: Set[str] = set()
    if type_name == "user":
        intent, _ = intent_of(data.get("parse_data") or {})
        if intent in HANDOFF_INTENTS:
            flags.add("asked_person")
        if intent in CRISIS_INTENTS:
            flags.add("crisis")
        if intent in FEEDBACK_INTENTS:
            flags.add("gave_feedback")
    elif type_name == "bot":
        answer = answer_of(data)
        if answer in NOT_ANSWERED:
            flags.add("fell_back")
        if answer == NO_PROGRAM_ANSWER:
            flags.add("unmet_search")
    return flags


@dataclass
class Summary:
    """A conversation as the list shows it; folded from events, mergeable."""

    sender_id: str
    key: str = ""
    started_at: float = 0.0
    last_at: float = 0.0
    channel: str | None = None
    language: str | None = None
    turns: int = 0
    fallback_turns: int = 0
    topics: Set[str] = field(default_factory=set)
    flags: Set[str] = field(default_factory=set)
    search_text: str = ""

    def add(self, type_name: str, timestamp: float | None,
            data: Dict[str, Any]) -> None:
        """Fold one event (in id order) into the summary."""
        if timestamp:
            self.started_at = min(self.started_at or timestamp, timestamp)
            self.last_at = max(self.last_at, timestamp)
        self.flags |= flags_of_event(type_name, data)
        if type_name == "slot" and data.get("name") == "language" and data.get("value"):
            self.language = str(data["value"])
        if type_name == "bot":
            answer = answer_of(data)
            if answer in NOT_ANSWERED:
                self.fallback_turns += 1
            topic = answered_topic(answer)
            if topic:
                self.topics.add(topic)
        if type_name != "user":
            return
        self.turns += 1
        if self.channel is None:
            self.channel = channel_of(self.sender_id, data.get("input_channel"))
        intent, _ = intent_of(data.get("parse_data") or {})
        text = shown_words(data.get("text"), intent).lower()
        if text and len(self.search_text) < MAX_SEARCH_CHARS:
            joined = f"{self.search_text} {text}".strip()
            self.search_text = joined[:MAX_SEARCH_CHARS]
