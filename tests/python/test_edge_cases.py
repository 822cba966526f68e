"""The edge-case data set (tests/fixtures/edge_cases), built for real and recomputed end to end.

Six `python -m bdi.build` runs (edge_builds.py) cover the five weighting methods, both tier
methods, both circle methods, the defaults, Parquet input and a negative indicator. For each,
every public number is recomputed from the raw files by index_reference (warehouse_check.py),
and hand-computed expectations check that the data set really exercises its cases (README).
"""

from __future__ import annotations

import filecmp
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import analysis_check as ac
import duckdb
import index_reference as ir
import pandas as pd
import pytest
import rank_uncertainty_check as rc
import warehouse_check as wc
from edge_builds import BUILD_NAMES, BUILDS, by_name, run_builds
from edge_case_data import (
    CITY_TIES,
    EDGE_DIR,
    EDITIONS,
    JENKS_TOP_N_TIE,
    NEGATIVE_INDICATOR,
    NO_RECORD,
    PROVINCE_TIE,
    TWO_SCORES_CITIES,
    TWO_SCORES_EDITION,
    TWO_SCORES_PROVINCES,
    edge_case_tables,
    expected_invalid_rows,
    write_edge_cases,
)

POSITIVE_TREE_BUILDS = tuple(build.name for build in BUILDS if build.positive_tree)
TIED_EDITIONS = (2023, 2025)  # data years 2022 and 2024: the ranking follows the city sizes


@pytest.fixture(scope="session")
def edge_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # shared by the workers of this run
    return run_builds(base)


@contextmanager
def warehouse(edge_builds: dict, name: str) -> Iterator[duckdb.DuckDBPyConnection]:
    result = edge_builds[name]
    if not result["warehouse"]:
        pytest.fail(f"the {name} build failed:\n{result['log']}")
    connection = duckdb.connect(result["warehouse"], read_only=True)
    try:
        yield connection
    finally:
        connection.close()


def query(connection: duckdb.DuckDBPyConnection, sql: str, *parameters: object) -> pd.DataFrame:
    return connection.execute(sql, list(parameters)).df()


# ------------------------------------------------------------------------------ the data set


def test_committed_files_are_what_the_generator_writes(tmp_path: Path) -> None:
    written = write_edge_cases(tmp_path)
    for path in written:
        assert filecmp.cmp(path, EDGE_DIR / path.name, shallow=False), (
            f"{EDGE_DIR / path.name} differs from edge_case_data.py: run "
            "`python tests/python/edge_case_data.py`"
        )
    assert sorted(p.name for p in EDGE_DIR.glob("*.csv")) == sorted(p.name for p in written)


# ------------------------------------------------------------------------------ end to end


@pytest.mark.parametrize("name", BUILD_NAMES)
def test_build_records_its_settings(edge_builds: dict, name: str) -> None:
    with warehouse(edge_builds, name) as connection:
        assert wc.build_settings(connection) == by_name(name).settings
        (allowed,) = connection.execute("select allow_invalid_rows from build_info").fetchone()
        assert allowed is True


@pytest.mark.parametrize("name", BUILD_NAMES)
def test_raw_values_recomputed_from_the_raw_files(edge_builds: dict, name: str) -> None:
    with warehouse(edge_builds, name) as connection:
        files, reason = wc.readable_raw_files(connection, Path(edge_builds[name]["project"]))
        assert not reason, reason
        expected_format = "parquet" if by_name(name).parquet else "csv"
        assert {file_format for _, file_format in files.values()} == {expected_format}
        wc.check_raw_values(connection, wc.recount_raw_values(connection, files))


@pytest.mark.parametrize("name", BUILD_NAMES)
def test_index_recomputed_end_to_end(edge_builds: dict, name: str) -> None:
    """Every public number, from the raw files and the seeds of the project that built it, with
    the settings the build was asked for (not those it says it used)."""
    project = Path(edge_builds[name]["project"])
    with warehouse(edge_builds, name) as connection:
        files, reason = wc.readable_raw_files(connection, project)
        assert not reason, reason
        values = wc.recount_raw_values(connection, files)
        data = ir.load_reference_data(project / "seeds" / "reference")
        wc.check_index(connection, values, data, by_name(name).settings, project)


@pytest.mark.parametrize("name", BUILD_NAMES)
def test_analysis_tables_recomputed(edge_builds: dict, name: str) -> None:
    """Method scenarios, change decomposition, audit and inequality (docs/analyses.md §1–4),
    recomputed with numpy from the public tables and the seeds of the project that built them:
    constant indicators, one informative child, all-zero CRITIC weights and ties included."""
    project = Path(edge_builds[name]["project"])
    with warehouse(edge_builds, name) as connection:
        ac.check_analyses(connection, ir.load_reference_data(project / "seeds" / "reference"))


