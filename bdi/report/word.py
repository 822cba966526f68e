"""python-docx primitives of the report: a CJK font in every style, real Word tables, captions
in the Chinese report convention (a table's above it, a figure's below it), a footer with the
page number.

Word takes a run's Chinese glyphs from the font named in `w:eastAsia`, which python-docx does not
set, and the built-in styles point at theme fonts that override a named font: `set_font` names
the font for all four scripts and removes the theme references, so that Word, LibreOffice and
the PDF all use the CJK font.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache
from io import BytesIO

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

# The first of these that fontconfig knows is the document's font (fonts-noto-cjk is what the
# report's set-up installs; WenQuanYi is the viewer's test font).
CJK_FONTS = ("Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei", "Source Han Sans SC")
TEXT_WIDTH = Cm(16.0)  # A4 with 2.5 cm margins
CHAR_WIDTH = Cm(0.19)  # a digit or Latin character of a 9 pt table cell (Noto Sans CJK)
CELL_PADDING = Cm(0.45)  # both margins of a cell, with room to spare
STYLES = ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Caption", "List Bullet")
THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
BOLD = re.compile(r"\*\*(.+?)\*\*")


@cache
def cjk_font() -> str:
    """The CJK font the document names: the first of CJK_FONTS that is installed."""
    if shutil.which("fc-list"):
        listed = subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False
        ).stdout
        families = {name.strip() for line in listed.splitlines() for name in line.split(",")}
        for font in CJK_FONTS:
            if font in families:
                return font
    return CJK_FONTS[0]


def set_font(element: object, font: str, language: str) -> None:
    """Name `font` for every script of a style's (or run's) properties, without theme fonts."""
    r_pr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), font)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), "zh-CN" if language == "zh" else "en-GB")
    lang.set(qn("w:eastAsia"), "zh-CN")


def new_document(language: str) -> DocumentType:
    """An A4 document whose styles all use the CJK font."""
    document = Document()
    font = cjk_font()
    for name in STYLES:
        style = document.styles[name]
        set_font(style.element, font, language)
        if name.startswith("Heading") or name == "Title":
            style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    document.styles["Normal"].font.size = Pt(10.5)
    document.styles["Heading 1"].paragraph_format.page_break_before = True  # a chapter a page
    document.styles["Caption"].font.size = Pt(10)
    document.styles["Caption"].font.italic = False
    document.styles["Caption"].font.color.rgb = RGBColor(0, 0, 0)
    document.styles["Caption"].paragraph_format.space_before = Pt(10)
    document.styles["Caption"].paragraph_format.space_after = Pt(6)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    section.top_margin = section.bottom_margin = Cm(2.5)
    return document


def footer(document: DocumentType, text: str) -> None:
    """Every page's footer: `text` (the sample note, or nothing) and the page number."""
    for section in document.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if text:
            paragraph.add_run(f"{text}    ")
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        run_text = OxmlElement("w:t")
        run_text.text = "1"
        run.append(run_text)
        field.append(run)
        paragraph._p.append(field)


def text(document: DocumentType, markdown: str, style: str | None = None) -> Paragraph:
    """A paragraph from a label: **bold** becomes bold runs, `code` loses its backticks."""
    paragraph = document.add_paragraph(style=style)
    for index, part in enumerate(BOLD.split(markdown.replace("`", ""))):
        if part:
            paragraph.add_run(part).bold = index % 2 == 1
    return paragraph


def caption(document: DocumentType, words: str, keep_with_next: bool) -> Paragraph:
    """A centred caption in the Caption style (a table's is kept with the table below it)."""
    paragraph = document.add_paragraph(words, style="Caption")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = keep_with_next
    return paragraph


def note(document: DocumentType, words: str) -> Paragraph:
    paragraph = document.add_paragraph(words)
    paragraph.runs[0].font.size = Pt(9)
    return paragraph


def picture(document: DocumentType, png: bytes, width_px: int, scale: float) -> None:
    """A centred picture, at its natural size (96 dpi) but no wider than the text."""
    width = min(TEXT_WIDTH, Cm(width_px / scale / 96 * 2.54))
    document.add_picture(BytesIO(png), width=width)
    last = document.paragraphs[-1]
    last.alignment = WD_ALIGN_PARAGRAPH.CENTER
    last.paragraph_format.keep_with_next = True


def display_width(text: str) -> int:
    """Width of a text in Latin characters: a CJK character is two."""
    return sum(2 if ord(char) >= 0x2E80 else 1 for char in text)


def column_widths(header: list[str], rows: list[list[str]], numeric: list[bool]) -> list[int]:
    """Each column's width (EMU): what its longest cell needs (a header may wrap onto two
    lines); where that is wider than the text, the text columns give way (they wrap), numbers
    never do."""
    needs, floors = [], []
    for index, title in enumerate(header):
        longest = max((display_width(row[index]) for row in rows), default=0)
        need = max(longest, (display_width(title) + 1) // 2, 4) * CHAR_WIDTH + CELL_PADDING
        needs.append(need)
        floors.append(need if numeric[index] else min(need, 10 * CHAR_WIDTH + CELL_PADDING))
    excess = sum(needs) - TEXT_WIDTH
    if excess > 0:
        give = sum(need - floor for need, floor in zip(needs, floors, strict=True))
        share = min(1.0, excess / give) if give else 0.0
        needs = [need - (need - floor) * share for need, floor in zip(needs, floors, strict=True)]
    else:
        needs = [need + excess * -need / sum(needs) for need in needs]  # fill the text width
    return [int(need) for need in needs]


def table(
    document: DocumentType, header: list[str], rows: list[list[str]], numeric: list[bool]
) -> Table:
    """A real, editable Word table: a bold header row repeated on every page, then the cells;
    columns as wide as their contents need, numbers flush right."""
    grid = document.add_table(rows=1 + len(rows), cols=len(header))
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    widths = column_widths(header, rows, numeric)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    size = Pt(7.5) if len(header) > 8 else Pt(9)
    for row_index, values in enumerate([header, *rows]):
        cells = grid.rows[row_index].cells
        for cell, value, width, right in zip(cells, values, widths, numeric, strict=True):
            cell.width = width
            paragraph = cell.paragraphs[0]
            if right and row_index > 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(value)
            run.font.size = size
            run.bold = row_index == 0
    header_properties = grid.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_properties.append(repeat)
    return grid
