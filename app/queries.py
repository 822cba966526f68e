"""Every query of the viewer: the SQL on the warehouse's public tables.

The figures' SQL lives in app/figures/data.py (it works with any reader, the report document's
too); the viewer calls it here with its cached reader.

The viewer only reads. Ranks, percentiles, medians and means come from the public tables
(docs/public-tables.md); the queries here select, join, filter and order, and name every column
they return, so that a page relies only on columns this project defines.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from app.figures import common, data
from app.warehouse import READER, query

DIMENSIONS = common.DIMENSIONS
LEVELS = common.LEVELS
REPORT_COLUMNS = data.REPORT_COLUMNS

INVALID_ROWS_SHOWN = 1000

# --------------------------------------------------------------------------------------------
# Catalogue: the public tables, their columns and descriptions
# --------------------------------------------------------------------------------------------


def public_catalog() -> pd.DataFrame:
    """Every public table's columns, types and descriptions (from persist_docs comments).

    The public tables are the relations of the schema `main` (docs/public-tables.md).
    """
    return query(
        """
        select table_name, column_name, data_type, coalesce(comment, '') as comment
        from duckdb_columns()
        where schema_name = 'main'
        order by table_name, column_index
        """
    )


def table_comments() -> dict[str, str]:
    """The public tables' descriptions, by name."""
    frame = query(
        """
        select table_name as name, coalesce(comment, '') as comment
        from duckdb_tables() where schema_name = 'main'
        union all
        select view_name, coalesce(comment, '') from duckdb_views()
        where schema_name = 'main' and not internal
        """
    )
    return dict(zip(frame["name"], frame["comment"], strict=True))


# --------------------------------------------------------------------------------------------
# Regions, the indicator tree, editions
# --------------------------------------------------------------------------------------------


def editions() -> list[int]:
    """The editions in the warehouse, oldest first."""
    return data.editions(READER)


def regions(level: str) -> pd.DataFrame:
    return query(
        """
        select
            region_code,
            region_name,
            region_name_en,
            province_code,
            province_name,
            macro_region,
            is_municipality
        from dim_regions
        where region_level = ?
        order by region_code
        """,
        [level],
    )


def indicator_tree() -> pd.DataFrame:
    return data.indicator_tree(READER)


# --------------------------------------------------------------------------------------------
# Scores, ranks, tiers
# --------------------------------------------------------------------------------------------


def index_table(edition: int, level: str) -> pd.DataFrame:
    """fct_index of one edition and level, with English name, province and macro-region."""
    return data.index_table(READER, edition, level)


def compares_with_published(edition: int) -> bool:
    """Whether the edition's total rank changes read against the published previous edition
    (fct_index.total_rank_change_vs_published is not null for it)."""
    return data.compares_with_published(READER, edition)


def rank_change_differences(edition: int, level: str) -> int:
    """Regions whose total rank change against the published previous edition is not the
    recomputed one (0 when the previous edition is not published)."""
    return data.rank_change_differences(READER, edition, level)


def node_scores(edition: int, level: str) -> pd.DataFrame:
    """Scores, ranks and rank changes of every node (levels 0–2) and region, with names."""
    return query(
        """
        select
            scores.region_code,
            regions.region_name,
            regions.region_name_en,
            regions.macro_region,
            scores.node_code,
            tree.node_level,
            tree.parent_code,
            tree.name_zh,
            tree.name_en,
            tree.sort_order,
            scores.score,
            scores.score_rank,
            scores.rank_change
        from fct_node_scores as scores
        inner join dim_regions as regions
            on scores.region_level = regions.region_level
            and scores.region_code = regions.region_code
        inner join dim_indicator_tree as tree
            on scores.node_code = tree.node_code
        where scores.edition = ? and scores.region_level = ?
        order by tree.sort_order, scores.score_rank, scores.region_code
        """,
        [edition, level],
    )


def node_score_statistics(
    edition: int, level: str, group_type: str = "all", group_code: str = "all"
) -> pd.DataFrame:
    """Count, mean, median, min and max of every node's (levels 0–2) scores over a group of
    regions, indexed by node_code: all regions (group_type `all`, group_code `all`) or one tier
    (group_type `tier`, group_code `1`, `2`, … or `untiered`). Empty for a group or an edition
    the warehouse does not hold."""
    frame = query(
        """
        select
            stats.node_code,
            tree.node_level,
            tree.name_zh,
            tree.name_en,
            tree.sort_order,
            stats.region_count,
            stats.mean_score,
            stats.median_score,
            stats.min_score,
            stats.max_score
        from fct_node_score_statistics as stats
        inner join dim_indicator_tree as tree
            on stats.node_code = tree.node_code
        where stats.edition = ?
            and stats.region_level = ?
            and stats.group_type = ?
            and stats.group_code = ?
        order by tree.sort_order
        """,
        [edition, level, group_type, group_code],
    )
    return frame.set_index("node_code")


