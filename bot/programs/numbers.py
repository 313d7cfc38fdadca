"""Reading the WhatsApp number a family types in the web widget (US numbers).

The widget's pages server screens a message only while the family's program alert
waits for its number (``bot.web.alert_numbers``). What it needs to know is
whether the message holds one US number it can send a WhatsApp message to, holds
digits that look like a number but are not one (a digit missing: the family is
asked again, kindly), or holds no number at all (a question, "no, thanks": passed
on to the assistant as typed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A run of digits with what people type between them: "+1 (323) 555-0100".
_CANDIDATE = re.compile(r"\+?\(?\d[\d\s().-]*\d")
#: Fewer digits than this is a zip code, a grade or a count, not a phone number.
NUMBER_LIKE_DIGITS = 7


@dataclass(frozen=True)
class Screened:
    """What a message typed while the number is awaited holds."""

    #: The number as WhatsApp addresses it ("13235550100"), when there is one.
    number: str | None
    #: Whether it holds digits that look like a phone number at all.
    number_like: bool


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def us_number(digits: str) -> str | None:
    """Return ``digits`` as a WhatsApp address ("1" + 10 digits) if a US number.

    North American numbers: 10 digits, or 11 starting with the country code 1; the
    area code and the exchange start with 2-9 and are not N11 codes (911, 411),
    so a typo like "023..." is caught here, not by Meta weeks later.
    """
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        return None
    area, exchange = digits[:3], digits[3:6]
    for part in (area, exchange):
        if part[0] in "01" or part[1:] == "11":
            return None
    return "1" + digits


def screen(text: str) -> Screened:
    """Find the one US number in ``text``; several numbers are none (which one?)."""
    runs = [_digits(m.group()) for m in _CANDIDATE.finditer(text)]
    number_like = [run for run in runs if len(run) >= NUMBER_LIKE_DIGITS]
    numbers = {us_number(run) for run in number_like}
    if len(number_like) == 1 and None not in numbers:
        return Screened(number=numbers.pop(), number_like=True)
    return Screened(number=None, number_like=bool(number_like))
