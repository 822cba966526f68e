"""`make report`: settings from the environment, the checks that stop with one line, the .docx
written next to the PDF (reports/bdi-report-<edition>[-en].docx|.pdf)."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb

from app.labels import LANGUAGES
from bdi.report import pdf
from bdi.report.source import Warehouse

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class ReportError(RuntimeError):
    """Bad input: one line saying what to run."""


@dataclass(frozen=True)
class Settings:
    warehouse: Path
    edition: int | None  # None: the latest
    language: str
    out_dir: Path
    with_pdf: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        """BDI_WAREHOUSE, BDI_REPORT_EDITION, BDI_REPORT_LANG, BDI_DOCUMENT_DIR (relative paths
        from the project root, as the build and the viewer read them)."""
        language = (env.get("BDI_REPORT_LANG") or "zh").strip().lower()
        if language not in LANGUAGES:
            raise ReportError(f"BDI_REPORT_LANG={language!r}: use one of {', '.join(LANGUAGES)}")
        edition_text = (env.get("BDI_REPORT_EDITION") or "").strip()
        if edition_text and not edition_text.isdigit():
            raise ReportError(f"BDI_REPORT_EDITION={edition_text!r} is not a year such as 2025")
        return cls(
            warehouse=_project_path(env.get("BDI_WAREHOUSE") or "warehouse.duckdb"),
            edition=int(edition_text) if edition_text else None,
            language=language,
            out_dir=_project_path(env.get("BDI_DOCUMENT_DIR") or "reports"),
        )


@dataclass(frozen=True)
class Report:
    edition: int
    docx: Path
    pdf: Path | None
    pdf_problem: str | None
    seconds_docx: float
    seconds_pdf: float


def _project_path(value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else PROJECT_ROOT / path


def open_warehouse(path: Path) -> Warehouse:
    if not path.exists():
        raise ReportError(f"no warehouse at {path}: run `make build` first (or set BDI_WAREHOUSE)")
    try:
        return Warehouse(path)
    except duckdb.IOException as error:
        raise ReportError(
            f"cannot read {path} ({str(error).splitlines()[0]}): another process is writing it; "
            "run make report again when it has finished"
        ) from error


def choose_edition(warehouse: Warehouse, wanted: int | None) -> int:
    editions = warehouse.editions()
    if not editions:
        raise ReportError(f"{warehouse.path} has no index (fct_index): run `make build` first")
    if wanted is None:
        return editions[-1]
    if wanted not in editions:
        raise ReportError(
            f"{warehouse.path} has no edition {wanted} (it has {editions[0]}–{editions[-1]}): "
            f"set BDI_REPORT_EDITION to one of them, or run `make build` with raw data for {wanted}"
        )
    return wanted


def file_stem(edition: int, language: str) -> str:
    return f"bdi-report-{edition}" + ("" if language == "zh" else f"-{language}")


def build_report(settings: Settings) -> Report:
    """Write the .docx, then the PDF from it. Raises ReportError on bad input; a missing or
    failing LibreOffice leaves the .docx written and says why in `pdf_problem`."""
    started = time.perf_counter()
    warehouse = open_warehouse(settings.warehouse)
    try:
        edition = choose_edition(warehouse, settings.edition)
        # The catalogue (app/figures, Altair, the maps) loads only once the input is known good.
        from bdi.report import content

        document = content.document(warehouse, edition, settings.language)
    finally:
        warehouse.close()
    settings.out_dir.mkdir(parents=True, exist_ok=True)
    stem = file_stem(edition, settings.language)
    docx = settings.out_dir / f"{stem}.docx"
    partial = docx.with_suffix(".docx.part")
    document.save(str(partial))
    partial.replace(docx)  # a reader (the viewer's download) never sees half a file
    seconds_docx = time.perf_counter() - started
    pdf_path, problem = None, None
    if settings.with_pdf:
        try:
            partial_pdf = pdf.convert(docx, settings.out_dir / f"{stem}.pdf.part")
            pdf_path = partial_pdf.replace(settings.out_dir / f"{stem}.pdf")
        except pdf.PdfError as error:
            problem = str(error)
    return Report(
        edition=edition,
        docx=docx,
        pdf=pdf_path,
        pdf_problem=problem,
        seconds_docx=seconds_docx,
        seconds_pdf=time.perf_counter() - started - seconds_docx,
    )
