"""Normalisation, weights, scores and ranks (docs/methodology.md §3-6), in numpy.

One rule for "constant" everywhere: a child column on the 0-1 scale is constant, hence
uninformative, when max - min <= CONSTANT_TOLERANCE. (Normalisation itself follows §3 to the
letter: an indicator whose raw values are all equal normalises to 0.)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .seeds import load_tree

WEIGHTING_METHODS = ("improved_vector", "entropy", "critic", "equal", "expert")
CONSTANT_TOLERANCE = 1e-12  # a 0-1 column with max - min <= this is constant
ZERO_WEIGHT_TOLERANCE = 1e-12  # informative raw weights summing to <= this are all zero
RANK_DECIMALS = 6  # scores (0-100) and raw values are ranked after rounding to 6 decimals


def normalize(raw: np.ndarray, direction: str) -> np.ndarray:
    """Min-max normalisation of one indicator over one sample (§3); constant -> 0."""
    raw = np.asarray(raw, dtype=float)
    if np.isnan(raw).any():
        raise ValueError("a raw value is missing")
    low, high = raw.min(), raw.max()
    if high == low:
        return np.zeros_like(raw)
    if direction == "positive":
        return (raw - low) / (high - low)
    if direction == "negative":
        return (high - raw) / (high - low)
    raise ValueError(f"unknown direction {direction!r}")


def is_informative(columns: np.ndarray) -> np.ndarray:
    """Per child column (regions x children, 0-1 scale): not constant."""
    return columns.max(axis=0) - columns.min(axis=0) > CONSTANT_TOLERANCE


def method_raw_weights(
    columns: np.ndarray, method: str, expert: np.ndarray | None = None
) -> np.ndarray:
    """The unnormalised weights of informative child columns (regions x children), §4."""
    region_count, child_count = columns.shape
    if method == "improved_vector":
        return np.sqrt(((1.0 - columns) ** 2).sum(axis=0))
    if method == "entropy":
        shares = columns / columns.sum(axis=0)
        safe = np.where(shares > 0, shares, 1.0)
        entropy = -(np.where(shares > 0, shares * np.log(safe), 0.0)).sum(axis=0)
        return 1.0 - entropy / np.log(region_count)
    if method == "critic":
        spread = columns.std(axis=0)  # population standard deviation
        if child_count == 1:
            return np.zeros(1)  # sum over no sibling
        correlation = np.corrcoef(columns, rowvar=False)
        np.fill_diagonal(correlation, 1.0)
        return spread * (1.0 - correlation).sum(axis=0)
    if method == "equal":
        return np.ones(child_count)
    if method == "expert":
        if expert is None:
            raise ValueError("expert weights required")
        return np.asarray(expert, dtype=float)
    raise ValueError(f"unknown weighting method {method!r}")


def child_weights(
    columns: np.ndarray, method: str, expert: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Weights of one parent's children with the rules common to every method (§4):
    (weights, is_informative). Uninformative children weigh 0 and the others are weighted among
    themselves; all uninformative: 1/m each; informative raw weights all 0: equal among them."""
    child_count = columns.shape[1]
    informative = is_informative(columns)
    if method == "entropy":
        informative &= columns.sum(axis=0) != 0
    weights = np.zeros(child_count)
    if not informative.any():
        return np.full(child_count, 1.0 / child_count), informative
    raw = method_raw_weights(
        columns[:, informative], method, None if expert is None else expert[informative]
    )
    if raw.sum() <= ZERO_WEIGHT_TOLERANCE:
        weights[informative] = 1.0 / informative.sum()
    else:
        weights[informative] = raw / raw.sum()
    return weights, informative


def competition_ranks(values: np.ndarray) -> np.ndarray:
    """1 + the number of strictly higher values, compared rounded to 6 decimals (§6)."""
    rounded = np.round(np.asarray(values, dtype=float), RANK_DECIMALS)
    if np.isnan(rounded).any():
        raise ValueError("a value to rank is missing")
    return 1 + (rounded[None, :] > rounded[:, None]).sum(axis=1)


def with_rank_change(frame: pd.DataFrame, group: list[str], unit: list[str]) -> pd.DataFrame:
    """Adds score_rank within (edition, *group) and rank_change against edition - 1 (null when
    that edition was not computed)."""
    frame = frame.copy()
    frame["score_rank"] = 0
    for _, index in frame.groupby(["edition", *group]).groups.items():
        frame.loc[index, "score_rank"] = competition_ranks(frame.loc[index, "score"].to_numpy())
    previous = frame[["edition", *unit, "score_rank"]].copy()
    previous["edition"] += 1
    frame = frame.merge(
        previous.rename(columns={"score_rank": "previous_rank"}),
        on=["edition", *unit],
        how="left",
        validate="one_to_one",
    )
    frame["rank_change"] = (frame["previous_rank"] - frame["score_rank"]).astype("Int64")
    return frame.drop(columns="previous_rank")


def weight_in_total(weights: pd.DataFrame) -> list[float]:
    """Each node's weight times its ancestors' weights: its share of the total index."""
    local = {
        (edition, level, node): (parent, weight)
        for edition, level, node, parent, weight in weights[
            ["edition", "region_level", "node_code", "parent_code", "weight"]
        ].itertuples(index=False)
    }
    shares = []
    for edition, level, node in weights[["edition", "region_level", "node_code"]].itertuples(
        index=False
    ):
        share = 1.0
        while (edition, level, node) in local:
            node, weight = local[(edition, level, node)]
            share *= weight
        shares.append(share)
    return shares


