"""`python -m bdi.report` (what `make report` runs): see bdi/report/__init__.py."""

from __future__ import annotations

import sys

from bdi.report.build import ReportError, Settings, build_report


def quiet_streamlit() -> None:
    """The figures share code with the viewer, which may touch Streamlit outside a session;
    its bare-mode warnings ("missing ScriptRunContext") are noise in a command's output."""
    from streamlit import logger

    logger.set_log_level("error")


def main() -> int:
    quiet_streamlit()
    try:
        report = build_report(Settings.from_env())
    except ReportError as error:
        print(f"bdi.report: {error}", file=sys.stderr)
        return 2
    print(f"Wrote {report.docx} ({report.seconds_docx:.1f} s)")
    if report.pdf is not None:
        print(f"Wrote {report.pdf} ({report.seconds_pdf:.1f} s)")
        return 0
    print(f"bdi.report: {report.pdf_problem}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
