"""Widgets and display helpers shared by the pages (no SQL here: see queries.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app import export, queries
from app.figures import Figure, Rendered, chapter2, common, facts, vega_spec
from app.i18n import lang, t
from app.warehouse import READER


def _forget_if_gone(key: str, options: list[Any]) -> None:
    """Drop a remembered selection that the current warehouse no longer offers."""
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]


def page_title(page: str) -> None:
    st.title(t(f"nav.{page}"))
    intro = t(f"{page}.intro", default="")
    if intro:
        st.caption(intro)


def edition_select(container: Any = None) -> int:
    """The edition selector (newest first); the choice is kept across pages."""
    editions = list(reversed(queries.editions()))
    if not editions:
        st.warning(t("app.no_editions"))
        st.stop()
    _forget_if_gone("edition", editions)
    target = container if container is not None else st
    return int(
        target.selectbox(
            t("widget.edition"),
            editions,
            index=0,
            key="edition",
            persist_state="session",
        )
    )


def level_select(container: Any = None, default: str = "province") -> str:
    """Provinces or cities; the choice is kept across pages."""
    target = container if container is not None else st
    labels = {level: t(f"level.{level}") for level in queries.LEVELS}
    return str(
        target.segmented_control(
            t("widget.level"),
            list(queries.LEVELS),
            default=default,
            required=True,
            format_func=labels.__getitem__,
            key="level",
            persist_state="session",
        )
    )


def node_select(container: Any, tree: pd.DataFrame, key: str) -> str:
    """The total or one of the three dimensions (labels from dim_indicator_tree)."""
    nodes = ["total", *queries.DIMENSIONS]
    labels = {code: str(tree.loc[code, node_name_column()]) for code in nodes}
    return str(
        container.segmented_control(
            t("widget.node"),
            nodes,
            default="total",
            required=True,
            format_func=labels.__getitem__,
            key=key,
            persist_state="session",
        )
    )


def localized_select(
    container: Any,
    label: str,
    options: list[Any],
    labels: dict[Any, str],
    key: str,
    default: Any = None,
) -> Any:
    """A selectbox whose option labels depend on the language.

    The choice is kept under st.session_state[key], so it survives a page switch and a
    language switch (the widget itself is keyed per language, so a label from the other
    language is never sent back).
    """
    chosen = st.session_state.get(key, default)
    if chosen not in options:
        chosen = default if default in options else options[0]
    widget_key = f"_{key}_{lang()}"
    st.session_state[widget_key] = chosen
    value = container.selectbox(
        label,
        options,
        format_func=labels.__getitem__,
        key=widget_key,
        on_change=_copy_widget_value,
        args=(widget_key, key),
    )
    st.session_state[key] = value
    return value


def _copy_widget_value(widget_key: str, key: str) -> None:
    st.session_state[key] = st.session_state[widget_key]


def region_options(level: str) -> tuple[list[str], dict[str, str]]:
    """A level's region codes and their labels in the current language, for a region selector:
    cities other than municipalities carry their province ("苏州 · 江苏")."""
    regions = queries.regions(level)
    names = region_names(regions)
    provinces = queries.regions("province")
    province_names = dict(zip(provinces["region_code"], region_names(provinces), strict=True))
    labels = {
        region.region_code: (
            name
            if level == "province" or region.is_municipality
            else f"{name} · {province_names.get(region.province_code, '')}"
        )
        for region, name in zip(regions.itertuples(index=False), names, strict=True)
    }
    return regions["region_code"].tolist(), labels


def region_name_column() -> str:
    return "region_name_en" if lang() == "en" else "region_name"


def node_name_column() -> str:
    return "name_en" if lang() == "en" else "name_zh"


def circle_name_column() -> str:
    return "circle_name_en" if lang() == "en" else "circle_name"


def region_names(frame: pd.DataFrame) -> pd.Series:
    """The regions' names in the current language (English falls back to Chinese)."""
    return common.region_names(frame, lang())


def node_names(frame: pd.DataFrame) -> pd.Series:
    return frame[node_name_column()]


def rank_change_label(value: Any) -> str:
    """▲3 (moved up three places), ▼2, – (unchanged), empty when there is no earlier edition."""
    return common.rank_change_text(value)


def total_rank_changes(frame: pd.DataFrame, edition: int) -> tuple[pd.DataFrame, list[str]]:
    """An index_table frame with the total rank change as the report reads it
    (common.total_rank_changes: against the published previous edition where it was published,
    the recomputed one beside it), and the shown rank change columns, the main one first."""
    shown = common.total_rank_changes(frame, queries.compares_with_published(edition))
    return shown, common.shown_rank_changes(shown)


def rank_change_title(column: str) -> str:
    """A total rank change's title in charts: plain "rank change" when it is the only one."""
    return t("col.rank_change") if column == common.RECOMPUTED_CHANGE else col_label(column)


