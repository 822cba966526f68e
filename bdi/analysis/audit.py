"""The statistical audit of the groups of the indicator tree (docs/analyses.md §3): for every
parent node with at least two non-constant children, Cronbach's α, the children's mean pairwise
correlation, the first principal component's share of their correlation matrix, and the counts
of collinear (ρ > 0.92) and negative pairs. The eigenvalue is why this is Python (numpy)."""

from __future__ import annotations

import numpy as np
import pandas as pd

CONSTANT_TOLERANCE = 1e-12  # a 0–1 column with max − min at most this is constant (as the engine)
COLLINEAR_CORRELATION = 0.92


def group_statistics(columns: np.ndarray) -> dict[str, float | int]:
    """The statistics of one group: columns (N regions, k children) on the 0–1 scale, the
    children non-constant, k ≥ 2."""
    count = columns.shape[1]
    total_variance = columns.sum(axis=1).var()  # population variances
    alpha = count / (count - 1) * (1.0 - columns.var(axis=0).sum() / total_variance)
    correlations = np.corrcoef(columns, rowvar=False)
    pairs = correlations[np.triu_indices(count, k=1)]
    largest = float(np.linalg.eigvalsh(correlations)[-1])
    return {
        "child_count": count,
        "cronbach_alpha": float(alpha),
        "mean_child_corr": float(pairs.mean()),
        "pc1_share": largest / count,
        "collinear_pairs": int((pairs > COLLINEAR_CORRELATION).sum()),
        "negative_pairs": int((pairs < 0).sum()),
    }


def audit_groups(children: pd.DataFrame) -> pd.DataFrame:
    """children: one row per (edition, region_level, parent_code, child_code, region_code) with
    child_value on the 0–1 scale -> one row per (edition, region_level, node_code) of the
    parents with at least two non-constant children and their statistics."""
    rows = []
    keys = ["edition", "region_level", "parent_code"]
    # One pivot for all groups (a pivot per group cost half a second on the sample): per group,
    # the columns of its own children are those with a value for some region.
    everything = children.pivot(
        index=[*keys, "region_code"], columns="child_code", values="child_value"
    )
    for (edition, region_level, parent_code), rows_of_group in everything.groupby(
        level=[0, 1, 2], sort=True
    ):
        wide = rows_of_group.dropna(axis=1, how="all")
        if wide.isna().to_numpy().any():
            raise ValueError(f"{parent_code} ({edition}, {region_level}): a child lacks a value")
        values = wide.to_numpy(dtype=float)
        spread = values.max(axis=0) - values.min(axis=0)
        informative = values[:, spread > CONSTANT_TOLERANCE]  # columns sorted by child_code
        if informative.shape[1] < 2:
            continue
        rows.append(
            {
                "edition": int(edition),
                "region_level": str(region_level),
                "node_code": str(parent_code),
                **group_statistics(informative),
            }
        )
    columns = ["edition", "region_level", "node_code", "child_count", "cronbach_alpha"]
    columns += ["mean_child_corr", "pc1_share", "collinear_pairs", "negative_pairs"]
    return pd.DataFrame(rows, columns=columns)
