"""Which "Tell me more" answer to give: the rest of the topic the parent asked about.

Each FAQ answer (``utter_faq/<topic>``) is short; its "Tell me more" button sends
``/faq_more{"faq_topic": "<topic>"}`` and gets ``utter_faq_more/<topic>``: the details
that were cut, the full source references and every next step. The topic comes from
the button, so an older button, tapped later, still expands its own answer; without
one (a "more" with no topic), the last FAQ answer given is the one expanded.

Plain Python over Rasa's event dicts: the action server imports it without Rasa.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

#: The entity the "Tell me more" button carries.
TOPIC_ENTITY = "faq_topic"
#: The retrieval action Rasa derives from the ``utter_faq_more/<topic>`` responses;
#: no rule runs it: ``action_faq_more`` utters the responses itself.
MORE_RESPONSES = "utter_faq_more"
FAQ_PREFIX = "utter_faq/"
MORE_PREFIX = "utter_faq_more/"


def more_response_name(topic: str) -> str:
    """Name the "Tell me more" response of ``topic``: ``utter_faq_more/<topic>``."""
    return f"{MORE_PREFIX}{topic}"


def button_topic(entities: Iterable[Mapping[str, Any]]) -> str | None:
    """Return the topic a "Tell me more" button carries, if any."""
    for entity in entities or ():
        if entity.get("entity") == TOPIC_ENTITY and entity.get("value"):
            return str(entity["value"])
    return None


def answered_topic(metadata: Mapping[str, Any] | None) -> str | None:
    """Return the topic a bot message answered, from its metadata, if a FAQ answer.

    Rasa marks the message of ``utter_faq/<topic>`` with that ``utter_action``.
    """
    action = str((metadata or {}).get("utter_action") or "")
    return action[len(FAQ_PREFIX):] if action.startswith(FAQ_PREFIX) else None


def last_answered_topic(events: Iterable[Mapping[str, Any]]) -> str | None:
    """Return the topic of the latest FAQ answer (``utter_faq/<topic>``)."""
    for event in reversed(list(events or ())):
        if event.get("event") == "bot":
            topic = answered_topic(event.get("metadata"))
            if topic:
                return topic
    return None


def more_response(
    entities: Iterable[Mapping[str, Any]],
    events: Iterable[Mapping[str, Any]],
    responses: Iterable[str],
) -> str | None:
    """Choose the response that tells more; ``None`` when no answer has more.

    Args:
        entities: the entities of the "Tell me more" message.
        events: the conversation so far (Rasa's event dicts).
        responses: the names of the domain's responses.

    """
    known = set(responses)
    for topic in (button_topic(entities), last_answered_topic(events)):
        if topic and more_response_name(topic) in known:
            return more_response_name(topic)
    return None
