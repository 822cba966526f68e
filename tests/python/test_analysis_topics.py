"""bdi/analysis/topics.py and policy_terms.py on small hand-made inputs, against the independent
numpy/scipy recomputation of topic_reference.py (no build needed)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import topic_reference as tr

from bdi.analysis import policy_terms, topics


def pairs(x: list[float], y: list[float], topic: str = "t") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "topic_code": topic,
            "edition": 2025,
            "region_level": "province",
            "region_code": [f"{11 + i:02d}0000" for i in range(len(x))],
            "x": x,
            "y": y,
        }
    )


def test_fits_match_the_independent_recomputation() -> None:
    rng = np.random.default_rng(7)
    x = rng.integers(0, 25, 31).astype(float)
    y = 10 + 2 * x + rng.normal(0, 6, 31)
    x[0], y[0] = 2, 95  # an outlier
    data = pairs(list(x), list(y))
    fits = topics.fit_topics(data, 2.5, ["120000"])
    expected, points, bands = tr.regressions(data, 2.5, frozenset({"120000"}))
    assert fits.regressions["fit"].tolist() == ["all", "excluding_outliers"]
    for column in ("n", "slope", "intercept", "r_squared", "slope_std_error", "slope_t",
                   "slope_p_value", "slope_ci_low", "slope_ci_high"):  # fmt: skip
        np.testing.assert_allclose(fits.regressions[column], expected[column], rtol=1e-9)
    assert fits.regressions["excluded_regions"].tolist() == ["", "110000,120000"]
    for column in ("fitted", "residual", "studentized_residual", "leverage", "cooks_distance"):
        np.testing.assert_allclose(fits.points[column], points[column], rtol=1e-9)
    assert fits.points["is_outlier"].tolist() == points["is_outlier"].tolist()
    assert fits.points["is_outlier"].sum() == 1
    np.testing.assert_allclose(
        fits.bands[["x", "ci_low", "ci_high"]], bands[["x", "ci_low", "ci_high"]], rtol=1e-9
    )  # noqa: E501
    stacked = fits.stacked()
    assert stacked["output"].value_counts().to_dict() == {"band": 100, "point": 31, "regression": 2}


def test_closed_form_fits_equal_statsmodels() -> None:
    """The closed-form statistics against a second, independent implementation: statsmodels'
    OLS, its influence measures and its prediction intervals of the mean."""
    from statsmodels.regression.linear_model import OLS
    from statsmodels.stats.outliers_influence import OLSInfluence

    rng = np.random.default_rng(11)
    x = rng.gamma(2.0, 30.0, 40)
    y = 5 + 0.4 * x + rng.normal(0, 9, 40)
    x[3], y[3] = 200.0, 10.0  # a point of high leverage
    fit = topics.ols(x, y)
    results = OLS(y, np.column_stack([np.ones_like(x), x])).fit()
    influence = OLSInfluence(results)
    statistics = topics.fit_statistics(fit)
    low, high = results.conf_int(alpha=0.05)[1]
    expected = {
        "n": 40, "slope": results.params[1], "intercept": results.params[0],
        "r_squared": results.rsquared, "slope_std_error": results.bse[1],
        "slope_t": results.tvalues[1], "slope_p_value": results.pvalues[1],
        "slope_ci_low": low, "slope_ci_high": high,
    }  # fmt: skip
    for name, value in expected.items():
        assert statistics[name] == pytest.approx(value, rel=1e-9), name
    points = topics.diagnostics(fit)
    np.testing.assert_allclose(points["fitted"], results.fittedvalues, rtol=1e-9)
    np.testing.assert_allclose(points["leverage"], influence.hat_matrix_diag, rtol=1e-9)
    np.testing.assert_allclose(
        points["studentized_residual"], influence.resid_studentized_external, rtol=1e-9
    )
    np.testing.assert_allclose(points["cooks_distance"], influence.cooks_distance[0], rtol=1e-9)
    band = topics.confidence_band(fit, float(x.min()), float(x.max()))
    grid = np.column_stack([np.ones(len(band)), band["x"]])
    frame = results.get_prediction(grid).summary_frame(alpha=0.05)
    np.testing.assert_allclose(band["fitted"], frame["mean"], rtol=1e-9)
    np.testing.assert_allclose(band["ci_low"], frame["mean_ci_lower"], rtol=1e-9)
    np.testing.assert_allclose(band["ci_high"], frame["mean_ci_upper"], rtol=1e-9)


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ([1, 2, 3, 4], [1, 2, 3, 5]),  # 4 regions
        ([3, 3, 3, 3, 3], [1, 2, 3, 4, 5]),  # x all equal
    ],
)
def test_no_fit_without_five_regions_or_with_equal_values(x: list, y: list) -> None:
    fits = topics.fit_topics(pairs(x, y))
    assert fits.regressions.empty and fits.points.empty and fits.bands.empty
    assert fits.stacked().empty


def test_a_refit_needs_five_regions_left() -> None:
    fits = topics.fit_topics(pairs([1, 2, 3, 4, 5], [2, 4, 5, 8, 10]), 2.5, ["110000"])
    assert fits.regressions["fit"].tolist() == ["all"]


def test_a_perfect_fit_has_no_studentised_residual() -> None:
    fits = topics.fit_topics(pairs([1, 2, 3, 4, 5], [3, 5, 7, 9, 11]))
    assert fits.regressions.loc[0, "r_squared"] == pytest.approx(1)
    assert fits.points["studentized_residual"].isna().all()
    assert not fits.points["is_outlier"].any()


def test_vars_are_checked() -> None:
    assert topics.parse_region_list(" 110000, 310000 ;440300") == ("110000", "310000", "440300")
    assert topics.parse_region_list("") == ()
    with pytest.raises(ValueError, match="6-digit region codes"):
        topics.parse_region_list("beijing")
    assert topics.parse_threshold("3") == 3.0 and topics.parse_threshold("") == 2.5
    for bad in ("0", "-1", "two", "nan"):
        with pytest.raises(ValueError, match="positive number"):
            topics.parse_threshold(bad)


def test_policy_terms_are_counted_once_per_policy_without_stop_words_and_numbers() -> None:
    titles = pd.DataFrame(
        {
            "edition": [2025, 2025, 2025, 2024],
            "title": [
                "关于推进数字化转型的通知（模拟）数字化转型",
                "2024年数字化转型行动计划",
                "智能制造 5G 数据",
                "数据要素",
            ],
        }
    )
    dictionary = ["数字化转型", "智能制造", "数据要素"]
    counted = policy_terms.count_terms(titles, ["关于", "通知", "模拟", "行动计划"], dictionary)
    terms = counted[counted["edition"] == 2025].set_index("term")
    assert terms.loc["数字化转型", "policy_count"] == 2  # twice in one title: once
    assert terms.loc["数字化转型", "term_rank"] == 1
    assert "2024" not in terms.index and "关于" not in terms.index and "的" not in terms.index
    assert {"智能制造", "5G", "数据", "推进"} <= set(terms.index)
    assert set(terms.loc[["智能制造", "数据"], "term_rank"]) == {2}  # ties share a rank
    assert counted[counted["edition"] == 2024]["term"].tolist() == ["数据要素"]


def test_policy_terms_in_a_worker_process_are_the_same() -> None:
    """A build segments in a child process (worker=True): the same counts as in this process,
    and a repeated title counted once per policy."""
    titles = pd.DataFrame(
        {
            "edition": [2025, 2025, 2025, 2024, 2024],
            "title": [
                "数据要素市场化配置改革",
                "数据要素市场化配置改革",
                "智能制造 5G",
                "智能工厂",
                "",
            ],
        }
    )
    dictionary = ["数据要素", "智能制造", "智能工厂"]
    here = policy_terms.count_terms(titles, ["改革"], dictionary)
    there = policy_terms.count_terms(titles, ["改革"], dictionary, worker=True)
    pd.testing.assert_frame_equal(here, there)
    assert here.set_index(["edition", "term"]).loc[(2025, "数据要素"), "policy_count"] == 2
    empty = policy_terms.count_terms(titles.iloc[:0], ["改革"], dictionary, worker=True)
    assert empty.empty and list(empty.columns) == policy_terms.TERM_COLUMNS
