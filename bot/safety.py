"""Recognise messages that must not get an ordinary answer.

Two kinds, in English and Spanish, misspelled too:

* a child in danger, abuse, self-harm or an emergency: Puente answers first with
  emergency resources (911, 988, Childhelp) and the offer of a person;
* a child writing ("I'm 11", "tengo 12 años"): Puente is for parents and caregivers,
  and tells the child kindly to talk with a trusted adult.

These are rules, not a trained model: a safety answer must not depend on how much
training data happened to look like the message, and every rule here is tested.
Recall matters more than precision: a false alarm costs a parent one extra message.
"""

from __future__ import annotations

import re

from bot.nlu.text import fold

# Phrases matched on folded text (lower case, no accents), on word boundaries.
_CRISIS_PHRASES = [
    # English
    r"suicid\w*", r"sui?ci?de", r"su?icide", r"kill (my|him|her|them)sel(f|ves)",
    r"want(s|ed)? to die", r"wanna die", r"end (his|her|my|their) li(fe|ves)",
    r"self[ -]?harm\w*", r"(hurt|hurting|cut|cutting|harm|harming) (him|her|my|them)sel(f|ves)",
    r"abus\w*", r"abuz\w*", r"molest\w*", r"rap(e|ed|ing)", r"sexual(ly)? (abuse|assault\w*)",
    r"(beat|beats|beating|hits|hitting) (me|him|her|them|my (son|daughter|kid|child))",
    r"in danger", r"not safe at home", r"unsafe at home", r"emerg[ae]n[cs]y",
    r"overdos\w*", r"(has|had|brought|with) a (gun|knife|weapon)", r"kidnap\w*",
    r"missing (child|son|daughter|kid)", r"ran away", r"not breathing", r"trafficking",
    r"neglect\w*", r"threaten\w* to (kill|hurt)",
    # Spanish
    r"quitarse la vida", r"(se )?quiere(n)? (morir|matar)\w*", r"matarse", r"suicidarse",
    r"hacerse dano", r"se (corta|cortaba|lastima|hace dano)", r"lastimarse",
    r"maltrat\w*", r"(le|me|nos|los|las) (pega|pegan|golpea|golpean)",
    r"golpe(a|an|ando) a (mi|su)", r"violacion", r"violaron", r"violada?o?",
    r"acoso sexual", r"abusaron", r"abuso sexual", r"en peligro", r"emerjencia",
    r"emergencia", r"sobredosis", r"(pistola|arma|cuchillo)", r"secuestr\w*",
    r"desaparecid[oa]", r"se escapo de (la )?casa", r"no respira", r"trata de personas",
    r"negligencia", r"amenaz\w* (con|de) (matar|lastimar)",
]
_CRISIS = re.compile(r"\b(" + "|".join(_CRISIS_PHRASES) + r")\b")

_AGE_WORDS = (
    r"(\d{1,2}|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce"
    r"|quince|dieciseis|diecisiete)"
)
_NUMBER_WORDS = {
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
    "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
    "dieciseis": 16, "diecisiete": 17,
}
_CHILD_AGE = re.compile(
    r"(?:^|[.!?,]\s*|\b(?:and|but|y|pero|hi|hola|hello)\s+)"
    r"(?:i ?'?m|i am|im|tengo)\s+" + _AGE_WORDS +
    r"(?:\s*(?:years?|yrs?|y/?o|anos|ano))?(?!\s*(?:kids|children|hijos|ninos|st|nd|rd|th|grade))\b"
)
_CHILD_SELF = re.compile(
    r"\b(i ?'?m|i am|im) (a kid|a child|in (\d{1,2}(st|nd|rd|th)?|first|second|third"
    r"|fourth|fifth|sixth|seventh|eighth|ninth|tenth) grade|a (\d{1,2}(st|nd|rd|th)) grader)\b"
    r"|\bsoy (un|una) (nino|nina|alumn[oa]|estudiante de (primaria|secundaria))\b"
    r"|\b(voy|estoy) en (\d{1,2}|primero|segundo|tercero|cuarto|quinto|sexto|septimo"
    r"|octavo|noveno)( ?(o|to|vo|ro|do))? (grado|de primaria|de secundaria)\b"
    r"|\bmy (mom|mother|dad|father|parents?) (said|told me|wants me)\b"
    r"|\bmi (mama|papa|mami|papi) (me dijo|quiere que)\b"
)


def is_crisis(text: str) -> bool:
    """Whether ``text`` mentions danger, abuse, self-harm or an emergency."""
    return bool(_CRISIS.search(fold(text)))


def is_child_writing(text: str) -> bool:
    """Whether ``text`` looks written by a child or student, not a caregiver."""
    folded = fold(text).strip()
    match = _CHILD_AGE.search(folded)
    if match:
        age = match.group(1)
        years = int(age) if age.isdigit() else _NUMBER_WORDS.get(age, 99)
        if years <= 17:
            return True
    return bool(_CHILD_SELF.search(folded))
