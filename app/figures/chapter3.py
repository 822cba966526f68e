"""Chapter 3 of the report (分项指数): the three dimensions and their indicators, 图3-1 to 3-15.

The chapter is about cities; the indicators the report maps by province (financing, universities,
policies, data exchanges) are province maps or charts. Each caption states what is selected:
图3-2, 3-3 and 3-4 show the 产业水平 (industry level) top 20 cities, 图3-10 the top 20 cities by
number of listed enterprises, 图3-6 and 3-14 the top 20 cities by the indicator itself. The counts
in the notes come from fct_report_facts where the warehouse has the fact, otherwise from
fct_indicator_values (app/figures/data.py); nothing is counted here.
"""

from __future__ import annotations

from functools import partial

import altair as alt
import pandas as pd

from app import charts, maps
from app.figures import data as queries
from app.figures import register
from app.figures.common import (
    TOP,
    Tree,
    define,
    labeller,
    macro_text,
    rank_change_text,
    region_names,
)
from app.figures.facts import fact_value
from app.figures.spec import Figure, Reader, Rendered, caption, vega_spec

KINDS = ("listed_enterprises", "unicorns", "gazelles", "high_tech_enterprises")  # 图3-2


def _named(frame: pd.DataFrame, language: str) -> pd.DataFrame:
    return frame.assign(region_name=region_names(frame, language)).drop(columns="region_name_en")


def _count(
    reader: Reader, edition: int, fact_code: str, level: str, indicator: str
) -> tuple[int, int]:
    """(regions with the indicator above 0, regions): the fact where the warehouse has it (its
    value), the count of fct_indicator_values otherwise."""
    positive, regions = queries.positive_count(reader, edition, level, indicator)
    fact = fact_value(reader, edition, fact_code, level, "all")
    return (int(fact[0]) if fact is not None else positive), regions


def dimension_top(
    node: str, figure: Figure, reader: Reader, edition: int, language: str
) -> Rendered:
    """The top 20 cities of a dimension, with their rank change (图3-1, 3-7, 3-11)."""
    t = labeller(language)
    tree = Tree(queries.indicator_tree(reader), language)
    top = _named(queries.node_top(reader, edition, "city", node, TOP), language)
    frame = pd.DataFrame(
        {
            "score_rank": top["score_rank"],
            "region_name": top["region_name"],
            "score": top["score"].round(2),
            "rank_change": top["rank_change"].map(rank_change_text),
        }
    )
    chart = charts.ranked_bars(
        frame, "region_name", "score", t("col.score"), label_field="rank_change", language=language
    )
    return Rendered(
        caption(figure, language, edition=edition, node=tree.name(node), top=TOP),
        frame,
        vega_spec(chart),
        notes=[t("fig.rank_change.note")],
    )


def _level_top(reader: Reader, edition: int, language: str, indicators: list[str]) -> pd.DataFrame:
    """The 产业水平 top 20 cities (fct_index.industry_level_rank) with the indicators' values."""
    frame = queries.indicator_table(
        reader, edition, "city", indicators, top_by="industry_level", top=TOP
    )
    return _named(frame, language).rename(columns={"selection_rank": "industry_level_rank"})


def figure_3_2(figure: Figure, reader: Reader, edition: int, language: str) -> Rendered:
    t = labeller(language)
    tree = Tree(queries.indicator_tree(reader), language)
    top = _level_top(reader, edition, language, list(KINDS))
    long = top.melt(
        id_vars=["industry_level_rank", "region_name"],
        value_vars=list(KINDS),
        var_name="indicator",
        value_name="count",
    )
    long["group_order"] = long["indicator"].map(KINDS.index)
    long["indicator"] = long["indicator"].map(tree.name)
    chart = charts.stacked_bars(
        long,
        "region_name",
        "indicator",
        "count",
        t("fig.3_2.enterprises"),
        name_order=top["region_name"].tolist(),
        group_order=[tree.name(code) for code in KINDS],
        language=language,
    )
    data = top[["industry_level_rank", "region_code", "region_name", *KINDS]]
    return Rendered(caption(figure, language, edition=edition, top=TOP), data, vega_spec(chart))


