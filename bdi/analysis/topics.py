"""Special topics (专题, docs/analyses.md §5): the total index regressed on a topic's values.

For one topic, edition and region level, y = the regions' total scores and x = their topic values
(regions without a value are left out). Ordinary least squares y = a + b·x, in closed form:

* fit ``all``: every region with a value; per region its fitted value, residual, externally
  studentised residual, leverage and Cook's distance;
* fit ``excluding_outliers``: refit once without the outliers (|externally studentised residual|
  in the ``all`` fit above the threshold, 2.5 by default) and the regions the analyst excludes;
* per fit: n, slope, intercept, R², the slope's standard error, t statistic, two-sided p-value
  (t distribution, n − 2 degrees of freedom) and 95% confidence interval, and the 95% confidence
  band of the mean response at 50 evenly spaced x from the fit's smallest to its largest x.

A fit needs at least 5 regions and x that are not all equal; otherwise there is none. Pure
functions on numpy/pandas; the dbt Python models in models/intermediate/topics/ call them.

With one regressor every statistic has a closed form (below), so the fits need numpy and
scipy.special's t distribution only. statsmodels computes the same numbers (the tests compare
them), but importing it and its influence tables cost a dbt build about 2 s of the one Python
thread that runs every dbt node.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import stdtr, stdtrit

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


@dataclass(frozen=True)
class Fit:
    """The OLS fit y = intercept + slope·x of n points (closed form, one regressor)."""

    x: np.ndarray
    y: np.ndarray
    slope: float
    intercept: float

    @property
    def n(self) -> int:
        return len(self.x)

    @property
    def df(self) -> int:
        """Residual degrees of freedom, n − 2."""
        return self.n - 2

    @property
    def x_mean(self) -> float:
        return float(self.x.mean())

    @property
    def sxx(self) -> float:
        return float(((self.x - self.x_mean) ** 2).sum())

    @property
    def fitted(self) -> np.ndarray:
        return self.intercept + self.slope * self.x

    @property
    def residual(self) -> np.ndarray:
        return self.y - self.fitted

    @property
    def ssr(self) -> float:
        """Residual sum of squares."""
        return float((self.residual**2).sum())

    @property
    def centered_tss(self) -> float:
        return float(((self.y - self.y.mean()) ** 2).sum())

    @property
    def sigma2(self) -> float:
        """The residual variance s² = SSR / (n − 2)."""
        return self.ssr / self.df

    @property
    def leverage(self) -> np.ndarray:
        """The hat matrix's diagonal: 1/n + (x − x̄)² / Sxx."""
        return 1 / self.n + (self.x - self.x_mean) ** 2 / self.sxx

    @property
    def t_critical(self) -> float:
        """The two-sided CONFIDENCE quantile of the t distribution with n − 2 df."""
        return float(stdtrit(self.df, 1 - (1 - CONFIDENCE) / 2))


def ols(x: np.ndarray, y: np.ndarray) -> Fit | None:
    """OLS y = a + b·x, or None with fewer than MIN_REGIONS points or x all equal."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(x) < MIN_REGIONS or np.ptp(x) == 0:
        return None
    x_centered = x - x.mean()
    slope = float((x_centered * (y - y.mean())).sum() / (x_centered**2).sum())
    return Fit(x=x, y=y, slope=slope, intercept=float(y.mean() - slope * x.mean()))


# Relative to the total sum of squares, a residual sum of squares this small is a perfect fit: the
# residuals are rounding noise, and a ratio of two of them means nothing.
PERFECT_FIT = 1e-10


def fit_statistics(fit: Fit) -> dict[str, float | int]:
    """n, slope, intercept, R², and the slope's standard error, t, p and 95% interval."""
    std_error = float(np.sqrt(fit.sigma2 / fit.sxx))
    with np.errstate(divide="ignore", invalid="ignore"):
        t_value = float(np.float64(fit.slope) / std_error)
    half = fit.t_critical * std_error
    return {
        "n": fit.n,
        "slope": fit.slope,
        "intercept": fit.intercept,
        "r_squared": 1 - fit.ssr / fit.centered_tss,
        "slope_std_error": std_error,
        "slope_t": t_value,
        "slope_p_value": float(2 * stdtr(fit.df, -abs(t_value))),
        "slope_ci_low": fit.slope - half,
        "slope_ci_high": fit.slope + half,
    }


