"""The rank-uncertainty Monte Carlo (docs/analyses.md §2.2): bdi.analysis.uncertainty on small
cases with known answers, its weights against index_reference, and the warehouse's
fct_rank_uncertainty recomputed (rank_uncertainty_check.py)."""

from __future__ import annotations

import index_reference as ir
import numpy as np
import pandas as pd
import pytest
import rank_uncertainty_check as rc
import warehouse_check as wc

from bdi.analysis import uncertainty as mc

# A two-dimension tree: total -> a (sub a1: i1 i2 i3; sub a2: i4 i5), b (sub b1: i6 i7)
SMALL_TREE = pd.DataFrame(
    [
        ("total", 0, None),
        ("a", 1, "total"),
        ("a1", 2, "a"),
        ("i1", 3, "a1"),
        ("i2", 3, "a1"),
        ("i3", 3, "a1"),
        ("a2", 2, "a"),
        ("i4", 3, "a2"),
        ("i5", 3, "a2"),
        ("b", 1, "total"),
        ("b1", 2, "b"),
        ("i6", 3, "b1"),
        ("i7", 3, "b1"),
    ],
    columns=["node_code", "node_level", "parent_code"],
).assign(sort_order=lambda frame: range(1, len(frame) + 1))
TREE = mc.Tree.from_frame(SMALL_TREE)
WORKED_EXAMPLE = np.array(
    [[1.0, 1.0, 0.0], [0.5, 0.0, 0.75], [0.25, 1.0 / 3.0, 0.75], [0.0, 0.0, 1.0]]
)


def random_values(regions: int, seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).random((regions, len(TREE.indicators)))


def long_values(values: np.ndarray, column: str, level: str) -> pd.DataFrame:
    """Regions x indicators as long rows of edition 2025; region codes 000000, 000001, …"""
    regions = [f"{code:06d}" for code in range(len(values))]
    return pd.DataFrame(
        {
            "edition": 2025,
            "region_level": level,
            "region_code": np.repeat(regions, len(TREE.indicators)),
            "indicator_code": np.tile(TREE.indicators, len(regions)),
            column: values.ravel(),
        }
    )


def test_tree_is_read_bottom_up() -> None:
    assert TREE.indicators == ("i1", "i2", "i3", "i4", "i5", "i6", "i7")
    assert [level.children for level in TREE.levels[1:]] == [("a1", "a2", "b1"), ("a", "b")]
    assert TREE.levels[0].parent_of.tolist() == [0, 0, 0, 1, 1, 2, 2]
    assert TREE.weight_count == 12


def test_worked_example_weights_and_scores() -> None:
    """docs/methodology.md, worked example: improved_vector weights and group scores."""
    level = mc.Level(("x1", "x2", "x3"), np.zeros(3, dtype=int))
    weights = mc.child_weights(WORKED_EXAMPLE[None], level, "improved_vector")[0]
    np.testing.assert_allclose(weights, [0.339080, 0.393780, 0.267140], atol=5e-7)
    scores = 100 * WORKED_EXAMPLE @ weights
    np.testing.assert_allclose(scores, [73.285967, 36.989525, 41.638513, 26.714033], atol=5e-7)
    assert mc.competition_ranks(scores[None])[0].tolist() == [1, 3, 2, 4]


@pytest.mark.parametrize("method", mc.METHODS)
@pytest.mark.parametrize("case", range(6))
def test_child_weights_match_the_reference(method: str, case: int) -> None:
    """Each parent's weights equal index_reference.child_weights, with the common rules: a
    constant child (case 1), all constant (2), one informative (3), perfectly correlated
    siblings (4: CRITIC's raw weights all 0), a column of zeros (5)."""
    columns = np.random.default_rng(case).random((9, 3))
    if case == 1:
        columns[:, 1] = 0.4
    elif case == 2:
        columns[:] = 0.7
    elif case == 3:
        columns[:, [0, 2]] = 0.0
    elif case == 4:
        columns[:, 1] = columns[:, 0]
        columns[:, 2] = columns[:, 0]
    elif case == 5:
        columns[:, 2] = 0.0
    level = mc.Level(("x", "y", "z"), np.zeros(3, dtype=int))
    weights = mc.child_weights(columns[None], level, method)[0]
    expected, _ = ir.child_weights(columns, method)
    np.testing.assert_allclose(weights, expected, atol=1e-12)
    assert weights.sum() == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("method", mc.METHODS)
