"""The viewer's data layer: a console that can only read, a warehouse never held open between
renders (one connection per render), a new
warehouse picked up without a restart, offline map shapes for every region, file exports."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest
from viewer_testing import APP_SCRIPT, PAGES, open_page

from app import charts, console, export, geo, queries
from app import warehouse as db

Sql = Callable[..., list[tuple[Any, ...]]]


# --------------------------------------------------------------------------------------------
# The SQL console
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "kind"),
    [
        ("insert into fct_index select * from fct_index", "not_read"),
        ("update fct_index set total_score = 0", "not_read"),
        ("create table stolen as select * from fct_index", "not_read"),
        ("drop table fct_index", "not_read"),
        ("copy fct_index to '/tmp/bdi_console_leak.csv'", "not_read"),
        ("export database '/tmp/bdi_console_export'", "not_read"),
        ("attach '/tmp/bdi_console_other.duckdb' as other", "not_read"),
        ("detach main", "not_read"),
        ("install httpfs", "not_read"),
        ("load httpfs", "not_read"),
        ("set enable_external_access = true", "not_read"),
        ("pragma version", "not_read"),
        ("checkpoint", "not_read"),
        ("select * from read_csv('/etc/passwd')", "file_access"),
        ("select * from read_text('/etc/hostname')", "file_access"),
        ("select * from glob('/etc/*')", "file_access"),
        ("select * from read_parquet('https://example.com/x.parquet')", "file_access"),
        ("select 1; select 2", "multiple"),
        ("   ", "empty"),
        ("selec 1", "syntax"),
        ("select * from no_such_table", "unknown_name"),
    ],
)
def test_console_refuses_everything_but_reading(warehouse: Path, statement: str, kind: str) -> None:
    with pytest.raises(console.ConsoleError) as refused:
        console.run_console_query(statement)
    assert refused.value.kind == kind
    assert not Path("/tmp/bdi_console_leak.csv").exists()
    assert not Path("/tmp/bdi_console_other.duckdb").exists()


def test_console_stops_a_runaway_query(warehouse: Path) -> None:
    with pytest.raises(console.ConsoleError) as stopped:
        console.run_console_query(
            "select count(*) from range(1000000000000) as a(i) where i % 7 = 3",
            timeout_seconds=0.5,
        )
    assert stopped.value.kind == "timeout"
    # The next query runs normally.
    assert console.run_console_query("select 1 as one").frame["one"].tolist() == [1]


def test_console_bounds_the_rows(warehouse: Path) -> None:
    result = console.run_console_query("select * from range(1000000)", max_rows=1000)
    assert len(result.frame) == 1000
    assert result.truncated
    small = console.run_console_query("select * from range(10)", max_rows=1000)
    assert len(small.frame) == 10
    assert not small.truncated


def test_console_cannot_see_python_variables(warehouse: Path) -> None:
    leak = pd.DataFrame({"secret": [1]})  # noqa: F841 (DuckDB's replacement scan would find it)
    with pytest.raises(console.ConsoleError) as refused:
        console.run_console_query("select * from leak")
    assert refused.value.kind == "unknown_name"


def test_connections_are_locked_down_even_without_the_statement_check(warehouse: Path) -> None:
    with db.connect() as con:
        for statement in (
            "select * from read_csv('/etc/passwd')",
            "copy (select 1) to '/tmp/bdi_console_leak.csv'",
            "attach '/tmp/bdi_console_other.duckdb' as other",
            "load httpfs",
        ):
            with pytest.raises(duckdb.PermissionException):
                con.execute(statement)
        with pytest.raises(duckdb.InvalidInputException, match="read-only"):
            con.execute("create table stolen as select 1")
        with pytest.raises(duckdb.InvalidInputException, match="locked"):
            con.execute("set enable_external_access = true")


def test_connections_open_at_the_same_time_share_the_lock(warehouse: Path) -> None:
    """Two sessions querying at once (Streamlit runs each in a thread) both get a connection."""
    with db.connect() as first, db.connect() as second:
        assert first.execute("select count(*) from dim_regions").fetchone()[0] == 368
        assert second.execute("select current_setting('lock_configuration')").fetchone()[0]
        with pytest.raises(duckdb.InvalidInputException, match="locked"):
            second.execute("set enable_external_access = true")


def test_console_page_stops_a_runaway_query_and_stays_up(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(console, "CONSOLE_TIMEOUT_SECONDS", 0.5)
    open_page(app, "sql")
    app.text_area(key="sql_text").input("select count(*) from range(1000000000000)")
    app.button[0].click().run()
    assert not app.exception
    assert any("已中止" in error.value for error in app.error)


# --------------------------------------------------------------------------------------------
# The warehouse: never held open, replaced while browsing
# --------------------------------------------------------------------------------------------


@pytest.fixture
def private_warehouse(warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the warehouse that a test may replace, published under BDI_WAREHOUSE."""
    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(warehouse, copy)
    monkeypatch.setenv("BDI_WAREHOUSE", str(copy))
    return copy


