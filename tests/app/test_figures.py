"""The report's numbered figures and tables (app/figures): each one builds from the public tables
through a plain read-only DuckDB connection, in both languages, without Streamlit, and renders
offline; each selects what the report selects."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import vl_convert

from app.figures import FIGURES, Rendered, chapter2, numbered
from app.figures.data import DuckDBReader

Sql = Callable[..., list[tuple[Any, ...]]]
CATALOGUE = [
    "tab1-1",
    "tab2-1",
    "fig2-1",
    "tab2-2",
    "fig2-2",
    "fig2-3",
    "fig2-4",
    "fig2-5",
    "fig2-6",
    "fig2-7",
    "fig2-8",
    "fig2-9",
    "fig2-10",
    "tab2-3",
    *(f"fig3-{number}" for number in range(1, 16)),
]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def reader(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DuckDBReader]:
    """The report document's kind of reader: a plain read-only connection (to a copy, so that
    the viewer's differently configured connections to the warehouse never meet it)."""
    copy = tmp_path_factory.mktemp("figures") / "warehouse.duckdb"
    shutil.copyfile(warehouse, copy)
    opened = DuckDBReader.open(copy)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def built(reader: DuckDBReader, latest_edition: int) -> Callable[[str, str], Rendered]:
    cache: dict[tuple[str, str], Rendered] = {}

    def build(figure_id: str, language: str = "zh") -> Rendered:
        if (figure_id, language) not in cache:
            cache[figure_id, language] = FIGURES[figure_id].build(reader, latest_edition, language)
        return cache[figure_id, language]

    return build


def test_the_catalogue_is_the_reports_chapters_1_to_3_in_order() -> None:
    ours = [figure_id for figure_id in FIGURES if FIGURES[figure_id].chapter in ("1", "2", "3")]
    assert ours == CATALOGUE


def test_figures_do_not_import_streamlit() -> None:
    """The report document renders the figures without Streamlit."""
    check = "import sys, app.figures; assert 'streamlit' not in sys.modules, 'streamlit'"
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("figure_id", CATALOGUE)
def test_every_figure_builds_and_renders_offline(
    built: Callable[[str, str], Rendered], figure_id: str, language: str
) -> None:
    figure = FIGURES[figure_id]
    rendered = built(figure_id, language)
    assert rendered.caption.startswith(numbered(figure, language) + " ")
    assert len(rendered.caption) > len(numbered(figure, language)) + 4
    assert len(rendered.data) > 0 and len(rendered.data.columns) > 0
    if figure.kind == "table":
        assert rendered.spec is None and rendered.image is None
        return
    assert rendered.spec is not None
    if language == "zh":  # one picture per figure, offline (no browser, no network)
        png = vl_convert.vegalite_to_png(rendered.spec, scale=0.5)
        assert png.startswith(PNG_MAGIC) and len(png) > 2000
    else:
        assert vl_convert.vegalite_to_vega(rendered.spec)["marks"]


def test_captions_state_the_selection(built: Callable[[str, str], Rendered]) -> None:
    for figure_id in ("fig3-2", "fig3-3", "fig3-4"):
        assert "产业水平前 20 名城市" in built(figure_id, "zh").caption
        assert "top 20 cities by industry level" in built(figure_id, "en").caption
    assert "上市企业数量前 20 名城市" in built("fig3-10", "zh").caption
    assert "by number of listed enterprises" in built("fig3-10", "en").caption


# --------------------------------------------------------------------------------------------
# The report's selections, recounted from the warehouse
# --------------------------------------------------------------------------------------------


def _codes(rows: list[tuple[Any, ...]]) -> list[str]:
    return [str(row[0]) for row in rows]


