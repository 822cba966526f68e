"""The viewer in a real headless Chromium (Debian's, driven by Playwright's Python package).

Opens every page, finds no Streamlit exception and no request leaving the machine, switches the
language, downloads a table as Excel, has the SQL console refuse a write, and keeps screenshots
in artifacts/screenshots/.
"""

from __future__ import annotations

import contextlib
import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from openpyxl import load_workbook
from viewer_testing import ROOT

from app.pages import PAGES as APP_PAGES

CHROMIUM = Path("/usr/bin/chromium")
INSTALL_SCRIPT = Path(__file__).with_name("install_browser.sh")
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1440, "height": 2400}  # tall: Streamlit scrolls inside its own container
# Every page of app/pages.py, by its URL path (the first page is the root).
PAGES = ["" if index == 0 else name for index, (name, _script, _icon) in enumerate(APP_PAGES)]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}

pytestmark = pytest.mark.e2e


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        installed = subprocess.run(["bash", str(INSTALL_SCRIPT)], capture_output=True, text=True)
        if installed.returncode != 0 or not CHROMIUM.exists():
            pytest.fail(f"could not install Chromium with {INSTALL_SCRIPT}:\n{installed.stderr}")
    return CHROMIUM


@pytest.fixture(scope="module")
def server(warehouse: Path) -> Iterator[str]:
    """`streamlit run` on a free port, as `make app` starts it."""
    port = _free_port()
    log = (ROOT / "artifacts").joinpath("e2e-streamlit.log")
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app" / "streamlit_app.py"),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
            ],
            cwd=ROOT,
            env={**os.environ, "BDI_WAREHOUSE": str(warehouse)},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        base = f"http://localhost:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as reply:
                        if reply.status == 200:
                            break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start; see {log}")
                time.sleep(0.3)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=20)


def _wait_until_rendered(page) -> None:  # noqa: ANN001 (playwright Page)
    """The script has finished and every visible chart has drawn (a chart in a tab that is
    not open draws when the tab opens: the page test opens every tab).

    Right after navigation the app can report "notRunning" before its first run has started,
    so first wait for the page's title, which every page writes.
    """
    page.wait_for_selector("h1", timeout=60_000)
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000
    )
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
                 .filter(chart => chart.offsetParent !== null)
                 .every(chart => chart.querySelector('canvas, svg'))""",
        timeout=60_000,
    )


def test_every_page_in_a_real_browser(chromium: Path, server: str, tmp_path: Path) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    requests: list[str] = []
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="zh-CN")
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        try:
            for path in PAGES:
                page.goto(f"{server}/{path}")
                _wait_until_rendered(page)
                exceptions = page.locator('[data-testid="stException"]')
                if exceptions.count():
                    problems.append(f"/{path}: {exceptions.first.inner_text()}")
                charted = (
                    "",
                    "provinces",
                    "cities",
                    "circles",
                    "indicators",
                    "topics",
                    "robustness",
                )
                if path in charted:
                    # a chart missing after 60 s fails here, with the assertion below
                    with contextlib.suppress(PlaywrightTimeout):
                        page.wait_for_selector('[data-testid="stVegaLiteChart"]', timeout=60_000)
                    _wait_until_rendered(page)
                    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 1, path
                if path == "topics":
                    # the policy word cloud (figure 4-5), a PNG served by the app itself
                    page.wait_for_selector('[data-testid="stImage"] img', timeout=60_000)
                    assert page.evaluate(
                        """() => [...document.querySelectorAll('[data-testid="stImage"] img')]
                                 .every(img => img.complete && img.naturalWidth > 0)"""
                    ), "the word cloud did not load"
                page.screenshot(path=str(SCREENSHOTS / f"{path or 'overview'}.png"))
                for position, tab in enumerate(page.get_by_role("tab").all()):
                    tab.click()
                    _wait_until_rendered(page)
                    if page.locator('[data-testid="stException"]').count():
                        problems.append(f"/{path}, tab {position}: exception")
                    page.screenshot(
                        path=str(SCREENSHOTS / f"{path or 'overview'}_tab{position}.png")
                    )

            # Chinese by default; English with one switch.
            page.goto(server)
            _wait_until_rendered(page)
            assert page.get_by_role("heading", name="总览").count() == 1
            page.get_by_text("English", exact=True).click()
            page.get_by_role("heading", name="Overview").wait_for(timeout=30_000)
            _wait_until_rendered(page)
            page.screenshot(path=str(SCREENSHOTS / "overview_en.png"))

            # A table downloads as an Excel file.
            with page.expect_download(timeout=30_000) as download_info:
                page.get_by_role("button", name="Download Excel").first.click()
            saved = tmp_path / download_info.value.suggested_filename
            download_info.value.save_as(saved)
            assert saved.suffix == ".xlsx"
            rows = list(load_workbook(io.BytesIO(saved.read_bytes())).active.values)
            assert len(rows) == 32  # header + 31 provinces

            # The console refuses a write and the viewer stays up.
            page.goto(f"{server}/sql")
            _wait_until_rendered(page)
            page.locator("textarea").fill("copy fct_index to '/tmp/bdi_e2e_leak.csv'")
            page.get_by_role("button", name="运行").click()
            page.get_by_text("不允许 COPY").wait_for(timeout=30_000)
            assert not Path("/tmp/bdi_e2e_leak.csv").exists()
            page.screenshot(path=str(SCREENSHOTS / "sql_refused.png"))
            assert page.locator('[data-testid="stException"]').count() == 0
        finally:
            browser.close()

    leaving = sorted(
        {
            url
            for url in requests
            if urlparse(url).scheme not in ("data", "blob")
            and urlparse(url).hostname not in LOCAL_HOSTS
        }
    )
    assert leaving == [], f"requests leaving the machine: {leaving}"
    assert problems == []
    assert len(requests) > 20