def value_statistics(values: pd.DataFrame) -> pd.DataFrame:
    """value_rank (competition, highest first), value_percentile (100 * cume_dist) and
    national_median of raw_value within (edition, region_level, indicator_code)."""
    frames = []
    for _, group in values.groupby(["edition", "region_level", "indicator_code"]):
        raw = group["raw_value"].to_numpy(float)
        rounded = np.round(raw, RANK_DECIMALS)
        group = group.copy()
        group["value_rank"] = competition_ranks(raw)
        group["value_percentile"] = 100.0 * (rounded[None, :] <= rounded[:, None]).mean(axis=1)
        group["national_median"] = float(np.median(raw))
        frames.append(group)
    return pd.concat(frames, ignore_index=True)


@dataclass(frozen=True)
class IndexResult:
    """Everything §3-6 compute for a set of indicator values."""

    normalized: pd.DataFrame  # edition, region_level, region_code, indicator_code, normalized_value
    weights: pd.DataFrame  # edition, region_level, node_code, parent_code, weight, is_informative,
    #                        weight_in_total
    scores: pd.DataFrame  # edition, region_level, region_code, node_code, node_level, score,
    #                       score_rank, rank_change (levels 0-2)


def compute_index_full(
    values: pd.DataFrame,
    tree: pd.DataFrame | None = None,
    method: str = "improved_vector",
    expert_weights: dict[str, float] | None = None,
) -> IndexResult:
    """Normalised values, weights and scores for every (edition, level) in ``values``
    (long raw values: edition, region_level, region_code, indicator_code, raw_value)."""
    tree = (load_tree() if tree is None else tree).sort_values("sort_order")
    direction = dict(zip(tree["node_code"], tree["direction"], strict=True))
    level_of = dict(zip(tree["node_code"], tree["node_level"], strict=True))
    children: dict[str, list[str]] = {}
    for node, parent in zip(tree["node_code"], tree["parent_code"], strict=True):
        if isinstance(parent, str) and parent:
            children.setdefault(parent, []).append(node)
    leaves = [node for node in tree["node_code"] if node not in children]
    parents_bottom_up = sorted(children, key=lambda node: -level_of[node])

    normalized_frames, weight_rows, score_frames = [], [], []
    for (edition, level), sample in values.groupby(["edition", "region_level"], sort=True):
        wide = sample.pivot(index="region_code", columns="indicator_code", values="raw_value")
        if sorted(wide.columns) != sorted(leaves):
            raise ValueError(f"{edition} {level}: indicators {sorted(wide.columns)} != tree")
        region_codes = wide.index.to_numpy()
        unit: dict[str, np.ndarray] = {
            leaf: normalize(wide[leaf].to_numpy(float), direction[leaf]) for leaf in leaves
        }
        normalized_frames.append(
            pd.DataFrame(
                {
                    "edition": edition,
                    "region_level": level,
                    "region_code": np.repeat(region_codes, len(leaves)),
                    "indicator_code": np.tile(leaves, len(region_codes)),
                    "normalized_value": np.column_stack([unit[leaf] for leaf in leaves]).ravel(),
                }
            )
        )
        for parent in parents_bottom_up:
            kids = children[parent]
            columns = np.column_stack([unit[kid] for kid in kids])
            expert = None
            if method == "expert":
                expert = np.array([(expert_weights or {})[kid] for kid in kids], dtype=float)
            weights, informative = child_weights(columns, method, expert)
            unit[parent] = columns @ weights
            weight_rows += [
                (edition, level, kid, parent, weight, bool(flag))
                for kid, weight, flag in zip(kids, weights, informative, strict=True)
            ]
            score_frames.append(
                pd.DataFrame(
                    {
                        "edition": edition,
                        "region_level": level,
                        "region_code": region_codes,
                        "node_code": parent,
                        "node_level": level_of[parent],
                        "score": 100.0 * unit[parent],
                    }
                )
            )

    weights = pd.DataFrame(
        weight_rows,
        columns=["edition", "region_level", "node_code", "parent_code", "weight", "is_informative"],
    )
    weights["weight_in_total"] = weight_in_total(weights)
    scores = with_rank_change(
        pd.concat(score_frames, ignore_index=True),
        group=["region_level", "node_code"],
        unit=["region_level", "region_code", "node_code"],
    ).sort_values(["edition", "region_level", "node_code", "score_rank", "region_code"])
    return IndexResult(
        normalized=pd.concat(normalized_frames, ignore_index=True),
        weights=weights,
        scores=scores.reset_index(drop=True),
    )


def compute_index(
    values: pd.DataFrame,
    tree: pd.DataFrame | None = None,
    method: str = "improved_vector",
    expert_weights: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Scores (0-100), ranks and rank changes of every region at levels 0-2 (§3-6)."""
    return compute_index_full(values, tree, method, expert_weights).scores


def ranking(scores: pd.DataFrame, edition: int, level: str, node: str = "total") -> pd.DataFrame:
    """Regions of one (edition, level) ordered by rank for a node (ties by region_code)."""
    selected = scores.loc[
        (scores["edition"] == edition)
        & (scores["region_level"] == level)
        & (scores["node_code"] == node)
    ]
    return selected.sort_values(["score_rank", "region_code"], ignore_index=True)
