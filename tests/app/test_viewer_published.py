"""Where the previous edition is published, the viewer and the report's figures read the total
rank change against the published list (fct_index.total_rank_change_vs_published) and show the
recomputed one (total_rank_change) beside it, clearly labelled; otherwise the recomputed one
alone (docs/analyses.md §7).

On the warehouse of the publishing cycle (tests/python/published_cycle.py, two builds of the
small raw set): 2023 published, then revised, so that 2024's two changes differ for Beijing and
Xi'an (cities) and Beijing and Shaanxi (provinces), all in the report's top lists. Every
expected value is read straight from fct_index; a page or figure that shows the wrong column
fails because the two columns differ there (each test checks that they do).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from published_cycle import EDITION as PUBLISHED
from published_cycle import read_table, run_cycle
from streamlit.testing.v1 import AppTest
from viewer_testing import APP_SCRIPT, chart_specs, open_page

from app.figures import FIGURES, Rendered
from app.figures.data import DuckDBReader
from app.labels import label
from bdi.report.render import column_header

EDITION = PUBLISHED + 1  # read against the published 2023 list
MAIN, BESIDE = "total_rank_change_vs_published", "total_rank_change_recomputed"
REVISIONS_LINK = "修订：本次构建对已发布的 2023 年版排名的改动"


def arrow(change: Any) -> str:
    """The viewer's text of a rank change, written out independently of app/figures."""
    if change is None or pd.isna(change):
        return ""
    change = int(change)
    return f"▲{change}" if change > 0 else f"▼{-change}" if change < 0 else "–"


@pytest.fixture(scope="module")
def revised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second build's warehouse: edition 2023 published, then revised."""
    return run_cycle(tmp_path_factory.mktemp("viewer_published")).build.warehouse


@pytest.fixture(scope="module")
def changes(revised: Path) -> pd.DataFrame:
    """fct_index's two total rank changes, by edition, level and region, as built."""
    return read_table(
        revised,
        "select edition, region_level, region_code, total_rank, total_rank_change, "
        "total_rank_change_vs_published from fct_index "
        "order by edition, region_level, total_rank, region_code",
    ).set_index(["edition", "region_level", "region_code"])


@pytest.fixture(scope="module")
def reader(revised: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DuckDBReader]:
    """The report document's reader, on a copy (the viewer's connections never meet it)."""
    copy = tmp_path_factory.mktemp("viewer_published_copy") / "warehouse.duckdb"
    shutil.copyfile(revised, copy)
    opened = DuckDBReader.open(copy)
    yield opened
    opened.close()


