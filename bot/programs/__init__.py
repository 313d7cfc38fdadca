"""Tutoring programs: the database, its CSV import, and the lookup near a family.

No Rasa here: the actions in ``actions/programs.py`` call into this package, and the
tests exercise it directly on SQLite and PostgreSQL.
"""
