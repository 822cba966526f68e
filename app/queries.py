"""Every query of the viewer: the SQL on the warehouse's public tables, in one place.

The viewer only reads. Ranks, percentiles, medians and means come from the public tables
(docs/public-tables.md); the queries here select, join, filter and order, and name every column
they return, so that a page relies only on columns this project defines.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from app.warehouse import query

DIMENSIONS: tuple[str, ...] = ("industry_level", "industry_innovation", "industry_environment")
LEVELS: tuple[str, ...] = ("province", "city")

# The report's tables (表2-1 … 2-3), with the columns each one has, in the report's order.
REPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "rpt_table_2_1_top_provinces": (
        "total_rank",
        "region_code",
        "region_name",
        "total_score",
        "industry_level_rank",
        "industry_innovation_rank",
        "industry_environment_rank",
        "total_rank_change",
    ),
    "rpt_table_2_2_top_cities": (
        "total_rank",
        "region_code",
        "region_name",
        "total_score",
        "total_rank_change",
        "industry_level_rank",
        "industry_innovation_rank",
        "industry_environment_rank",
        "tier",
    ),
    "rpt_table_2_3_circles": (
        "circle_code",
        "circle_name",
        "member_count",
        "total_score",
        "total_rank",
        "total_rank_change",
        "industry_level_score",
        "industry_level_rank",
        "industry_level_rank_change",
        "industry_innovation_score",
        "industry_innovation_rank",
        "industry_innovation_rank_change",
        "industry_environment_score",
        "industry_environment_rank",
        "industry_environment_rank_change",
    ),
}

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
    frame = query("select distinct edition from fct_index order by edition")
    return [int(value) for value in frame["edition"]]


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
    return query(
        """
        select node_code, node_level, parent_code, name_zh, name_en, direction, unit, sort_order
        from dim_indicator_tree
        order by sort_order
        """
    )


# --------------------------------------------------------------------------------------------
# Scores, ranks, tiers
# --------------------------------------------------------------------------------------------


def index_table(edition: int, level: str) -> pd.DataFrame:
    """fct_index of one edition and level, with English name, province and macro-region."""
    return query(
        """
        select
            idx.region_code,
            idx.region_name,
            regions.region_name_en,
            regions.province_code,
            regions.province_name,
            regions.macro_region,
            idx.total_score,
            idx.industry_level_score,
            idx.industry_innovation_score,
            idx.industry_environment_score,
            idx.total_rank,
            idx.industry_level_rank,
            idx.industry_innovation_rank,
            idx.industry_environment_rank,
            idx.total_rank_change,
            idx.tier
        from fct_index as idx
        inner join dim_regions as regions
            on idx.region_level = regions.region_level
            and idx.region_code = regions.region_code
        where idx.edition = ? and idx.region_level = ?
        order by idx.total_rank, idx.region_code
        """,
        [edition, level],
    )


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
    return query(
        """
        select
            tree.node_code,
            tree.node_level,
            tree.parent_code,
            tree.name_zh,
            tree.name_en,
            tree.direction,
            tree.unit,
            tree.sort_order,
            weights.weight,
            -- the total is the whole index
            case when tree.node_level = 0 then 1.0 else weights.weight_in_total end
                as weight_in_total,
            weights.weighting_method
        from dim_indicator_tree as tree
        left join fct_weights as weights
            on tree.node_code = weights.node_code
            and weights.edition = ?
            and weights.region_level = ?
        order by tree.sort_order
        """,
        [edition, level],
    )


# --------------------------------------------------------------------------------------------
# Economic circles
# --------------------------------------------------------------------------------------------


def circle_scores(edition: int) -> pd.DataFrame:
    """Every circle's score, rank and rank change per node (levels 0–2), with names."""
    return query(
        """
        with

        circle_names as (
            select distinct circle_code, circle_name_en from dim_circle_members
        ),

        final as (
            select
                scores.circle_code,
                scores.circle_name,
                circle_names.circle_name_en,
                scores.member_count,
                scores.node_code,
                tree.node_level,
                tree.name_zh,
                tree.name_en,
                tree.sort_order,
                scores.score,
                scores.score_rank,
                scores.rank_change
            from fct_circle_scores as scores
            inner join dim_indicator_tree as tree
                on scores.node_code = tree.node_code
            left join circle_names
                on scores.circle_code = circle_names.circle_code
            where scores.edition = ?
        )

        select * from final
        order by sort_order, score_rank, circle_code
        """,
        [edition],
    )


def circle_member_scores(edition: int) -> pd.DataFrame:
    """Member cities of every circle with their total and dimension scores and ranks."""
    return query(
        """
        select
            members.circle_code,
            members.circle_name,
            members.circle_name_en,
            idx.region_code,
            idx.region_name,
            regions.region_name_en,
            idx.total_score,
            idx.industry_level_score,
            idx.industry_innovation_score,
            idx.industry_environment_score,
            idx.total_rank,
            idx.industry_level_rank,
            idx.industry_innovation_rank,
            idx.industry_environment_rank
        from dim_circle_members as members
        inner join fct_index as idx
            on members.region_code = idx.region_code
            and idx.region_level = 'city'
            and idx.edition = ?
        inner join dim_regions as regions
            on regions.region_level = 'city'
            and members.region_code = regions.region_code
        order by members.circle_code, idx.total_rank
        """,
        [edition],
    )


# --------------------------------------------------------------------------------------------
# The report's tables
# --------------------------------------------------------------------------------------------


def report_table(view: str, edition: int) -> pd.DataFrame:
    """One of the report's tables (表2-1 … 2-3) for one edition, as the warehouse has it."""
    if view not in REPORT_COLUMNS:
        raise ValueError(f"not a report table: {view}")
    columns = ", ".join(REPORT_COLUMNS[view])
    return query(f"select {columns} from {view} where edition = ? order by total_rank", [edition])


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