def tier_group(tier: Any) -> str:
    """The group_code of fct_node_score_statistics for a region's tier (`untiered` for none)."""
    return "untiered" if pd.isna(tier) else str(int(tier))


def region_history(level: str, region_code: str) -> pd.DataFrame:
    """One region's scores, ranks and rank changes of the total and dimensions, every edition."""
    return query(
        """
        select
            scores.edition,
            scores.node_code,
            tree.name_zh,
            tree.name_en,
            tree.sort_order,
            scores.score,
            scores.score_rank,
            scores.rank_change
        from fct_node_scores as scores
        inner join dim_indicator_tree as tree
            on scores.node_code = tree.node_code
        where scores.region_level = ? and scores.region_code = ? and tree.node_level <= 1
        order by scores.edition, tree.sort_order
        """,
        [level, region_code],
    )


# --------------------------------------------------------------------------------------------
# Indicator values and weights
# --------------------------------------------------------------------------------------------


def indicator_values(edition: int, level: str) -> pd.DataFrame:
    """Raw and normalised values of the 18 indicators for every region, with each value's rank,
    percentile and national median (fct_indicator_values), names and units."""
    return query(
        """
        select
            vals.region_code,
            regions.region_name,
            regions.region_name_en,
            regions.province_code,
            regions.province_name,
            regions.macro_region,
            vals.indicator_code,
            tree.name_zh,
            tree.name_en,
            tree.unit,
            tree.parent_code,
            tree.sort_order,
            vals.data_year,
            vals.raw_value,
            vals.normalized_value,
            vals.value_rank,
            vals.value_percentile,
            vals.national_median
        from fct_indicator_values as vals
        inner join dim_regions as regions
            on vals.region_level = regions.region_level
            and vals.region_code = regions.region_code
        inner join dim_indicator_tree as tree
            on vals.indicator_code = tree.node_code
        where vals.edition = ? and vals.region_level = ?
        order by tree.sort_order, vals.region_code
        """,
        [edition, level],
    )


def weights(edition: int, level: str) -> pd.DataFrame:
    """This edition's weights of every node within its parent, in tree order."""
    return data.weights(READER, edition, level)


def indicator_table(edition: int, level: str, indicators: list[str]) -> pd.DataFrame:
    """Raw values of `indicators`, one row per region and one column per indicator."""
    return data.indicator_table(READER, edition, level, indicators)


# --------------------------------------------------------------------------------------------
# Economic circles
# --------------------------------------------------------------------------------------------


def circle_scores(edition: int) -> pd.DataFrame:
    """Every circle's score, rank and rank change per node (levels 0–2), with names."""
    return data.circle_scores(READER, edition)


def circle_member_scores(edition: int) -> pd.DataFrame:
    """Member cities of every circle with their total and dimension scores and ranks."""
    return data.circle_member_scores(READER, edition)


# --------------------------------------------------------------------------------------------
# The report's tables
# --------------------------------------------------------------------------------------------


def report_table(view: str, edition: int) -> pd.DataFrame:
    """One of the report's tables (表2-1 … 2-3) for one edition, as the warehouse has it."""
    return data.report_table(READER, view, edition)


# --------------------------------------------------------------------------------------------
# Provenance: the build, its raw files, invalid rows
# --------------------------------------------------------------------------------------------


def build_info() -> pd.DataFrame:
    """The build's provenance, one row with every column build_info has (shown as a record)."""
    return query("select * from build_info")


def tier_settings() -> pd.DataFrame:
    """The tier settings the build used (one row)."""
    return query("select tier_method, tier_top_n, tier_count, tier_rank_cutoffs from build_info")


def is_sample() -> bool:
    """Whether the warehouse was built from the bundled synthetic sample (build_info says so)."""
    frame = query("select is_sample_data from build_info")
    return bool(len(frame) and frame["is_sample_data"].iloc[0])


def build_raw_files() -> pd.DataFrame:
    """The raw files the build read: path, checksum, rows read, valid and invalid."""
    return query(
        """
        select
            table_name,
            file_source,
            file_format,
            file_path,
            file_size_bytes,
            file_sha256,
            file_modified_at,
            row_count,
            valid_row_count,
            invalid_row_count
        from build_raw_files
        order by table_name
        """
    )


def invalid_row_total() -> int:
    """How many raw rows break a contract rule (build_info.invalid_row_count)."""
    frame = query("select invalid_row_count from build_info")
    return int(frame["invalid_row_count"].iloc[0]) if len(frame) else 0


def invalid_rows(limit: int = INVALID_ROWS_SHOWN) -> pd.DataFrame:
    """The first `limit` invalid raw rows with their rule and reason (empty when there are none)."""
    return query(
        """
        select source_table, source_row, row_key, rule, column_name, raw_value, reason
        from invalid_rows
        order by source_table, source_row, rule, column_name
        limit ?
        """,
        [limit],
    )
