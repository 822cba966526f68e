"""Rank uncertainty by Monte Carlo (docs/analyses.md §2.2), vectorised over the draws.

The SQL engine (models/intermediate/engine) computes the index once per build; the Monte Carlo
needs it a thousand times per (edition, level), which SQL cannot do in seconds. So this module
re-implements the weighting formulas of docs/methodology.md §4–6 in numpy (improved_vector,
entropy, critic, equal, with the rules common to all methods); tests check that, without
perturbation, it reproduces the index and the method scenarios to the last rank.

A draw (docs/analyses.md §2.2): a method, uniformly from the four; with probability 1/2 one
indicator, uniformly, left out (treated as uninformative); the method's weights computed bottom-up
from the draw's own lower-level scores; every weight times its own factor from U[0.75, 1.25],
renormalised within its parent; total scores (0–100) and competition ranks on scores rounded to
6 decimals.

Vectorisation: steps 1–3 have only 4 × 19 outcomes (method × no indicator or one of 18 left
out), so the unperturbed weights are computed once for each outcome (a batch axis of 19 per
method) and each draw picks its row; steps 4–5 are array operations over (draws × weights) and
(draws × regions), and the ranks of all draws come from one sort.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

METHODS = ("improved_vector", "entropy", "critic", "equal")
CONSTANT_TOLERANCE = 1e-12  # a 0–1 column with max − min at most this is constant
ZERO_WEIGHT_TOLERANCE = 1e-12  # informative raw weights summing to at most this are all 0
RANK_DECIMALS = 6  # scores (0–100) are ranked after rounding to 6 decimals
LEAVE_OUT_PROBABILITY = 0.5
FACTOR_LOW, FACTOR_HIGH = 0.75, 1.25  # ±25% weight perturbation
NO_INDICATOR = -1  # left_out value of a draw that leaves no indicator out


@dataclass(frozen=True)
class Level:
    """One level of the hierarchy: its nodes (the children) and each one's parent's position
    among the nodes of the level above."""

    children: tuple[str, ...]
    parent_of: np.ndarray  # (K,) int

    @cached_property
    def membership(self) -> np.ndarray:
        """(K, P) one-hot: child k belongs to parent p."""
        one_hot = np.zeros((len(self.children), int(self.parent_of.max()) + 1))
        one_hot[np.arange(len(self.children)), self.parent_of] = 1.0
        return one_hot

    def per_child(self, per_parent: np.ndarray) -> np.ndarray:
        """A per-parent quantity (…, P) repeated for each child (…, K)."""
        return per_parent[..., self.parent_of]

    def parent_sums(self, per_child: np.ndarray) -> np.ndarray:
        """Sums over each parent's children: (…, K) -> (…, K), repeated for each child."""
        return self.per_child(per_child @ self.membership)


@dataclass(frozen=True)
class Tree:
    """The hierarchy, bottom-up: levels[0] has the indicators as children (their parents are
    the sub-dimensions), the last level has the dimensions (their parent is the total)."""

    levels: tuple[Level, ...]

    @property
    def indicators(self) -> tuple[str, ...]:
        return self.levels[0].children

    @property
    def weight_count(self) -> int:
        """Weights per draw: one per node below the total (27 for the methodology's tree)."""
        return sum(len(level.children) for level in self.levels)

    @classmethod
    def from_frame(cls, tree: pd.DataFrame) -> Tree:
        """From node_code, node_level, parent_code, sort_order (dim_indicator_tree)."""
        tree = tree.sort_values("sort_order")
        depth = int(tree["node_level"].max())
        parent = dict(zip(tree["node_code"], tree["parent_code"], strict=True))
        nodes = {
            level: tuple(tree.loc[tree["node_level"] == level, "node_code"])
            for level in range(depth + 1)
        }
        if len(nodes[0]) != 1:
            raise ValueError(f"the tree needs one root, not {nodes[0]}")
        levels = []
        for level in range(depth, 0, -1):
            above = {code: position for position, code in enumerate(nodes[level - 1])}
            missing = [code for code in nodes[level] if parent[code] not in above]
            if missing:
                raise ValueError(f"nodes {missing} have no parent on level {level - 1}")
            parent_of = np.array([above[parent[code]] for code in nodes[level]])
            if len(set(parent_of)) != len(above):
                raise ValueError(f"a node of level {level - 1} has no children (leaves: level 3)")
            levels.append(Level(nodes[level], parent_of))
        return cls(tuple(levels))


@dataclass(frozen=True)
class DrawPlan:
    """The random choices of D draws (docs/analyses.md §2.2, steps 1, 2 and 4)."""

    methods: np.ndarray  # (D,) position in METHODS
    left_out: np.ndarray  # (D,) position of the left-out indicator, or NO_INDICATOR
    factors: np.ndarray  # (D, weight_count): level by level bottom-up, nodes in tree order

    @classmethod
    def nominal(cls, tree: Tree, methods: tuple[str, ...] = METHODS) -> DrawPlan:
        """One unperturbed draw per method: the index as the SQL engine computes it."""
        count = len(methods)
        return cls(
            methods=np.array([METHODS.index(method) for method in methods]),
            left_out=np.full(count, NO_INDICATOR),
            factors=np.ones((count, tree.weight_count)),
        )


