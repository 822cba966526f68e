"""Special topics (专题, docs/analyses.md §5): the total index regressed on a topic's values.

For one topic, edition and region level, y = the regions' total scores and x = their topic values
(regions without a value are left out). Ordinary least squares y = a + b·x with statsmodels:

* fit ``all``: every region with a value; per region its fitted value, residual, externally
  studentised residual, leverage and Cook's distance;
* fit ``excluding_outliers``: refit once without the outliers (|externally studentised residual|
  in the ``all`` fit above the threshold, 2.5 by default) and the regions the analyst excludes;
* per fit: n, slope, intercept, R², the slope's standard error, t statistic, two-sided p-value
  (t distribution, n − 2 degrees of freedom) and 95% confidence interval, and the 95% confidence
  band of the mean response at 50 evenly spaced x from the fit's smallest to its largest x.

A fit needs at least 5 regions and x that are not all equal; otherwise there is none. Pure
functions on numpy/pandas; the dbt Python models in models/intermediate/topics/ call them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.regression.linear_model import OLS, RegressionResultsWrapper

MIN_REGIONS = 5
BAND_POINTS = 50
CONFIDENCE = 0.95
DEFAULT_OUTLIER_THRESHOLD = 2.5
FITS = ("all", "excluding_outliers")
GROUP = ["topic_code", "edition", "region_level"]

REGRESSION_COLUMNS = [
    *GROUP, "fit", "n", "slope", "intercept", "r_squared", "slope_std_error", "slope_t",
    "slope_p_value", "slope_ci_low", "slope_ci_high", "excluded_regions",
]  # fmt: skip
POINT_COLUMNS = [
    *GROUP, "region_code", "x", "y", "fitted", "residual", "studentized_residual", "leverage",
    "cooks_distance", "is_outlier",
]  # fmt: skip
BAND_COLUMNS = [*GROUP, "fit", "point_index", "x", "fitted", "ci_low", "ci_high"]


# The columns of `TopicFits.stacked()` and their types (the three outputs in one frame).
STACKED_TYPES = {
    "output": "string", **dict.fromkeys(GROUP[:1], "string"), "edition": "Int64",
    "region_level": "string", "fit": "string", "region_code": "string", "point_index": "Int64",
    "n": "Int64", **dict.fromkeys(REGRESSION_COLUMNS[5:14], "float64"),
    "excluded_regions": "string", "x": "float64", "y": "float64", "fitted": "float64",
    "residual": "float64", "studentized_residual": "float64", "leverage": "float64",
    "cooks_distance": "float64", "is_outlier": "boolean", "ci_low": "float64",
    "ci_high": "float64",
}  # fmt: skip


@dataclass(frozen=True)
class TopicFits:
    """The three outputs of the regressions, one frame each (empty frames when nothing fits)."""

    regressions: pd.DataFrame
    points: pd.DataFrame
    bands: pd.DataFrame

    def stacked(self) -> pd.DataFrame:
        """The three in one frame, told apart by `output` (regression, point, band), each with
        its own columns and nulls in the others: what the dbt Python model returns, so that the
        fits are computed once and three SQL marts select their part."""
        frames = [
            self.regressions.assign(output="regression"),
            self.points.assign(output="point"),
            self.bands.assign(output="band"),
        ]
        frames = [frame for frame in frames if len(frame)] or [pd.DataFrame()]
        stacked = pd.concat(frames, ignore_index=True)
        return stacked.reindex(columns=list(STACKED_TYPES)).astype(STACKED_TYPES)


def parse_region_list(text: str | Iterable[str] | None) -> tuple[str, ...]:
    """Region codes from a var: "110000, 310000" (commas or blanks) or a list; each 6 digits."""
    if text is None:
        return ()
    tokens = re.split(r"[\s,;]+", text) if isinstance(text, str) else [str(t) for t in text]
    codes = tuple(sorted({token.strip() for token in tokens if token.strip()}))
    bad = [code for code in codes if not re.fullmatch(r"[0-9]{6}", code)]
    if bad:
        raise ValueError(
            f"topic_excluded_regions (BDI_TOPIC_EXCLUDED_REGIONS) holds {', '.join(bad)}: "
            "it must list 6-digit region codes, e.g. 110000,310000"
        )
    return codes


def parse_threshold(value: object) -> float:
    """The outlier threshold var (topic_outlier_threshold, BDI_TOPIC_OUTLIER_THRESHOLD) > 0."""
    text = str(value).strip() if value is not None else ""
    try:
        threshold = float(text) if text else DEFAULT_OUTLIER_THRESHOLD
    except ValueError:
        threshold = float("nan")
    if not np.isfinite(threshold) or threshold <= 0:
        raise ValueError(
            f"topic_outlier_threshold (BDI_TOPIC_OUTLIER_THRESHOLD) = {value!r}: "
            "it must be a positive number (default 2.5)"
        )
    return threshold


def ols(x: np.ndarray, y: np.ndarray) -> RegressionResultsWrapper | None:
    """OLS y = a + b·x, or None with fewer than MIN_REGIONS points or x all equal."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(x) < MIN_REGIONS or np.ptp(x) == 0:
        return None
    return OLS(y, np.column_stack([np.ones_like(x), x])).fit()


# Relative to the total sum of squares, a residual sum of squares this small is a perfect fit: the
# residuals are rounding noise, and a ratio of two of them means nothing.
PERFECT_FIT = 1e-10


