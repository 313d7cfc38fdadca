"""Where a family is: zip code or city name -> coordinates, offline.

The ``zipcodes`` package ships US zip centroids, so nothing goes over the network at
run time. City names are matched on folded text with a fuzzy ratio, because parents
write "south gait" or "huntigton park"; Southeast LA's cities are listed first so a
close call goes to the neighbourhood Puente serves.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from statistics import median
from typing import Any, Collection, Dict, List, Mapping, Sequence, Tuple

import yaml
import zipcodes

from bot.text import fold

EARTH_RADIUS_MILES = 3958.8
#: The area Puente serves first; fuzzy matches prefer these names.
#: Los Angeles neighborhoods families name, each at one of its zip codes.
NEIGHBORHOODS = Path(__file__).with_name("neighborhoods.yml")
LOCAL_CITIES = (
    "Huntington Park",
    "South Gate",
    "Bell",
    "Bell Gardens",
    "Cudahy",
    "Maywood",
    "Walnut Park",
    "Lynwood",
    "Vernon",
    "Commerce",
    "Downey",
    "Florence",
    "East Los Angeles",
    "Los Angeles",
    "Compton",
    "Paramount",
    "Bellflower",
)
#: How close a misspelled city must be to a real one (difflib ratio).
CITY_CUTOFF = 0.82
#: Letters a name run together may have more or fewer than the real one.
_RUN_TOGETHER_SLACK = 2


@dataclass(frozen=True)
class Place:
    """A resolved location: a label to show and its coordinates."""

    label: str
    zip: str
    city: str
    latitude: float
    longitude: float

    @property
    def shown(self) -> str:
        """The label to show, a zip code with its city: "12345 (Schenectady)".

        "I found nothing in person near 12345" did not tell a family who typed a
        zip code by mistake that it was in New York (exploratory run 22).
        """
        if self.label.isdigit() and self.city:
            return f"{self.label} ({self.city.title()})"
        return self.label


def haversine_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in miles."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(a))


def bounding_box(
    lat: float, lon: float, miles: float
) -> Tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) around a point: the indexed prefilter."""
    dlat = miles / 69.0
    dlon = miles / (69.0 * max(math.cos(math.radians(lat)), 0.01))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


@lru_cache(maxsize=4096)
def place_for_zip(zip_code: str) -> Place | None:
    """Return the centroid of a real US zip code, or None.

    Cached: ``zipcodes.matching`` scans all 42,000 zip codes (about 7 ms), and an
    import asks for the same few zips once per row (10,000 rows took 76 s).
    """
    try:
        found = zipcodes.matching(zip_code.strip())
    except (ValueError, TypeError):
        return None
    if not found:
        return None
    row = found[0]
    return Place(zip_code, zip_code, row["city"], float(row["lat"]), float(row["long"]))


@lru_cache(maxsize=1)
def california_cities() -> Dict[str, Tuple[str, float, float]]:
    """Folded city name -> (display name, median lat, median lon) over its CA zip codes.

    The median ignores the odd far-away P.O. box zip. A zip's main city counts first;
    a name that is only an "acceptable" alias (Walnut Park is served by 90255) takes
    the centroids of the zips it names.
    """
    # folded name -> [display name, (lat, lon), (lat, lon), ...]
    main: Dict[str, List[Any]] = {}
    alias: Dict[str, List[Any]] = {}
    for row in zipcodes.filter_by(state="CA"):
        point = (float(row["lat"]), float(row["long"]))
        main.setdefault(fold(row["city"]), [row["city"].title()]).append(point)
        for name in row.get("acceptable_cities", []):
            alias.setdefault(fold(name), [name.title()]).append(point)
    merged = {**alias, **main}
    cities = {
        key: (
            entry[0],
            median(p[0] for p in entry[1:]),
            median(p[1] for p in entry[1:]),
        )
        for key, entry in merged.items()
    }
    return {**cities, **_neighborhoods()}


@lru_cache(maxsize=1)
def long_names() -> Dict[str, str]:
    """Folded name -> name, of the places named in four words or more.

    "El Este de Los Angeles" is longer than the phrases :func:`city_in_words` is
    asked about, so the search read "Los Angeles" in it; such names are found as
    written, anywhere in a message.
    """
    return {key: value[0] for key, value in california_cities().items()
            if key.count(" ") >= 3}


def _neighborhoods() -> Dict[str, Tuple[str, float, float]]:
    """Return folded name -> (name, lat, lon) of ``neighborhoods.yml``."""
    names: Dict[str, str] = yaml.safe_load(NEIGHBORHOODS.read_text(encoding="utf-8"))
    found = {}
    for name, zip_code in names.items():
        place = place_for_zip(zip_code)
        if place is not None:
            found[fold(name)] = (name, place.latitude, place.longitude)
    return found


@lru_cache(maxsize=1)
def _local_names() -> Tuple[str, ...]:
    """Return the Southeast LA city names, folded once."""
    return tuple(fold(c) for c in LOCAL_CITIES)


