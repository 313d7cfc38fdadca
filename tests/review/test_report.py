"""The community report: its figures, small groups hidden, both languages, the PDF."""

import io
from datetime import date, datetime, timezone

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.programs import unmet_demand
from bot.programs.alert_models import ProgramAlertEvent
from bot.review import ui
from bot.review.models import AuditEntry
from bot.review.report_figures import (
    Area,
    Period,
    ReportInputError,
    community_report,
)
from bot.review.report_text import view
from bot.review.summaries import refresh
from tests.review.conftest import events_for
from tests.review.webapp import browser as visit

#: The report's dates: March 2026 (UTC).
MARCH_10 = datetime(2026, 3, 10, 15, tzinfo=timezone.utc).timestamp()
MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))
COST = ("¿cuánto cuesta la tutoría?", "faq", 0.93, "faq/cost")
SCHEDULE = ("how often is tutoring", "faq", 0.9, "faq/schedule")
ENROLL = ("how do I sign up", "faq", 0.9, "faq/enroll")
NOT_SURE = ("hmm", "nlu_fallback", 0.2, None)


async def seed(stores) -> None:
    """March: 13 families, 27 messages, 3 not answered; 6 asked the cost, 5 the
    schedule, 2 how to sign up. One family in February. Unmet searches: 6 in
    Huntington Park (grade 3 math, Spanish), 3 in South Gate (grade 7 reading,
    English), 5 more in South Gate in February."""
    for n in range(6):
        await stores.save(f"web-es{n}", events_for(MARCH_10 + n * 60, "es", [
            COST, ("gracias", "thank", 0.95, None)] + ([NOT_SURE] if n < 3 else [])))
    for n in range(5):
        await stores.save(f"web-en{n}", events_for(MARCH_10 + n * 60, "en", [
            SCHEDULE, ("ok", "affirm", 0.9, None)]))
    for n in range(2):
        await stores.save(f"whatsapp-{n}", events_for(MARCH_10, "en", [ENROLL],
                                                      channel="whatsapp"))
    await stores.save("web-february", events_for(MARCH_10 - 20 * 86400, "es",
                                                 [COST, NOT_SURE]))
    refresh(stores.puente, stores.tracker)
    for _ in range(6):
        unmet_demand.record(stores.puente, zip_code="90255", city="Huntington Park",
                            grade=3, subject="math", language="es",
                            day=date(2026, 3, 12))
    for _ in range(3):
        unmet_demand.record(stores.puente, zip_code="90280", city="South Gate",
                            grade=7, subject="reading", language="en",
                            day=date(2026, 3, 20))
    for _ in range(5):
        unmet_demand.record(stores.puente, zip_code="90280", city="South Gate",
                            grade=7, subject="reading", language="en",
                            day=date(2026, 2, 20))


async def test_figures_count_march_and_hide_small_groups(stores):
    await seed(stores)
    report = community_report(stores.puente, MARCH, Area())
    assert report.conversations == 13
    assert (report.messages, report.not_answered) == (27, 3)
    assert report.topics == [("faq/cost", 6), ("faq/schedule", 5)]  # not enroll: 2
    assert report.unmet == 9
    assert report.unmet_by["city"].shown == [("Huntington Park", 6)]
    assert report.unmet_by["city"].small == 3  # South Gate's 3 are not named
    assert report.unmet_by["grade"].shown == [(3, 6)]
    assert report.unmet_by["subject"].shown == [("math", 6)]
    assert report.unmet_by["language"].shown == [("es", 6)]


async def test_area_narrows_the_searches(stores):
    await seed(stores)
    south_gate = community_report(stores.puente, MARCH, Area.parse("south gate"))
    assert south_gate.unmet == 3 and south_gate.unmet_by["city"].shown == []
    by_zip = community_report(stores.puente, MARCH, Area.parse("90255; 90001"))
    assert by_zip.unmet == 6
    assert by_zip.unmet_by["city"].shown == [("Huntington Park", 6)]
    february = community_report(stores.puente, Period(date(2026, 2, 1),
                                                      date(2026, 2, 28)),
                                Area.parse("90280"))
    assert february.unmet == 5 and february.unmet_by["city"].shown == [
        ("South Gate", 5)]
    assert (february.conversations, february.not_answered) == (1, 1)


