"""城市 Cities: 表2-2, the top 20's rank changes (图2-2), the tiers (图2-3) and each tier's
dimension scores (图2-4–2-6)."""

from __future__ import annotations

import streamlit as st

from app import charts, queries, ui
from app.i18n import t

TOP = 20

ui.page_title("cities")
left, _ = st.columns([1, 3])
edition = ui.edition_select(left)

index = queries.index_table(edition, "city")
index = index.assign(
    name=ui.region_names(index), change=index["total_rank_change"].map(ui.rank_change_label)
)
top = index[index["total_rank"] <= TOP].sort_values(["total_rank", "region_code"])
tree = queries.indicator_tree().set_index("node_code")

# 表2-2 ---------------------------------------------------------------------------------------
st.subheader(f"{t('table.prefix', table='2-2')} {t('cities.table_title', edition=edition)}")
report = queries.report_table("rpt_table_2_2_top_cities", edition)
if ui.region_name_column() == "region_name_en":
    english = index.set_index("region_code")["region_name_en"]
    report = report.assign(region_name=report["region_code"].map(english))
for column in [c for c in report.columns if c.endswith("rank_change")]:
    report[column] = report[column].map(ui.rank_change_label)
report["tier"] = report["tier"].map(ui.tier_label)
score_columns = {c: ui.number_column(c) for c in report.columns if c.endswith("_score")}
ui.table(report, f"table_2_2_{edition}", score_columns)

# 图2-2 ---------------------------------------------------------------------------------------
ui.figure_caption("2-2", "cities.rank_change_title", top=TOP)
if top["total_rank_change"].notna().any():
    charts.render(
        charts.rank_change_bars(
            top.assign(total_rank_change=top["total_rank_change"].fillna(0)),
            "name",
            "total_rank_change",
        ),
        key="cities_rank_change",
    )
else:
    st.info(t("cities.no_previous"))

# 图2-3 ---------------------------------------------------------------------------------------
tiered = index.dropna(subset=["tier"]).assign(
    tier_text=lambda frame: frame["tier"].map(ui.tier_label)
)
ui.figure_caption("2-3", "cities.tier_title")
if len(tiered):
    charts.render(
        charts.tier_scatter(tiered, "name", "total_rank", "total_score", "tier_text"),
        key="cities_tiers",
    )
else:
    st.info(t("cities.no_tiers"))

# 图2-4 … 2-6 ---------------------------------------------------------------------------------
dimension_names = [tree.loc[code, ui.node_name_column()] for code in queries.DIMENSIONS]
for offset, tier in enumerate(sorted(tiered["tier"].unique())):
    members = tiered[tiered["tier"] == tier].sort_values("total_rank")
    ui.figure_caption(f"2-{4 + offset}", "cities.tier_dimensions_title", tier=ui.tier_label(tier))
    long = members.melt(
        id_vars=["name"],
        value_vars=[f"{code}_score" for code in queries.DIMENSIONS],
        var_name="node",
        value_name="score",
    )
    long["node"] = (
        long["node"]
        .str.removesuffix("_score")
        .map(lambda code: tree.loc[code, ui.node_name_column()])
    )
    charts.render(
        charts.grouped_bars(
            long,
            "name",
            "node",
            "score",
            t("col.score"),
            category_order=members["name"].tolist(),
            group_order=dimension_names,
        ),
        key=f"cities_tier_{int(tier)}",
    )
