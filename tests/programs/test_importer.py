"""CSV import: every row checked first, all or nothing, plain reasons, line numbers."""

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.cli.main import main
from bot.db import session_scope
from bot.programs.importer import (
    COLUMNS,
    ImportFailed,
    export_rows,
    import_csv,
    write_csv,
)
from bot.programs.models import Program

TEMPLATE = Path(__file__).resolve().parents[2] / "bot" / "programs" / "template.csv"


def _row(**changes) -> dict:
    row = next(csv.DictReader(io.StringIO(TEMPLATE.read_text(encoding="utf-8"))))
    row.update(changes)
    return row


def _write(path: Path, rows: list, encoding: str = "utf-8") -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def _count(engine) -> int:
    with session_scope(engine) as session:
        return session.execute(select(func.count(Program.id))).scalar_one()


def test_template_imports(sqlite_engine):
    report = import_csv(sqlite_engine, TEMPLATE)
    assert (report.added, report.updated) == (2, 0)


def test_a_cost_puente_cannot_translate_needs_its_spanish(tmp_path, sqlite_engine):
    bad = _write(tmp_path / "bad.csv", [_row(cost="Sliding scale")])
    with pytest.raises(ImportFailed) as failed:
        import_csv(sqlite_engine, bad)
    assert "line 2: cost_es is needed" in str(failed.value.errors[0])
    good = _write(
        tmp_path / "good.csv", [_row(cost="Sliding scale", cost_es="Según ingresos")]
    )
    import_csv(sqlite_engine, good)
    with session_scope(sqlite_engine) as session:
        program = session.execute(select(Program)).scalar_one()
        assert (program.cost, program.cost_es) == ("Sliding scale", "Según ingresos")


def test_bad_rows_are_reported_with_line_numbers_and_nothing_is_written(
    tmp_path, sqlite_engine
):
    path = _write(
        tmp_path / "bad.csv",
        [
            _row(key="ok-1"),
            _row(key="bad-grade", grade_min="13"),
            _row(key="ok-2"),
            _row(key="bad-subject", subjects="math;cooking"),
            _row(key="no-name", name=""),
            _row(key="bad-zip", zip="9025", latitude="", longitude=""),
            _row(key="ok-1"),
        ],
    )
    with pytest.raises(ImportFailed) as failed:
        import_csv(sqlite_engine, path)
    assert [str(e) for e in failed.value.errors] == [
        "line 3: grades must be K or a number from 0 to 12",
        "line 5: unknown subject 'cooking' (use math, reading, writing, science, "
        "english_learners, homework)",
        "line 6: missing name",
        "line 7: zip must be 5 digits",
        "line 8: same key as line 2",
    ]
    assert _count(sqlite_engine) == 0


def test_reimport_updates_by_key_instead_of_duplicating(engine, tmp_path):
    import_csv(engine, _write(tmp_path / "a.csv", [_row(key="k1", cost="Free")]))
    report = import_csv(
        engine,
        _write(tmp_path / "b.csv", [_row(key="k1", cost="$5 a week"), _row(key="k2")]),
    )
    assert (report.added, report.updated) == (1, 1)
    assert _count(engine) == 2
    with session_scope(engine) as session:
        assert (
            session.execute(
                select(Program.cost).where(Program.key == "k1")
            ).scalar_one()
            == "$5 a week"
        )


def test_sql_injection_strings_are_stored_as_plain_text(engine, tmp_path):
    evil = "Robert'); DROP TABLE programs;-- \" OR 1=1"
    import_csv(
        engine,
        _write(
            tmp_path / "evil.csv", [_row(key=evil, name=evil, provider="x' OR '1'='1")]
        ),
    )
    with session_scope(engine) as session:
        program = session.execute(select(Program)).scalar_one()
        assert (program.key, program.name, program.provider) == (
            evil,
            evil,
            "x' OR '1'='1",
        )


def test_latin1_file_is_read(tmp_path, sqlite_engine):
    path = _write(
        tmp_path / "latin1.csv",
        [_row(name="Niños Lectura", description_es="Tutoría en español")],
        encoding="latin-1",
    )
    import_csv(sqlite_engine, path)
    with session_scope(sqlite_engine) as session:
        program = session.execute(select(Program)).scalar_one()
        assert (program.name, program.description_es) == (
            "Niños Lectura",
            "Tutoría en español",
        )


