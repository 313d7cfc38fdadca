"""Redact personal data from what families typed, before an organizer sees it.

One function, :func:`redact`, is used by every screen and every export of the
review app (and by the search index), so a fix here protects them all. It removes
phone numbers (US and Mexican formats), email addresses, street addresses (English
"123 Main St" and Spanish "Calle 5 #123", "Av. Juárez 45") and people's names in
both languages (:mod:`bot.privacy.names`: after "my son", "me llamo", "soy", and
common US and Latino names anywhere). Puente's own messages are not redacted:
:func:`hide_echoes` shows them as sent, but for names the family typed.

It errs on the side of the family: a false "[name]" costs an organizer a word, a
missed phone number exposes a family. What it must keep are the facts organizers
need: grades ("3rd grade"), zip codes ("90255"), counts ("5 students", "3 times a
week") and short service numbers ("988", "911").
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, List, Set, Tuple

from bot.privacy.names import find_names
from bot.text import alternation

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

def _phone(match: re.Match[str]) -> str:
    """Keep digit runs that are not phone numbers: zips, years, counts, 988."""
    text = match.group(0)
    digits = sum(ch.isdigit() for ch in text)
    if 10 <= digits <= 13 or (digits == 7 and _LOCAL_PHONE.match(text.strip())):
        return PHONE
    return text


def hide_names(text: str) -> str:
    """``text`` with each person's name (see :mod:`bot.privacy.names`) as "[name]"."""
    for start, end in reversed(find_names(text)):
        text = text[:start] + NAME + text[end:]
    return text


_RULES: List[Tuple[re.Pattern[str], Callable[[re.Match[str]], str] | str]] = [
    (_EMAIL, EMAIL),
    (_PHONE_CANDIDATE, _phone),
    (_EN_ADDRESS, ADDRESS),
    (_ES_ADDRESS, ADDRESS),
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
    return hide_names(text)


#: Messages whose words organizers never see, only what kind was sent: a parent
#: asking about immigration status may tell their own ("no tengo papeles"), one
#: asking about special education a child's disability ("mi hijo tiene TDAH").
PRIVATE_INTENTS = {
    "immigration_status": "[a question about immigration status: words not shown]",
    "school_matter": "[a question about special education or school records: words "
                     "not shown]",
}


def shown_words(text: str | None, intent: str | None) -> str:
    """Return what organizers see of a message: redacted, or none of a private one."""
    return PRIVATE_INTENTS.get(str(intent)) or redact(text)


def typed_names(text: str | None) -> Set[str]:
    """List the names a family typed, as written, to hide where Puente repeats them."""
    typed = text or ""
    found = {typed[start:end] for start, end in find_names(typed)}
    # "Diego Ramirez" typed may come back as "Diego": each capitalized word too
    return found | {w for name in found for w in name.split() if w[:1].isupper()}


def hide_echoes(text: str | None, names: Iterable[str]) -> str:
    """Puente's own message as sent, but for the family's ``names`` it repeats.

    Puente's messages are never redacted: they hold its own words ("Hi! I'm
    Puente") and programs' public phones and emails. Only a draft letter quotes
    the family (the school they typed), so the names they typed earlier in the
    conversation are hidden wherever a message repeats them, and nothing else.
    """
    if not text:
        return ""
    words = [n for n in names if len(n) > 1]
    if not words:
        return text
    echo = re.compile(r"(?<![\w'’])(?:" + alternation(words) + r")(?![\w])")
    return echo.sub(NAME, text)
