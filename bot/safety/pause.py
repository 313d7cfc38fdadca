"""A crisis pauses a form; find the form a family can come back to.

When a family writes of a crisis in the middle of the program search, the
checklist or the message form, Puente answers with emergency lines, says the
form is paused, and deactivates it (``data/rules/safety.yml``): the answers
given so far stay. "Continue" must then re-open that same form, once, and only if
nothing else was started since. A request for a person pauses a form the same way.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from bot.advocacy import answers
from bot.advocacy.forms import MESSAGE
from bot.advocacy.school_names import names_a_school

#: The response said when a crisis pauses a form (it carries the "Continue" button).
PAUSED_RESPONSE = "utter_form_paused"
#: The action that resumes it (actions/session.py).
RESUME_ACTION = "action_resume_form"
#: The entities that answer each question of the program search and the message,
#: as the form's own slot mappings read them.
ANSWERING_ENTITIES = {
    "program_location": ("zip_code", "city"),
    "program_grade": ("grade",),
    "program_subject": ("subject", "language"),
    "msg_recipient": ("advocacy_choice",),
    "msg_grade": ("grade",),
    "msg_subject": ("advocacy_choice", "subject", "language"),
    "msg_language": ("advocacy_choice",),
}
#: The letter's questions a typed reply answers. The school only when its name says
#: so ("Escuela Hoover"): any short message reads as a school's name ("ya estoy
#: mejor"); "no sé" is no answer here either ("no sé qué hacer" after the lines).
TYPED_ANSWERS = frozenset(MESSAGE.slots) - {answers.SCHOOL}
#: A reply to the paused question is short; a longer message says something else.
MAX_REPLY_WORDS = 6


def paused_form(events: Iterable[Mapping[str, Any]]) -> str | None:
    """Return the form the latest crisis paused, or None (none, or resumed since).

    Args:
        events: the conversation's events as rasa-sdk gives them (dicts).
    """
    paused = False
    for event in reversed(list(events)):
        kind, name = event.get("event"), event.get("name")
        if kind == "session_started":
            return None
        if kind == "active_loop" and name:
            return name if paused else None
        if kind == "action" and name == PAUSED_RESPONSE:
            paused = True
    return None


def paused_question(events: Iterable[Mapping[str, Any]]) -> str | None:
    """Return the question the form was asking when the latest crisis paused it."""
    paused = False
    for event in reversed(list(events)):
        kind, name = event.get("event"), event.get("name")
        if kind == "session_started":
            return None
        if kind == "action" and name == PAUSED_RESPONSE:
            paused = True
        elif paused and kind == "slot" and name == "requested_slot" and event.get(
                "value"):
            return str(event["value"])
    return None


def answer_to_paused(question: str | None, message: Mapping[str, Any],
                     language: str) -> Any:
    """Return what ``message`` answers the paused ``question`` with, or None.

    "4to", "matemáticas", "90011" or "director" typed after the emergency lines
    got "I can help in three ways" or a topic's answer, and the paused search or
    letter was lost (exploratory run 19): the answer to the question the form was
    asking resumes it. An entity the form reads for that question, or, for the
    letter's typed answers, a short message its reader understands; the form
    validates it again as it resumes. Not the checklist's yes or no: right after
    the emergency lines a "no" is no answer to a question about tutoring.
    """
    if question is None:
        return None
    entities = message.get("entities") or []
    found = [e.get("value") for e in entities
             if e.get("entity") in ANSWERING_ENTITIES.get(question, ())]
    if found:
        return found[0]
    text = str(message.get("text") or "")
    if question == answers.SCHOOL and names_a_school(text):  # "Escuela Hoover"
        return text
    if (question in TYPED_ANSWERS and 0 < len(text.split()) <= MAX_REPLY_WORDS
            and not text.startswith("/") and not answers.says_not_known(text)
            and answers.read(question, text, message, language) is not None):
        return text
    return None


def resumed_with(events: Iterable[Mapping[str, Any]]) -> str | None:
    """Return the question this turn's resume answered ("" for none), or None.

    None when no paused form resumed this turn. As a form resumes, Rasa validates
    again every answer it kept, with the message that resumed it: "inglés" for the
    letter's language made its subject English (exploratory run 20). Only the
    answered question reads that message.
    """
    turn: list[Mapping[str, Any]] = []
    for event in reversed(list(events)):
        if event.get("event") == "user":
            break
        turn.append(event)
    resumed = None
    for event in reversed(turn):
        kind, name = event.get("event"), event.get("name")
        if kind == "action" and name == RESUME_ACTION:
            resumed = ""
        elif resumed == "" and kind == "slot":
            return str(name)
        elif resumed == "" and kind == "action":
            return resumed
    return resumed
