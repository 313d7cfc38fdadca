"""A shared WhatsApp location -> the nearest zip code, which the program search reads.

The program search understands zip codes and city names; a pin is turned into the
zip code whose centre is closest. The centres come from the ``zipcodes`` package
(no network), copied once into ``zip_centres.csv`` beside this module: the package
builds 42,789 dicts on first use (1.5 s holding the GIL, 145 MiB kept), which would
stall every conversation of the Rasa server the first time a family shares a pin.
The CSV loads in about 0.1 s into two numpy arrays (under 2 MB), and a vectorised
scan finds the nearest centre in about 0.2 ms instead of 28 ms for a Python loop:
fast enough to run on the event loop while a webhook is parsed.

After upgrading ``zipcodes``, rewrite the copy with
``python -m bot.channels.location`` (a test fails until then).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, List

import numpy as np
import numpy.typing as npt

CENTRES = Path(__file__).with_name("zip_centres.csv")
HEADER = ["zip_code", "lat", "long"]


@dataclass(frozen=True)
class Centres:
    """Every zip code and the latitude and longitude of its centre, in order."""

    codes: List[str]
    latitudes: npt.NDArray[np.float64]
    longitudes: npt.NDArray[np.float64]


def package_rows() -> Iterable[List[str]]:
    """Yield the rows of ``zip_centres.csv`` as the ``zipcodes`` package has them.

    Slow (the package builds every zip code's dict): for ``write_centres`` and tests.
    """
    import zipcodes

    for row in zipcodes.list_all():
        if row.get("lat") and row.get("long"):
            yield [row["zip_code"], row["lat"], row["long"]]


def write_centres(path: Path = CENTRES) -> None:
    """Write the zip code centres of the installed ``zipcodes`` package to ``path``."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(package_rows())


@lru_cache(maxsize=1)
def centres() -> Centres:
    """Return every zip code's centre (read once per process)."""
    with CENTRES.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    return Centres(
        codes=[row[0] for row in rows],
        latitudes=np.array([float(row[1]) for row in rows]),
        longitudes=np.array([float(row[2]) for row in rows]),
    )


def nearest_zip(latitude: float, longitude: float) -> str | None:
    """Return the zip code closest to the point, or None for an impossible point.

    Distances are compared on a flat map scaled for the point's latitude: exact
    enough between neighbouring zip codes, and the same choice as before.
    """
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    found = centres()
    scale = np.cos(np.radians(latitude)) ** 2
    distances = (found.latitudes - latitude) ** 2 + scale * (
        found.longitudes - longitude
    ) ** 2
    return found.codes[int(np.argmin(distances))]


if __name__ == "__main__":
    write_centres()
    print(f"wrote {CENTRES}")
