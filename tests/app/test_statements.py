"""The report's statements (fct_report_facts) above each page's figures, in the current language,
and the facts behind the indicator page's counts; a warehouse without the table shows none.

fct_report_facts is written into a scratch copy of the warehouse here, with a few rows whose
values differ from the warehouse's own counts, so that a count taken from elsewhere fails.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest
from viewer_testing import APP_SCRIPT, open_page

from app.figures import FIGURES, facts
from app.figures.data import DuckDBReader

# (fact_code, region_level, group_code, value, statement_zh, statement_en)
FACTS = [
    (
        "top15_by_macro_region",
        "province",
        "total:east",
        7,
        "前15名省份中东部7个。",
        "Seven of the top 15 provinces are eastern.",
    ),
    (
        "top20_by_macro_region",
        "city",
        "total:west",
        3,
        "前20名城市中西部3个。",
        "Three of the top 20 cities are western.",
    ),
    (
        "top20_by_macro_region",
        "city",
        "total:east",
        14,
        "前20名城市中东部14个。",
        "Fourteen of the top 20 cities are eastern.",
    ),
    (
        "top20_by_macro_region",
        "city",
        "industry_environment:west",
        2,
        "产业环境前20名中西部2个。",
        "Two western cities in the environment top 20.",
    ),
    ("circle_leader", "city", "total", 1, "长三角总指数居首。", "The Yangtze River Delta leads."),
    (
        "cities_with_unicorns",
        "city",
        "all",
        30,
        "30个城市拥有独角兽企业。",
        "30 cities have unicorns.",
    ),
    (
        "cities_with_management_agency",
        "city",
        "all",
        301,
        "301个城市设立大数据管理机构。",
        "301 cities have an agency.",
    ),
    (
        "provinces_with_data_exchange",
        "province",
        "all",
        26,
        "26个省份设立数据交易机构。",
        "26 provinces have a data exchange.",
    ),
    ("some_new_fact", "city", "all", 1, "不属于任何页面。", "Belongs nowhere."),
]


@pytest.fixture
def facts_warehouse(
    warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, latest_edition: int
) -> Iterator[Path]:
    """A copy of the warehouse with a small fct_report_facts, published under BDI_WAREHOUSE."""
    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(warehouse, copy)
    con = duckdb.connect(str(copy))
    con.execute(
        "create or replace table main.fct_report_facts (edition integer, fact_code varchar, "
        "region_level varchar, group_code varchar, value double, previous_value double, "
        "detail varchar, statement_zh varchar, statement_en varchar)"
    )
    for code, level, group, value, zh, en in FACTS:
        con.execute(
            "insert into main.fct_report_facts values (?, ?, ?, ?, ?, null, '', ?, ?)",
            [latest_edition, code, level, group, value, zh, en],
        )
    # an earlier edition's statement never shows on the latest
    con.execute(
        "insert into main.fct_report_facts values (?, 'circle_leader', 'city', 'total', 1, null, "
        "'', '旧版次的陈述。', 'An old statement.')",
        [latest_edition - 1],
    )
    con.close()
    monkeypatch.setenv("BDI_WAREHOUSE", str(copy))
    yield copy


def _statements(at: AppTest) -> list[str]:
    texts = {zh for _, _, _, _, zh, _ in FACTS} | {en for *_, en in FACTS}
    texts |= {"旧版次的陈述。", "An old statement."}
    return [block.value for block in at.markdown if block.value in texts]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("provinces", ["前15名省份中东部7个。"]),
        ("cities", ["前20名城市中东部14个。", "前20名城市中西部3个。"]),
        ("circles", ["长三角总指数居首。"]),
        ("indicators", ["30个城市拥有独角兽企业。"]),
    ],
)
def test_each_page_shows_its_statements(
    facts_warehouse: Path, page: str, expected: list[str]
) -> None:
    at = AppTest.from_file(str(APP_SCRIPT), default_timeout=60).run()
    open_page(at, page)
    assert _statements(at) == expected


def test_statements_follow_the_language_and_the_section(facts_warehouse: Path) -> None:
    at = AppTest.from_file(str(APP_SCRIPT), default_timeout=60).run()
    open_page(at, "cities", english=True)
    assert _statements(at) == [
        "Fourteen of the top 20 cities are eastern.",
        "Three of the top 20 cities are western.",
    ]
    open_page(at, "indicators", english=True)
    at.segmented_control(key="indicators_section").set_value("industry_environment").run()
    assert not at.exception
    assert _statements(at) == [
        "Two western cities in the environment top 20.",
        "301 cities have an agency.",
        "26 provinces have a data exchange.",
    ]


def test_indicator_counts_come_from_the_facts(facts_warehouse: Path, latest_edition: int) -> None:
    """The unicorn, agency and data-exchange counts are the facts' values (the scratch facts
    differ from the warehouse's own counts: 28, 299, 27 in the sample)."""
    reader = DuckDBReader.open(facts_warehouse)
    try:
        unicorns = FIGURES["fig3-4"].build(reader, latest_edition, "zh")
        agencies = FIGURES["fig3-13"].build(reader, latest_edition, "zh")
        exchanges = FIGURES["fig3-15"].build(reader, latest_edition, "en")
    finally:
        reader.close()
    assert "337 个城市中有 30 个拥有独角兽企业" in unicorns.notes[0]
    assert agencies.data["count"].tolist() == [301, 337 - 301]
    assert "301 个设有大数据管理机构，占 89.3%" in agencies.notes[0]
    assert exchanges.notes[0] == "26 of the 31 provinces have a data exchange."


