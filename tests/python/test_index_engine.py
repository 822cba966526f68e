"""An independent recomputation of the whole index, compared with a built warehouse.

The index engine is dbt SQL (models/intermediate/engine, macros/engine). This module implements
spec/methodology.md a second time, in numpy, from nothing but the raw indicator values of
`fct_indicator_values` and the reference seeds, and checks every published number: normalised
values and weights to 1e-9, scores to 1e-6, ranks, rank changes, tiers (exact Fisher–Jenks by
enumeration) and the economic circles.

The warehouse is BDI_WAREHOUSE (default: warehouse.duckdb at the project root; `make test`
builds it first), checked with the weighting and tier method it was built with. The other
weighting methods, and the other tier method, are checked by rebuilding only the engine models
(`dbt run --select int_indicator_weights_computed+`) in temporary copies of that warehouse.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds" / "reference"
METHODS = ("improved_vector", "entropy", "critic", "equal", "expert")

# The methodology's tolerances, as the SQL applies them (macros/engine).
CONSTANT_TOLERANCE = 1e-12  # a child column with max - min <= this is constant
ZERO_WEIGHT_TOLERANCE = 1e-12  # raw weights summing to <= this are all zero
RANK_DECIMALS = 6  # scores are ranked after rounding to 6 decimals
COST_DECIMALS = 9  # natural-breaks costs are compared after rounding to 9 decimals

WEIGHT_TOLERANCE = 1e-9
SCORE_TOLERANCE = 1e-6
DIMENSIONS = ("industry_level", "industry_innovation", "industry_environment")


# --------------------------------------------------------------------------- reference maths


def normalize(raw: np.ndarray, direction: str) -> np.ndarray:
    """Min–max normalisation of one indicator over one sample (methodology §3)."""
    low, high = raw.min(), raw.max()
    if high == low:
        return np.zeros_like(raw, dtype=float)
    if direction == "positive":
        return (raw - low) / (high - low)
    if direction == "negative":
        return (high - raw) / (high - low)
    raise ValueError(f"unknown direction {direction!r}")


def method_raw_weights(
    columns: np.ndarray, method: str, expert: np.ndarray | None = None
) -> np.ndarray:
    """The unnormalised weights of informative child columns (regions x children)."""
    region_count, child_count = columns.shape
    if method == "improved_vector":
        return np.sqrt(((1.0 - columns) ** 2).sum(axis=0))
    if method == "entropy":
        shares = columns / columns.sum(axis=0)
        safe = np.where(shares > 0, shares, 1.0)
        entropy = -(np.where(shares > 0, shares * np.log(safe), 0.0)).sum(axis=0)
        return 1.0 - entropy / np.log(region_count)
    if method == "critic":
        if child_count == 1:
            return np.zeros(1)
        spread = columns.std(axis=0)  # population standard deviation
        correlation = np.corrcoef(columns, rowvar=False)
        return spread * (1.0 - correlation).sum(axis=0)
    if method == "equal":
        return np.ones(child_count)
    if method == "expert":
        assert expert is not None
        return np.asarray(expert, dtype=float)
    raise ValueError(f"unknown weighting method {method!r}")


def child_weights(
    columns: np.ndarray, method: str, expert: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Weights of one parent's children (methodology §4): (weights, is_informative)."""
    child_count = columns.shape[1]
    informative = columns.max(axis=0) - columns.min(axis=0) > CONSTANT_TOLERANCE
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


def competition_ranks(scores: np.ndarray) -> np.ndarray:
    """1 + the number of strictly higher scores, compared rounded to 6 decimals."""
    rounded = np.array([round(float(score), RANK_DECIMALS) for score in scores])
    return 1 + (rounded[None, :] > rounded[:, None]).sum(axis=1)


def natural_breaks(scores: list[float], ranks: list[int], tier_count: int) -> list[int]:
    """Exact Fisher–Jenks by enumeration, with the engine's tie rules; scores in rank order.

    Breaks only between different ranks; at most as many groups as distinct ranks; costs
    compared rounded to 9 decimals, ties to the smallest first tier, then second, ...
    """
    size = len(scores)
    ends_allowed = [pos for pos in range(1, size) if ranks[pos] != ranks[pos - 1]]
    group_count = min(tier_count, len(set(ranks)))
    best: tuple[float, list[int]] | None = None
    for inner_ends in itertools.combinations(ends_allowed, group_count - 1):
        ends = [*inner_ends, size]
        cost, start = 0.0, 0
        for end in ends:
            group = np.asarray(scores[start:end])
            cost += float(((group - group.mean()) ** 2).sum())
            start = end
        key = (round(cost, COST_DECIMALS), ends)
        if best is None or key < best:
            best = key
    assert best is not None
    tiers, start = [], 0
    for tier, end in enumerate(best[1], start=1):
        tiers += [tier] * (end - start)
        start = end
    return tiers


