"""A family asking for a language Puente does not speak ("en chino", "speak Korean?").

"en chino" got "not sure I understood", and was read as Encino, a place
(exploratory run 8); Los Angeles families also speak Korean, Armenian, Tagalog and
Indigenous languages of Mexico and Guatemala (Mixteco, Zapoteco, K'iche', Mam).
Such a request gets the answer for another language (``utter_other_language``):
Puente answers in English and Spanish, and the school's family liaison can find an
interpreter.
"""

from __future__ import annotations

import re

from bot.text import fold

#: Names of languages other than English and Spanish, folded, in both languages.
_NAMES = (
    "chino|chinese|mandarin|cantones|cantonese|coreano|korean|vietnamita|vietnamese"
    "|tagalog|filipino|armenio|armenian|portugues|portuguese|frances|french|ruso"
    "|russian|arabe|arabic|farsi|persa|persian|japones|japanese|hindi|punjabi|khmer"
    "|camboyano|cambodian|hmong|somali|aleman|german|italiano|italian|mixteco|mixtec"
    "|zapoteco|zapotec|kiche|k'iche'?|quiche|mam|nahuatl|maya|q'?anjob'?al|triqui"
)
#: "Chino" capitalized is Chino, California ("en Chino" answering "Where?").
_PLACE = re.compile(r"\bChino\b")
#: The whole message: a request for the language ("en chino", "do you speak
#: korean?"), never its name alone: "Frances", "Maya" and "Chino" are also a school,
#: a child and a town.
_ASKS_FOR = re.compile(
    r"^\W*(?:y |and |or |o )?(?:en|in|hablan?|habla usted|hablas|speak|do you speak"
    r"|can you (?:speak|write|answer|talk) in|puedes? (?:hablar|escribir|contestar|"
    r"responder) en|pueden (?:hablar|escribir|contestar|responder) en"
    r"|tienen (?:algo )?en"
    r"|is there (?:anything|info|information) in|hay (?:algo|informacion) en"
    r"|(?:i|yo) (?:only )?(?:speak|hablo)(?: solo)?) "
    rf"(?:{_NAMES})"
    r"(?: (?:por favor|please|pls|porfa|language|idioma|tambien|too))?\W*$")


def asks_for_other_language(text: str) -> bool:
    """Whether ``text`` asks for (or names as its own) a language Puente lacks."""
    return (bool(_ASKS_FOR.match(fold(" ".join(text.split()))))
            and not _PLACE.search(text))
