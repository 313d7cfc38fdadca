"""Every change to the programs families find goes through :func:`apply_changes`.

Whoever changes programs (the CLI import, the review app's upload, its edit form
and its active/inactive switch) first *plans* the change — :func:`plan_import`,
:func:`plan_edit`, :func:`plan_active` — which reads the table and says what would
be added, changed and switched off or on, without writing. The review app shows
that plan as the preview. :func:`apply_changes` then writes a plan in one
transaction and returns the ids it touched (:class:`Applied`).

Why one writer: "tell me when a program opens near me" (issue 16 §3) must hear of
every program that became findable — added, changed (a new grade or subject may
now match a request) or made active again. It hooks into :func:`apply_changes`
and reads :attr:`Applied.findable`; no other code writes the programs table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Tuple

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from bot.db import session_scope
from bot.programs.models import Program

#: Above this many rows written, refresh PostgreSQL's statistics afterwards.
REFRESH_AFTER_ROWS = 50


@dataclass(frozen=True)
class Change:
    """A known program whose fields differ from what is stored: which fields."""

    id: int
    name: str
    values: Dict[str, Any]
    fields: Tuple[str, ...]


@dataclass(frozen=True)
class Switch:
    """A known program to make active (``True``) or inactive (``False``)."""

    id: int
    name: str
    active: bool


@dataclass(frozen=True)
class Plan:
    """What a change will do, before it is done: the preview organizers see.

    ``unchanged``: programs of an import that are stored exactly as in the file.
    """

    added: Tuple[Dict[str, Any], ...] = ()
    changed: Tuple[Change, ...] = ()
    switched: Tuple[Switch, ...] = ()
    unchanged: int = 0

    @property
    def removed(self) -> Tuple[Switch, ...]:
        """Programs that families will stop finding (made inactive)."""
        return tuple(s for s in self.switched if not s.active)

    @property
    def restored(self) -> Tuple[Switch, ...]:
        """Inactive programs that families will find again."""
        return tuple(s for s in self.switched if s.active)

    @property
    def empty(self) -> bool:
        """Whether applying this plan would change nothing."""
        return not (self.added or self.changed or self.switched)


@dataclass(frozen=True)
class Applied:
    """What :func:`apply_changes` wrote: program ids, by kind of change."""

    added: Tuple[int, ...] = ()
    changed: Tuple[int, ...] = ()
    activated: Tuple[int, ...] = ()
    deactivated: Tuple[int, ...] = ()
    names: Dict[int, str] = field(default_factory=dict)
    #: Added as inactive (an ``active`` column saying no): not findable.
    added_inactive: Tuple[int, ...] = ()

    @property
    def findable(self) -> Tuple[int, ...]:
        """Programs a family's search may now find that it did not before.

        The ids to check against waiting "tell me when a program opens" requests.
        An edit of an inactive program is included; whoever checks matches should
        skip programs that are inactive now.
        """
        hidden = set(self.added_inactive)
        return tuple(i for i in self.added if i not in hidden) + self.changed \
            + self.activated

    def summary(self) -> str:
        """For the audit log: the counts first, then each program's id and name.

        The log keeps 2,000 characters of it, so the counts always fit.
        """
        kinds = (("added", self.added), ("changed", self.changed),
                 ("made active", self.activated), ("made inactive", self.deactivated))
        counts = ", ".join(f"{kind} {len(ids)}" for kind, ids in kinds if ids)
        named = "; ".join(
            f"{kind}: " + ", ".join(f"#{i} {self.names.get(i, '')}" for i in ids)
            for kind, ids in kinds if ids)
        return f"{counts} ({named})" if counts else "nothing changed"


def plan_import(engine: Engine, rows: Iterable[Dict[str, Any]],
                remove_missing: bool = False) -> Plan:
    """Plan importing checked rows (``importer.validate``).

    New keys are added; known keys are updated where a field differs, and made
    active or inactive as their ``active`` column says (blank: active).

    ``remove_missing``: the file is the whole list (the review app's upload), so
    active programs whose key is not in it are made inactive — kept, not deleted,
    so a mistaken upload is undone by the next one. The command line only adds
    and updates.
    """
    rows = list(rows)
    keys = {row["key"] for row in rows}
    with session_scope(engine) as session:
        stored = {p.key: p for p in session.execute(select(Program)).scalars()}
        added = tuple(row for row in rows if row["key"] not in stored)
        changed: List[Change] = []
        switched: List[Switch] = []
        unchanged = 0
        for row in rows:
            program = stored.get(row["key"])
            if program is None:
                continue
            change = _change(program, row)
            if change:
                changed.append(change)
            active = row.get("active", True)
            if program.active != active:
                switched.append(Switch(program.id, program.name, active))
            if not change and program.active == active:
                unchanged += 1
        if remove_missing:
            switched += [Switch(p.id, p.name, False) for key, p in stored.items()
                         if key not in keys and p.active]
    return Plan(added, tuple(changed), tuple(switched), unchanged)


def plan_edit(engine: Engine, program_id: int, values: Dict[str, Any]) -> Plan:
    """Plan saving one program's fields (checked as a CSV row: ``parse_row``).

    The program keeps its key, whatever ``values`` say: the key is what a later
    import matches it by.
    """
    with session_scope(engine) as session:
        program = session.get(Program, program_id)
        if program is None:
            raise LookupError(f"no program {program_id}")
        change = _change(program, {**values, "key": program.key})
        return Plan(changed=(change,) if change else ())


def plan_active(engine: Engine, program_id: int, active: bool) -> Plan:
    """Plan making one program active (families find it) or inactive (they do not)."""
    with session_scope(engine) as session:
        program = session.get(Program, program_id)
        if program is None:
            raise LookupError(f"no program {program_id}")
        if program.active == active:
            return Plan()
        return Plan(switched=(Switch(program.id, program.name, active),))


def apply_changes(engine: Engine, plan: Plan) -> Applied:
    """Write ``plan`` in one transaction and return the ids of what changed.

    The only writer of the programs table (see the module docstring): a hook that
    must hear of new or newly findable programs belongs here, after the commit.
    """
    names: Dict[int, str] = {}
    added_inactive: Tuple[int, ...] = ()
    with session_scope(engine) as session:
        if plan.added:
            session.execute(insert(Program), list(plan.added))
            new_keys = {row["key"] for row in plan.added}
            stored = session.execute(
                select(Program.key, Program.id, Program.name, Program.active))
            new = [row for row in stored if row.key in new_keys]
            names.update({row.id: row.name for row in new})
            added_inactive = tuple(sorted(row.id for row in new if not row.active))
        added = tuple(sorted(names))
        if plan.changed:
            session.bulk_update_mappings(
                Program, [{**c.values, "id": c.id} for c in plan.changed])
        names.update({c.id: str(c.values.get("name", c.name)) for c in plan.changed})
        for switch in plan.switched:
            session.execute(update(Program).where(Program.id == switch.id)
                            .values(active=switch.active))
            names.setdefault(switch.id, switch.name)
    applied = Applied(
        added=added, changed=tuple(c.id for c in plan.changed),
        activated=tuple(s.id for s in plan.restored),
        deactivated=tuple(s.id for s in plan.removed), names=names,
        added_inactive=added_inactive)
    if len(plan.added) + len(plan.changed) + len(plan.switched) > REFRESH_AFTER_ROWS:
        refresh_statistics(engine)
    return applied


def refresh_statistics(engine: Engine) -> None:
    """After many rows are written, let the database plan lookups with them.

    PostgreSQL: ``VACUUM ANALYZE`` refreshes the planner's statistics and marks the
    pages as all-visible, so the lookup is an index-only scan on
    ``ix_programs_lookup``; without it a fresh import reads the table for every
    program in the box until autovacuum comes by. SQLite needs nothing: its
    covering index never reads the table. A single edit leaves one page to read,
    which costs less than the vacuum.
    """
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql(f"VACUUM ANALYZE {Program.__tablename__}")


def _change(program: Program, values: Dict[str, Any]) -> Change | None:
    """Say which fields of ``values`` differ from ``program``, in the table's order.

    ``None`` when none does.
    """
    values = {k: v for k, v in values.items() if k not in {"id", "active"}}
    fields = tuple(c.name for c in Program.__table__.columns
                   if c.name in values and getattr(program, c.name) != values[c.name])
    if not fields:
        return None
    return Change(program.id, program.name, values, fields)
