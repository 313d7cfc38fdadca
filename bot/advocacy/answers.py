"""Read a parent's answer to one form question: typed words, a button or an entity.

Each slot of the two forms has a reader that takes the slot's value, the latest
message (plain NLU output: intent and entities) and the conversation's language,
and returns the answer to keep, or None when it was not understood.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from bot.advocacy import checklist, letters

#: Longer than any school name or subject a parent types; longer text is a mistake.
MAX_TYPED = 80
#: Buttons send these intents; typed words win ("yes, twice a week" -> no).
INTENT_ANSWERS = {
    "affirm": checklist.YES,
    "deny": checklist.NO,
    "answer_unsure": checklist.UNSURE,
}

#: (slot value, latest message, language) -> the answer, or None if not understood.
Reader = Callable[[Any, Mapping[str, Any], str], "str | None"]


def typed(value: Any) -> str | None:
    """Return what the parent typed, trimmed; None for a payload, empty or long text."""
    text = " ".join(str(value or "").split())
    if not text or text.startswith("/") or len(text) > MAX_TYPED:
        return None
    return text


def entity(message: Mapping[str, Any], name: str) -> str | None:
    """Return the message's value for entity ``name``, if any."""
    found = (e.get("value") for e in message.get("entities") or []
             if e.get("entity") == name)
    return next(found, None)


def _intent(message: Mapping[str, Any]) -> str:
    return str((message.get("intent") or {}).get("name") or "")


def _checklist_reader(slot: str) -> Reader:
    """Yes, no or unsure, from the typed words or else the button's intent.

    A goodbye or thanks is answered by its own words only ("sí, gracias"), never by
    the intent: the NLU reads "ok thx" as affirm, and a "yes" the family did not
    give would reach the school's message. Checked on the whole text, however long.
    """
    key = checklist.question(slot).key

    def read(value: Any, message: Mapping[str, Any], language: str) -> str | None:
        if value is None:  # emptied by Back or Start over: nothing to read
            return None
        answer = checklist.parse_answer(key, typed(value) or "", language)
        if answer or checklist.closes(str(value)):
            return answer
        return INTENT_ANSWERS.get(_intent(message))

    return read


def kept_words(value: Any) -> str | None:
    """Return what the parent typed, to keep as written; not a goodbye or thanks.

    "gracias" or "ok thanks, bye" typed while the form waits for the school's name
    would reach the letter as the school ("My child's school is gracias").
    """
    text = typed(value)
    return None if text and checklist.only_closes(text) else text


def school(value: Any, message: Mapping[str, Any], language: str) -> str | None:
    """Keep any short name, as typed."""
    return kept_words(value)


def recipient(value: Any, message: Mapping[str, Any], language: str) -> str | None:
    """Read a button, or words like "la directora"."""
    choice = entity(message, "advocacy_choice")
    if choice in letters.recipients():
        return choice
    return letters.parse_recipient(typed(value) or "")


def grade(value: Any, message: Mapping[str, Any], language: str) -> str | None:
    """Read a grade we recognize ("0".."12"), else keep the parent's short words."""
    return entity(message, "grade") or kept_words(value)


def subject(value: Any, message: Mapping[str, Any], language: str) -> str | None:
    """Read a button or a known subject ("matemáticas" -> math), else keep the words."""
    return (
        entity(message, "advocacy_choice") or entity(message, "subject")
        or kept_words(value)
    )


def draft_language(value: Any, message: Mapping[str, Any], language: str) -> str | None:
    """Read English, Spanish or both."""
    choice = entity(message, "advocacy_choice")
    if choice in (*letters.LANGUAGES, letters.BOTH):
        return choice
    return letters.parse_draft_language(typed(value) or "")


READERS: dict[str, Reader] = {
    **{slot: _checklist_reader(slot) for slot in checklist.slots()},
    "msg_school": school,
    "msg_recipient": recipient,
    "msg_grade": grade,
    "msg_subject": subject,
    "msg_language": draft_language,
}


def read(
    slot: str, value: Any, message: Mapping[str, Any], language: str
) -> str | None:
    """Return the answer to keep in ``slot``, or None when it was not understood."""
    return READERS[slot](value, message, language)
