"""The yearly report document: `make report` (`python -m bdi.report`) turns a published
warehouse into the report's data chapters, an editable Word file and a PDF (docs/report.md).

- source.py: the warehouse, opened read-only, and what the report needs to know about it;
- content.py: what the document says, chapter by chapter (the figures and tables of the
  catalogue app/figures, the statements of fct_report_facts, the cover, the formulas);
- word.py: python-docx primitives (CJK fonts in the styles, real tables, captions, footers);
- pictures.py: a figure's PNG, rendered offline from its Vega-Lite spec by vl-convert;
- pdf.py: the PDF, converted from the .docx by LibreOffice in headless mode.
"""

from bdi.report.build import ReportError, Settings, build_report

__all__ = ["ReportError", "Settings", "build_report"]
