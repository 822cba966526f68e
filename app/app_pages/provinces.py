"""省份 Provinces: the report's 表2-1 and 图2-1, the statements about provinces, a map of each
dimension and the scores of every province."""

from __future__ import annotations

import streamlit as st

from app import charts, queries, ui
from app.figures import FIGURES, chapter2
from app.i18n import lang, t
from app.warehouse import READER

ui.page_title("provinces")
left, _ = st.columns([1, 3])
edition = ui.edition_select(left)
nodes = ["total", *queries.DIMENSIONS]
tree = queries.indicator_tree().set_index("node_code")

ui.statements("provinces", edition)
ui.show_figure(FIGURES["tab2-1"], edition)
ui.revisions_link(edition, "province")  # where 表2-1's two rank changes differ
ui.show_figure(FIGURES["fig2-1"], edition)

# Each dimension on the map --------------------------------------------------------------------
node = ui.node_select(st, tree, key="provinces_node")
if node != "total":
    ui.show_rendered(
        chapter2.province_map(READER, edition, lang(), node),
        f"province_map_{node}_{edition}",
        key="provinces_map",
    )

# Scores of every province, matrix -------------------------------------------------------------
index = queries.index_table(edition, "province")
index = index.assign(name=ui.region_names(index))
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
ui.chart(
    charts.heatmap(
        matrix,
        "name",
        "node",
        "score",
        t("col.score"),
        row_order=index.sort_values("total_rank")["name"].tolist(),
        column_order=node_order,
        language=lang(),
    ),
    key="provinces_matrix",
)
