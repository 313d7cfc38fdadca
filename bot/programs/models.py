"""The programs table and the unmet-demand table.

Lists (grades are a range; subjects, languages and served zip codes are sets) are
stored as comma-delimited text with a leading and trailing comma (",math,reading,")
so one ``LIKE '%,math,%'`` filter works the same on SQLite and PostgreSQL. Latitude
and longitude share one index: the lookup narrows candidates with a bounding box on
them. The high-impact verdict is never stored: :mod:`bot.programs.hit` derives it.
"""

from __future__ import annotations

from typing import Iterable, List

from sqlalchemy import Boolean, Column, Date, Float, Index, Integer, String, Text, true

from bot.db import Base

#: Subjects a program can teach (the ``subject`` entity's values).
SUBJECTS = ("math", "reading", "writing", "science", "english_learners", "homework")
#: Every subject ("de todo", "all of them"): a search with no subject filter, "all
#: subjects" in the letter.
ANY_SUBJECT = "any"
#: English named where a subject is asked ("¿En qué materia?" "inglés"): the
#: ``language`` entity's value read as the subject it names.
SUBJECT_OF_LANGUAGE = {"en": "english_learners"}
#: In person, online, or both.
FORMATS = ("in_person", "online", "hybrid")
#: When the tutoring happens.
SETTINGS = ("during_school", "before_after_school", "weekends")
#: A program's ``cost`` that says it is free, in lower case (the importer's words).
FREE_COSTS = ("free", "no cost", "$0", "gratis", "sin costo")
#: The source every demo record carries, so the bot can say "(demo data)".
DEMO_SOURCE = "DEMO DATA"


def pack(values: Iterable[str]) -> str:
    """``["math", "reading"]`` -> ``",math,reading,"`` (see the module docstring)."""
    items = [v.strip() for v in values if v and v.strip()]
    return "," + ",".join(items) + "," if items else ""


def unpack(packed: str | None) -> List[str]:
    """Undo :func:`pack`."""
    return [v for v in (packed or "").split(",") if v]


class Program(Base):
    """One tutoring program, as imported from a CSV row."""

    __tablename__ = "programs"

    id = Column(Integer, primary_key=True)
    #: Stable import key: a re-import with the same key updates, never duplicates.
    key = Column(String(200), nullable=False, unique=True)
    name = Column(String(200), nullable=False)
    provider = Column(String(200), nullable=False)
    description_en = Column(Text, nullable=False, default="")
    description_es = Column(Text, nullable=False, default="")
    #: 0 is kindergarten, 12 is 12th grade.
    grade_min = Column(Integer, nullable=False, index=True)
    grade_max = Column(Integer, nullable=False, index=True)
    subjects = Column(String(300), nullable=False)
    languages = Column(String(100), nullable=False)
    format = Column(String(20), nullable=False, index=True)
    setting = Column(String(30), nullable=False)
    sessions_per_week = Column(Integer, nullable=False)
    minutes_per_session = Column(Integer, nullable=False)
    max_group_size = Column(Integer, nullable=False)
    consistent_tutor = Column(Boolean, nullable=False)
    cost = Column(String(200), nullable=False)
    #: The cost in Spanish when ``cost`` is not said the usual way ("Free", "$10 a
    #: month"), which Puente translates itself (bot/programs/present.py).
    cost_es = Column(String(200), nullable=False, default="")
    eligibility = Column(Text, nullable=False, default="")
    phone = Column(String(50), nullable=False, default="")
    email = Column(String(200), nullable=False, default="")
    website = Column(String(300), nullable=False, default="")
    address = Column(String(300), nullable=False, default="")
    city = Column(String(100), nullable=False, default="")
    state = Column(String(2), nullable=False, default="")
    zip = Column(String(10), nullable=False, default="")
    latitude = Column(Float, nullable=True)
    longitude = Column(Float, nullable=True)
    service_radius_miles = Column(Float, nullable=True)
    served_zips = Column(Text, nullable=False, default="")
    source = Column(String(200), nullable=False)
    last_verified = Column(Date, nullable=True)
    #: An inactive program is kept (and can be made active again) but never found:
    #: organizers switch it in the review app (bot.programs.changes).
    active = Column(Boolean, nullable=False, default=True, server_default=true())

    #: The lookup (bot.programs.search) is answered from this index alone: the
    #: coordinates first for the bounding box, then every column it filters and
    #: ranks on, so no program row is read until the page shown.
    __table_args__ = (Index(
        "ix_programs_lookup", "latitude", "longitude", "format", "grade_min",
        "grade_max", "subjects", "languages", "sessions_per_week", "max_group_size",
        "consistent_tutor", "setting", "active", "id"),)

    @property
    def is_demo(self) -> bool:
        """Whether this record is invented demo data (the bot must say so)."""
        return bool(self.source.strip().upper() == DEMO_SOURCE)


class UnmetDemand(Base):
    """A search that found nothing: what organizers need, nothing about who asked."""

    __tablename__ = "program_unmet_demand"

    id = Column(Integer, primary_key=True)
    day = Column(Date, nullable=False, index=True)
    zip = Column(String(10), nullable=False, default="")
    city = Column(String(100), nullable=False, default="")
    grade = Column(Integer, nullable=True)
    subject = Column(String(30), nullable=False, default="")
    language = Column(String(10), nullable=False, default="")
