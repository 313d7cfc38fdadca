"""Name the messages that need a special answer instead of a classified intent.

Checked in order of what matters most: safety first (a crisis, a child writing),
then input Puente cannot read (nothing, only symbols or emoji, only a link, far too
long, a language it does not speak; an emoji alone that says a word says it; "de
todo" alone, every subject, is an answer, not a goodbye), then a parent afraid that
asking means showing papers (:mod:`bot.nlu.immigration`), then a parent worried
about how a child feels, who needs care and the school counselor, not a topic
(:mod:`bot.safety.wellbeing`), then questions only another program can answer
(its hours, log-in, rides: :mod:`bot.nlu.other_services`); before those, the
family's other needs (food, rent, a lawyer), which 211 helps with; "mande?" asks to
hear the last answer again (:mod:`bot.conversations.repeat`), "es en español?" which
language tutoring is in (:mod:`bot.nlu.tutoring_language`), "you're not helping"
an apology and a person to write to (:mod:`bot.nlu.frustration`), "the tutor keeps
changing every week" what good tutoring promises and whom to tell
(:mod:`bot.nlu.tutoring_concerns`), "y en el verano?" what Puente knows of it
(:mod:`bot.nlu.summer`). Each name is an
intent in the domain with a rule and an answer in both languages. A school matter
(special education, credits) and a request to do homework are named only where the
classifier found no topic (:func:`no_topic_matter`).
"""

from __future__ import annotations

import re

from bot.conversations.repeat import asks_to_repeat
from bot.lang.detect import Detection
from bot.lang.grades import level_grades
from bot.lang.other_languages import asks_for_other_language
from bot.nlu.frustration import is_frustrated
from bot.nlu.homework import asks_for_homework
from bot.nlu.immigration import worries_about_immigration
from bot.nlu.other_services import (
    asks_about_other_service,
    asks_for_other_help,
    needs_other_help_too,
)
from bot.nlu.program_entities import names_every_subject
from bot.nlu.school_matters import names_school_matter
from bot.nlu.summer import asks_about_summer
from bot.nlu.tutoring_concerns import concerns_tutoring
from bot.nlu.tutoring_language import asks_tutoring_language
from bot.safety import CHILD_USER, CRISIS
from bot.safety.child import is_child_writing
from bot.safety.crisis import is_crisis
from bot.safety.wellbeing import parent_in_distress, worries_about_wellbeing
from bot.text import clean, fold

EMPTY = "empty_message"
ONLY_SYMBOLS = "only_symbols"
ONLY_LINK = "only_link"
TOO_LONG = "too_long"
OTHER_LANGUAGE = "other_language"
CHILD_WELLBEING = "child_wellbeing"
PARENT_WELLBEING = "parent_wellbeing"
IMMIGRATION = "immigration_status"
OTHER_NEEDS = "other_needs"
SCHOOL_MATTER = "school_matter"
HOMEWORK = "homework_request"
REPEAT = "repeat"
TUTORING_LANGUAGE = "tutoring_language"
FRUSTRATED = "frustrated"
TUTORING_CONCERN = "tutoring_concern"
SUMMER = "summer_tutoring"
#: Not in SPECIAL_INTENTS: out_of_scope and inform also have training examples.
OUT_OF_SCOPE = "out_of_scope"
INFORM = "inform"

SPECIAL_INTENTS = (CRISIS, CHILD_USER, EMPTY, ONLY_SYMBOLS, ONLY_LINK, TOO_LONG,
                   OTHER_LANGUAGE, CHILD_WELLBEING, PARENT_WELLBEING, IMMIGRATION,
                   OTHER_NEEDS, SCHOOL_MATTER, HOMEWORK, REPEAT, TUTORING_LANGUAGE,
                   FRUSTRATED, TUTORING_CONCERN, SUMMER)