def _bars_and_line(
    figure: Figure,
    reader: Reader,
    edition: int,
    language: str,
    bar: str,
    line: str,
    top_by: str,
    notes: list[str],
) -> Rendered:
    tree = Tree(queries.indicator_tree(reader), language)
    frame = queries.indicator_table(reader, edition, "city", [bar, line], top_by=top_by, top=TOP)
    frame = _named(frame, language)
    chart = charts.bars_with_line(
        frame, "region_name", bar, tree.titled(bar), line, tree.titled(line), language=language
    )
    data = frame[["selection_rank", "region_code", "region_name", bar, line]]
    data = data.rename(columns={"selection_rank": f"{top_by}_rank"})
    return Rendered(
        caption(figure, language, edition=edition, top=TOP), data, vega_spec(chart), notes=notes
    )


def figure_3_3(figure: Figure, reader: Reader, edition: int, language: str) -> Rendered:
    return _bars_and_line(
        figure,
        reader,
        edition,
        language,
        "listed_enterprises",
        "listed_market_cap",
        "industry_level",
        [],
    )


def figure_3_4(figure: Figure, reader: Reader, edition: int, language: str) -> Rendered:
    t = labeller(language)
    count, total = _count(reader, edition, "cities_with_unicorns", "city", "unicorns")
    note = t("fig.3_4.note", count=count, total=total)
    return _bars_and_line(
        figure, reader, edition, language, "unicorns", "unicorn_valuation", "industry_level", [note]
    )


def figure_3_10(figure: Figure, reader: Reader, edition: int, language: str) -> Rendered:
    """Tech staff of the top 20 cities by number of listed enterprises (their order)."""
    return _bars_and_line(
        figure,
        reader,
        edition,
        language,
        "listed_tech_staff",
        "listed_enterprises",
        "listed_enterprises",
        [],
    )


def indicator_top(
    indicator: str, figure: Figure, reader: Reader, edition: int, language: str
) -> Rendered:
    """The top 20 cities by one indicator (fct_indicator_values.value_rank): 图3-6, 3-14."""
    tree = Tree(queries.indicator_tree(reader), language)
    frame = _named(
        queries.indicator_table(reader, edition, "city", [indicator], top_by=indicator, top=TOP),
        language,
    )
    data = frame[["selection_rank", "region_code", "region_name", indicator]].rename(
        columns={"selection_rank": "value_rank"}
    )
    chart = charts.ranked_bars(
        data,
        "region_name",
        indicator,
        tree.titled(indicator),
        value_format=",.0f",
        color="#2e86c1",
        language=language,
    )
    return Rendered(caption(figure, language, edition=edition, top=TOP), data, vega_spec(chart))


def province_indicator_map(
    indicator: str, figure: Figure, reader: Reader, edition: int, language: str
) -> Rendered:
    """The provinces coloured by one indicator's raw value: 图3-5, 3-9, 3-12."""
    t = labeller(language)
    tree = Tree(queries.indicator_tree(reader), language)
    frame = _named(queries.indicator_table(reader, edition, "province", [indicator]), language)
    data = frame[["region_code", "region_name", indicator]]
    chart, datasets = maps.choropleth(
        data,
        "province",
        indicator,
        tree.titled(indicator),
        tooltip=[
            alt.Tooltip("region_name:N", title=t("col.region_name")),
            alt.Tooltip(f"{indicator}:Q", title=tree.titled(indicator), format=",.0f"),
        ],
        height=420,
        scheme="oranges",
        label_format=",.0f",
    )
    return Rendered(
        caption(figure, language, edition=edition),
        data,
        vega_spec(chart, datasets),
        notes=[t("fig.map.note")],
    )


