"""A question about the language tutoring is given in, not a request to switch.

"se la dan en inglés o en español?" and "is it in spanish?" switched the
conversation's language ("OK, I'll answer in English") and answered nothing
(exploratory run 9). They get ``utter_tutoring_language``: each program decides
the language of its sessions, the school must give families information in a
language they understand, and Puente can look for programs that teach in Spanish.
"en español, por favor" and "can you write in english?" still switch.
"""

from __future__ import annotations

import re

from bot.text import fold

_LANGUAGE = r"(?:ingles|espanol|english|spanish)"
#: Whether the tutoring, the sessions or "it" are given in a language.
_ASKS = re.compile(
    r"\b(?:(?:se )?(?:la|lo|las|los)? ?(?:dan|dara|daran|ensenan|imparten|explican"
    r"|hacen)|(?:es|son|sera|seran|viene|vienen|hay|habra)"
    r"|(?:is|are|will) (?:it|they|the (?:tutoring|sessions?|classes|tutors?|program))"
    r"(?: only)?|(?:is|are) (?:there )?(?:tutoring|sessions?|classes|programs?)"
    r"|(?:do|does|will) (?:they|the tutors?|the program) (?:teach|tutor|do it))"
    rf" (?:\w+ ){{0,2}}?(?:en|in) {_LANGUAGE}\b"
    # run 15: "hay tutores bilingues?" got the answer on becoming a tutor
    r"|\b(?:tutors?|tutora|tutores|tutoras|maestr[oa]s?|teachers?) bilingu\w*"
    r"|\bbilingual (?:tutors?|tutoring|teachers?)"
    r"|\b(?:tutors?|tutora|tutores|tutoras|maestr[oa]s?|teachers?) (?:\w+ )?"
    r"(?:habla|hablan|hable|hablen|sabe|sepa|sepan"
    rf"|saben|speaks?|know) (?:\w+ )?{_LANGUAGE}"
    # run 25: after an answer on tutors, "y hablan español?" and "do they speak
    # spanish?" switched the conversation's language, already Spanish
    r"|^(?:y|and|pero|but|also|tambien)\W+(?:ellos |ellas )?(?:hablan|saben) "
    rf"(?:\w+ )?{_LANGUAGE}"
    r"|\b(?:do|does|can|will) (?:they|the (?:tutors?|teachers?|people|staff)) "
    rf"(?:\w+ )?(?:speak|talk|know) (?:\w+ )?{_LANGUAGE}"
    r"|\btutori\w*(?: \w+){0,3} (?:en|in) " + _LANGUAGE + r"(?: (?:o|or) (?:en |in )?"
    + _LANGUAGE + r")?\W*$")
#: Asked of Puente itself (a request for its language), or of the letter.
_OF_PUENTE = re.compile(
    r"\b(?:me |you |puedes|puede|pueden|can you|could you|write|escrib\w*|habl\w* "
    r"(?:conmigo|me)|contest\w*|respond\w*|answer|talk to me|carta|mensaje|letter"
    r"|message|draft)\b")


#: Being a tutor oneself ("quiero ser tutora bilingüe"): the answer on becoming one.
_BECOME = re.compile(r"\b(?:ser|be|become|volverme|hacerme) (?:un |una |a )?tutor")


def asks_tutoring_language(text: str) -> bool:
    """Whether ``text`` asks which language tutoring is given in."""
    folded = fold(" ".join(text.split()))
    return (bool(_ASKS.search(folded)) and not _OF_PUENTE.search(folded)
            and not _BECOME.search(folded))
