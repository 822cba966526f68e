"""Compares what a built warehouse publishes with index_reference, column by column.

Reads only the public tables (schema main: docs/public-tables.md) and the raw files a build
records in build_raw_files. Every comparison is NaN-safe: a NULL where the reference has a
number is a failure, and so is a row on one side only or a public column no check covers.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import index_reference as ir
import numpy as np
import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[2]
# (absolute, relative) tolerances
RAW = (1e-9, 1e-12)
UNIT = (1e-9, 0.0)  # normalised values and weights (0-1)
SCORE = (1e-6, 0.0)  # scores (0-100) and circle sums
PERCENT = (1e-9, 0.0)
INDEX_KEYS = ["edition", "region_level", "region_code"]
NODES = ("total", *ir.DIMENSIONS)


# ------------------------------------------------------------------------------ comparison


def same_value(left: object, right: object) -> bool:
    """Equal, or both null (None, NaN, pd.NA)."""
    left_null, right_null = bool(pd.isna(left)), bool(pd.isna(right))
    if left_null or right_null:
        return left_null and right_null
    return bool(left == right)


def assert_frames_match(
    actual: pd.DataFrame,
    expected: pd.DataFrame,
    keys: list[str],
    close: dict[str, tuple[float, float]],
    exact: list[str],
    what: str,
) -> None:
    """The same rows (keys unique on both sides); ``close`` columns within (atol, rtol) and never
    null on either side; ``exact`` columns equal, a null only where the reference has one; and
    no column of ``actual`` left unchecked."""
    unchecked = set(actual.columns) - set(keys) - set(close) - set(exact)
    assert not unchecked, f"{what}: public columns no check covers: {sorted(unchecked)}"
    for side, frame in (("published", actual), ("reference", expected)):
        duplicated = frame.duplicated(keys)
        assert not duplicated.any(), f"{what}: duplicate keys ({side}):\n{frame[duplicated].head()}"
    merged = actual[[*keys, *close, *exact]].merge(
        expected[[*keys, *close, *exact]],
        on=keys,
        how="outer",
        suffixes=("_actual", "_expected"),
        indicator=True,
    )
    one_side = merged[merged["_merge"] != "both"]
    assert one_side.empty, f"{what}: rows on one side only:\n{one_side[[*keys, '_merge']].head(10)}"
    for column, (atol, rtol) in close.items():
        published = pd.to_numeric(merged[f"{column}_actual"], errors="coerce").astype(float)
        reference = pd.to_numeric(merged[f"{column}_expected"], errors="coerce").astype(float)
        assert reference.notna().all(), f"{what}.{column}: the reference has nulls"
        good = (published - reference).abs() <= atol + rtol * reference.abs()  # NaN: False
        shown = [*keys, f"{column}_actual", f"{column}_expected"]
        assert good.all(), (
            f"{what}.{column}: {int((~good).sum())} of {len(good)} rows differ or are null "
            f"(tolerance {atol:g} + {rtol:g}·|x|):\n{merged.loc[~good, shown].head(10)}"
        )
    for column in exact:
        pairs = zip(merged[f"{column}_actual"], merged[f"{column}_expected"], strict=True)
        differs = np.array([not same_value(left, right) for left, right in pairs], dtype=bool)
        shown = [*keys, f"{column}_actual", f"{column}_expected"]
        assert not differs.any(), (
            f"{what}.{column}: {int(differs.sum())} of {len(differs)} rows differ:\n"
            f"{merged.loc[differs, shown].head(10)}"
        )


# ------------------------------------------------------------------------------ settings


def build_settings(connection: duckdb.DuckDBPyConnection) -> ir.IndexSettings:
    """The index settings a build recorded in build_info (docs/public-tables.md)."""
    row = connection.execute(
        "select weighting_method, tier_method, tier_rank_cutoffs, tier_top_n, tier_count,"
        " circle_method from build_info"
    ).fetchall()
    assert len(row) == 1, f"build_info has {len(row)} rows"
    method, tier_method, cutoffs, top_n, count, circle_method = row[0]
    parsed = json.loads(cutoffs)
    assert isinstance(parsed, dict), f"tier_rank_cutoffs is not a JSON object per level: {cutoffs}"
    return ir.IndexSettings(
        weighting_method=method,
        tier_method=tier_method,
        tier_rank_cutoffs={
            level: tuple(int(cut) for cut in cuts) for level, cuts in parsed.items()
        },
        tier_top_n=int(top_n),
        tier_count=int(count),
        circle_method=circle_method,
    )


def report_sizes(project: Path = ROOT) -> tuple[int, int]:
    """(provinces, cities) in the report tables 表2-1 and 表2-2: the project's vars."""
    project_vars = yaml.safe_load((project / "dbt_project.yml").read_text())["vars"]
    return int(project_vars["report_top_provinces"]), int(project_vars["report_top_cities"])


