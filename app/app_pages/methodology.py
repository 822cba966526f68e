"""方法 Methodology: the indicator tree with this edition's weights (and the report's 表1-1), the
formulas, the weighting method in use, invalid rows, the build's provenance, and whether the data
are synthetic."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app import charts, queries, ui, warehouse
from app.figures import FIGURES
from app.i18n import t

FORMULAS = {
    "positive": [r"x_{rj} = \frac{v_{rj} - \min_r v_{rj}}{\max_r v_{rj} - \min_r v_{rj}}"],
    "negative": [r"x_{rj} = \frac{\max_r v_{rj} - v_{rj}}{\max_r v_{rj} - \min_r v_{rj}}"],
    "improved_vector": [
        r"d_k = \sqrt{\sum_r \left(1 - c_{rk}\right)^2}, \qquad w_k = \frac{d_k}{\sum_{k'} d_{k'}}"
    ],
    "entropy": [
        r"p_{rk} = \frac{c_{rk}}{\sum_r c_{rk}}, \quad"
        r"e_k = -\frac{1}{\ln n}\sum_r p_{rk}\ln p_{rk}, \quad"
        r"w_k = \frac{1 - e_k}{\sum_{k'} (1 - e_{k'})}"
    ],
    "critic": [
        r"C_k = \sigma_k \sum_{k'} \left(1 - \rho_{kk'}\right), \qquad"
        r"w_k = \frac{C_k}{\sum_{k'} C_{k'}}"
    ],
    "equal": [r"w_k = \frac{1}{m}"],
    "expert": [r"w_k = \frac{e_k}{\sum_{k'} e_{k'}}"],
    "aggregate": [
        r"s_{rp} = \sum_{k \in \mathrm{children}(p)} w_k \, c_{rk}, \qquad"
        r"\text{score} = 100 \cdot s"
    ],
    "rank_change": [r"\Delta\mathrm{rank}_E = \mathrm{rank}_{E-1} - \mathrm{rank}_E"],
}
METHODS = ("improved_vector", "entropy", "critic", "equal", "expert")

ui.page_title("methodology")
if queries.is_sample():
    st.error(t("methodology.sample_notice"), icon=":material/science:")

left, right, _ = st.columns([1, 1, 2])
edition = ui.edition_select(left)
level = ui.level_select(right)

weights = queries.weights(edition, level)
methods_in_use = sorted(weights["weighting_method"].dropna().unique().tolist())

# The weighting method in use -----------------------------------------------------------------
st.subheader(t("methodology.method_title"))
if methods_in_use:
    for method in methods_in_use:
        st.markdown(
            t(
                "methodology.method_in_use",
                method=t(f"method.{method}", default=method),
                code=method,
                edition=edition,
                level=t(f"levelword.{level}"),
            )
        )
        st.caption(t(f"method.{method}.description", default=""))
else:
    st.info(t("methodology.no_weights"))
settings = queries.tier_settings()
if len(settings) == 1:
    setting = settings.iloc[0].map(lambda value: "" if pd.isna(value) else value)
    st.markdown(
        t(
            "methodology.tier_in_use",
            method=setting["tier_method"],
            top=setting["tier_top_n"],
            count=setting["tier_count"],
            cutoffs=setting["tier_rank_cutoffs"],
        )
    )

# The indicator tree with this edition's weights -------------------------------------------------
st.subheader(t("methodology.tree_title", edition=edition, level=t(f"levelword.{level}")))
parents = dict(zip(weights["node_code"], weights["parent_code"], strict=True))


tree = weights.assign(
    node=[
        "\u2003" * 2 * int(level_number) + name
        for level_number, name in zip(weights["node_level"], ui.node_names(weights), strict=True)
    ],
    direction=weights["direction"].map(lambda value: t(f"direction.{value}", default="")),
    unit=weights["unit"].map(ui.unit_label),
)
tree_table = tree[["node", "node_code", "weight", "weight_in_total", "direction", "unit"]].assign(
    # The total has no parent, hence no weight: NaN shows as an empty cell, None as "None".
    weight=lambda frame: pd.to_numeric(frame["weight"], errors="coerce"),
)
ui.table(
    tree_table,
    f"weights_{level}_{edition}",
    {
        "weight": ui.number_column("weight", "%.4f"),
        "weight_in_total": ui.number_column("weight_in_total", "%.4f"),
    },
    height=560,
)

leaves = tree[tree["node_level"] == 3].copy()
dimension_of = {
    code: parents.get(parents.get(code, ""), "") for code in leaves["node_code"].tolist()
}
names = dict(zip(weights["node_code"], ui.node_names(weights), strict=True))
leaves["dimension"] = leaves["node_code"].map(lambda code: names.get(dimension_of[code], ""))
dimension_order = [names[code] for code in queries.DIMENSIONS if code in names]
leaves["indicator"] = leaves["node_code"].map(names)
st.caption(t("methodology.leaf_weights_caption"))
ui.chart(
    alt.Chart(leaves)
    .mark_bar()
    .encode(
        y=alt.Y(
            "indicator:N", sort=leaves["indicator"].tolist(), title=None, axis=charts.CATEGORY_AXIS
        ),
        x=alt.X("weight_in_total:Q", title=t("col.weight_in_total"), axis=alt.Axis(format="%")),
        color=alt.Color(
            "dimension:N", title=None, sort=dimension_order, legend=alt.Legend(orient="top")
        ),
        tooltip=[
            alt.Tooltip("indicator:N", title=t("col.indicator")),
            alt.Tooltip("weight_in_total:Q", title=t("col.weight_in_total"), format=".2%"),
            alt.Tooltip("weight:Q", title=t("col.weight"), format=".4f"),
        ],
    )
    .properties(height=420),
    key="leaf_weights",
)

# 表1-1: the report's table, both levels' weights ------------------------------------------------
ui.show_figure(FIGURES["tab1-1"], edition)

# Formulas -------------------------------------------------------------------------------------
st.subheader(t("methodology.formulas_title"))
st.markdown(t("methodology.normalize_text"))
for direction in ("positive", "negative"):
    st.caption(t(f"direction.{direction}"))
    for formula in FORMULAS[direction]:
        st.latex(formula)
st.markdown(t("methodology.weights_text"))
for method in METHODS:
    marker = t("methodology.in_use_marker") if method in methods_in_use else ""
    st.markdown(f"**{t(f'method.{method}')}** (`{method}`) {marker}")
    for formula in FORMULAS[method]:
        st.latex(formula)
    st.caption(t(f"method.{method}.description"))
st.markdown(t("methodology.rules_text"))
st.markdown(t("methodology.aggregate_text"))
for formula in FORMULAS["aggregate"]:
    st.latex(formula)
st.markdown(t("methodology.rank_text"))
for formula in FORMULAS["rank_change"]:
    st.latex(formula)
st.markdown(t("methodology.tier_text"))
st.markdown(t("methodology.circle_text"))

# Invalid rows ---------------------------------------------------------------------------------
st.subheader(t("methodology.invalid_title"))
invalid_total = queries.invalid_row_total()
if invalid_total == 0:
    st.success(t("methodology.no_invalid_rows"))
else:
    st.warning(t("methodology.invalid_summary", count=invalid_total))
    invalid = queries.invalid_rows()
    if invalid_total > len(invalid):
        st.caption(t("methodology.invalid_first_rows", rows=len(invalid)))
    ui.table(invalid, "invalid_rows")

# Provenance -----------------------------------------------------------------------------------
st.subheader(t("methodology.provenance_title"))
st.caption(t("methodology.warehouse_file", path=str(warehouse.warehouse_path())))
info = queries.build_info()
if len(info) == 0:
    st.info(t("methodology.no_build_info"))
else:
    catalog = queries.public_catalog()
    described = catalog[catalog["table_name"] == "build_info"].set_index("column_name")["comment"]
    if len(info) == 1:
        record = info.iloc[0]
        pairs = pd.DataFrame(
            {
                "item": list(info.columns),
                "value": ["" if pd.isna(value) else str(value) for value in record.tolist()],
                "comment": [described.get(column, "") for column in info.columns],
            }
        )
        ui.table(pairs, "build_info", {"comment": ui.text_column("comment", "large")})
    else:
        ui.table(info, "build_info")
files = queries.build_raw_files()
if len(files) > 0:
    st.markdown(f"**{t('methodology.raw_files_title')}**")
    ui.table(files, "build_raw_files")
