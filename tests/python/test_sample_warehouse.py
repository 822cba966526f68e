"""The published sample warehouse, checked as an analyst would query it.

`make test` builds warehouse.duckdb from the synthetic sample first (BDI_WAREHOUSE names another
file). These tests read that file and check:
- the foundation's promise: 368 regions x 18 indicators x 6 editions, and every raw value equal to
  an independent recomputation of the data contract from the raw sample files (index_reference.py);
- the index's headline on the sample (issue 3, item 10): the report's five first-tier cities are the
  top five, its ten first- and second-tier cities the top ten, its eighteen tier cities in the top
  twenty; 北京 first and 广东 second among provinces, and the report's top 15 provinces the top 15.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import index_reference as ir
import numpy as np
import pandas as pd
import pytest

from bdi.contract import RAW_TABLES

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DIR = ROOT / "data" / "sample"
CITY_TIERS = (
    ["北京", "上海", "深圳", "杭州", "广州"],
    ["南京", "合肥", "苏州", "成都", "武汉"],
    ["长沙", "天津", "无锡", "济南", "青岛", "西安", "重庆", "厦门"],
)
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


def test_every_region_indicator_and_edition_has_a_value(warehouse) -> None:
    counts = warehouse.execute(
        """
        select
            count(*),
            count(distinct edition),
            min(edition),
            max(edition),
            count(distinct region_level || region_code),
            count(distinct indicator_code)
        from fct_indicator_values
        """
    ).fetchone()
    assert counts == (368 * 18 * 6, 6, 2020, 2025, 368, 18)


def test_raw_values_follow_the_data_contract(warehouse) -> None:
    raw = {
        table: pd.read_csv(
            SAMPLE_DIR / f"{table}.csv", dtype=str, keep_default_na=False, encoding="utf-8"
        )
        for table in RAW_TABLES
    }
    expected = ir.indicator_values(raw).set_index(
        ["edition", "region_level", "region_code", "indicator_code"]
    )["raw_value"]
    built = (
        warehouse.execute(
            "select edition, region_level, region_code, indicator_code, raw_value "
            "from fct_indicator_values"
        )
        .fetchdf()
        .set_index(["edition", "region_level", "region_code", "indicator_code"])["raw_value"]
    )
    assert len(built) == len(expected)
    joined = pd.concat([built.rename("built"), expected.rename("expected")], axis=1)
    assert joined.notna().all().all(), "regions or indicators differ"
    np.testing.assert_allclose(joined["built"], joined["expected"], rtol=1e-12, atol=1e-9)


def test_city_headline_of_the_2025_report(warehouse) -> None:
    cities = ranking(warehouse, "city")
    first, second, third = CITY_TIERS
    assert cities[:5] == first
    assert set(cities[:10]) == set(first + second)
    assert set(first + second + third) <= set(cities[:20])


def test_province_headline_of_the_2025_report(warehouse) -> None:
    provinces = ranking(warehouse, "province")
    assert provinces[:2] == ["北京", "广东"]
    assert set(provinces[:15]) == TOP_15_PROVINCES


def test_sample_is_labelled_synthetic(warehouse) -> None:
    source = warehouse.execute("select raw_source from build_info").fetchone()[0]
    assert "synthetic" in source
