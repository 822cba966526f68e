"""指标 Indicators: the report's chapter 3, by dimension — its top 20 cities (图3-1, 3-7, 3-11) and
the indicator figures (图3-2–3-15), each dimension's data, and any one indicator explored."""

from __future__ import annotations

import altair as alt
import streamlit as st

from app import charts, queries, ui
from app.figures import FIGURES
from app.figures.common import TOP, Tree
from app.i18n import lang, t

SECTIONS = ("industry_level", "industry_innovation", "industry_environment", "explorer")
# The report's figures of each dimension, in its order.
SECTION_FIGURES = {
    "industry_level": ("fig3-1", "fig3-2", "fig3-3", "fig3-4", "fig3-5", "fig3-6"),
    "industry_innovation": ("fig3-7", "fig3-8", "fig3-9", "fig3-10"),
    "industry_environment": ("fig3-11", "fig3-12", "fig3-13", "fig3-14", "fig3-15"),
}

ui.page_title("indicators")
left, right = st.columns([1, 3])
edition = ui.edition_select(left)
tree = Tree(queries.indicator_tree(), lang())
node_name, titled = tree.name, tree.titled

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

if section in SECTION_FIGURES:
    ui.statements("indicators", edition, section=section)
    for figure in SECTION_FIGURES[section]:
        ui.show_figure(FIGURES[figure], edition)

    # The section's indicators for every city (or province) ------------------------------------
    level = ui.level_select(default="city")
    codes = tree.indicators_of(section)
    frame = queries.indicator_table(edition, level, codes)
    frame = frame.assign(
        region_name=ui.region_names(frame), macro_region=frame["macro_region"].map(ui.macro_label)
    )
    st.subheader(t("indicators.section_data", level=t(f"levelword.{level}")))
    config = {
        code: st.column_config.NumberColumn(titled(code), format="localized") for code in codes
    }
    ui.table(
        frame.sort_values("region_code")[["region_code", "region_name", "macro_region", *codes]],
        f"indicators_{section}_{level}_{edition}",
        config,
        height=300,
    )

else:
    level = ui.level_select(default="city")
    level_word = t(f"levelword.{level}")
    indicators = [code for code in tree.frame.index if tree.frame.loc[code, "node_level"] == 3]
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
        ui.chart(
            charts.ranked_bars(
                detail.head(TOP),
                "name",
                "raw_value",
                titled(code),
                value_format=",.0f",
                language=lang(),
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
        ui.chart(chart, datasets, key="explorer_map")
    table = detail[["value_rank", "region_code", "name", "raw_value", "normalized_value"]]
    ui.table(
        table.rename(columns={"name": "region_name"}),
        f"indicator_{code}_{level}_{edition}",
        {
            "raw_value": st.column_config.NumberColumn(titled(code), format="localized"),
            "normalized_value": ui.number_column("normalized_value", "%.4f"),
        },
        height=360,
    )