@pytest.mark.parametrize("figure_id", ["fig3-2", "fig3-3", "fig3-4"])
def test_enterprise_figures_show_the_industry_level_top_20_cities(
    built: Callable[[str, str], Rendered], sql: Sql, latest_edition: int, figure_id: str
) -> None:
    expected = sql(
        "select region_code from fct_index where edition = ? and region_level = 'city' "
        "order by industry_level_rank, region_code limit 20",
        (latest_edition,),
    )
    data = built(figure_id, "zh").data
    assert data["region_code"].tolist() == _codes(expected)
    assert len(data) == 20


def test_tech_staff_figure_shows_the_top_20_cities_by_listed_enterprises(
    built: Callable[[str, str], Rendered], sql: Sql, latest_edition: int
) -> None:
    expected = sql(
        "select staff.region_code, staff.raw_value from fct_indicator_values as listed "
        "join fct_indicator_values as staff using (edition, region_level, region_code) "
        "where listed.edition = ? and listed.region_level = 'city' "
        "and listed.indicator_code = 'listed_enterprises' "
        "and staff.indicator_code = 'listed_tech_staff' "
        "order by listed.value_rank, listed.region_code limit 20",
        (latest_edition,),
    )
    data = built("fig3-10", "zh").data
    assert data["region_code"].tolist() == _codes(expected)
    assert data["listed_tech_staff"].tolist() == pytest.approx([value for _, value in expected])


@pytest.mark.parametrize(
    ("figure_id", "node"),
    [
        ("fig3-1", "industry_level"),
        ("fig3-7", "industry_innovation"),
        ("fig3-11", "industry_environment"),
    ],
)
def test_dimension_top_20_with_the_dimensions_rank_change(
    built: Callable[[str, str], Rendered], sql: Sql, latest_edition: int, figure_id: str, node: str
) -> None:
    expected = sql(
        f"select {node}_rank, {node}_rank_change from fct_index "
        f"where edition = ? and region_level = 'city' order by {node}_rank, region_code limit 20",
        (latest_edition,),
    )
    data = built(figure_id, "zh").data
    assert data["score_rank"].tolist() == [rank for rank, _ in expected]
    marks = [
        "" if change is None else "▲" if change > 0 else "▼" if change < 0 else "–"
        for _, change in expected
    ]
    assert [text[:1] for text in data["rank_change"]] == marks
    assert any(change is not None for _, change in expected), (
        "the latest edition has a previous one"
    )


def test_circle_maps_are_numbered_by_circle_on_one_colour_scale(
    built: Callable[[str, str], Rendered], sql: Sql
) -> None:
    assert chapter2.CIRCLES == (
        "jingjinji",
        "yangtze_river_delta",
        "pearl_river_delta",
        "chengdu_chongqing",
    )
    domains = []
    for number, circle in enumerate(chapter2.CIRCLES):
        rendered = built(f"fig2-{7 + number}", "zh")
        members = sql("select region_code from dim_circle_members where circle_code = ?", (circle,))
        assert sorted(rendered.data["region_code"]) == sorted(_codes(members))
        name = sql(
            "select any_value(circle_name) from dim_circle_members where circle_code = ?", (circle,)
        )
        assert name[0][0] in rendered.caption
        (color,) = [
            layer["encoding"]["color"]
            for layer in rendered.spec["layer"]
            if "color" in layer.get("encoding", {})
        ]
        domains.append(color["scale"]["domain"])
    assert len(domains[0]) >= 3
    assert all(domain == domains[0] for domain in domains)


def test_table_2_2_has_the_views_columns_and_the_dimension_rank_changes(
    built: Callable[[str, str], Rendered], sql: Sql, latest_edition: int
) -> None:
    columns = [
        name
        for (name,) in sql(
            "select column_name from information_schema.columns "
            "where table_name = 'rpt_table_2_2_top_cities' and column_name <> 'edition' "
            "order by ordinal_position"
        )
    ]
    data = built("tab2-2", "zh").data
    assert sorted(data.columns) == sorted(columns)
    for node in ("industry_level", "industry_innovation", "industry_environment"):
        assert f"{node}_rank_change" in data.columns
    expected = sql(
        "select region_code, industry_environment_rank_change from rpt_table_2_2_top_cities "
        "where edition = ? order by total_rank",
        (latest_edition,),
    )
    assert data["region_code"].tolist() == _codes(expected)
    assert data["industry_environment_rank_change"].tolist() == [
        ""
        if change is None
        else f"▲{change}"
        if change > 0
        else f"▼{-change}"
        if change < 0
        else "–"
        for _, change in expected
    ]


