"""The review app: a Sanic blueprint mounted at ``/review`` on the pages server.

Why Sanic + Jinja2: Rasa 3.6 already ships Sanic 21.12 and Jinja2, so the review
app adds no web stack to keep compatible with Rasa's pins; pages are rendered on
the server (charts as SVG) and work without JavaScript.

Every route but the login page needs a signed-in organizer; routes under
``/review/admin`` need an admin. Every form carries the session's CSRF token.

The pages server also carries the families' widget chat, on the same event loop:
every review page does its blocking work (argon2 at sign-in, folding new
conversations into the summaries, SQL, templates) in a worker thread
(:func:`off_the_loop`), so an organizer's dashboard never makes a family wait.
"""

from __future__ import annotations

import asyncio
import csv
import io
import multiprocessing
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from functools import wraps
from pathlib import Path
from typing import Any, Callable, Coroutine
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Blueprint, Request, response
from sanic.response import HTTPResponse
from sqlalchemy.engine import Engine

from bot.db import make_engine, require_schema
from bot.lang.detect import ENGLISH, OTHER
from bot.review import accounts, charts, programs_page, queries, report, training, ui
from bot.review.derive import FLAGS
from bot.review.security import (
    COOKIE,
    SESSION_SECONDS,
    Session,
    SessionSigner,
    csrf_ok,
)
from bot.review.summaries import refresh_at
from bot.review.topics import known_topics
from bot.review.tracker import tracker_url
from bot.settings import Settings
from bot.web.conversations import load_secret
from bot.web.limits import LoginLimiter
from bot.web.proxy import client_address, is_https

HERE = Path(__file__).parent
Handler = Callable[..., Coroutine[Any, Any, HTTPResponse]]
#: A review page as written: plain blocking code that returns the response.
Page = Callable[..., HTTPResponse]
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' "
                               "data:; form-action 'self'; frame-ancestors 'none'; "
                               "base-uri 'none'",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class Review:
    """The review app's engines, signer, limiter and templates, made once per app."""

    def __init__(self, settings: Settings, puente: Engine | None = None,
                 tracker: Engine | None = None) -> None:
        self.settings = settings
        self.puente = puente or make_engine(settings.database_url)
        self.tracker = tracker or make_engine(tracker_url(settings))
        secret = load_secret(settings.data_dir)
        self.signer = SessionSigner(secret)
        self.limiter = LoginLimiter(self.puente, secret)
        self.templates = Environment(loader=FileSystemLoader(HERE / "templates"),
                                     autoescape=select_autoescape(["html"]))
        self.templates.globals.update(FLAGS=FLAGS, urlencode=urlencode,
                                      date=lambda ts: time.strftime(
                                          "%Y-%m-%d %H:%M", time.gmtime(ts)))
        self._ready = False
        self._lock = threading.Lock()
        self._folder: ProcessPoolExecutor | None = None

    def ready(self) -> None:
        """Check once, on first use, that ``puente migrate`` made the review tables."""
        with self._lock:
            if not self._ready:
                require_schema(_url(self.puente))
                self._ready = True

    def refresh(self) -> None:
        """Fold new conversations into the summaries (cheap when none are new).

        In a process of its own: folding thousands of new conversations is seconds
        of pure Python, which in a thread would still hold the GIL against the
        families' chat on the event loop.
        """
        with self._lock:
            if self._folder is None:
                self._folder = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        self._folder.submit(refresh_at, _url(self.puente), _url(self.tracker)).result()

    def close(self) -> None:
        """Stop the folding process, if one was started."""
        if self._folder is not None:
            self._folder.shutdown(cancel_futures=True)

    def page(self, request: Request, template: str, status: int = 200,
             **context: Any) -> HTTPResponse:
        """Render ``template`` in the organizer's language, with the CSRF token."""
        session: Session | None = getattr(request.ctx, "session", None)
        asked = request.args.get("lang")
        lang = ui.choose_language(asked, request.cookies.get(ui.COOKIE),
                                  request.headers.get("accept-language"))
        other = OTHER.get(lang, ENGLISH)
        query = {k: request.args.getlist(k)[0] for k in request.args if k != "lang"}
        html = self.templates.get_template(template).render(
            user=getattr(request.ctx, "user", None), lang=lang, other_lang=other,
            t=ui.translator(lang), csrf=session.csrf if session else "",
            switch_url=f"{request.path}?{urlencode({**query, 'lang': other})}",
            **context)
        reply = response.html(html, status=status)
        if asked == lang:  # remember an explicit choice
            reply.cookies[ui.COOKIE] = lang
            cookie = reply.cookies[ui.COOKIE]
            cookie["path"] = "/review"
            cookie["max-age"] = 365 * 86400
            cookie["samesite"] = "Lax"
            if is_https(request):
                cookie["secure"] = True
        return reply