def test_left_out_indicator_is_uninformative(method: str) -> None:
    """Leaving an indicator out equals making it constant: weight 0, siblings renormalised."""
    values = random_values(12)
    left_out = mc.method_weights(values, TREE, method, np.array([1]))
    constant = values.copy()
    constant[:, 1] = 0.0
    made_constant = mc.method_weights(constant, TREE, method, np.array([mc.NO_INDICATOR]))
    assert left_out[0][0, 1] == 0.0
    np.testing.assert_allclose(left_out[0], made_constant[0], atol=1e-12)


@pytest.mark.parametrize("method", mc.METHODS)
def test_nominal_draw_is_the_reference_index(method: str) -> None:
    """No perturbation: the total scores and ranks of index_reference on the same tree."""
    values = random_values(15, seed=4)
    long = long_values(values, "raw_value", "city")
    tree = SMALL_TREE.assign(
        direction=lambda frame: np.where(frame.node_level == 3, "positive", "")
    )
    reference = ir.compute_index(long, tree=tree, method=method)
    reference = reference[reference["node_code"] == "total"].sort_values("region_code")
    normalized = (values - values.min(axis=0)) / (values.max(axis=0) - values.min(axis=0))
    scores = mc.draw_total_scores(normalized, TREE, mc.DrawPlan.nominal(TREE, (method,)))
    np.testing.assert_allclose(scores[0], reference["score"], atol=1e-9)
    assert mc.competition_ranks(scores)[0].tolist() == reference["score_rank"].tolist()


def test_draws_are_reproducible_for_a_seed() -> None:
    values = random_values(40)
    first = mc.simulate_ranks(values, TREE, 300, mc.generator(2025, 2024, "city"))
    second = mc.simulate_ranks(values, TREE, 300, mc.generator(2025, 2024, "city"))
    np.testing.assert_array_equal(first, second)
    for other in (
        mc.generator(2026, 2024, "city"),
        mc.generator(2025, 2023, "city"),
        mc.generator(2025, 2024, "province"),
    ):
        assert (mc.simulate_ranks(values, TREE, 300, other) != first).any()


def test_draw_plan_follows_the_procedure() -> None:
    """Methods uniform over four, an indicator left out in half the draws (each indicator as
    often), factors in [0.75, 1.25] with mean 1: frequencies within 5 standard errors."""
    draws = 40_000
    plan = mc.plan_draws(draws, TREE, mc.generator(1, 2025, "city"))
    method_share = np.bincount(plan.methods, minlength=4) / draws
    assert np.abs(method_share - 0.25).max() < 5 * np.sqrt(0.25 * 0.75 / draws)
    left_out = plan.left_out[plan.left_out != mc.NO_INDICATOR]
    assert abs(len(left_out) / draws - 0.5) < 5 * np.sqrt(0.25 / draws)
    indicator_share = np.bincount(left_out, minlength=7) / len(left_out)
    assert np.abs(indicator_share - 1 / 7).max() < 5 * np.sqrt(1 / 7 * 6 / 7 / len(left_out))
    assert plan.factors.shape == (draws, 12)
    assert 0.75 <= plan.factors.min() and plan.factors.max() <= 1.25
    assert abs(plan.factors.mean() - 1.0) < 5 * 0.5 / np.sqrt(12 * plan.factors.size)


