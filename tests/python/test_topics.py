"""Special topics (docs/analyses.md §5), recomputed independently from the raw files.

Two builds: the published sample warehouse (`make build`; skipped when it is not the sample) and
a small build of the hand-made topic set tests/fixtures/topics/ (its README says what each topic
exercises) beside the small raw set, with the two topic vars set. In both, fct_topic_values is
re-resolved from the raw topic files, every regression statistic, diagnostic and band point is
recomputed with numpy/scipy (topic_reference.py) and compared, and the set of fits must be
exactly the expected one (fewer than 5 regions or equal values: none). For the sample also the
calibration (R² ≈ 0.29 with every province, clearly better without 北京) and the policy terms.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
import topic_reference as tr
from small_raw_set import new_build

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
HAND_MADE = ROOT / "tests" / "fixtures" / "topics"
HAND_MADE_VARS = {"BDI_TOPIC_OUTLIER_THRESHOLD": "2.0", "BDI_TOPIC_EXCLUDED_REGIONS": "440000"}
KEY = ["topic_code", "edition", "region_level"]


def frame(connection: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame:
    return connection.execute(sql).df()


@pytest.fixture(scope="module")
def sample() -> duckdb.DuckDBPyConnection:
    path = Path(os.environ.get("BDI_WAREHOUSE", ROOT / "warehouse.duckdb"))
    if not path.exists():
        pytest.fail(f"no warehouse at {path}: run `make build` first (`make test` does)")
    connection = duckdb.connect(str(path), read_only=True)
    if connection.execute("select is_sample_data from build_info").fetchone()[0] is not True:
        pytest.skip(f"{path} was not built from the bundled sample")
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def hand_made(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    """The small raw set with the hand-made topics, built once by `python -m bdi.build`."""
    tmp = tmp_path_factory.mktemp("topics")
    build = new_build(tmp, **HAND_MADE_VARS)
    for name in ("topics.csv", "topic_values.csv"):
        (build.raw_dir / name).write_bytes((HAND_MADE / name).read_bytes())
    result = build.run()
    assert result.returncode == 0, result.stdout[-3000:]
    connection = duckdb.connect(str(build.warehouse), read_only=True)
    yield connection
    connection.close()


def sample_settings() -> tuple[float, frozenset[str]]:
    threshold = float(os.environ.get("BDI_TOPIC_OUTLIER_THRESHOLD", "") or 2.5)
    forced = os.environ.get("BDI_TOPIC_EXCLUDED_REGIONS", "").replace(",", " ").split()
    return threshold, frozenset(forced)


def expected_fits(
    connection: duckdb.DuckDBPyConnection, values: pd.DataFrame, threshold: float, forced
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The regressions of `values` (re-resolved raw values) on the published total scores."""
    scores = frame(
        connection, "select edition, region_level, region_code, total_score from fct_index"
    )
    pairs = values.merge(scores, on=["edition", "region_level", "region_code"])
    pairs = pairs.rename(columns={"value": "x", "total_score": "y"})
    return tr.regressions(pairs[[*KEY, "region_code", "x", "y"]], threshold, forced)


def check_topic_values(connection: duckdb.DuckDBPyConnection, directory: Path) -> pd.DataFrame:
    expected = tr.topic_values(directory / "topics.csv", directory / "topic_values.csv")
    published = frame(connection, "select * from fct_topic_values").sort_values(
        [*KEY, "region_code"]
    )
    pd.testing.assert_frame_equal(
        published.reset_index(drop=True),
        expected[published.columns].reset_index(drop=True),
        check_dtype=False,
    )
    return expected


def compare(
    published: pd.DataFrame, expected: pd.DataFrame, on: list[str], columns: tuple[str, ...]
) -> pd.DataFrame:
    """Every row of `expected` published once, and its numbers equal (a NULL fails)."""
    assert len(published) == len(expected)
    merged = published.merge(expected, on=on, suffixes=("", "_expected"))
    assert len(merged) == len(expected)
    for column in columns:
        np.testing.assert_allclose(
            merged[column].to_numpy(float), merged[f"{column}_expected"].to_numpy(float),
            rtol=1e-9, atol=1e-9, err_msg=column,
        )  # fmt: skip
    return merged


def check_regressions(connection: duckdb.DuckDBPyConnection, expected: tuple) -> None:
    fits, points, bands = expected
    merged = compare(
        frame(connection, "select * from fct_topic_regressions"),
        fits,
        [*KEY, "fit"],
        ("n", "slope", "intercept", "r_squared", "slope_std_error", "slope_t", "slope_p_value",
         "slope_ci_low", "slope_ci_high"),
    )  # fmt: skip
    assert (merged["excluded_regions"] == merged["excluded_regions_expected"]).all()
    merged = compare(
        frame(connection, "select * from fct_topic_points"),
        points,
        [*KEY, "region_code"],
        ("x", "y", "fitted", "residual", "studentized_residual", "leverage", "cooks_distance"),
    )
    assert (merged["is_outlier"] == merged["is_outlier_expected"]).all()
    assert len(bands) == 50 * len(fits)
    compare(
        frame(connection, "select * from fct_topic_fit_bands"),
        bands,
        [*KEY, "fit", "point_index"],
        ("x", "fitted", "ci_low", "ci_high"),
    )


# --- the sample -------------------------------------------------------------------------------