def test_bad_dates_and_zip_codes_are_named():
    with pytest.raises(ReportInputError) as reversed_dates:
        Period.parse("2026-03-31", "2026-03-01")
    assert reversed_dates.value.key == "report_dates_reversed"
    with pytest.raises(ReportInputError) as bad_date:
        Period.parse("31/03/2026", "")
    assert bad_date.value.key == "report_bad_date"
    with pytest.raises(ReportInputError) as bad_zip:
        Area.parse("South Gate, 9025")
    assert (bad_zip.value.key, bad_zip.value.values) == ("report_bad_zip",
                                                         {"zip": "9025"})
    blank = Period.parse("", "", today=date(2026, 3, 30))
    assert (blank.first, blank.last) == (date(2026, 3, 1), date(2026, 3, 30))


async def test_the_report_says_it_in_both_languages(stores):
    await seed(stores)
    report = community_report(stores.puente, MARCH, Area())
    english = view(report, "en", ui.translator("en"), "", date(2026, 4, 2))
    assert english.period == "March 1, 2026 to March 31, 2026"
    assert english.summary == [
        "13 families talked with Puente about tutoring.",
        'What they asked about most: "What does it cost?", "How often?".',
        "9 searches for a tutoring program found none nearby; Huntington Park had "
        "the most.",
        "Puente could not answer 11.1% of the families' messages.",
    ]
    assert english.tables["city"] == [("Huntington Park", "6"),
                                      ("Others, fewer than 5 each", "fewer than 5")]
    assert english.tables["grade"][0] == ("Grade 3", "6")
    spanish = view(report, "es", ui.translator("es"), "", date(2026, 4, 2))
    assert spanish.period == "Del 1 de marzo de 2026 al 31 de marzo de 2026"
    assert spanish.summary[0] == "13 familias hablaron con Puente sobre la tutoría."
    assert spanish.summary[1] == ('Lo que más preguntaron: "¿Cuánto cuesta?", '
                                  '"¿Cada cuándo?".')
    assert spanish.summary[3] == ("Puente no pudo responder el 11.1% de los mensajes "
                                  "de las familias.")
    assert spanish.tables["grade"][0] == ("3er grado", "6")
    assert spanish.tables["subject"] == [("Matemáticas", "6"),
                                         ("Otros, menos de 5 cada uno", "menos de 5")]
    assert spanish.tables["language"][0] == ("Español", "6")
    few = view(community_report(stores.puente, MARCH, Area.parse("South Gate")),
               "es", ui.translator("es"), "South Gate", date(2026, 4, 2))
    assert few.unmet_total == "menos de 5"
    assert few.summary[0] == ("En todos los lugares, 13 familias hablaron con Puente "
                              "sobre la tutoría.")
    assert "Menos de 5 búsquedas" in few.summary[2]


