"""The PDF: LibreOffice in headless mode converts the .docx (the same content; the Word file is
the one analysts edit). LibreOffice embeds the fonts the document uses, the CJK font included."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

PACKAGE = "libreoffice-writer-nogui"  # Debian's LibreOffice Writer without its GUI
TIMEOUT_SECONDS = 300


class PdfError(RuntimeError):
    """LibreOffice is missing or failed."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(docx: Path, pdf: Path) -> Path:
    """Write `pdf` from `docx`; a private LibreOffice profile, so that a LibreOffice the user
    has open (or a second conversion) does not take the job over."""
    program = soffice()
    if program is None:
        raise PdfError(
            f"no PDF: LibreOffice is not installed; install the Debian package {PACKAGE} "
            f"(sudo apt-get install {PACKAGE} fonts-noto-cjk), then run make report again"
        )
    with tempfile.TemporaryDirectory(prefix="bdi-report-") as work:
        profile = Path(work, "profile").as_uri()
        out_dir = Path(work, "out")
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(out_dir),
            str(docx),
        ]
        try:
            run = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired as error:
            raise PdfError(
                f"LibreOffice took over {TIMEOUT_SECONDS} s converting {docx}"
            ) from error
        produced = out_dir / f"{docx.stem}.pdf"
        if run.returncode != 0 or not produced.exists():
            detail = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no output"]
            raise PdfError(
                f"LibreOffice could not convert {docx} (exit {run.returncode}): {detail[0]}"
            )
        shutil.move(produced, pdf)
    return pdf