def generator(seed: int, edition: int, region_level: str) -> np.random.Generator:
    """The generator of one (edition, level): its own stream from the seed, so that adding an
    edition or a level changes no other's draws."""
    return np.random.default_rng([int(seed), int(edition), zlib.crc32(region_level.encode())])


def plan_draws(draws: int, tree: Tree, rng: np.random.Generator) -> DrawPlan:
    """D draws' choices, in a fixed order of calls on `rng` (methods, whether an indicator is
    left out, which one, the factors), so that a seed always gives the same draws."""
    if draws < 1:
        raise ValueError(f"draws must be at least 1, not {draws}")
    methods = rng.integers(0, len(METHODS), size=draws)
    leaves_one_out = rng.random(draws) < LEAVE_OUT_PROBABILITY
    which = rng.integers(0, len(tree.indicators), size=draws)
    factors = rng.uniform(FACTOR_LOW, FACTOR_HIGH, size=(draws, tree.weight_count))
    return DrawPlan(methods, np.where(leaves_one_out, which, NO_INDICATOR), factors)


def _correlations(columns: np.ndarray) -> np.ndarray:
    """Pearson correlations between the K columns of each batch: (B, N, K) -> (B, K, K); 0 where
    a column is constant (such a child is uninformative and never used)."""
    centred = columns - columns.mean(axis=1, keepdims=True)
    covariance = np.einsum("bnk,bnl->bkl", centred, centred) / columns.shape[1]
    spread = np.sqrt(np.diagonal(covariance, axis1=1, axis2=2))
    scale = spread[:, :, None] * spread[:, None, :]
    return np.divide(covariance, scale, out=np.zeros_like(covariance), where=scale > 0)


def _raw_weights(
    columns: np.ndarray, level: Level, method: str, informative: np.ndarray
) -> np.ndarray:
    """Each child's unnormalised weight (docs/methodology.md §4) among its informative
    siblings: columns (B or 1, N, K), informative (B, K) -> (B, K)."""
    region_count = columns.shape[1]
    if method == "improved_vector":
        return np.sqrt(((1.0 - columns) ** 2).sum(axis=1))
    if method == "entropy":
        totals = columns.sum(axis=1, keepdims=True)
        shares = np.divide(columns, totals, out=np.zeros_like(columns), where=totals != 0)
        logs = np.log(np.where(shares > 0, shares, 1.0))
        return 1.0 + (shares * logs).sum(axis=1) / np.log(region_count)
    if method == "critic":
        spread = columns.std(axis=1)  # population standard deviation
        siblings = level.membership @ level.membership.T - np.eye(len(level.children))
        conflict = siblings * (1.0 - _correlations(columns))  # (B or 1, K, K)
        return spread * (conflict @ informative[..., None].astype(float))[..., 0]
    if method == "equal":
        return np.ones(informative.shape)
    raise ValueError(f"unknown weighting method {method!r}; use one of {METHODS}")


def child_weights(
    columns: np.ndarray, level: Level, method: str, excluded: np.ndarray | None = None
) -> np.ndarray:
    """The weights of every parent's children with the rules common to all methods
    (docs/methodology.md §4): a constant child (or one `excluded`, i.e. left out) is
    uninformative and weighs 0, the others are weighted among themselves; all uninformative:
    1/m each; the informative raw weights all 0: equal among the informative; so one informative
    child gets 1. columns (B or 1, N, K) on the 0–1 scale, excluded (B, K) -> (B, K)."""
    informative = columns.max(axis=1) - columns.min(axis=1) > CONSTANT_TOLERANCE
    if method == "entropy":
        informative &= columns.sum(axis=1) != 0
    if excluded is not None:
        informative = informative & ~excluded
    raw = np.where(informative, _raw_weights(columns, level, method, informative), 0.0)
    informative_count = level.parent_sums(informative.astype(float))
    raw_sum = level.parent_sums(raw)
    child_count = level.parent_sums(np.ones(len(level.children)))
    proportional = np.divide(raw, raw_sum, out=np.zeros_like(raw), where=raw_sum > 0)
    equal_among_informative = np.divide(
        informative, informative_count, out=np.zeros_like(raw), where=informative_count > 0
    )
    weights = np.where(raw_sum <= ZERO_WEIGHT_TOLERANCE, equal_among_informative, proportional)
    return np.where(informative_count == 0, 1.0 / child_count, weights)


def _aggregate(columns: np.ndarray, weights: np.ndarray, level: Level) -> np.ndarray:
    """Parents' scores on the 0–1 scale: (B or 1, N, K) · (B, K) -> (B, N, P)."""
    return (columns * weights[:, None, :]) @ level.membership


