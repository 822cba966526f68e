"""The 专题 (Topics) page and the chapter-4 figures, against the warehouse (AppTest), and the word
cloud's font handling."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from viewer_testing import open_page

from app.figures import FIGURES, topics, word_cloud
from app.labels import LABELS

Sql = Callable[..., list[tuple[Any, ...]]]


class Reader:
    def __init__(self, path: Path) -> None:
        self.connection = duckdb.connect(str(path), read_only=True)

    def query(self, sql: str, params: Any = ()) -> pd.DataFrame:
        return self.connection.execute(sql, list(params)).df()


def test_topics_page_shows_the_regression_of_the_default_topic(
    app: AppTest, sql: Sql, latest_edition: int
) -> None:
    open_page(app, "topics")
    [(topic, level)] = sql(
        "select topic_code, region_level from fct_topic_regressions where edition = ? "
        "and fit = 'all' and region_level = 'province' order by r_squared desc limit 1",
        (latest_edition,),
    )
    expected = sql(
        "select n, r_squared, slope from fct_topic_regressions where topic_code = ? "
        "and edition = ? and region_level = ? order by fit",
        (topic, latest_edition, level),
    )
    tables = [frame.value for frame in app.dataframe]
    statistics = [t for t in tables if "r_squared" in t.columns]
    assert len(statistics) == 1
    shown = statistics[0][["n", "r_squared", "slope"]].to_numpy(float).ravel().tolist()
    assert shown == pytest.approx([value for row in expected for value in row], rel=1e-12)
    # The figures 4-1, 4-4, 4-6, 4-7 are charts; 4-5, the word cloud, a picture.
    assert len(app.get("vega_lite_chart")) == 4
    [picture] = app.get("image")
    assert len(picture.value) == 1
    captions = [subheader.value for subheader in app.subheader]
    for number in ("4-1", "4-4", "4-5", "4-6", "4-7"):
        assert any(LABELS["zh"]["figure.prefix"].format(figure=number) in c for c in captions)


def test_a_topic_with_too_few_regions_says_there_is_no_regression(app: AppTest) -> None:
    open_page(app, "topics")
    app.selectbox(key="_topic_zh").set_value("trusted_data_spaces").run()
    app.segmented_control(key="topic_level_trusted_data_spaces").set_value("province").run()
    assert not app.exception
    note = LABELS["zh"]["topics.no_fit"].format(regions=3)
    assert note in [caption.value for caption in app.caption]


def test_every_chapter_4_figure_builds_in_both_languages(warehouse: Path) -> None:
    reader = Reader(warehouse)
    chapter = [figure for figure in FIGURES.values() if figure.chapter == "4"]
    assert [figure.id for figure in chapter] == [
        "fig4-1", "fig4-4", "fig4-5", "fig4-6", "fig4-7", "tab4-1",
    ]  # fmt: skip
    for figure in chapter:
        for language in ("zh", "en"):
            rendered = figure.build(reader, 2025, language)
            assert rendered.caption and len(rendered.data) > 0, (figure.id, language)
            assert (rendered.spec, rendered.image) != (None, None) or figure.kind == "table"


def test_without_a_cjk_font_the_word_cloud_is_a_table_with_a_note(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(topics, "cjk_font", lambda: None)
    rendered = FIGURES["fig4-5"].build(Reader(warehouse), 2025, "en")
    assert rendered.image is None and rendered.spec is None
    assert rendered.notes[0] == LABELS["en"]["topics.no_font"]
    assert rendered.data["term"].head(3).tolist() == ["数字化转型", "智能制造", "智能工厂"]


def test_the_font_is_found_and_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    not_a_font = tmp_path / "fake.ttf"
    not_a_font.write_bytes(b"not a font")
    assert not word_cloud.covers(not_a_font)
    word_cloud.cjk_font.cache_clear()
    monkeypatch.setenv(word_cloud.FONT_ENV, str(not_a_font))
    found = word_cloud.cjk_font()
    word_cloud.cjk_font.cache_clear()
    if found is None:
        pytest.skip("no CJK font installed (tests/app/install_browser.sh installs one)")
    assert found != not_a_font and word_cloud.covers(found)
    monkeypatch.setenv(word_cloud.FONT_ENV, str(found))
    assert word_cloud.cjk_font() == found
    word_cloud.cjk_font.cache_clear()
    png = word_cloud.word_cloud_png((("数据要素", 5), ("智能制造", 3)), str(found))
    assert png.startswith(b"\x89PNG")
