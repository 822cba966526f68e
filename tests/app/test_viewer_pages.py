"""Every page of the viewer, in both languages, checked against the warehouse (AppTest)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from viewer_testing import PAGES, chart_specs, chart_tables, open_page

from app.labels import LABELS

Sql = Callable[..., list[tuple[Any, ...]]]


@pytest.mark.parametrize("english", [False, True], ids=["zh", "en"])
@pytest.mark.parametrize("page", list(PAGES))
def test_page_renders_without_error(app: AppTest, page: str, english: bool) -> None:
    open_page(app, page, english)
    language = "en" if english else "zh"
    assert app.title[0].value == LABELS[language][f"nav.{page}"]
    assert not app.exception
    if page != "sql":
        assert len(chart_specs(app)) >= 1, "every page but the console draws a chart"
    assert len(app.dataframe) >= 1, "every page shows a table"


def test_overview_ranks_every_province_as_the_warehouse_does(
    app: AppTest, sql: Sql, latest_edition: int
) -> None:
    open_page(app, "overview")
    expected = sql(
        "select region_name, total_score from fct_index "
        "where edition = ? and region_level = 'province' order by total_rank, region_code",
        (latest_edition,),
    )
    ranking = app.dataframe[0].value
    assert len(ranking) == 31
    assert ranking["region_name"].tolist() == [name for name, _ in expected]
    assert ranking["total_score"].tolist() == pytest.approx([score for _, score in expected])
    assert app.metric[0].value == expected[0][0]
    mean, first_tier = sql(
        "select max(mean_score) filter (where group_type = 'all'), "
        "coalesce(max(region_count) filter (where group_type = 'tier' and group_code = '1'), 0) "
        "from fct_node_score_statistics "
        "where edition = ? and region_level = 'province' and node_code = 'total'",
        (latest_edition,),
    )[0]
    assert app.metric[1].value == f"{mean:.2f}"
    assert app.metric[3].value.startswith(f"{first_tier} ")
    # The map colours all 31 provinces with their total score.
    map_spec = chart_specs(app)[0]
    assert len(map_spec["datasets"]["geo_province"]) >= 31
    lookups = [
        layer["transform"][0]["from"]["data"]["name"]
        for layer in map_spec["layer"]
        if "transform" in layer
    ]
    values = chart_tables(app)[0][lookups[0]]
    assert len(values) == 31
    assert values["total_score"].max() == pytest.approx(expected[0][1])


def test_edition_and_level_selectors_change_the_ranking(app: AppTest, sql: Sql) -> None:
    open_page(app, "overview")
    oldest = int(sql("select min(edition) from fct_index")[0][0])
    app.selectbox(key="edition").select(oldest).run()
    app.segmented_control(key="level").set_value("city").run()
    assert not app.exception
    expected = sql(
        "select region_name, total_score from fct_index "
        "where edition = ? and region_level = 'city' order by total_rank, region_code",
        (oldest,),
    )
    ranking = app.dataframe[0].value
    assert len(ranking) == len(expected) == 337
    assert ranking["total_score"].iloc[0] == pytest.approx(expected[0][1])
    assert app.metric[0].value == expected[0][0]
    # The choice follows the user to the next page.
    open_page(app, "provinces")
    assert app.selectbox(key="edition").value == oldest


def test_language_switch_shows_english_labels_and_names(
    app: AppTest, sql: Sql, latest_edition: int
) -> None:
    open_page(app, "overview", english=True)
    leader = sql(
        "select regions.region_name_en from fct_index as idx "
        "join dim_regions as regions using (region_level, region_code) "
        "where idx.edition = ? and idx.region_level = 'province' and idx.total_rank = 1",
        (latest_edition,),
    )[0][0]
    assert app.metric[0].label == "Ranked first"
    assert app.metric[0].value == leader
    assert [button.label for button in app.get("download_button")][:2] == [
        "Download CSV",
        "Download Excel",
    ]
    open_page(app, "overview", english=False)
    assert app.metric[0].label == "排名第一"


def test_tables_download_as_csv_and_excel(
    app: AppTest, monkeypatch: pytest.MonkeyPatch, latest_edition: int
) -> None:
    generated: dict[str, Callable[[], Any]] = {}
    original = MediaFileManager.add_deferred

    def record(self: MediaFileManager, data_callable: Any, *args: Any, **kwargs: Any) -> str:
        file_name = kwargs.get("file_name") or (args[2] if len(args) > 2 else None)
        generated[str(file_name)] = data_callable
        return original(self, data_callable, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    open_page(app, "overview")
    stem = f"ranking_province_{latest_edition}"
    csv = pd.read_csv(io.BytesIO(generated[f"{stem}.csv"]()), encoding="utf-8-sig")
    assert len(csv) == 31
    assert csv.columns[:2].tolist() == ["总排名", "地区"]
    workbook = load_workbook(io.BytesIO(generated[f"{stem}.xlsx"]()), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 32  # header + 31 provinces
    assert rows[1][1] == csv.iloc[0, 1]


def test_provinces_page_shows_table_2_1(app: AppTest, sql: Sql, latest_edition: int) -> None:
    open_page(app, "provinces")
    expected = sql(
        "select region_code from rpt_table_2_1_top_provinces where edition = ? order by total_rank",
        (latest_edition,),
    )
    table = app.dataframe[0].value
    assert table["region_code"].tolist() == [code for (code,) in expected]
    assert len(table) == 15


def test_cities_page_shows_table_2_2_and_one_chart_per_tier(
    app: AppTest, sql: Sql, latest_edition: int
) -> None:
    open_page(app, "cities")
    top = sql("select count(*) from rpt_table_2_2_top_cities where edition = ?", (latest_edition,))[
        0
    ][0]
    tiers = sql(
        "select count(distinct tier) from fct_index "
        "where edition = ? and region_level = 'city' and tier is not null",
        (latest_edition,),
    )[0][0]
    assert len(app.dataframe[0].value) == top == 20
    # rank changes (图2-2), tier scatter (图2-3) and one chart per tier (图2-4 …)
    assert len(chart_specs(app)) == 2 + tiers


def test_circles_page_maps_each_circle(app: AppTest, sql: Sql, latest_edition: int) -> None:
    open_page(app, "circles")
    circles = sql("select count(distinct circle_code) from dim_circle_members")[0][0]
    members = sql("select count(*) from dim_circle_members")[0][0]
    assert len(app.dataframe[0].value) == circles == 4  # 表2-3
    maps = [spec for spec in chart_specs(app) if "projection" in spec]
    assert len(maps) == circles
    shapes = sum(
        len(features)
        for spec in maps
        for name, features in spec["datasets"].items()
        if name.startswith("geo_city_")
    )
    assert shapes == members
    assert len(app.dataframe[-1].value) == members


@pytest.mark.parametrize(
    "section", ["industry_level", "industry_innovation", "industry_environment", "explorer"]
)
def test_indicator_sections(app: AppTest, section: str) -> None:
    open_page(app, "indicators")
    app.segmented_control(key="indicators_section").set_value(section).run()
    assert not app.exception, [error.value for error in app.exception]
    assert len(chart_specs(app)) >= 2


def test_indicator_explorer_lists_every_region(app: AppTest, sql: Sql) -> None:
    open_page(app, "indicators")
    app.segmented_control(key="level").set_value("city").run()
    app.segmented_control(key="indicators_section").set_value("explorer").run()
    app.selectbox(key="_indicators_explorer_zh").select("patents").run()
    assert not app.exception
    table = app.dataframe[0].value
    assert len(table) == 337
    edition = app.selectbox(key="edition").value
    best = sql(
        "select max(raw_value) from fct_indicator_values "
        "where edition = ? and region_level = 'city' and indicator_code = 'patents'",
        (edition,),
    )[0][0]
    assert table["raw_value"].iloc[0] == pytest.approx(best)
    ranks = sql(
        "select region_code, value_rank from fct_indicator_values "
        "where edition = ? and region_level = 'city' and indicator_code = 'patents' "
        "order by value_rank, region_code",
        (edition,),
    )
    assert list(zip(table["region_code"], table["value_rank"], strict=True)) == ranks


def test_region_profile_of_a_city(app: AppTest, sql: Sql, latest_edition: int) -> None:
    open_page(app, "profile")
    app.segmented_control(key="level").set_value("city").run()
    app.selectbox(key="_profile_region_city_zh").select("440300").run()  # 深圳
    assert not app.exception
    score, rank = sql(
        "select total_score, total_rank from fct_index "
        "where edition = ? and region_level = 'city' and region_code = '440300'",
        (latest_edition,),
    )[0]
    editions = sql("select count(distinct edition) from fct_index")[0][0]
    cities = sql(
        "select region_count from fct_node_score_statistics where edition = ? "
        "and region_level = 'city' and node_code = 'total' and group_type = 'all'",
        (latest_edition,),
    )[0][0]
    assert app.header[0].value == "深圳"
    assert app.metric[0].value == f"{score:.2f}"
    assert app.metric[1].value == f"{rank} / {cities}" == f"{rank} / 337"
    history, indicators = app.dataframe[0].value, app.dataframe[1].value
    assert len(history) == editions
    # Rank, percentile and national median of each indicator: the warehouse's, as they are.
    expected = pd.DataFrame(
        sql(
            "select vals.value_rank, vals.value_percentile, vals.national_median "
            "from fct_indicator_values as vals "
            "join dim_indicator_tree as tree on vals.indicator_code = tree.node_code "
            "where vals.edition = ? and vals.region_level = 'city' "
            "and vals.region_code = '440300' order by tree.sort_order",
            (latest_edition,),
        ),
        columns=["value_rank", "value_percentile", "national_median"],
    )
    assert len(indicators) == len(expected) == 18
    assert indicators["value_rank"].tolist() == expected["value_rank"].tolist()
    assert indicators["value_percentile"].tolist() == pytest.approx(
        expected["value_percentile"].tolist()
    )
    assert indicators["value_percentile"].between(0, 100).all()
    assert indicators["national_median"].tolist() == pytest.approx(
        expected["national_median"].tolist()
    )


def test_region_profile_compares_with_the_tier_and_the_country(
    app: AppTest, sql: Sql, latest_edition: int
) -> None:
    """The sub-dimension chart: the region, its tier's mean and the national median, each the
    warehouse's number (fct_node_scores, fct_node_score_statistics)."""
    open_page(app, "profile")
    app.segmented_control(key="level").set_value("city").run()
    app.selectbox(key="_profile_region_city_zh").select("440300").run()
    tier = sql(
        "select tier from fct_index "
        "where edition = ? and region_level = 'city' and region_code = '440300'",
        (latest_edition,),
    )[0][0]
    group = "untiered" if tier is None else str(tier)

    def statistic(column: str, group_type: str, group_code: str) -> list[float]:
        rows = sql(
            f"select stats.{column} from fct_node_score_statistics as stats "
            "join dim_indicator_tree as tree on stats.node_code = tree.node_code "
            "where stats.edition = ? and stats.region_level = 'city' and tree.node_level = 2 "
            "and stats.group_type = ? and stats.group_code = ? order by tree.sort_order",
            (latest_edition, group_type, group_code),
        )
        return [value for (value,) in rows]

    own = sql(
        "select scores.score from fct_node_scores as scores "
        "join dim_indicator_tree as tree on scores.node_code = tree.node_code "
        "where scores.edition = ? and scores.region_level = 'city' "
        "and scores.region_code = '440300' and tree.node_level = 2 order by tree.sort_order",
        (latest_edition,),
    )
    (compare,) = [
        frame
        for tables in chart_tables(app)
        for frame in tables.values()
        if {"series", "score"} <= set(frame.columns)
    ]
    series = compare["series"].drop_duplicates().tolist()
    assert len(series) == 3 and series[0] == "深圳" and series[2] == "全国中位数"
    by_series = {name: compare[compare["series"] == name]["score"].tolist() for name in series}
    assert by_series["深圳"] == pytest.approx([score for (score,) in own])
    assert by_series[series[1]] == pytest.approx(statistic("mean_score", "tier", group))
    assert by_series["全国中位数"] == pytest.approx(statistic("median_score", "all", "all"))
    assert len(by_series["全国中位数"]) == 6


