"""Read a parent's answer to one form question: typed words, a button or an entity.

Each slot of the two forms has a reader that takes the slot's value, the latest
message (plain NLU output: intent and entities) and the conversation's language,
and returns the answer to keep, or None when it was not understood.
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable, Iterable, Mapping

from bot.advocacy import Utterance, checklist, forms, letters, school_names
from bot.lang import ages
from bot.lang.grades import level_grades
from bot.nlu.program_entities import find_grades
from bot.programs.models import SUBJECT_OF_LANGUAGE, SUBJECTS
from bot.text import fold, is_question

#: Longer than any school name or subject a parent types; longer text is a mistake.
MAX_TYPED = 80
#: A checklist answer can tell it all: "si es la misma maestra siempre, va 3 dias,
#: son 4 ninos, es en la escuela en horario de clase" (92 letters) got "Toque Sí,
#: No o No sé" (exploratory run 30).
MAX_TYPED_ANSWER = 300
#: Buttons send these intents; typed words win ("yes, twice a week" -> no).
INTENT_ANSWERS = {
    "affirm": checklist.YES,
    "deny": checklist.NO,
    "answer_unsure": checklist.UNSURE,
}

#: (slot value, latest message, language) -> the answer, or None if not understood.
Reader = Callable[[Any, Mapping[str, Any], str], "str | None"]


def typed(value: Any, longest: int = MAX_TYPED) -> str | None:
    """Return what the parent typed, trimmed; None for a payload, empty or long text."""
    text = " ".join(str(value or "").split())
    if not text or text.startswith("/") or len(text) > longest:
        return None
    return text


def entity(message: Mapping[str, Any], name: str) -> str | None:
    """Return the message's value for entity ``name``, if any."""
    found = (e.get("value") for e in message.get("entities") or []
             if e.get("entity") == name)
    return next(found, None)


#: A question the topic model is this sure of, asked where a form waits for an
#: answer, is a question: no school's name, grade or subject is this sure of a topic.
#: 0.7, not 0.8: "wait is this free?" (0.72) got "write only the school's name"
#: (exploratory run 22).
SURE_QUESTION = 0.7
#: As sure of a question's topic, asked where the form waits and not read as an
#: answer: "y eso es gratis verdad?" (0.65) at the grade got "I need one grade"
#: (exploratory run 26). Nothing was kept, so the likely answer costs nothing.
SURE_QUESTION_NOT_ANSWERED = 0.5
#: As sure of a question about Puente itself: its words ("who reads this", "are you
#: a robot") are no answer's, and "who is gonna read this tho" (0.5-0.8) got "please
#: tap a button" (exploratory run 22).
SURE_ABOUT_PUENTE = 0.5


#: Questions about Puente itself, answered inside a form as a topic's question is:
#: "quién va a leer esto?" at the school's name got "write only the school's name"
#: (exploratory runs 19 and 20), "are u a real person" at the grade "I need one
#: grade" (run 22).
ABOUT_PUENTE = {"ask_privacy": "utter_ask_privacy",
                "about_puente": "utter_about_puente",
                "bot_challenge": "utter_bot_challenge"}


#: How the letter will be sent, asked while it is being written: "can i send it by
#: email?", "se puede mandar por whatsapp?" got "Sorry, I didn't get that" (exploratory
#: run 25). Any words, any sureness: no answer to the form's questions says this.
ASKS_HOW_TO_SEND = re.compile(
    r"\b(?:send|mand\w*|envi\w*|pasar\w*|e-?mail|text|deliver|entreg\w*)\b.*"
    r"\b(?:e-?mail|correo|whatsapp|wsp|text|texto|mensaje de texto|mail|print"
    r"|imprim\w*)\b"
    r"|\b(?:can i|could i|puedo|se puede) (?:just |nomas |solo )?"
    r"(?:e-?mail|text|whatsapp|print|imprimir\w*)\b"
    # run 29: "y ahora como se lo mando?" at the school's name
    r"|\b(?:como|donde) (?:se )?(?:lo|la) (?:mando|envio|entrego|doy)\b"
    r"|\bhow do i (?:send|give|deliver) (?:it|this)\b")
HOW_TO_SEND = "utter_message_how_to_send_later"
#: Whom it is best to write to, asked at that question: "which one is best to write
#: to?" got "Sorry, I didn't get that" (exploratory run 26).
ASKS_WHOM_IS_BEST = re.compile(
    r"\b(?:which|who|whom|quien|cual|a quien)\b.*\b(?:best|better|should|recommend"
    r"|mejor|conviene|recomienda\w*|deberia|debo|sugier\w*)\b")
