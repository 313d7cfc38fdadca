"""Every program change is planned (the preview), then applied by one writer that
says which programs changed; families' searches see it at once. SQLite and
PostgreSQL."""

import csv
import io
from pathlib import Path

import pytest

from bot.programs.changes import (
    Applied,
    apply_changes,
    plan_active,
    plan_edit,
    plan_import,
)
from bot.programs.geo import place_for_zip
from bot.programs.importer import (
    ImportFailed,
    export_rows,
    parse_row,
    validate,
    write_csv,
)
from bot.programs.search import ProgramSearch, Query

TEMPLATE = Path(__file__).resolve().parents[2] / "bot" / "programs" / "template.csv"


def _rows(**changes_by_key) -> list:
    """The template's two programs, with some fields changed per key."""
    rows = list(csv.DictReader(io.StringIO(TEMPLATE.read_text(encoding="utf-8"))))
    return [{**row, **changes_by_key.get(row["key"], {})} for row in rows]


def _checked(rows: list) -> list:
    out = io.StringIO()
    write_csv(rows, out)
    return validate(out.getvalue())


def _found(engine, grade=2, subject="reading") -> list:
    """Names a family in Los Angeles 90001 finds for a 2nd-grade reader."""
    results = ProgramSearch(engine).search(
        Query(place_for_zip("90001"), grade=grade, subject=subject), page_size=10)
    return [m.program.name for m in results.matches]


def _ids(engine) -> dict:
    return {row["key"]: row for row in export_rows(engine)}


def test_import_plan_is_a_preview_that_writes_nothing(engine):
    plan = plan_import(engine, _checked(_rows()))
    assert [row["name"] for row in plan.added] == ["Example Reading Club",
                                                   "Example Online Math"]
    assert (plan.changed, plan.switched, plan.unchanged) == ((), (), 0)
    assert export_rows(engine) == []


def test_applying_an_import_returns_the_new_ids_and_families_find_them(engine):
    applied = apply_changes(engine, plan_import(engine, _checked(_rows())))
    assert len(applied.added) == 2 and applied.findable == applied.added
    assert sorted(applied.names.values()) == ["Example Online Math",
                                              "Example Reading Club"]
    assert applied.summary().startswith("added 2 (added: #")
    assert _found(engine) == ["Example Reading Club"]


def test_reimport_plans_changed_fields_removed_and_unchanged(engine):
    apply_changes(engine, plan_import(engine, _checked(_rows())))
    changed = _rows(**{"example-reading-club": {"grade_max": "5", "cost": "$5 a week"}})
    only_reading = [r for r in changed if r["key"] == "example-reading-club"]

    plan = plan_import(engine, _checked(only_reading), remove_missing=True)
    assert plan.added == ()
    assert [(c.name, c.fields) for c in plan.changed] == [
        ("Example Reading Club", ("grade_max", "cost"))]
    assert [(s.name, s.active) for s in plan.removed] == [("Example Online Math",
                                                            False)]
    assert plan.unchanged == 0

    applied = apply_changes(engine, plan)
    assert len(applied.changed) == 1 and len(applied.deactivated) == 1
    assert applied.findable == applied.changed
    # The reading club now reaches 5th grade; online math is kept but not found.
    assert _found(engine, grade=5) == ["Example Reading Club"]
    assert _found(engine, grade=6, subject="math") == []
    assert _ids(engine)["example-online-math"]["name"] == "Example Online Math"

    # The same file again: nothing to do. The full list again: math is back.
    assert plan_import(engine, _checked(only_reading), remove_missing=True).empty
    back = plan_import(engine, _checked(changed), remove_missing=True)
    assert [(s.name, s.active) for s in back.restored] == [("Example Online Math",
                                                             True)]
    assert back.unchanged == 1 and back.changed == ()
    assert apply_changes(engine, back).activated
    assert _found(engine, grade=6, subject="math") == ["Example Online Math"]


def test_command_line_import_never_removes(engine):
    apply_changes(engine, plan_import(engine, _checked(_rows())))
    one = [r for r in _rows() if r["key"] == "example-online-math"]
    assert plan_import(engine, _checked(one)).empty


def test_edit_changes_only_what_differs_and_keeps_the_key(engine):
    applied = apply_changes(engine, plan_import(engine, _checked(_rows())))
    reading = min(applied.added)
    row = _ids(engine)["example-reading-club"]
    assert plan_edit(engine, reading, parse_row(row)).empty

    edited = parse_row({**row, "key": "", "name": "Club de Lectura", "zip": "90002",
                       "latitude": "", "longitude": ""})
    plan = plan_edit(engine, reading, edited)
    assert plan.changed[0].fields == ("name", "zip", "latitude", "longitude")
    result = apply_changes(engine, plan)
    assert result.changed == (reading,) and result.names[reading] == "Club de Lectura"
    assert _ids(engine)["example-reading-club"]["zip"] == "90002"
    assert "Club de Lectura" in _found(engine)


def test_inactive_and_active_again(engine):
    applied = apply_changes(engine, plan_import(engine, _checked(_rows())))
    reading = min(applied.added)
    off = apply_changes(engine, plan_active(engine, reading, False))
    assert off == Applied(deactivated=(reading,),
                          names={reading: "Example Reading Club"})
    assert off.findable == () and _found(engine) == []
    assert plan_active(engine, reading, False).empty
    on = apply_changes(engine, plan_active(engine, reading, True))
    assert on.findable == (reading,) and _found(engine) == ["Example Reading Club"]


def test_unknown_program_is_named(engine):
    with pytest.raises(LookupError):
        plan_active(engine, 987654, False)
    with pytest.raises(LookupError):
        plan_edit(engine, 987654, {})


def test_the_active_column_round_trips_through_a_download(engine):
    rows = _rows(**{"example-online-math": {"active": "no"}})
    applied = apply_changes(engine, plan_import(engine, _checked(rows)))
    assert len(applied.added) == 2 and len(applied.findable) == 1
    assert _ids(engine)["example-online-math"]["active"] == "no"
    assert _found(engine, grade=6, subject="math") == []
    # Downloaded and uploaded again as it is: nothing to do, math stays inactive.
    assert plan_import(engine, _checked(export_rows(engine)), remove_missing=True).empty
    with pytest.raises(ImportFailed) as failed:
        _checked(_rows(**{"example-online-math": {"active": "maybe"}}))
    assert [str(e) for e in failed.value.errors] == ["line 3: active must be yes or no"]


def test_audit_summary_says_counts_then_names():
    applied = Applied(added=(1, 2), deactivated=(7,),
                      names={1: "Uno", 2: "Dos", 7: "Siete"})
    assert applied.summary() == ("added 2, made inactive 1 "
                                 "(added: #1 Uno, #2 Dos; made inactive: #7 Siete)")
    assert Applied().summary() == "nothing changed"
