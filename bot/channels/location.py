"""A shared WhatsApp location -> the nearest zip code, which the program search reads.

The program search understands zip codes and city names; a pin is turned into the
zip code whose centre is closest (the ``zipcodes`` package, no network).
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import List, Tuple

import zipcodes


@lru_cache(maxsize=1)
def _centres() -> List[Tuple[str, float, float]]:
    """Return every zip code with its coordinates (loaded once)."""
    rows = []
    for row in zipcodes.list_all():
        try:
            rows.append((row["zip_code"], float(row["lat"]), float(row["long"])))
        except (KeyError, TypeError, ValueError):
            continue
    return rows


def nearest_zip(latitude: float, longitude: float) -> str | None:
    """Return the zip code closest to the point, or None for an impossible point."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    scale = math.cos(math.radians(latitude)) ** 2

    def distance(row: Tuple[str, float, float]) -> float:
        return (row[1] - latitude) ** 2 + scale * (row[2] - longitude) ** 2

    return min(_centres(), key=distance)[0]
