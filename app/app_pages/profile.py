"""地区画像 Region profile: a province or city across editions, against its tier and the country."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import charts, queries, ui
from app.i18n import lang, t

ui.page_title("profile")
left, middle, right = st.columns([1, 1, 2])
edition = ui.edition_select(left)
level = ui.level_select(middle)

codes, labels = ui.region_options(level)
region = ui.localized_select(
    right,
    t("widget.region"),
    codes,
    labels,
    key=f"profile_region_{level}",
    default="110000",
)

# The total rank change as the report reads it: against the published previous edition where
# that was published (`main`), with the recomputed one beside it (`beside`).
index, (main, *beside) = ui.total_rank_changes(queries.index_table(edition, level), edition)
row = index[index["region_code"] == region]
if row.empty:
    st.info(t("profile.not_ranked"))
    st.stop()
row = row.iloc[0]
name = labels[region].split(" · ")[0]
overall = queries.node_score_statistics(edition, level)
own_tier = row["tier"]
own_tier_statistics = queries.node_score_statistics(
    edition, level, "tier", queries.tier_group(own_tier)
)
st.header(name)
st.page_link(
    "app_pages/robustness.py",
    label=t("robustness.profile_link"),
    icon=":material/insights:",
    query_params={"region": region},
)

cols = st.columns(4)
change = row[main]
cols[0].metric(t("col.total_score"), f"{row['total_score']:.2f}")
cols[1].metric(
    t("col.total_rank"),
    t(
        "profile.rank_of",
        rank=int(row["total_rank"]),
        count=int(overall.loc["total", "region_count"]),
    ),
    delta=(t("profile.places", places=int(change)) if pd.notna(change) and change != 0 else None),
    help=ui.col_label(main) if beside else None,
)
for column in beside:
    cols[1].caption(t("profile.recomputed_change", change=ui.rank_change_label(row[column])))
    if pd.notna(change) and row[column] != change:
        with cols[1]:
            ui.revisions_link(edition, level)
cols[2].metric(t("col.tier"), ui.tier_label(row["tier"]) or t("profile.no_tier"))
cols[3].metric(t("col.macro_region"), ui.macro_label(row["macro_region"]))

# Ranks across editions ----------------------------------------------------------------------
st.subheader(t("profile.history_title"))
history = queries.region_history(level, region)
history = history.assign(node=ui.node_names(history))
node_order = history.drop_duplicates("node_code").sort_values("sort_order")["node"].tolist()
ui.chart(charts.rank_lines(history, "node", node_order, language=lang()), key="profile_history")
wide = history.pivot_table(index="edition", columns="node", values="score_rank", aggfunc="first")
wide = wide[node_order].reset_index().sort_values("edition", ascending=False)
wide.columns.name = None
ui.table(wide, f"profile_{region}_ranks")

# Sub-dimensions against the tier and the country ----------------------------------------------
st.subheader(t("profile.compare_title", edition=edition))
scores = queries.node_scores(edition, level)
series = {
    t("profile.this_region", name=name): scores[scores["region_code"] == region],
    (
        t("profile.tier_mean", tier=ui.tier_label(own_tier))
        if pd.notna(own_tier)
        else t("profile.untiered_mean")
    ): own_tier_statistics.reset_index().rename(columns={"mean_score": "score"}),
    t("profile.national_median"): overall.reset_index().rename(columns={"median_score": "score"}),
}
comparison = pd.concat(
    [
        frame.loc[
            frame["node_level"] == 2, ["node_code", "sort_order", "name_zh", "name_en", "score"]
        ].assign(series=label)
        for label, frame in series.items()
    ],
    ignore_index=True,
).sort_values("sort_order", kind="stable")
comparison["node"] = ui.node_names(comparison)
ui.chart(
    charts.grouped_bars(
        comparison,
        "node",
        "series",
        "score",
        t("col.score"),
        category_order=comparison.drop_duplicates("node_code")["node"].tolist(),
        group_order=list(series),
        height=300,
        language=lang(),
    ),
    key="profile_compare",
)

# Raw indicator values with percentiles ---------------------------------------------------------
st.subheader(t("profile.indicators_title", edition=edition))
values = queries.indicator_values(edition, level)
own = values[values["region_code"] == region].sort_values("sort_order")
own = own.assign(indicator=ui.node_names(own), unit=own["unit"].map(ui.unit_label))
table = own[
    [
        "indicator",
        "unit",
        "raw_value",
        "national_median",
        "value_rank",
        "value_percentile",
        "normalized_value",
    ]
]
ui.table(
    table,
    f"profile_{region}_indicators_{edition}",
    {
        "raw_value": ui.number_column("raw_value", "localized"),
        "national_median": ui.number_column("national_median", "localized"),
        "value_percentile": st.column_config.ProgressColumn(
            ui.col_label("value_percentile"), min_value=0, max_value=100, format="%.0f"
        ),
        "normalized_value": ui.number_column("normalized_value", "%.4f"),
    },
)
