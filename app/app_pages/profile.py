"""地区画像 Region profile: a province or city across editions, against its tier and the country."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import charts, queries, ui
from app.i18n import t

ui.page_title("profile")
left, middle, right = st.columns([1, 1, 2])
edition = ui.edition_select(left)
level = ui.level_select(middle)

regions = queries.regions(level)
regions = regions.assign(name=ui.region_names(regions))
provinces = queries.regions("province")
province_names = dict(zip(provinces["region_code"], ui.region_names(provinces), strict=True))
labels = {
    region.region_code: (
        region.name
        if level == "province" or region.is_municipality
        else f"{region.name} · {province_names.get(region.province_code, '')}"
    )
    for region in regions.itertuples(index=False)
}
codes = regions["region_code"].tolist()
region = ui.localized_select(
    right,
    t("widget.region"),
    codes,
    labels,
    key=f"profile_region_{level}",
    default="110000",
)

index = queries.index_table(edition, level)
row = index[index["region_code"] == region]
if row.empty:
    st.info(t("profile.not_ranked"))
    st.stop()
row = row.iloc[0]
name = labels[region].split(" · ")[0]
st.header(name)

cols = st.columns(4)
change = row["total_rank_change"]
cols[0].metric(t("col.total_score"), f"{row['total_score']:.2f}")
cols[1].metric(
    t("col.total_rank"),
    t("profile.rank_of", rank=int(row["total_rank"]), count=len(index)),
    delta=(t("profile.places", places=int(change)) if pd.notna(change) and change != 0 else None),
)
cols[2].metric(t("col.tier"), ui.tier_label(row["tier"]) or t("profile.no_tier"))
cols[3].metric(t("col.macro_region"), ui.macro_label(row["macro_region"]))

# Ranks across editions ----------------------------------------------------------------------
st.subheader(t("profile.history_title"))
history = queries.region_history(level, region)
history = history.assign(node=ui.node_names(history))
node_order = history.drop_duplicates("node_code").sort_values("sort_order")["node"].tolist()
charts.render(charts.rank_lines(history, "node", node_order), key="profile_history")
wide = history.pivot_table(index="edition", columns="node", values="score_rank", aggfunc="first")
wide = wide[node_order].reset_index().sort_values("edition", ascending=False)
wide.columns.name = None
ui.table(wide, f"profile_{region}_ranks")

# Sub-dimensions against the tier and the country ----------------------------------------------
st.subheader(t("profile.compare_title", edition=edition))
scores = queries.node_scores(edition, level)
subdimensions = scores[scores["node_level"] == 2].merge(
    index[["region_code", "tier"]], on="region_code", how="left"
)
own_tier = row["tier"]
same_tier = (
    subdimensions[subdimensions["tier"] == own_tier]
    if pd.notna(own_tier)
    else subdimensions[subdimensions["tier"].isna()]
)
series = {
    t("profile.this_region", name=name): subdimensions[subdimensions["region_code"] == region],
    (
        t("profile.tier_mean", tier=ui.tier_label(own_tier))
        if pd.notna(own_tier)
        else t("profile.untiered_mean")
    ): same_tier,
    t("profile.national_median"): subdimensions,
}
rows = []
for label, frame in series.items():
    statistic = frame.groupby(["node_code", "sort_order", "name_zh", "name_en"], as_index=False)
    statistic = (
        statistic["score"].median()
        if label == t("profile.national_median")
        else statistic["score"].mean()
    )
    rows.append(statistic.assign(series=label))
comparison = pd.concat(rows, ignore_index=True).sort_values("sort_order")
comparison["node"] = ui.node_names(comparison)
charts.render(
    charts.grouped_bars(
        comparison,
        "node",
        "series",
        "score",
        t("col.score"),
        category_order=comparison.drop_duplicates("node_code")["node"].tolist(),
        group_order=list(series),
        height=300,
    ),
    key="profile_compare",
)

# Raw indicator values with percentiles ---------------------------------------------------------
st.subheader(t("profile.indicators_title", edition=edition))
values = queries.indicator_values(edition, level)
grouped = values.groupby("indicator_code")["raw_value"]
values = values.assign(
    value_rank=grouped.rank(method="min", ascending=False).astype(int),
    percentile=grouped.rank(method="max", pct=True) * 100,
    national_median=grouped.transform("median"),
)
own = values[values["region_code"] == region].sort_values("sort_order")
own = own.assign(indicator=ui.node_names(own), unit=own["unit"].map(ui.unit_label))
table = own[
    [
        "indicator",
        "unit",
        "raw_value",
        "national_median",
        "value_rank",
        "percentile",
        "normalized_value",
    ]
]
ui.table(
    table,
    f"profile_{region}_indicators_{edition}",
    {
        "raw_value": ui.number_column("raw_value", "localized"),
        "national_median": ui.number_column("national_median", "localized"),
        "percentile": st.column_config.ProgressColumn(
            ui.col_label("percentile"), min_value=0, max_value=100, format="%.0f"
        ),
        "normalized_value": ui.number_column("normalized_value", "%.4f"),
    },
)