# --------------------------------------------------------------------------- whole index


@dataclass(frozen=True)
class TierSettings:
    method: str
    top_n: int
    count: int
    cutoffs: tuple[int, ...]


@dataclass
class Reference:
    tree: pd.DataFrame
    expert: dict[str, float]
    circles: pd.DataFrame
    regions: pd.DataFrame


def load_reference() -> Reference:
    tree = pd.read_csv(SEEDS / "ref_indicator_tree.csv", dtype={"parent_code": str})
    expert = pd.read_csv(SEEDS / "ref_expert_weights.csv")
    circles = pd.read_csv(SEEDS / "ref_circle_members.csv", dtype={"region_code": str})
    regions = pd.read_csv(SEEDS / "ref_regions.csv", dtype={"region_code": str})
    return Reference(
        tree=tree.sort_values("sort_order"),
        expert=dict(zip(expert["node_code"], expert["expert_weight"], strict=True)),
        circles=circles,
        regions=regions,
    )


def ranks_with_change(frame: pd.DataFrame, group: list[str], unit: list[str]) -> pd.DataFrame:
    """Adds score_rank within (edition, *group) and rank_change against edition - 1."""
    frame = frame.copy()
    frame["score_rank"] = 0
    for _, index in frame.groupby(["edition", *group]).groups.items():
        frame.loc[index, "score_rank"] = competition_ranks(frame.loc[index, "score"].to_numpy())
    previous = frame[["edition", *unit, "score_rank"]].copy()
    previous["edition"] += 1
    frame = frame.merge(
        previous.rename(columns={"score_rank": "previous_rank"}), on=["edition", *unit], how="left"
    )
    frame["rank_change"] = frame["previous_rank"] - frame["score_rank"]
    return frame.drop(columns="previous_rank")


def share_of_total(weights: pd.DataFrame) -> list[float]:
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


def compute_index(
    values: pd.DataFrame, reference: Reference, method: str, tiers: TierSettings
) -> dict[str, pd.DataFrame]:
    """The whole index from raw indicator values, by the methodology."""
    tree = reference.tree
    direction = dict(zip(tree["node_code"], tree["direction"], strict=True))
    children = {
        parent: list(group["node_code"])
        for parent, group in tree.dropna(subset=["parent_code"]).groupby("parent_code", sort=False)
    }
    levels = dict(zip(tree["node_code"], tree["node_level"], strict=True))
    normalized_rows, weight_rows, score_rows = [], [], []
    for (edition, level), sample in values.groupby(["edition", "region_level"]):
        table = sample.pivot(index="region_code", columns="indicator_code", values="raw_value")
        regions = table.index.to_numpy()
        unit: dict[str, np.ndarray] = {}
        for indicator in table.columns:
            unit[indicator] = normalize(table[indicator].to_numpy(float), direction[indicator])
            normalized_rows.append(
                pd.DataFrame(
                    {
                        "edition": edition,
                        "region_level": level,
                        "region_code": regions,
                        "indicator_code": indicator,
                        "normalized_value": unit[indicator],
                    }
                )
            )
        for node_level in (2, 1, 0):
            for parent in tree.loc[tree["node_level"] == node_level, "node_code"]:
                kids = children[parent]
                columns = np.column_stack([unit[kid] for kid in kids])
                expert = np.array([reference.expert[kid] for kid in kids], dtype=float)
                weights, informative = child_weights(columns, method, expert)
                unit[parent] = columns @ weights
                for kid, weight, is_informative in zip(kids, weights, informative, strict=True):
                    weight_rows.append((edition, level, kid, parent, weight, bool(is_informative)))
                score_rows.append(
                    pd.DataFrame(
                        {
                            "edition": edition,
                            "region_level": level,
                            "region_code": regions,
                            "node_code": parent,
                            "score": 100.0 * unit[parent],
                        }
                    )
                )
    weights = pd.DataFrame(
        weight_rows,
        columns=["edition", "region_level", "node_code", "parent_code", "weight", "is_informative"],
    )
    weights["weight_in_total"] = share_of_total(weights)
    scores = ranks_with_change(
        pd.concat(score_rows, ignore_index=True),
        group=["region_level", "node_code"],
        unit=["region_level", "region_code", "node_code"],
    )
    scores["node_level"] = scores["node_code"].map(levels)
    return {
        "normalized": pd.concat(normalized_rows, ignore_index=True),
        "weights": weights,
        "scores": scores,
        "tiers": compute_tiers(scores, tiers),
        "circles": compute_circles(scores, reference.circles),
    }