def test_10_mb_csv_with_broken_rows_reports_them_all_and_imports_nothing(
    tmp_path, sqlite_engine
):
    path = tmp_path / "big.csv"
    good = _row(description_en="x" * 200)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        line = 1
        while out.tell() < 10_000_000:
            line += 1
            writer.writerow(
                {
                    **good,
                    "key": f"p{line}",
                    "sessions_per_week": "three" if line % 5000 == 0 else "3",
                }
            )
    with pytest.raises(ImportFailed) as failed:
        import_csv(sqlite_engine, path)
    broken = [e.line for e in failed.value.errors]
    assert broken == list(range(5000, line + 1, 5000))
    assert all(
        e.reason == "sessions_per_week must be a whole number above 0"
        for e in failed.value.errors
    )
    assert _count(sqlite_engine) == 0


def test_export_round_trips(tmp_path, sqlite_engine):
    import_csv(sqlite_engine, TEMPLATE)
    out = io.StringIO()
    write_csv(export_rows(sqlite_engine), out)
    path = tmp_path / "export.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    report = import_csv(sqlite_engine, path)
    assert (report.added, report.updated) == (0, 2)


def test_command_line_import_reports_bad_rows(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PUENTE_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert main(["migrate"]) == 0
    bad = _write(tmp_path / "bad.csv", [_row(consistent_tutor="maybe")])
    assert main(["programs", "import", str(bad)]) == 1
    assert "line 2: consistent_tutor must be yes or no" in capsys.readouterr().err
    assert main(["programs", "import", str(TEMPLATE)]) == 0
    assert "Imported 2 new" in capsys.readouterr().out
    assert main(["programs", "export", str(tmp_path / "out.csv")]) == 0
    exported = (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert exported.count("\n") == 1 + 25 + 2  # header, demo data, template rows


def test_every_problem_of_every_row_is_listed(tmp_path, sqlite_engine):
    """A row with a bad grade, format and sessions per week shows all three."""
    bad = _write(tmp_path / "bad.csv", [
        _row(key="a", grade_min="13", format="zoom", sessions_per_week="often"),
        _row(key="b", consistent_tutor="maybe"),
    ])
    with pytest.raises(ImportFailed) as failed:
        import_csv(sqlite_engine, bad)
    assert [str(e) for e in failed.value.errors] == [
        "line 2: grades must be K or a number from 0 to 12",
        "line 2: format must be one of in_person, online, hybrid",
        "line 2: sessions_per_week must be a whole number above 0",
        "line 3: consistent_tutor must be yes or no",
    ]
    assert _count(sqlite_engine) == 0


@pytest.mark.parametrize("content, reason", [
    (b"", "the file is empty"),
    (b"  \n\n", "the file is empty"),
    (",".join(COLUMNS).encode() + b"\n", "the file has a header but no programs"),
    (b"PK\x03\x04\x14\x00\x06\x00", "this is not a CSV text file"),  # an .xlsx
])
def test_an_empty_or_unreadable_file_is_named_as_such(tmp_path, sqlite_engine,
                                                      content, reason):
    path = tmp_path / "programs.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFailed) as failed:
        import_csv(sqlite_engine, path)
    [error] = failed.value.errors
    assert str(error).startswith(f"line 1: {reason}")


def test_a_utf16_file_with_its_bom_imports(tmp_path, sqlite_engine):
    """What Excel's "Unicode text" and some Windows tools save."""
    path = _write(tmp_path / "utf16.csv", [_row(name="Niños Lectura")], "utf-16")
    assert import_csv(sqlite_engine, path).added == 1
    with session_scope(sqlite_engine) as session:
        assert session.execute(select(Program.name)).scalar_one() == "Niños Lectura"


def test_the_progress_bar_shows_the_total_and_percentage(tmp_path, sqlite_engine,
                                                         capsys):
    rows = [_row(key=f"k{i}") for i in range(3)]
    import_csv(sqlite_engine, _write(tmp_path / "p.csv", rows), progress=True)
    bar = capsys.readouterr().err
    assert "100%" in bar and "3/3" in bar


def test_the_command_line_counts_problems_and_rows(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PUENTE_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert main(["migrate"]) == 0
    bad = _write(tmp_path / "bad.csv", [_row(grade_min="13", format="zoom")])
    assert main(["programs", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "2 problem(s) in 1 row(s)" in err
    assert "line 2: grades must be" in err and "line 2: format must be" in err
