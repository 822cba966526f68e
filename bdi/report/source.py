"""The warehouse the report reads: a read-only DuckDB connection (the report never writes, and
works while the viewer has the file open) that is also the figures' `Reader`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

# Read-only, no files or extensions: the report reads the public tables and nothing else.
CONNECTION_CONFIG: dict[str, Any] = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "threads": 2,
}


class Warehouse:
    """The published warehouse, read-only; `query` makes it an app.figures Reader."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.connection = duckdb.connect(str(path), read_only=True, config=CONNECTION_CONFIG)
        self.tables = {
            row[0]
            for row in self.connection.execute(
                "select table_name from information_schema.tables where table_schema = 'main'"
            ).fetchall()
        }

    def close(self) -> None:
        self.connection.close()

    def query(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        return self.connection.execute(sql, list(params)).df()

    def has(self, table: str) -> bool:
        return table in self.tables

    def editions(self) -> list[int]:
        if not self.has("fct_index"):
            return []
        rows = self.connection.execute("select distinct edition from fct_index order by 1")
        return [int(row[0]) for row in rows.fetchall()]

    def build_info(self) -> dict[str, Any]:
        """build_info's one row as a dict (empty when the warehouse has none)."""
        if not self.has("build_info"):
            return {}
        frame = self.query("select * from build_info")
        return {} if frame.empty else frame.iloc[0].to_dict()

    def data_years(self, edition: int) -> tuple[int, int] | None:
        if not self.has("fct_indicator_values"):
            return None
        row = self.connection.execute(
            "select min(data_year), max(data_year) from fct_indicator_values where edition = ?",
            [edition],
        ).fetchone()
        return None if row is None or row[0] is None else (int(row[0]), int(row[1]))

    def weighting_methods(self, edition: int) -> list[str]:
        if not self.has("fct_weights"):
            return []
        rows = self.connection.execute(
            "select distinct weighting_method from fct_weights where edition = ? order by 1",
            [edition],
        )
        return [str(row[0]) for row in rows.fetchall() if row[0] is not None]

    def row_count(self, table: str, edition: int) -> int:
        if not self.has(table):
            return 0
        row = self.connection.execute(
            f"select count(*) from {table} where edition = ?", [edition]
        ).fetchone()
        return int(row[0]) if row else 0