def test_without_the_facts_table_there_are_no_statements(
    warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, latest_edition: int
) -> None:
    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(warehouse, copy)
    con = duckdb.connect(str(copy))
    con.execute("drop table if exists main.fct_report_facts")
    expected = con.execute(
        "select count(*) filter (where raw_value > 0) from fct_indicator_values "
        "where edition = ? and region_level = 'city' and indicator_code = 'management_agencies'",
        [latest_edition],
    ).fetchone()[0]
    con.close()
    monkeypatch.setenv("BDI_WAREHOUSE", str(copy))
    at = AppTest.from_file(str(APP_SCRIPT), default_timeout=60).run()
    for page in ("provinces", "cities", "circles", "indicators"):
        open_page(at, page)
        assert not [caption for caption in at.caption if caption.value == "要点"], page
    reader = DuckDBReader.open(copy)
    try:
        assert facts.statements(reader, latest_edition, "zh", chapter="2") == []
        agencies = FIGURES["fig3-13"].build(reader, latest_edition, "zh")
    finally:
        reader.close()
    assert agencies.data["count"].tolist() == [expected, 337 - expected]


@pytest.mark.parametrize(
    ("fact", "level", "group", "where"),
    [
        ("top20_by_macro_region", "city", "total:west", ("2", "cities", None)),
        (
            "top20_by_macro_region",
            "city",
            "industry_level:east",
            ("3", "indicators", "industry_level"),
        ),
        ("tier_members", "province", "tier:1", ("2", "provinces", None)),
        ("tier_members", "city", "tier:3", ("2", "cities", None)),
        ("largest_rank_rise", "province", "total", ("2", "provinces", None)),
        ("circle_leader", "city", "industry_environment", ("2", "circles", None)),
        (
            "provinces_by_data_exchange_count",
            "province",
            "3+",
            ("3", "indicators", "industry_environment"),
        ),
    ],
)
def test_fact_placements(fact: str, level: str, group: str, where: tuple[str, str, str]) -> None:
    placed = facts.placement(fact, level, group)
    assert placed is not None
    assert (placed.chapter, placed.page, placed.section) == where


def test_unknown_facts_belong_nowhere() -> None:
    assert facts.placement("some_new_fact", "city", "all") is None
