"""修订 Revisions: which published ranks this build would change, by how much, and why.

Every number comes from fct_revisions, fct_published_editions and fct_revision_raw_files
(docs/analyses.md §7); the page selects and labels them.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app import charts, revision_queries, ui
from app.i18n import lang, t

BARS_SHOWN = 40  # regions in the bar chart at most, in published order (the table lists all)


def labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """Column headers in the current language (labels of this page: revisions.col.*)."""
    return frame.rename(columns={column: t(f"revisions.col.{column}") for column in frame.columns})


def text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


ui.page_title("revisions")

# Which editions are published ----------------------------------------------------------------
editions = revision_queries.published_editions()
if editions.empty:
    st.info(t("revisions.none"), icon=":material/inventory_2:")
st.subheader(t("revisions.editions_title"))
status = revision_queries.edition_status()
status = status.assign(
    status=status["is_published"].map(
        lambda published: t(f"revisions.status.{'published' if published else 'open'}")
    ),
    published_at=status["published_at"].map(lambda value: text(value)[:16]),
    published_commit=status["published_commit"].map(lambda value: text(value)[:12]),
)
ui.chart(
    alt.Chart(status)
    .mark_square(size=300)
    .encode(
        x=alt.X("edition:O", title=t("widget.edition"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("status:N", title=None, axis=charts.CATEGORY_AXIS),
        color=alt.Color("status:N", legend=None),
        tooltip=[
            alt.Tooltip("edition:O", title=t("widget.edition")),
            alt.Tooltip("status:N", title=t("revisions.col.status")),
            alt.Tooltip("published_at:N", title=t("revisions.col.published_at")),
        ],
    )
    .properties(height=120),
    key="revisions_editions",
)
ui.table(
    labelled(status[["edition", "status", "published_at", "published_commit"]]),
    "revisions_editions",
)
if editions.empty:
    st.stop()

# Opened from a rank change elsewhere (ui.revisions_link): that edition and level.
wanted = st.query_params.get("edition")
if wanted is not None and wanted.isdigit() and int(wanted) in editions["edition"].tolist():
    st.session_state["revisions_edition"] = int(wanted)
if st.query_params.get("level") in ("province", "city"):
    st.session_state["level"] = st.query_params["level"]
st.query_params.clear()
left, right, _ = st.columns([1, 1, 2])
edition = int(
    left.selectbox(t("widget.edition"), editions["edition"].tolist(), key="revisions_edition")
)
level = ui.level_select(right)
published = editions.set_index("edition").loc[edition]
st.caption(
    t(
        "revisions.published_caption",
        edition=edition,
        at=text(published["published_at"])[:16],
        commit=text(published["git_commit"])[:12] or "–",
    )
)
if published["is_sample_data"]:
    st.warning(t("revisions.sample_notice"), icon=":material/science:")

# Which published ranks would change, and by how much -------------------------------------------
frame = revision_queries.revisions(edition, level)
frame = frame.assign(region_name=ui.region_names(frame)).drop(columns="region_name_en")
moved = frame[frame["rank_diff"].ne(0) | frame["rank_diff"].isna()]
st.subheader(t("revisions.ranks_title", edition=edition, level=t(f"levelword.{level}")))
if moved.empty:
    st.success(t("revisions.no_rank_change", count=len(frame)))
else:
    st.warning(t("revisions.rank_changes", moved=len(moved), count=len(frame)))
shown = frame if st.toggle(t("revisions.show_all"), key="revisions_all") else moved
score_format = {
    t(f"revisions.col.{column}"): st.column_config.NumberColumn(format="%.4f")
    for column in ("published_score", "recomputed_score", "score_diff")
}
if not moved.empty:
    ui.chart(
        charts.rank_change_bars(
            moved.head(BARS_SHOWN), "region_name", "rank_diff", language=lang()
        ),
        key="revisions_bars",
    )
shown = shown.assign(rank_diff=shown["rank_diff"].map(ui.rank_change_label))
ui.table(labelled(shown), f"revisions_{level}_{edition}", score_format)
st.caption(t("revisions.rank_note"))

# Why: the settings and the raw data of both builds --------------------------------------------
st.subheader(t("revisions.why_title"))
current = revision_queries.current_settings()
now = current.iloc[0] if len(current) else pd.Series(dtype=object)
settings = pd.DataFrame(
    {
        "setting": [t(f"revisions.setting.{name}") for name in revision_queries.SETTINGS],
        "published_build": [text(published.get(name)) for name in revision_queries.SETTINGS],
        "this_build": [text(now.get(name)) for name in revision_queries.SETTINGS],
    }
)
settings["is_different"] = settings["published_build"] != settings["this_build"]
ui.table(labelled(settings), f"revisions_settings_{edition}")
st.markdown(t("revisions.raw_files_text"))
ui.table(labelled(revision_queries.raw_files(edition)), f"revisions_raw_files_{edition}")
