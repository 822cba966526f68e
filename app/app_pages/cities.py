"""城市 Cities: the report's 表2-2, the top 20's rank changes and where the movers are (图2-2), the
tiers (图2-3) and each tier's dimension scores (图2-4–2-6), with the statements about cities."""

from __future__ import annotations

import streamlit as st

from app import queries, ui
from app.figures import FIGURES, chapter2

ui.page_title("cities")
left, _ = st.columns([1, 3])
edition = ui.edition_select(left)

ui.statements("cities", edition)
for figure in ("tab2-2", "fig2-2", "fig2-3"):
    ui.show_figure(FIGURES[figure], edition)
    if figure == "fig2-2":
        ui.revisions_link(edition, "city")  # where 表2-2's and 图2-2's rank changes differ

# 图2-4 … 2-6: one per tier the edition has
tiers = set(queries.index_table(edition, "city")["tier"].dropna().astype(int))
for offset, tier in enumerate(chapter2.TIERS):
    if tier in tiers:
        ui.show_figure(FIGURES[f"fig2-{4 + offset}"], edition)
