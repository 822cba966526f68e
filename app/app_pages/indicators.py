"""指标 Indicators: each dimension's top 20 (图3-1, 3-7, 3-11) and the views of the individual
indicators (图3-2–3-15)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app import charts, queries, ui
from app.i18n import t

TOP = 20
SECTIONS = ("industry_level", "industry_innovation", "industry_environment", "explorer")

ui.page_title("indicators")
left, middle, right = st.columns([1, 1, 2])
edition = ui.edition_select(left)
level = ui.level_select(middle)
tree = queries.indicator_tree().set_index("node_code")
name_column = ui.node_name_column()


def node_name(code: str) -> str:
    return str(tree.loc[code, name_column])


def unit(code: str) -> str:
    return ui.unit_label(tree.loc[code, "unit"])


def indicators_of(dimension: str) -> list[str]:
    """The indicators under a dimension, in tree order."""
    return [
        code
        for code in tree.index
        if tree.loc[code, "node_level"] == 3
        and tree.loc[tree.loc[code, "parent_code"], "parent_code"] == dimension
    ]


def titled(code: str) -> str:
    """An indicator's name with its unit, for axes and legends."""
    return f"{node_name(code)} ({unit(code)})" if unit(code) else node_name(code)


section = right.segmented_control(
    t("indicators.section"),
    SECTIONS,
    default=SECTIONS[0],
    required=True,
    format_func={
        code: t("indicators.explorer") if code == "explorer" else node_name(code)
        for code in SECTIONS
    }.__getitem__,
    key="indicators_section",
)


def wide_values(edition: int, level: str) -> pd.DataFrame:
    """One row per region, one column per indicator (raw values)."""
    values = queries.indicator_values(edition, level)
    frame = values.pivot_table(
        index=["region_code", "region_name", "region_name_en", "macro_region"],
        columns="indicator_code",
        values="raw_value",
        aggfunc="first",
    ).reset_index()
    frame.columns.name = None
    return frame.assign(
        name=ui.region_names(frame), macro=frame["macro_region"].map(ui.macro_label)
    )


values = wide_values(edition, level)
scores = queries.node_scores(edition, level)
scores = scores.assign(name=ui.region_names(scores))
level_word = t(f"levelword.{level}")


def top_of(frame: pd.DataFrame, column: str, count: int = TOP) -> pd.DataFrame:
    return frame.sort_values([column, "region_code"], ascending=[False, True]).head(count)


def dimension_top(code: str, figure: str) -> None:
    ui.figure_caption(
        figure, "indicators.dimension_top", node=node_name(code), top=TOP, level=level_word
    )
    top = scores[scores["node_code"] == code].sort_values(["score_rank", "region_code"]).head(TOP)
    top = top.assign(change=top["rank_change"].map(ui.rank_change_label))
    charts.render(
        charts.ranked_bars(top, "name", "score", t("col.score"), label_field="change"),
        key=f"top_{code}",
    )


def top_bars(code: str, figure: str) -> None:
    ui.figure_caption(
        figure, "indicators.indicator_top", node=node_name(code), top=TOP, level=level_word
    )
    top = top_of(values, code)
    charts.render(
        charts.ranked_bars(top, "name", code, titled(code), value_format=",.0f", color="#2e86c1"),
        key=f"bars_{code}",
    )


def province_map(code: str, figure: str) -> None:
    ui.figure_caption(figure, "indicators.province_map", node=node_name(code))
    provinces = wide_values(edition, "province")
    chart, datasets = charts.choropleth(
        provinces[["region_code", "name", code]],
        "province",
        code,
        titled(code),
        tooltip=[
            alt.Tooltip("name:N", title=t("col.region_name")),
            alt.Tooltip(f"{code}:Q", title=titled(code), format=",.0f"),
        ],
        height=420,
        scheme="oranges",
        label_format=",.0f",
    )
    charts.render(chart, datasets, key=f"map_{code}")


def section_table(codes: list[str]) -> None:
    st.subheader(t("indicators.section_data", level=level_word))
    frame = values.sort_values("region_code")[["region_code", "name", "macro", *codes]]
    frame = frame.rename(columns={"name": "region_name", "macro": "macro_region"})
    config = {
        code: st.column_config.NumberColumn(titled(code), format="localized") for code in codes
    }
    ui.table(frame, f"indicators_{section}_{level}_{edition}", config, height=300)