WHOM_IS_BEST = "utter_message_recipient_advice"
#: Which grade to give, asked at that question: "what grade should I put if he
#: repeated?", "si reprobo el año q grado pongo?" got "I need one grade" (run 27).
ASKS_WHICH_GRADE = re.compile(
    r"\b(?:what|which|que|q|cual) grad\w*\b.*\b(?:put|pongo|poner|write|escribo"
    r"|escribir|use)\b|\b(?:repeat\w*|repit\w*|reprob\w*|held back)\b")
WHICH_GRADE = "utter_message_grade_now"
#: "entonces q hago" inside the checklist got "Toque Sí, No o No sé" (exploratory
#: run 27): what the questions lead to, then the question again.
ASKS_WHAT_TO_DO = re.compile(
    r"\b(?:what (?:do|should|can) i do|now what|what now|what next"
    r"|(?:que|q) (?:hago|debo hacer|sigue|mas hago)|y ahora (?:que|q))\b"
    r"|^y (?:ahora|luego|despues)\W*$")
WHAT_TO_DO = {forms.CHECKLIST.name: "utter_checklist_what_next",
              forms.MESSAGE.name: "utter_message_what_next"}


def question_asked(message: Mapping[str, Any], slot: str | None = None,
                   sure: float = SURE_QUESTION) -> str | None:
    """Return the answer to a question asked instead of answering ``slot``, or None.

    "¿cuánto cuesta la tutoría?" at "¿En qué grado está?" got "necesito saber un
    solo grado", and at the school's name it would have become the school (an
    exploratory run): a question worded as one (:func:`bot.text.is_question`) that
    the topic model is ``sure`` of gets its topic's answer, then the form's
    question.
    """
    intent = message.get("intent") or {}
    confidence = float(intent.get("confidence") or 0)
    text = str(message.get("text") or "")
    asked = is_question(text)
    if asked and ASKS_HOW_TO_SEND.search(fold(text)):
        return HOW_TO_SEND
    if slot == RECIPIENT and ASKS_WHOM_IS_BEST.search(fold(text)):
        return WHOM_IS_BEST
    if slot == GRADE and asked and ASKS_WHICH_GRADE.search(fold(text)):
        return WHICH_GRADE
    if ASKS_WHAT_TO_DO.search(fold(text)):
        return next((response for name, response in WHAT_TO_DO.items()
                     if slot in forms.FORMS[name].slots), None)
    about = ABOUT_PUENTE.get(str(intent.get("name")))
    # "r u a bot", no mark, at the school's name became the school (run 23)
    if about and confidence >= (SURE_ABOUT_PUENTE if asked else SURE_QUESTION):
        return about
    selector = (message.get("response_selector") or {}).get("faq") or {}
    key = (selector.get("response") or {}).get("intent_response_key")
    if asked and intent.get("name") == "faq" and key and confidence >= sure:
        return f"utter_{key}"
    return None


def entity_values(message: Mapping[str, Any], name: str) -> list[str]:
    """Return every value the message has for entity ``name``, once each, in order."""
    return list(dict.fromkeys(str(e.get("value")) for e in message.get("entities") or []
                              if e.get("entity") == name))


def intent_name(message: Mapping[str, Any]) -> str:
    """Return the name of the intent the NLU read ``message`` as ("" if none)."""
    return str((message.get("intent") or {}).get("name") or "")


def _checklist_reader(slot: str) -> Reader:
    """Yes, no or unsure, from the typed words or else the button's intent.

    A goodbye or thanks, or "I don't understand", is answered by its own words only
    ("sí, gracias"), never by the intent: the NLU reads "ok thx" as affirm, and a
    "yes" the family did not give would reach the school's message. Checked on the
    whole text, however long.
    """
    key = checklist.question(slot).key

    def read(value: Any, message: Mapping[str, Any], language: str) -> str | None:
        if value is None:  # emptied by Back or Start over: nothing to read
            return None
        answer = checklist.parse_answer(key, typed(value, MAX_TYPED_ANSWER) or "",
                                        language)
        if (answer or checklist.closes(str(value))
                or checklist.asks_what_it_means(str(value))):
            return answer
        return INTENT_ANSWERS.get(intent_name(message))

    return read


