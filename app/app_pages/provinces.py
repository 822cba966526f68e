"""省份 Provinces: the report's 表2-1 and the province heat map (图2-1)."""

from __future__ import annotations

import altair as alt
import streamlit as st

from app import charts, queries, ui
from app.i18n import t

ui.page_title("provinces")
left, right = st.columns([1, 3])
edition = ui.edition_select(left)
nodes = ["total", *queries.DIMENSIONS]
tree = queries.indicator_tree().set_index("node_code")
node = ui.node_select(right, tree, key="provinces_node")

index = queries.index_table(edition, "province")
index = index.assign(name=ui.region_names(index))

# 表2-1 ---------------------------------------------------------------------------------------
st.subheader(f"{t('table.prefix', table='2-1')} {t('provinces.table_title', edition=edition)}")
report = queries.report_table("rpt_table_2_1_top_provinces", edition)
if ui.region_name_column() == "region_name_en":
    english = index.set_index("region_code")["region_name_en"]
    report = report.assign(region_name=report["region_code"].map(english))
for column in [c for c in report.columns if c.endswith("rank_change")]:
    report[column] = report[column].map(ui.rank_change_label)
score_columns = {c: ui.number_column(c) for c in report.columns if c.endswith("_score")}
ui.table(report, f"table_2_1_{edition}", score_columns)

# 图2-1 ---------------------------------------------------------------------------------------
node_name = tree.loc[node, ui.node_name_column()]
ui.figure_caption("2-1", "provinces.map_title", edition=edition, node=node_name)
values = index[["region_code", "name", f"{node}_score", f"{node}_rank"]].rename(
    columns={f"{node}_score": "score", f"{node}_rank": "rank"}
)
chart, datasets = charts.choropleth(
    values,
    "province",
    "score",
    node_name,
    tooltip=[
        alt.Tooltip("name:N", title=t("col.region_name")),
        alt.Tooltip("score:Q", title=t("col.score"), format=".2f"),
        alt.Tooltip("rank:Q", title=t("col.score_rank")),
    ],
    scheme="orangered",
)
charts.render(chart, datasets, key="provinces_map")

# Scores of every province, matrix -------------------------------------------------------------
st.subheader(t("provinces.matrix_title", edition=edition))
matrix = index.melt(
    id_vars=["name", "total_rank"],
    value_vars=[f"{code}_score" for code in nodes],
    var_name="node",
    value_name="score",
)
matrix["node"] = (
    matrix["node"]
    .str.removesuffix("_score")
    .map(lambda code: tree.loc[code, ui.node_name_column()])
)
node_order = [tree.loc[code, ui.node_name_column()] for code in nodes]
charts.render(
    charts.heatmap(
        matrix,
        "name",
        "node",
        "score",
        t("col.score"),
        row_order=index.sort_values("total_rank")["name"].tolist(),
        column_order=node_order,
    ),
    key="provinces_matrix",
)