def test_sample_topic_values_are_the_raw_files_resolved(sample: duckdb.DuckDBPyConnection) -> None:
    values = check_topic_values(sample, SAMPLE)
    assert set(values["topic_code"]) == {
        "smart_factories_excellent", "smart_factories_advanced", "data_labelling_bases",
        "trusted_data_spaces",
    }  # fmt: skip


def test_sample_regressions_recomputed(sample: duckdb.DuckDBPyConnection) -> None:
    values = tr.topic_values(SAMPLE / "topics.csv", SAMPLE / "topic_values.csv")
    check_regressions(sample, expected_fits(sample, values, *sample_settings()))


def test_sample_smart_factories_resemble_the_report(sample: duckdb.DuckDBPyConnection) -> None:
    """图4-6/4-7: about 230 卓越级 factories, 江苏 23 first and 山东 22; R² ≈ 0.29 with every
    province and clearly higher once 北京, the outlier, is left out."""
    values = frame(
        sample,
        "select region_code, value from fct_topic_values where topic_code = "
        "'smart_factories_excellent' and edition = 2025 and region_level = 'province' "
        "order by value desc",
    )
    assert len(values) == 31 and 225 <= values["value"].sum() <= 245
    assert values.iloc[:2].values.tolist() == [["320000", 23.0], ["370000", 22.0]]
    advanced = frame(
        sample,
        "select sum(value) as total from fct_topic_values where topic_code = "
        "'smart_factories_advanced' and region_level = 'province'",
    )["total"].iloc[0]
    assert 1_200 <= advanced <= 1_300
    fits = frame(
        sample,
        "select fit, r_squared, excluded_regions, slope from fct_topic_regressions "
        "where topic_code = 'smart_factories_excellent' and edition = 2025 "
        "and region_level = 'province'",
    ).set_index("fit")
    assert 0.24 <= fits.loc["all", "r_squared"] <= 0.34
    assert "110000" in fits.loc["excluding_outliers", "excluded_regions"].split(",")
    assert fits.loc["excluding_outliers", "r_squared"] >= fits.loc["all", "r_squared"] + 0.15
    assert fits.loc["excluding_outliers", "slope"] > 0


def test_sample_fewer_than_five_regions_have_no_fit(sample: duckdb.DuckDBPyConnection) -> None:
    # The trusted-data-space pilots count at the province level only through the municipalities.
    provinces = frame(
        sample,
        "select count(*) as n from fct_topic_values where topic_code = 'trusted_data_spaces' "
        "and region_level = 'province'",
    )["n"].iloc[0]
    assert provinces == 3
    assert (
        frame(
            sample,
            "select count(*) as n from fct_topic_regressions "
            "where topic_code = 'trusted_data_spaces' and region_level = 'province'",
        )["n"].iloc[0]
        == 0
    )


def test_sample_policy_terms_recounted(sample: duckdb.DuckDBPyConnection) -> None:
    invalid = frame(
        sample, "select count(*) as n from invalid_rows where source_table = 'policies'"
    )
    assert invalid["n"].iloc[0] == 0
    editions = set(frame(sample, "select distinct edition from fct_index")["edition"])
    policies = pd.read_csv(SAMPLE / "policies.csv", dtype=str)
    expected = tr.policy_terms(policies, editions)
    published = frame(sample, "select * from fct_policy_terms order by edition, term")
    pd.testing.assert_frame_equal(
        published.reset_index(drop=True), expected[published.columns], check_dtype=False
    )
    top = published[published["edition"] == 2025].sort_values("term_rank")["term"].head(5)
    assert {"数字化转型", "智能制造", "智能工厂", "数据要素"} <= set(top)


# --- the hand-made set ------------------------------------------------------------------------


def test_hand_made_topic_values_are_the_raw_files_resolved(
    hand_made: duckdb.DuckDBPyConnection,
) -> None:
    values = check_topic_values(hand_made, HAND_MADE)
    # District codes count for their city; 110108 (北京海淀) and 110000 at both levels.
    cities = values[(values["topic_code"] == "hand_cities") & (values["region_level"] == "city")]
    assert "440300" in set(cities["region_code"]) and "110000" in set(cities["region_code"])
    both = values[(values["topic_code"] == "hand_provinces") & (values["region_code"] == "110000")]
    assert sorted(both["region_level"]) == ["city", "province"]


def test_hand_made_regressions_recomputed(hand_made: duckdb.DuckDBPyConnection) -> None:
    values = tr.topic_values(HAND_MADE / "topics.csv", HAND_MADE / "topic_values.csv")
    threshold = float(HAND_MADE_VARS["BDI_TOPIC_OUTLIER_THRESHOLD"])
    forced = frozenset(HAND_MADE_VARS["BDI_TOPIC_EXCLUDED_REGIONS"].split(","))
    expected = expected_fits(hand_made, values, threshold, forced)
    check_regressions(hand_made, expected)
    fitted = {tuple(row) for row in expected[0][KEY].drop_duplicates().values.tolist()}
    assert fitted == {("hand_provinces", 2024, "province"), ("hand_cities", 2024, "city")}
    # The forced exclusion reaches the refit.
    [excluded] = frame(
        hand_made,
        "select excluded_regions from fct_topic_regressions where topic_code = 'hand_provinces' "
        "and fit = 'excluding_outliers'",
    )["excluded_regions"]
    assert "440000" in excluded.split(",")