def test_methodology_shows_weights_method_and_sample_notice(
    app: AppTest, sql: Sql, latest_edition: int
) -> None:
    open_page(app, "methodology")
    method = sql(
        "select distinct weighting_method from fct_weights "
        "where edition = ? and region_level = 'province'",
        (latest_edition,),
    )
    assert len(method) == 1
    assert any(f"`{method[0][0]}`" in text.value for text in app.markdown)
    tree = app.dataframe[0].value
    assert len(tree) == sql("select count(*) from dim_indicator_tree")[0][0] == 28
    leaves = tree[
        tree["node_code"].isin(
            [
                code
                for (code,) in sql("select node_code from dim_indicator_tree where node_level = 3")
            ]
        )
    ]
    assert leaves["weight_in_total"].sum() == pytest.approx(1.0)
    is_sample = sql("select is_sample_data from build_info")[0][0]
    notices = [error.value for error in app.error if "合成样例数据" in error.value]
    assert bool(notices) == bool(is_sample)


def test_sql_console_runs_a_read_query(app: AppTest, sql: Sql) -> None:
    open_page(app, "sql")
    expected = sql(
        "select count(*) from fct_index where region_level = 'city' and total_rank <= 10"
    )[0][0]
    assert len(app.dataframe[0].value) == expected


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("insert into fct_index select * from fct_index", "不允许 INSERT"),
        ("delete from fct_index", "不允许 DELETE"),
        ("copy fct_index to '/tmp/bdi_leak.csv'", "不允许 COPY"),
        ("attach '/tmp/other.duckdb' as other", "不允许 ATTACH"),
        ("install httpfs", "不允许 LOAD"),
        ("load httpfs", "不允许 LOAD"),
        ("select * from read_csv('/etc/passwd')", "不能读取或写入文件"),
        ("select 1; select 2", "一次只能执行一条语句"),
    ],
)
def test_sql_console_refuses_and_stays_up(app: AppTest, statement: str, message: str) -> None:
    open_page(app, "sql")
    app.text_area(key="sql_text").input(statement)
    app.button[0].click().run()
    assert not app.exception
    assert any(message in error.value for error in app.error), [e.value for e in app.error]
    # The viewer is still up: the next query works.
    app.text_area(key="sql_text").input("select 42 as answer")
    app.button[0].click().run()
    assert not app.error
    assert app.dataframe[0].value["answer"].tolist() == [42]


def test_indicator_page_opens_on_cities(app: AppTest, sql: Sql, latest_edition: int) -> None:
    """Chapter 3 is about cities: the page's first figure is the cities' 产业水平 top 20, whatever
    level the overview left selected."""
    open_page(app, "overview")
    assert app.segmented_control(key="level").value == "province"
    open_page(app, "indicators")
    assert app.subheader[0].value.startswith("图3-1 ")
    assert "城市产业水平" in app.subheader[0].value
    expected = sql(
        "select region_name from fct_index where edition = ? and region_level = 'city' "
        "order by industry_level_rank, region_code limit 20",
        (latest_edition,),
    )
    bars = next(
        frame
        for frame in chart_tables(app)[0].values()
        if {"score_rank", "rank_change"} <= set(frame.columns)
    )
    assert bars["region_name"].tolist() == [name for (name,) in expected]
