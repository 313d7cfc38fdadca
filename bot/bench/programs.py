"""Program lookup speed: p50/p95 at 1k, 10k and 100k generated programs.

Also the nearest zip of a WhatsApp location pin (``bot.channels.location``): the
numpy scan against the plain Python scan it replaced, on the same zip centres.

Programs are spread over California's real zip centroids (dense in Los Angeles like
the real thing), queries come from random California zip codes with a grade and a
subject. The baseline, measured in the same run, is the naive lookup: every program
matching the filters is loaded and its distance computed (no bounding box).
PostgreSQL is measured too when ``PUENTE_TEST_POSTGRES_URL`` or ``--postgres-url``
names a server (its tables are emptied first).
"""

from __future__ import annotations

import math
import os
import random
import statistics
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.channels import location
from bot.db import make_engine, migrate, session_scope
from bot.programs.geo import Place, haversine_miles
from bot.programs.hit import program_verdict
from bot.programs.importer import import_rows
from bot.programs.models import FORMATS, SETTINGS, SUBJECTS, Program, pack
from bot.programs.search import RADIUS_MILES, ProgramSearch, Query

SIZES = (1_000, 10_000, 100_000)
#: What a timed lookup is asked: a program query, or a location pin.
T = TypeVar("T")
QUERIES = 200
BASELINE_QUERIES = 20


def _ca_points(rng: random.Random) -> List[Place]:
    import zipcodes

    return [
        Place(
            z["zip_code"], z["zip_code"], z["city"], float(z["lat"]), float(z["long"])
        )
        for z in zipcodes.filter_by(state="CA")
        if z["lat"] and float(z["lat"]) != 0
    ]


def generate(
    count: int, points: List[Place], rng: random.Random
) -> List[Dict[str, Any]]:
    """``count`` plausible programs near real California zip centroids."""
    rows = []
    for i in range(count):
        point = rng.choice(points)
        low = rng.randint(0, 10)
        fmt = rng.choice(FORMATS + ("in_person", "in_person"))
        rows.append(
            {
                "key": f"bench-{i}",
                "name": f"Bench program {i}",
                "provider": "Bench",
                "description_en": "",
                "description_es": "",
                "grade_min": low,
                "grade_max": rng.randint(low, 12),
                "subjects": pack(rng.sample(SUBJECTS, rng.randint(1, 3))),
                "languages": pack(rng.choice([["en"], ["en", "es"], ["es"]])),
                "format": fmt,
                "setting": rng.choice(SETTINGS),
                "sessions_per_week": rng.randint(1, 5),
                "minutes_per_session": 30,
                "max_group_size": rng.randint(1, 12),
                "consistent_tutor": rng.random() < 0.6,
                "cost": "Free",
                "eligibility": "",
                "phone": "",
                "email": "",
                "website": "",
                "address": "",
                "city": point.city,
                "state": "CA",
                "zip": point.zip,
                "latitude": None
                if fmt == "online"
                else point.latitude + rng.uniform(-0.03, 0.03),
                "longitude": None
                if fmt == "online"
                else point.longitude + rng.uniform(-0.03, 0.03),
                "service_radius_miles": None,
                "served_zips": "",
                "source": "bench",
                "last_verified": None,
            }
        )
    return rows


def naive(engine: Engine, query: Query) -> List[Any]:
    """Search like the baseline: load each matching program, measure each distance."""
    assert query.place is not None
    with Session(engine, future=True) as session:
        rows = (
            session.execute(
                select(Program).where(
                    Program.format != "online", *ProgramSearch._filters(query)
                )
            )
            .scalars()
            .all()
        )
        found = []
        for p in rows:
            d = haversine_miles(
                query.place.latitude, query.place.longitude, p.latitude, p.longitude
            )
            if d <= RADIUS_MILES:
                found.append((not program_verdict(p).meets, d, p.key))
    return sorted(found)[:3]


