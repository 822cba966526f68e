"""The index engine, checked against the independent numpy reference (index_reference).

First the reference itself, on the methodology's worked example and small hand-made cases. Then
the warehouse that `make test` builds (BDI_WAREHOUSE, default warehouse.duckdb at the project
root), whatever it was built from and with whichever methods: its raw indicator values are
recounted from the raw files it records in build_raw_files, and every public number of the index
is recomputed from them with the settings it records in build_info. The other weighting, tier and
circle methods are covered by real builds of the edge-case data set (test_edge_cases.py).
"""

from __future__ import annotations

import duckdb
import index_reference as ir
import numpy as np
import pandas as pd
import pytest
import warehouse_check as wc

# --------------------------------------------------------------------------- the reference

WORKED_EXAMPLE = np.array(
    [[1.0, 1.0, 0.0], [0.5, 0.0, 0.75], [0.25, 1.0 / 3.0, 0.75], [0.0, 0.0, 1.0]]
)


def test_worked_example_improved_vector() -> None:
    raw = np.array([[120, 3, 0.5], [60, 0, 0.2], [30, 1, 0.2], [0, 0, 0.1]])
    normalized = np.column_stack(
        [
            ir.normalize(raw[:, 0], "positive"),
            ir.normalize(raw[:, 1], "positive"),
            ir.normalize(raw[:, 2], "negative"),
        ]
    )
    np.testing.assert_allclose(normalized, WORKED_EXAMPLE, atol=1e-15)
    distances = ir.method_raw_weights(normalized, "improved_vector")
    np.testing.assert_allclose(distances, [1.346291, 1.563472, 1.060660], atol=5e-7)
    weights, informative = ir.child_weights(normalized, "improved_vector")
    np.testing.assert_allclose(weights, [0.339080, 0.393780, 0.267140], atol=5e-7)
    assert informative.all()
    scores = 100 * normalized @ weights
    np.testing.assert_allclose(scores, [73.285967, 36.989525, 41.638513, 26.714033], atol=5e-7)
    assert list(ir.competition_ranks(scores)) == [1, 3, 2, 4]


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
    """The same expectations as the engine's dbt unit tests."""
    columns = np.column_stack([WORKED_EXAMPLE, np.zeros(4)])  # + a constant child
    weights, informative = ir.child_weights(columns, method, np.array([2, 1.2, 0.8, 1]))
    np.testing.assert_allclose(weights, [*expected, 0.0], atol=5e-7)
    assert list(informative) == [True, True, True, False]


@pytest.mark.parametrize("method", ir.WEIGHTING_METHODS)
def test_rules_common_to_every_method(method: str) -> None:
    expert = np.array([0.3, 0.7])
    single = np.array([[0.0], [1.0], [0.4]])
    assert ir.child_weights(single, method, expert[:1])[0].tolist() == [1.0]
    all_constant = np.zeros((3, 2))
    assert ir.child_weights(all_constant, method, expert)[0].tolist() == [0.5, 0.5]
    one_informative = np.array([[1.0, 0.0], [0.0, 0.0], [0.7, 0.0]])
    assert ir.child_weights(one_informative, method, expert)[0].tolist() == [1.0, 0.0]
    twins = np.array([[0.0, 0.0], [1.0, 1.0], [0.6, 0.6]])
    np.testing.assert_allclose(
        ir.child_weights(twins, method, np.array([1.0, 1.0]))[0], [0.5, 0.5], atol=1e-12
    )


def test_constant_means_a_spread_of_at_most_1e_12() -> None:
    noise = np.array([[0.3, 0.0], [0.3 + 1e-13, 1.0], [0.3, 0.5]])
    weights, informative = ir.child_weights(noise, "improved_vector")
    assert informative.tolist() == [False, True] and weights.tolist() == [0.0, 1.0]
    spread = np.array([[0.3, 0.0], [0.3 + 1e-11, 1.0], [0.3, 0.5]])
    assert ir.child_weights(spread, "improved_vector")[1].tolist() == [True, True]
    assert ir.CONSTANT_TOLERANCE == 1e-12


def test_critic_all_zero_raw_weights_are_shared_equally() -> None:
    twins = np.array([[0.0, 0.0, 0.0], [1.0, 1.0, 0.0], [0.2, 0.2, 0.0]])  # + a constant child
    assert ir.method_raw_weights(twins[:, :2], "critic") == pytest.approx([0.0, 0.0], abs=1e-15)
    weights, informative = ir.child_weights(twins, "critic")
    assert weights.tolist() == [0.5, 0.5, 0.0] and informative.tolist() == [True, True, False]


def test_natural_breaks_known_cases() -> None:
    assert ir.natural_breaks([100, 98, 97, 60, 58, 20], 3) == [1, 1, 1, 2, 2, 3]
    assert ir.natural_breaks([4, 3, 2, 1], 3) == [1, 2, 3, 3]  # equal costs: smallest first tier
    # [10], [10], [0, 0] costs 0 too, but splits a tie
    assert ir.natural_breaks([10, 10, 0, 0], 3, [1, 1, 3, 3]) == [1, 1, 2, 2]
    assert ir.natural_breaks([9, 9, 5, 1, 1], 3, [1, 1, 3, 4, 4]) == [1, 1, 2, 3, 3]
    assert ir.natural_breaks([5, 5, 5, 2], 3, [1, 1, 1, 4]) == [1, 1, 1, 2]
    assert ir.natural_breaks([7.0], 3) == [1]


