"""The raw tables of the data contract (docs/data-contract.md), for the Python tools.

The one list of raw tables and columns is dbt's source `raw`, models/staging/_raw__sources.yml:
the on-run-start hook checks the raw files against it and the staging models read it. This module
reads that file, so the sample generator, the benchmark and the tests use the same list.
"""

from __future__ import annotations

from pathlib import Path

import yaml

SOURCES_YML = Path(__file__).resolve().parents[1] / "models" / "staging" / "_raw__sources.yml"


def read_raw_tables(path: Path = SOURCES_YML) -> dict[str, tuple[str, ...]]:
    """{table: columns} of source `raw`, in the yml's order (the data contract's)."""
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    [source] = [source for source in spec["sources"] if source["name"] == "raw"]
    return {
        table["name"]: tuple(column["name"] for column in table.get("columns", []))
        for table in source["tables"]
    }


# The raw tables, with the data contract's columns in the contract's order.
TABLES: dict[str, tuple[str, ...]] = read_raw_tables()

RAW_TABLES: tuple[str, ...] = tuple(TABLES)
