"""Figures registered by the report's tests only, on real public tables: a weights table (like
table 1-1), a Vega-Lite chart, a picture (Rendered.image, like the word cloud), and a table on a
table the warehouse lacks (left out with a sentence). They exercise every way the document shows
a Rendered whatever the real catalogue holds; they are removed from the registry afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import altair as alt
import vl_convert

from app.figures import FIGURES, Figure, Reader, Rendered, numbered, register

TITLES = {
    "T-1": {"zh": "测试：城市指标权重", "en": "Test: the cities' weights"},
    "T-2": {"zh": "测试：总指数前 10 名城市", "en": "Test: the 10 leading cities"},
    "T-3": {"zh": "测试：一幅图片", "en": "Test: a picture"},
    "T-4": {"zh": "测试：缺少的表", "en": "Test: a missing table"},
}
WEIGHTS_SQL = """
    select w.node_code, t.name_zh, w.parent_code, w.weight
    from fct_weights as w join dim_indicator_tree as t using (node_code)
    where w.edition = ? and w.region_level = 'city'
    order by t.sort_order, w.node_code
"""
TOP10_SQL = """
    select region_name, total_score from fct_index
    where edition = ? and region_level = 'city' and total_rank <= 10
    order by total_rank, region_code
"""


def _caption(figure: Figure, language: str) -> str:
    return f"{numbered(figure, language)} {TITLES[figure.number][language]}"


def _weights(reader: Reader, edition: int, language: str) -> Rendered:
    return Rendered(
        _caption(WEIGHTS, language),
        reader.query(WEIGHTS_SQL, [edition]),
        notes=["note: weights within their parent"],
    )


def _chart(reader: Reader, edition: int, language: str) -> Rendered:
    data = reader.query(TOP10_SQL, [edition])
    chart = (
        alt.Chart(data).mark_bar().encode(x="total_score:Q", y=alt.Y("region_name:N", sort=None))
    )
    return Rendered(_caption(CHART, language), data, spec=chart.to_dict(validate=False))


def _picture(reader: Reader, edition: int, language: str) -> Rendered:
    data = reader.query(TOP10_SQL, [edition])
    spec = alt.Chart(data).mark_point().encode(x="total_score:Q").to_dict(validate=False)
    return Rendered(_caption(PICTURE, language), data, image=vl_convert.vegalite_to_png(spec))


def _missing(reader: Reader, edition: int, language: str) -> Rendered:
    data = reader.query("select * from fct_not_in_any_warehouse where edition = ?", [edition])
    return Rendered(_caption(MISSING, language), data)


WEIGHTS = Figure("table", "T-1", "test.t_1", "1", _weights)
CHART = Figure("figure", "T-2", "test.t_2", "2", _chart)
PICTURE = Figure("figure", "T-3", "test.t_3", "3", _picture)
MISSING = Figure("table", "T-4", "test.t_4", "A", _missing)
TEST_FIGURES = (WEIGHTS, CHART, PICTURE, MISSING)
MISSING_TABLE = "fct_not_in_any_warehouse"


@contextmanager
def registered() -> Iterator[None]:
    """The test figures in the registry (after the real ones), for the duration."""
    register(*TEST_FIGURES)
    try:
        yield
    finally:
        for figure in TEST_FIGURES:
            FIGURES.pop(figure.id, None)