def compute_tiers(scores: pd.DataFrame, settings: TierSettings) -> pd.DataFrame:
    totals = scores[scores["node_code"] == "total"].sort_values(
        ["edition", "region_level", "score_rank", "region_code"]
    )
    rows = []
    for (edition, level), sample in totals.groupby(["edition", "region_level"]):
        tiers: dict[str, int] = {}
        if settings.method == "jenks":
            top = sample[sample["score_rank"] <= settings.top_n]
            assigned = natural_breaks(list(top["score"]), list(top["score_rank"]), settings.count)
            tiers = dict(zip(top["region_code"], assigned, strict=True))
        else:
            for code, rank in zip(sample["region_code"], sample["score_rank"], strict=True):
                tier = next(
                    (t for t, cut in enumerate(settings.cutoffs, start=1) if rank <= cut), None
                )
                if tier is not None:
                    tiers[code] = tier
        rows += [(edition, level, code, tiers.get(code)) for code in sample["region_code"]]
    return pd.DataFrame(rows, columns=["edition", "region_level", "region_code", "tier"])


def compute_circles(scores: pd.DataFrame, circles: pd.DataFrame) -> pd.DataFrame:
    cities = scores[scores["region_level"] == "city"]
    members = circles[["circle_code", "circle_name", "region_code"]]
    joined = members.merge(cities, on="region_code")
    means = (
        joined.groupby(["edition", "circle_code", "circle_name", "node_code"])
        .agg(member_count=("score", "size"), score=("score", "mean"))
        .reset_index()
    )
    return ranks_with_change(means, group=["node_code"], unit=["circle_code", "node_code"])


# --------------------------------------------------------------------------- comparison


def assert_frames_match(
    actual: pd.DataFrame,
    expected: pd.DataFrame,
    keys: list[str],
    tolerances: dict[str, float],
    exact: list[str],
    what: str,
) -> None:
    """Same keys on both sides; floats within tolerance; the other columns equal (nulls too)."""
    merged = actual.merge(
        expected, on=keys, how="outer", suffixes=("_actual", "_expected"), indicator=True
    )
    unmatched = merged[merged["_merge"] != "both"]
    assert unmatched.empty, f"{what}: rows on one side only:\n{unmatched[keys + ['_merge']].head()}"
    for column, tolerance in tolerances.items():
        difference = (merged[f"{column}_actual"] - merged[f"{column}_expected"]).abs()
        worst = difference.max()
        shown = keys + [f"{column}_actual", f"{column}_expected"]
        assert worst <= tolerance, (
            f"{what}.{column}: max difference {worst:.3g} > {tolerance:g}:\n"
            f"{merged.loc[difference.nlargest(5).index, shown]}"
        )
    for column in exact:
        pairs = zip(merged[f"{column}_actual"], merged[f"{column}_expected"], strict=True)
        differs = [not (same_value(left, right)) for left, right in pairs]
        assert not any(differs), (
            f"{what}.{column}: {sum(differs)} rows differ:\n"
            f"{merged.loc[differs, keys + [f'{column}_actual', f'{column}_expected']].head(10)}"
        )


def same_value(left: object, right: object) -> bool:
    """Equal, or both null (None, NaN, pd.NA)."""
    left_null, right_null = bool(pd.isna(left)), bool(pd.isna(right))
    if left_null or right_null:
        return left_null and right_null
    return bool(left == right)


def tier_settings(tier_method: str) -> TierSettings:
    project_vars = yaml.safe_load((ROOT / "dbt_project.yml").read_text())["vars"]
    return TierSettings(
        method=tier_method,
        top_n=int(project_vars["tier_top_n"]),
        count=int(project_vars["tier_count"]),
        cutoffs=tuple(int(cut) for cut in project_vars["tier_rank_cutoffs"]),
    )


