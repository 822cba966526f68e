"""The overview page offers the report document: the files of the selected edition and language
when they are newer than the warehouse, else a button that runs `python -m bdi.report`."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from app import report_download
from app.pages import APP_SCRIPT, PAGE_SCRIPTS


def _overview(monkeypatch: pytest.MonkeyPatch, folder: Path) -> AppTest:
    monkeypatch.setenv("BDI_DOCUMENT_DIR", str(folder))
    at = AppTest.from_file(str(APP_SCRIPT), default_timeout=60)
    at.run()
    at.switch_page(PAGE_SCRIPTS["overview"])
    at.run()
    assert not at.exception, [error.value for error in at.exception]
    return at


def _edition(at: AppTest) -> int:
    return int(at.selectbox(key="edition").value)


def _downloads(at: AppTest) -> list[str]:
    return [button.proto.label for button in at.get("download_button") if "report" in button.key]


def _build_buttons(at: AppTest) -> list[Any]:
    return [button for button in at.button if str(button.key).startswith("report_")]


def test_current_files_are_offered_for_download(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, warehouse_path: Path
) -> None:
    at = _overview(monkeypatch, tmp_path)
    edition = _edition(at)
    assert len(_build_buttons(at)) == 1 and _downloads(at) == []
    for suffix in ("docx", "pdf"):
        (tmp_path / f"bdi-report-{edition}.{suffix}").write_bytes(b"document")
    at.run()
    assert _build_buttons(at) == []
    assert len(_downloads(at)) == 2
    # a document older than the warehouse is stale: built again rather than offered
    old = warehouse_path.stat().st_mtime - 60
    for path in tmp_path.iterdir():
        os.utime(path, (old, old))
    at.run()
    assert len(_build_buttons(at)) == 1 and _downloads(at) == []


def test_the_button_runs_make_reports_command_for_the_edition_and_language(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[tuple[list[str], dict[str, str]]] = []

    def fake_run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        calls.append((command, kwargs["env"]))
        stem = f"bdi-report-{kwargs['env']['BDI_REPORT_EDITION']}"
        for suffix in ("docx", "pdf"):
            (tmp_path / f"{stem}.{suffix}").write_bytes(b"document")
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(report_download.subprocess, "run", fake_run)
    at = _overview(monkeypatch, tmp_path)
    _build_buttons(at)[0].click()
    at.run()
    assert not at.exception
    [(command, env)] = calls
    assert command[1:] == ["-m", "bdi.report"]
    assert env["BDI_REPORT_EDITION"] == str(_edition(at)) and env["BDI_REPORT_LANG"] == "zh"
    assert len(_downloads(at)) == 2
