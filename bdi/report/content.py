"""What the report document says, in the report's order (docs/report.md): the cover, then each
chapter of app.figures.CHAPTERS with the statements of fct_report_facts that belong to it
(app/figures/facts.py), its figures and tables from the catalogue app/figures in registration
order, and the chapter's own text (chapter 1: the formulas in words).

Nothing here knows a particular figure: whatever the catalogue holds is rendered. A figure whose
table the warehouse lacks is left out with a sentence saying so.
"""

from __future__ import annotations

import re
from typing import Any

import duckdb
import pandas as pd
from docx.document import Document as DocumentType

from app.figures import CHAPTERS, Figure, in_chapter
from app.figures.facts import statements
from app.labels import label
from bdi.report import render, word
from bdi.report.source import Warehouse

MISSING_TABLE = re.compile(r"Table with name (\w+) does not exist")
TOPIC_TABLE = "fct_topic_values"


def document(warehouse: Warehouse, edition: int, language: str) -> DocumentType:
    """The whole report for `edition` in `language`."""
    doc = word.new_document(language)
    info = warehouse.build_info()
    is_sample = bool(info.get("is_sample_data", False))
    cover(doc, warehouse, info, edition, language, is_sample)
    for chapter in CHAPTERS:
        write_chapter(doc, warehouse, edition, language, chapter)
    word.footer(doc, label("report.footer_sample", language) if is_sample else "")
    return doc


def cover(
    doc: DocumentType,
    warehouse: Warehouse,
    info: dict[str, Any],
    edition: int,
    language: str,
    is_sample: bool,
) -> None:
    """Title, edition, build date, data years, methods, commit; the sample note."""
    doc.add_paragraph(label("report.title", language), style="Title")
    doc.add_paragraph(label("report.subtitle", language, edition=edition), style="Subtitle")
    lines = [label("report.cover.edition", language, edition=edition)]
    if info.get("build_date") is not None:
        date = pd.Timestamp(info["build_date"]).strftime("%Y-%m-%d")
        lines.append(label("report.cover.build_date", language, date=date))
    years = warehouse.data_years(edition)
    if years:
        span = str(years[0]) if years[0] == years[1] else f"{years[0]}–{years[1]}"
        lines.append(label("report.cover.data_years", language, years=span))
    methods = warehouse.weighting_methods(edition)
    if methods:
        names = [label(f"method.{code}", language, default=code) for code in methods]
        lines.append(label("report.cover.weighting", language, method=", ".join(names)))
    if info.get("tier_method"):
        lines.append(
            label(
                "report.cover.tiers",
                language,
                method=info["tier_method"],
                top=info.get("tier_top_n", ""),
                count=info.get("tier_count", ""),
            )
        )
    if info.get("circle_method"):
        code = str(info["circle_method"])
        method = label(f"report.circle.{code}", language, default=code)
        lines.append(label("report.cover.circles", language, method=method))
    if info.get("raw_source"):
        lines.append(label("report.cover.raw_source", language, source=info["raw_source"]))
    if info.get("git_commit"):
        commit = str(info["git_commit"])[:12]
        if info.get("git_is_dirty"):
            commit += label("report.cover.dirty", language)
        lines.append(label("report.cover.commit", language, commit=commit))
    for line in lines:
        doc.add_paragraph(line)
    if is_sample:
        word.text(doc, f"**{label('report.sample_note', language)}**")


def write_chapter(
    doc: DocumentType, warehouse: Warehouse, edition: int, language: str, chapter: str
) -> None:
    doc.add_heading(label(f"report.chapter.{chapter}", language), level=1)
    for statement in statements(warehouse, edition, language, chapter=chapter):
        doc.add_paragraph(statement, style="List Bullet")
    figures = in_chapter(chapter)
    if chapter == "4" and warehouse.row_count(TOPIC_TABLE, edition) == 0:
        word.text(doc, label("report.no_topics", language))
        return
    if not figures:
        word.text(doc, label("report.no_figures", language))
    for figure in figures:
        write_figure(doc, warehouse, edition, language, figure)
    if chapter == "1":
        formulas(doc, warehouse, edition, language)


def write_figure(
    doc: DocumentType, warehouse: Warehouse, edition: int, language: str, figure: Figure
) -> None:
    """A numbered figure (picture, caption under it) or table (caption over it, Word table)."""
    try:
        rendered = figure.build(warehouse, edition, language)
    except duckdb.CatalogException as error:
        match = MISSING_TABLE.search(str(error))
        if match is None:
            raise
        number = label(f"{figure.kind}.prefix", language, **{figure.kind: figure.number})
        word.text(doc, label("report.left_out", language, number=number, table=match.group(1)))
        return
    if figure.kind == "table":
        word.caption(doc, rendered.caption, keep_with_next=True)
        if rendered.data.empty:
            if not rendered.notes:  # the notes say why it is empty, where there are any
                word.note(doc, label("report.empty_table", language))
        else:
            word.table(doc, *render.table_cells(rendered.data, language))
    elif rendered.spec is None and rendered.image is None:
        # nothing to draw (e.g. its table is missing from the warehouse): the notes say why
        word.caption(doc, rendered.caption, keep_with_next=True)
        if not rendered.notes:
            word.note(doc, label("report.empty_table", language))
    else:
        png, scale = render.figure_png(rendered, word.cjk_font())
        word.picture(doc, png, render.png_width(png), scale)
        word.caption(doc, rendered.caption, keep_with_next=False)
    for sentence in rendered.notes:
        word.note(doc, sentence)


def formulas(doc: DocumentType, warehouse: Warehouse, edition: int, language: str) -> None:
    """Normalisation, weighting (the edition's method), aggregation, ranks, tiers, circles: the
    methodology page's words (docs/methodology.md), without its LaTeX."""
    doc.add_heading(label("report.formulas_title", language), level=2)
    word.text(doc, label("report.normalize_words", language))
    for method in warehouse.weighting_methods(edition):
        words = label(f"report.weighting.{method}", language, default="")
        name = label(f"method.{method}", language, default=method)
        word.text(doc, label("report.weighting_words", language, method=name, words=words))
    for key in ("rules_text", "aggregate_text", "rank_text", "tier_text", "circle_text"):
        word.text(doc, label(f"methodology.{key}", language).rstrip("：: "))