@pytest.fixture
def viewer(revised: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("BDI_WAREHOUSE", str(revised))
    at = AppTest.from_file(str(APP_SCRIPT), default_timeout=60)
    at.run()
    assert not at.exception, [error.value for error in at.exception]
    return at


def expected(changes: pd.DataFrame, level: str, codes: list[str], column: str) -> list[Any]:
    return changes.loc[EDITION, level].loc[codes, column].tolist()


def differing(changes: pd.DataFrame, level: str, codes: list[str]) -> list[str]:
    """The regions among `codes` whose two rank changes differ: the test's discriminating rows."""
    rows = changes.loc[EDITION, level].loc[codes]
    moved = rows["total_rank_change_vs_published"] != rows["total_rank_change"]
    return rows.index[moved].tolist()


def test_the_report_tables_show_the_published_reading_first(
    reader: DuckDBReader, changes: pd.DataFrame
) -> None:
    for figure_id, level in (("tab2-1", "province"), ("tab2-2", "city")):
        for language in ("zh", "en"):
            data = FIGURES[figure_id].build(reader, EDITION, language).data
            columns = data.columns.tolist()
            assert "total_rank_change" not in columns
            assert columns.index(BESIDE) == columns.index(MAIN) + 1
            codes = data["region_code"].tolist()
            assert len(differing(changes, level, codes)) == 2, figure_id
            published = expected(changes, level, codes, "total_rank_change_vs_published")
            recomputed = expected(changes, level, codes, "total_rank_change")
            assert data[MAIN].tolist() == [arrow(change) for change in published]
            assert data[BESIDE].tolist() == [arrow(change) for change in recomputed]
    assert column_header(MAIN, "zh") == "排名变化（较已发布）"
    assert column_header(BESIDE, "zh") == "排名变化（重算）"
    assert column_header(MAIN, "en") == "Rank change (vs published)"
    assert column_header(BESIDE, "en") == "Rank change (recomputed)"


def test_the_tables_notes_say_what_each_change_compares_with(reader: DuckDBReader) -> None:
    rendered = FIGURES["tab2-2"].build(reader, EDITION, "en")
    assert rendered.notes[1:] == [
        label("rank_change.published_note", "en", previous=PUBLISHED),
        label("rank_change.revised_note", "en", count=2, previous=PUBLISHED),
    ]
    assert "2 regions" in rendered.notes[2] and "Revisions page" in rendered.notes[2]


def test_figure_2_2_reads_the_published_previous_edition(
    reader: DuckDBReader, revised: Path, changes: pd.DataFrame
) -> None:
    rendered: Rendered = FIGURES["fig2-2"].build(reader, EDITION, "zh")
    top = rendered.data[rendered.data["total_rank"].notna()]
    codes = changes.loc[EDITION, "city"].index[:20].tolist()  # rank order, as the figure
    assert len(differing(changes, "city", codes)) == 2
    assert top[MAIN].tolist() == expected(changes, "city", codes, MAIN)
    assert top[BESIDE].tolist() == expected(changes, "city", codes, "total_rank_change")
    assert "total_rank_change" not in top
    # The bars are the published reading; the recomputed change is in their tooltip.
    bars = next(layer for layer in rendered.spec["hconcat"][0]["layer"] if "mark" in layer)
    assert bars["encoding"]["x"]["field"] == MAIN
    assert bars["encoding"]["x"]["title"] == "排名变化（较已发布）"
    assert {"field": BESIDE, "title": "排名变化（重算）", "type": "nominal"} in bars["encoding"][
        "tooltip"
    ]
    # Who moved up or down, by macro-region: the published reading too.
    movement = read_table(
        revised,
        "select regions.macro_region, "
        "count(*) filter (where idx.total_rank_change_vs_published > 0) as risers, "
        "count(*) filter (where idx.total_rank_change_vs_published < 0) as fallers, "
        "count(*) filter (where idx.total_rank_change > 0) as recomputed_risers "
        "from fct_index as idx join dim_regions as regions using (region_level, region_code) "
        f"where idx.edition = {EDITION} and idx.region_level = 'city' group by 1",
    ).set_index("macro_region")
    assert (movement["risers"] != movement["recomputed_risers"]).any()
    names = {"east": "东部", "central": "中部", "west": "西部", "northeast": "东北"}
    summary = rendered.data[rendered.data["regions"].notna()].set_index("macro_region")
    for macro, row in movement.iterrows():
        shown = summary.loc[names[str(macro)]]
        assert (shown["risers"], shown["fallers"]) == (row["risers"], row["fallers"]), macro


def test_an_edition_whose_previous_is_not_published_shows_the_recomputed_change(
    reader: DuckDBReader,
) -> None:
    for figure_id in ("tab2-1", "tab2-2", "fig2-2"):
        rendered = FIGURES[figure_id].build(reader, PUBLISHED, "zh")
        assert "total_rank_change" in rendered.data
        assert MAIN not in rendered.data and BESIDE not in rendered.data
        assert not any("已发布" in note for note in rendered.notes)


def test_overview_shows_both_changes_and_links_to_the_revisions(
    viewer: AppTest, changes: pd.DataFrame
) -> None:
    open_page(viewer, "overview")
    ranking = viewer.dataframe[0].value
    columns = ranking.columns.tolist()
    assert "total_rank_change" not in columns
    assert columns.index(BESIDE) == columns.index(MAIN) + 1
    rows = changes.loc[EDITION, "province"]
    assert len(differing(changes, "province", rows.index.tolist())) == 2
    assert ranking[MAIN].tolist() == [arrow(c) for c in rows["total_rank_change_vs_published"]]
    assert ranking[BESIDE].tolist() == [arrow(c) for c in rows["total_rank_change"]]
    layers = chart_specs(viewer)[0]["layer"]  # the map: its regions' layer has the tooltip
    tooltip = next(layer["encoding"]["tooltip"] for layer in layers if "encoding" in layer)
    titles = {item["field"]: item["title"] for item in tooltip}
    assert titles["change"] == "排名变化（较已发布）"
    assert titles[f"{BESIDE}_text"] == "排名变化（重算）"
    assert label("rank_change.published_note", "zh", previous=PUBLISHED) in [
        caption.value for caption in viewer.caption
    ]
    links = [link for link in viewer.page_link if link.value == REVISIONS_LINK]
    assert len(links) == 1
    assert links[0].proto.query_string == f"edition={PUBLISHED}&level=province"


def test_profile_shows_the_published_change_with_the_recomputed_beside_it(
    viewer: AppTest, changes: pd.DataFrame
) -> None:
    open_page(viewer, "profile")  # 北京, provinces: up 1 against the published list, 0 recomputed
    row = changes.loc[(EDITION, "province", "110000")]
    assert (row["total_rank_change_vs_published"], row["total_rank_change"]) == (1, 0)
    rank = viewer.metric[1]
    assert rank.proto.delta == label("profile.places", "zh", places=1)
    assert rank.help == "排名变化（较已发布）"
    beside = label("profile.recomputed_change", "zh", change=arrow(row["total_rank_change"]))
    assert beside in [caption.value for caption in viewer.caption]
    assert REVISIONS_LINK in [link.value for link in viewer.page_link]


def test_the_link_opens_the_revisions_of_the_published_edition_and_level(
    viewer: AppTest, changes: pd.DataFrame
) -> None:
    open_page(viewer, "cities")
    assert REVISIONS_LINK in [link.value for link in viewer.page_link]
    viewer.query_params.update({"edition": str(PUBLISHED), "level": "city"})
    open_page(viewer, "revisions")
    assert viewer.session_state["level"] == "city"
    shown = viewer.dataframe[1].value
    moved = differing(changes, "city", changes.loc[EDITION, "city"].index.tolist())
    assert sorted(shown["代码"]) == sorted(moved)
