"""The report document on the overview page: the Word file and the PDF of the selected edition,
in the viewer's language, to download.

Files in the document folder (reports/, BDI_DOCUMENT_DIR) that are newer than the warehouse are
offered as they are; otherwise a button builds them with `python -m bdi.report` (what
`make report` runs) in a separate process: only the section waits for it, in a fragment, while
the rest of the page and other sessions keep working.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import streamlit as st

from app.i18n import lang, t
from app.warehouse import warehouse_path
from bdi.report.build import PROJECT_ROOT, Settings, file_stem

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"
BUILD_TIMEOUT_SECONDS = 600


def _current(path: Path, warehouse: Path) -> bool:
    """A document exists and was written after the warehouse was published."""
    try:
        return path.stat().st_mtime >= warehouse.stat().st_mtime
    except FileNotFoundError:
        return False


def _build(edition: int, language: str, warehouse: Path) -> None:
    env = {
        **os.environ,
        "BDI_WAREHOUSE": str(warehouse),
        "BDI_REPORT_EDITION": str(edition),
        "BDI_REPORT_LANG": language,
    }
    with st.spinner(t("report.download_building")):
        run = subprocess.run(
            [sys.executable, "-m", "bdi.report"],
            cwd=PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT_SECONDS,
            check=False,
        )
    if run.returncode != 0:
        lines = run.stderr.strip().splitlines() or [f"exit {run.returncode}"]
        st.error(t("report.download_failed", message=lines[-1]))


@st.fragment
def offer(edition: int) -> None:
    """The section: download buttons for current files, a build button for missing ones."""
    st.subheader(t("report.download_title"))
    language = lang()
    warehouse = warehouse_path()
    folder = Settings.from_env().out_dir
    stem = file_stem(edition, language)
    files = ((folder / f"{stem}.docx", DOCX_MIME), (folder / f"{stem}.pdf", PDF_MIME))
    if not all(_current(path, warehouse) for path, _ in files):
        if st.button(t("report.download_build", edition=edition), key=f"report_{stem}"):
            _build(edition, language, warehouse)
    row = st.container(horizontal=True)
    for path, mime in files:
        if _current(path, warehouse):
            kind = "docx" if mime == DOCX_MIME else "pdf"
            row.download_button(
                t(f"report.download_{kind}"),
                data=path.read_bytes,
                file_name=path.name,
                mime=mime,
                key=f"report_{kind}_{stem}",
                on_click="ignore",
                icon=":material/download:",
            )