#: An emoji that says a word on its own, sent alone (or repeated): "👍" after "Anything
#: else?" or a yes-or-no question is a yes, not "I can only read words" (found in an
#: exploratory run). Skin tones and the emoji variation selector are ignored.
EMOJI_INTENTS = {
    **dict.fromkeys("👍👌✅✔🆗", "affirm"),
    **dict.fromkeys("👎❌", "deny"),
    **dict.fromkeys("🙏❤💙💜🥰😍🤗", "thank"),
    "👋": "greet",
}
#: What an emoji may carry that does not change its meaning.
_EMOJI_MODIFIERS = re.compile(r"[\U0001F3FB-\U0001F3FF\uFE0F\u200d\s]")

#: Longer than any question a parent types: a message this long is read by the
#: question it ends with (:func:`readable_question`), or gets a kind "too long".
MAX_QUESTION_CHARS = 1500
#: The longest closing question read out of a long message.
MAX_CLOSING_QUESTION_CHARS = 300

#: Start over clears a form's answers, a goodbye ends the conversation: only their
#: own words say them. "Hoover", a school's name (Hoover Street Elementary), was read
#: as "start over" by its letters and restarted the message to the school, and "y
#: ahora q hago", from an angry parent, as a goodbye ("¡Hasta luego!": exploratory
#: runs). The classifier's next guess is taken instead.
CONTROL_WORDS = {
    "start_over": re.compile(
        r"\b(?:start\w*|restart\w*|reset|begin\w*|redo|again|over|top|empez\w*"
        r"|empec\w*|empiez\w*|comenz\w*|comienz\w*|reinici\w*|principio|inicio|cero"
        r"|nuevo|otra vez)\b"),
    "goodbye": re.compile(
        r"\b(?:by+e+|bay|adios|chao|chau|ciao|hasta|nos vemos|vemos|me voy|ir|cuidese"
        r"|bendiciones|todo|nada mas|despido|otro dia|vaya bien|all|that'?s it"
        # "luego te escribo", not the next step asked: "y luego?", "luego que hago"
        r"|(?<!\by )luego(?!\s*(?:que|q|\?))"
        r"|done|night|see (?:you|ya)|later|ttyl|cya|thanks|thank you|gracias|go"
        r"|leaving|farewell|take care|finished|terminamos|listo|goodbye|good day|see u"
        r"|gtg|g2g|going)\b"),
}

_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
#: Where a sentence ends: after ".", "!" or "?" and a space, or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def readable_question(text: str) -> str | None:
    """Return what of ``text`` the topic model should read, ``None`` for nothing.

    A message up to :data:`MAX_QUESTION_CHARS` is read whole. A longer one is
    read by the last question it asks, when that question is short: a parent who
    tells a long story ("My son was in the hospital... He missed a lot of
    fractions... Can I ask his school for tutoring?") gets the answer to that
    question, not "ask in one or two sentences" (found in an exploratory run).
    A pasted document that asks nothing is still too long.
    """
    if len(text) <= MAX_QUESTION_CHARS:
        return text
    questions = [s.strip() for s in _SENTENCE_END.split(text) if "?" in s]
    if questions and len(questions[-1]) <= MAX_CLOSING_QUESTION_CHARS:
        return questions[-1]
    return None