def answered_too(slot: str, value: Any, values: Mapping[str, Any]) -> dict[str, str]:
    """Return the other checklist questions the answer to ``slot`` also answers.

    See :func:`checklist.also_answered`. A later question only while still empty in
    ``values`` (the slots now); an earlier one when the answer changes it (a
    correction: :func:`corrects_earlier`). Whether or not it answered ``slot``
    itself: "yes during school day" at the tutor's question answers the school
    day's, and the tutor's is asked again (exploratory run 30). A button's payload
    says nothing more.
    """
    text = str(value or "")
    if slot not in checklist.slots() or text.startswith("/"):
        return {}
    key = checklist.question(slot).key
    return {other: said for other, said in checklist.also_answered(key, text).items()
            if values.get(other) is None
            or (_earlier(other, slot) and values.get(other) != said)}


def _earlier(slot: str, than: str) -> bool:
    """Whether the checklist asks ``slot`` before ``than``."""
    order = list(checklist.slots())
    return order.index(slot) < order.index(than)


def corrects_earlier(slot: str, answered: Mapping[str, str]) -> bool:
    """Whether ``answered`` (from :func:`answered_too`) changes an earlier question."""
    return any(_earlier(other, slot) for other in answered)


#: The letter's school, person to write to and grade.
SCHOOL = "msg_school"
RECIPIENT = "msg_recipient"
GRADE = "msg_grade"


def grade_named_elsewhere(slot: str, requested: Any,
                          message: Mapping[str, Any]) -> bool:
    """Whether ``message`` names a grade where the letter asks something else.

    The grade it names replaces the letter's (``msg_grade`` reads it at every
    question); ``slot``, validated in the same turn, is asked again, if the message
    does not answer it too, without "I didn't understand": the family was
    correcting, not answering it.
    """
    return (slot in forms.MESSAGE.slots and requested in forms.MESSAGE.slots
            and requested != GRADE and entity(message, "grade") is not None)


#: At most this many words say only whom to write to ("pa la directora").
RECIPIENT_WORDS = 4


#: "I want to write to", before the person: no words of the person's.
_WRITE_TO = re.compile(
    r"^(?:yo )?(?:quiero|le quiero|queria|i want to|i wanna|i would like to|id like to)"
    r" (?:escribirle|escribir|mandarle|enviarle|write|send it|send this)(?: to)? ")


#: A change of mind around the person: "actually make it to the teacher instead",
#: "mejor a la directora no a la maestra" (run 32: "Sorry, I didn't get that" and the
#: letter to the first one).
_CHANGE_OF_MIND = re.compile(
    r"^(?:(?:oh|ah|ay|no|sorry|perdon|actually|wait|mejor|better|en realidad)\W+)*"
    r"(?:(?:make|change|switch) it (?:to|for) |send it to |que sea (?:para|pa) "
    r"|cambi[ea]lo (?:a|para|pa) )?"
    r"|(?: (?:no|not) (?:a |al |to )?(?:el |la |the )?\w+)?"
    r"(?: (?:instead|en vez|mejor|please|pls|porfa|por favor))*$")


#: The questions where the person to write to, typed instead, is kept.
RECIPIENT_INSTEAD_OF = frozenset({SCHOOL, GRADE, "msg_subject", "msg_language"})


def recipient_named_instead(slot: str, value: Any) -> str | None:
    """Return the person to write to, typed where the school's name was asked.

    "to the principal" became the letter's school (exploratory run 25): the
    parent answered the next question. Kept as the recipient; the school is asked
    again. A name with a school's words stays the school ("Mayor Avenue
    Elementary"). So at the grade and the subject: "idk" wrote to the teacher,
    and "principal" typed next got "I need one grade" (run 27).
    """
    text = kept_words(value) if slot in RECIPIENT_INSTEAD_OF else None
    # run 30: "quiero escribirle a la directora" got "write only the school's name"
    text = _CHANGE_OF_MIND.sub("", _WRITE_TO.sub("", fold(text))) if text else None
    # "es la Sheridan Street, y es pa la maestra" names the school too (run 26)
    if (not text or len(text.split()) > RECIPIENT_WORDS
            or school_names.names_a_school(text)):
        return None
    return letters.parse_recipient(text)


def teacher_for_not_known(slot: str, value: Any, answer: str | None) -> bool:
    """Whether "idk" for the person to write to chose the teacher, to say so.

    The letter went to the teacher without a word (exploratory run 27).
    """
    return (slot == RECIPIENT and answer == letters.FIRST_RECIPIENT
            and says_not_known(value))


def says_not_known(value: Any) -> bool:
    """Whether the parent typed that they do not know ("no sé", "idk")."""
    text = typed(value)
    return bool(text) and letters.not_known(str(text))


