"""The queries of the revisions page (修订): published editions against this build.

Kept beside app/queries.py, the viewer's other SQL, with the same rule: select, join, filter and
order public tables, name every column; every difference comes from fct_revisions and
fct_revision_raw_files (docs/analyses.md §7).
"""

from __future__ import annotations

import pandas as pd

from app.warehouse import query

# The settings of a build that move published numbers, in the order the page lists them.
SETTINGS: tuple[str, ...] = (
    "raw_source",
    "is_sample_data",
    "weighting_method",
    "tier_method",
    "tier_rank_cutoffs",
    "circle_method",
    "build_date",
    "git_commit",
    "git_is_dirty",
)
# The settings both tables have under the same name (the commit is published_commit there).
SETTING_COLUMNS = ", ".join(name for name in SETTINGS if name != "git_commit")


def published_editions() -> pd.DataFrame:
    """One row per published edition, newest first, with the settings of its build."""
    return query(
        f"""
        select edition, published_at, published_commit as git_commit, {SETTING_COLUMNS}
        from fct_published_editions
        order by edition desc
        """
    )


def current_settings() -> pd.DataFrame:
    """This build's settings (build_info), the same columns as published_editions."""
    return query(f"select git_commit, {SETTING_COLUMNS} from build_info")


def revisions(edition: int, level: str) -> pd.DataFrame:
    """Every published region of the edition and level, published order, with its revision."""
    return query(
        """
        select
            fct_revisions.published_rank,
            fct_revisions.recomputed_rank,
            fct_revisions.rank_diff,
            fct_published_index.region_code,
            fct_published_index.region_name,
            dim_regions.region_name_en,
            fct_revisions.published_score,
            fct_revisions.recomputed_score,
            fct_revisions.score_diff
        from fct_revisions
        inner join fct_published_index
            on fct_revisions.edition = fct_published_index.edition
            and fct_revisions.region_level = fct_published_index.region_level
            and fct_revisions.region_code = fct_published_index.region_code
        left join dim_regions
            on fct_revisions.region_level = dim_regions.region_level
            and fct_revisions.region_code = dim_regions.region_code
        where fct_revisions.edition = ? and fct_revisions.region_level = ?
        order by fct_revisions.published_rank, fct_revisions.region_code
        """,
        (edition, level),
    )


def raw_files(edition: int) -> pd.DataFrame:
    """The raw tables' row counts of the publishing build and of this build."""
    return query(
        """
        select
            table_name,
            published_row_count,
            current_row_count,
            row_count_diff,
            published_valid_row_count,
            current_valid_row_count,
            valid_row_count_diff,
            is_file_changed
        from fct_revision_raw_files
        where edition = ?
        order by table_name
        """,
        (edition,),
    )


def edition_status() -> pd.DataFrame:
    """Every edition this build computes or that was published: published when, from which
    commit (null: not published)."""
    return query(
        """
        with editions as (
            select distinct edition from fct_index
            union
            select edition from fct_published_editions
        )
        select
            editions.edition,
            fct_published_editions.edition is not null as is_published,
            fct_published_editions.published_at,
            fct_published_editions.published_commit
        from editions
        left join fct_published_editions
            on editions.edition = fct_published_editions.edition
        order by editions.edition
        """
    )
