"""Import programs from a CSV file: check every row first, then write all or nothing.

CSV format (one header row; ``template.csv`` beside this module is a filled-in example):

==================== ======== ==========================================================
column               required meaning
==================== ======== ==========================================================
key                  no       stable id; a re-import with the same key updates the
                              program. Blank: made from provider + name.
name, provider       yes      program name and who runs it
description_en/_es   no       one or two sentences, English / Spanish
grade_min, grade_max yes      K (or 0) to 12
subjects             yes      ``;``-separated: math reading writing science
                              english_learners homework
languages            yes      ``;``-separated language codes: en es (others allowed)
format               yes      in_person, online or hybrid
setting              yes      during_school, before_after_school or weekends
sessions_per_week    yes      whole number
minutes_per_session  yes      whole number
max_group_size       yes      whole number (students per tutor)
consistent_tutor     yes      yes/no (same tutor every session)
cost                 yes      what families pay: "Free" or "$10 a month" (a week, a
                              session, an hour, a year), said in the family's
                              language; other words are shown as written
cost_es              (yes)    the cost in Spanish, needed when ``cost`` is not said
                              one of those ways ("Escala según ingresos")
eligibility          no       who can join
phone, email, website no      how to contact them
address, city        no       street address and city
state, zip           no       two-letter state, 5-digit zip code
latitude, longitude  no       decimal degrees; blank: taken from the zip code.
                              In-person and hybrid programs need one or the other.
service_radius_miles no       how far they serve
served_zips          no       ``;``-separated zip codes they serve
source               yes      where the record comes from (``DEMO DATA`` marks demo)
last_verified        no       date checked, YYYY-MM-DD
active               no       yes/no; blank: yes. Families never find an inactive
                              program (the review app's download writes it)
==================== ======== ==========================================================

Files are read as UTF-8, as UTF-16 when they start with its byte-order mark, and,
when neither fits, as Latin-1 (spreadsheets on Windows save it); an empty file or
one that is not text is named as such. Every problem of every row is reported, and
nothing is written unless all rows are right. Every value is stored as plain text
through bound parameters.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Dict, Iterable, List, TextIO, Tuple

from sqlalchemy import select
from sqlalchemy.engine import Engine
from tqdm import tqdm

from bot.db import session_scope
from bot.programs.changes import apply_changes, plan_import
from bot.programs.geo import place_for_zip
from bot.programs.models import FORMATS, SETTINGS, SUBJECTS, Program, pack
from bot.programs.present import cost_is_understood
from bot.programs.problems import Problem
from bot.text import fold

COLUMNS = (
    "key",
    "name",
    "provider",
    "description_en",
    "description_es",
    "grade_min",
    "grade_max",
    "subjects",
    "languages",
    "format",
    "setting",
    "sessions_per_week",
    "minutes_per_session",
    "max_group_size",
    "consistent_tutor",
    "cost",
    "cost_es",
    "eligibility",
    "phone",
    "email",
    "website",
    "address",
    "city",
    "state",
    "zip",
    "latitude",
    "longitude",
    "service_radius_miles",
    "served_zips",
    "source",
    "last_verified",
    "active",
)
REQUIRED = (
    "name",
    "provider",
    "grade_min",
    "grade_max",
    "subjects",
    "languages",
    "format",
    "setting",
    "sessions_per_week",
    "minutes_per_session",
    "max_group_size",
    "consistent_tutor",
    "cost",
    "source",
)
#: Columns stored as written.
_TEXT_COLUMNS = ("name", "provider", "description_en", "description_es", "cost",
                 "cost_es", "eligibility", "phone", "email", "website", "address",
                 "city", "source")
_YES = {"yes", "y", "true", "1", "si"}
_NO = {"no", "n", "false", "0"}
_LENGTHS = {
    c.name: c.type.length
    for c in Program.__table__.columns
    if getattr(c.type, "length", None)
}


@dataclass(frozen=True)
class RowError:
    """A bad row: its line number in the file and the reason in plain words."""

    line: int
    reason: Problem

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


#: Problems shown before "... and N more" (command line and review app).
SHOWN_ERRORS = 50


class ImportFailed(Exception):
    """The file was not imported; nothing was written."""

    def __init__(self, errors: List[RowError]) -> None:
        super().__init__(f"{len(errors)} problem(s); nothing was imported")
        self.errors = errors


@dataclass(frozen=True)
class ImportReport:
    """What an import did, and which programs families may now find.

    ``program_ids``: :attr:`Applied.findable`, for ``bot.programs.notify``.
    """

    added: int
    updated: int
    program_ids: Tuple[int, ...] = ()


def slug(text: str) -> str:
    """Return a key-safe form of ``text`` ("Niños Read!" -> "ninos-read")."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def read_text(path: Path) -> str:
    """Read the file's text: UTF-8 (with or without BOM), UTF-16 with BOM, else Latin-1.

    Raises:
        ImportFailed: an empty file, or one that is not text (a spreadsheet's own
            format, such as .xlsx, saved under a .csv name).

    """
    return decode(path.read_bytes())