def kept_words(value: Any) -> str | None:
    """Return what the parent typed, to keep as written; not a goodbye or thanks.

    "gracias" or "ok thanks, bye" typed while the form waits for the school's name
    would reach the letter as the school ("My child's school is gracias").
    """
    text = typed(value)
    return None if text and checklist.only_closes(text) else text


def school(value: Any, message: Mapping[str, Any], language: str) -> str | None:
    """Keep any short name, as typed, without "se llama" or "it's called" before it.

    A question the topic model is sure of is no name: "is tutoring free?" became the
    school of the letter (exploratory run 21's check); it gets its answer.
    """
    kept = kept_words(value)
    if not kept or question_asked(message) or recipient_named_instead(SCHOOL, value):
        return None
    return school_names.school_name(kept)


def recipient(value: Any, message: Mapping[str, Any], language: str) -> str | None:
    """Read a button, words like "la directora", or who was named as the form began.

    "No sé" picks the teacher, whom families are told to ask first.
    """
    choice = entity(message, "advocacy_choice")
    if choice in letters.recipients():
        return choice
    if value in letters.recipients():  # read from the request that started the form
        return str(value)
    if school_names.names_a_school(typed(value) or ""):  # not "City" Terrace's council
        return None
    # "idk" looped on "who do you want to write to?": the one to start with
    return letters.parse_recipient(typed(value) or "") or (
        letters.FIRST_RECIPIENT if says_not_known(value) else None)


def grade(value: Any, message: Mapping[str, Any], language: str) -> str | None:
    """Read one grade, kinder ("0") to 12th, typed in either language.

    Only a grade we recognize: the letter is in English, Spanish or both, and
    words typed in the family's language ("todos los grados") would land as they
    are in a letter in the other one. A grade given earlier in the conversation
    arrives as its value ("3"); "no sé" leaves a space in the letter.
    """
    found = entity(message, "grade")
    if found:
        return found
    if str(value) in letters.GRADES or str(value) == letters.UNKNOWN:
        return str(value)
    # "no sé" looped on "which grade?": the letter leaves a space for it
    return letters.UNKNOWN if says_not_known(value) else None


def grade_from_age(text: Any, language: str) -> Utterance | None:
    """Say which two grades most children are in at the age typed for the grade.

    "tiene 9 años" at "What grade?": "most children are in grade 3 or grade 4"; the
    question is then asked again (the form's). None for anything else, and for an
    age outside school (:func:`bot.lang.ages.likely_grades`).
    """
    age = ages.age_in(str(text or ""))
    grades = ages.likely_grades(age) if age is not None else None
    if grades is None:
        return None
    first, second = (letters.grade_name(g, language) for g in grades)
    return {"response": "utter_grade_from_age", "age": age, "grade_a": first,
            "grade_b": second}


def grades_in_level(text: Any, language: str) -> Utterance | None:
    """Offer the grades of a school level typed for the grade, as buttons.

    "prepa", "secundaria" or "high school" at "What grade?" looped on the question
    (exploratory run 16): "That level has several grades:", with a button per grade
    of that level (:data:`bot.lang.grades.LEVEL_GRADES`), before the form asks
    again. None for anything else.
    """
    grades = level_grades(fold(str(text or "")))
    if grades is None:
        return None
    buttons = [{"title": letters.grade_name(str(g), language),
                "payload": "/inform" + json.dumps({"grade": str(g)})} for g in grades]
    return {"response": "utter_grade_in_level", "buttons": buttons}


#: A grade a button offers ('/inform{"grade": "8"}').
_OFFERED_GRADE = re.compile(r'"grade":\s*"(\d+)"')


def grades_offered(events: Iterable[Mapping[str, Any]]) -> tuple[int, ...]:
    """Return the grades Puente's replies just before the latest message offered.

    A form's turn sees this turn's events and those replies only
    (:mod:`bot.form_turns`), not the family's message before: the buttons of
    :func:`grades_in_level` say which level was named.
    """
    offered: list[int] = []
    seen_latest = False
    for event in reversed(list(events)):
        if event.get("event") == "user":
            if seen_latest:
                break
            seen_latest = True
        elif seen_latest and event.get("event") == "bot":
            buttons = (event.get("data") or {}).get("buttons") or []
            offered = [int(g) for b in buttons
                       for g in _OFFERED_GRADE.findall(str(b.get("payload")))] + offered
    return tuple(offered)


#: An answer about two children: "mi hijo va a la Hooper y mi hija a la Gage".
_TWO_CHILDREN = re.compile(
    r"\b(?:mis (?:hij|nin)[oa]s|my (?:kids|children|sons|daughters)|los dos|las dos"
    r"|ambos|both|(?:el|la) otr[oa]|the other)\b")