def emoji_intent(text: str) -> str | None:
    """Return the intent an emoji-only message says ("👍👍" is affirm), if one."""
    intents = {EMOJI_INTENTS.get(ch) for ch in _EMOJI_MODIFIERS.sub("", text)}
    return intents.pop() if len(intents) == 1 else None


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
    question = readable_question(text)
    if question is None:
        return TOO_LONG
    if not any(ch.isalnum() for ch in clean(text)):
        if _LINK.search(text):
            return ONLY_LINK
        return emoji_intent(text) or ONLY_SYMBOLS
    if names_every_subject(fold(text)):
        return INFORM  # "todo" as a goodbye stopped the form and cleared its answers
    if level_grades(fold(text)):
        return INFORM  # "prepa" for the grade got "not sure" (run 16): its grades
    if asks_to_repeat(text):
        return REPEAT
    if detection.language == "other" or asks_for_other_language(question):
        return OTHER_LANGUAGE
    # before a worry about feelings: "tengo miedo de ir a la escuela por mi estatus
    # migratorio" got the school counselor (exploratory run 11)
    if worries_about_immigration(question):
        return IMMIGRATION
    if parent_in_distress(question):
        return PARENT_WELLBEING
    if worries_about_wellbeing(question):
        return CHILD_WELLBEING
    if asks_for_other_help(question):
        return OTHER_NEEDS
    if asks_about_other_service(text):
        return OUT_OF_SCOPE
    if asks_tutoring_language(question):
        return TUTORING_LANGUAGE
    if is_frustrated(question):
        return FRUSTRATED
    if concerns_tutoring(question):
        return TUTORING_CONCERN
    if asks_about_summer(question):
        return SUMMER
    return None


#: Below this, the classifier's best label is no topic it found (the fallback offers
#: two guesses from 0.35; a school matter or homework is answered instead up to here).
TOPIC_FOUND = 0.5


def no_topic_matter(text: str, label: str | None, confidence: float) -> str | None:
    """Return :data:`HOMEWORK` for a request; a school matter or 211 where no topic is.

    ``label`` and ``confidence``: the classifier's best full label ("faq/cost") and
    how sure it is. "que es un IEP" (out of scope) and "my daughter has dyslexia"
    (unsure) get whom at the school to ask, "can you do my sons homework" what
    Puente can do instead; "my son has ADHD, can he get tutoring?" (eligibility,
    sure) and "la tutoría es solo ayuda con la tarea?" (not_hit, no request) keep
    their topic. A request to do homework is one however sure the classifier is. A
    need 211 helps with, told beside a tutoring question no topic was found for,
    gets 211's answer (:data:`OTHER_NEEDS`).
    """
    question = readable_question(text)
    if text.startswith("/") or question is None:
        return None
    # a request made to Puente, however sure a topic or a search: "can u help w his
    # math hw" started the program search (run 15), "me puede ayudar con la tarea de
    # mate de mi hijo?" got how to help at home (run 17)
    if asks_for_homework(question):
        return HOMEWORK
    topic_found = label != OUT_OF_SCOPE and confidence >= TOPIC_FOUND
    if not topic_found and names_school_matter(question):
        return SCHOOL_MATTER
    # "we got evicted last week, will my son lose his tutoring spot" got "not sure"
    # and no word on 211 (run 22); a topic found is answered, 211's answer after it
    if not topic_found and needs_other_help_too(question):
        return OTHER_NEEDS
    return None


#: Words that end a conversation, beside a thanks: "gracias x la info, bye", "muchas
#: gracias eso era todo", "thank u so much thats it for today" got "You're welcome!
#: Anything else?" (exploratory run 17).
_PARTING = re.compile(
    r"\b(?:by+e+|bay|adios|chao|chau|hasta (?:luego|pronto|la proxima|manana)"
    r"|nos vemos|(?:eso|that)(?:'?s| es| era| is| was) (?:todo|it|all)|es todo"
    r"|(?:ya )?con eso(?: quedo| es todo)?|that'?s (?:it|all)|thats (?:it|all)"
    r"|have a (?:nice|good|great) (?:one|day|night|evening)|see (?:you|ya|u)"
    r"|take care|cuidese)\b")


def thanks_in_parting(intent: str | None, text: str) -> bool:
    """Whether a thanks also says goodbye: then the goodbye answers it."""
    return intent == "thank" and bool(_PARTING.search(fold(text)))


def unfounded_control(intent: str | None, text: str) -> bool:
    """Whether ``intent`` is a control (start over, goodbye) without its words."""
    words = CONTROL_WORDS.get(str(intent))
    return words is not None and not words.search(fold(text))
