"""Appendix B, data provenance (附录 数据来源): the raw files the build read, the invalid rows it
set aside, and the build itself. Tables B-1 to B-3 of the report document; the viewer's
methodology page may show the same.

They describe the build, not an edition: every edition of a warehouse has the same appendix.
"""

from __future__ import annotations

import pandas as pd

from app.figures import register
from app.figures.spec import Figure, Reader, Rendered, caption
from app.labels import label

# The build_info columns the appendix lists, in this order (the rest are in the warehouse).
BUILD_ITEMS = (
    "built_at",
    "built_with",
    "raw_source",
    "is_sample_data",
    "git_commit",
    "git_is_dirty",
    "dbt_version",
    "duckdb_version",
    "first_edition",
    "last_edition",
    "weighting_method",
    "tier_method",
    "tier_rank_cutoffs",
    "circle_method",
    "allow_invalid_rows",
    "raw_row_count",
    "invalid_row_count",
)


def _raw_files(reader: Reader, edition: int, language: str) -> Rendered:
    data = reader.query(
        """
        select table_name, file_format, file_path, row_count, valid_row_count,
               invalid_row_count, file_size_bytes, file_sha256
        from build_raw_files
        order by table_name
        """
    )
    return Rendered(caption(RAW_FILES, language), data)


def _invalid_rows(reader: Reader, edition: int, language: str) -> Rendered:
    data = reader.query(
        """
        select source_table, rule, count(*) as row_count
        from invalid_rows
        group by source_table, rule
        order by source_table, rule
        """
    )
    total = int(data["row_count"].sum()) if len(data) else 0
    note = (
        label("prov.invalid_rows.total", language, count=total)
        if total
        else label("methodology.no_invalid_rows", language)
    )
    return Rendered(caption(INVALID_ROWS, language), data, notes=[note])


def _build(reader: Reader, edition: int, language: str) -> Rendered:
    info = reader.query("select * from build_info")
    items = [column for column in BUILD_ITEMS if column in info.columns]
    values = [
        "" if not len(info) or pd.isna(info[c].iloc[0]) else str(info[c].iloc[0]) for c in items
    ]
    data = pd.DataFrame({"item": items, "value": values})
    return Rendered(caption(BUILD, language), data)


RAW_FILES = Figure("table", "B-1", "prov.raw_files", "B", _raw_files)
INVALID_ROWS = Figure("table", "B-2", "prov.invalid_rows", "B", _invalid_rows)
BUILD = Figure("table", "B-3", "prov.build", "B", _build)

register(RAW_FILES, INVALID_ROWS, BUILD)
