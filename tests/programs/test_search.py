"""Lookup: the same tests on SQLite and PostgreSQL, with the demo data."""

import pytest
from sqlalchemy import select

from bot.db import session_scope
from bot.programs import unmet_demand
from bot.programs.demo import DEMO_FILE, load_demo_if_empty
from bot.programs.geo import answers_else_than_where, haversine_miles, resolve
from bot.programs.importer import import_csv
from bot.programs.models import FREE_COSTS, SETTINGS, UnmetDemand
from bot.programs.search import PAGE_SIZE, ProgramSearch, Query


def test_demo_data_loads_once(engine):
    assert load_demo_if_empty(engine) == 25
    assert load_demo_if_empty(engine) == 0


def test_90255_third_grade_math_ranks_hit_then_distance(engine):
    load_demo_if_empty(engine)
    results = ProgramSearch(engine).search(Query(resolve("90255"), 3, "math"))
    assert len(results.matches) == PAGE_SIZE and results.has_more
    assert not results.widened and not results.online_only
    ranked = results.ranked
    verdicts = [c.verdict.meets for c in ranked]
    assert verdicts == sorted(verdicts, reverse=True)  # HIT first
    hit = [c.distance_miles for c in ranked if c.verdict.meets]
    assert hit == sorted(hit)  # then nearest
    every = ProgramSearch(engine).search(
        Query(resolve("90255"), 3, "math"), page_size=99
    )
    for match in every.matches:
        assert match.program.grade_min <= 3 <= match.program.grade_max
        assert ",math," in match.program.subjects
        assert match.program.is_demo
    assert results.matches[0].program.name == "Sunflower Math Circle (demo)"


def test_spanish_reading_near_misspelled_south_gate_for_sixth_grade(engine):
    load_demo_if_empty(engine)
    results = ProgramSearch(engine).search(
        Query(resolve("south gait"), 6, "reading", "es")
    )
    names = [m.program.name for m in results.matches]
    assert names[:2] == [
        "Rio Verde Reading Corner (demo)",
        "Golden Step Lectura (demo)",
    ]
    assert all(",es," in m.program.languages for m in results.matches)


def test_show_more_pages_without_repeating(engine):
    load_demo_if_empty(engine)
    search, query = ProgramSearch(engine), Query(resolve("90255"), 3, "math")
    first, second = search.search(query), search.search(query, offset=PAGE_SIZE)
    seen = {m.program.key for m in first.matches}
    assert second.matches and not seen & {m.program.key for m in second.matches}


def test_far_away_widens_once_then_offers_online(engine):
    load_demo_if_empty(engine)
    results = ProgramSearch(engine).search(Query(resolve("90802"), 3, "math"))
    assert results.widened and not results.online_only  # Long Beach: ~14 miles away
    far = ProgramSearch(engine).search(Query(resolve("94103"), 3, "math"))
    assert far.widened and far.online_only
    assert far.matches[0].program.name == "Pelican Online Math (demo)"
    assert far.matches[0].distance_miles is None


def test_no_match_at_all_and_unmet_demand_keeps_no_person(engine):
    load_demo_if_empty(engine)
    results = ProgramSearch(engine).search(Query(resolve("94103"), 0, "science"))
    assert results.total == 0
    unmet_demand.record(
        engine,
        zip_code="94103",
        city="San Francisco",
        grade=0,
        subject="science",
        language="es",
    )
    with session_scope(engine) as session:
        row = session.execute(select(UnmetDemand)).scalar_one()
        assert (row.zip, row.grade, row.subject, row.language) == (
            "94103",
            0,
            "science",
            "es",
        )
        assert set(UnmetDemand.__table__.columns.keys()) == {
            "id",
            "day",
            "zip",
            "city",
            "grade",
            "subject",
            "language",
        }


def test_online_format_filter_shows_only_online(engine):
    load_demo_if_empty(engine)
    results = ProgramSearch(engine).search(
        Query(resolve("90255"), 3, "math", format="online")
    )
    assert results.online_only and all(
        m.program.format == "online" for m in results.matches
    )


@pytest.mark.parametrize("setting", SETTINGS)
def test_when_it_meets_filters_in_person_and_online(engine, setting):
    """"Any on saturdays?": only programs that meet then, near first."""
    load_demo_if_empty(engine)
    results = ProgramSearch(engine).search(Query(resolve("90011"), setting=setting),
                                           page_size=100)
    assert results.matches
    assert all(m.program.setting == setting for m in results.matches)


def test_free_only_shows_programs_that_cost_nothing(engine):
    """"tutoría gratis cerca de 90255" showed "$10 al mes" first (exploratory run)."""
    load_demo_if_empty(engine)
    everything = ProgramSearch(engine).search(Query(resolve("90255")),
                                              page_size=100)
    assert any(m.program.cost.lower() not in FREE_COSTS for m in everything.matches)
    free = ProgramSearch(engine).search(Query(resolve("90255"), free=True),
                                        page_size=100)
    assert free.matches
    assert all(m.program.cost.lower() in FREE_COSTS for m in free.matches)


def test_haversine_is_in_miles():
    assert abs(haversine_miles(34.0522, -118.2437, 37.7749, -122.4194) - 347) < 5


def test_demo_file_is_marked_as_demo(tmp_path, sqlite_engine):
    import_csv(sqlite_engine, DEMO_FILE)
    text = DEMO_FILE.read_text(encoding="utf-8")
    assert text.count("DEMO DATA") == 25 and text.count("(demo)") == 25
    assert "555-01" in text and "@example.org" in text


@pytest.mark.parametrize("named, near_zip", [
    ("Boyle Heights", "90033"),
    ("boyle hights", "90033"),  # misspelled
    ("east LA", "90022"),
    # a fuzzy match took these for East Los Angeles and Midway City
    ("South Los Angeles", "90011"),
    ("Mid City", "90019"),
    ("downtown LA", "90012"),  # run 19: 'I don't know "downtown LA"'
    ("el centro de Los Angeles", "90012"),
    ("en el centro", "90012"),  # run 20: El Centro, Imperial County
])
def test_los_angeles_neighborhoods_are_places(named, near_zip):
    """Families name their neighborhood; the zip code data knows no such city."""
    place, centre = resolve(named), resolve(near_zip)
    assert place is not None and centre is not None
    assert haversine_miles(place.latitude, place.longitude,
                           centre.latitude, centre.longitude) < 1


@pytest.mark.parametrize("entities, note", [
    (["grade"], True),  # run 20: "5th grade" after an unknown zip code
    (["subject"], True),
    (["grade", "subject"], True),
    (["zip_code"], False),  # the place is checked: its own answer
    (["grade", "city"], False),
    ([], False),
])
def test_other_answers_at_where_get_a_word_on_the_place_still_needed(entities, note):
    assert answers_else_than_where(entities) is note


@pytest.mark.parametrize("typed, shown", [
    ("12345", "12345 (Schenectady)"),  # run 22: a mistake, with nothing to tell it
    ("90011", "90011 (Los Angeles)"),
    ("South Gate", "South Gate"),
])
def test_a_zip_code_is_shown_with_its_city(typed, shown):
    place = resolve(typed)
    assert place is not None and place.shown == shown
