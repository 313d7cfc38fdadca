"""Where a family is: zip code or city name -> coordinates, offline.

The ``zipcodes`` package ships US zip centroids, so nothing goes over the network at
run time. City names are matched on folded text with a fuzzy ratio, because parents
write "south gait" or "huntigton park"; Southeast LA's cities are listed first so a
close call goes to the neighbourhood Puente serves.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from functools import lru_cache
from statistics import median
from typing import Any, Dict, List, Tuple

import zipcodes

from bot.text import fold

EARTH_RADIUS_MILES = 3958.8
#: The area Puente serves first; fuzzy matches prefer these names.
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


@dataclass(frozen=True)
class Place:
    """A resolved location: a label to show and its coordinates."""

    label: str
    zip: str
    city: str
    latitude: float
    longitude: float


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
    return {
        key: (
            entry[0],
            median(p[0] for p in entry[1:]),
            median(p[1] for p in entry[1:]),
        )
        for key, entry in merged.items()
    }


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


def resolve(location: str) -> Place | None:
    """Place a zip code or a city name (a :class:`Place`), or None when unknown."""
    text = (location or "").strip()
    if text.isdigit():
        return place_for_zip(text) if len(text) == 5 else None
    return place_for_city(text) if text else None