@pytest.mark.parametrize("name", BUILD_NAMES)
def test_rank_uncertainty_recomputed(edge_builds: dict, name: str) -> None:
    """fct_rank_uncertainty from the draws the build was asked for (BDI_UNCERTAINTY_DRAWS and
    BDI_UNCERTAINTY_SEED, else 1000 and 2025), every statistic recomputed in numpy."""
    draws, seed = by_name(name).uncertainty or (1000, 2025)
    with warehouse(edge_builds, name) as connection:
        rc.check_rank_uncertainty(connection, by_name(name).settings, draws, seed)


@pytest.mark.parametrize("name", BUILD_NAMES)
def test_invalid_rows_are_listed_and_left_out(edge_builds: dict, name: str) -> None:
    with warehouse(edge_builds, name) as connection:
        listed = connection.execute("select source_table, source_row, rule from invalid_rows")
        assert set(listed.fetchall()) == expected_invalid_rows(edge_case_tables())
        counts = dict(
            connection.execute(
                "select table_name, invalid_row_count from build_raw_files"
            ).fetchall()
        )
    assert counts == {
        "enterprises": 1,
        "enterprise_annual": 2,
        "financing_events": 1,
        "policies": 1,
        "universities": 0,
        "institutions": 1,
    }


# ------------------------------------------------------------------------------ the cases


def total_ranks(connection: duckdb.DuckDBPyConnection, edition: int, level: str) -> pd.DataFrame:
    return query(
        connection,
        "select region_code, total_rank, tier from fct_index"
        " where edition = ? and region_level = ? order by total_rank, region_code",
        edition,
        level,
    ).set_index("region_code")


@pytest.mark.parametrize("name", POSITIVE_TREE_BUILDS)
def test_ties_at_the_tier_cutoffs(edge_builds: dict, name: str) -> None:
    """Twins (identical values) tie at city ranks 5, 10, 18 and 20 and at province rank 6,
    whatever the weighting method: the next region is ranked 2 places lower."""
    with warehouse(edge_builds, name) as connection:
        for edition in TIED_EDITIONS:
            cities = total_ranks(connection, edition, "city")["total_rank"]
            for rank, pair in {**CITY_TIES, 20: JENKS_TOP_N_TIE}.items():
                assert cities[list(pair)].tolist() == [rank, rank], (edition, rank)
                assert (cities == rank + 1).sum() == 0 and (cities == rank + 2).sum() >= 1
        for edition in set(EDITIONS) - {TWO_SCORES_EDITION}:
            provinces = total_ranks(connection, edition, "province")["total_rank"]
            for rank, pair in PROVINCE_TIE.items():
                assert provinces[list(pair)].tolist() == [rank, rank], edition
                assert (provinces == rank + 1).sum() == 0


@pytest.mark.parametrize("name", POSITIVE_TREE_BUILDS)
def test_tiers_keep_ties_together(edge_builds: dict, name: str) -> None:
    build = by_name(name)
    with warehouse(edge_builds, name) as connection:
        for edition in TIED_EDITIONS:
            cities = total_ranks(connection, edition, "city")
            provinces = total_ranks(connection, edition, "province")
            tiers = cities["tier"]
            if build.settings.tier_method == "rank_cutoffs":
                # ranks <= 5 (six cities: the tie at 5), 6-10, 11-18 (with the tie at 18)
                assert tiers.value_counts().sort_index().to_dict() == {1: 6, 2: 5, 3: 8}
                assert tiers[list(JENKS_TOP_N_TIE)].isna().all()
                assert provinces["tier"].value_counts().to_dict() == {1: 7}
                assert set(provinces.index[provinces["tier"] == 1]) >= set(PROVINCE_TIE[6])
            else:
                # every region ranked <= 20: 21 cities with the tie at 20
                assert tiers.notna().sum() == 21
                # a break falls right after the tie at rank 5
                first, second = CITY_TIES[5]
                assert tiers[first] == tiers[second]
                next_city = cities.index[cities["total_rank"] == 7][0]
                assert tiers[next_city] == tiers[first] + 1
            for first, second in [*CITY_TIES.values(), JENKS_TOP_N_TIE]:
                assert wc.same_value(tiers[first], tiers[second]), (edition, first, second)


