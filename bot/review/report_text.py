"""What the community report says, in the reader's language: names and sentences.

The figures (:mod:`bot.review.report_figures`) hold stored values (``faq/cost``,
grade 0, ``math``, ``es``); this module turns them into the words a council
member reads, with the texts in ``report.yml`` and the topic and subject names
the assistant already uses with families. The web page and the PDF both read
their words here, so they always say the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Dict, List, Tuple

from markupsafe import Markup

from bot.advocacy.letters import grade_name
from bot.lang.catalog import known_labels, title
from bot.programs.present import label
from bot.review.charts import ranking
from bot.review.queries import MIN_COUNT
from bot.review.report_figures import DIMENSIONS, Breakdown, Report

Translate = Callable[..., str]


def long_date(day: date, t: Translate) -> str:
    """"March 4, 2026" or "4 de marzo de 2026"."""
    month = t("report_months").split()[day.month - 1]
    return t("report_date", month=month, day=day.day, year=day.year)


def topic_name(topic: str, language: str) -> str:
    """Name a topic with the title families see on Puente's buttons, if it has one."""
    if topic in known_labels():
        return title(topic, language)
    return topic.split("/")[-1].replace("_", " ")


def group_name(dimension: str, value: Any, language: str, t: Translate) -> str:
    """Name one group of unmet searches (a city, grade, subject or language)."""
    if dimension == "city":
        return str(value) if value else t("report_place_unknown")
    if dimension == "grade":
        if value is None:
            return t("report_grade_unknown")
        return grade_name(str(value), language)  # the letters' words for grades
    if not value:
        return t(f"report_{dimension}_any")
    return label(dimension, str(value), language)


def rows(dimension: str, breakdown: Breakdown, language: str,
         t: Translate) -> List[Tuple[str, str]]:
    """Return a breakdown as table rows (name, count), small groups as one row."""
    named = [(_capital(group_name(dimension, value, language, t)), str(count))
             for value, count in breakdown.shown]
    if breakdown.small:
        named.append((t("report_small_groups"), count_text(breakdown.small, t)))
    return named


def _capital(name: str) -> str:
    """Start a table cell with a capital: "math" -> "Math", "kínder" -> "Kínder"."""
    return name[:1].upper() + name[1:]


def count_text(count: int, t: Translate) -> str:
    """Say a count, or "fewer than 5" where the number could point at a family."""
    return str(count) if count >= MIN_COUNT else t("report_fewer_than_5")


def percent(share: float) -> str:
    """Say a share as people do: 0.125 -> "12.5", 0.12 -> "12"."""
    return f"{100 * share:.1f}".removesuffix(".0")


def summary(report: Report, language: str, t: Translate) -> List[str]:
    """One to four plain sentences that say what the figures show."""
    if not report.conversations:
        return [t("summary_quiet")]
    sentences = [t("summary_families_everywhere" if report.area else "summary_families",
                   n=report.conversations)]
    if report.topics:
        names = [f'"{topic_name(topic, language)}"' for topic, _ in report.topics[:3]]
        sentences.append(t("summary_topics", topics=", ".join(names)))
    if report.unmet >= MIN_COUNT:
        cities = report.unmet_by["city"].shown
        top = str(cities[0][0]) if cities else ""  # "" when no place was given
        sentences.append(t("summary_unmet_place", n=report.unmet, place=top) if top
                         else t("summary_unmet", n=report.unmet))
    elif report.unmet:
        sentences.append(t("summary_unmet_few"))
    sentences.append(t("summary_not_answered",
                       pct=percent(report.not_answered_share)))
    return sentences


@dataclass
class ReportView:
    """The report as the reader sees it: every line the page and the PDF print."""

    report: Report
    period: str
    places: str  # the area as typed, "" for every place
    summary: List[str]
    topics_chart: Markup | None
    not_answered_pct: str
    unmet_total: str
    alerts: str  # "" when no family asked to be told
    tables: Dict[str, List[Tuple[str, str]]]  # dimension -> (name, count) rows
    made_on: str


def view(report: Report, language: str, t: Translate, places: str,
         today: date) -> ReportView:
    """Say ``report`` in ``language``: sentences, chart, tables, small groups hidden."""
    topics = [(topic_name(topic, language), count) for topic, count in report.topics]
    return ReportView(
        report=report,
        period=t("report_period", first=long_date(report.period.first, t),
                 last=long_date(report.period.last, t)),
        places=places,
        summary=summary(report, language, t),
        topics_chart=ranking(topics, t("report_topics")) if topics else None,
        not_answered_pct=percent(report.not_answered_share),
        unmet_total=count_text(report.unmet, t) if report.unmet else "0",
        alerts=(t("report_alerts",
                  requests=count_text(report.alerts["requests"], t),
                  sent=count_text(report.alerts["notifications"], t))
                if report.alerts.get("requests") else ""),
        tables={dimension: rows(dimension, report.unmet_by[dimension], language, t)
                for dimension in DIMENSIONS},
        made_on=long_date(today, t),
    )
