"""稳健性 Robustness: how far to trust a rank (docs/analyses.md §1–4). The figures and tables of
the report's appendix A (app/figures/robustness.py, audit.py, score_change.py), bound to the
page's edition, level, number of regions and region. The region profile links here with
?region=<code>, which opens the region's tab."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from app import ui
from app.figures import FIGURES
from app.figures import robustness as figures
from app.i18n import lang, t
from app.warehouse import READER

TABS = ("intervals", "methods", "region", "audit", "inequality")


def show(figure_id: str, **selection: Any) -> None:
    """A figure of appendix A with the page's selections, or a note when its table is missing."""
    figure = FIGURES[figure_id]
    bound = replace(figure, build=partial(figure.build, **selection))
    if not figures.has_table(READER, figures.TABLES[figure_id]):
        st.subheader(bound.build(READER, edition, lang()).caption)
        st.info(
            t("robustness.missing_table", table=figures.TABLES[figure_id]), icon=":material/info:"
        )
        return
    ui.show_figure(bound, edition, key=f"robustness_{figure_id}")


def share(value: Any) -> str:
    return "–" if pd.isna(value) else f"{float(value):.0%}"


ui.page_title("robustness")
left, middle, right = st.columns([1, 1, 2])
edition = ui.edition_select(left)
level = ui.level_select(middle)
top = int(right.slider(t("robustness.top_n"), 5, 50, 20, step=5, key="robustness_top"))

codes, labels = ui.region_options(level)
region_key = f"profile_region_{level}"  # the region profile's choice, shared with it
focus = st.query_params.get("region")
if focus in codes:
    st.session_state[region_key] = focus
    del st.query_params["region"]

summary = figures.headline(READER, edition, level)
if not summary.empty:
    row = summary.iloc[0]
    st.metric(
        t("robustness.headline_metric"),
        t(
            "robustness.headline_value",
            narrow=int(row["top20_narrow_count"]),
            count=int(row["top20_count"]),
        ),
        help=t(
            "robustness.headline",
            narrow=int(row["top20_narrow_count"]),
            count=int(row["top20_count"]),
            share=float(row["top20_narrow_share"]),
        ),
    )

tab_labels = {name: t(f"robustness.tab.{name}") for name in TABS}
tabs = dict(
    zip(
        TABS,
        st.tabs(
            list(tab_labels.values()),
            default=tab_labels["region"] if focus in codes else None,
        ),
        strict=True,
    )
)

with tabs["intervals"]:
    show("figA-1", level=level, top=top)
    if figures.has_table(READER, figures.TABLES["figA-1"]):
        with st.expander(t("robustness.intervals_table")):
            intervals = figures.rank_intervals(READER, edition, lang(), level=level, top=top)
            ui.table(intervals.data, f"rank_intervals_{level}_{edition}")

with tabs["methods"]:
    show("tabA-1", level=level, top=top)

with tabs["region"]:
    region = ui.localized_select(
        st, t("widget.region"), codes, labels, key=region_key, default="110000"
    )
    interval = figures.region_interval(READER, edition, level, region)
    if not interval.empty:
        own = interval.iloc[0]
        cols = st.columns(5)
        cols[0].metric(t("robustness.col.nominal_rank"), int(own["nominal_rank"]))
        cols[1].metric(t("robustness.col.median_rank"), f"{own['median_rank']:g}")
        cols[2].metric(
            t("robustness.region_interval"),
            t(
                "robustness.region_interval_value",
                low=int(own["rank_q05"]),
                high=int(own["rank_q95"]),
            ),
        )
        cols[3].metric(t("robustness.col.tier_kept_share"), share(own["tier_kept_share"]))
        cols[4].metric(t("robustness.col.top20_share"), share(own["top20_share"]))
    show("figA-3", level=level, region=region)

with tabs["audit"]:
    show("tabA-2", level=level)
    show("tabA-3", level=level)

with tabs["inequality"]:
    show("figA-2", level=level)
