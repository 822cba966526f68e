"""An independent reference implementation of the index, in pandas and numpy.

Written from the specs alone (data contract: region resolution and indicator definitions;
methodology: normalisation, weights, scores, ranks), so that tests can compare what the
warehouse publishes with numbers computed here, and so that the sample generator can be
checked against the report's rankings without building the warehouse.

It expects *valid* raw rows (a region code that does not resolve raises ``ValueError``).

Public functions:

- ``indicator_values(raw_tables)`` — the 18 raw indicator values of every region, level and
  edition (long format, as ``fct_indicator_values`` without ``normalized_value``);
- ``compute_index(values, tree)`` — node scores (0–100) and ranks at levels 0–2;
- ``compute_index_full(values, tree)`` — the same plus normalised values and weights;
- ``natural_breaks(scores, group_count)`` — exact Fisher–Jenks breaks of scores in rank order;
- ``tiers(scores, edition, level, top_n, tier_count)`` — the jenks tiers of methodology §7.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REFERENCE_DIR = PROJECT_ROOT / "seeds" / "reference"

INDICATORS: tuple[str, ...] = (
    "market_entities",
    "listed_enterprises",
    "unicorns",
    "gazelles",
    "high_tech_enterprises",
    "listed_market_cap",
    "unicorn_valuation",
    "financing_total",
    "enterprise_websites",
    "patents",
    "software_copyrights",
    "universities_with_bigdata_major",
    "listed_tech_staff",
    "industry_policies",
    "laws_regulations",
    "management_agencies",
    "alliances_associations",
    "data_exchanges",
)

WEIGHTING_METHODS = ("improved_vector", "entropy", "critic", "equal", "expert")


# --------------------------------------------------------------------------------------------
# Reference data
# --------------------------------------------------------------------------------------------


def load_regions(path: Path | None = None) -> pd.DataFrame:
    """The region reference seed (31 provinces, 337 cities), codes as text."""
    path = path or REFERENCE_DIR / "ref_regions.csv"
    regions = pd.read_csv(path, dtype=str, keep_default_na=False)
    regions["is_municipality"] = regions["is_municipality"].str.lower() == "true"
    return regions


def load_tree(path: Path | None = None) -> pd.DataFrame:
    """The indicator tree seed (node_code, node_level, parent_code, direction, sort_order)."""
    path = path or REFERENCE_DIR / "ref_indicator_tree.csv"
    tree = pd.read_csv(path, dtype=str, keep_default_na=False)
    tree["node_level"] = tree["node_level"].astype(int)
    tree["sort_order"] = tree["sort_order"].astype(int)
    tree["parent_code"] = tree["parent_code"].replace("", None)
    return tree


# --------------------------------------------------------------------------------------------
# Raw values
# --------------------------------------------------------------------------------------------


def _text(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip().replace("", pd.NA)


def _dates(series: pd.Series) -> pd.Series:
    return pd.to_datetime(_text(series), format="%Y-%m-%d")


def _numbers(series: pd.Series) -> pd.Series:
    return pd.to_numeric(_text(series)).astype(float)


def _booleans(series: pd.Series) -> pd.Series:
    if series.dtype == bool:
        return series
    text = _text(series).str.lower()
    mapped = text.map({"true": True, "false": False})
    if mapped.isna().any():
        raise ValueError("unparseable boolean")
    return mapped.astype(bool)


def resolve_region_codes(codes: pd.Series, regions: pd.DataFrame) -> pd.DataFrame:
    """Contract rules 1–5: a province_code and a city_code (``None`` if none) per code."""
    codes = _text(codes)
    provinces = regions.loc[regions["region_level"] == "province"]
    cities = set(regions.loc[regions["region_level"] == "city", "region_code"])
    municipalities = set(provinces.loc[provinces["is_municipality"], "region_code"])
    province_code = codes.str[:2] + "0000"
    bad = ~province_code.isin(set(provinces["region_code"])) | (codes.str.len() != 6)
    city_code = codes.str[:4] + "00"
    city_code = city_code.where(~((codes == province_code) | (codes.str[2:4] == "90")), None)
    city_code = city_code.where(~province_code.isin(municipalities), province_code)
    bad |= city_code.notna() & ~city_code.isin(cities)
    if bad.any():
        raise ValueError(f"unresolvable region codes: {sorted(codes[bad].unique())[:10]}")
    return pd.DataFrame({"province_code": province_code, "city_code": city_code}, index=codes.index)


def _count_by_region(
    frame: pd.DataFrame, value: pd.Series | None = None
) -> dict[tuple[str, str], float]:
    """Sum value (or count rows) per (level, region) over the province and city columns."""
    weights = pd.Series(1.0, index=frame.index) if value is None else value.fillna(0.0)
    result: dict[tuple[str, str], float] = {}
    for level, column in (("province", "province_code"), ("city", "city_code")):
        sums = weights.groupby(frame[column].dropna()).sum()
        for code, total in sums.items():
            result[(level, str(code))] = float(total)
    return result


def _active(start: pd.Series, end: pd.Series, as_of: pd.Timestamp) -> pd.Series:
    return (start <= as_of) & (end.isna() | (end > as_of))


def indicator_values(
    raw_tables: dict[str, pd.DataFrame], regions: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The 18 indicators of the data contract for every region, level and edition.

    ``raw_tables`` maps the six contract table names to DataFrames (text as read from CSV with
    ``dtype=str, keep_default_na=False``, or typed as read from Parquet). Returns a long table
    with columns edition, data_year, region_level, region_code, indicator_code, raw_value, one
    row per region of each level, indicator and edition (0 where nothing counts).
    """
    regions = load_regions() if regions is None else regions

    enterprises = raw_tables["enterprises"].copy()
    enterprises["enterprise_id"] = _text(enterprises["enterprise_id"])
    enterprises = enterprises.join(resolve_region_codes(enterprises["region_code"], regions))
    enterprises["established_date"] = _dates(enterprises["established_date"])
    enterprises["deregistered_date"] = _dates(enterprises["deregistered_date"])
    located = enterprises.set_index("enterprise_id")[["province_code", "city_code"]]

    annual = raw_tables["enterprise_annual"].copy()
    annual["enterprise_id"] = _text(annual["enterprise_id"])
    annual["data_year"] = _numbers(annual["data_year"]).astype(int)
    for flag in ("is_listed", "is_unicorn", "is_gazelle", "is_high_tech", "has_website"):
        annual[flag] = _booleans(annual[flag])
    for number in ("market_cap", "valuation", "tech_staff", "patents", "software_copyrights"):
        annual[number] = _numbers(annual[number])
    annual = annual.join(located, on="enterprise_id")

    financing = raw_tables["financing_events"].copy()
    financing["enterprise_id"] = _text(financing["enterprise_id"])
    financing["event_date"] = _dates(financing["event_date"])
    financing["amount"] = _numbers(financing["amount"])
    financing = financing.join(located, on="enterprise_id")

    policies = raw_tables["policies"].copy()
    policies = policies.join(resolve_region_codes(policies["issuer_region_code"], regions))
    policies["issued_date"] = _dates(policies["issued_date"])
    policies["repealed_date"] = _dates(policies["repealed_date"])
    policies["policy_type"] = _text(policies["policy_type"]).str.lower()

    universities = raw_tables["universities"].copy()
    universities = universities.join(resolve_region_codes(universities["region_code"], regions))
    universities["bigdata_major_since"] = _numbers(universities["bigdata_major_since"])

    institutions = raw_tables["institutions"].copy()
    institutions = institutions.join(resolve_region_codes(institutions["region_code"], regions))
    institutions["established_date"] = _dates(institutions["established_date"])
    institutions["dissolved_date"] = _dates(institutions["dissolved_date"])
    institutions["institution_type"] = _text(institutions["institution_type"]).str.lower()

    region_keys = list(zip(regions["region_level"], regions["region_code"], strict=True))
    frames = []
    for data_year in sorted(annual["data_year"].unique()):
        as_of = pd.Timestamp(int(data_year), 12, 31)
        year_rows = annual.loc[annual["data_year"] == data_year]
        listed = year_rows.loc[year_rows["is_listed"]]
        unicorn = year_rows.loc[year_rows["is_unicorn"]]
        events = financing.loc[financing["event_date"].dt.year == data_year]
        active_policies = policies.loc[
            _active(policies["issued_date"], policies["repealed_date"], as_of)
        ]
        active_institutions = institutions.loc[
            _active(institutions["established_date"], institutions["dissolved_date"], as_of)
        ]
        majors = universities.loc[universities["bigdata_major_since"] <= data_year]
        active_enterprises = enterprises.loc[
            _active(enterprises["established_date"], enterprises["deregistered_date"], as_of)
        ]

        def by_type(frame: pd.DataFrame, column: str, kind: str) -> pd.DataFrame:
            return frame.loc[frame[column] == kind]

        sums = {
            "market_entities": _count_by_region(active_enterprises),
            "listed_enterprises": _count_by_region(listed),
            "unicorns": _count_by_region(unicorn),
            "gazelles": _count_by_region(year_rows.loc[year_rows["is_gazelle"]]),
            "high_tech_enterprises": _count_by_region(year_rows.loc[year_rows["is_high_tech"]]),
            "listed_market_cap": _count_by_region(listed, listed["market_cap"]),
            "unicorn_valuation": _count_by_region(unicorn, unicorn["valuation"]),
            "financing_total": _count_by_region(events, events["amount"]),
            "enterprise_websites": _count_by_region(year_rows.loc[year_rows["has_website"]]),
            "patents": _count_by_region(year_rows, year_rows["patents"]),
            "software_copyrights": _count_by_region(year_rows, year_rows["software_copyrights"]),
            "universities_with_bigdata_major": _count_by_region(majors),
            "listed_tech_staff": _count_by_region(listed, listed["tech_staff"]),
            "industry_policies": _count_by_region(
                by_type(active_policies, "policy_type", "industry_policy")
            ),
            "laws_regulations": _count_by_region(
                by_type(active_policies, "policy_type", "law_regulation")
            ),
            "management_agencies": _count_by_region(
                by_type(active_institutions, "institution_type", "management_agency")
            ),
            "alliances_associations": _count_by_region(
                by_type(active_institutions, "institution_type", "alliance")
            ),
            "data_exchanges": _count_by_region(
                by_type(active_institutions, "institution_type", "data_exchange")
            ),
        }
        for indicator in INDICATORS:
            values = sums[indicator]
            frames.append(
                pd.DataFrame(
                    {
                        "edition": int(data_year) + 1,
                        "data_year": int(data_year),
                        "region_level": regions["region_level"].to_numpy(),
                        "region_code": regions["region_code"].to_numpy(),
                        "indicator_code": indicator,
                        "raw_value": [values.get(key, 0.0) for key in region_keys],
                    }
                )
            )
    result = pd.concat(frames, ignore_index=True)
    return result.sort_values(
        ["edition", "region_level", "region_code", "indicator_code"], ignore_index=True
    )


