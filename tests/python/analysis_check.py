"""Recomputes the deterministic analysis tables of a built warehouse (docs/analyses.md §1–4)
with numpy and scipy, from the public tables and index_reference, and compares them with what
the build published: fct_method_scenarios (all five methods, by index_reference),
fct_score_changes, fct_audit_indicators, fct_audit_groups and fct_inequality. No project code.
"""

from __future__ import annotations

import duckdb
import index_reference as ir
import numpy as np
import pandas as pd
import warehouse_check as wc
from scipy import stats

KEYS = ["edition", "region_level"]
CONSTANT = 1e-12  # a 0–1 column with max − min at most this is constant (docs/methodology.md §4)
EFFECTS = ["contribution", "value_effect", "weight_effect"]


def published_raw_values(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return connection.execute(
        "select edition, region_level, region_code, indicator_code, raw_value"
        " from fct_indicator_values"
    ).df()


def reference_index(
    connection: duckdb.DuckDBPyConnection, data: ir.ReferenceData, method: str
) -> ir.IndexResult:
    return ir.compute_index_full(
        published_raw_values(connection), data.tree, method, data.expert_weights
    )


def table(connection: duckdb.DuckDBPyConnection, name: str) -> pd.DataFrame:
    return connection.execute(f"select * from {name}").df()


# ---------------------------------------------------------------------- §2.1 method scenarios


def check_method_scenarios(connection: duckdb.DuckDBPyConnection, data: ir.ReferenceData) -> None:
    build_method = wc.build_settings(connection).weighting_method
    frames = []
    for method in ir.WEIGHTING_METHODS:
        scores = reference_index(connection, data, method).scores
        total = scores[scores["node_code"] == "total"]
        frames.append(
            pd.DataFrame(
                {
                    **{key: total[key] for key in [*KEYS, "region_code"]},
                    "weighting_method": method,
                    "total_score": total["score"],
                    "total_rank": total["score_rank"],
                    "is_build_method": method == build_method,
                }
            )
        )
    wc.assert_frames_match(
        table(connection, "fct_method_scenarios"),
        pd.concat(frames, ignore_index=True),
        [*KEYS, "region_code", "weighting_method"],
        close={"total_score": wc.SCORE},
        exact=["total_rank", "is_build_method"],
        what="fct_method_scenarios",
    )


# ------------------------------------------------------------------- §1 change decomposition


def ancestors(tree: pd.DataFrame) -> pd.DataFrame:
    """Each indicator under itself and each of its ancestors: indicator_code, node_code."""
    parent = dict(zip(tree["node_code"], tree["parent_code"], strict=True))
    rows = []
    for indicator in tree.loc[tree["node_level"] == 3, "node_code"]:
        node = indicator
        while isinstance(node, str) and node:
            rows.append((indicator, node))
            node = parent[node]
    return pd.DataFrame(rows, columns=["indicator_code", "node_code"])


def check_score_changes(connection: duckdb.DuckDBPyConnection, data: ir.ReferenceData) -> None:
    result = reference_index(connection, data, wc.build_settings(connection).weighting_method)
    weights = result.weights.rename(columns={"node_code": "indicator_code"})
    weighted = result.normalized.merge(
        weights[[*KEYS, "indicator_code", "weight_in_total"]], on=[*KEYS, "indicator_code"]
    )
    previous = weighted.assign(edition=weighted["edition"] + 1)
    paired = weighted.merge(
        previous, on=[*KEYS, "region_code", "indicator_code"], suffixes=("", "_previous")
    )
    w1, x1 = paired["weight_in_total"], paired["normalized_value"]
    w0, x0 = paired["weight_in_total_previous"], paired["normalized_value_previous"]
    paired["contribution"] = 100 * (w1 * x1 - w0 * x0)
    paired["value_effect"] = 100 * w0 * (x1 - x0)
    paired["weight_effect"] = 100 * (w1 - w0) * x1
    summed = (
        paired.merge(ancestors(data.tree), on="indicator_code")
        .groupby([*KEYS, "region_code", "node_code"], as_index=False)[EFFECTS]
        .sum()
    )
    level = dict(zip(data.tree["node_code"], data.tree["node_level"], strict=True))
    summed["node_level"] = summed["node_code"].map(level)
    summed["previous_edition"] = summed["edition"] - 1
    wc.assert_frames_match(
        table(connection, "fct_score_changes"),
        summed,
        [*KEYS, "region_code", "node_code"],
        close=dict.fromkeys(EFFECTS, wc.SCORE),
        exact=["node_level", "previous_edition"],
        what="fct_score_changes",
    )


# ---------------------------------------------------------------------------------- §3 audit


def correlation(left: np.ndarray, right: np.ndarray) -> float:
    """Pearson's r, NaN where a column is constant (0–1 scale tolerance)."""
    if np.ptp(left) <= CONSTANT or np.ptp(right) <= CONSTANT:
        return np.nan
    return float(stats.pearsonr(left, right).statistic)


def check_audit_indicators(connection: duckdb.DuckDBPyConnection, data: ir.ReferenceData) -> None:
    result = reference_index(connection, data, wc.build_settings(connection).weighting_method)
    raw = published_raw_values(connection)
    unit = result.scores.assign(unit=result.scores["score"] / 100).pivot_table(
        index=[*KEYS, "region_code"], columns="node_code", values="unit"
    )
    parent = dict(zip(data.tree["node_code"], data.tree["parent_code"], strict=True))
    nominal = result.weights.set_index([*KEYS, "node_code"])["weight_in_total"]
    rows = []
    for (edition, level, indicator), group in raw.merge(
        result.normalized, on=[*KEYS, "region_code", "indicator_code"]
    ).groupby([*KEYS, "indicator_code"]):
        group = group.sort_values("region_code")
        values, normalized = group["raw_value"].to_numpy(float), group["normalized_value"]
        parents = unit.loc[(edition, level)].loc[group["region_code"]]
        constant = np.var(values) == 0
        skewness = np.nan if constant else float(stats.skew(values, bias=True))
        kurtosis = np.nan if constant else float(stats.kurtosis(values, fisher=True, bias=True))
        subdimension = parent[indicator]
        corr = {
            name: correlation(normalized.to_numpy(float), parents[node].to_numpy(float))
            for name, node in (
                ("corr_subdimension", subdimension),
                ("corr_dimension", parent[subdimension]),
                ("corr_total", "total"),
            )
        }
        rows.append(
            {
                "edition": edition, "region_level": level, "indicator_code": indicator,
                "n": len(values), "mean": values.mean(), "sd": values.std(),
                "min": values.min(), "max": values.max(), "zero_share": np.mean(values == 0),
                "skewness": skewness, "kurtosis": kurtosis,
                "is_outlier_prone": (not constant) and abs(skewness) > 2 and kurtosis > 3.5,
                **corr,
                "is_weak": not (corr["corr_dimension"] >= 0.3),
                "nominal_weight": nominal[(edition, level, indicator)],
            }
        )  # fmt: skip
    expected = pd.DataFrame(rows)
    squared = expected["corr_total"].fillna(0) ** 2
    expected["effective_importance"] = squared / squared.groupby(
        [expected["edition"], expected["region_level"]]
    ).transform("sum")
    moments = ["mean", "sd", "min", "max", "zero_share", "nominal_weight"]
    nullable = ["skewness", "kurtosis", "corr_subdimension", "corr_dimension", "corr_total"]
    actual = table(connection, "fct_audit_indicators")
    for column in nullable:  # null exactly where the reference has none, then close
        assert (actual.set_index([*KEYS, "indicator_code"])[column].isna().sort_index()
                == expected.set_index([*KEYS, "indicator_code"])[column].isna().sort_index()
                ).all(), f"fct_audit_indicators.{column}: nulls differ"  # fmt: skip
    filled = {column: -99.0 for column in nullable}
    wc.assert_frames_match(
        actual.fillna(filled),
        expected.fillna(filled),
        [*KEYS, "indicator_code"],
        close={
            **dict.fromkeys(moments, (1e-9, 1e-9)),
            **dict.fromkeys([*nullable, "effective_importance"], (1e-7, 0.0)),
        },
        exact=["n", "is_outlier_prone", "is_weak"],
        what="fct_audit_indicators",
    )


def group_statistics(columns: np.ndarray) -> dict[str, float]:
    """Cronbach's α, correlations and the first component of one group, written out."""
    n, k = columns.shape
    item_variances = sum(np.mean((columns[:, i] - columns[:, i].mean()) ** 2) for i in range(k))
    summed = columns.sum(axis=1)
    total_variance = np.mean((summed - summed.mean()) ** 2)
    matrix = np.ones((k, k))
    pairs = []
    for first in range(k):
        for second in range(first + 1, k):
            r = stats.pearsonr(columns[:, first], columns[:, second]).statistic
            matrix[first, second] = matrix[second, first] = r
            pairs.append(r)
    return {
        "child_count": k,
        "cronbach_alpha": k / (k - 1) * (1 - item_variances / total_variance),
        "mean_child_corr": float(np.mean(pairs)),
        "pc1_share": float(np.max(np.linalg.eigvals(matrix).real)) / k,
        "collinear_pairs": sum(r > 0.92 for r in pairs),
        "negative_pairs": sum(r < 0 for r in pairs),
    }


def check_audit_groups(connection: duckdb.DuckDBPyConnection, data: ir.ReferenceData) -> None:
    result = reference_index(connection, data, wc.build_settings(connection).weighting_method)
    scores = result.scores.assign(value=result.scores["score"] / 100)
    columns = pd.concat(
        [
            result.normalized.rename(
                columns={"indicator_code": "node_code", "normalized_value": "value"}
            ),
            scores[[*KEYS, "region_code", "node_code", "value"]],
        ],
        ignore_index=True,
    ).pivot_table(index=[*KEYS, "region_code"], columns="node_code", values="value")
    children = data.tree.groupby("parent_code")["node_code"].apply(list)
    rows = []
    for edition, level in columns.index.droplevel("region_code").unique():
        sample = columns.loc[(edition, level)]
        for node, kids in children.items():
            kept = [kid for kid in kids if np.ptp(sample[kid].to_numpy(float)) > CONSTANT]
            if len(kept) >= 2:
                statistics = group_statistics(sample[kept].to_numpy(float))
                rows.append(
                    {"edition": edition, "region_level": level, "node_code": node, **statistics}
                )
    wc.assert_frames_match(
        table(connection, "fct_audit_groups"),
        pd.DataFrame(rows),
        [*KEYS, "node_code"],
        close=dict.fromkeys(["cronbach_alpha", "mean_child_corr", "pc1_share"], (1e-7, 0.0)),
        exact=["child_count", "collinear_pairs", "negative_pairs"],
        what="fct_audit_groups",
    )


# ----------------------------------------------------------------------------- §4 inequality


def inequality(scores: np.ndarray) -> dict[str, float]:
    n, mean = len(scores), scores.mean()
    if mean == 0:
        return {"n": n, "mean": mean, "cv": np.nan, "gini": np.nan, "theil": np.nan,
                "max_min_ratio": np.nan}  # fmt: skip
    shares = scores / mean
    logs = np.log(np.where(shares > 0, shares, 1.0))
    return {
        "n": n,
        "mean": mean,
        "cv": scores.std() / mean,
        "gini": np.abs(scores[:, None] - scores[None, :]).sum() / (2 * n * n * mean),
        "theil": float(np.mean(shares * logs)),
        "max_min_ratio": scores.max() / scores.min() if scores.min() > 0 else np.nan,
    }


def check_inequality(connection: duckdb.DuckDBPyConnection, data: ir.ReferenceData) -> None:
    index = connection.execute(
        "select edition, region_level, region_code, total_score from fct_index"
    ).df()
    regions = data.regions[["region_level", "region_code", "macro_region"]]
    grouped = pd.concat(
        [
            index.assign(group_type="all", group_code="all"),
            index.merge(regions, on=["region_level", "region_code"]).assign(
                group_type="macro_region", group_code=lambda frame: frame["macro_region"]
            ),
            index[index["region_level"] == "city"]
            .merge(data.circles[["circle_code", "region_code"]], on="region_code")
            .assign(group_type="circle", group_code=lambda frame: frame["circle_code"]),
        ],
        ignore_index=True,
    )
    keys = [*KEYS, "group_type", "group_code"]
    rows = [
        dict(zip(keys, key, strict=True)) | inequality(group["total_score"].to_numpy(float))
        for key, group in grouped.groupby(keys)
    ]
    expected = pd.DataFrame(rows)
    nullable = ["cv", "gini", "theil", "max_min_ratio"]
    actual = table(connection, "fct_inequality")
    merged = actual.merge(expected, on=keys, suffixes=("", "_expected"))
    for column in nullable:
        assert (merged[column].isna() == merged[f"{column}_expected"].isna()).all(), (
            f"fct_inequality.{column}: nulls differ"
        )
    filled = dict.fromkeys(nullable, -99.0)
    wc.assert_frames_match(
        actual.fillna(filled),
        expected.fillna(filled),
        keys,
        close={"mean": wc.SCORE, **dict.fromkeys(nullable, (1e-9, 1e-9))},
        exact=["n"],
        what="fct_inequality",
    )


def check_analyses(connection: duckdb.DuckDBPyConnection, data: ir.ReferenceData) -> None:
    """Every deterministic analysis table of the build, recomputed."""
    check_method_scenarios(connection, data)
    check_score_changes(connection, data)
    check_audit_indicators(connection, data)
    check_audit_groups(connection, data)
    check_inequality(connection, data)
