"""Recognise a child or student writing, who needs a trusted adult, not Puente.

Puente is for parents and caregivers. A child who writes ("I'm 11", "tengo 12
años", "estoy en quinto grado") is told kindly to talk with a trusted adult. In
English and Spanish, misspelled too; rules, each one tested, like the crisis check.
"""

from __future__ import annotations

import re

from bot.text import fold

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
#: What else a number after "tengo" or "I'm" counts: children, time, money. "tengo
#: 10 minutos antes de entrar a trabajar" told a working mother to talk to her mom
#: (exploratory run 9); "tengo 10 años en este país" is how long she has lived here.
_NOT_AGE = (
    r"kids|children|grandkids|grandchildren|sons|daughters|boys|girls|students"
    r"|hij[oa]s?|nin[oa]s|niet[oa]s|sobrin[oa]s|alumn[oa]s|st|nd|rd|th|grade"
    r"|min|mins|minut\w*|hours?|hrs?|horas?|dias?|days?|semanas?|weeks?|mes|meses"
    r"|months?|dolares|dollars|bucks|pesos|trabajos|jobs"
)
#: Years that say how long, not how old: "tengo 10 años en este país".
_HOW_LONG = (
    r"(?:anos|ano|years?)\s+(?:viviendo|aqui|en este|en el|en los|en estados|trabajando"
    r"|de casad\w*|here|living|in (?:the|this)|working|married)"
)
_CHILD_AGE = re.compile(
    r"(?:^|[.!?,]\s*|\b(?:and|but|y|pero|hi|hola|hello)\s+)"
    r"(?:i ?'?m|i am|im|tengo)\s+" + _AGE_WORDS + r"(?!\s*" + _HOW_LONG + ")"
    r"(?:\s*(?:years?|yrs?|y/?o|anos|ano))?(?!\s*(?:" + _NOT_AGE + r"))\b"
)
_CHILD_SELF = re.compile(
    r"\b(i ?'?m|i am|im) (a kid|a child|in (\d{1,2}(st|nd|rd|th)?|first|second|third"
    r"|fourth|fifth|sixth|seventh|eighth|ninth|tenth) grade"
    r"|a (\d{1,2}(st|nd|rd|th)) grader)\b"
    r"|\bsoy (un|una) (nino|nina|alumn[oa]|estudiante de (primaria|secundaria))\b"
    r"|\bsoy (un |una )?(alumn[oa]|estudiante) de (\d{1,2}(o|to|vo|ro|do|no|mo)?"
    r"|primero|segundo|tercero|cuarto|quinto|sexto|septimo|octavo|noveno|decimo"
    r"|onceavo|doceavo)( grado)?\b"
    r"|\b(voy|estoy) en (\d{1,2}|primero|segundo|tercero|cuarto|quinto|sexto|septimo"
    r"|octavo|noveno)( ?(o|to|vo|ro|do))? (grado|de primaria|de secundaria)\b"
    r"|\bmy (mom|mother|dad|father|parents?) (said|told me|wants me)\b"
    r"|\bmi (mama|papa|mami|papi) (me dijo|quiere que)\b"
)


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
