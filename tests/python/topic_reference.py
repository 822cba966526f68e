"""Independent recomputation of the special topics (docs/analyses.md §5) for the tests: region
resolution of the raw topic values, OLS with its influence measures and confidence band (numpy and
scipy only, not statsmodels and not bdi.analysis), and the policy-term count (jieba segments;
the filters and the counting are done here).
"""

from __future__ import annotations

import csv
import math
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

ROOT = Path(__file__).resolve().parents[2]
REGIONS = ROOT / "seeds" / "reference" / "ref_regions.csv"
STOP_WORDS = ROOT / "seeds" / "topics" / "ref_policy_stop_words.csv"
DICTIONARY = ROOT / "seeds" / "topics" / "ref_policy_term_dictionary.csv"
MIN_REGIONS, BAND_POINTS = 5, 50


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def topic_values(topics_csv: Path, values_csv: Path) -> pd.DataFrame:
    """fct_topic_values as the data contract defines it, from two valid raw files: a province
    code gives a province-level value, another code its city's, a municipality both."""
    regions = read_csv(REGIONS)
    provinces = {r["region_code"]: r for r in regions if r["region_level"] == "province"}
    cities = {r["region_code"] for r in regions if r["region_level"] == "city"}
    topics = {row["topic_code"]: row for row in read_csv(topics_csv)}
    rows = []
    for row in read_csv(values_csv):
        code = row["region_code"].strip()
        province = code[:2] + "0000"
        assert province in provinces, code
        levels = []
        if provinces[province]["is_municipality"].lower() == "true":
            levels = [("province", province), ("city", province)]
        elif code == province:
            levels = [("province", province)]
        else:
            assert code[:4] + "00" in cities, code
            levels = [("city", code[:4] + "00")]
        topic = topics[row["topic_code"]]
        for level, region in levels:
            rows.append(
                {
                    "topic_code": row["topic_code"],
                    "edition": int(row["year"]) + 1,
                    "region_level": level,
                    "region_code": region,
                    "data_year": int(row["year"]),
                    "value": float(row["value"]),
                    "topic_name_zh": topic["name_zh"],
                    "topic_name_en": topic["name_en"] or None,
                    "unit": topic["unit"] or None,
                }
            )
    return pd.DataFrame(rows).sort_values(["topic_code", "edition", "region_level", "region_code"])