def test_perturbed_weights_still_sum_to_one_in_every_parent() -> None:
    """A region at 1 on every indicator scores 100 in every draw, one at 0 scores 0: the
    perturbed weights of every parent are renormalised."""
    values = random_values(10)
    values[0], values[1] = 1.0, 0.0
    scores = mc.draw_total_scores(values, TREE, mc.plan_draws(500, TREE, mc.generator(3, 1, "x")))
    np.testing.assert_allclose(scores[:, 0], 100.0, atol=1e-12)
    np.testing.assert_allclose(scores[:, 1], 0.0, atol=1e-12)
    assert ((scores >= 0) & (scores <= 100 + 1e-12)).all()


def test_far_ahead_keeps_rank_one_and_twins_share_ranks() -> None:
    values = random_values(30) * 0.5
    values[0] = 1.0  # far ahead on every indicator
    values[5] = values[6]  # identical regions
    ranks = mc.simulate_ranks(values, TREE, 1000, mc.generator(2025, 2025, "city"))
    assert (ranks[:, 0] == 1).all()
    np.testing.assert_array_equal(ranks[:, 5], ranks[:, 6])
    assert ranks.min() == 1 and ranks.max() <= 30


def test_competition_ranks_round_to_six_decimals_per_draw() -> None:
    scores = np.array([[10.0, 20.0, 20.0 + 4e-7, 5.0], [1.0, 1.0, 1.0, 2.0]])
    assert mc.competition_ranks(scores).tolist() == [[3, 1, 1, 4], [2, 2, 2, 1]]
    rng = np.random.default_rng(0)
    many = np.round(rng.random((50, 40)) * 100, 1)  # ties
    expected = np.stack([ir.competition_ranks(row) for row in many])
    np.testing.assert_array_equal(mc.competition_ranks(many), expected)


def test_rank_counts_cover_every_draw() -> None:
    values = random_values(8)
    long = long_values(values, "normalized_value", "province")
    counts = mc.rank_counts(long, SMALL_TREE, 250, 9)
    assert counts.groupby("region_code")["draw_count"].sum().eq(250).all()
    ranks = mc.simulate_ranks(values, TREE, 250, mc.generator(9, 2025, "province"))
    first = counts[counts["region_code"] == "000000"].set_index("total_rank")["draw_count"]
    expected = pd.Series(ranks[:, 0]).value_counts().sort_index()
    assert first.to_dict() == expected.to_dict()


# ------------------------------------------------------------------------ the built warehouse


def test_engine_reproduces_the_reference_on_the_warehouse(warehouse) -> None:
    """Unperturbed, the Monte Carlo engine gives index_reference's totals and ranks for each of
    its four methods on the published values, and fct_index's for the build's own method."""
    values = rc.published_values(warehouse)
    engine = rc.nominal_totals(values, rc.published_tree(warehouse))
    rc.assert_totals_agree(engine, rc.reference_totals(values), "index_reference")
    method = wc.build_settings(warehouse).weighting_method
    if method in mc.METHODS:
        index = warehouse.execute(
            "select edition, region_level, region_code, total_score, total_rank from fct_index"
        ).df()
        rc.assert_totals_agree(
            engine[engine["weighting_method"] == method], index.assign(weighting_method=method),
            "fct_index",
        )  # fmt: skip


def test_engine_reproduces_the_method_scenarios(warehouse) -> None:
    """fct_method_scenarios (the SQL engine's five methods) agrees with the Monte Carlo engine
    for the four methods it shares, row for row."""
    if not rc.has_table(warehouse, "fct_method_scenarios"):
        pytest.skip("this warehouse has no fct_method_scenarios")
    scenarios = warehouse.execute(
        "select edition, region_level, region_code, weighting_method, total_score, total_rank"
        " from fct_method_scenarios where weighting_method in (?, ?, ?, ?)",
        list(mc.METHODS),
    ).df()
    values = rc.published_values(warehouse)
    engine = rc.nominal_totals(values, rc.published_tree(warehouse))
    rc.assert_totals_agree(engine, scenarios, "fct_method_scenarios")


def test_rank_uncertainty_recomputed(warehouse) -> None:
    published = rc.check_rank_uncertainty(warehouse, wc.build_settings(warehouse))
    assert len(published) > 0