if section == "industry_level":
    dimension_top("industry_level", "3-1")

    kinds = ["listed_enterprises", "unicorns", "gazelles", "high_tech_enterprises"]
    ui.figure_caption("3-2", "indicators.kinds_title", top=TOP, level=level_word)
    totals = values.assign(kinds_total=values[kinds].sum(axis=1))
    top = top_of(totals, "kinds_total")
    long = top.melt(id_vars=["name"], value_vars=kinds, var_name="kind", value_name="count")
    long["group_order"] = long["kind"].map(kinds.index)
    long["kind"] = long["kind"].map(node_name)
    charts.render(
        charts.stacked_bars(
            long,
            "name",
            "kind",
            "count",
            t("indicators.enterprises"),
            name_order=top["name"].tolist(),
            group_order=[node_name(code) for code in kinds],
        ),
        key="kinds",
    )

    ui.figure_caption("3-3", "indicators.listed_title", top=TOP, level=level_word)
    top = top_of(values, "listed_market_cap")
    charts.render(
        charts.bars_with_line(
            top,
            "name",
            "listed_enterprises",
            titled("listed_enterprises"),
            "listed_market_cap",
            titled("listed_market_cap"),
        ),
        key="listed",
    )

    ui.figure_caption("3-4", "indicators.unicorn_title", top=TOP, level=level_word)
    top = top_of(values[values["unicorns"] > 0], "unicorn_valuation")
    charts.render(
        charts.bars_with_line(
            top,
            "name",
            "unicorns",
            titled("unicorns"),
            "unicorn_valuation",
            titled("unicorn_valuation"),
        ),
        key="unicorns",
    )
    st.caption(
        t(
            "indicators.unicorn_count",
            count=int((values["unicorns"] > 0).sum()),
            total=len(values),
            level=level_word,
        )
    )

    province_map("financing_total", "3-5")
    top_bars("enterprise_websites", "3-6")
    section_table(indicators_of("industry_level"))

elif section == "industry_innovation":
    dimension_top("industry_innovation", "3-7")

    ui.figure_caption("3-8", "indicators.patents_title", level=level_word)
    bubble = values.assign(ip_total=values["patents"] + values["software_copyrights"])
    bubble = bubble[bubble["ip_total"] > 0]
    charts.render(
        charts.bubbles(
            bubble,
            "name",
            "patents",
            titled("patents"),
            "software_copyrights",
            titled("software_copyrights"),
            "ip_total",
            t("indicators.ip_total"),
            "macro",
            t("col.macro_region"),
        ),
        key="patents",
    )

    province_map("universities_with_bigdata_major", "3-9")
    top_bars("listed_tech_staff", "3-10")
    section_table(indicators_of("industry_innovation"))

elif section == "industry_environment":
    dimension_top("industry_environment", "3-11")
    province_map("industry_policies", "3-12")

    ui.figure_caption("3-13", "indicators.agency_title")
    cities = wide_values(edition, "city")
    with_agency = int((cities["management_agencies"] > 0).sum())
    share = pd.DataFrame(
        {
            "category": [t("indicators.with_agency"), t("indicators.without_agency")],
            "count": [with_agency, len(cities) - with_agency],
        }
    )
    donut_column, text_column = st.columns([2, 1])
    with donut_column:
        charts.render(charts.donut(share, "category", "count"), key="agencies")
    text_column.metric(
        t("indicators.agency_share"),
        f"{with_agency / max(len(cities), 1):.1%}",
        delta=t("indicators.agency_count", count=with_agency, total=len(cities)),
        delta_color="off",
    )

    top_bars("alliances_associations", "3-14")

    ui.figure_caption("3-15", "indicators.exchanges_title")
    provinces = wide_values(edition, "province").sort_values(
        ["data_exchanges", "region_code"], ascending=[False, True]
    )
    charts.render(
        charts.ranked_bars(
            provinces,
            "name",
            "data_exchanges",
            titled("data_exchanges"),
            color_field="macro",
            color_title=t("col.macro_region"),
            value_format=",.0f",
        ),
        key="exchanges",
    )
    st.caption(
        t(
            "indicators.exchange_count",
            count=int((provinces["data_exchanges"] > 0).sum()),
            total=len(provinces),
        )
    )
    section_table(indicators_of("industry_environment"))

else:
    indicators = [code for code in tree.index if tree.loc[code, "node_level"] == 3]
    code = ui.localized_select(
        st,
        t("widget.indicator"),
        indicators,
        {code: node_name(code) for code in indicators},
        key="indicators_explorer",
    )
    detail = queries.indicator_values(edition, level)
    detail = detail[detail["indicator_code"] == code].copy()
    detail["name"] = ui.region_names(detail)
    detail = detail.sort_values(["value_rank", "region_code"])
    bars_column, map_column = st.columns(2)
    with bars_column:
        st.subheader(t("indicators.indicator_top", node=node_name(code), top=TOP, level=level_word))
        charts.render(
            charts.ranked_bars(
                detail.head(TOP), "name", "raw_value", titled(code), value_format=",.0f"
            ),
            key="explorer_bars",
        )
    with map_column:
        st.subheader(t("indicators.explorer_map", node=node_name(code), level=level_word))
        chart, datasets = charts.choropleth(
            detail[["region_code", "name", "raw_value", "normalized_value", "value_rank"]],
            level,
            "raw_value",
            titled(code),
            tooltip=[
                alt.Tooltip("name:N", title=t("col.region_name")),
                alt.Tooltip("raw_value:Q", title=titled(code), format=",.0f"),
                alt.Tooltip("value_rank:Q", title=t("col.value_rank")),
            ],
            height=420,
            scheme="oranges",
            label_format=",.0f",
        )
        charts.render(chart, datasets, key="explorer_map")
    frame = detail[["value_rank", "region_code", "name", "raw_value", "normalized_value"]]
    ui.table(
        frame.rename(columns={"name": "region_name"}),
        f"indicator_{code}_{level}_{edition}",
        {
            "raw_value": st.column_config.NumberColumn(titled(code), format="localized"),
            "normalized_value": ui.number_column("normalized_value", "%.4f"),
        },
        height=360,
    )