@pytest.mark.parametrize("name", POSITIVE_TREE_BUILDS)
def test_two_distinct_scores(edge_builds: dict, name: str) -> None:
    """Edition 2020: twins at rank 1, every other region at rank 3. Natural breaks cannot make 3
    tiers without splitting the tie (the split into [x], [x], [0 …] costs 0 too): 2 tiers, every
    region tiered as all rank <= 20. Rank cutoffs: ranks 1 and 3 are both within the first."""
    tier_method = by_name(name).settings.tier_method
    with warehouse(edge_builds, name) as connection:
        for level, twins in (("city", TWO_SCORES_CITIES), ("province", TWO_SCORES_PROVINCES)):
            regions = total_ranks(connection, TWO_SCORES_EDITION, level)
            assert regions.loc[list(twins), "total_rank"].tolist() == [1, 1]
            assert set(regions["total_rank"].drop(list(twins))) == {3}
            expected = [1] * len(regions)
            if tier_method == "jenks":
                expected = [1 if code in twins else 2 for code in regions.index]
            assert regions["tier"].tolist() == expected, level


def weights(connection: duckdb.DuckDBPyConnection, edition: int) -> pd.DataFrame:
    return query(
        connection,
        "select region_level, node_code, weight, is_informative from fct_weights where edition = ?",
        edition,
    ).set_index(["region_level", "node_code"])


@pytest.mark.parametrize("name", BUILD_NAMES)
def test_uninformative_children(edge_builds: dict, name: str) -> None:
    with warehouse(edge_builds, name) as connection:
        first, second = weights(connection, 2022), weights(connection, 2023)
        every = [weights(connection, edition) for edition in EDITIONS]
    shares = {"patents": 0.5, "software_copyrights": 0.5}
    if by_name(name).settings.weighting_method == "expert":
        expert = ir.load_reference_data().expert_weights
        total = expert["patents"] + expert["software_copyrights"]
        shares = {indicator: expert[indicator] / total for indicator in shares}
    for level in ("province", "city"):
        # edition 2022: no data exchange anywhere (constant): weight 0
        assert first.loc[(level, "data_exchanges")].tolist() == [0.0, False]
        # no policy at all: every child uninformative, equal weights
        for indicator in ("industry_policies", "laws_regulations"):
            assert first.loc[(level, indicator)].tolist() == [0.5, False]
        # ... so policy_environment is constant, and service_environment the one informative child
        assert first.loc[(level, "policy_environment")].tolist() == [0.0, False]
        assert first.loc[(level, "service_environment")].tolist() == [1.0, True]
        # edition 2023: laws still absent; industry_policies the one informative child
        assert second.loc[(level, "industry_policies")].tolist() == [1.0, True]
        assert second.loc[(level, "laws_regulations")].tolist() == [0.0, False]
        # identical siblings (CRITIC: every raw weight 0): equal weights but for expert's
        for frame in every:
            for indicator in ("patents", "software_copyrights"):
                assert frame.loc[(level, indicator)].tolist() == pytest.approx(
                    [shares[indicator], True]
                )


@pytest.mark.parametrize("name", BUILD_NAMES)
def test_region_without_records(edge_builds: dict, name: str) -> None:
    with warehouse(edge_builds, name) as connection:
        for level, code in NO_RECORD.items():
            values = query(
                connection,
                "select edition, indicator_code, raw_value, normalized_value"
                " from fct_indicator_values where region_level = ? and region_code = ?",
                level,
                code,
            )
            assert len(values) == 18 * len(EDITIONS)
            assert (values["raw_value"] == 0).all()
            negative = values["indicator_code"] == NEGATIVE_INDICATOR
            if by_name(name).positive_tree:
                assert (values["normalized_value"] == 0).all()
            else:  # the worst value of a negative indicator is its maximum: 0 is the best
                informative = negative & (values["edition"] == 2025)
                assert (values.loc[informative, "normalized_value"] == 1).all()
                assert (values.loc[~informative, "normalized_value"] == 0).all()


@pytest.mark.parametrize("name", BUILD_NAMES)
def test_editions_are_the_data_years_present(edge_builds: dict, name: str) -> None:
    with warehouse(edge_builds, name) as connection:
        index = query(connection, "select edition, total_rank_change from fct_index")
        years = query(connection, "select distinct edition, data_year from fct_indicator_values")
    assert sorted(index["edition"].unique()) == list(EDITIONS)
    assert (years["edition"] == years["data_year"] + 1).all()
    assert len(index) == len(EDITIONS) * 368
    change = index.set_index("edition")["total_rank_change"]
    assert change.loc[[2020, 2022, 2025]].isna().all()  # no edition 2019, 2021 or 2024
    assert change.loc[2023].notna().all()
    assert (change.loc[2023] > 0).any() and (change.loc[2023] < 0).any()