def _set_session(reply: HTTPResponse, signer: SessionSigner, session: Session,
                 request: Request) -> HTTPResponse:
    reply.cookies[COOKIE] = signer.dump(session)
    cookie = reply.cookies[COOKIE]
    cookie["path"] = "/review"
    cookie["httponly"] = True
    cookie["samesite"] = "Lax"
    cookie["max-age"] = SESSION_SECONDS
    if is_https(request):
        cookie["secure"] = True
    return reply


def _url(engine: Engine) -> str:
    url: str = engine.url.render_as_string(hide_password=False)
    return url


def off_the_loop(page: Page) -> Handler:
    """Serve ``page`` from a worker thread (see the module docstring)."""
    @wraps(page)
    async def handler(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
        return await asyncio.to_thread(page, request, *args, **kwargs)
    return handler


def _see_other(location: str) -> HTTPResponse:
    return response.redirect(location, status=303)


def review_blueprint(settings: Settings, review: Review | None = None) -> Blueprint:
    """Build the review app for ``settings`` (tests pass engines in ``review``)."""
    app = review or Review(settings)
    bp = Blueprint("review", url_prefix="/review")
    bp.static("/static", str(HERE / "static"))

    def signed_in(role: str = "organizer") -> Callable[[Page], Handler]:
        """Let the request through only for a signed-in ``role`` with a valid form."""
        def decorate(handler: Page) -> Handler:
            @off_the_loop
            @wraps(handler)
            def guarded(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
                app.ready()
                session = app.signer.load(request.cookies.get(COOKIE))
                user = accounts.get_user(app.puente, session.user_id) \
                    if session and session.user_id else None
                if user is None:
                    return _see_other("/review/login")
                request.ctx.session, request.ctx.user = session, user
                if role == "admin" and not user.is_admin:
                    return app.page(request, "error.html", 403,
                                    message="admin_only")
                if request.method == "POST" and not csrf_ok(
                        session, request.form.get("csrf")):
                    return app.page(request, "error.html", 403,
                                    message="form_expired")
                return handler(request, *args, **kwargs)
            return guarded
        return decorate

    @bp.listener("after_server_stop")
    async def stop_folding(*_: Any) -> None:
        app.close()

    @bp.middleware("response")
    async def security_headers(request: Request, reply: HTTPResponse) -> None:
        reply.headers.update(SECURITY_HEADERS)

    @bp.get("/login")
    @off_the_loop
    def login_form(request: Request) -> HTTPResponse:
        app.ready()
        session = app.signer.load(request.cookies.get(COOKIE))
        if session is None or session.user_id is None:
            session = app.signer.new()
        request.ctx.session = session
        return _set_session(app.page(request, "login.html"), app.signer, session,
                            request)

    @bp.post("/login")
    @off_the_loop
    def login(request: Request) -> HTTPResponse:
        app.ready()
        session = app.signer.load(request.cookies.get(COOKIE))
        request.ctx.session = session or app.signer.new()
        email = (request.form.get("email") or "").strip().lower()[:255]
        keys = (client_address(request), email)
        if not csrf_ok(session, request.form.get("csrf")):
            expired = app.page(request, "login.html", 403, email=email,
                               error="login_expired")
            return _set_session(expired, app.signer, request.ctx.session, request)
        if app.limiter.blocked(*keys):
            return app.page(request, "login.html", 429, email=email,
                            error="login_blocked")
        user = accounts.authenticate(app.puente, email,
                                     request.form.get("password") or "")
        if user is None:
            app.limiter.failed(*keys)
            return app.page(request, "login.html", 401, email=email,
                            error="login_wrong")
        app.limiter.succeeded(*keys)
        return _set_session(_see_other("/review"), app.signer, app.signer.new(user.id),
                            request)

    @bp.post("/logout")
    @signed_in()
    def logout(request: Request) -> HTTPResponse:
        return _set_session(_see_other("/review/login"), app.signer, app.signer.new(),
                            request)

    @bp.get("/")
    @signed_in()
    def conversations(request: Request) -> HTTPResponse:
        app.refresh()
        filters = _filters(request)
        rows, more = queries.list_conversations(app.puente, filters)
        return app.page(request, "list.html", rows=rows, more=more, filters=filters,
                        topics=known_topics())

    @bp.get("/conversations.csv")
    @signed_in()
    def conversations_csv(request: Request) -> HTTPResponse:
        app.refresh()
        filters = _filters(request)
        accounts.audit(app.puente, request.ctx.user, "export conversations",
                       urlencode(filters.query(page="")))
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["conversation", "last message (UTC)", "channel", "language",
                         "turns", "topics", "flags", "reviewed", "tags"])
        page = 1
        while True:
            rows, more = queries.list_conversations(
                app.puente, queries.Filters(**{**filters.__dict__, "page": page}), 1000)
            for row in rows:
                writer.writerow([row.key, time.strftime("%Y-%m-%d %H:%M", time.gmtime(
                    row.last_at)), row.channel, row.language or "", row.turns,
                    " ".join(row.topics), " ".join(row.flags),
                    "yes" if row.reviewed else "no", " ".join(row.tags)])
            if not more:
                break
            page += 1
        return _csv(out.getvalue(), "conversations.csv")

    @bp.get("/c/<key:str>")
    @signed_in()
    def conversation(request: Request, key: str) -> HTTPResponse:
        sender = queries.sender_for_key(app.puente, key)
        chat = queries.transcript(app.puente, app.tracker, sender) if sender else None
        if chat is None:
            return app.page(request, "error.html", 404,
                            message="not_found")
        accounts.audit(app.puente, request.ctx.user, "view transcript", key)
        return app.page(request, "transcript.html", chat=chat,
                        saved=request.args.get("saved"))

    @bp.post("/c/<key:str>/review")
    @signed_in()
    def review_conversation(request: Request, key: str) -> HTTPResponse:
        sender = queries.sender_for_key(app.puente, key)
        if sender is None:
            return app.page(request, "error.html", 404,
                            message="not_found")
        queries.save_review(app.puente, sender, request.ctx.user.email,
                            request.form.get("reviewed") == "yes",
                            request.form.get("tags") or "",
                            request.form.get("note") or "")
        return _see_other(f"/review/c/{key}?saved=review")

    @bp.post("/c/<key:str>/train")
    @signed_in()
    def send_to_training(request: Request, key: str) -> HTTPResponse:
        sender = queries.sender_for_key(app.puente, key)
        if sender is None:
            return app.page(request, "error.html", 404,
                            message="not_found")
        ids = [int(v) for v in request.form.getlist("event") or [] if v.isdigit()]
        training.queue_for_training(app.puente, app.tracker, sender, ids,
                                    request.ctx.user.email)
        return _see_other(f"/review/c/{key}?saved=training")

    @bp.get("/training")
    @signed_in()
    def training_page(request: Request) -> HTTPResponse:
        queue = training.training_queue(app.puente, request.ctx.user.email)
        twice, alike = training.agreement(queue)
        refused = request.args.get("refused") or ""
        return app.page(request, "training.html", items=queue, twice=twice,
                        alike=alike,
                        refused=int(refused) if refused.isdigit() else 0,
                        intents=known_topics(intents=True), drop=training.DROP)

    @bp.post("/training")
    @signed_in()
    def training_choose(request: Request) -> HTTPResponse:
        known = {"", training.DROP, *known_topics(intents=True)}
        choices = {int(name[7:]): (request.form.get(name) or "").strip()
                   for name in request.form if name.startswith("intent-")
                   and name[7:].isdigit()}
        refused = training.set_labels(
            app.puente, request.ctx.user.email,
            {item: label for item, label in choices.items() if label in known})
        return _see_other("/review/training"
                          + (f"?refused={refused}" if refused else ""))

    @bp.get("/training.zip")
    @signed_in()
    def training_export(request: Request) -> HTTPResponse:
        accounts.audit(app.puente, request.ctx.user, "export training data")
        return response.raw(
            training.corpus_zip(app.puente), content_type="application/zip",
            headers={"Content-Disposition":
                     'attachment; filename="puente_conversations_corpus.zip"'})

    @bp.get("/dashboard")
    @signed_in()
    def dashboard(request: Request) -> HTTPResponse:
        app.refresh()
        filters = _filters(request)
        figures = queries.dashboard(app.puente, filters)
        return app.page(request, "dashboard.html", d=figures, filters=filters,
                        per_day=charts.stacked_bars(figures.days, figures.per_day,
                                                    "Conversations per day"),
                        topic_charts={
                            lang: charts.ranking(items, f"Top topics ({lang})")
                            for lang, items in figures.top_topics.items()})

    @bp.get("/dashboard.csv")
    @signed_in()
    def dashboard_csv(request: Request) -> HTTPResponse:
        app.refresh()
        filters = _filters(request)
        figures = queries.dashboard(app.puente, filters)
        accounts.audit(app.puente, request.ctx.user, "export dashboard",
                       f"{figures.date_from}..{figures.date_to}")
        return _csv(dashboard_rows(figures), "puente-dashboard.csv")

    @bp.get("/admin/audit")
    @signed_in("admin")
    def audit_log(request: Request) -> HTTPResponse:
        return app.page(request, "audit.html", entries=accounts.audit_log(app.puente))

    @bp.post("/admin/c/<key:str>/delete")
    @signed_in("admin")
    def delete_conversation(request: Request, key: str) -> HTTPResponse:
        sender = queries.sender_for_key(app.puente, key)
        if sender is not None:
            queries.delete_conversation(app.puente, app.tracker, [sender])
            accounts.audit(app.puente, request.ctx.user, "delete conversation", key)
        return _see_other("/review")

    report.add_routes(bp, app, signed_in)
    programs_page.add_routes(bp, app, signed_in)
    return bp


def _filters(request: Request) -> queries.Filters:
    return queries.Filters.from_args({k: request.args.getlist(k) for k in request.args})


def _csv(body: str, filename: str) -> HTTPResponse:
    return response.text(body, content_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


def dashboard_rows(figures: queries.Dashboard) -> str:
    """Export the dashboard as one CSV; a ``section`` column names each row's table."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "day", "language · channel", "topic", "place", "grade",
                     "subject", "language", "count"])
    for series, days in sorted(figures.per_day.items()):
        for day, count in sorted(days.items()):
            writer.writerow(["conversations per day", day, series, "", "", "", "", "",
                             count])
    for language, items in sorted(figures.top_topics.items()):
        for topic, count in items:
            writer.writerow(["top topics", "", "", topic, "", "", "", language, count])
    for language, (turns, fell) in sorted(figures.fallback_by_language.items()):
        writer.writerow(["messages not understood", "", "", "", "", "", "", language,
                         fell])
        writer.writerow(["messages", "", "", "", "", "", "", language, turns])
    for row in figures.unmet:
        writer.writerow(["unmet demand", "", "", "",
                         row.get("zip_code") or row.get("zip") or row.get("city") or "",
                         row.get("grade", ""), row.get("subject", ""),
                         row.get("language", ""), row["count"]])
    for name, count in figures.alerts.items():
        writer.writerow([f"program alerts: {name}", "", "", "", "", "", "", "", count])
    return out.getvalue()


__all__ = ["Review", "review_blueprint", "dashboard_rows"]