def test_competition_ranks_round_to_six_decimals() -> None:
    scores = np.array([60.0000001, 60.0000004, 70.0, 59.9999996, 10.0])
    assert list(ir.competition_ranks(scores)) == [2, 2, 1, 2, 5]


def _scores(level: str, totals: list[float]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "edition": 2025,
            "region_level": level,
            "region_code": [f"{number:06d}" for number in range(1, len(totals) + 1)],
            "node_code": "total",
            "score": totals,
        }
    )
    frame["score_rank"] = ir.competition_ranks(frame["score"].to_numpy())
    return frame


def test_rank_cutoff_tiers_per_level_keep_ties_together() -> None:
    cities = _scores("city", [90, 80, 70, 60, 50, 50, 40, 30, 20, 10, 10, 5])
    provinces = _scores("province", [9, 8, 7, 6, 5, 4, 4, 3])
    settings = ir.IndexSettings(tier_rank_cutoffs={"city": (5, 10), "province": (6,)})
    tiers = ir.region_tiers(pd.concat([cities, provinces]), settings)
    by_level = {level: frame["tier"].tolist() for level, frame in tiers.groupby("region_level")}
    assert by_level["city"] == [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, pd.NA]
    assert by_level["province"] == [1, 1, 1, 1, 1, 1, 1, pd.NA]


def test_circles_sum_and_mean() -> None:
    scores = pd.DataFrame(
        {
            "edition": 2025,
            "region_level": "city",
            "region_code": ["a", "b", "c", "d"],
            "node_code": "total",
            "score": [10.0, 20.0, 30.0, 1.0],
        }
    )
    members = pd.DataFrame(
        {"circle_code": ["x", "x", "x", "y"], "circle_name": "n", "region_code": list("abcd")}
    )
    members.loc[3, "region_code"] = "c"
    by_sum = ir.circles(scores, members, "sum").set_index("circle_code")
    assert by_sum["score"].tolist() == [60.0, 30.0] and by_sum["score_rank"].tolist() == [1, 2]
    by_mean = ir.circles(scores, members, "mean").set_index("circle_code")
    assert by_mean["score"].tolist() == [20.0, 30.0] and by_mean["score_rank"].tolist() == [2, 1]
    assert by_mean["member_count"].tolist() == [3, 1]
    assert by_mean["rank_change"].isna().all()  # no edition 2024


def test_comparison_fails_on_a_null() -> None:
    expected = pd.DataFrame({"key": [1, 2], "score": [1.0, 2.0], "rank": [1, 2]})
    published = expected.assign(score=[1.0, np.nan])
    with pytest.raises(AssertionError, match="differ or are null"):
        wc.assert_frames_match(published, expected, ["key"], {"score": wc.SCORE}, ["rank"], "t")
    extra = expected.assign(unchecked=0)
    with pytest.raises(AssertionError, match="no check covers"):
        wc.assert_frames_match(extra, expected, ["key"], {"score": wc.SCORE}, ["rank"], "t")


# --------------------------------------------------------------------------- the warehouse


@pytest.fixture(scope="module")
def recounted(warehouse: duckdb.DuckDBPyConnection) -> pd.DataFrame | None:
    """The raw values recounted from the build's raw files; None when they cannot be read
    (an analyst's files moved or changed since the build). The sample's must be readable."""
    files, reason = wc.readable_raw_files(warehouse)
    if reason:
        (is_sample,) = warehouse.execute("select is_sample_data from build_info").fetchone()
        assert not is_sample, f"the bundled sample's raw files cannot be read: {reason}"
        return None
    return wc.recount_raw_values(warehouse, files)


def test_build_info_records_the_index_settings(warehouse: duckdb.DuckDBPyConnection) -> None:
    settings = wc.build_settings(warehouse)
    assert settings.weighting_method in ir.WEIGHTING_METHODS
    assert settings.tier_method in ("rank_cutoffs", "jenks")
    assert settings.circle_method in ("sum", "mean")
    assert set(settings.tier_rank_cutoffs) == {"city", "province"}


def test_raw_values_follow_the_data_contract(
    warehouse: duckdb.DuckDBPyConnection, recounted: pd.DataFrame | None
) -> None:
    if recounted is None:
        pytest.skip("the build's raw files are gone or changed (build_raw_files)")
    wc.check_raw_values(warehouse, recounted)


def test_warehouse_matches_recomputation(
    warehouse: duckdb.DuckDBPyConnection, recounted: pd.DataFrame | None
) -> None:
    """Every public number of the index, from the recounted raw values where the raw files can
    be read (else from fct_indicator_values) and the reference seeds."""
    values = wc.published_values(warehouse) if recounted is None else recounted
    settings = wc.build_settings(warehouse)
    wc.check_index(warehouse, values, ir.load_reference_data(), settings)
