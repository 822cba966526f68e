"""Reading the report document back, for the tests: the Word file with python-docx (its body in
order, its tables' cells), the PDF with pypdf (pages, embedded fonts) and poppler's pdftotext."""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

SPACE = re.compile(r"\s+")
ROOT = Path(__file__).resolve().parents[2]


def run_report(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`python -m bdi.report` (what `make report` runs) with `env` over this environment."""
    return subprocess.run(
        [sys.executable, "-m", "bdi.report"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def squeeze(text: str) -> str:
    """Text without white space: pdftotext breaks lines and spaces CJK next to Latin."""
    return SPACE.sub("", text)


@dataclass
class WordReport:
    path: Path
    items: list[Paragraph | Table]  # the body, in order

    @classmethod
    def read(cls, path: Path) -> WordReport:
        return cls(path, list(Document(str(path)).iter_inner_content()))

    @property
    def document(self) -> Any:
        return Document(str(self.path))

    def paragraphs(self) -> list[str]:
        return [item.text for item in self.items if isinstance(item, Paragraph)]

    def index_of(self, text: str) -> int:
        """The position of the (first) paragraph whose text is `text`; -1 if none."""
        for index, item in enumerate(self.items):
            if isinstance(item, Paragraph) and item.text == text:
                return index
        return -1

    def chapter(self, heading: str) -> list[Paragraph | Table]:
        """The items under a chapter heading, up to the next chapter heading."""
        start = self.index_of(heading)
        assert start >= 0, f"no chapter {heading!r}"
        items = []
        for item in self.items[start + 1 :]:
            if isinstance(item, Paragraph) and item.style.name == "Heading 1":
                break
            items.append(item)
        return items


def has_picture(item: Paragraph | Table) -> bool:
    return isinstance(item, Paragraph) and bool(item._p.xpath(".//w:drawing"))


def cells(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def cell_matches(text: str, value: Any) -> bool:
    """Whether a cell's text shows `value`: a number to the decimals the cell has, else the same
    text. A NULL is an empty cell; a number where the cell is empty does not match."""
    missing = value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA
    if missing:
        return text == ""
    if isinstance(value, bool):
        return text in ("是", "否", "yes", "no")
    if isinstance(value, pd.Timestamp):
        return text == value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, int | float) or hasattr(value, "dtype"):
        try:
            shown = float(text)
        except ValueError:
            return False
        if "e" in text:
            return math.isclose(shown, float(value), rel_tol=0.01)
        decimals = len(text.split(".")[1]) if "." in text else 0
        return abs(shown - float(value)) <= 0.5 * 10**-decimals + 1e-12
    return text == str(value)


def pdf_pages_text(path: Path) -> list[str]:
    """Each page's text, by pdftotext (pages end with a form feed)."""
    run = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    pages = run.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_fonts(path: Path) -> list[tuple[str, bool]]:
    """(base font, embedded) of every font the PDF's pages use, descendants of Type 0 included."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(str(path)).pages:
        resources = page.get("/Resources")
        font_dict = resources.get_object().get("/Font") if resources else None
        for reference in (font_dict or {}).values():
            font = reference.get_object()
            for part in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
                descriptor = part.get("/FontDescriptor")
                if descriptor is None:
                    continue
                descriptor = descriptor.get_object()
                embedded = any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
                )
                fonts[str(part.get("/BaseFont"))] = embedded
    return sorted(fonts.items())