def _open_files(path: Path) -> list[str]:
    fd_dir = Path("/proc/self/fd")
    targets = []
    for fd in fd_dir.iterdir():
        try:
            targets.append(os.readlink(fd))
        except OSError:
            continue
    return [target for target in targets if target.startswith(str(path))]


def test_viewer_does_not_hold_the_warehouse_open(private_warehouse: Path) -> None:
    at = AppTest.from_file(str(APP_SCRIPT), default_timeout=60).run()
    for page in PAGES:
        open_page(at, page)
    assert _open_files(private_warehouse) == []
    # A writer in another process (as dbt would be) can open the file right away.
    writer = subprocess.run(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; duckdb.connect(sys.argv[1]).execute('checkpoint').close()",
            str(private_warehouse),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert writer.returncode == 0, writer.stderr


def test_a_render_opens_the_warehouse_once_and_closes_it(
    private_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inside page_session the queries that miss the cache share one connection; none is left
    open after it, and outside it each query opens its own."""
    opened: list[Path] = []
    real_open = db._open_read_only

    def counting_open(target: Path) -> duckdb.DuckDBPyConnection:
        opened.append(target)
        return real_open(target)

    monkeypatch.setattr(db, "_open_read_only", counting_open)
    db._cached_query.clear()
    with db.page_session():
        for level in ("province", "city"):
            db.query("select count(*) as n from fct_index where region_level = ?", [level])
        with db.page_session():  # nested: still the same connection
            db.query("select count(*) as n from dim_regions")
        assert len(opened) == 1
        assert _open_files(private_warehouse) != []
    assert _open_files(private_warehouse) == []
    db.query("select count(*) as n from fct_weights")
    db.query("select count(*) as n from fct_node_scores")
    assert len(opened) == 3
    assert _open_files(private_warehouse) == []
    with pytest.raises(duckdb.Error), db.page_session():
        db.query("select no_such_column from fct_index")
    assert _open_files(private_warehouse) == []


def test_a_render_reads_a_warehouse_published_in_its_middle(private_warehouse: Path) -> None:
    leader = "select region_name from fct_index where region_level = 'province' and total_rank = 1"
    db._cached_query.clear()
    with db.page_session():
        before = db.query(leader)["region_name"].tolist()
        _publish_renamed_leader(private_warehouse, "新发布")
        after = db.query(leader)["region_name"].tolist()
    assert "新发布" not in before and set(after) == {"新发布"}
    assert _open_files(private_warehouse) == []


def _publish_renamed_leader(published: Path, new_name: str) -> None:
    """Build a changed warehouse beside the published one and publish it by atomic rename."""
    staged = published.with_name("warehouse.duckdb.new")
    shutil.copyfile(published, staged)
    con = duckdb.connect(str(staged))
    con.execute(
        "update fct_index set region_name = ? where region_level = 'province' and total_rank = 1",
        [new_name],
    )
    con.close()
    os.replace(staged, published)


def test_a_new_warehouse_is_picked_up_without_restart(private_warehouse: Path) -> None:
    at = AppTest.from_file(str(APP_SCRIPT), default_timeout=60).run()
    assert not at.exception
    before = at.metric[0].value
    _publish_renamed_leader(private_warehouse, "新发布")
    at.run()
    assert not at.exception
    assert at.metric[0].value == "新发布" != before


def test_a_reader_of_the_old_file_never_serves_it_as_the_new_one(
    private_warehouse: Path,
) -> None:
    """A page opened while a long query still reads the replaced file waits for that query,
    then reads the new file (DuckDB would otherwise share the old file's instance)."""
    leader = "select region_name from fct_index where region_level = 'province' and total_rank = 1"
    result: dict[str, Any] = {}
    with db.connect() as old_reader:
        old_name = old_reader.execute(leader).fetchone()[0]
        _publish_renamed_leader(private_warehouse, "新发布")
        reader = threading.Thread(target=lambda: result.update(frame=db.query(leader)))
        reader.start()
        reader.join(0.5)
        assert reader.is_alive(), "the new reader must wait for the old file's connection"
    reader.join(10)
    assert old_name != "新发布"
    assert result["frame"]["region_name"].unique().tolist() == ["新发布"]


def test_a_missing_warehouse_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BDI_WAREHOUSE", str(tmp_path / "nowhere.duckdb"))
    at = AppTest.from_file(str(APP_SCRIPT), default_timeout=60).run()
    assert not at.exception
    assert any("make build" in error.value for error in at.error)


def test_a_warehouse_locked_by_a_writer_is_explained(
    private_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "LOCK_RETRY_SECONDS", 0.3)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                """
                import duckdb, sys, time
                con = duckdb.connect(sys.argv[1])
                print("locked", flush=True)
                time.sleep(60)
                """
            ),
            str(private_warehouse),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(db.WarehouseBusyError):
            with db.connect():
                pass
        at = AppTest.from_file(str(APP_SCRIPT), default_timeout=60).run()
        assert not at.exception
        assert any("正在被写入" in warning.value for warning in at.warning)
    finally:
        holder.kill()
        holder.wait()


# --------------------------------------------------------------------------------------------
# Maps, provenance, files
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("level", ["province", "city"])
def test_every_region_has_a_map_shape(sql: Sql, level: str) -> None:
    codes = {
        code
        for (code,) in sql("select region_code from dim_regions where region_level = ?", (level,))
    }
    shapes = {feature["properties"]["code"] for feature in geo.areas(level)}
    assert len(codes) == (31 if level == "province" else 337)
    assert codes - shapes == set()


def test_shapes_are_small_enough_to_send() -> None:
    import json

    size = len(json.dumps(geo.areas("city"), separators=(",", ":")))
    assert size < 800_000
    assert any(feature["geometry"]["type"] == "MultiLineString" for feature in geo.boundary_lines())


def test_map_classes_split_the_regions_by_quantile() -> None:
    values = pd.DataFrame(
        {"region_code": [f"{i:06d}" for i in range(12)], "score": [0, 0, 0, 0, *range(1, 9)]}
    )
    classed, labels = charts.quantile_classes(values, "score", ",.0f")
    assert 2 <= len(labels) <= 6
    assert classed["value_class"].isin(labels).all()
    # Each class holds the lower values of the next one: the order of the labels follows.
    order = classed.assign(rank=classed["value_class"].map(labels.index))
    assert order.groupby("rank")["score"].max().is_monotonic_increasing
    assert classed.loc[classed["score"] == 8, "value_class"].item() == labels[-1]
    empty, none = charts.quantile_classes(values.assign(score=None), "score")
    assert none == [] and empty["value_class"].isna().all()


def test_sample_flag_matches_build_info(sql: Sql) -> None:
    (flag,) = sql("select is_sample_data from build_info")[0]
    sources = {source for (source,) in sql("select distinct file_source from build_raw_files")}
    assert queries.is_sample() is bool(flag)
    # build_info and build_raw_files tell the same story about where the raw data came from.
    assert (sources == {"sample (synthetic)"}) is bool(flag)


@pytest.mark.parametrize("flag", [True, False])
def test_sample_banner_follows_build_info(private_warehouse: Path, flag: bool) -> None:
    """The synthetic-data banner shows exactly when build_info says the sample was read."""
    con = duckdb.connect(str(private_warehouse))
    con.execute("update build_info set is_sample_data = ?", [flag])
    con.close()
    at = AppTest.from_file(str(APP_SCRIPT), default_timeout=60).run()
    assert not at.exception
    banners = [warning.value for warning in at.warning if "合成样例数据" in warning.value]
    assert len(banners) == (1 if flag else 0)


def test_exports_round_trip() -> None:
    frame = pd.DataFrame(
        {
            "地区": ["北京", "上海"],
            "score": [97.5, 58.25],
            "built_at": pd.to_datetime(["2025-01-01", "2025-01-02"]).tz_localize("UTC"),
            "codes": [[1, 2], [3]],
        }
    )
    csv = pd.read_csv(io.BytesIO(export.csv_bytes(frame)), encoding="utf-8-sig")
    assert csv["地区"].tolist() == ["北京", "上海"]
    assert csv["score"].tolist() == [97.5, 58.25]
    assert export.csv_bytes(frame).startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    sheet = load_workbook(io.BytesIO(export.xlsx_bytes(frame, "表 2-1"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("地区", "score", "built_at", "codes")
    assert rows[1][:2] == ("北京", 97.5)
    assert rows[2][3] == "[3]"
