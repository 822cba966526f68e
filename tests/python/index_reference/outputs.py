"""Tiers (§7), economic circles (§8) and the whole set of published numbers.

``IndexSettings`` holds what an analyst chooses for a build; its defaults are the methodology's.
``compute_all`` turns raw indicator values into every table the warehouse publishes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import pandas as pd

from .methodology import compute_index_full, value_statistics, with_rank_change
from .seeds import ReferenceData

COST_DECIMALS = 9  # natural-breaks costs are compared rounded to 9 decimals
DIMENSIONS = ("industry_level", "industry_innovation", "industry_environment")
DEFAULT_RANK_CUTOFFS = {"city": (5, 10, 18), "province": (6,)}


@dataclass(frozen=True)
class IndexSettings:
    weighting_method: str = "improved_vector"
    tier_method: str = "rank_cutoffs"
    tier_rank_cutoffs: dict[str, tuple[int, ...]] = field(
        default_factory=lambda: dict(DEFAULT_RANK_CUTOFFS)
    )
    tier_top_n: int = 20
    tier_count: int = 3
    circle_method: str = "sum"


# ------------------------------------------------------------------------------------ tiers


def natural_breaks(
    scores: np.ndarray | list[float], group_count: int, ranks: np.ndarray | list[int] | None = None
) -> list[int]:
    """Exact Fisher-Jenks natural breaks by enumeration: the group (1 = highest) of every score.

    ``scores`` are in rank order (highest first). Every split into ``group_count`` contiguous
    groups is tried; the smallest total within-group sum of squared deviations from the group
    mean wins. A break never separates equal ``ranks`` (default: every score its own rank); with
    fewer distinct ranks than groups there are as many groups as ranks; costs are compared
    rounded to 9 decimals and among equal costs the smallest first group (then second, ...) wins.
    """
    values = np.asarray(scores, dtype=float)
    size = len(values)
    if size == 0:
        return []
    rank = np.arange(size) if ranks is None else np.asarray(ranks)
    allowed = [position for position in range(1, size) if rank[position] != rank[position - 1]]
    groups = min(group_count, len(allowed) + 1)
    best: tuple[float, tuple[int, ...]] | None = None
    for breaks in combinations(allowed, groups - 1):  # lexicographic: smallest first group first
        bounds = (0, *breaks, size)
        cost = sum(
            float(((part - part.mean()) ** 2).sum())
            for part in (values[start:end] for start, end in zip(bounds, bounds[1:], strict=False))
        )
        if best is None or round(cost, COST_DECIMALS) < round(best[0], COST_DECIMALS):
            best = (cost, breaks)
    assert best is not None
    group = np.ones(size, dtype=int)
    for position in best[1]:
        group[position:] += 1
    return group.tolist()


def region_tiers(scores: pd.DataFrame, settings: IndexSettings) -> pd.DataFrame:
    """The tier (nullable) of every region, per (edition, level), from the total score (§7)."""
    totals = scores.loc[scores["node_code"] == "total"].sort_values(
        ["edition", "region_level", "score_rank", "region_code"]
    )
    frames = []
    for (_, level), sample in totals.groupby(["edition", "region_level"], sort=True):
        sample = sample[["edition", "region_level", "region_code", "score", "score_rank"]].copy()
        tier = pd.Series(pd.NA, index=sample.index, dtype="Int64")
        if settings.tier_method == "jenks":
            top = sample["score_rank"] <= settings.tier_top_n
            tier[top] = natural_breaks(
                sample.loc[top, "score"].to_numpy(),
                settings.tier_count,
                sample.loc[top, "score_rank"].to_numpy(),
            )
        elif settings.tier_method == "rank_cutoffs":
            lower = 0
            for number, cutoff in enumerate(settings.tier_rank_cutoffs[level], start=1):
                tier[(sample["score_rank"] > lower) & (sample["score_rank"] <= cutoff)] = number
                lower = cutoff
        else:
            raise ValueError(f"unknown tier method {settings.tier_method!r}")
        sample["tier"] = tier
        frames.append(sample.drop(columns=["score", "score_rank"]))
    return pd.concat(frames, ignore_index=True)


def tiers(
    scores: pd.DataFrame, edition: int, level: str, top_n: int = 20, tier_count: int = 3
) -> pd.DataFrame:
    """The jenks tiers of one (edition, level): the regions ranked <= top_n, in rank order (ties
    by region_code), with region_code, score, score_rank and tier."""
    totals = scores.loc[
        (scores["node_code"] == "total")
        & (scores["edition"] == edition)
        & (scores["region_level"] == level)
        & (scores["score_rank"] <= top_n)
    ].sort_values(["score_rank", "region_code"], ignore_index=True)
    result = totals[["region_code", "score", "score_rank"]].copy()
    result["tier"] = natural_breaks(
        totals["score"].to_numpy(), tier_count, totals["score_rank"].to_numpy()
    )
    return result


# ------------------------------------------------------------------------------------ circles


def circles(scores: pd.DataFrame, members: pd.DataFrame, method: str) -> pd.DataFrame:
    """Circle scores per (edition, circle, node): sum and mean of the member cities' scores,
    ``score`` the selected method's, ranked among circles per (edition, node) (§8)."""
    if method not in ("sum", "mean"):
        raise ValueError(f"unknown circle method {method!r}")
    cities = scores.loc[scores["region_level"] == "city"]
    joined = members.merge(cities, on="region_code", how="left", validate="many_to_many")
    if joined["score"].isna().any():
        raise ValueError("a circle member has no score")
    grouped = (
        joined.groupby(["edition", "circle_code", "circle_name", "node_code"])
        .agg(
            member_count=("score", "size"),
            score_sum=("score", "sum"),
            score_mean=("score", "mean"),
        )
        .reset_index()
    )
    grouped["score"] = grouped[f"score_{method}"]
    grouped["circle_method"] = method
    return with_rank_change(grouped, group=["node_code"], unit=["circle_code", "node_code"])


