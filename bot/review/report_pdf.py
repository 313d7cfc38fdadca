"""The community report as a PDF, on Letter or A4, drawn with fpdf2.

Why fpdf2: it is pure Python (its only needs, Pillow and fontTools, are already
installed with Rasa), so it installs from PyPI anywhere with no system
libraries; WeasyPrint needs Pango from the operating system, and svglib's
renderer now needs Cairo. fpdf2 draws the report's own SVG charts, and its
built-in Helvetica covers every Spanish letter (Latin-1), so no font file ships
with Puente. It makes the two-page report in well under a second.

The PDF says exactly what the page says: the same figures, the same words
(:mod:`bot.review.report_text`) and the same charts.
"""

from __future__ import annotations

import io
import re
from typing import List, Tuple

from fpdf import FPDF
from markupsafe import Markup

from bot.review.report_text import ReportView, Translate

#: Paper sizes the report offers; the printable area is the same 14 mm in.
PAPERS = {"letter": "Letter", "a4": "A4"}
MARGIN = 14
_BLUE = (27, 108, 168)
_GREY = (68, 68, 68)
#: Typography fpdf2's Latin-1 fonts lack, said with the letters they have.
_PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                        "\u2013": "-", "\u2014": "-", "\u2026": "..."})


def plain(text: str) -> str:
    """Text the built-in fonts can draw (Spanish letters stay as they are)."""
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


class ReportPdf:
    """One report being drawn: headings, paragraphs, charts and two-column tables."""

    def __init__(self, paper: str) -> None:
        self.pdf = FPDF(format=PAPERS.get(paper, "Letter"), unit="mm")
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.set_auto_page_break(True, margin=MARGIN)
        self.pdf.add_page()
        self.width = self.pdf.w - 2 * MARGIN

    def title(self, text: str) -> None:
        """Write the report's name, large and bold."""
        self.pdf.set_font("helvetica", "B", 18)
        self.pdf.multi_cell(self.width, 8, plain(text), new_x="LMARGIN", new_y="NEXT")

    def heading(self, text: str, height: float = 30) -> None:
        """Write a heading, on a new page when less than ``height`` mm is left."""
        if self.pdf.get_y() + height > self.pdf.h - MARGIN:
            self.pdf.add_page()
        self.pdf.ln(3)
        self.pdf.set_font("helvetica", "B", 13)
        self.pdf.set_text_color(*_BLUE)
        self.pdf.multi_cell(self.width, 6, plain(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.set_text_color(0, 0, 0)

    def paragraph(self, text: str, size: float = 10.5, style: str = "",
                  grey: bool = False) -> None:
        """Write a paragraph that wraps to the page's width."""
        self.pdf.set_font("helvetica", style, size)
        self.pdf.set_text_color(*(_GREY if grey else (0, 0, 0)))
        self.pdf.multi_cell(self.width, size * 0.5, plain(text), new_x="LMARGIN",
                            new_y="NEXT")
        self.pdf.set_text_color(0, 0, 0)

    def chart(self, svg: Markup, width: float) -> None:
        """Draw one of the page's SVG charts, ``width`` mm wide."""
        drawing = re.sub(r"<title>.*?</title>", "", str(svg))  # fpdf2 warns on it
        self.pdf.image(io.BytesIO(drawing.encode("utf-8")), x=MARGIN, w=width)

    def tables(self, tables: List[Tuple[str, List[Tuple[str, str]]]],
               header: str) -> None:
        """Draw tables of (name, count), two side by side, each kept on one page."""
        column = (self.width - 8) / 2
        for start in range(0, len(tables), 2):
            pair = tables[start:start + 2]
            tallest = max(len(rows) for _, rows in pair) + 1
            if self.pdf.get_y() + 6 * tallest > self.pdf.h - MARGIN:
                self.pdf.add_page()
            top, bottom = self.pdf.get_y(), self.pdf.get_y()
            for index, (name, rows) in enumerate(pair):
                self.pdf.set_xy(MARGIN + index * (column + 8), top)
                bottom = max(bottom, self._table(name, header, rows, column))
            self.pdf.set_xy(MARGIN, bottom + 4)

    def _table(self, name: str, header: str, rows: List[Tuple[str, str]],
               width: float) -> float:
        x = self.pdf.get_x()
        self.pdf.set_font("helvetica", "B", 10)
        self.pdf.set_draw_color(200, 200, 200)
        self.pdf.cell(width - 28, 6, plain(name), border="B")
        self.pdf.cell(28, 6, plain(header), border="B", align="R",
                      new_x="LEFT", new_y="NEXT")
        self.pdf.set_font("helvetica", "", 10)
        for label, count in rows or [("-", "")]:
            self.pdf.set_x(x)
            self.pdf.cell(width - 28, 6, plain(label), border="B")
            self.pdf.cell(28, 6, plain(count), border="B", align="R",
                          new_x="LEFT", new_y="NEXT")
        return float(self.pdf.get_y())

    def output(self) -> bytes:
        """Return the finished PDF file."""
        return bytes(self.pdf.output())


def render(page: ReportView, t: Translate, paper: str) -> bytes:
    """Draw the report the page shows (``page``), on ``paper`` ("letter" or "a4")."""
    doc = ReportPdf(paper)
    doc.title(t("report_title"))
    doc.paragraph(page.period, style="B")
    if page.places:
        doc.paragraph(t("report_area_line", places=page.places))
        doc.paragraph(t("report_area_scope"), size=8.5, grey=True)
    else:
        doc.paragraph(t("report_everywhere"))
    doc.heading(t("report_summary"))
    for sentence in page.summary:
        doc.paragraph(sentence)
    doc.heading(t("report_topics"), height=60)
    if page.topics_chart:
        doc.chart(page.topics_chart, width=120)
    else:
        doc.paragraph(t("report_no_topics"))
    doc.paragraph(t("report_topics_note"), size=8.5, grey=True)
    doc.heading(t("report_not_answered"))
    doc.paragraph(f"{page.not_answered_pct}%", size=20, style="B")
    doc.paragraph(t("report_not_answered_line", n=page.report.not_answered,
                    total=page.report.messages))
    doc.heading(t("report_unmet"), height=50)
    doc.paragraph(f"{page.unmet_total} {t('report_unmet_total')}", style="B")
    if page.alerts:
        doc.paragraph(page.alerts)
    doc.pdf.ln(2)
    doc.tables([(t(f"report_by_{dimension}"), rows)
                for dimension, rows in page.tables.items()], t("report_searches"))
    doc.paragraph(t("report_unmet_note"), size=8.5, grey=True)
    doc.pdf.ln(3)
    doc.paragraph(t("report_privacy", today=page.made_on), size=8.5, grey=True)
    return doc.output()
