"""Redact personal data from what families typed, before an organizer sees it.

One function, :func:`redact`, is used by every screen and every export of the
review app (and by the search index), so a fix here protects them all. It removes
phone numbers (US and Mexican formats), email addresses, street addresses (English
"123 Main St" and Spanish "Calle 5 #123", "Av. Juárez 45") and names after phrases
like "my name is", "I'm Ana", "me llamo", "mi hijo se llama" in both languages.

It errs on the side of the family: a false "[name]" costs an organizer a word, a
missed phone number exposes a family. What it must keep are the facts organizers
need: grades ("3rd grade"), zip codes ("90255"), counts ("5 students", "3 times a
week") and short service numbers ("988", "911").
"""

from __future__ import annotations

import re
from typing import Callable, List, Tuple

PHONE = "[phone]"
EMAIL = "[email]"
ADDRESS = "[address]"
NAME = "[name]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)

# A run of digits with the separators people type in phone numbers; whether it is a
# phone number is decided by how many digits it holds (see _phone).
_PHONE_CANDIDATE = re.compile(r"(?<![\w/])\+?\(?\d[\d\s().-]{5,}\d(?![\w/])")
_LOCAL_PHONE = re.compile(r"^\d{3}[\s.-]\d{4}$")

_CAP = "A-ZÁÉÍÓÚÑÜ"
_WORD = r"[^\W\d_][^\W\d_'’-]*"
_CAP_WORD = rf"[{_CAP}][^\W\d_'’-]*"

_EN_SUFFIX = (r"(?:st|street|ave|avenue|blvd|boulevard|rd|road|dr|drive|ln|lane|way|"
              r"ct|court|pl|place|pkwy|parkway|hwy|highway|ter|terrace|cir|circle)")
_EN_ADDRESS = re.compile(
    rf"\b\d{{1,6}}\s+(?:[NSEWnsew]\.?\s+)?(?:{_WORD}\.?\s+){{1,3}}(?i:{_EN_SUFFIX})\b\.?"
    r"(?:,?\s*(?i:apt|apartment|unit|#)\.?\s*\w+)?",
)
_ES_ADDRESS = re.compile(
    r"(?i:\b(?:calle|avenida|av|ave|blvd|bulevar|calzada|privada|callejón|camino)\b\.?)"
    rf"\s+(?:\d+|{_CAP_WORD})(?:\s+(?:de\s+|del\s+|la\s+)?{_CAP_WORD}){{0,3}}"
    r"(?:\s*,?\s*(?:#|(?i:no\.?|núm\.?|num\.?|número|numero))?\s*\d+[A-Za-z]?)?"
)

# Phrases after which the next word is a name whatever its case.
_NAME_TRIGGERS = (
    r"my\s+name\s+is|my\s+name's|"
    r"my\s+(?:son|daughter|child|kid|boy|girl|grandson|granddaughter)(?:'s|’s)\s+name\s+is|"
    r"my\s+(?:son|daughter|child|kid)\s+is\s+(?:named|called)|"
    r"(?:his|her)\s+name\s+is|"
    r"me\s+llamo|mi\s+nombre\s+es|"
    r"mis?\s+(?:hij[oa]s?|niñ[oa]s?|nieto|nieta)\s+se\s+llaman?|"
    r"el\s+nombre\s+de\s+mi\s+(?:hij[oa]|niñ[oa])\s+es"
)
# Phrases after which only a capitalized word that is not a common word is a name.
_SOFT_TRIGGERS = r"i'm|i’m|i\s+am|soy|this\s+is"
# Capitalized words that follow "I'm"/"soy" without being names.
_NOT_NAMES = frozenset("""
not so very really just also still here looking trying worried sorry sure glad
happy confused new single mom mother dad father parent grandma grandpa grandmother
mexican spanish english latina latino hispanic american from a an the in on at
interested calling writing asking wondering unsure afraid scared concerned okay ok
madre padre mamá mama papá papa abuela abuelo de del la el un una muy nueva nuevo
mexicana mexicano latina latino hispana hispano tutora maestra maestro estudiante
""".split())
_CONNECTOR = r"(?:\s+(?:de|del|de\s+la|de\s+los|van|von|y)(?=\s+[" + _CAP + r"]))?"
_NAME_AFTER_TRIGGER = re.compile(
    rf"(?i:\b(?:{_NAME_TRIGGERS}))(\s*:?\s+)({_WORD}(?:{_CONNECTOR}\s+{_CAP_WORD}){{0,3}})"
)
_NAME_AFTER_SOFT = re.compile(
    rf"(?i:(?<![\w'’])(?:{_SOFT_TRIGGERS}))(\s+)({_CAP_WORD}(?:{_CONNECTOR}\s+{_CAP_WORD}){{0,2}})"
)


def _phone(match: re.Match) -> str:
    """Keep digit runs that are not phone numbers: zips, years, counts, 988."""
    text = match.group(0)
    digits = sum(ch.isdigit() for ch in text)
    if 10 <= digits <= 13 or (digits == 7 and _LOCAL_PHONE.match(text.strip())):
        return PHONE
    return text


def _name(match: re.Match) -> str:
    return match.group(0)[: match.start(2) - match.start(0)] + NAME


def _soft_name(match: re.Match) -> str:
    first = match.group(2).split()[0]
    if first.lower().strip("'’") in _NOT_NAMES:
        return match.group(0)
    return _name(match)


_RULES: List[Tuple[re.Pattern, Callable[[re.Match], str] | str]] = [
    (_EMAIL, EMAIL),
    (_PHONE_CANDIDATE, _phone),
    (_EN_ADDRESS, ADDRESS),
    (_ES_ADDRESS, ADDRESS),
    (_NAME_AFTER_TRIGGER, _name),
    (_NAME_AFTER_SOFT, _soft_name),
]


def redact(text: str | None) -> str:
    """``text`` with phone numbers, emails, street addresses and names replaced.

    The replacements are the markers ``[phone]``, ``[email]``, ``[address]`` and
    ``[name]``, so an organizer still sees that the family shared one.
    """
    if not text:
        return ""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text
