"""专题 Topics: the special topics of the report's chapter 4 (figures 4-1, 4-4, 4-6, 4-7, table
4-1 for the chosen topic and level) and the word cloud of the year's new policies (figure 4-5).
Every figure is defined once in app/figures/ (topics.py, topic_regression.py)."""

from __future__ import annotations

import streamlit as st

from app import ui
from app.figures import FIGURES
from app.figures.topics import default_topic, edition_topics, for_topic, topic_name
from app.i18n import lang, t
from app.warehouse import READER

PER_TOPIC = ("fig4-1", "fig4-4", "fig4-6", "fig4-7", "tab4-1")

ui.page_title("topics")
left, middle, right = st.columns([1, 3, 1])
edition = ui.edition_select(left)
topics = edition_topics(READER, edition)

if topics.empty:
    st.info(t("topics.none"))
else:
    codes = topics["topic_code"].tolist()
    names = {row.topic_code: topic_name(row, lang()) for row in topics.itertuples()}
    topic = ui.localized_select(
        middle, t("topics.topic"), codes, names, key="topic", default=default_topic(topics)
    )
    row = next(topics[topics["topic_code"] == topic].itertuples())
    levels = [
        level
        for level, count in (("province", row.province_regions), ("city", row.city_regions))
        if count
    ]
    level = str(
        right.segmented_control(
            t("topics.level"),
            levels,
            default=row.main_level,
            required=True,
            format_func=lambda level: t(f"level.{level}"),
            key=f"topic_level_{topic}",
        )
        or row.main_level
    )
    for figure_id in PER_TOPIC:
        ui.show_figure(for_topic(FIGURES[figure_id], topic, level), edition)

ui.show_figure(FIGURES["fig4-5"], edition)