def revisions_link(edition: int, level: str) -> None:
    """A link to the 修订 page, at the previous edition and this level, where some region's
    total rank change against the published previous edition is not the recomputed one."""
    if queries.rank_change_differences(edition, level):
        st.page_link(
            "app_pages/revisions.py",
            label=t("rank_change.revisions_link", previous=edition - 1),
            icon=":material/history:",
            query_params={"edition": str(edition - 1), "level": level},
        )


def rank_change_notes(edition: int, level: str) -> None:
    """Under a page's own total rank changes (not a report figure's, which has them): what the
    two changes compare with, and the link to the 修订 page where they differ."""
    for note in chapter2.rank_change_notes(READER, edition, level, lang()):
        st.caption(note)
    revisions_link(edition, level)


def tier_label(value: Any) -> str:
    return common.tier_text(value, lang())


def unit_label(value: Any) -> str:
    """An indicator's unit in the current language (dim_indicator_tree stores it in Chinese)."""
    return common.unit_text(value, lang())


def macro_label(value: Any) -> str:
    return common.macro_text(value, lang())


def sample_banner() -> None:
    st.warning(t("app.sample_banner"), icon=":material/science:")


def col_label(column: str) -> str:
    """A column's header in the current language (the column name where the dictionary has none)."""
    return t(f"col.{column}", default=column)


def score_column(column: str) -> Any:
    """A 0–100 score shown as a bar."""
    return st.column_config.ProgressColumn(
        col_label(column), min_value=0, max_value=100, format="%.2f"
    )


def text_column(column: str, width: str = "medium") -> Any:
    return st.column_config.TextColumn(col_label(column), width=width)


def number_column(column: str, fmt: str = "%.2f") -> Any:
    return st.column_config.NumberColumn(col_label(column), format=fmt)


def table(
    frame: pd.DataFrame,
    file_stem: str,
    column_config: dict[str, Any] | None = None,
    height: int | str = "auto",
) -> None:
    """A table with headers in the current language, and its CSV and Excel downloads."""
    config = {column: col_label(column) for column in frame.columns}
    config.update(column_config or {})
    st.dataframe(frame, hide_index=True, column_config=config, height=height, width="stretch")
    download_buttons(localized_columns(frame), file_stem)


def download_buttons(frame: pd.DataFrame, file_stem: str) -> None:
    """CSV and Excel download buttons; the files are only generated when clicked."""
    row = st.container(horizontal=True)
    row.download_button(
        t("download.csv"),
        data=lambda: export.csv_bytes(frame),
        file_name=f"{file_stem}.csv",
        mime=export.CSV_MIME,
        key=f"csv_{file_stem}",
        on_click="ignore",
        icon=":material/download:",
    )
    row.download_button(
        t("download.xlsx"),
        data=lambda: export.xlsx_bytes(frame, sheet_name=file_stem),
        file_name=f"{file_stem}.xlsx",
        mime=export.XLSX_MIME,
        key=f"xlsx_{file_stem}",
        on_click="ignore",
        icon=":material/download:",
    )


def localized_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Rename columns to their label in the current language where the dictionary has one."""
    return frame.rename(columns={column: col_label(column) for column in frame.columns})


def chart(
    altair_chart: Any, datasets: dict[str, Any] | None = None, key: str | None = None
) -> None:
    """Show an Altair chart (app/charts.py), attaching large GeoJSON datasets after Altair has
    built the spec; a chart sized by its bands (few bars) keeps its width, the others fill the
    page."""
    spec_dict = vega_spec(altair_chart, datasets)
    sized_by_step = isinstance(spec_dict.get("width"), dict) and "step" in spec_dict["width"]
    st.vega_lite_chart(spec_dict, width="content" if sized_by_step else "stretch", key=key)


def statements(page: str, edition: int, section: str | None = None) -> None:
    """The report's statements (fct_report_facts) that belong to the page, above its figures;
    nothing when the warehouse has none."""
    texts = facts.statements(READER, edition, lang(), page=page, section=section)
    if texts:
        with st.container(border=True):
            st.caption(t("facts.heading"))
            for text in texts:
                st.markdown(text)


def show_figure(figure: Figure, edition: int, key: str | None = None, small: bool = False) -> None:
    """A numbered figure or table of the report, exactly as the report document shows it:
    caption, chart (or table), notes, and its data as CSV and Excel downloads."""
    rendered = figure.build(READER, edition, lang())
    show_rendered(rendered, f"{figure.id}_{edition}", key or figure.id, small)


def show_rendered(rendered: Rendered, file_stem: str, key: str, small: bool = False) -> None:
    """A built figure or table (numbered or not): caption, chart or picture or table, notes,
    downloads."""
    if small:
        st.markdown(f"##### {rendered.caption}")
    else:
        st.subheader(rendered.caption)
    if rendered.spec is not None:
        sized_by_step = isinstance(rendered.spec.get("width"), dict)
        st.vega_lite_chart(rendered.spec, width="content" if sized_by_step else "stretch", key=key)
    elif rendered.image is not None:
        st.image(rendered.image)
    for note in rendered.notes:
        st.caption(note)
    if rendered.spec is None and rendered.image is None:
        table(rendered.data, file_stem)
    else:
        download_buttons(localized_columns(rendered.data), file_stem)
