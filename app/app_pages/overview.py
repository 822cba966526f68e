"""总览 Overview: headline figures, the ranking with rank change and tier, a map of the total."""

from __future__ import annotations

import altair as alt
import streamlit as st

from app import charts, queries, report_download, ui
from app.i18n import lang, t

TOP = 20

ui.page_title("overview")
left, right, _ = st.columns([1, 1, 2])
edition = ui.edition_select(left)
level = ui.level_select(right)

# The total rank change as the report reads it: against the published previous edition where
# that was published (`main`), with the recomputed one beside it (`beside`).
ranking, (main, *beside) = ui.total_rank_changes(queries.index_table(edition, level), edition)
ranking = ranking.assign(
    name=ui.region_names(ranking),
    change=ranking[main].map(ui.rank_change_label),
    **{f"{column}_text": ranking[column].map(ui.rank_change_label) for column in beside},
    tier_text=ranking["tier"].map(ui.tier_label),
)

# Headline figures ----------------------------------------------------------------------------
leader = ranking.iloc[0]
overall = queries.node_score_statistics(edition, level)
previous = queries.node_score_statistics(edition - 1, level)
first_tier_statistics = queries.node_score_statistics(edition, level, "tier", "1")
mean_score = overall.loc["total", "mean_score"]
first_tier_count = (
    int(first_tier_statistics.loc["total", "region_count"]) if len(first_tier_statistics) else 0
)
first_tier = ranking[ranking["tier"] == 1]
climbers = ranking[(ranking["total_rank"] <= 50) & (ranking[main] > 0)]
best = climbers.sort_values(
    [main, "total_rank", "region_code"], ascending=[False, True, True]
).head(1)

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
    delta=(f"{mean_score - previous.loc['total', 'mean_score']:+.2f}" if len(previous) else None),
)
if len(best):
    cols[2].metric(
        t("overview.top_climber"),
        best["name"].iloc[0],
        delta=t("overview.places_up", places=int(best[main].iloc[0])),
    )
else:
    cols[2].metric(t("overview.top_climber"), "–")
cols[3].metric(
    t("overview.first_tier"),
    t("overview.region_count", count=first_tier_count, level=t(f"levelword.{level}")),
)
st.caption(
    t("overview.first_tier_members", names=t("list.separator").join(first_tier["name"].tolist()))
    if first_tier_count
    else ""
)

# Map and top regions ---------------------------------------------------------------------------
map_column, top_column = st.columns([3, 2])
with map_column:
    st.subheader(t("overview.map_title", edition=edition, level=t(f"levelword.{level}")))
    texts = [f"{column}_text" for column in beside]
    values = ranking[["region_code", "name", "total_score", "total_rank", "change", *texts]]
    chart, datasets = charts.choropleth(
        values,
        level,
        "total_score",
        t("col.total_score"),
        tooltip=[
            alt.Tooltip("name:N", title=t("col.region_name")),
            alt.Tooltip("total_score:Q", title=t("col.total_score"), format=".2f"),
            alt.Tooltip("total_rank:Q", title=t("col.total_rank")),
            alt.Tooltip("change:N", title=ui.rank_change_title(main)),
            *(alt.Tooltip(f"{c}_text:N", title=ui.col_label(c)) for c in beside),
        ],
        height=520,
    )
    ui.chart(chart, datasets, key="overview_map")
with top_column:
    st.subheader(t("overview.top_title", top=TOP, level=t(f"levelword.{level}")))
    ui.chart(
        charts.ranked_bars(
            ranking.head(TOP),
            "name",
            "total_score",
            t("col.total_score"),
            label_field="change",
            language=lang(),
        ),
        key="overview_top",
    )

# Ranking -------------------------------------------------------------------------------------
st.subheader(t("overview.ranking_title", level=t(f"levelword.{level}")))
columns = ["total_rank", "name", "change", *texts, "tier_text", "total_score"]
if level == "city":
    columns.insert(2, "province_name")
for dimension in queries.DIMENSIONS:
    columns += [f"{dimension}_score", f"{dimension}_rank"]
table = ranking[columns].rename(
    columns={
        "name": "region_name",
        "change": main,
        **{f"{column}_text": column for column in beside},
        "tier_text": "tier",
    }
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
ui.rank_change_notes(edition, level)

# The report document (Word and PDF) of this edition -------------------------------------------
report_download.offer(edition)