def fit_statistics(results: RegressionResultsWrapper) -> dict[str, float | int]:
    """n, slope, intercept, R², and the slope's standard error, t, p and 95% interval."""
    low, high = results.conf_int(alpha=1 - CONFIDENCE)[1]
    return {
        "n": int(results.nobs),
        "slope": float(results.params[1]),
        "intercept": float(results.params[0]),
        "r_squared": float(results.rsquared),
        "slope_std_error": float(results.bse[1]),
        "slope_t": float(results.tvalues[1]),
        "slope_p_value": float(results.pvalues[1]),
        "slope_ci_low": float(low),
        "slope_ci_high": float(high),
    }


def diagnostics(results: RegressionResultsWrapper) -> pd.DataFrame:
    """Per point: fitted value, residual, externally studentised residual, leverage, Cook's
    distance (statsmodels' OLSInfluence). The studentised residual is undefined (NaN) where the
    fit without the point is perfect or the point's leverage is 1; Cook's distance where the fit
    itself is perfect or the leverage is 1."""
    influence = results.get_influence()
    leverage = np.asarray(influence.hat_matrix_diag, dtype=float)
    residual = np.asarray(results.resid, dtype=float)
    tiny = PERFECT_FIT * max(float(results.centered_tss), np.finfo(float).tiny)
    with np.errstate(divide="ignore", invalid="ignore"):
        no_leverage_left = 1 - leverage <= 1e-12
        deleted_ssr = results.ssr - residual**2 / (1 - leverage)
        studentized = np.where(
            no_leverage_left | (deleted_ssr <= tiny),
            np.nan,
            np.asarray(influence.resid_studentized_external, dtype=float),
        )
        cooks = np.where(
            no_leverage_left | (results.ssr <= tiny),
            np.nan,
            np.asarray(influence.cooks_distance[0], dtype=float),
        )
    return pd.DataFrame(
        {
            "fitted": results.fittedvalues,
            "residual": residual,
            "studentized_residual": studentized,
            "leverage": leverage,
            "cooks_distance": cooks,
        }
    )


def confidence_band(
    results: RegressionResultsWrapper, x_min: float, x_max: float, points: int = BAND_POINTS
) -> pd.DataFrame:
    """The 95% confidence band of the mean response at `points` evenly spaced x."""
    grid = np.linspace(x_min, x_max, points)
    frame = results.get_prediction(np.column_stack([np.ones_like(grid), grid])).summary_frame(
        alpha=1 - CONFIDENCE
    )
    return pd.DataFrame(
        {
            "point_index": np.arange(1, points + 1),
            "x": grid,
            "fitted": frame["mean"].to_numpy(),
            "ci_low": frame["mean_ci_lower"].to_numpy(),
            "ci_high": frame["mean_ci_upper"].to_numpy(),
        }
    )


def fit_group(
    regions: pd.DataFrame, threshold: float, forced: Iterable[str] = ()
) -> tuple[list[dict], pd.DataFrame, pd.DataFrame]:
    """Both fits of one (topic, edition, level): `regions` has region_code, x, y (one row per
    region). Returns (regressions, points, bands) without the group's key columns."""
    regions = regions.sort_values("region_code").reset_index(drop=True)
    x, y = regions["x"].to_numpy(float), regions["y"].to_numpy(float)
    results = ols(x, y)
    if results is None:
        return [], pd.DataFrame(), pd.DataFrame()
    points = pd.concat([regions[["region_code", "x", "y"]], diagnostics(results)], axis=1)
    with np.errstate(invalid="ignore"):
        points["is_outlier"] = np.abs(points["studentized_residual"].to_numpy()) > threshold
    excluded = points["is_outlier"] | points["region_code"].isin(set(forced))
    fits = [("all", results, x, ())]
    kept = ~excluded.to_numpy()
    refit = ols(x[kept], y[kept])
    if refit is not None:
        fits.append(
            ("excluding_outliers", refit, x[kept], tuple(points.loc[excluded, "region_code"]))
        )
    regressions, bands = [], []
    for name, fitted, fit_x, left_out in fits:
        regressions.append(
            {"fit": name, **fit_statistics(fitted), "excluded_regions": ",".join(left_out)}
        )
        band = confidence_band(fitted, float(fit_x.min()), float(fit_x.max()))
        bands.append(band.assign(fit=name))
    return regressions, points, pd.concat(bands, ignore_index=True)


def fit_topics(
    pairs: pd.DataFrame,
    threshold: float = DEFAULT_OUTLIER_THRESHOLD,
    forced: Iterable[str] = (),
) -> TopicFits:
    """Every fit of `pairs` (topic_code, edition, region_level, region_code, x, y: the regions
    with both a topic value and a total score)."""
    forced = tuple(forced)
    regressions, points, bands = [], [], []
    for key, regions in pairs.groupby(GROUP, sort=True):
        keys = dict(zip(GROUP, key, strict=True))
        group_regressions, group_points, group_bands = fit_group(regions, threshold, forced)
        regressions.extend({**keys, **row} for row in group_regressions)
        if len(group_points):
            points.append(group_points.assign(**keys))
            bands.append(group_bands.assign(**keys))
    return TopicFits(
        regressions=pd.DataFrame(regressions, columns=REGRESSION_COLUMNS),
        points=_concat(points, POINT_COLUMNS),
        bands=_concat(bands, BAND_COLUMNS),
    )


def _concat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def fit_topics_with_vars(pairs: pd.DataFrame, threshold: object, excluded: object) -> TopicFits:
    """fit_topics with the vars as dbt passes them (text): topic_outlier_threshold and
    topic_excluded_regions (env BDI_TOPIC_OUTLIER_THRESHOLD, BDI_TOPIC_EXCLUDED_REGIONS)."""
    return fit_topics(pairs, parse_threshold(threshold), parse_region_list(excluded))
