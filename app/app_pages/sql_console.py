"""SQL: a read-only console over the public tables, with their column descriptions."""

from __future__ import annotations

import streamlit as st

from app import console, queries, ui
from app.i18n import t

EXAMPLE = """select edition, region_name, total_score, total_rank, tier
from fct_index
where region_level = 'city' and total_rank <= 10
order by edition desc, total_rank"""

ui.page_title("sql")
query_column, catalog_column = st.columns([3, 2])

# The public tables and their columns -----------------------------------------------------------
catalog = queries.public_catalog()
comments = queries.table_comments()
tables = catalog["table_name"].drop_duplicates().tolist()
with catalog_column:
    st.markdown(f"**{t('sql.tables_title')}**")
    table = st.selectbox(t("sql.table"), tables, key="sql_table")
    if table:
        if comments.get(table):
            st.caption(comments[table])
        columns = catalog[catalog["table_name"] == table]
        st.dataframe(
            columns[["column_name", "data_type", "comment"]],
            hide_index=True,
            width="stretch",
            height=420,
            column_config={
                "column_name": ui.col_label("column_name"),
                "data_type": ui.col_label("data_type"),
                "comment": st.column_config.TextColumn(ui.col_label("comment"), width="large"),
            },
        )

# The query ---------------------------------------------------------------------------------------
with query_column:
    st.caption(
        t(
            "sql.limits",
            rows=f"{console.CONSOLE_MAX_ROWS:,}",
            seconds=f"{console.CONSOLE_TIMEOUT_SECONDS:g}",
        )
    )
    with st.form("sql_form"):
        sql = st.text_area(t("sql.query"), value=EXAMPLE, height=180, key="sql_text")
        submitted = st.form_submit_button(
            t("sql.run"), type="primary", icon=":material/play_arrow:"
        )

    first_visit = "sql_result" not in st.session_state and "sql_error" not in st.session_state
    if submitted or first_visit:
        try:
            st.session_state["sql_result"] = console.run_console_query(
                sql,
                max_rows=console.CONSOLE_MAX_ROWS,
                timeout_seconds=console.CONSOLE_TIMEOUT_SECONDS,
            )
            st.session_state.pop("sql_error", None)
        except console.ConsoleError as error:
            st.session_state["sql_error"] = (error.kind, error.detail)
            st.session_state.pop("sql_result", None)

    error = st.session_state.get("sql_error")
    result = st.session_state.get("sql_result")
    if error is not None:
        kind, detail = error
        st.error(t(f"sql.error.{kind}", detail=detail), icon=":material/block:")
        if detail and kind not in ("not_read", "multiple", "timeout", "empty"):
            st.code(detail, language=None)
    elif result is not None:
        message = t(
            "sql.result_rows", rows=f"{len(result.frame):,}", seconds=f"{result.seconds:.2f}"
        )
        if result.truncated:
            message += " " + t("sql.truncated", rows=f"{console.CONSOLE_MAX_ROWS:,}")
        st.caption(message)
        st.dataframe(result.frame, hide_index=True, width="stretch", height=400)
        ui.download_buttons(result.frame, "query_result")
