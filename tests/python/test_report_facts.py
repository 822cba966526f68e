"""fct_report_facts (docs/analyses.md §6) checked against an independent recount.

Every fact of every edition is counted again with pandas from the public tables
(report_facts_recount.py) and compared with the table: the same rows, value, previous_value and
detail (the names counted, the share). Every statement must contain its value (as printed) and
name the regions or circles it is about. On the bundled sample, the statements reproduce what
the 2025 report writes. The same recount runs on two builds of the edge-case data set (ties,
jenks tiers), reusing the session's edge-case builds (edge_builds.py).
"""

from __future__ import annotations

import os

import duckdb
import pandas as pd
import pytest
import warehouse_check as wc
from edge_builds import run_builds
from report_facts_recount import KEYS, NULL_WITHOUT_PREVIOUS, one_decimal, recount


def published(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return connection.execute("select * from fct_report_facts").df()


def check_against_recount(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    facts = published(connection)
    expected = recount(connection)
    wc.assert_frames_match(
        facts[[*KEYS, "value", "previous_value", "detail"]],
        expected,
        KEYS,
        {},
        ["value", "previous_value", "detail"],
        "fct_report_facts",
    )
    return facts.merge(expected[[*KEYS, "names_en"]], on=KEYS)


def check_statements(facts: pd.DataFrame) -> None:
    """Each statement prints its value and names what it is about, in both languages; the rows
    of one fact are numbered 1..n in reading order."""
    assert facts["statement_zh"].notna().all() and facts["statement_en"].notna().all()
    editions = set(facts["edition"])
    for fact in facts.itertuples():
        key = (fact.edition, fact.fact_code, fact.region_level, fact.group_code)
        if pd.isna(fact.value):
            assert fact.fact_code in NULL_WITHOUT_PREVIOUS and fact.edition - 1 not in editions, key
            continue
        printed = (
            one_decimal(fact.value) if fact.fact_code == "circle_leader" else f"{fact.value:.0f}"
        )
        for statement in (fact.statement_zh, fact.statement_en):
            assert printed in statement, (key, printed, statement)
        detail = fact.detail if isinstance(fact.detail, str) else ""
        names_zh = detail.removeprefix("entries: ").replace("; exits: ", "、").split("、")
        if fact.fact_code.startswith(("top20_by", "top15_by", "cities_", "provinces_with")):
            continue  # the detail is a list the sentence does not repeat, or a share
        for name in names_zh:
            assert name == "none" or name in fact.statement_zh, (key, name, fact.statement_zh)
        for name in fact.names_en:
            assert name in fact.statement_en, (key, name, fact.statement_en)
    orders = facts.groupby(["edition", "fact_code", "region_level"])["group_order"]
    assert (orders.min() == 1).all() and (orders.max() == orders.count()).all()


def test_every_fact_equals_its_recount(warehouse: duckdb.DuckDBPyConnection) -> None:
    facts = check_against_recount(warehouse)
    check_statements(facts)
    codes = set(facts["fact_code"])
    assert len(codes) == 13 and {"top20_by_macro_region", "circle_leader"} <= codes


def test_shares_in_the_statements(warehouse: duckdb.DuckDBPyConnection) -> None:
    facts = published(warehouse)
    shares = facts[
        facts["fact_code"].isin(["cities_with_management_agency", "provinces_with_data_exchange"])
    ]
    assert len(shares) > 0
    for fact in shares.itertuples():
        assert (
            fact.detail.endswith("%")
            and fact.detail in fact.statement_zh
            and fact.detail in fact.statement_en
        )


def test_the_sample_states_what_the_2025_report_states(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    """The report's own sentences on the 2025 edition (synthetic sample calibrated to them)."""
    if warehouse.execute("select is_sample_data from build_info").fetchone()[0] is not True:
        pytest.skip("not built from the bundled sample")
    facts = published(warehouse).set_index(KEYS)

    def fact(code: str, level: str, group: str) -> pd.Series:
        return facts.loc[(2025, code, level, group)]

    agencies = fact("cities_with_management_agency", "city", "all")
    assert (agencies["value"], agencies["detail"]) == (299, "88.7%")
    assert "299个城市设立了大数据管理机构，占337个城市的88.7%" in agencies["statement_zh"]
    unicorns = fact("cities_with_unicorns", "city", "all")
    assert (unicorns["value"], unicorns["previous_value"]) == (28, 24)
    assert "较上年增加4个" in unicorns["statement_zh"]
    exchanges = fact("provinces_with_data_exchange", "province", "all")
    assert (exchanges["value"], exchanges["detail"]) == (27, "87.1%")
    assert fact("top20_by_macro_region", "city", "total:west")["detail"] == "成都、重庆、西安"
    assert fact("top20_retained", "city", "total")["value"] == 20
    beijing = fact("top_rank_streak", "city", "110000")
    assert beijing["value"] == 6 and "北京连续6年" in beijing["statement_zh"]
    first_tier = fact("tier_members", "city", "tier:1")
    assert first_tier["detail"] == "北京、上海、深圳、杭州、广州"
    assert fact("tier_members", "province", "tier:1")["value"] == 6
    assert fact("circle_leader", "city", "total")["detail"] == "长三角"


@pytest.fixture(scope="session")
def edge_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """The edge-case builds of this test session (built once, shared with test_edge_cases)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    return run_builds(base)


@pytest.mark.parametrize("name", ["defaults", "entropy_jenks"])
def test_edge_case_facts_equal_their_recount(edge_builds: dict, name: str) -> None:
    result = edge_builds[name]
    if not result["warehouse"]:
        pytest.fail(f"the {name} build failed:\n{result['log']}")
    with duckdb.connect(result["warehouse"], read_only=True) as connection:
        check_statements(check_against_recount(connection))