def check_warehouse(path: Path, reference: Reference) -> tuple[str, str]:
    """Recomputes the index from the warehouse's raw values and compares every public number."""
    with duckdb.connect(str(path), read_only=True) as connection:

        def read(sql: str) -> pd.DataFrame:
            return connection.sql(sql).df()

        methods = read("select distinct weighting_method from fct_weights")["weighting_method"]
        assert len(methods) == 1, f"one weighting method per build, found {list(methods)}"
        method = methods.iloc[0]
        tier_method = read(
            "select distinct tier_method from intermediate.int_region_tiers_assigned"
        )
        assert len(tier_method) == 1
        settings = tier_settings(tier_method["tier_method"].iloc[0])
        values = read(
            "select edition, region_level, region_code, indicator_code, raw_value,"
            " normalized_value from fct_indicator_values"
        )
        weights = read("select * from fct_weights")
        scores = read("select * from fct_node_scores")
        index = read("select * from fct_index")
        circles = read("select * from fct_circle_scores")
        report_views = {
            view: read(f"select * from {view}")
            for view in (
                "rpt_table_2_1_top_provinces",
                "rpt_table_2_2_top_cities",
                "rpt_table_2_3_circles",
            )
        }

    expected = compute_index(values, reference, method, settings)
    keys = ["edition", "region_level", "region_code", "indicator_code"]
    assert_frames_match(
        values[[*keys, "normalized_value"]],
        expected["normalized"],
        keys,
        {"normalized_value": WEIGHT_TOLERANCE},
        [],
        "fct_indicator_values",
    )
    assert_frames_match(
        weights.drop(columns="weighting_method"),
        expected["weights"],
        ["edition", "region_level", "node_code", "parent_code"],
        {"weight": WEIGHT_TOLERANCE, "weight_in_total": WEIGHT_TOLERANCE},
        ["is_informative"],
        "fct_weights",
    )
    keys = ["edition", "region_level", "region_code", "node_code"]
    assert_frames_match(
        scores,
        expected["scores"][[*keys, "score", "score_rank", "rank_change"]],
        keys,
        {"score": SCORE_TOLERANCE},
        ["score_rank", "rank_change"],
        "fct_node_scores",
    )

    pivot = expected["scores"][expected["scores"]["node_level"] <= 1].pivot(
        index=["edition", "region_level", "region_code"],
        columns="node_code",
        values=["score", "score_rank", "rank_change"],
    )
    expected_index = pd.DataFrame(index=pivot.index)
    for node in ("total", *DIMENSIONS):
        expected_index[f"{node}_score"] = pivot[("score", node)]
        expected_index[f"{node}_rank"] = pivot[("score_rank", node)]
    expected_index["total_rank_change"] = pivot[("rank_change", "total")]
    expected_index = (
        expected_index.reset_index()
        .merge(expected["tiers"], on=["edition", "region_level", "region_code"])
        .merge(
            reference.regions[["region_level", "region_code", "region_name"]],
            on=["region_level", "region_code"],
        )
    )
    keys = ["edition", "region_level", "region_code"]
    assert_frames_match(
        index,
        expected_index,
        keys,
        {f"{node}_score": SCORE_TOLERANCE for node in ("total", *DIMENSIONS)},
        [f"{node}_rank" for node in ("total", *DIMENSIONS)]
        + ["total_rank_change", "tier", "region_name"],
        "fct_index",
    )

    keys = ["edition", "circle_code", "node_code"]
    assert_frames_match(
        circles.drop(columns="circle_name"),
        expected["circles"][[*keys, "member_count", "score", "score_rank", "rank_change"]],
        keys,
        {"score": SCORE_TOLERANCE},
        ["member_count", "score_rank", "rank_change"],
        "fct_circle_scores",
    )
    check_report_views(report_views, expected_index, expected["circles"])
    return method, settings.method