# --------------------------------------------------------------------------------------------
# Index
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexResult:
    """Everything the methodology computes for a set of indicator values."""

    normalized: pd.DataFrame  # edition, region_level, region_code, indicator_code, normalized_value
    weights: pd.DataFrame  # edition, region_level, node_code, parent_code, weight
    scores: pd.DataFrame  # edition, region_level, region_code, node_code, score, ranks


def normalize(raw: np.ndarray, direction: str) -> tuple[np.ndarray, bool]:
    """Min–max normalisation of one column (§3); returns (values, informative)."""
    low, high = raw.min(), raw.max()
    if high == low:
        return np.zeros_like(raw, dtype=float), False
    if direction == "negative":
        return (high - raw) / (high - low), True
    return (raw - low) / (high - low), True


def raw_weights(columns: np.ndarray, method: str, expert: np.ndarray | None = None) -> np.ndarray:
    """Raw weights of informative children (columns: regions × children, 0–1 scale)."""
    n_regions, n_children = columns.shape
    if method == "improved_vector":
        return np.sqrt(((1.0 - columns) ** 2).sum(axis=0))
    if method == "entropy":
        totals = columns.sum(axis=0)
        shares = np.divide(columns, totals, out=np.zeros_like(columns), where=totals > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(shares > 0, shares * np.log(shares), 0.0)
        entropy = -terms.sum(axis=0) / np.log(n_regions)
        return np.where(totals > 0, 1.0 - entropy, 0.0)
    if method == "critic":
        sigma = columns.std(axis=0)
        if n_children == 1:
            return sigma
        correlation = np.corrcoef(columns, rowvar=False)
        return sigma * (1.0 - correlation).sum(axis=0)
    if method == "equal":
        return np.ones(n_children)
    if method == "expert":
        if expert is None:
            raise ValueError("expert weights required")
        return np.asarray(expert, dtype=float)
    raise ValueError(f"unknown weighting method {method!r}")


def child_weights(
    columns: np.ndarray,
    informative: np.ndarray,
    method: str,
    expert: np.ndarray | None = None,
) -> np.ndarray:
    """Weights of one parent's children with the rules common to every method (§4)."""
    n_children = columns.shape[1]
    weights = np.zeros(n_children)
    if not informative.any():
        return np.full(n_children, 1.0 / n_children)
    if informative.sum() == 1:
        weights[informative] = 1.0
        return weights
    sub_expert = None if expert is None else np.asarray(expert, dtype=float)[informative]
    raw = raw_weights(columns[:, informative], method, sub_expert)
    if raw.sum() <= 0:
        weights[informative] = 1.0 / informative.sum()
    else:
        weights[informative] = raw / raw.sum()
    return weights


def _competition_ranks(scores: np.ndarray) -> np.ndarray:
    rounded = np.round(scores, 6)
    return (rounded[None, :] > rounded[:, None]).sum(axis=1) + 1


def compute_index_full(
    values: pd.DataFrame,
    tree: pd.DataFrame | None = None,
    method: str = "improved_vector",
    expert_weights: dict[str, float] | None = None,
) -> IndexResult:
    """Normalised values, weights and scores for every (edition, level) in ``values``."""
    tree = load_tree() if tree is None else tree
    tree = tree.sort_values("sort_order")
    children: dict[str, list[str]] = {}
    for node, parent in zip(tree["node_code"], tree["parent_code"], strict=True):
        if isinstance(parent, str) and parent:
            children.setdefault(parent, []).append(node)
    level_of = dict(zip(tree["node_code"], tree["node_level"], strict=True))
    direction = dict(zip(tree["node_code"], tree["direction"], strict=True))
    leaves = [node for node in tree["node_code"] if level_of[node] == 3]
    parents_bottom_up = sorted(
        (node for node in tree["node_code"] if node in children), key=lambda n: -level_of[n]
    )

    normalized_frames, weight_frames, score_frames = [], [], []
    for (edition, level), group in values.groupby(["edition", "region_level"], sort=True):
        wide = group.pivot(index="region_code", columns="indicator_code", values="raw_value")
        wide = wide.sort_index()[leaves]
        region_codes = wide.index.to_numpy()
        columns: dict[str, np.ndarray] = {}
        informative: dict[str, bool] = {}
        for leaf in leaves:
            columns[leaf], informative[leaf] = normalize(
                wide[leaf].to_numpy(dtype=float), direction[leaf] or "positive"
            )
        normalized_frames.append(
            pd.DataFrame(
                {
                    "edition": edition,
                    "region_level": level,
                    "region_code": np.repeat(region_codes, len(leaves)),
                    "indicator_code": np.tile(leaves, len(region_codes)),
                    "normalized_value": np.column_stack([columns[leaf] for leaf in leaves]).ravel(),
                }
            )
        )
        for parent in parents_bottom_up:
            kids = children[parent]
            matrix = np.column_stack([columns[kid] for kid in kids])
            flags = np.array([informative[kid] for kid in kids])
            expert = None
            if method == "expert":
                expert = np.array([(expert_weights or {})[kid] for kid in kids])
            weights = child_weights(matrix, flags, method, expert)
            score = matrix @ weights
            columns[parent] = score
            informative[parent] = bool(score.max() != score.min())
            weight_frames.append(
                pd.DataFrame(
                    {
                        "edition": edition,
                        "region_level": level,
                        "node_code": kids,
                        "parent_code": parent,
                        "weight": weights,
                    }
                )
            )
            score_frames.append(
                pd.DataFrame(
                    {
                        "edition": edition,
                        "region_level": level,
                        "region_code": region_codes,
                        "node_code": parent,
                        "node_level": level_of[parent],
                        "score": 100.0 * score,
                        "score_rank": _competition_ranks(100.0 * score),
                    }
                )
            )

    scores = pd.concat(score_frames, ignore_index=True)
    previous = scores[["edition", "region_level", "region_code", "node_code", "score_rank"]].copy()
    previous["edition"] += 1
    scores = scores.merge(
        previous.rename(columns={"score_rank": "previous_rank"}),
        on=["edition", "region_level", "region_code", "node_code"],
        how="left",
    )
    scores["rank_change"] = (scores["previous_rank"] - scores["score_rank"]).astype("Int64")
    scores = scores.drop(columns="previous_rank").sort_values(
        ["edition", "region_level", "node_code", "score_rank", "region_code"], ignore_index=True
    )
    return IndexResult(
        normalized=pd.concat(normalized_frames, ignore_index=True),
        weights=pd.concat(weight_frames, ignore_index=True),
        scores=scores,
    )


def compute_index(
    values: pd.DataFrame,
    tree: pd.DataFrame | None = None,
    method: str = "improved_vector",
    expert_weights: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Scores (0–100), ranks and rank changes of every region at levels 0–2 (methodology §3–6).

    ``values``: long indicator values as returned by ``indicator_values``; ``tree``: the
    indicator tree seed (default: seeds/reference/ref_indicator_tree.csv).
    """
    return compute_index_full(values, tree, method, expert_weights).scores


def ranking(scores: pd.DataFrame, edition: int, level: str, node: str = "total") -> pd.DataFrame:
    """Regions of one (edition, level) ordered by rank for a node."""
    selected = scores.loc[
        (scores["edition"] == edition)
        & (scores["region_level"] == level)
        & (scores["node_code"] == node)
    ]
    return selected.sort_values(["score_rank", "region_code"], ignore_index=True)


# --------------------------------------------------------------------------------------------
# Tiers (methodology §7, jenks)
# --------------------------------------------------------------------------------------------


def natural_breaks(
    scores: np.ndarray | list[float], group_count: int, ranks: np.ndarray | list[int] | None = None
) -> list[int]:
    """Exact Fisher–Jenks natural breaks by enumeration: the group of every score.

    ``scores`` are in rank order (highest first). Every split into ``group_count`` contiguous
    groups is tried, and the one with the smallest total within-group sum of squared deviations
    from the group mean wins. The rules the engine documents for determinism apply: a break never
    separates equal ``ranks`` (default: every score its own rank), with fewer distinct ranks than
    groups there are as many groups as ranks, costs are compared rounded to 9 decimals, and among
    equal costs the split with the smallest first group (then second, …) wins. Returns the group
    number (1 = highest scores) of every score.
    """
    values = np.asarray(scores, dtype=float)
    n = len(values)
    if n == 0:
        return []
    rank = np.arange(n) if ranks is None else np.asarray(ranks)
    allowed = [i for i in range(1, n) if rank[i] != rank[i - 1]]  # a break before position i
    groups = min(group_count, len(allowed) + 1)
    best: tuple[float, tuple[int, ...]] | None = None
    for breaks in combinations(allowed, groups - 1):  # lexicographic: smallest first group first
        bounds = (0, *breaks, n)
        cost = sum(
            float(((part - part.mean()) ** 2).sum())
            for part in (values[start:end] for start, end in zip(bounds, bounds[1:], strict=False))
        )
        if best is None or round(cost, 9) < round(best[0], 9):
            best = (cost, breaks)
    assert best is not None
    group = np.ones(n, dtype=int)
    for position in best[1]:
        group[position:] += 1
    return group.tolist()


def tiers(
    scores: pd.DataFrame, edition: int, level: str, top_n: int = 20, tier_count: int = 3
) -> pd.DataFrame:
    """Jenks tiers of one (edition, level): the regions with total rank <= top_n, in rank order
    (ties by region_code), with their tier; regions below top_n are not listed (tier null)."""
    ranked = ranking(scores, edition, level, "total")
    candidates = ranked.loc[ranked["score_rank"] <= top_n].reset_index(drop=True)
    result = candidates[["region_code", "score", "score_rank"]].copy()
    result["tier"] = natural_breaks(
        candidates["score"].to_numpy(), tier_count, candidates["score_rank"].to_numpy()
    )
    return result
