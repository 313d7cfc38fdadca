"""``/review/programs``: organizers manage the programs families find, in the browser.

For admins and organizers given the right (``puente users add --programs``): the
list, a CSV upload checked exactly like ``puente programs import`` (every problem
of every row, with line numbers, in the organizer's language), a preview of what
will be added, changed and switched off, then "Apply"; one program's edit form
(checked as a CSV row); active/inactive; the current list as CSV.

An uploaded file is the whole list: programs not in it are made inactive, never
deleted, so the organizer's own download, edited in a spreadsheet and uploaded
again, does what they expect, and a mistake is undone by the next upload. The file
waits on the server between preview and apply (:mod:`bot.review.uploads`).

Every write goes through :func:`bot.programs.changes.apply_changes` and into the
audit log (who, when, which programs, how many).
"""

from __future__ import annotations

import io
from functools import wraps
from typing import TYPE_CHECKING, Any, Callable, Dict, List

from sanic import Blueprint, Request, response
from sanic.response import HTTPResponse
from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.db import session_scope
from bot.programs.changes import (
    Applied,
    apply_changes,
    plan_active,
    plan_edit,
    plan_import,
)
from bot.programs.importer import (
    COLUMNS,
    SHOWN_ERRORS,
    ImportFailed,
    RowInvalid,
    as_row,
    decode,
    export_rows,
    parse_row,
    validate,
    write_csv,
)
from bot.programs.models import FORMATS, SETTINGS, Program
from bot.programs.notify import notify_new_matches
from bot.programs.present import label
from bot.review import accounts
from bot.review.security import COOKIE
from bot.review.uploads import Upload, UploadStore

if TYPE_CHECKING:
    from bot.review.web import Handler, Page, Review

#: A programs file larger than this is refused (10k programs are about 5 MB).
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
#: The edit form's fields: every CSV column but the key a later import matches by
#: and ``active``, which the list's button switches.
FIELDS = tuple(c for c in COLUMNS if c not in {"key", "active"})
#: Fields chosen from a list in the edit form, with their CSV values.
CHOICES = {"format": FORMATS, "setting": SETTINGS, "consistent_tutor": ("yes", "no")}


