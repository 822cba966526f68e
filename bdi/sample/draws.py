"""Vectorised random helpers of the sample generator: rounding, allocation, selection, dates.

Every function takes its numpy Generator explicitly, so that each concern draws from its own
stream and the output stays the same bytes for the same seed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bdi.sample.calibration import NEVER


def stochastic_round(values: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Integers with the given expectations, each off by less than one."""
    values = np.asarray(values, dtype=float)
    floor = np.floor(values)
    return (floor + (rng.random(values.shape) < values - floor)).astype(np.int64)


def largest_remainder(weights: Sequence[float] | np.ndarray, total: int) -> np.ndarray:
    """Split an integer total in proportion to weights (deterministic, ties by position)."""
    weights = np.asarray(weights, dtype=float)
    if total <= 0 or weights.sum() <= 0:
        return np.zeros(len(weights), dtype=np.int64)
    exact = weights / weights.sum() * total
    counts = np.floor(exact).astype(np.int64)
    order = np.lexsort((np.arange(len(exact)), -(exact - counts)))
    counts[order[: total - counts.sum()]] += 1
    return counts


def select_per_group(
    group: np.ndarray,
    eligible: np.ndarray,
    count: np.ndarray,
    weight: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """A mask choosing count[g] eligible members of each group g, weighted, without replacement."""
    index = np.flatnonzero(eligible)
    selected = np.zeros(len(group), dtype=bool)
    if len(index) == 0:
        return selected
    key = rng.exponential(size=len(index)) / np.maximum(weight[index], 1e-12)
    groups = group[index]
    order = np.lexsort((key, groups))
    sorted_groups = groups[order]
    rank = np.arange(len(order)) - np.searchsorted(sorted_groups, sorted_groups, side="left")
    selected[index[order[rank < count[sorted_groups]]]] = True
    return selected


def year_start(years: np.ndarray | int) -> np.ndarray:
    return (np.asarray(years) - 1970).astype("datetime64[Y]").astype("datetime64[D]")


def year_end(years: np.ndarray | int) -> np.ndarray:
    return year_start(np.asarray(years) + 1) - np.timedelta64(1, "D")


def year_of(dates: np.ndarray) -> np.ndarray:
    """Calendar years of datetime64[D] values (NaT: NEVER)."""
    years = dates.astype("datetime64[Y]").astype(np.int64) + 1970
    return np.where(np.isnat(dates), NEVER, years)


def random_dates(low: np.ndarray, high: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Uniform dates in [low, high]."""
    low = np.asarray(low, dtype="datetime64[D]").astype(np.int64)
    high = np.asarray(high, dtype="datetime64[D]").astype(np.int64)
    low, high = np.broadcast_arrays(low, high)
    span = np.maximum(high - low + 1, 1)
    offset = np.floor(rng.random(low.shape) * span).astype(np.int64)
    return (low + offset).astype("datetime64[D]")


def dates_in_years(years: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    return random_dates(year_start(years), year_end(years), rng)


def draw_years(weights: dict[int, float], size: int, rng: np.random.Generator) -> np.ndarray:
    """Years drawn from piecewise-constant weights (each key holds until the next)."""
    steps = sorted(weights)
    years = np.arange(steps[0], steps[-1] + 1)
    year_weights = np.array([weights[max(s for s in steps if s <= y)] for y in years], dtype=float)
    return rng.choice(years, size=size, p=year_weights / year_weights.sum())
