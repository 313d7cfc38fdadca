"""Which of the programs just shown a family asks about ("q dias es el Golden Step?").

Puente knows of a program only what its card says; its days, hours and anything
else are the program's to tell. A question that names a program shown on a card,
by its name or by its place among the cards just shown ("is the first one free?",
"la última tiene español?"), got "not sure" (found in exploratory runs); it now gets
"ask them". "¿Cuál queda más cerca?" gets the card with the fewest miles: the cards
are not in order of distance (programs that meet the high-impact checklist come
first); "which ones are free?" the cards that say so. Plain text in, names out, for
:mod:`bot.policies.shown_program`, which passes them to the action in slots.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.text import fold, is_question

#: A card begins with the program's name in bold (``utter_program_match``).
_CARD_NAME = re.compile(r"^\*(?P<name>[^*\n]+)\*", re.MULTILINE)
#: A card's cost ("Cost: free.", "Costo: gratis.": labels.yml) and distance ("3.2
#: miles away", "A 3.2 millas"; none online).
_CARD_FREE = re.compile(r"\b(?:Cost|Costo): (?:free|gratis)\.")
_CARD_MILES = re.compile(r"\b(?P<miles>\d+(?:\.\d+)?) (?:miles|millas)\b")
#: A card's languages ("Languages: English, Spanish.", "Idiomas: inglés, español.").
_CARD_LANGUAGES = re.compile(r"\b(?:Languages|Idiomas): (?P<languages>[^.\n]+)\.")
#: A card of the demo data ("(demo data)", "(datos de demostración)": labels.yml).
_CARD_DEMO = re.compile(r"\((?:demo data|datos de demostración)\)")
#: "are these real?", "what does demo data mean?", "¿son reales estos programas?".
_IF_REAL = re.compile(r"\b(?:demo|demostracion|real(?:es)?|fake|falsos?"
                      r"|inventad[oa]s|de verdad|de a de veras|exist\w*|legit)\b")
#: The language codes of the words a card's languages are written in (labels.yml).
_LANGUAGE_CODES = {"english": "en", "ingles": "en", "spanish": "es", "espanol": "es"}
_WORD = re.compile(r"[a-z0-9]+")
#: A card by its place: "the first one", "the 2nd program", "la última", "el primero",
#: "el número 2", "el 2", "the #3", "option 1", "the middle one", "el de en medio", "el
#: de arriba"; a number alone ("2", which changed the search's grade: an exploratory
#: run). Not "the first day", "la primera vez", "el primer grado", "el primero de
#: enero", "el 2 de enero", "el número 323-555-0199", "the middle of the year".
_ORDINAL = re.compile(
    r"^\W*(?P<alone>[1-9])\W*$"
    r"|\b(?:(?:the|el|la) (?:(?P<place>first|1st|second|2nd|third|3rd|last|primer[oa]?"
    r"|segund[oa]|tercer[oa]?|ultim[oa]|middle|de en medio|del medio|de arriba"
    r"|de hasta arriba|de abajo|top|bottom)"
    r"|(?:(?:number|numero|no\.?|num\.?) ?|#)?(?P<number>[1-9])(?![\d.,-]?\d))"
    r"|(?:option|opcion|number|numero|#) ?(?P<option>[1-9])(?![\d.,-]?\d))\b"
    r"(?! (?:time|times|day|days|week|month|year|session|sessions|grade|class|step"
    r"|thing|of|vez|dia|semana|mes|ano|sesion|clase|grado|paso|cosa|de)\b)")
_PLACES = {"first": 0, "1st": 0, "primer": 0, "primero": 0, "primera": 0,
           "second": 1, "2nd": 1, "segundo": 1, "segunda": 1,
           "third": 2, "3rd": 2, "tercer": 2, "tercero": 2, "tercera": 2,
           "last": -1, "ultimo": -1, "ultima": -1,
           "de arriba": 0, "de hasta arriba": 0, "top": 0, "de abajo": -1, "bottom": -1}
#: The card in the middle: only of an odd number of cards.
_MIDDLE = frozenset({"middle", "de en medio", "del medio"})
#: "Which ones are free?", "¿hay alguno gratis?": free, and which or any of them.
_FREE = re.compile(r"\b(?:free|gratis|gratuit[oa]s?|sin costo|no cost)\b")
_WHICH_OR_ANY = re.compile(
    r"\b(?:which|any|ones|them|cual|cuales|algun[oa]?s?|ningun[oa]?)\b")
#: "son gratis", "y es gratis", "free?": whether they are, without a question mark.
_ARE_THEY_FREE = re.compile(
    r"^\W*(?:y |and |but |pero )?(?:is it |are they |is that |es |son |seran? )?"
    r"(?:free|gratis|gratuit[oa]s?)\W*$")
#: "Which one is closest?", "¿cuál queda más cerca?", "el más cercano".
_CLOSEST = re.compile(r"\b(?:closest|nearest|closer|mas cerca|mas cerquita"
                      r"|mas cercan[oa]s?|menos lejos)\b")
#: Words many programs' names share, or everyday words: they name none of them.
COMMON_WORDS = frozenset(
    "the and for of a an in at de la el los las del y en con para "
    "tutoring tutors tutor tutoria tutores program programa programs center centro "
    "club academy academia learning aprendizaje school escuela after before online "
    "math matematicas reading lectura writing escritura science ciencias homework "
    "tareas help ayuda kids ninos students alumnos demo one uno circle buddies "
    "lab corner team studio hour hora pals friends amigos line readers eld esl ell "
    "algebra saturday sabado".split()
)


@dataclass(frozen=True)
class Card:
    """What a program's card says that a question can be about."""

    name: str
    #: Its distance, None for a program online.
    miles: float | None
    #: Whether it says families pay nothing.
    free: bool = False
    #: The languages it teaches in ("en", "es").
    languages: frozenset[str] = frozenset()
    #: Whether it is an example of the demo data, no real program.
    demo: bool = False


