"""The SQL of the figures: reads of the warehouse's public tables through any `Reader`.

The viewer passes its cached reader (app/warehouse.py READER, through app/queries.py); the report
document and the tests pass `DuckDBReader`, a plain read-only DuckDB connection. Ranks, counts and
medians come from the public tables (docs/public-tables.md); the queries select, join, filter,
order and count rows, and name every column they return.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from app.figures.common import DIMENSIONS, NODES
from app.figures.spec import Reader

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
        "tier",
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
        "industry_level_rank_change",
        "industry_innovation_rank_change",
        "industry_environment_rank_change",
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
# The report's region tables and their level: fct_index adds the total rank change against the
# published previous edition (total_rank_change_vs_published), which the views do not carry.
REPORT_LEVELS: dict[str, str] = {
    "rpt_table_2_1_top_provinces": "province",
    "rpt_table_2_2_top_cities": "city",
}
# fct_index's two total rank changes: recomputed, and against the published previous edition.
TOTAL_RANK_CHANGES: tuple[str, ...] = ("total_rank_change", "total_rank_change_vs_published")
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


class DuckDBReader:
    """A `Reader` over one DuckDB connection (the report document's, the tests')."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    @classmethod
    def open(cls, path: str | Path) -> DuckDBReader:
        """A read-only connection to the warehouse file at `path`."""
        import duckdb

        return cls(duckdb.connect(str(path), read_only=True))

    def query(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        return self.connection.execute(sql, list(params)).df()

    def close(self) -> None:
        self.connection.close()


def _code(code: str) -> str:
    """A node or indicator code, checked before it becomes part of a column name."""
    if not _CODE.match(code):
        raise ValueError(f"not a node code: {code!r}")
    return code


def has_table(reader: Reader, name: str) -> bool:
    """Whether the warehouse has the public table or view `name` (schema main)."""
    frame = reader.query(
        "select count(*) as n from information_schema.tables "
        "where table_schema = 'main' and table_name = ?",
        [name],
    )
    return bool(int(frame["n"].iloc[0]))


def editions(reader: Reader) -> list[int]:
    """The editions in the warehouse, oldest first."""
    frame = reader.query("select distinct edition from fct_index order by edition")
    return [int(value) for value in frame["edition"]]


def indicator_tree(reader: Reader) -> pd.DataFrame:
    return reader.query(
        """
        select node_code, node_level, parent_code, name_zh, name_en, direction, unit, sort_order
        from dim_indicator_tree
        order by sort_order
        """
    )


def index_table(reader: Reader, edition: int, level: str) -> pd.DataFrame:
    """fct_index of one edition and level, with English name, province and macro-region."""
    changes = ",\n".join(f"idx.{node}_rank_change" for node in NODES)
    return reader.query(
        f"""
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
            {changes},
            idx.total_rank_change_vs_published,
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


def node_top(reader: Reader, edition: int, level: str, node: str, top: int) -> pd.DataFrame:
    """The `top` regions by the node's rank (total or a dimension), with score and rank change;
    for the total also the rank change against the published previous edition
    (rank_change_vs_published, null for a dimension)."""
    node = _code(node)
    if node not in NODES:
        raise ValueError(f"not the total or a dimension: {node}")
    versus = "idx.total_rank_change_vs_published" if node == "total" else "null::integer"
    return reader.query(
        f"""
        select
            idx.region_code,
            idx.region_name,
            regions.region_name_en,
            regions.macro_region,
            idx.{node}_score as score,
            idx.{node}_rank as score_rank,
            idx.{node}_rank_change as rank_change,
            {versus} as rank_change_vs_published
        from fct_index as idx
        inner join dim_regions as regions
            on idx.region_level = regions.region_level
            and idx.region_code = regions.region_code
        where idx.edition = ? and idx.region_level = ?
        order by idx.{node}_rank, idx.region_code
        limit ?
        """,
        [edition, level, top],
    )


def indicator_table(
    reader: Reader,
    edition: int,
    level: str,
    indicators: Sequence[str],
    top_by: str | None = None,
    top: int | None = None,
) -> pd.DataFrame:
    """Raw values of `indicators`, one row per region and one column per indicator.

    With `top_by`, only the `top` regions first by that measure, in its order: a dimension or the
    total (fct_index's rank) or an indicator (fct_indicator_values.value_rank); the column
    `selection_rank` holds that rank.
    """
    columns = ",\n".join(
        f"max(vals.raw_value) filter (where vals.indicator_code = '{_code(code)}') as {code}"
        for code in indicators
    )
    if top_by is None:
        selection = "select region_code, null::integer as selection_rank from fct_index "
        selection += "where edition = ? and region_level = ?"
        params: list[Any] = [edition, level]
    elif top_by in NODES:
        selection = f"""
            select region_code, {top_by}_rank as selection_rank from fct_index
            where edition = ? and region_level = ?
            order by {top_by}_rank, region_code limit ?"""
        params = [edition, level, top]
    else:
        selection = f"""
            select region_code, value_rank as selection_rank from fct_indicator_values
            where edition = ? and region_level = ? and indicator_code = '{_code(top_by)}'
            order by value_rank, region_code limit ?"""
        params = [edition, level, top]
    return reader.query(
        f"""
        with selected as ({selection})
        select
            regions.region_code,
            regions.region_name,
            regions.region_name_en,
            regions.macro_region,
            selected.selection_rank,
            {columns}
        from selected
        inner join dim_regions as regions
            on regions.region_level = ? and regions.region_code = selected.region_code
        inner join fct_indicator_values as vals
            on vals.edition = ? and vals.region_level = ?
            and vals.region_code = selected.region_code
        group by all
        order by selected.selection_rank, regions.region_code
        """,
        [*params, level, edition, level],
    )


def positive_count(reader: Reader, edition: int, level: str, indicator: str) -> tuple[int, int]:
    """(regions whose raw value of `indicator` is above 0, regions with a value)."""
    frame = reader.query(
        """
        select count(*) filter (where raw_value > 0) as positive, count(raw_value) as regions
        from fct_indicator_values
        where edition = ? and region_level = ? and indicator_code = ?
        """,
        [edition, level, indicator],
    )
    return int(frame["positive"].iloc[0]), int(frame["regions"].iloc[0])


def tier_sizes(reader: Reader, edition: int, level: str) -> dict[int, int]:
    """Regions per tier (fct_node_score_statistics, the total's tier groups)."""
    frame = reader.query(
        """
        select cast(group_code as integer) as tier, region_count
        from fct_node_score_statistics
        where edition = ? and region_level = ? and node_code = 'total'
            and group_type = 'tier' and group_code <> 'untiered'
        order by tier
        """,
        [edition, level],
    )
    return {
        int(tier): int(count)
        for tier, count in zip(frame["tier"], frame["region_count"], strict=True)
    }


def movement_by_macro_region(
    reader: Reader, edition: int, level: str, top: int, change: str = "total_rank_change"
) -> pd.DataFrame:
    """Per macro-region: regions, regions in the top `top`, and how many moved up, stayed, moved
    down in the total rank since the previous edition: fct_index's `change`, total_rank_change
    (against the recomputed previous edition) or total_rank_change_vs_published."""
    if change not in TOTAL_RANK_CHANGES:
        raise ValueError(f"not a total rank change of fct_index: {change}")
    return reader.query(
        f"""
        select
            regions.macro_region,
            count(*) as regions,
            count(*) filter (where idx.total_rank <= ?) as in_top,
            count(*) filter (where idx.{change} > 0) as risers,
            count(*) filter (where idx.{change} = 0) as unchanged,
            count(*) filter (where idx.{change} < 0) as fallers
        from fct_index as idx
        inner join dim_regions as regions
            on idx.region_level = regions.region_level
            and idx.region_code = regions.region_code
        where idx.edition = ? and idx.region_level = ?
        group by regions.macro_region
        """,
        [top, edition, level],
    )


def weights(reader: Reader, edition: int, level: str) -> pd.DataFrame:
    """This edition's weights of every node within its parent, in tree order."""
    return reader.query(
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


def circle_scores(reader: Reader, edition: int) -> pd.DataFrame:
    """Every circle's score, rank and rank change per node (levels 0–2), with names."""
    return reader.query(
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


def circle_member_scores(reader: Reader, edition: int) -> pd.DataFrame:
    """Member cities of every circle with their total and dimension scores and ranks."""
    scores = ",\n".join(f"idx.{node}_score" for node in NODES)
    ranks = ",\n".join(f"idx.{node}_rank" for node in NODES)
    return reader.query(
        f"""
        select
            members.circle_code,
            members.circle_name,
            members.circle_name_en,
            idx.region_code,
            idx.region_name,
            regions.region_name_en,
            {scores},
            {ranks}
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


def report_table(reader: Reader, view: str, edition: int) -> pd.DataFrame:
    """One of the report's tables (表2-1 … 2-3) for one edition, as the warehouse has it; a
    region table (表2-1, 2-2) also with fct_index.total_rank_change_vs_published, last."""
    if view not in REPORT_COLUMNS:
        raise ValueError(f"not a report table: {view}")
    columns = ", ".join(f"report.{column}" for column in REPORT_COLUMNS[view])
    if view not in REPORT_LEVELS:
        return reader.query(
            f"select {columns} from {view} as report where edition = ? order by total_rank",
            [edition],
        )
    return reader.query(
        f"""
        select {columns}, idx.total_rank_change_vs_published
        from {view} as report
        left join fct_index as idx
            on report.edition = idx.edition
            and idx.region_level = ?
            and report.region_code = idx.region_code
        where report.edition = ?
        order by report.total_rank, report.region_code
        """,
        [REPORT_LEVELS[view], edition],
    )


def compares_with_published(reader: Reader, edition: int) -> bool:
    """Whether the edition's total rank changes can be read against the published previous
    edition: fct_index.total_rank_change_vs_published is not null for the edition (it is null
    throughout when edition − 1 is not published)."""
    frame = reader.query(
        "select count(total_rank_change_vs_published) as compared from fct_index where edition = ?",
        [edition],
    )
    return bool(int(frame["compared"].iloc[0]))


def rank_change_differences(reader: Reader, edition: int, level: str) -> int:
    """How many regions of the edition and level have a total rank change against the published
    previous edition other than the recomputed one (fct_index; the revision of edition − 1
    moved them, fct_revisions); 0 when edition − 1 is not published."""
    frame = reader.query(
        """
        select count(*) as differing
        from fct_index
        where edition = ? and region_level = ?
            and total_rank_change_vs_published is not null
            and total_rank_change_vs_published is distinct from total_rank_change
        """,
        [edition, level],
    )
    return int(frame["differing"].iloc[0])


def report_facts(reader: Reader, edition: int) -> pd.DataFrame:
    """fct_report_facts of one edition (empty, with its columns, when the warehouse has none)."""
    columns = (
        "fact_code",
        "region_level",
        "group_code",
        "value",
        "previous_value",
        "detail",
        "statement_zh",
        "statement_en",
    )
    if not has_table(reader, "fct_report_facts"):
        return pd.DataFrame(columns=list(columns))
    return reader.query(
        f"select {', '.join(columns)} from fct_report_facts where edition = ? "
        "order by fact_code, region_level, group_code",
        [edition],
    )


__all__ = ["DIMENSIONS", "NODES", "REPORT_COLUMNS", "DuckDBReader"]
