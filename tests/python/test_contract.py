"""The Python tools and the dbt staging layer must agree on the data contract's columns."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from bdi.contract import TABLES

MACRO = Path(__file__).resolve().parents[2] / "macros" / "staging" / "raw_tables.sql"


def dbt_raw_table_columns() -> dict[str, list[str]]:
    """The dict literal returned by the macro raw_table_columns(), read as Python."""
    text = MACRO.read_text(encoding="utf-8")
    body = text[text.index("{% macro raw_table_columns() %}") :]
    literal = re.search(r"return\((\{.*?\})\)", body, flags=re.S)
    assert literal, "raw_table_columns() no longer returns a dict literal"
    return ast.literal_eval(literal.group(1))


def test_python_and_dbt_know_the_same_raw_columns() -> None:
    assert dbt_raw_table_columns() == {table: list(columns) for table, columns in TABLES.items()}
