"""Fixtures for the viewer's tests: the warehouse that `make build` published, and AppTest."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# Validate every chart against the Vega-Lite schema while testing (read when app.charts loads).
os.environ.setdefault("BDI_VALIDATE_CHARTS", "1")

import pytest  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402
from viewer_testing import APP_SCRIPT  # noqa: E402

from app import warehouse as db  # noqa: E402


@pytest.fixture(scope="session")
def warehouse() -> Path:
    """The published warehouse (BDI_WAREHOUSE, default warehouse.duckdb): `make build` makes it."""
    path = db.warehouse_path()
    if not path.exists():
        pytest.fail(f"no warehouse at {path}: run `make build` first (`make test` does)")
    return path


@pytest.fixture(scope="session")
def sql(warehouse: Path) -> Callable[..., list[tuple[Any, ...]]]:
    """Expected values straight from the warehouse, independent of the viewer's queries."""

    def run(statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with db.connect(warehouse) as con:
            return con.execute(statement, list(params)).fetchall()

    return run


@pytest.fixture(scope="session")
def latest_edition(sql: Callable[..., list[tuple[Any, ...]]]) -> int:
    return int(sql("select max(edition) from fct_index")[0][0])


@pytest.fixture
def app(warehouse: Path) -> Iterator[AppTest]:
    """The viewer, run once on its default page, in Chinese."""
    at = AppTest.from_file(str(APP_SCRIPT), default_timeout=60)
    at.run()
    assert not at.exception, [error.value for error in at.exception]
    yield at


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: the viewer in a real headless Chromium")
