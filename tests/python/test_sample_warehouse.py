"""The published sample warehouse, checked as an analyst would query it.

`make test` builds warehouse.duckdb from the synthetic sample first (BDI_WAREHOUSE names another
file; these tests skip a build that is not the sample). Two kinds of checks:

- the foundation's promise: 368 regions x 18 indicators x 6 editions (the raw values themselves
  are recounted from the raw files, and every index number recomputed, in test_index_engine.py);
- calibration tests of the sample generator: the sample resembles the 2025 report's headline
  (its top five cities, its tiers, its top 15 provinces, 长三角 leading the circles). They test
  the synthetic data, not the engine: they still pass with other weighting methods or with every
  raw value replaced by its square root. The engine is tested by test_index_engine.py and
  test_edge_cases.py.
"""

from __future__ import annotations

import duckdb
import index_reference as ir
import pytest
import warehouse_check as wc

CITY_TIERS = (
    ["北京", "上海", "深圳", "杭州", "广州"],
    ["南京", "合肥", "苏州", "成都", "武汉"],
    ["长沙", "天津", "无锡", "济南", "青岛", "西安", "重庆", "厦门"],
)
PROVINCE_FIRST_TIER = {"北京", "广东", "上海", "江苏", "浙江", "山东"}
TOP_15_PROVINCES = {
    "北京", "广东", "上海", "江苏", "浙江", "山东", "安徽", "福建",
    "四川", "湖北", "河南", "重庆", "湖南", "陕西", "贵州",
}  # fmt: skip