# ------------------------------------------------------------------------------------ all


def index_table(
    scores: pd.DataFrame, region_tiers: pd.DataFrame, regions: pd.DataFrame
) -> pd.DataFrame:
    """fct_index: one row per region with total and dimension scores, ranks, names and tier."""
    top = scores.loc[scores["node_level"] <= 1]
    pivot = top.pivot(
        index=["edition", "region_level", "region_code"],
        columns="node_code",
        values=["score", "score_rank", "rank_change"],
    )
    table = pd.DataFrame(index=pivot.index)
    for node in ("total", *DIMENSIONS):
        table[f"{node}_score"] = pivot[("score", node)].astype(float)
        table[f"{node}_rank"] = pivot[("score_rank", node)].astype("Int64")
    for node in ("total", *DIMENSIONS):
        table[f"{node}_rank_change"] = pivot[("rank_change", node)].astype("Int64")
    keys = ["edition", "region_level", "region_code"]
    return (
        table.reset_index()
        .merge(region_tiers, on=keys, how="left", validate="one_to_one")
        .merge(
            regions[["region_level", "region_code", "region_name"]],
            on=["region_level", "region_code"],
            how="left",
            validate="many_to_one",
        )
    )


def compute_all(
    values: pd.DataFrame, data: ReferenceData, settings: IndexSettings
) -> dict[str, pd.DataFrame]:
    """Every published number from raw indicator values: fct_indicator_values (normalised
    values and statistics), fct_weights, fct_node_scores, fct_index, fct_circle_scores."""
    result = compute_index_full(values, data.tree, settings.weighting_method, data.expert_weights)
    keys = ["edition", "region_level", "region_code", "indicator_code"]
    indicator_values = value_statistics(values).merge(
        result.normalized, on=keys, how="left", validate="one_to_one"
    )
    tiers_assigned = region_tiers(result.scores, settings)
    return {
        "fct_indicator_values": indicator_values,
        "fct_weights": result.weights.assign(weighting_method=settings.weighting_method),
        "fct_node_scores": result.scores,
        "fct_index": index_table(result.scores, tiers_assigned, data.regions),
        "fct_circle_scores": circles(result.scores, data.circles, settings.circle_method),
    }