def decode(raw: bytes) -> str:
    """Decode a file's bytes as :func:`read_text` says (the review app's upload).

    Raises:
        ImportFailed: an empty file, or one that is not text.

    """
    if not raw.strip():
        raise ImportFailed([RowError(1, Problem("empty_file"))])
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFailed([RowError(1, Problem("not_text"))]) from None
    if b"\x00" in raw:
        raise ImportFailed([RowError(1, Problem("not_text"))])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _grade(value: str) -> int:
    text = value.strip().upper()
    if text in {"K", "TK"}:
        return 0
    grade = int(text)
    if not 0 <= grade <= 12:
        raise ValueError
    return grade


def _items(value: str) -> List[str]:
    return [v.strip().lower() for v in value.split(";") if v.strip()]


class RowInvalid(ValueError):
    """Every problem of one row, each in plain words."""

    def __init__(self, reasons: List[Problem]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def parse_row(row: Dict[str, str]) -> Dict[str, Any]:
    """One CSV row -> column values for :class:`Program`.

    Every column is checked, so a row with a bad grade, format and sessions per week
    is reported with all three at once, not one fix and re-import at a time.

    Raises:
        RowInvalid: with every reason, in plain words.

    """
    value = {c: (row.get(c) or "").strip() for c in COLUMNS}
    reasons: List[Problem] = []
    missing = [c for c in REQUIRED if not value[c]]
    if missing:
        reasons.append(Problem("missing", columns=", ".join(missing)))
    for column, length in _LENGTHS.items():
        if column in value and len(value[column]) > length:
            reasons.append(Problem("too_long", column=column, length=length))
    out: Dict[str, Any] = {c: value[c] for c in _TEXT_COLUMNS}
    out["key"] = value["key"] or slug(f"{value['provider']} {value['name']}")
    if value["cost"] and not (value["cost_es"] or cost_is_understood(value["cost"])):
        reasons.append(Problem("cost_es_needed"))
    if value["grade_min"] and value["grade_max"]:
        try:
            out["grade_min"] = _grade(value["grade_min"])
            out["grade_max"] = _grade(value["grade_max"])
        except ValueError:
            reasons.append(Problem("grade_value"))
        else:
            if out["grade_min"] > out["grade_max"]:
                reasons.append(Problem("grade_order"))
    subjects = _items(value["subjects"])
    unknown = [s for s in subjects if s not in SUBJECTS]
    if unknown:
        reasons.append(Problem("unknown_subject", allowed=", ".join(SUBJECTS),
                               subjects=", ".join(map(repr, unknown))))
    out["subjects"], out["languages"] = pack(subjects), pack(_items(value["languages"]))
    out["format"], out["setting"] = value["format"].lower(), value["setting"].lower()
    if out["format"] and out["format"] not in FORMATS:
        reasons.append(Problem("format", allowed=", ".join(FORMATS)))
    if out["setting"] and out["setting"] not in SETTINGS:
        reasons.append(Problem("setting", allowed=", ".join(SETTINGS)))
    for column in ("sessions_per_week", "minutes_per_session", "max_group_size"):
        if value[column] and not (value[column].isdigit() and int(value[column]) > 0):
            reasons.append(Problem("whole_number", column=column))
        elif value[column]:
            out[column] = int(value[column])
    tutor = fold(value["consistent_tutor"])
    if tutor and tutor not in _YES | _NO:
        reasons.append(Problem("yes_or_no"))
    out["consistent_tutor"] = tutor in _YES
    active = fold(value["active"])
    if active and active not in _YES | _NO:
        reasons.append(Problem("active_yes_no"))
    out["active"] = active not in _NO
    out["state"] = value["state"].upper()
    out["zip"] = value["zip"]
    if out["zip"] and not re.fullmatch(r"\d{5}", out["zip"]):
        reasons.append(Problem("zip_digits"))
    elif out["format"] in FORMATS:
        try:
            out["latitude"], out["longitude"] = _coordinates(value, out["format"])
        except RowInvalid as invalid:
            reasons += invalid.reasons
    radius = value["service_radius_miles"]
    try:
        out["service_radius_miles"] = float(radius) if radius else None
    except ValueError:
        reasons.append(Problem("radius_number"))
    verified = value["last_verified"]
    try:
        out["last_verified"] = date.fromisoformat(verified) if verified else None
    except ValueError:
        reasons.append(Problem("date_format"))
    out["served_zips"] = pack(_items(value["served_zips"]))
    if reasons:
        raise RowInvalid(reasons)
    return out


def _coordinates(value: Dict[str, str], fmt: str) -> Tuple[float | None, float | None]:
    if value["latitude"] or value["longitude"]:
        try:
            lat, lon = float(value["latitude"]), float(value["longitude"])
        except ValueError:
            raise RowInvalid([Problem("coordinates_numbers")]) from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise RowInvalid([Problem("coordinates_range")])
        return lat, lon
    if value["zip"]:
        place = place_for_zip(value["zip"])
        if place is None:
            raise RowInvalid([Problem("unknown_zip", zip=value["zip"])])
        return place.latitude, place.longitude
    if fmt == "online":
        return None, None
    raise RowInvalid([Problem("needs_place")])


def validate(text: str, progress: bool = False) -> List[Dict[str, Any]]:
    """Parse every row of ``text``; raise :class:`ImportFailed` listing every problem.

    ``progress``: a bar with the total and percentage (for a terminal).
    """
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    absent = [c for c in REQUIRED if c not in header]
    if not any(header):
        raise ImportFailed([RowError(1, Problem("empty_file"))])
    if absent:
        lacks = Problem("header_lacks", columns=", ".join(absent))
        raise ImportFailed([RowError(1, lacks)])
    reader.fieldnames = header
    lines = [(reader.line_num, row) for row in reader]
    if not lines:
        raise ImportFailed([RowError(1, Problem("no_programs"))])
    rows: List[Dict[str, Any]] = []
    errors: List[RowError] = []
    seen: Dict[str, int] = {}
    for line, row in tqdm(lines, disable=not progress, unit=" rows", desc="checking"):
        if None in row:
            errors.append(RowError(line, Problem("too_many_values")))
            continue
        try:
            parsed = parse_row(row)
        except RowInvalid as invalid:
            errors += [RowError(line, reason) for reason in invalid.reasons]
            continue
        if parsed["key"] in seen:
            errors.append(RowError(line, Problem("same_key", line=seen[parsed["key"]])))
            continue
        seen[parsed["key"]] = line
        rows.append(parsed)
    if errors:
        raise ImportFailed(errors)
    return rows


def import_rows(engine: Engine, rows: Iterable[Dict[str, Any]]) -> ImportReport:
    """Add new keys and update known ones, in one transaction (bot.programs.changes).

    ``updated`` counts every row whose key was known, changed or not.
    """
    rows = list(rows)
    applied = apply_changes(engine, plan_import(engine, rows))
    return ImportReport(added=len(applied.added),
                        updated=len(rows) - len(applied.added),
                        program_ids=applied.findable)


def import_csv(engine: Engine, path: Path, progress: bool = False) -> ImportReport:
    """Validate every row of the CSV at ``path``, then import all of them or none."""
    return import_rows(engine, validate(read_text(path), progress=progress))


def export_rows(engine: Engine) -> List[Dict[str, str]]:
    """Every program as a CSV row in the import format (export, then re-import)."""
    with session_scope(engine) as session:
        programs = (
            session.execute(select(Program).order_by(Program.key)).scalars().all()
        )
        return [as_row(p) for p in programs]


def as_row(program: Program) -> Dict[str, str]:
    """One program as a CSV row in the import format (also the edit form's values)."""
    row: Dict[str, str] = {}
    for column in COLUMNS:
        value = getattr(program, column)
        if column in {"subjects", "languages", "served_zips"}:
            value = ";".join(v for v in (value or "").split(",") if v)
        elif column in {"consistent_tutor", "active"}:
            value = "yes" if value else "no"
        elif column in {"grade_min", "grade_max"}:
            value = "K" if value == 0 else value
        row[column] = "" if value is None else str(value)
    return row


def write_csv(rows: List[Dict[str, str]], out: TextIO) -> None:
    """Write rows in the import format, header first."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