def raw_value(connection, edition: int, level: str, code: str, indicator: str) -> float:
    (value,) = connection.execute(
        "select raw_value from fct_indicator_values where edition = ? and region_level = ?"
        " and region_code = ? and indicator_code = ?",
        [edition, level, code, indicator],
    ).fetchone()
    return value


@pytest.mark.parametrize("name", ["defaults", "equal_parquet"])
def test_raw_values_by_hand(edge_builds: dict, name: str) -> None:
    """Region resolution and the active-at rules, counted by hand (README)."""
    expected = [
        # market_entities: enterprises established on the as-of date count, those ended on it not
        (2022, "city", "110000", "market_entities", 33),
        (2023, "city", "110000", "market_entities", 32),
        (2025, "city", "110000", "market_entities", 31),
        (2025, "province", "110000", "market_entities", 31),  # a municipality at both levels
        (2023, "city", "420100", "market_entities", 12),
        (2023, "province", "420000", "market_entities", 18),  # + 仙桃 (429004), province only
        (2023, "province", "410000", "market_entities", 18),  # + 济源 (419001)
        (2023, "city", "330700", "market_entities", 4),  # 义乌 (330782) is in 金华
        (2023, "city", "500000", "market_entities", 5),  # a county of 重庆 is 重庆
        (2023, "province", "120000", "market_entities", 10),
        (2022, "city", "520100", "market_entities", 0),  # 贵阳: established in 2022
        (2020, "city", "440100", "market_entities", 21),  # only 广州 and 南京 before 2020
        (2020, "city", "110000", "market_entities", 0),
        # data exchanges: municipality province code, district, province code on the as-of date
        (2022, "province", "310000", "data_exchanges", 0),
        (2023, "city", "310000", "data_exchanges", 1),
        (2023, "city", "440300", "data_exchanges", 1),
        (2023, "province", "440000", "data_exchanges", 1),
        (2023, "city", "330100", "data_exchanges", 0),
        (2023, "province", "330000", "data_exchanges", 1),
        # sums where the flag holds only; empty numbers count 0; events in the data year only
        # 北京 in data year 2022: 30 enterprises, 15 listed, 10 unicorns, 10 financed; BJ-X1
        (2023, "city", "110000", "financing_total", 1.5 * 55 + 0.25 * 10 + 2 * 12.5),
        (2023, "city", "110000", "listed_market_cap", 2.5 * 120 + 1234.5),
        (2023, "city", "110000", "listed_tech_staff", 50 * 120 + 7 * 15),
        (2023, "city", "110000", "unicorn_valuation", sum(40 + 3 * k for k in range(1, 11))),
        (2023, "city", "110000", "industry_policies", 8),  # one repealed after the as-of date
        (2025, "city", "110000", "industry_policies", 7),
        (2022, "city", "110000", "universities_with_bigdata_major", 6),
        (2023, "city", "110000", "universities_with_bigdata_major", 7),
        (2023, "city", "110000", "alliances_associations", 5),
        (2025, "city", "110000", "alliances_associations", 4),  # dissolved on the as-of date
    ]
    with warehouse(edge_builds, name) as connection:
        found = [(*row[:4], raw_value(connection, *row[:4])) for row in expected]
    assert found == [(*row[:4], pytest.approx(row[4])) for row in expected]


def test_negative_indicator_in_the_tree(edge_builds: dict) -> None:
    with warehouse(edge_builds, "negative_tree") as connection:
        directions = dict(
            connection.execute("select node_code, direction from dim_indicator_tree").fetchall()
        )
        laws = query(
            connection,
            "select edition, region_level, raw_value, normalized_value from fct_indicator_values"
            " where indicator_code = ? and edition = 2025",
            NEGATIVE_INDICATOR,
        )
    assert directions[NEGATIVE_INDICATOR] == "negative"
    assert sum(direction == "negative" for direction in directions.values()) == 1
    for _, level in laws.groupby("region_level"):
        top = level["raw_value"] == level["raw_value"].max()
        assert (level.loc[top, "normalized_value"] == 0).all()
        assert (level.loc[level["raw_value"] == 0, "normalized_value"] == 1).all()


@pytest.mark.parametrize("name", BUILD_NAMES)
def test_circle_methods(edge_builds: dict, name: str) -> None:
    """长三角 has the most members, 珠三角 the strongest average: the two methods disagree."""
    method = by_name(name).settings.circle_method
    with warehouse(edge_builds, name) as connection:
        leader = connection.execute(
            "select circle_code from fct_circle_scores"
            " where edition = 2025 and node_code = 'total' and score_rank = 1"
        ).fetchall()
    assert leader == [("yangtze_river_delta",) if method == "sum" else ("pearl_river_delta",)]