@lru_cache(maxsize=1)
def _names_by_start() -> Dict[Tuple[str, int], Tuple[str, ...]]:
    """Every folded California city name, by its first letter and its length."""
    index: Dict[Tuple[str, int], List[str]] = {}
    for name in california_cities():
        index.setdefault((name[0], len(name)), []).append(name)
    return {key: tuple(names) for key, names in index.items()}


def _statewide_candidates(text: str) -> List[str]:
    """Return the California city names worth comparing with ``text``.

    Every short message is tried as a city name, so this runs on most messages.
    Two filters keep it from scanning 1,730 names each time: a name whose length
    is too far from the text's can never reach :data:`CITY_CUTOFF` (difflib's
    ratio is 2*M/(len(a)+len(b)), M at most the shorter length), and statewide
    names must start with the same letter. The Southeast LA cities, where the
    demo families live, are matched first without the letter rule ("jantinton
    park" still finds Huntington Park).
    """
    size = len(text)
    lowest = math.ceil(CITY_CUTOFF * size / (2 - CITY_CUTOFF))
    highest = math.floor(size * (2 - CITY_CUTOFF) / CITY_CUTOFF)
    index = _names_by_start()
    return [name for length in range(lowest, highest + 1)
            for name in index.get((text[:1], length), ())]


@lru_cache(maxsize=1)
def _squashed_names() -> Dict[str, str]:
    """Folded city name without its spaces -> folded name ("southgate")."""
    return {name.replace(" ", ""): name for name in california_cities()}


@lru_cache(maxsize=1)
def _local_tables() -> Tuple[Dict[str, str], Dict[str, str],
                             Dict[str, Tuple[str, ...]]]:
    """Return the Southeast LA names for :func:`city_in_words`, built once.

    Folded name -> name; folded name without its spaces -> folded name; and the
    folded names by their first letter: a misspelling seldom changes it, and the
    fuzzy match then compares a phrase with two or three names, not all of them.
    """
    local = dict(zip(_local_names(), LOCAL_CITIES, strict=True))
    squashed = {name.replace(" ", ""): name for name in local}
    by_letter: Dict[str, List[str]] = {}
    for name in local:
        by_letter.setdefault(name[:1], []).append(name)
    return local, squashed, {k: tuple(names) for k, names in by_letter.items()}


def city_in_words(
    folded: str, statewide: bool = False, min_fuzzy_length: int = 0
) -> str | None:
    """Return the city a few words of a sentence name, or None.

    Parents run a name together ("busca en Southgate") or misspell it ("vivo en
    south gait") inside a sentence as they do alone (:func:`match_city`). A name
    spelled right, with or without its spaces, counts anywhere in California when
    ``statewide`` (after "en", "near"...), else only a Southeast LA name. A
    misspelling counts only for a Southeast LA name: most words of a Spanish
    sentence are close to some California town's name ("de manera" is not Madera,
    "los niños" not Los Nietos), and the family almost always lives in one of these.

    Args:
        folded: one to three words of a message, folded and one space apart (the
            entity reader tries every such phrase of every message: not folded
            again here).
        statewide: the words follow a place cue, so any California name counts.
        min_fuzzy_length: shorter words match only when spelled right ("bell" is
            not "well").
    """
    local, local_squashed, local_by_letter = _local_tables()
    cities = california_cities()
    squashed = folded.replace(" ", "")
    run_together = local_squashed.get(squashed)
    for name in (folded, run_together or _squashed_names().get(squashed, "")):
        if name in local:
            return local[name]
        if statewide and name in cities:
            return cities[name][0]
    if len(folded) < min_fuzzy_length:
        return None
    words = folded.count(" ")
    same_start = local_by_letter.get(folded[:1], ())
    if not same_start:
        return None
    close = difflib.get_close_matches(
        folded, [c for c in same_start if c.count(" ") == words], n=1,
        cutoff=CITY_CUTOFF,
    )
    if not close:  # run together and misspelled: "southgait", "huntigtonpark"
        # A typo or two, not a part of the name: "Huntington Learning" is no city.
        longer = {
            c.replace(" ", ""): c
            for c in same_start
            if c.count(" ") > words
            and abs(len(c) - c.count(" ") - len(squashed)) <= _RUN_TOGETHER_SLACK
        }
        close = [
            longer[name]
            for name in difflib.get_close_matches(
                squashed, list(longer), n=1, cutoff=CITY_CUTOFF
            )
        ]
    return local[close[0]] if close else None


def match_city(text: str) -> str | None:
    """Return the known city name ``text`` means (fuzzy), or None."""
    folded = " ".join(fold(text).split())
    cities = california_cities()
    if folded in cities:
        return cities[folded][0]
    for candidates in (_local_names(), _statewide_candidates(folded)):
        close = difflib.get_close_matches(folded, candidates, n=1, cutoff=CITY_CUTOFF)
        if close and close[0] in cities:
            return cities[close[0]][0]
    return None


def place_for_city(name: str) -> Place | None:
    """Return the centre of a California city (misspellings allowed), or None."""
    city = match_city(name)
    if city is None:
        return None
    _, lat, lon = california_cities()[fold(city)]
    return Place(city, "", city, lat, lon)


