"""Name the messages that need a special answer instead of a classified intent.

Checked in order of what matters most: safety first (a crisis, a child writing),
then input Puente cannot read (nothing, only symbols or emoji, only a link, far too
long, a language it does not speak), then questions only another program can answer
(its hours, log-in, rides: :mod:`bot.nlu.other_services`). Each name is an intent in
the domain with a rule and a response in both languages.
"""

from __future__ import annotations

import re

from bot.lang.detect import Detection
from bot.nlu.other_services import asks_about_other_service
from bot.safety.child import is_child_writing
from bot.safety.crisis import is_crisis
from bot.text import clean

CRISIS = "crisis"
CHILD_USER = "child_user"
EMPTY = "empty_message"
ONLY_SYMBOLS = "only_symbols"
ONLY_LINK = "only_link"
TOO_LONG = "too_long"
OTHER_LANGUAGE = "other_language"
#: Not in SPECIAL_INTENTS: out_of_scope also has training examples.
OUT_OF_SCOPE = "out_of_scope"

SPECIAL_INTENTS = (CRISIS, CHILD_USER, EMPTY, ONLY_SYMBOLS, ONLY_LINK, TOO_LONG,
                   OTHER_LANGUAGE)

#: Longer than any question a parent types; pasted documents get a kind answer.
MAX_QUESTION_CHARS = 1500

_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


def special_intent(text: str, detection: Detection) -> str | None:
    """Return the special intent for ``text``, or ``None`` for an ordinary message.

    Args:
        text: the message as received.
        detection: its language detection (:func:`bot.lang.detect.detect`).
    """
    if not text.strip():
        return EMPTY
    if text.startswith("/"):
        return None  # a button Puente offered (its payload), not words to check
    if is_crisis(text):
        return CRISIS
    if is_child_writing(text):
        return CHILD_USER
    if len(text) > MAX_QUESTION_CHARS:
        return TOO_LONG
    readable = clean(text)
    if not any(ch.isalnum() for ch in readable):
        return ONLY_LINK if _LINK.search(text) else ONLY_SYMBOLS
    if detection.language == "other":
        return OTHER_LANGUAGE
    if asks_about_other_service(text):
        return OUT_OF_SCOPE
    return None
