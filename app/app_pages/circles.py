"""经济圈 Economic circles: a city heat map of each circle (图2-7–2-10) and 表2-3."""

from __future__ import annotations

import altair as alt
import streamlit as st

from app import charts, queries, ui
from app.i18n import t

ui.page_title("circles")
left, right = st.columns([1, 3])
edition = ui.edition_select(left)
nodes = ["total", *queries.DIMENSIONS]
tree = queries.indicator_tree().set_index("node_code")
node = ui.node_select(right, tree, key="circles_node")
node_name = tree.loc[node, ui.node_name_column()]

scores = queries.circle_scores(edition)
scores = scores.assign(name=scores[ui.circle_name_column()].fillna(scores["circle_name"]))
members = queries.circle_member_scores(edition)
members = members.assign(
    name=ui.region_names(members),
    circle=members[ui.circle_name_column()].fillna(members["circle_name"]),
)

# 表2-3 ---------------------------------------------------------------------------------------
st.subheader(f"{t('table.prefix', table='2-3')} {t('circles.table_title', edition=edition)}")
report = queries.report_table("rpt_table_2_3_circles", edition)
if ui.circle_name_column() == "circle_name_en":
    english = scores.drop_duplicates("circle_code").set_index("circle_code")["name"]
    report = report.assign(circle_name=report["circle_code"].map(english))
for column in [c for c in report.columns if c.endswith("rank_change")]:
    report[column] = report[column].map(ui.rank_change_label)
score_columns = {c: ui.number_column(c) for c in report.columns if c.endswith("score")}
ui.table(report, f"table_2_3_{edition}", score_columns)

# Circles side by side -------------------------------------------------------------------------
st.subheader(t("circles.compare_title", edition=edition))
level_one = scores[scores["node_level"] <= 1].assign(node_name=lambda f: ui.node_names(f))
circle_order = (
    level_one[level_one["node_code"] == "total"].sort_values("score_rank")["name"].tolist()
)
node_order = [tree.loc[code, ui.node_name_column()] for code in nodes]
charts.render(
    charts.grouped_bars(
        level_one,
        "node_name",
        "name",
        "score",
        t("col.score"),
        category_order=node_order,
        group_order=circle_order,
    ),
    key="circles_compare",
)

# 图2-7 … 2-10 --------------------------------------------------------------------------------
circles = (
    scores[scores["node_code"] == "total"]
    .sort_values(["score_rank", "circle_code"])
    .rename(columns={"name": "circle"})[["circle_code", "circle", "score_rank"]]
)
grid = st.columns(2)
for number, circle in enumerate(circles.itertuples(index=False)):
    cell = grid[number % 2]
    in_circle = members[members["circle_code"] == circle.circle_code]
    with cell:
        ui.figure_caption(
            f"2-{7 + number}", "circles.map_title", small=True, circle=circle.circle, node=node_name
        )
        values = in_circle[["region_code", "name", f"{node}_score", f"{node}_rank"]].rename(
            columns={f"{node}_score": "score", f"{node}_rank": "rank"}
        )
        chart, datasets = charts.choropleth(
            values,
            "city",
            "score",
            node_name,
            tooltip=[
                alt.Tooltip("name:N", title=t("col.region_name")),
                alt.Tooltip("score:Q", title=t("col.score"), format=".2f"),
                alt.Tooltip("rank:Q", title=t("circles.national_rank")),
            ],
            height=320,
            codes=set(in_circle["region_code"]),
            scheme="orangered",
        )
        charts.render(chart, datasets, key=f"circle_map_{circle.circle_code}")

# Member cities --------------------------------------------------------------------------------
st.subheader(t("circles.members_title"))
columns = ["circle", "total_rank", "name", "total_score"] + [
    f"{code}_score" for code in queries.DIMENSIONS
]
circle_rank = dict(zip(circles["circle_code"], circles["score_rank"], strict=True))
ordered = members.assign(circle_rank=members["circle_code"].map(circle_rank)).sort_values(
    ["circle_rank", "total_rank", "region_code"]
)
member_table = ordered[columns].rename(columns={"name": "region_name", "circle": "circle_name"})
ui.table(
    member_table,
    f"circle_members_{edition}",
    {
        "total_score": ui.score_column("total_score"),
        **{f"{code}_score": ui.number_column(f"{code}_score") for code in queries.DIMENSIONS},
    },
    height=360,
)