def check_report_views(
    views: dict[str, pd.DataFrame], index: pd.DataFrame, circles: pd.DataFrame
) -> None:
    """The views 表2-1 (top 15 provinces), 表2-2 (top 20 cities), 表2-3 (circles), recomputed."""
    ranks = [f"{node}_rank" for node in ("total", *DIMENSIONS)]
    keys = ["edition", "region_code"]
    for view, level, top in (
        ("rpt_table_2_1_top_provinces", "province", 15),
        ("rpt_table_2_2_top_cities", "city", 20),
    ):
        expected = index[(index["region_level"] == level) & (index["total_rank"] <= top)]
        exact = [*ranks, "total_rank_change"] + (["tier"] if level == "city" else [])
        assert_frames_match(
            views[view],
            expected[[*keys, "total_score", *exact]],
            keys,
            {"total_score": SCORE_TOLERANCE},
            exact,
            view,
        )
    expected = circles.pivot(
        index=["edition", "circle_code"],
        columns="node_code",
        values=["score", "score_rank", "rank_change"],
    )
    table = pd.DataFrame(index=expected.index)
    for node in ("total", *DIMENSIONS):
        table[f"{node}_score"] = expected[("score", node)]
        table[f"{node}_rank"] = expected[("score_rank", node)]
        table[f"{node}_rank_change"] = expected[("rank_change", node)]
    nodes = ("total", *DIMENSIONS)
    assert_frames_match(
        views["rpt_table_2_3_circles"],
        table.reset_index(),
        ["edition", "circle_code"],
        {f"{node}_score": SCORE_TOLERANCE for node in nodes},
        [f"{node}_{column}" for node in nodes for column in ("rank", "rank_change")],
        "rpt_table_2_3_circles",
    )


# --------------------------------------------------------------------------- tests: the maths

WORKED_EXAMPLE = np.array(
    [[1.0, 1.0, 0.0], [0.5, 0.0, 0.75], [0.25, 1.0 / 3.0, 0.75], [0.0, 0.0, 1.0]]
)


def test_worked_example_improved_vector() -> None:
    raw = np.array([[120, 3, 0.5], [60, 0, 0.2], [30, 1, 0.2], [0, 0, 0.1]])
    normalized = np.column_stack(
        [
            normalize(raw[:, 0], "positive"),
            normalize(raw[:, 1], "positive"),
            normalize(raw[:, 2], "negative"),
        ]
    )
    np.testing.assert_allclose(normalized, WORKED_EXAMPLE, atol=1e-15)
    distances = method_raw_weights(normalized, "improved_vector")
    np.testing.assert_allclose(distances, [1.346291, 1.563472, 1.060660], atol=5e-7)
    weights, informative = child_weights(normalized, "improved_vector")
    np.testing.assert_allclose(weights, [0.339080, 0.393780, 0.267140], atol=5e-7)
    assert informative.all()
    scores = 100 * normalized @ weights
    np.testing.assert_allclose(scores, [73.285967, 36.989525, 41.638513, 26.714033], atol=5e-7)
    assert list(competition_ranks(scores)) == [1, 3, 2, 4]


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        ("entropy", [0.277454, 0.530919, 0.191627]),
        ("critic", [0.252302, 0.277880, 0.469818]),
        ("equal", [1 / 3, 1 / 3, 1 / 3]),
        ("expert", [0.5, 0.3, 0.2]),
    ],
)
def test_worked_example_other_methods(method: str, expected: list[float]) -> None:
    """The same expectations as the dbt unit tests in _engine__models.yml."""
    columns = np.column_stack([WORKED_EXAMPLE, np.zeros(4)])  # + a constant child
    weights, informative = child_weights(columns, method, np.array([2, 1.2, 0.8, 1]))
    np.testing.assert_allclose(weights, [*expected, 0.0], atol=5e-7)
    assert list(informative) == [True, True, True, False]


@pytest.mark.parametrize("method", METHODS)
def test_special_children(method: str) -> None:
    expert = np.array([0.3, 0.7])
    single = np.array([[0.0], [1.0], [0.4]])
    assert child_weights(single, method, expert[:1])[0].tolist() == [1.0]
    all_constant = np.zeros((3, 2))
    assert child_weights(all_constant, method, expert)[0].tolist() == [0.5, 0.5]
    one_informative = np.array([[1.0, 0.0], [0.0, 0.0], [0.7, 0.0]])
    assert child_weights(one_informative, method, expert)[0].tolist() == [1.0, 0.0]
    twins = np.array([[0.0, 0.0], [1.0, 1.0], [0.6, 0.6]])
    np.testing.assert_allclose(
        child_weights(twins, method, np.array([1.0, 1.0]))[0], [0.5, 0.5], atol=1e-12
    )


def test_natural_breaks_known_cases() -> None:
    assert natural_breaks([100, 98, 97, 60, 58, 20], [1, 2, 3, 4, 5, 6], 3) == [1, 1, 1, 2, 2, 3]
    assert natural_breaks([4, 3, 2, 1], [1, 2, 3, 4], 3) == [1, 2, 3, 3]  # tie-break
    assert natural_breaks([9, 9, 5, 1, 1], [1, 1, 3, 4, 4], 3) == [1, 1, 2, 3, 3]
    assert natural_breaks([5, 5, 5, 2], [1, 1, 1, 4], 3) == [1, 1, 1, 2]