_CHILD = re.compile(r"\b(?:hij|nin)[oa]\b|\b(?:son|daughter|kid|child|boy|girl)\b")
_LIST_BREAK = re.compile(r"\s*(?:,|/|&|\by\b|\be\b|\band\b)\s*")


def _grades_named(folded: str) -> set[str]:
    """Return every grade named in ``folded``, one per part of a list ("3ro y 5to").

    The grade entity names the first only.
    """
    return {grade.value for part in _LIST_BREAK.split(folded)
            for grade in find_grades(part)}


def one_child_note(slot: str, answer: str | None, message: Mapping[str, Any],
                   language: str) -> Utterance | None:
    """Say the letter is for one child when an answer names two, and which is kept.

    "mi hijo va a la Hooper y mi hija a la Gage" and "3ro y 5to" kept the first
    school or grade and dropped the other without a word (exploratory run 10): the
    family now hears which child the letter is for, and how to write the other.
    """
    if not answer or answer == letters.UNKNOWN:
        return None
    text = fold(str(message.get("text") or ""))
    if slot == SCHOOL and (_TWO_CHILDREN.search(text) or len(_CHILD.findall(text)) > 1):
        kept = answer
    elif slot == GRADE and len(_grades_named(text)) > 1:
        kept = letters.grade_name(answer, language)
    else:
        return None
    return {"response": "utter_message_one_child", "kept": kept}


def subject(value: Any, message: Mapping[str, Any], language: str) -> str | None:
    """Read a button or the subjects named ("mate y lectura" -> "math,reading").

    Only subjects we recognize, for the reason ``grade`` gives; each is written in
    the letter's own language. A subject given earlier arrives as its value.
    English named ("mate y inglés") is English learners, unless named as the
    letter's language ("... in english please": run 31); "no sé" leaves a space.
    """
    choice = entity(message, "advocacy_choice")
    if choice in SUBJECTS:
        return str(choice)
    letter_language = letters.letter_language_in(str(message.get("text") or ""))
    named = [*entity_values(message, "subject"),
             *(SUBJECT_OF_LANGUAGE[code] for code in entity_values(message, "language")
               if code in SUBJECT_OF_LANGUAGE and code != letter_language)]
    if named:
        return letters.SUBJECT_SEPARATOR.join(named)
    if says_not_known(value):  # "no se" looped on the list of subjects (run 16)
        return letters.UNKNOWN
    return str(value) if letters.known_subjects(str(value)) else None


def draft_language(value: Any, message: Mapping[str, Any], language: str) -> str | None:
    """Read English, Spanish or both."""
    choice = entity(message, "advocacy_choice")
    if choice in (*letters.LANGUAGES, letters.BOTH):
        return choice
    return letters.parse_draft_language(typed(value) or "")


READERS: dict[str, Reader] = {
    **{slot: _checklist_reader(slot) for slot in checklist.slots()},
    SCHOOL: school,
    RECIPIENT: recipient,
    "msg_grade": grade,
    "msg_subject": subject,
    "msg_language": draft_language,
}


def read(
    slot: str, value: Any, message: Mapping[str, Any], language: str,
    asked_again: bool = False,
) -> str | None:
    """Return the answer to keep in ``slot``, or None when it was not understood.

    ``asked_again``: Puente has just said it did not understand the last answer.
    Then "ok" acknowledges the help ("Please tap Yes, No or Not sure") and answers
    nothing: it was read as "yes" (an exploratory run), which the verdict and the
    message to the school would have carried.
    """
    if asked_again and checklist.only_acknowledges(typed(value) or ""):
        return None
    return READERS[slot](value, message, language)


def meaning_asked(slot: str, value: Any, language: str) -> str | None:
    """Return why a checklist question matters, when the parent did not understand it.

    "no le entendí" at a checklist question: the plain reason the question is asked
    (``checklist.yml``'s ``why``), then the question again.
    """
    if slot not in checklist.slots() or not checklist.asks_what_it_means(str(value)):
        return None
    return checklist.question(slot).why[language]


def said_just_before(events: Iterable[Mapping[str, Any]], response: str) -> bool:
    """Whether Puente answered the message before the latest one with ``response``.

    ``events`` are Rasa's event dicts, the latest user message last but for what
    followed it.
    """
    users = 0
    for event in reversed(list(events)):
        if event.get("event") == "user":
            users += 1
            if users == 2:
                return False
        elif users == 1 and event.get("event") == "bot":
            if (event.get("metadata") or {}).get("utter_action") == response:
                return True
    return False
