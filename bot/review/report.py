"""The community report's pages: ``/review/report`` to read and print, and its PDF.

Organizers choose the dates and an area and take the result to a council or
school board meeting. One language per report, chosen with the header's switch:
a page in one language prints at a readable size on one or two sheets, while two
languages side by side would halve every column and chart; a meeting that needs
both prints (or downloads) it twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Callable, Dict

from sanic import Blueprint, Request, response
from sanic.response import HTTPResponse

from bot.review import accounts, report_pdf, ui
from bot.review.report_figures import (
    Area,
    Period,
    ReportInputError,
    community_report,
)
from bot.review.report_text import ReportView, view

if TYPE_CHECKING:  # web.py registers these routes, so it imports this module
    from bot.review.web import Handler, Page, Review


@dataclass(frozen=True)
class ReportForm:
    """What the organizer typed in the report's form, kept to show it back."""

    first: str = ""
    last: str = ""
    area: str = ""

    @classmethod
    def from_request(cls, request: Request) -> ReportForm:
        """Read the form from the query string (each field trimmed and capped)."""
        def one(name: str) -> str:
            return str(request.args.get(name) or "").strip()[:500]
        return cls(one("from"), one("to"), one("area"))

    def query(self) -> Dict[str, str]:
        """Return the form as query parameters, for the PDF links."""
        return {k: v for k, v in (("from", self.first), ("to", self.last),
                                  ("area", self.area)) if v}


def today() -> date:
    """Today in UTC, the calendar the summaries' days are in."""
    return datetime.now(timezone.utc).date()


def make_view(app: Review, form: ReportForm, language: str) -> ReportView:
    """Count the report for ``form`` and say it in ``language``.

    Raises :class:`ReportInputError` when the dates or the area cannot be read.
    """
    period = Period.parse(form.first, form.last, today())
    area = Area.parse(form.area)
    app.refresh()
    figures = community_report(app.puente, period, area)
    return view(figures, language, ui.translator(language),
                " ".join(form.area.split()) if area else "", today())


def add_routes(bp: Blueprint, app: Review,
               signed_in: Callable[..., Callable[[Page], Handler]]) -> None:
    """Register the report's page and its PDF on the review app's blueprint ``bp``."""

    def answer(request: Request, download: bool) -> HTTPResponse:
        form = ReportForm.from_request(request)
        language = _language(request)
        try:
            page = make_view(app, form, language)
        except ReportInputError as error:
            return app.page(request, "report.html", 400, form=form, v=None,
                            error=error)
        if download:
            return _pdf(app, request, form, page, language)
        shown = ReportForm(page.report.period.first.isoformat(),
                           page.report.period.last.isoformat(), form.area)
        return app.page(request, "report.html", form=shown, v=page,
                        query=shown.query(), error=None)

    @bp.get("/report")
    @signed_in()
    def report(request: Request) -> HTTPResponse:
        return answer(request, download=False)

    @bp.get("/report.pdf")
    @signed_in()
    def report_download(request: Request) -> HTTPResponse:
        return answer(request, download=True)


def _pdf(app: Review, request: Request, form: ReportForm, page: ReportView,
         language: str) -> HTTPResponse:
    period = page.report.period
    accounts.audit(app.puente, request.ctx.user, "download report",
                   f"{period.first}..{period.last} {form.area}".strip())
    body = report_pdf.render(page, ui.translator(language),
                             request.args.get("paper") or "letter")
    name = f"puente-report-{period.first}-{period.last}-{language}.pdf"
    return response.raw(body, content_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{name}"'})


def _language(request: Request) -> str:
    """Choose the organizer's language the way every review page does."""
    return ui.choose_language(request.args.get("lang"), request.cookies.get(ui.COOKIE),
                              request.headers.get("accept-language"))