def figure_3_8(figure: Figure, reader: Reader, edition: int, language: str) -> Rendered:
    """Patents against software copyrights of every city with either; bubble size = both."""
    t = labeller(language)
    tree = Tree(queries.indicator_tree(reader), language)
    frame = _named(
        queries.indicator_table(reader, edition, "city", ["patents", "software_copyrights"]),
        language,
    )
    frame = frame.assign(
        ip_total=frame["patents"] + frame["software_copyrights"],
        macro_region=frame["macro_region"].map(lambda value: macro_text(value, language)),
    )
    frame = frame[frame["ip_total"] > 0]
    data = frame[
        ["region_code", "region_name", "macro_region", "patents", "software_copyrights", "ip_total"]
    ]
    chart = charts.bubbles(
        data,
        "region_name",
        "patents",
        tree.titled("patents"),
        "software_copyrights",
        tree.titled("software_copyrights"),
        "ip_total",
        t("fig.3_8.ip_total"),
        "macro_region",
        t("col.macro_region"),
        language=language,
    )
    return Rendered(caption(figure, language, edition=edition), data, vega_spec(chart))


def figure_3_13(figure: Figure, reader: Reader, edition: int, language: str) -> Rendered:
    """The share of cities with a big-data management agency (cities_with_management_agency)."""
    t = labeller(language)
    count, total = _count(
        reader, edition, "cities_with_management_agency", "city", "management_agencies"
    )
    data = pd.DataFrame(
        {
            "category": [t("fig.3_13.with_agency"), t("fig.3_13.without_agency")],
            "count": [count, total - count],
        }
    )
    chart = charts.donut(data, "category", "count", language=language)
    share = count / total if total else 0.0
    return Rendered(
        caption(figure, language, edition=edition),
        data,
        vega_spec(chart),
        notes=[t("fig.3_13.note", count=count, total=total, share=share)],
    )


def figure_3_15(figure: Figure, reader: Reader, edition: int, language: str) -> Rendered:
    """Every province's data exchanges, coloured by macro-region (provinces_with_data_exchange)."""
    t = labeller(language)
    tree = Tree(queries.indicator_tree(reader), language)
    frame = _named(
        queries.indicator_table(reader, edition, "province", ["data_exchanges"]), language
    )
    frame = frame.sort_values(["data_exchanges", "region_code"], ascending=[False, True])
    data = frame.assign(
        macro_region=frame["macro_region"].map(lambda value: macro_text(value, language))
    )[["region_code", "region_name", "macro_region", "data_exchanges"]]
    chart = charts.ranked_bars(
        data,
        "region_name",
        "data_exchanges",
        tree.titled("data_exchanges"),
        color_field="macro_region",
        color_title=t("col.macro_region"),
        value_format=",.0f",
        language=language,
    )
    count, total = _count(
        reader, edition, "provinces_with_data_exchange", "province", "data_exchanges"
    )
    return Rendered(
        caption(figure, language, edition=edition),
        data,
        vega_spec(chart),
        notes=[t("fig.3_15.note", count=count, total=total)],
    )


register(
    define("figure", "3-1", "3", partial(dimension_top, "industry_level")),
    define("figure", "3-2", "3", figure_3_2),
    define("figure", "3-3", "3", figure_3_3),
    define("figure", "3-4", "3", figure_3_4),
    define("figure", "3-5", "3", partial(province_indicator_map, "financing_total")),
    define("figure", "3-6", "3", partial(indicator_top, "enterprise_websites")),
    define("figure", "3-7", "3", partial(dimension_top, "industry_innovation")),
    define("figure", "3-8", "3", figure_3_8),
    define(
        "figure", "3-9", "3", partial(province_indicator_map, "universities_with_bigdata_major")
    ),
    define("figure", "3-10", "3", figure_3_10),
    define("figure", "3-11", "3", partial(dimension_top, "industry_environment")),
    define("figure", "3-12", "3", partial(province_indicator_map, "industry_policies")),
    define("figure", "3-13", "3", figure_3_13),
    define("figure", "3-14", "3", partial(indicator_top, "alliances_associations")),
    define("figure", "3-15", "3", figure_3_15),
)