def test_competition_ranks_round_to_six_decimals() -> None:
    scores = np.array([60.0000001, 60.0000004, 70.0, 59.9999996, 10.0])
    assert list(competition_ranks(scores)) == [2, 2, 1, 2, 5]


# --------------------------------------------------------------------------- tests: warehouse


@pytest.fixture(scope="session")
def warehouse() -> Path:
    path = Path(os.environ.get("BDI_WAREHOUSE", ROOT / "warehouse.duckdb"))
    if not path.exists():
        pytest.fail(f"No warehouse at {path}: run `make build` first (or set BDI_WAREHOUSE).")
    return path


@pytest.fixture(scope="session")
def reference() -> Reference:
    return load_reference()


def test_warehouse_matches_recomputation(warehouse: Path, reference: Reference) -> None:
    method, tier_method = check_warehouse(warehouse, reference)
    assert method in METHODS
    assert tier_method in ("jenks", "rank_cutoffs")


def rebuild_variants(variants: list[dict[str, object]], work_dir: Path) -> None:
    """Rebuilds the engine models in each variant's warehouse copy with its vars.

    Runs as a script in its own process (see variant_warehouses): dbt parses the project once,
    and every variant reuses that manifest (vars are applied when the SQL is compiled), which
    halves the time of one `dbt run` per variant. Every copy is named warehouse.duckdb, the
    database name the manifest was parsed with.
    """
    from dbt.cli.main import dbtRunner

    common = [
        "--project-dir", str(ROOT),
        "--target-path", str(work_dir / "target"),
        "--log-path", str(work_dir / "logs"),
    ]  # fmt: skip
    os.environ["BDI_WAREHOUSE"] = str(variants[0]["path"])
    parsed = dbtRunner().invoke(["parse", *common])
    if not parsed.success:
        raise SystemExit(f"dbt parse failed: {parsed.exception}")
    for variant in variants:
        os.environ["BDI_WAREHOUSE"] = str(variant["path"])
        arguments = ["run", "--select", "int_indicator_weights_computed+"]
        arguments += ["--vars", json.dumps(variant["vars"]), *common]
        result = dbtRunner(manifest=parsed.result).invoke(arguments)
        if not result.success:
            raise SystemExit(f"dbt {' '.join(arguments)} failed: {result.exception}")


@pytest.fixture(scope="session")
def variant_warehouses(
    warehouse: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[tuple[str, str, Path]]]:
    """A rebuilt copy of the warehouse per weighting method it was not built with; the first
    also switches to the other tier method. (method, tier method, path)."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        built = connection.execute(
            "select any_value(weighting_method) from fct_weights"
        ).fetchone()[0]
        built_tiers = connection.execute(
            "select any_value(tier_method) from intermediate.int_region_tiers_assigned"
        ).fetchone()[0]
    other_tiers = "rank_cutoffs" if built_tiers == "jenks" else "jenks"
    others = [method for method in METHODS if method != built]
    base = tmp_path_factory.mktemp("engine_variants")
    variants = []
    for position, method in enumerate(others):
        tiers = other_tiers if position == 0 else built_tiers
        copy = base / f"{method}_{tiers}" / "warehouse.duckdb"
        copy.parent.mkdir()
        shutil.copyfile(warehouse, copy)
        variants.append((method, tiers, copy))
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("BDI_WAREHOUSE", "BDI_BUILD_PATH")  # set per variant
    }
    environment.update(
        DBT_PROFILES_DIR=str(ROOT / "profiles"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        DO_NOT_TRACK="1",
    )
    specification = [
        {"path": str(copy), "vars": {"weighting_method": method, "tier_method": tiers}}
        for method, tiers, copy in variants
    ]
    command = [sys.executable, __file__, json.dumps(specification), str(base)]
    result = subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, (
        f"rebuilding the variants failed:\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}"
    )
    yield variants
    shutil.rmtree(base, ignore_errors=True)


@pytest.mark.parametrize("variant", range(len(METHODS) - 1))
def test_other_methods_match_recomputation(
    variant: int, variant_warehouses: list[tuple[str, str, Path]], reference: Reference
) -> None:
    """Every other weighting method (and the other tier method) rebuilt and recomputed."""
    method, tiers, path = variant_warehouses[variant]
    assert check_warehouse(path, reference) == (method, tiers)


if __name__ == "__main__":
    rebuild_variants(json.loads(sys.argv[1]), Path(sys.argv[2]))
