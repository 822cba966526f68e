"""Fixtures shared by the tests of tests/python: the warehouse that `make build` published."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def warehouse() -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the published warehouse (BDI_WAREHOUSE, default
    warehouse.duckdb); fails when there is none."""
    path = Path(os.environ.get("BDI_WAREHOUSE", ROOT / "warehouse.duckdb"))
    if not path.exists():
        pytest.fail(f"no warehouse at {path}: run `make build` first (`make test` does)")
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()