def method_weights(
    values: np.ndarray, tree: Tree, method: str, left_out: np.ndarray
) -> list[np.ndarray]:
    """The method's weights, level by level bottom-up, for each entry of `left_out` (an
    indicator's position, or NO_INDICATOR): level-1 and level-2 weights from the scores that the
    lower weights give. values (N, J) normalised -> [(B, K_level)] with B = len(left_out)."""
    excluded = np.asarray(left_out)[:, None] == np.arange(len(tree.indicators))[None, :]
    columns = np.asarray(values, dtype=float)[None]
    weights = []
    for position, level in enumerate(tree.levels):
        level_weights = child_weights(columns, level, method, excluded if position == 0 else None)
        weights.append(level_weights)
        columns = _aggregate(columns, level_weights, level)
    return weights


def draw_total_scores(values: np.ndarray, tree: Tree, plan: DrawPlan) -> np.ndarray:
    """Total scores (0–100) of every draw of `plan`: values (N, J) normalised -> (D, N)."""
    indicator_count = len(tree.indicators)
    outcomes = np.arange(NO_INDICATOR, indicator_count)  # row o: left_out = o - 1
    per_method = [method_weights(values, tree, method, outcomes) for method in METHODS]
    offset = 0
    path: np.ndarray | None = None  # each node's weight in the total, top-down
    level_weights = []
    for position, level in enumerate(tree.levels):
        base = np.stack([weights[position] for weights in per_method])  # (M, J + 1, K)
        drawn = base[plan.methods, plan.left_out - NO_INDICATOR]  # (D, K)
        drawn = drawn * plan.factors[:, offset : offset + len(level.children)]
        offset += len(level.children)
        level_weights.append(drawn / level.parent_sums(drawn))
    for position in range(len(tree.levels) - 1, -1, -1):
        weights = level_weights[position]
        path = weights if path is None else weights * tree.levels[position].per_child(path)
    return 100.0 * path @ np.asarray(values, dtype=float).T


def competition_ranks(scores: np.ndarray) -> np.ndarray:
    """Competition ranks (1, 2, 2, 4), highest first, of each row of `scores` (D, N) compared
    after rounding to 6 decimals (docs/methodology.md §6): 1 + the number of higher scores."""
    if np.isnan(scores).any():
        raise ValueError("a score to rank is missing")
    draws, regions = scores.shape
    keys = np.rint(scores * 10**RANK_DECIMALS).astype(np.int64)
    keys -= keys.min()
    stride = int(keys.max()) + 1
    flat = (keys + stride * np.arange(draws, dtype=np.int64)[:, None]).ravel()
    at_most = np.searchsorted(np.sort(flat), flat, side="right").reshape(draws, regions)
    at_most -= regions * np.arange(draws)[:, None]
    return (1 + regions - at_most).astype(np.int64)


def simulate_ranks(
    values: np.ndarray, tree: Tree, draws: int, rng: np.random.Generator
) -> np.ndarray:
    """The total ranks of `draws` Monte Carlo draws: values (N, J) normalised -> (D, N)."""
    return competition_ranks(draw_total_scores(values, tree, plan_draws(draws, tree, rng)))


def wide_values(values: pd.DataFrame, tree: Tree) -> tuple[np.ndarray, np.ndarray]:
    """One (edition, level)'s long normalised values (region_code, indicator_code,
    normalized_value) as (region codes sorted, values (N, J) in the tree's indicator order)."""
    wide = values.pivot(index="region_code", columns="indicator_code", values="normalized_value")
    missing = sorted(set(tree.indicators) - set(wide.columns))
    if missing or wide.isna().to_numpy().any():
        raise ValueError(f"every region needs every indicator (missing {missing} or a value)")
    wide = wide.sort_index()[list(tree.indicators)]
    return wide.index.to_numpy(), wide.to_numpy(dtype=float)


def rank_counts(
    values: pd.DataFrame, tree_frame: pd.DataFrame, draws: int, seed: int
) -> pd.DataFrame:
    """The Monte Carlo of every (edition, region_level) in `values` (edition, region_level,
    region_code, indicator_code, normalized_value): for each region, how many of the draws gave
    it each total rank (edition, region_level, region_code, total_rank, draw_count)."""
    tree = Tree.from_frame(tree_frame)
    frames = []
    for (edition, region_level), sample in values.groupby(["edition", "region_level"], sort=True):
        regions, wide = wide_values(sample, tree)
        ranks = simulate_ranks(wide, tree, draws, generator(seed, edition, region_level))
        region_count = len(regions)
        cells = np.arange(region_count)[None, :] * (region_count + 1) + ranks
        counts = np.bincount(cells.ravel(), minlength=region_count * (region_count + 1))
        region_position, total_rank = np.nonzero(counts.reshape(region_count, region_count + 1))
        frames.append(
            pd.DataFrame(
                {
                    "edition": int(edition),
                    "region_level": str(region_level),
                    "region_code": regions[region_position],
                    "total_rank": total_rank.astype(np.int32),
                    "draw_count": counts.reshape(region_count, -1)[region_position, total_rank],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)
