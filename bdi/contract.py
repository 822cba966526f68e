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


def read_optional_tables(path: Path = SOURCES_YML) -> dict[str, str]:
    """{table: its set} of the optional tables of source `raw` (config.meta.optional_set): the
    tables of one set come together or not at all (the special topics: topics, topic_values)."""
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    [source] = [source for source in spec["sources"] if source["name"] == "raw"]
    return {
        table["name"]: table["config"]["meta"]["optional_set"]
        for table in source["tables"]
        if table.get("config", {}).get("meta", {}).get("optional_set")
    }


# The raw tables, with the data contract's columns in the contract's order.
TABLES: dict[str, tuple[str, ...]] = read_raw_tables()

RAW_TABLES: tuple[str, ...] = tuple(TABLES)

# The optional ones (they may be absent, together) and the ones every build needs.
OPTIONAL_TABLES: dict[str, str] = read_optional_tables()
REQUIRED_TABLES: tuple[str, ...] = tuple(t for t in TABLES if t not in OPTIONAL_TABLES)
