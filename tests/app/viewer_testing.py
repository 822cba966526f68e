"""Helpers for the viewer's tests (AppTest pages, chart specs)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from app.pages import APP_SCRIPT, PAGE_SCRIPTS  # noqa: F401  (APP_SCRIPT: re-exported for the tests)

ROOT = Path(__file__).resolve().parents[2]
PAGES = PAGE_SCRIPTS


def open_page(at: AppTest, page: str, english: bool = False) -> AppTest:
    """Switch to a page (and language) the way a user would, and check it rendered cleanly."""
    toggle = at.toggle(key="lang_en")
    if bool(toggle.value) != english:
        toggle.set_value(english)
    at.switch_page(PAGES[page])
    at.run()
    assert not at.exception, [error.value for error in at.exception]
    return at


def chart_specs(at: AppTest) -> list[dict[str, Any]]:
    """The Vega-Lite specs of the page's charts."""
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def chart_tables(at: AppTest) -> list[dict[str, Any]]:
    """The tabular datasets Streamlit sends beside each chart spec, by name (as DataFrames)."""
    import pyarrow as pa

    tables = []
    for chart in at.get("vega_lite_chart"):
        tables.append(
            {
                dataset.name: pa.ipc.open_stream(dataset.data.data).read_pandas()
                for dataset in chart.proto.datasets
            }
        )
    return tables