#: What families call Los Angeles and its parts, read only as a whole answer to
#: "Where?": "LA" got 'No conozco "LA"' (an exploratory run), and "la" inside a
#: sentence is Spanish's "the".
WHOLE_ANSWER_PLACES = {
    "la": "Los Angeles", "l.a.": "Los Angeles", "l.a": "Los Angeles",
    "los angeles ca": "Los Angeles", "el este de la": "East LA",
    "este de la": "East LA", "east la": "East LA", "el sur de la": "South LA",
    "sur de la": "South LA", "south la": "South LA",
    # run 19: 'I don't know "downtown LA"'; downtown is Los Angeles's centre
    "downtown la": "Los Angeles", "downtown los angeles": "Los Angeles",
    "downtown": "Los Angeles", "el centro de la": "Los Angeles",
    "el centro de los angeles": "Los Angeles", "centro de los angeles": "Los Angeles",
    # run 20: El Centro, in Imperial County; "El Centro" alone stays that city
    "en el centro": "Los Angeles", "por el centro": "Los Angeles",
}


#: The answer to "Where?" of a family who wants tutoring online ("en línea nomás"):
#: no place is needed; the search shows online programs (it looped on "Where?":
#: exploratory run 9).
ONLINE_ANSWER = "online"
#: The entities that name a place the search can use.
PLACE_ENTITIES = frozenset({"zip_code", "city"})


def online_answer(entities: Sequence[Mapping[str, Any]]) -> bool:
    """Whether a message's entities ask for online tutoring and name no place."""
    names = {(e.get("entity"), e.get("value")) for e in entities}
    return (("format", "online") in names
            and not any(entity in PLACE_ENTITIES for entity, _ in names))


def resolve(location: str) -> Place | None:
    """Place a zip code or a city name (a :class:`Place`), or None when unknown."""
    text = (location or "").strip()
    if text.isdigit():
        return place_for_zip(text) if len(text) == 5 else None
    text = WHOLE_ANSWER_PLACES.get(" ".join(fold(text).split()), text)
    return place_for_city(text) if text else None


#: Intents a typed answer to "Where?" gets when it names no place the NLU knows:
#: "abc" is unsure (nlu_fallback), "Tijuana" out of scope. Any other intent (a
#: question, "talk to a person", "no") has its own answer and leaves the form.
PLACE_ANSWER_INTENTS = frozenset({"inform", "nlu_fallback", "out_of_scope",
                                  "answer_unsure"})
#: Longer than a place's name ("East Los Angeles CA"): a sentence, not an answer.
PLACE_ANSWER_MAX_WORDS = 4
#: An answer that says where, however long: "cerca de la escuela Hooper", "por el
#: Slauson Swap Meet" got 211 for food and rent, then "Where?" again, in a loop
#: (exploratory run 9); checked, it gets what to send instead.
_SAYS_WHERE = re.compile(r"^(?:cerca de|near|por|by|around|vivo (?:en|cerca|por)"
                         r"|vivimos (?:en|cerca|por)|i live (?:in|near|by)|we live)\b")
#: Longer than an answer that says where: a story.
SAYS_WHERE_MAX_WORDS = 8


#: The search's other answers, named at "Where?" instead of a place.
_OTHER_ANSWERS = frozenset({"grade", "subject"})


def answers_else_than_where(entities: Collection[str]) -> bool:
    """Whether a message sent at "Where?" answers the search's other questions only.

    After "I don't know 99999", "5th grade" and then "math" each got "What is your
    zip code?" again with no word on why (exploratory run 20): the answer is kept,
    and the family hears that a place is still needed.
    """
    names = set(entities)
    return bool(names & _OTHER_ANSWERS) and not names & PLACE_ENTITIES


def unknown_place_answer(
    text: str, intent: str | None, entities: Collection[str], unknown: bool = False
) -> str | None:
    """Return ``text`` when it answers "Where?" with a place Puente cannot find.

    "99999" is a zip code entity, which the form checks and then says what it
    needs ("a 5-digit zip code or a city in California"); "abc" named no entity,
    so the family got "I'm not sure I understood" and no idea what to send. Such an
    answer is given to the same check. Not a question, a request the NLU knows, or
    a message that named something else (a grade, a subject): those keep their
    own answers.

    Args:
        text: the message.
        intent: the intent the NLU gave it.
        entities: the names of the entities found in it.
        unknown: the family says they do not know the place ("no sé mi código
            postal"): any length, whatever it names, is given to the check, which
            says what else to send.
    """
    answer = " ".join(text.split())
    if (
        not answer
        or answer.startswith("/")  # a button's payload
        or "?" in answer
        or intent not in PLACE_ANSWER_INTENTS
    ):
        return None
    longest = (SAYS_WHERE_MAX_WORDS if _SAYS_WHERE.match(fold(answer))
               else PLACE_ANSWER_MAX_WORDS)
    if unknown and set(entities) & PLACE_ENTITIES:
        # "no sé mi código, vivo en Huntington Park" got "write your city's name"
        # (exploratory run 29): the place named is the answer
        return None
    if not unknown and (entities or len(answer.split()) > longest):
        return None
    return answer
