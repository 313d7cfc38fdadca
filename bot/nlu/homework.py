"""Recognise a family asking Puente itself to do or help with homework.

"can you do my sons homework", "me ayudas con la tarea de mate?" and "cuánto es
7x8" got the out-of-scope answer, about another program's log-in and 211 for
food and rent (exploratory runs 11 to 13; the note of stop 42 left it open). Puente
neither tutors nor does homework, and saying so is not enough: the teacher knows
tonight's homework, and tutoring that helps for good is the same trained tutor
several times a week, which Puente can help find and ask for. :mod:`bot.nlu.guard`
gives these ``utter_homework_request`` when the classifier found none of Puente's
topics: "la tutoría es solo ayuda con la tarea?" keeps its answer (not_hit).
"""

from __future__ import annotations

import re

from bot.text import fold

#: School work, in English and in Spanish.
_WORK_WORDS = (r"homework|hw|assignments?|worksheets?|essays?|math problems?|equations?"
               r"|fractions|(?:book )?reports?|(?:science )?projects?")
_TAREA_WORDS = (r"tareas?|ejercicios?|problemas?|ecuacion\w*|fracciones|ensayos?"
                r"|proyectos?")
_WORK = rf"(?:{_WORK_WORDS})"
_TAREA = rf"(?:{_TAREA_WORDS})"
_DETERMINER = (r"(?:(?:la|las|el|los|mi|mis|su|sus|esta|este|estas|estos|una|un|my"
               r"|his|her|our|their|the|this|these|a) )?")
_THE = _DETERMINER + r"(?:\w+'?s? )?"
#: After a request made to Puente ("can you do ...", "help me with ..."), up to three
#: words before the work: "my daughter's reading homework", "5th grade fractions
#: homework" (run 17). Not after "do" alone: "do tutors help with homework?" asks.
_THE_LONG = _DETERMINER + r"(?:\w+'?s? ){0,3}"
_PLEASE = r"(?:please |pls |plz |por favor |porfa |porfavor )?"
#: "with", as typed on a phone too ("help w his math hw").
_WITH = r" (?:with|w/?|wit|do|solve|finish|write)"

#: A request made to Puente: "can you ... homework", "hazme la tarea", a sum.
_ASKS = re.compile("|".join((
    # English: "can you do / help me with / solve ... homework"
    rf"\b(?:can|could|will|would) (?:you|u) {_PLEASE}(?:do|finish|solve|check|answer"
    rf"|write|help(?: (?:me|him|her|us|them|my \w+))?{_WITH}?) {_THE_LONG}{_WORK}\b",
    rf"^{_PLEASE}(?:do|solve|finish|check|answer|write) {_THE}{_WORK}\b",
    rf"^{_PLEASE}help (?:me|him|her|us|my \w+){_WITH} {_THE_LONG}{_WORK}\b",
    # Spanish: "me puede(s) ayudar con / hacer / resolver la tarea", "hazme la tarea"
    rf"\b(?:me |le |nos )?(?:puede|puedes|podria|podrias|pueden) {_PLEASE}"
    rf"(?:ayudar(?:me|le|nos)? (?:a hacer|con)|hacer(?:me|le|nos)?"
    rf"|resolver(?:me|le|nos)?|revisar(?:me|le|nos)?|terminar(?:me|le|nos)?)"
    rf" {_THE}{_TAREA}\b",
    rf"\b(?:me|le|nos) (?:ayudas|ayuda|haces|hace|resuelves|resuelve|explicas|explica)"
    rf" (?:a hacer |con )?{_THE}{_TAREA}\b",
    rf"^{_PLEASE}(?:hazme|hazle|haz|hagame|hagale|resuelve|resuelveme|resuelvele"
    rf"|resuelva|ayudame (?:con|a hacer)|ayudeme (?:con|a hacer)|ayudanos con"
    rf"|ayudenos con) {_THE}{_TAREA}\b",
    # a school question said to be homework: "what is photosynthesis, its for my sons
    # homework" (exploratory run 15: the out-of-scope answer)
    rf"\b(?:its|it is|es|son) (?:for|para) (?:my|mi|his|her|su|the|la|el) (?:\w+ )?"
    rf"(?:{_WORK_WORDS}|{_TAREA_WORDS})\b",
    # a sum typed to be solved: "what's 7x8", "cuanto es 3/4 + 1/2"
    r"\b(?:what is|whats|what's|cuanto es|cuanto son|cuantos son) \d+(?:/\d+)? ?"
    r"(?:x|\*|\+|-|/|times|plus|minus|divided by|por|mas|menos|entre) ?\d+",
    r"\bsolve for [a-z]\b|\bdespeja(?:r)? (?:la )?[a-z]\b",
)))


def asks_for_homework(text: str) -> bool:
    """Whether ``text`` asks Puente to do or help with homework ("hazme la tarea")."""
    return bool(_ASKS.search(fold(" ".join(text.split()))))