def diagnostics(fit: Fit) -> pd.DataFrame:
    """Per point: fitted value, residual, externally studentised residual, leverage, Cook's
    distance. With h the leverage and e the residual, the fit without point i has
    SSR₍ᵢ₎ = SSR − eᵢ²/(1 − hᵢ) on n − 3 df, the externally studentised residual is
    eᵢ / √(SSR₍ᵢ₎/(n − 3) · (1 − hᵢ)) and Cook's distance eᵢ² hᵢ / (2 s² (1 − hᵢ)²). The
    studentised residual is undefined (NaN) where the fit without the point is perfect or the
    point's leverage is 1; Cook's distance where the fit itself is perfect or the leverage is 1."""
    leverage = fit.leverage
    residual = fit.residual
    tiny = PERFECT_FIT * max(fit.centered_tss, np.finfo(float).tiny)
    with np.errstate(divide="ignore", invalid="ignore"):
        no_leverage_left = 1 - leverage <= 1e-12
        deleted_ssr = fit.ssr - residual**2 / (1 - leverage)
        studentized = np.where(
            no_leverage_left | (deleted_ssr <= tiny),
            np.nan,
            residual / np.sqrt(deleted_ssr / (fit.n - 3) * (1 - leverage)),
        )
        cooks = np.where(
            no_leverage_left | (fit.ssr <= tiny),
            np.nan,
            residual**2 * leverage / (2 * fit.sigma2 * (1 - leverage) ** 2),
        )
    return pd.DataFrame(
        {
            "fitted": fit.fitted,
            "residual": residual,
            "studentized_residual": studentized,
            "leverage": leverage,
            "cooks_distance": cooks,
        }
    )


def confidence_band(
    fit: Fit, x_min: float, x_max: float, points: int = BAND_POINTS
) -> pd.DataFrame:
    """The 95% confidence band of the mean response at `points` evenly spaced x:
    ŷ ± t · √(s² (1/n + (x − x̄)²/Sxx))."""
    grid = np.linspace(x_min, x_max, points)
    mean = fit.intercept + fit.slope * grid
    half = fit.t_critical * np.sqrt(fit.sigma2 * (1 / fit.n + (grid - fit.x_mean) ** 2 / fit.sxx))
    return pd.DataFrame(
        {
            "point_index": np.arange(1, points + 1),
            "x": grid,
            "fitted": mean,
            "ci_low": mean - half,
            "ci_high": mean + half,
        }
    )


def fit_group(
    regions: pd.DataFrame, threshold: float, forced: Iterable[str] = ()
) -> tuple[list[dict], pd.DataFrame, pd.DataFrame]:
    """Both fits of one (topic, edition, level): `regions` has region_code, x, y (one row per
    region). Returns (regressions, points, bands) without the group's key columns."""
    regions = regions.sort_values("region_code").reset_index(drop=True)
    x, y = regions["x"].to_numpy(float), regions["y"].to_numpy(float)
    fit_all = ols(x, y)
    if fit_all is None:
        return [], pd.DataFrame(), pd.DataFrame()
    points = pd.concat([regions[["region_code", "x", "y"]], diagnostics(fit_all)], axis=1)
    with np.errstate(invalid="ignore"):
        points["is_outlier"] = np.abs(points["studentized_residual"].to_numpy()) > threshold
    excluded = points["is_outlier"] | points["region_code"].isin(set(forced))
    fits = [("all", fit_all, x, ())]
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