def test_table_2_1_shows_the_tiers(
    built: Callable[[str, str], Rendered], sql: Sql, latest_edition: int
) -> None:
    expected = sql(
        "select region_code, tier from rpt_table_2_1_top_provinces "
        "where edition = ? order by total_rank",
        (latest_edition,),
    )
    data = built("tab2-1", "zh").data
    assert data["region_code"].tolist() == _codes(expected)
    assert data["tier"].tolist() == [
        "" if tier is None else f"第{tier}梯队" for _, tier in expected
    ]
    assert (data["tier"] == "第1梯队").sum() >= 1


def test_rank_change_figure_shows_where_the_movers_are(
    built: Callable[[str, str], Rendered], sql: Sql, latest_edition: int
) -> None:
    data = built("fig2-2", "en").data
    top = data[data["total_rank"].notna()]
    expected_top = sql(
        "select total_rank_change from fct_index where edition = ? and region_level = 'city' "
        "order by total_rank, region_code limit 20",
        (latest_edition,),
    )
    assert top["total_rank_change"].tolist() == [change for (change,) in expected_top]
    summary = data[data["regions"].notna()].set_index("macro_region")
    counts = sql(
        "select regions.macro_region, count(*) filter (where idx.total_rank <= 20), "
        "count(*) filter (where idx.total_rank_change > 0), "
        "count(*) filter (where idx.total_rank_change < 0) "
        "from fct_index as idx join dim_regions as regions using (region_level, region_code) "
        "where idx.edition = ? and idx.region_level = 'city' group by 1",
        (latest_edition,),
    )
    names = {"east": "East", "central": "Central", "west": "West", "northeast": "Northeast"}
    for macro, in_top, risers, fallers in counts:
        row = summary.loc[names[macro]]
        assert (row["in_top"], row["risers"], row["fallers"]) == (in_top, risers, fallers)
    assert summary["in_top"].sum() == 20
    west = int(summary.loc["West", "in_top"])
    assert f"{west} West" in " ".join(built("fig2-2", "en").notes)


def test_table_1_1_has_both_levels_weights(
    built: Callable[[str, str], Rendered], sql: Sql, latest_edition: int
) -> None:
    data = built("tab1-1", "zh").data.set_index("node_code")
    assert len(data) == 28
    for level in ("city", "province"):
        weights = sql(
            "select node_code, weight, weight_in_total from fct_weights "
            "where edition = ? and region_level = ?",
            (latest_edition, level),
        )
        assert len(weights) == 27
        for node, weight, in_total in weights:
            assert data.loc[node, f"{level}_weight"] == pytest.approx(weight, abs=5e-5)
            assert data.loc[node, f"{level}_weight_in_total"] == pytest.approx(in_total, abs=5e-5)
    leaves = sql("select node_code from dim_indicator_tree where node_level = 3")
    assert data.loc[_codes(leaves), "city_weight_in_total"].sum() == pytest.approx(1.0, abs=1e-3)


def test_tier_figure_names_each_tiers_members(
    built: Callable[[str, str], Rendered], sql: Sql, latest_edition: int
) -> None:
    tiers = sql(
        "select tier, count(*), string_agg(region_name, '、' order by total_rank, region_code) "
        "from fct_index where edition = ? and region_level = 'city' and tier is not null "
        "group by tier order by tier",
        (latest_edition,),
    )
    assert built("fig2-3", "zh").notes == [
        f"第{tier}梯队（{count} 个）：{names}" for tier, count, names in tiers
    ]
    assert len(built("fig2-3", "zh").data) == sum(count for _, count, _ in tiers)