async def test_page_and_pdf_show_the_figures_and_nothing_identifying(stores,
                                                                     monkeypatch):
    await seed(stores)
    async with visit(stores, monkeypatch) as browser:
        await browser.login("rosa@example.org")
        page = await browser.get("/review/report?from=2026-03-01&to=2026-03-31"
                                 "&lang=es")
        assert page.status == 200
        assert "13 familias hablaron con Puente" in page.text
        assert 'id="unmet-total">9<' in page.text and "Huntington Park" in page.text
        for hidden in ("South Gate", "90280", "7mo grado", "Lectura", "gracias"):
            assert hidden not in page.text, hidden
        assert "<svg" in page.text and "¿Cuánto cuesta?" in page.text

        wrong = await browser.get("/review/report?from=2026-03-31&to=2026-03-01")
        assert wrong.status == 400
        assert "La primera fecha es después de la última" in wrong.text
        bad_zip = await browser.get("/review/report?area=123&lang=en")
        assert '"123" is not a zip code. A zip code has 5 digits.' in \
            bad_zip.text.replace("&#34;", '"')

        pdf = await browser.get_bytes("/review/report.pdf?from=2026-03-01"
                                      "&to=2026-03-31&paper=a4&lang=es")
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.body.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf.body))
    assert len(reader.pages) <= 2
    assert round(float(reader.pages[0].mediabox.width) * 25.4 / 72) == 210  # A4
    text = " ".join(page.extract_text() for page in reader.pages)
    for expected in ("Lo que las familias le preguntaron a Puente",
                     "Del 1 de marzo de 2026 al 31 de marzo de 2026",
                     "13 familias hablaron con Puente", "¿Cuánto cuesta?",
                     "Huntington Park", "Otros, menos de 5 cada uno", "11.1%"):
        assert expected in text, expected
    assert "South Gate" not in text and "90280" not in text
    with stores.puente.connect() as connection:
        assert connection.execute(select(AuditEntry.action)).scalars().all()[-1] \
            == "download report"


async def test_a_quiet_period_says_so(stores):
    await seed(stores)
    april = community_report(stores.puente, Period(date(2026, 4, 1),
                                                   date(2026, 4, 30)), Area())
    assert (april.conversations, april.unmet, april.topics) == (0, 0, [])
    for language, sentence in (("en", "No family talked with Puente in these dates."),
                               ("es", "Ninguna familia habló con Puente en estas "
                                      "fechas.")):
        said = view(april, language, ui.translator(language), "", date(2026, 5, 1))
        assert said.summary == [sentence]
        assert said.unmet_total == "0" and said.not_answered_pct == "0"
        assert said.topics_chart is None
        assert all(rows == [] for rows in said.tables.values())



async def test_the_summary_reads_plainly(stores, capsys):
    """The summary and notes a council member reads: about 6th-8th grade."""
    import textstat

    await seed(stores)
    report = community_report(stores.puente, MARCH, Area())
    scores = {}
    for language in ("en", "es"):
        t = ui.translator(language)
        text = " ".join(view(report, language, t, "", date(2026, 4, 2)).summary + [
            t("report_topics_note"), t("report_unmet_note"), t("report_privacy",
                                                                today="")])
        textstat.set_lang(language)
        scores[language] = (textstat.flesch_kincaid_grade(text) if language == "en"
                            else textstat.fernandez_huerta(text))
    with capsys.disabled():
        print(f"\n  report readability: en Flesch-Kincaid grade {scores['en']:.1f}, "
              f"es Fernández-Huerta {scores['es']:.1f}")
    assert scores["en"] <= 8.5 and scores["es"] >= 60


async def test_program_alerts_are_counted_and_small_counts_hidden(stores):
    """Requests to be told when a program opens, and messages sent, in the period."""
    with Session(stores.puente) as session:
        session.add_all([ProgramAlertEvent(day=date(2026, 3, 5), kind="requested")
                         for _ in range(6)]
                        + [ProgramAlertEvent(day=date(2026, 3, 9), kind="notified")
                           for _ in range(2)]
                        + [ProgramAlertEvent(day=date(2026, 4, 2), kind="requested")])
        session.commit()
    report = community_report(stores.puente, MARCH, Area())
    assert report.alerts["requests"] == 6 and report.alerts["notifications"] == 2
    english = view(report, "en", ui.translator("en"), "", date(2026, 4, 2)).alerts
    assert english.startswith("6 families asked Puente to tell them")
    assert "fewer than 5 were told" in english
    spanish = view(report, "es", ui.translator("es"), "", date(2026, 4, 2)).alerts
    assert spanish.startswith("6 familias pidieron") and "menos de 5" in spanish
    quiet = community_report(stores.puente, Period(date(2026, 2, 1),
                                                   date(2026, 2, 28)), Area())
    assert view(quiet, "en", ui.translator("en"), "", date(2026, 4, 2)).alerts == ""
