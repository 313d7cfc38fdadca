"""Say an answer more simply when a family says it did not understand it.

"no entendí", "I don't understand" and "más fácil porfa" right after an answer were
dead ends: a "no" (so "Anything else?"), "not sure", or a program search
(exploratory runs 11 to 13). A parent who did not understand the answer needs it
in fewer, plainer words, not the same words again: each FAQ topic has a short
version, ``utter_faq_plain/<topic>`` (one name, both languages). Asked again after
the short version, or after an answer that has none, the family hears the last
answer again (``bot.conversations.repeat``), with a way to ask a person.

Plain Python over Rasa's event dicts: the action server imports it without Rasa.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

from bot.conversations.repeat import previous_turn
from bot.faq.more import FAQ_PREFIX
from bot.nlu.program_entities import find_subjects
from bot.nlu.synonyms import names_tutoring
from bot.text import fold

#: The short versions' group of responses, ``utter_faq_plain/<topic>``.
PLAIN_RESPONSES = "utter_faq_plain"
PLAIN_PREFIX = PLAIN_RESPONSES + "/"

#: The whole message says the family did not understand, or asks for simpler words.
_NOT_UNDERSTOOD = re.compile(
    r"^\W*(?:(?:perdon|disculpe|lo siento|sorry|ok|pero|but|es que|mmm*)\W+)?"
    r"(?:no (?:le |te |lo )?(?:entendi|entiendo|entendimos|comprendo|comprendi|capte)"
    r"(?: (?:nada|bien|muy bien|mucho|lo que (?:dijo|dice|me dijo|escribio)|eso|esto))?"
    r"|no (?:me )?(?:quedo|queda|esta) (?:muy )?claro"
    r"|(?:sigo sin|aun sin) entender(?: nada)?|(?:todavia|aun) no (?:le |lo )?entiendo"
    r"|i still (?:don'?t|do not|dont) (?:understand|get it)|still (?:confused|lost)"
    r"|que (?:significa|quiere decir)(?: eso| esto)?"
    r"|i (?:don'?t|do not|didn'?t|did not|dont|didnt)"
    r" (?:understand|get it|get that|follow)"
    r"(?: (?:that|this|it|you|what you (?:said|mean|meant)|at all))?"
    r"|(?:i'?m |im )?(?:confused|lost)"
    r"|estoy (?:confundid[oa]|perdid[oa])"
    r"|what does (?:that|this|it) mean"
    r"|(?:en )?palabras (?:mas )?(?:sencillas|simples|faciles)"
    r"|(?:(?:me lo )?(?:puede|podria|pueden) )?(?:explicar(?:lo|me)?|decir(?:lo)?)"
    r" (?:mas )?(?:facil|sencillo|simple|claro)"
    r"|(?:explicalo|expliquelo|dimelo|digamelo|expliqueme|explicame) (?:mas )?"
    r"(?:facil|sencillo|simple|claro)"
    r"|mas (?:facil|sencillo|simple|claro)"
    r"|(?:in )?(?:simpler|plain|simple|easier) (?:words|english|terms)"
    r"|(?:(?:can|could) you )?(?:explain|say) (?:it|that)?\s*(?:more )?"
    r"(?:simply|simpler|easier|more simply|in simple words|plainly)"
    r"|simpler|too hard to understand|muy dificil de entender)"
    r"\W*(?:por favor|please|pls|porfa|plis|porfavor)?\W*$")


#: Words that say so inside a short message of other words: "no le entendi nada a
#: eso", "thats too complicated for me, say it simpler", "me lo puede explicar de
#: otra forma" got "Anything else?", "not sure" or the longer answer; so did "sigo
#: sin entenderle" after the plainer one (exploratory run 15).
_SAYS_SO = re.compile(
    r"\b(?:no (?:le |te |lo |les )?(?:entiendo|entendi|entendimos|comprendo|comprendi"
    r"|capte|capto)|(?:sigo|sigue|aun) sin entender\w*"
    r"|(?:todavia|aun) no (?:le |lo )?entiendo"
    r"|no (?:me )?(?:quedo|queda|esta|es) (?:muy |tan )?clar[oa]"
    r"|(?:que|q) (?:significa|quiere decir)|what (?:do|did) you mean"
    r"|what does (?:that|this|it) mean"
    r"|(?:muy|tan|too|so|very|bien|really) (?:complicado|complicated|dificil|difficult"
    r"|confusing|confuso|hard to understand)"
    r"|(?:mas|more) (?:facil|sencillo|simple|claro|simply|easy|plain|plainly)"
    r"|simpler|easier words|easier way|plainer|plain words|in plain"
    r"|palabras (?:mas )?(?:sencillas|simples|faciles)|other words|otras palabras"
    r"|de otra (?:forma|manera)|another way"
    r"|(?:dont|didnt|do not|did not) (?:really |quite )?(?:get|understand|follow)"
    r"|confused|confundid[oa]|lost me|like (?:im|i am) (?:5|five)|huh)\b")
#: Longer than this, a message says more than that it did not understand.
SHORT_WORDS = 12
#: "¿es más fácil en línea?" compares; it does not ask for simpler words.
_COMPARES = re.compile(r"\b(?:es|is it|seria|sera|its|it is) (?:mas|more) ")


def says_not_understood(text: str) -> bool:
    """Whether ``text`` says the last answer was not understood ("no entendí").

    The whole message in so many words, or a short one that says so and asks
    nothing of its own: no tutoring named, no subject ("no entiendo fracciones"
    is about the child's school work), no comparison.
    """
    folded = fold(" ".join(text.replace("'", "").replace("’", "").split()))
    if _NOT_UNDERSTOOD.match(folded):
        return True
    return (len(folded.split()) <= SHORT_WORDS and bool(_SAYS_SO.search(folded))
            and not names_tutoring(folded) and not _COMPARES.search(folded)
            and not any(True for _ in find_subjects(folded)))


def plain_response(events: Iterable[Mapping[str, Any]]) -> str | None:
    """Return ``utter_faq_plain/<topic>`` when the last answer was that topic's.

    Only the bot's messages since the family's previous message count: an answer
    given three turns ago is not the one the family did not understand. ``None``
    when the last answer was no FAQ answer or was already the plain one. Every
    topic has its plain version (a test checks the domain): the action server is
    not sent the domain's responses to look them up.
    """
    for said in previous_turn(events):
        action = str((said.get("metadata") or {}).get("utter_action") or "")
        if action.startswith(FAQ_PREFIX):
            return PLAIN_PREFIX + action[len(FAQ_PREFIX):]
    return None