def add_routes(bp: Blueprint, app: Review,
               signed_in: Callable[[str], Callable[[Page], Handler]]) -> None:
    """Add the programs pages to the review blueprint ``bp``."""
    uploads = UploadStore(app.settings.data_dir / "program_uploads")

    def managers(page: Page) -> Handler:
        """Let signed-in admins and organizers with the programs right through."""
        @signed_in("organizer")
        @wraps(page)
        def checked(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            if not request.ctx.user.may_manage_programs:
                return app.page(request, "error.html", 403, message="programs_only")
            return page(request, *args, **kwargs)
        return checked

    def listing(request: Request, status: int = 200, **context: Any) -> HTTPResponse:
        return app.page(request, "programs.html", status, programs=_programs(
            app.puente), shown=SHOWN_ERRORS, done=_done(request), label=label,
            **context)

    def record(request: Request, action: str, applied: Applied,
               about: str = "") -> None:
        """Tell the families waiting for a program like the changed ones, then audit.

        Handlers run in a worker thread (``signed_in``), where the notifier may
        wait on the Graph API without holding up families' chats.
        """
        notified = notify_new_matches(app.puente, app.settings, applied.findable)
        target = f"{about}: {applied.summary()}" if about else applied.summary()
        if notified.accepted:
            target += f"; program alerts sent: {notified.accepted}"
        accounts.audit(app.puente, request.ctx.user, action, target)

    @bp.get("/programs")
    @managers
    def programs(request: Request) -> HTTPResponse:
        return listing(request)

    @bp.get("/programs.csv")
    @managers
    def programs_csv(request: Request) -> HTTPResponse:
        rows = export_rows(app.puente)
        accounts.audit(app.puente, request.ctx.user, "export programs",
                       f"{len(rows)} programs")
        out = io.StringIO()
        write_csv(rows, out)
        return response.text(out.getvalue(), content_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition":
                                      'attachment; filename="programs.csv"'})

    @managers
    def check_upload(request: Request) -> HTTPResponse:
        sent = (request.files or {}).get("file")
        if sent is None or not sent.name:
            return listing(request, 400, problem="upload_choose_file")
        try:
            text = decode(sent.body)
            rows = validate(text)
        except ImportFailed as failed:
            return listing(request, 400, errors=failed.errors, filename=sent.name,
                           problem_rows=len({e.line for e in failed.errors}))
        token = uploads.keep(Upload(sent.name[:200], text, request.ctx.user.id))
        plan = plan_import(app.puente, rows, remove_missing=True)
        return app.page(request, "program_preview.html", plan=plan, token=token,
                        filename=sent.name)

    @bp.post("/programs/upload", stream=True)
    async def upload(request: Request) -> HTTPResponse:
        """Read a file of up to :data:`MAX_UPLOAD_BYTES`, then check it.

        The pages server refuses bodies above the chat's limit; this route reads
        its own, larger body, but only for a signed session (the full sign-in and
        form checks follow). A larger file is read and dropped, so the browser
        gets the kind "too big" page instead of a cut connection.
        """
        session = app.signer.load(request.cookies.get(COOKIE))
        if session is None or session.user_id is None or request.stream is None:
            return _see_other("/review/login")
        size = int(request.headers.get("content-length") or 0)
        request.stream.request_max_size = max(size, MAX_UPLOAD_BYTES)
        if size > MAX_UPLOAD_BYTES:
            async for _ in request.stream:
                pass
            return app.page(request, "error.html", 413, message="upload_too_big")
        await request.receive_body()  # type: ignore[no-untyped-call]
        return await check_upload(request)

    @bp.post("/programs/apply")
    @managers
    def apply_upload(request: Request) -> HTTPResponse:
        token = request.form.get("token") or ""
        kept = uploads.get(token, request.ctx.user.id)
        if kept is None:
            return listing(request, 400, problem="upload_expired")
        plan = plan_import(app.puente, validate(kept.text), remove_missing=True)
        applied = apply_changes(app.puente, plan)
        uploads.forget(token)
        record(request, "import programs", applied, kept.filename)
        return _see_other("/review/programs?" + _counts(applied))

    @managers
    def edit(request: Request, program_id: int) -> HTTPResponse:
        """Show one program's form; on POST, check it like a CSV row and save it."""
        program = _program(app.puente, program_id)
        if program is None:
            return app.page(request, "error.html", 404, message="program_not_found")
        if request.method == "GET":
            return app.page(request, "program_edit.html", program=program,
                            values=as_row(program), fields=FIELDS, choices=CHOICES)
        values = {f: (request.form.get(f) or "") for f in FIELDS}
        try:
            parsed = parse_row({**values, "key": program.key})
        except RowInvalid as invalid:
            return app.page(request, "program_edit.html", 400, program=program,
                            values=values, fields=FIELDS, choices=CHOICES,
                            reasons=invalid.reasons)
        applied = apply_changes(app.puente, plan_edit(app.puente, program_id, parsed))
        record(request, "edit program", applied, f"#{program_id} {program.name}")
        return _see_other("/review/programs?" + _counts(applied))

    bp.add_route(edit, "/programs/<program_id:int>", methods=["GET", "POST"])

    @bp.post("/programs/<program_id:int>/active")
    @managers
    def switch(request: Request, program_id: int) -> HTTPResponse:
        active = request.form.get("active") == "yes"
        try:
            plan = plan_active(app.puente, program_id, active)
        except LookupError:
            return app.page(request, "error.html", 404, message="program_not_found")
        applied = apply_changes(app.puente, plan)
        record(request, "make program active" if active else "make program inactive",
               applied)
        return _see_other("/review/programs?" + _counts(applied))


def _see_other(location: str) -> HTTPResponse:
    return response.redirect(location, status=303)


def _counts(applied: Applied) -> str:
    """Tell the list what was just done, in its query (numbers only)."""
    return (f"added={len(applied.added)}&changed={len(applied.changed)}"
            f"&removed={len(applied.deactivated)}&restored={len(applied.activated)}")


def _done(request: Request) -> Dict[str, int] | None:
    """Read the counts of :func:`_counts` back; ``None`` when nothing was just done."""
    counts = {k: request.args.get(k, "") for k in ("added", "changed", "removed",
                                                   "restored")}
    if not all(v.isdigit() for v in counts.values()):
        return None
    return {k: int(v) for k, v in counts.items()}


def _programs(engine: Engine) -> List[Dict[str, Any]]:
    """Every program as the list shows it: active ones first, then by name."""
    with session_scope(engine) as session:
        programs = session.execute(select(Program).order_by(
            Program.active.desc(), Program.name, Program.id)).scalars()
        return [{**as_row(p), "id": p.id, "active": p.active} for p in programs]


def _program(engine: Engine, program_id: int) -> Program | None:
    with session_scope(engine) as session:
        program: Program | None = session.get(Program, program_id)
        if program is not None:
            session.expunge(program)
        return program


__all__ = ["add_routes"]
