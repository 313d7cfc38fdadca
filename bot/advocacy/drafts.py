"""The drafted message as the parent receives it, on the parent's channel.

From the form's answers to the messages that carry the draft: plain values in,
``utter_message`` arguments out, so which channel gets which format is tested
without Rasa.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Mapping, Sequence

from bot.advocacy import Utterance, answers, checklist, forms, letters, school_names
from bot.nlu.second_question import FAQ_INTENT
from bot.text import fold

#: The subject of homework help, which is not high-impact tutoring.
HOMEWORK = "homework"
#: Intents of a question, about tutoring or anything else.
_QUESTION_INTENTS = frozenset({FAQ_INTENT, "faq_more", "out_of_scope", "nlu_fallback"})
#: The family's own child named: "mi hija", "my son", "our kid", "he's".
_CHILD_NAMED = re.compile(
    r"\b(?:mi|my|su|our|nuestr[oa]) (?:\w+ )?(?:hij[oa]|nin[oa]|son|daughter|kid"
    r"|child|boy|girl|nena|nene|chamac[oa]|chavo|chava)s?\b"
    r"|\b(?:he|she|hes|shes)\b")
#: "Start over" after a draft (the draft's button, or typed): a new message that
#: asks everything again.
START_OVER = "start_over"
#: Another letter asked for: "otro para mi otro hijo", "another one for my daughter",
#: "my other son's school".
_ANOTHER = re.compile(
    r"\b(?:otr[oa]|other|another|one more)\b(?! vez)(?:\s+\w+){0,4}?\s+"
    r"(?:hij[oa]s?|nin[oa]s?|child|son|daughter|kid|carta|mensaje|letter|message|one"
    r"|escuela|school)\b"
    # "now one for my younger son" got how to send the first (exploratory run 14)
    # and "tambien quiero uno para mi hija la grande" (run 15)
    r"|\b(?:one|uno|una|another|otra|otro) (?:mas )?(?:for|para) (?:my|mi)(?: \w+){0,2}"
    r" (?:son|daughter|kid|child|hij[oa]|nin[oa])\b"
    # "ahora pa el de 7mo" rewrote the 2nd grader's letter for 7th (run 27)
    r"|^\W*(?:(?:y|and|ok|okay|bueno|ya)\W+)*(?:ahora|now)\W+(?:(?:one|uno|una) )?"
    r"(?:pa|para|for)\s+(?:el|la|los|las|the|my|mi|his|her)\b")

#: Channels whose client shows a copy button for a {"type": "draft"} payload: the
#: web widget, which talks to Rasa's REST channel through the pages server.
COPYABLE_CHANNELS = frozenset({"rest"})


def request_from(
    slots: Mapping[str, Any], family_language: str,
    events: Sequence[Mapping[str, Any]] = (),
) -> letters.Request | None:
    """Return the draft request the slots describe; None before the form is complete.

    The checklist's gaps become the message's questions when the parent did the
    checklist first; otherwise the letter asks its usual questions. ``events``
    (the conversation) give the words the parent named the person with.
    """
    if not all(slots.get(slot) for slot in forms.MESSAGE.slots):
        return None
    values = {slot: str(slots[slot]) for slot in forms.MESSAGE.slots}
    answers = {slot: slots.get(slot) for slot in checklist.slots()}
    gaps = (
        [q.key for q in checklist.score(answers).to_ask]
        if any(answers.values())
        else None
    )
    return letters.Request(
        recipient=values["msg_recipient"],
        school=values["msg_school"],
        grade=values["msg_grade"],
        subject=values["msg_subject"],
        draft_language=values["msg_language"],
        family_language=family_language,
        gaps=gaps,
        addressed=letters.addressed_as(
            values["msg_recipient"],
            recipient_named_in(events, values["msg_recipient"])),
    )


def recipient_named_in(events: Sequence[Mapping[str, Any]], recipient: str) -> str:
    """Return the parent's latest message that named the letter's person ("" if none).

    "a la directora", or the request itself ("escríbale a la directora de la
    Hooper"); a button's payload names nobody in words.
    """
    for event in reversed(events):
        text = str(event.get("text") or "")
        if (event.get("event") == "user" and not text.startswith("/")
                and letters.parse_recipient(text) == recipient):
            return text
    return ""


def subjects_said(events: Sequence[Mapping[str, Any]]) -> list[str]:
    """Return every subject of the latest user message that named one, in order.

    ``events``: the conversation as the action server gets it. The search keeps
    one subject (Rasa fills a slot with an entity's last value); "lectura y mate"
    asks for both, and the letter can name both. Not homework: after "is HIT the
    same as homework help?", every letter asked for "help in homework", what
    high-impact tutoring is not, and the subject was never asked (exploratory run
    25, 4 of 4). Not from a question about tutoring in general ("is tutoring only for
    kids who are failing reading?" put reading in the letter: run 26); from one
    about the child ("mi hija va atrasada en lectura y mate, q puedo hacer?"), yes.
    """
    for event in reversed(events):
        if event.get("event") != "user":
            continue
        parse_data = event.get("parse_data") or {}
        if (answers.intent_name(parse_data) in _QUESTION_INTENTS
                and not _CHILD_NAMED.search(fold(str(event.get("text") or "")))):
            continue
        subjects = [subject for subject in answers.entity_values(parse_data, "subject")
                    if subject != HOMEWORK]
        if subjects:
            return subjects
    return []


def asks_for_another(text: str) -> bool:
    """Whether ``text`` asks for a letter for another child, school or person."""
    return bool(_ANOTHER.search(fold(text)))


def known_answers(slots: Mapping[str, Any], request_text: str,
                  subjects: Sequence[str] = (), reply: bool = False,
                  same_child: bool = True,
                  grade_named: str | None = None) -> dict[str, str]:
    """Return the message form's answers the family already gave; the form skips them.

    The grade and subjects of a program search ("my son is in 3rd and needs help in
    reading"; ``subjects``: :func:`subjects_said`), the person named in the
    request that started the form ("help me write to the school board") and, when
    the form starts from a ``reply`` to the answer on asking the school
    (:mod:`bot.policies.ask_school_follow_up`), the school it names ("Roosevelt
    High"), the grade the request names (``grade_named``: "escríbale a la
    directora pa mi hija de cuarto" asked the grade again: exploratory run 29), and
    the school and the letter's language a whole request names ("... teacher at
    Harmony Elementary ... in english please" asked both again: run 31).
    Nothing new is kept: these are what the conversation already holds, or
    words of the message being answered. Not ``same_child`` (a letter after a
    letter, "Empezar de nuevo", or one "para mi otra hija"), the grade and subjects
    are asked again: the letter said the first child's grade, and "Empezar de nuevo"
    kept it (an exploratory run).
    """
    typed = not request_text.startswith("/")
    known = {
        "msg_grade": ((typed and grade_named) or slots.get("program_grade")
                      if same_child else None),
        "msg_subject": (letters.SUBJECT_SEPARATOR.join(subjects) if same_child
                        else None),
        "msg_recipient": letters.parse_recipient(request_text) if typed else None,
        "msg_school": (school_names.school_name(request_text)
                       if typed and reply and school_names.names_school(request_text)
                       else typed and school_names.school_in_request(request_text)),
        "msg_language": typed and letters.letter_language_in(request_text),
    }
    return {slot: str(value) for slot, value in known.items() if value}


def in_other_language(request: letters.Request) -> letters.Request:
    """Return the same request in the other language.

    English <-> Spanish; "both" becomes the one the family does not speak (they
    asked for a change, and already saw both).
    """
    other = letters.switched(request.draft_language, request.family_language)
    return replace(request, draft_language=other)


def utterances(
    request: letters.Request, channel: str | None, short: bool = False
) -> list[Utterance]:
    """Return the messages that send the draft on ``channel``: intro, draft, next steps.

    The draft is its own message, to copy or forward. On the web, a custom payload
    marking it copyable (the widget shows the text with a copy button); elsewhere
    (WhatsApp) plain text the parent can forward, with single line breaks so the
    channel keeps it in one message. Never both: the widget would show it twice,
    and WhatsApp would get the JSON as text. A school or grade the parent did not
    know: the intro says to fill in the spaces.
    """
    text = letters.draft(request, short=short)
    draft: Utterance = (
        {"json_message": {"type": "draft", "text": text}}
        if channel in COPYABLE_CHANNELS
        else {"text": letters.forwardable(text)}
    )
    blanks = letters.has_blanks(request)
    intro = "utter_draft_intro_blanks" if blanks else "utter_draft_intro"
    return [{"response": intro}, draft, {"response": "utter_draft_next"}]
