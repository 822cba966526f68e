"""经济圈 Economic circles: 表2-3, the circles side by side, a map of each circle on one colour
scale (图2-7 京津冀, 2-8 长三角, 2-9 珠三角, 2-10 成渝) and the member cities."""

from __future__ import annotations

import streamlit as st

from app import charts, queries, ui
from app.figures import FIGURES, chapter2
from app.i18n import lang, t

ui.page_title("circles")
left, _ = st.columns([1, 3])
edition = ui.edition_select(left)
nodes = ["total", *queries.DIMENSIONS]
tree = queries.indicator_tree().set_index("node_code")

scores = queries.circle_scores(edition)
scores = scores.assign(name=scores[ui.circle_name_column()].fillna(scores["circle_name"]))
members = queries.circle_member_scores(edition)
members = members.assign(
    name=ui.region_names(members),
    circle=members[ui.circle_name_column()].fillna(members["circle_name"]),
)

ui.statements("circles", edition)
ui.show_figure(FIGURES["tab2-3"], edition)

# Circles side by side -------------------------------------------------------------------------
st.subheader(t("circles.compare_title", edition=edition))
level_one = scores[scores["node_level"] <= 1].assign(node_name=lambda f: ui.node_names(f))
circle_order = (
    level_one[level_one["node_code"] == "total"].sort_values("score_rank")["name"].tolist()
)
node_order = [tree.loc[code, ui.node_name_column()] for code in nodes]
ui.chart(
    charts.grouped_bars(
        level_one,
        "node_name",
        "name",
        "score",
        t("col.score"),
        category_order=node_order,
        group_order=circle_order,
        language=lang(),
    ),
    key="circles_compare",
)

# 图2-7 … 2-10 --------------------------------------------------------------------------------
grid = st.columns(2)
for number, _circle in enumerate(chapter2.CIRCLES):
    with grid[number % 2]:
        ui.show_figure(FIGURES[f"fig2-{7 + number}"], edition, small=True)

# Member cities --------------------------------------------------------------------------------
st.subheader(t("circles.members_title"))
columns = ["circle", "total_rank", "name", "total_score"] + [
    f"{code}_score" for code in queries.DIMENSIONS
]
circle_rank = dict(
    zip(
        scores.loc[scores["node_code"] == "total", "circle_code"],
        scores.loc[scores["node_code"] == "total", "score_rank"],
        strict=True,
    )
)
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
