"""Fixtures of the report document's tests: the sample warehouse (`make build` publishes it) and
a read-only connection to it (the report's own reader class, as a second reader would open it)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bdi.report.source import Warehouse

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def warehouse_path() -> Path:
    path = Path(os.environ.get("BDI_WAREHOUSE") or "warehouse.duckdb")
    path = path if path.is_absolute() else ROOT / path
    if not path.exists():
        pytest.fail(f"no warehouse at {path}: run `make build` first (`make test` does)")
    return path


@pytest.fixture(scope="module")
def reader(warehouse_path: Path) -> Iterator[Warehouse]:
    """A read-only connection, open for the module: the report must work beside it."""
    warehouse = Warehouse(warehouse_path)
    yield warehouse
    warehouse.close()
