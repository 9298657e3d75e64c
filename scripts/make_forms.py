"""Write the default form templates in ``data/forms/`` (run after changing a form's layout).

    python scripts/make_forms.py

Each template is a docxtpl (Jinja) template over the fields ``bbcs.forms`` fills:
``site`` and ``cases``, each case with ``title``, ``to``, ``id``, ``seq``, ``event_day``,
``rows`` (label, value), ``instruction``, ``extra_label``, ``extra`` and ``printed``. An
office may copy them, put its letterhead in, keep the field names, and point
``policy set forms.dir`` at the folder. One page per case: the loop repeats the whole
page and its title starts a new page.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FORMS = ("assign", "urge", "supervise", "reply")
OUT = Path(__file__).resolve().parents[1] / "data" / "forms"


def _font(run, size: float, *, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = "SimSun"
    run._element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")


def _para(doc, text: str, size: float = 12, *, bold: bool = False, align=None, before=False):
    paragraph = doc.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.page_break_before = before
    _font(paragraph.add_run(text), size, bold=bold)
    return paragraph


def template() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    section.top_margin = section.bottom_margin = Cm(2.2)
    _para(doc, "{%p for c in cases %}", 2)
    _para(doc, "{{ site }}", 16, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=True)
    _para(doc, "{{ c.title }}", 22, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(
        doc,
        "编号：{{ c.id }} 第 {{ c.seq }} 号事件（{{ c.event_day }}）",
        10.5,
        align=WD_ALIGN_PARAGRAPH.RIGHT,
    )
    _para(doc, "{{ c.to }}：", 14, bold=True)
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    first = table.rows[0].cells[0]
    _font(first.paragraphs[0].add_run("{%tr for label, value in c.rows %}"), 2)
    row = table.add_row().cells
    _font(row[0].paragraphs[0].add_run("{{ label }}"), 12, bold=True)
    _font(row[1].paragraphs[0].add_run("{{ value }}"), 12)
    end = table.add_row().cells
    _font(end[0].paragraphs[0].add_run("{%tr endfor %}"), 2)
    table.autofit = False
    for column, width in zip(table.columns, (Cm(3.2), Cm(12.8)), strict=True):
        column.width = width
    for each in table.rows:
        for cell, width in zip(each.cells, (Cm(3.2), Cm(12.8)), strict=True):
            cell.width = width
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_before = Pt(3)
                paragraph.paragraph_format.space_after = Pt(3)
    _para(doc, "")
    _para(doc, "{%p if c.extra %}", 2)
    _para(doc, "{{ c.extra_label }}：{{ c.extra }}", 12)
    _para(doc, "{%p endif %}", 2)
    _para(doc, "　　{{ c.instruction }}", 13)
    _para(doc, "")
    _para(doc, "签收人：____________　　签收时间：______年____月____日____时", 12)
    _para(doc, "")
    _para(doc, "（盖章）", 12, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, "{{ site }}　{{ c.printed }}", 12, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, "{%p endfor %}", 2)
    return doc


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in FORMS:
        template().save(OUT / f"{name}.docx")
        print(OUT / f"{name}.docx")


if __name__ == "__main__":
    main()
