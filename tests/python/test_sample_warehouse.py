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

import os
from pathlib import Path

import duckdb
import index_reference as ir
import pytest
import warehouse_check as wc

ROOT = Path(__file__).resolve().parents[2]
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
def warehouse() -> duckdb.DuckDBPyConnection:
    path = Path(os.environ.get("BDI_WAREHOUSE", ROOT / "warehouse.duckdb"))
    if not path.exists():
        pytest.fail(f"no warehouse at {path}: run `make build` first (`make test` does)")
    con = duckdb.connect(str(path), read_only=True)
    if con.execute("select is_sample_data from build_info").fetchone()[0] is not True:
        pytest.skip(f"{path} was not built from the bundled sample")
    yield con
    con.close()


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