def ols(x: np.ndarray, y: np.ndarray) -> dict | None:
    """Every statistic of docs/analyses.md §5 for y = a + b·x, or None (n < 5 or x all equal)."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    n = len(x)
    if n < MIN_REGIONS or np.all(x == x[0]):
        return None
    x_mean = x.mean()
    sxx = float(((x - x_mean) ** 2).sum())
    slope = float(((x - x_mean) * (y - y.mean())).sum() / sxx)
    intercept = float(y.mean() - slope * x_mean)
    fitted = intercept + slope * x
    residual = y - fitted
    ssr = float((residual**2).sum())
    sst = float(((y - y.mean()) ** 2).sum())
    s2 = ssr / (n - 2)
    se = math.sqrt(s2 / sxx)
    t_crit = stats.t.ppf(0.975, n - 2)
    leverage = 1 / n + (x - x_mean) ** 2 / sxx
    internal = residual / np.sqrt(s2 * (1 - leverage))
    external = internal * np.sqrt((n - 3) / (n - 2 - internal**2))
    cooks = internal**2 * leverage / (2 * (1 - leverage))
    grid = np.linspace(x.min(), x.max(), BAND_POINTS)
    half = t_crit * np.sqrt(s2 * (1 / n + (grid - x_mean) ** 2 / sxx))
    return {
        "n": n,
        "slope": slope,
        "intercept": intercept,
        "r_squared": 1 - ssr / sst,
        "slope_std_error": se,
        "slope_t": slope / se,
        "slope_p_value": float(2 * stats.t.sf(abs(slope / se), n - 2)),
        "slope_ci_low": slope - t_crit * se,
        "slope_ci_high": slope + t_crit * se,
        "fitted": fitted,
        "residual": residual,
        "studentized_residual": external,
        "leverage": leverage,
        "cooks_distance": cooks,
        "band": pd.DataFrame(
            {
                "point_index": np.arange(1, BAND_POINTS + 1),
                "x": grid,
                "fitted": intercept + slope * grid,
                "ci_low": intercept + slope * grid - half,
                "ci_high": intercept + slope * grid + half,
            }
        ),
    }


def regressions(
    pairs: pd.DataFrame, threshold: float = 2.5, forced: frozenset[str] = frozenset()
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The expected fct_topic_regressions, fct_topic_points and fct_topic_fit_bands from `pairs`
    (topic_code, edition, region_level, region_code, x, y)."""
    fits, points, bands = [], [], []
    for key, group in pairs.groupby(["topic_code", "edition", "region_level"]):
        group = group.sort_values("region_code")
        x, y = group["x"].to_numpy(float), group["y"].to_numpy(float)
        full = ols(x, y)
        if full is None:
            continue
        outlier = np.abs(full["studentized_residual"]) > threshold
        excluded = outlier | group["region_code"].isin(forced).to_numpy()
        keys = dict(zip(["topic_code", "edition", "region_level"], key, strict=True))
        points.append(
            group.assign(
                **{name: full[name] for name in ("fitted", "residual", "leverage")},
                studentized_residual=full["studentized_residual"],
                cooks_distance=full["cooks_distance"],
                is_outlier=outlier,
            )
        )
        refit = ols(x[~excluded], y[~excluded])
        for fit, result, left_out in (
            ("all", full, []),
            ("excluding_outliers", refit, sorted(group["region_code"][excluded])),
        ):
            if result is None:
                continue
            scalars = {k: v for k, v in result.items() if np.isscalar(v)}
            fits.append({**keys, "fit": fit, **scalars, "excluded_regions": ",".join(left_out)})
            bands.append(result["band"].assign(**keys, fit=fit))
    return (
        pd.DataFrame(fits),
        pd.concat(points, ignore_index=True) if points else pd.DataFrame(),
        pd.concat(bands, ignore_index=True) if bands else pd.DataFrame(),
    )


def _is_term(word: str, stop_words: set[str]) -> bool:
    return (
        len(word) >= 2
        and any(unicodedata.category(ch).startswith("L") for ch in word)
        and word not in stop_words
    )


def policy_terms(policies: pd.DataFrame, editions: set[int]) -> pd.DataFrame:
    """fct_policy_terms recounted from raw policies (policy_id, title, issued_date): jieba with the
    dictionary seed's terms added (frequency 100,000); stop words of the seed, region names, words
    of one character or without a letter dropped; each term once per policy; competition rank."""
    import jieba

    tokenizer = jieba.Tokenizer()
    for row in read_csv(DICTIONARY):
        tokenizer.add_word(row["term"], freq=100_000)
    stop_words = {row["stop_word"] for row in read_csv(STOP_WORDS)}
    # a region's name (上海市, 上海) is the issuer, not a topic
    stop_words |= {
        row[key] for row in read_csv(REGIONS) for key in ("region_name", "region_full_name")
    }
    rows = []
    years = pd.to_datetime(policies["issued_date"]).dt.year + 1
    for edition in sorted(editions):
        counts: Counter[str] = Counter()
        for title in policies.loc[years == edition, "title"]:
            counts.update(
                {w.strip() for w in tokenizer.lcut(title) if _is_term(w.strip(), stop_words)}
            )
        ranks = stats.rankdata([-count for count in counts.values()], method="min")
        rows += [
            {"edition": edition, "term": term, "policy_count": count, "term_rank": int(rank)}
            for (term, count), rank in zip(counts.items(), ranks, strict=True)
        ]
    return pd.DataFrame(rows).sort_values(["edition", "term"], ignore_index=True)