def shown_cards(texts: Iterable[str]) -> list[Card]:
    """Return the programs' cards among ``texts``, in order."""
    cards = []
    for text in texts:
        name = _CARD_NAME.search(text or "")
        if name:
            miles = _CARD_MILES.search(text)
            languages = _CARD_LANGUAGES.search(text)
            cards.append(Card(name.group("name").strip(),
                              float(miles.group("miles")) if miles else None,
                              bool(_CARD_FREE.search(text)),
                              _language_codes(languages.group("languages")
                                              if languages else ""),
                              is_demo(text)))
    return cards


def _language_codes(words: str) -> frozenset[str]:
    return frozenset(_LANGUAGE_CODES[w] for w in _WORD.findall(fold(words))
                     if w in _LANGUAGE_CODES)


def card_of(texts: Iterable[str], name: str) -> str | None:
    """Return the latest card among ``texts`` for the program ``name``, if any.

    Said again with "ask them": on a phone the card, with its cost and phone, has
    scrolled away when "cuánto cuesta el primero?" comes (an exploratory run).
    """
    cards = [text for text in texts if (m := _CARD_NAME.search(text or ""))
             and m.group("name").strip() == name]
    return cards[-1] if cards else None


def shown_names(texts: Iterable[str]) -> list[str]:
    """Return the programs' names on the cards among ``texts``, in order."""
    return [card.name for card in shown_cards(texts)]


def without_names(message: str, names: Sequence[str]) -> str:
    """Return ``message`` without the programs' names in it, to read its language.

    "Blue Heron Math Lab" typed in a Spanish conversation is a name, not English
    (it switched the answer to English: an exploratory run).
    """
    for name in sorted(names, key=len, reverse=True):
        message = re.sub(re.escape(name), " ", message, flags=re.IGNORECASE)
    return message


def card_by_place(message: str, names: Sequence[str]) -> str | None:
    """Return the name of the card ``message`` names by its place ("the first one")."""
    match = _ORDINAL.search(fold(message))
    if match is None or not names:
        return None
    place = match.group("place")
    number = match.group("number") or match.group("option") or match.group("alone")
    if number:
        index = int(number) - 1
    elif place in _MIDDLE:
        if len(names) % 2 == 0:
            return None
        index = len(names) // 2
    else:
        index = _PLACES[place]
    return names[index] if index < len(names) else None


def asks_for_closest(message: str) -> bool:
    """Whether ``message`` asks which program is closest."""
    return bool(_CLOSEST.search(fold(message)))


def asks_which_are_free(message: str) -> bool:
    """Whether ``message`` asks which of the programs are free, or if they are.

    "is it free?", "y es gratis?" after the results showed the list again, narrowed
    to free programs, which the family did not read as an answer (exploratory
    run 8): a yes-or-no question gets the same answer as "which ones are free?".
    """
    folded = fold(message)
    return bool(_FREE.search(folded)
                and (_WHICH_OR_ANY.search(folded) or is_question(message)
                     or _ARE_THEY_FREE.match(folded)))


def is_demo(card: str) -> bool:
    """Whether a card's text is an example of the demo data, no real program."""
    return bool(_CARD_DEMO.search(card))


def asks_if_real(message: str) -> bool:
    """Whether ``message`` asks if the programs are real ("are these real?")."""
    return bool(_IF_REAL.search(fold(message)))


def closest(cards: Sequence[Card]) -> Card | None:
    """Return the card with the fewest miles; None when every program is online."""
    near = [card for card in cards if card.miles is not None]
    return min(near, key=lambda card: card.miles or 0.0) if near else None


def _own_words(name: str) -> set[str]:
    return {w for w in _WORD.findall(fold(name)) if w not in COMMON_WORDS}


def named_program(message: str, names: Sequence[str]) -> str | None:
    """Return the one name of ``names`` whose own words are all in ``message``.

    All of them: "step" alone is "the next step", not Golden Step, and "good
    morning" is not Morning Star Math. The longest such name wins; None if none.
    """
    words = set(_WORD.findall(fold(message)))
    named = [(len(own), name) for name in dict.fromkeys(names)
             if (own := _own_words(name)) and own <= words]
    return max(named)[1] if named else None