@pytest.fixture(scope="module")
def warehouse(warehouse: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """The published warehouse (conftest.py), when it was built from the bundled sample."""
    if warehouse.execute("select is_sample_data from build_info").fetchone()[0] is not True:
        pytest.skip("the published warehouse was not built from the bundled sample")
    return warehouse


def ranking(con: duckdb.DuckDBPyConnection, level: str, edition: int = 2025) -> list[str]:
    rows = con.execute(
        """
        select region_name
        from fct_index
        where edition = ? and region_level = ?
        order by total_rank, region_code
        """,
        [edition, level],
    ).fetchall()
    return [name for (name,) in rows]


def tiers(con: duckdb.DuckDBPyConnection, level: str, edition: int = 2025) -> dict:
    """{tier: [region names in rank order]} (None: no tier)."""
    rows = con.execute(
        "select tier, region_name from fct_index where edition = ? and region_level = ?"
        " order by total_rank, region_code",
        [edition, level],
    ).fetchall()
    members: dict = {}
    for tier, name in rows:
        members.setdefault(tier, []).append(name)
    return members


def test_every_region_indicator_and_edition_has_a_value(warehouse) -> None:
    counts = warehouse.execute(
        """
        select
            count(*),
            count(raw_value),
            count(distinct edition),
            min(edition),
            max(edition),
            count(distinct region_level || region_code),
            count(distinct indicator_code)
        from fct_indicator_values
        """
    ).fetchone()
    assert counts == (368 * 18 * 6, 368 * 18 * 6, 6, 2020, 2025, 368, 18)


def test_sample_is_labelled_synthetic(warehouse) -> None:
    source = warehouse.execute("select raw_source from build_info").fetchone()[0]
    assert "synthetic" in source


def standing(con: duckdb.DuckDBPyConnection, level: str, edition: int = 2025) -> dict:
    """{region name: its fct_index row of the edition, as a dict}."""
    frame = con.execute(
        "select * from fct_index where edition = ? and region_level = ?", [edition, level]
    ).df()
    return {row["region_name"]: row for row in frame.to_dict("records")}


class TestSampleCalibration:
    """The generator's calibration to the 2025 report, as the default build publishes it."""

    def test_city_headline_of_the_2025_report(self, warehouse) -> None:
        cities = ranking(warehouse, "city")
        first, second, third = CITY_TIERS
        assert cities[:5] == first
        assert set(cities[:10]) == set(first + second)
        assert set(first + second + third) <= set(cities[:20])

    def test_province_headline_of_the_2025_report(self, warehouse) -> None:
        provinces = ranking(warehouse, "province")
        assert provinces[:2] == ["北京", "广东"]
        assert set(provinces[:15]) == TOP_15_PROVINCES

    def test_tiers_of_the_2025_report(self, warehouse) -> None:
        """Default tiers (rank cutoffs 5, 10, 18 for cities, 6 for provinces): the report's
        5 | 5 | 8 cities and its first tier of six provinces."""
        settings = wc.build_settings(warehouse)
        if (settings.tier_method, settings.tier_rank_cutoffs) != (
            "rank_cutoffs",
            ir.DEFAULT_RANK_CUTOFFS,
        ):
            pytest.skip(f"built with other tiers: {settings}")
        cities = tiers(warehouse, "city")
        first, second, third = CITY_TIERS
        assert cities[1] == first
        assert set(cities[2]) == set(second)
        assert set(cities[3]) == set(third)
        assert len(cities[None]) == 337 - 18
        provinces = tiers(warehouse, "province")
        assert set(provinces[1]) == PROVINCE_FIRST_TIER
        assert sorted(provinces, key=str) == [1, None]

    def test_yangtze_river_delta_leads_the_circles(self, warehouse) -> None:
        """By total strength (circle_method sum, the default), as the report reads them."""
        if wc.build_settings(warehouse).circle_method != "sum":
            pytest.skip("built with circle_method mean")
        leaders = warehouse.execute(
            "select node_code, circle_name from fct_circle_scores"
            " where edition = 2025 and score_rank = 1"
            " and node_code in ('total', 'industry_environment')"
        ).fetchall()
        assert sorted(leaders) == [("industry_environment", "长三角"), ("total", "长三角")]

    # The 2025 report's year-on-year statements (2025 vs 2024), as fct_index publishes them;
    # calibrated in bdi/sample/calibration/year_on_year.csv.

    def test_province_rank_changes(self, warehouse) -> None:
        now = standing(warehouse, "province")
        assert (now["上海"]["total_rank"], now["上海"]["total_rank_change"]) == (3, 2)
        assert now["江苏"]["total_rank_change"] == -1
        assert now["浙江"]["total_rank_change"] == -1
        assert (now["安徽"]["total_rank"], now["安徽"]["total_rank_change"]) == (7, 1)
        assert now["河北"]["total_rank_change"] == 4
        assert now["重庆"]["total_rank_change"] == 6 and now["重庆"]["total_rank"] <= 15

    def test_one_central_province_fewer_in_the_top_15(self, warehouse) -> None:
        central = warehouse.execute(
            """
            select edition, count(*)
            from fct_index
            join dim_regions using (region_level, region_code)
            where region_level = 'province' and total_rank <= 15 and macro_region = 'central'
                and edition in (2024, 2025)
            group by edition
            """
        ).fetchall()
        counts = dict(central)
        assert counts[2024] - counts[2025] == 1

    def test_city_top_20_unchanged(self, warehouse) -> None:
        assert set(ranking(warehouse, "city", 2025)[:20]) == set(
            ranking(warehouse, "city", 2024)[:20]
        )

    def test_city_industry_level_and_innovation_changes(self, warehouse) -> None:
        now = standing(warehouse, "city")
        assert now["武汉"]["industry_level_rank_change"] == 3
        xian = now["西安"]
        assert xian["industry_innovation_rank"] == 9
        assert xian["industry_innovation_rank"] + xian["industry_innovation_rank_change"] == 13

    def test_city_industry_environment_changes(self, warehouse) -> None:
        now, before = standing(warehouse, "city"), standing(warehouse, "city", 2024)
        assert now["成都"]["industry_environment_rank"] == 8
        assert before["成都"]["industry_environment_rank"] > 20
        assert now["上海"]["industry_environment_rank"] == 1
        ahead_of_shanghai = before["上海"]["industry_environment_rank"]
        assert before["北京"]["industry_environment_rank"] < ahead_of_shanghai
        assert before["深圳"]["industry_environment_rank"] < ahead_of_shanghai
        for city, change in (("杭州", 4), ("南京", 6), ("长沙", 4)):
            assert now[city]["industry_environment_rank_change"] == change, city

    def test_xian_up_four_places_to_16th(self, warehouse) -> None:
        xian = standing(warehouse, "city")["西安"]
        assert (xian["total_rank"], xian["total_rank_change"]) == (16, 4)

    def test_unicorn_cities_24_to_28(self, warehouse) -> None:
        counts = dict(
            warehouse.execute(
                "select edition, count(*) from fct_indicator_values where region_level = 'city'"
                " and indicator_code = 'unicorns' and raw_value > 0 and edition in (2024, 2025)"
                " group by edition"
            ).fetchall()
        )
        assert (counts[2024], counts[2025]) == (24, 28)