def _timings(run: Callable[[T], object], queries: List[T]) -> List[float]:
    out = []
    for query in queries:
        started = time.perf_counter()
        run(query)
        out.append((time.perf_counter() - started) * 1000)
    return out


def _p(values: List[float], pct: float) -> float:
    return (
        statistics.quantiles(values, n=100)[int(pct) - 1]
        if len(values) > 1
        else values[0]
    )


def measure(label: str, url: str) -> List[str]:
    """Figures for one database, at every size."""
    rng = random.Random(3)
    points = _ca_points(rng)
    migrate(url)
    engine = make_engine(url)
    lines = [f"{label}: lookup ms (bounding box) vs naive full scan, {QUERIES} queries"]
    try:
        with session_scope(engine) as session:
            session.execute(delete(Program))
        loaded = 0
        for size in SIZES:
            rows = generate(size - loaded, points, rng)
            for row in rows:
                row["key"] = f"bench-{loaded}"
                loaded += 1
            import_rows(engine, rows)
            queries = [
                Query(rng.choice(points), rng.randint(0, 12), rng.choice(SUBJECTS))
                for _ in range(QUERIES)
            ]
            search = ProgramSearch(engine)
            _timings(search.search, queries[:10])  # warm the connection pool and caches
            fast = _timings(search.search, queries)
            slow = _timings(lambda q: naive(engine, q), queries[:BASELINE_QUERIES])
            lines.append(
                f"  {size:>7,} programs: "
                f"p50 {_p(fast, 50):6.2f}  p95 {_p(fast, 95):6.2f}"
                f"   naive p50 {_p(slow, 50):8.2f}  p95 {_p(slow, 95):8.2f}"
                f"   ({_p(slow, 50) / _p(fast, 50):.0f}x at p50)"
            )
    finally:
        with session_scope(engine) as session:
            session.execute(delete(Program))
        engine.dispose()
    return lines


def python_nearest_zip(latitude: float, longitude: float) -> str:
    """Return the nearest zip centre by the former plain Python scan (baseline)."""
    found = location.centres()
    scale = math.cos(math.radians(latitude)) ** 2
    pairs = zip(found.latitudes.tolist(), found.longitudes.tolist(), strict=True)
    nearest = min(enumerate(pairs), key=lambda p: (p[1][0] - latitude) ** 2
                  + scale * (p[1][1] - longitude) ** 2)
    return found.codes[nearest[0]]


def measure_nearest_zip() -> List[str]:
    """p50/p95 of a location pin's nearest zip, numpy against the Python scan."""
    rng = random.Random(5)
    pins = [(rng.uniform(25.0, 48.0), rng.uniform(-124.0, -68.0))
            for _ in range(QUERIES)]
    location.centres()  # loaded once at start-up in the channel too
    fast = _timings(lambda pin: location.nearest_zip(*pin), pins)
    slow = _timings(lambda pin: python_nearest_zip(*pin), pins[:BASELINE_QUERIES])
    return [f"Location pin -> nearest zip ms, {QUERIES} pins: "
            f"p50 {_p(fast, 50):.3f}  p95 {_p(fast, 95):.3f}"
            f"   Python scan p50 {_p(slow, 50):.2f}  p95 {_p(slow, 95):.2f}"
            f"   ({_p(slow, 50) / _p(fast, 50):.0f}x at p50)"]


def run(work: Path, postgres_url: str | None = None) -> List[str]:
    """SQLite always; PostgreSQL when a server is named; the nearest zip."""
    work.mkdir(parents=True, exist_ok=True)
    db = work / "programs-bench.db"
    db.unlink(missing_ok=True)
    lines = measure("SQLite", f"sqlite:///{db}")
    postgres_url = postgres_url or os.environ.get("PUENTE_TEST_POSTGRES_URL")
    if postgres_url:
        lines += measure("PostgreSQL", postgres_url)
    else:
        lines.append(
            "PostgreSQL: skipped (set PUENTE_TEST_POSTGRES_URL or --postgres-url)"
        )
    return lines + measure_nearest_zip()
