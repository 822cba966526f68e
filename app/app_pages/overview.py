"""总览 Overview: headline figures, the ranking with rank change and tier, a map of the total."""

from __future__ import annotations

import altair as alt
import streamlit as st

from app import charts, queries, ui
from app.i18n import t

TOP = 20

ui.page_title("overview")
left, right, _ = st.columns([1, 1, 2])
edition = ui.edition_select(left)
level = ui.level_select(right)

ranking = queries.index_table(edition, level)
ranking = ranking.assign(
    name=ui.region_names(ranking),
    change=ranking["total_rank_change"].map(ui.rank_change_label),
    tier_text=ranking["tier"].map(ui.tier_label),
)

# Headline figures ----------------------------------------------------------------------------
leader = ranking.iloc[0]
editions = queries.editions()
previous = queries.index_table(edition - 1, level) if edition - 1 in editions else None
mean_score = ranking["total_score"].mean()
climbers = ranking.dropna(subset=["total_rank_change"])
climbers = climbers[climbers["total_rank"] <= 50]
first_tier = ranking[ranking["tier"] == 1]

cols = st.columns(4)
cols[0].metric(
    t("overview.leader"),
    leader["name"],
    delta=t("overview.score_value", score=leader["total_score"]),
    delta_color="off",
)
cols[1].metric(
    t("overview.mean_score"),
    f"{mean_score:.2f}",
    delta=(f"{mean_score - previous['total_score'].mean():+.2f}" if previous is not None else None),
)
if len(climbers) > 0 and climbers["total_rank_change"].max() > 0:
    best = climbers.loc[climbers["total_rank_change"].idxmax()]
    cols[2].metric(
        t("overview.top_climber"),
        best["name"],
        delta=t("overview.places_up", places=int(best["total_rank_change"])),
    )
else:
    cols[2].metric(t("overview.top_climber"), "–")
cols[3].metric(
    t("overview.first_tier"),
    t("overview.region_count", count=len(first_tier), level=t(f"levelword.{level}")),
)
st.caption(
    t("overview.first_tier_members", names=t("list.separator").join(first_tier["name"].tolist()))
    if len(first_tier)
    else ""
)

# Map and top regions ---------------------------------------------------------------------------
map_column, top_column = st.columns([3, 2])
with map_column:
    st.subheader(t("overview.map_title", edition=edition, level=t(f"levelword.{level}")))
    values = ranking[["region_code", "name", "total_score", "total_rank", "change"]]
    chart, datasets = charts.choropleth(
        values,
        level,
        "total_score",
        t("col.total_score"),
        tooltip=[
            alt.Tooltip("name:N", title=t("col.region_name")),
            alt.Tooltip("total_score:Q", title=t("col.total_score"), format=".2f"),
            alt.Tooltip("total_rank:Q", title=t("col.total_rank")),
            alt.Tooltip("change:N", title=t("col.rank_change")),
        ],
        height=520,
    )
    charts.render(chart, datasets, key="overview_map")
with top_column:
    st.subheader(t("overview.top_title", top=TOP, level=t(f"levelword.{level}")))
    charts.render(
        charts.ranked_bars(
            ranking.head(TOP), "name", "total_score", t("col.total_score"), label_field="change"
        ),
        key="overview_top",
    )

# Ranking -------------------------------------------------------------------------------------
st.subheader(t("overview.ranking_title", level=t(f"levelword.{level}")))
columns = ["total_rank", "name", "change", "tier_text", "total_score"]
if level == "city":
    columns.insert(2, "province_name")
for dimension in queries.DIMENSIONS:
    columns += [f"{dimension}_score", f"{dimension}_rank"]
table = ranking[columns].rename(
    columns={"name": "region_name", "change": "total_rank_change", "tier_text": "tier"}
)
formats = {f"{node}_score": ui.number_column(f"{node}_score") for node in queries.DIMENSIONS}
ui.table(
    table,
    f"ranking_{level}_{edition}",
    column_config={
        "region_name": ui.text_column("region_name"),
        "total_score": ui.score_column("total_score"),
        **formats,
    },
    height=420,
)