# ------------------------------------------------------------------------------ raw values


OPTIONAL_RAW_TABLES = {"topics", "topic_values"}


def readable_raw_files(
    connection: duckdb.DuckDBPyConnection, project: Path = ROOT
) -> tuple[dict[str, tuple[Path, str]], str]:
    """({table: (path, format)}, "") when every raw file of the build is still there with the
    checksum it was built from, else ({}, the reason)."""
    rows = connection.execute(
        "select table_name, file_path, file_format, file_sha256 from build_raw_files"
    ).fetchall()
    files = {}
    for table, file_path, file_format, checksum in rows:
        path = Path(file_path)
        path = path if path.is_absolute() else project / path
        if not path.is_file():
            return {}, f"raw file {path} is gone"
        if hashlib.sha256(path.read_bytes()).hexdigest() != checksum:
            return {}, f"raw file {path} changed since the build"
        files[table] = (path, file_format)
    # The optional special-topic tables (docs/data-contract.md) are listed when the build had
    # them; the index is recounted from the six.
    if set(files) - OPTIONAL_RAW_TABLES != set(ir.RAW_TABLES):
        return {}, f"build_raw_files lists {sorted(files)}"
    return {table: files[table] for table in ir.RAW_TABLES}, ""


def recount_raw_values(
    connection: duckdb.DuckDBPyConnection,
    files: dict[str, tuple[Path, str]],
    regions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The 18 raw indicator values recomputed from the build's raw files, without the rows the
    build listed in invalid_rows (there are some only when it was built allowing them)."""
    invalid = connection.execute(
        "select distinct source_table, source_row from invalid_rows"
    ).fetchall()
    excluded: dict[str, set[int]] = {}
    for table, source_row in invalid:
        excluded.setdefault(table, set()).add(int(source_row))
    tables = {}
    for table, (path, file_format) in files.items():
        frame = ir.read_raw_file(path, file_format)
        tables[table] = frame.loc[~frame["source_row"].isin(excluded.get(table, set()))]
    return ir.indicator_values(tables, regions)


def check_raw_values(connection: duckdb.DuckDBPyConnection, values: pd.DataFrame) -> None:
    published = connection.execute(
        "select edition, data_year, region_level, region_code, indicator_code, raw_value"
        " from fct_indicator_values"
    ).df()
    assert_frames_match(
        published,
        values,
        ["edition", "region_level", "region_code", "indicator_code"],
        {"raw_value": RAW},
        ["data_year"],
        "fct_indicator_values (raw values from the raw files)",
    )


# ------------------------------------------------------------------------------ the index


def published_values(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return connection.execute(
        "select edition, data_year, region_level, region_code, indicator_code, raw_value"
        " from fct_indicator_values"
    ).df()


def check_index(
    connection: duckdb.DuckDBPyConnection,
    values: pd.DataFrame,
    data: ir.ReferenceData,
    settings: ir.IndexSettings,
    project: Path = ROOT,
) -> dict[str, pd.DataFrame]:
    """Recomputes every public number of the index from ``values`` (raw indicator values) and
    compares: fct_indicator_values, fct_weights, fct_node_scores, fct_index, fct_circle_scores
    and the report views. Returns the reference tables."""
    expected = ir.compute_all(values, data, settings)

    def table(name: str) -> pd.DataFrame:
        return connection.execute(f"select * from {name}").df()

    assert_frames_match(
        table("fct_indicator_values"),
        expected["fct_indicator_values"],
        ["edition", "region_level", "region_code", "indicator_code"],
        {
            "raw_value": RAW,
            "normalized_value": UNIT,
            "value_percentile": PERCENT,
            "national_median": RAW,
        },
        ["data_year", "value_rank"],
        "fct_indicator_values",
    )
    assert_frames_match(
        table("fct_weights"),
        expected["fct_weights"],
        ["edition", "region_level", "node_code"],
        {"weight": UNIT, "weight_in_total": UNIT},
        ["parent_code", "is_informative", "weighting_method"],
        "fct_weights",
    )
    assert_frames_match(
        table("fct_node_scores"),
        expected["fct_node_scores"],
        [*INDEX_KEYS, "node_code"],
        {"score": SCORE},
        ["score_rank", "rank_change"],
        "fct_node_scores",
    )
    index_scores = {f"{node}_score": SCORE for node in NODES}
    index_exact = [f"{node}_rank" for node in NODES] + ["tier", "region_name"]
    index_exact += [f"{node}_rank_change" for node in NODES]
    index_exact.append("total_rank_change_vs_published")
    expected["fct_index"] = with_rank_change_vs_published(
        expected["fct_index"], table("fct_published_index")
    )
    assert_frames_match(
        table("fct_index"),
        expected["fct_index"],
        INDEX_KEYS,
        index_scores,
        index_exact,
        "fct_index",
    )
    assert_frames_match(
        table("fct_circle_scores"),
        expected["fct_circle_scores"],
        ["edition", "circle_code", "node_code"],
        {"score": SCORE, "score_sum": SCORE, "score_mean": SCORE},
        ["circle_name", "member_count", "score_rank", "rank_change", "circle_method"],
        "fct_circle_scores",
    )
    check_report_views(table, expected, report_sizes(project))
    return expected


def with_rank_change_vs_published(index: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """The reference fct_index with total_rank_change_vs_published: the published total rank in
    E − 1 (the public fct_published_index, empty when nothing is published) minus the
    recomputed rank in E; null where E − 1 did not publish the region (docs/analyses.md §7)."""
    previous = published[[*INDEX_KEYS, "total_rank"]].rename(columns={"total_rank": "previous"})
    previous = previous.assign(edition=previous["edition"].astype(int) + 1)
    merged = index.merge(previous, on=INDEX_KEYS, how="left", validate="one_to_one")
    change = pd.to_numeric(merged["previous"]) - pd.to_numeric(merged["total_rank"])
    return merged.drop(columns="previous").assign(
        total_rank_change_vs_published=change.astype("Int64")
    )


def check_report_views(table, expected: dict[str, pd.DataFrame], sizes: tuple[int, int]) -> None:
    """表2-1 (top provinces), 表2-2 (top cities), 表2-3 (circles), recomputed."""
    index = expected["fct_index"]
    ranks = [f"{node}_rank" for node in NODES]
    for view, level, top in (
        ("rpt_table_2_1_top_provinces", "province", sizes[0]),
        ("rpt_table_2_2_top_cities", "city", sizes[1]),
    ):
        rows = index.loc[(index["region_level"] == level) & (index["total_rank"] <= top)]
        exact = [*ranks, "total_rank_change", "region_name", "tier"]
        if level == "city":
            exact += [f"{node}_rank_change" for node in NODES if node != "total"]
        assert_frames_match(
            table(view),
            rows,
            ["edition", "region_code"],
            {"total_score": SCORE},
            exact,
            view,
        )
    circle_scores = expected["fct_circle_scores"]
    pivot = circle_scores.pivot(
        index=["edition", "circle_code", "circle_name", "member_count"],
        columns="node_code",
        values=["score", "score_rank", "rank_change"],
    )
    rows = pd.DataFrame(index=pivot.index)
    for node in NODES:
        rows[f"{node}_score"] = pivot[("score", node)].astype(float)
        rows[f"{node}_rank"] = pivot[("score_rank", node)]
        rows[f"{node}_rank_change"] = pivot[("rank_change", node)]
    assert_frames_match(
        table("rpt_table_2_3_circles"),
        rows.reset_index(),
        ["edition", "circle_code"],
        {f"{node}_score": SCORE for node in NODES},
        ["circle_name", "member_count"]
        + [f"{node}_{suffix}" for node in NODES for suffix in ("rank", "rank_change")],
        "rpt_table_2_3_circles",
    )
