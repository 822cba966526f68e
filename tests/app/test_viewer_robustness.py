"""The Robustness page (稳健性) and the figures of the report's appendix A, against the warehouse.

The tables of the change decomposition, the method scenarios, the audit and inequality may be
missing from a warehouse built before they existed: the page then shows a note naming the table,
and every figure's build says the same, never an error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from viewer_testing import chart_tables, open_page

from app.figures import FIGURES, in_chapter, numbered
from app.figures.robustness import TABLES
from app.labels import label

Sql = Callable[..., list[tuple[Any, ...]]]


class Reader:
    """The report's kind of reader: a plain read-only connection."""

    def __init__(self, path: Path) -> None:
        self.connection = duckdb.connect(str(path), read_only=True)

    def query(self, sql: str, params: Any = ()) -> pd.DataFrame:
        return self.connection.execute(sql, list(params)).df()


def present(sql: Sql, table: str) -> bool:
    return bool(
        sql(
            "select count(*) from information_schema.tables"
            " where table_schema = 'main' and table_name = ?",
            (table,),
        )[0][0]
    )


def test_appendix_a_in_the_report_order() -> None:
    assert [figure.id for figure in in_chapter("A")] == list(TABLES)


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("figure_id", list(TABLES))
def test_figures_build_or_say_which_table_is_missing(
    warehouse: Path, sql: Sql, latest_edition: int, figure_id: str, language: str
) -> None:
    rendered = FIGURES[figure_id].build(Reader(warehouse), latest_edition, language)
    assert rendered.caption.startswith(numbered(FIGURES[figure_id], language) + " ")
    table = TABLES[figure_id]
    missing_note = label("robustness.missing_table", language, table=table)
    if present(sql, table):
        assert missing_note not in rendered.notes
        assert not rendered.data.empty or figure_id == "figA-3"
    else:
        assert rendered.notes == [missing_note]
        assert rendered.data.empty and rendered.spec is None


def test_interval_figure_shows_the_published_intervals(
    warehouse: Path, sql: Sql, latest_edition: int
) -> None:
    rendered = FIGURES["figA-1"].build(Reader(warehouse), latest_edition, "en")
    expected = sql(
        "select nominal_rank, median_rank, rank_q05, rank_q95 from fct_rank_uncertainty"
        " where edition = ? and region_level = 'city' and nominal_rank <= 20"
        " order by nominal_rank, region_code",
        (latest_edition,),
    )
    shown = rendered.data[["Nominal rank", "Median rank", "5th percentile", "95th percentile"]]
    assert [tuple(row) for row in shown.itertuples(index=False)] == expected
    narrow, count = sql(
        "select top20_narrow_count, top20_count from fct_rank_uncertainty_summary"
        " where edition = ? and region_level = 'city'",
        (latest_edition,),
    )[0]
    assert any(note.startswith(f"{narrow} of the {count} regions") for note in rendered.notes)


def test_page_headline_chart_and_notes(app: AppTest, sql: Sql, latest_edition: int) -> None:
    open_page(app, "robustness", english=True)
    app.segmented_control(key="level").set_value("city").run()
    narrow, count = sql(
        "select top20_narrow_count, top20_count from fct_rank_uncertainty_summary"
        " where edition = ? and region_level = 'city'",
        (latest_edition,),
    )[0]
    assert app.metric[0].value == f"{narrow} of {count}"
    intervals = chart_tables(app)[0]
    ranks = sorted(value for frame in intervals.values() for value in frame.get("Nominal rank", []))
    assert ranks == sorted(
        rank
        for (rank,) in sql(
            "select nominal_rank from fct_rank_uncertainty"
            " where edition = ? and region_level = 'city' and nominal_rank <= 20",
            (latest_edition,),
        )
    )
    notes = [info.value for info in app.info]
    for table in TABLES.values():
        note = label("robustness.missing_table", "en", table=table)
        assert (note in notes) == (not present(sql, table)), table


def test_profile_links_to_its_region_on_the_robustness_page(
    app: AppTest, sql: Sql, latest_edition: int
) -> None:
    open_page(app, "profile")
    links = [element.proto for element in app.get("page_link")]
    assert any("robustness" in link.page and "region=110000" in link.query_string for link in links)
    app.query_params["region"] = "310000"
    open_page(app, "robustness")
    nominal, q05, q95 = sql(
        "select nominal_rank, rank_q05, rank_q95 from fct_rank_uncertainty"
        " where edition = ? and region_level = 'province' and region_code = '310000'",
        (latest_edition,),
    )[0]
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics[label("robustness.col.nominal_rank", "zh")] == str(nominal)
    assert metrics[label("robustness.region_interval", "zh")] == f"{q05}–{q95}"
