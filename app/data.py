"""All data access of the viewer: the warehouse's public tables, read-only, SQL in one place.

The viewer never holds the warehouse open between queries. Each query opens a fresh read-only
connection with external access disabled and the configuration locked, and closes it. Results are
cached with `st.cache_data`, keyed on the warehouse file's identity (path, inode, mtime, size):
a build that publishes a new warehouse by atomic rename changes the identity, so the next page view
reads the new file, with no restart and no stale cache. (A connection opened while one to the
replaced file is still running waits for it: see `_OpenFile`.)

The SQL console (`run_console_query`) runs one SELECT on such a connection, with bounded rows and
time.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_WAREHOUSE = "warehouse.duckdb"

PUBLIC_TABLES: tuple[str, ...] = (
    "dim_regions",
    "dim_indicator_tree",
    "fct_indicator_values",
    "fct_weights",
    "fct_node_scores",
    "fct_index",
    "fct_circle_scores",
    "dim_circle_members",
    "rpt_table_2_1_top_provinces",
    "rpt_table_2_2_top_cities",
    "rpt_table_2_3_circles",
    "invalid_rows",
    "build_info",
    "build_raw_files",
)
REPORT_VIEWS: tuple[str, ...] = (
    "rpt_table_2_1_top_provinces",
    "rpt_table_2_2_top_cities",
    "rpt_table_2_3_circles",
)
DIMENSIONS: tuple[str, ...] = ("industry_level", "industry_innovation", "industry_environment")
LEVELS: tuple[str, ...] = ("province", "city")

# Every connection of the process uses the same configuration (DuckDB refuses two open
# connections to one file with different settings).
CONNECTION_CONFIG: dict[str, Any] = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "python_enable_replacements": False,
    "threads": 2,
    "max_memory": "2GB",
}
LOCK_RETRY_SECONDS = 3.0

CACHE_ENTRIES = 512
CACHE_TTL = "6h"

CONSOLE_MAX_ROWS = int(os.environ.get("BDI_SQL_MAX_ROWS", "10000"))
CONSOLE_TIMEOUT_SECONDS = float(os.environ.get("BDI_SQL_TIMEOUT", "10"))
CONSOLE_ALLOWED = {"SELECT"}

WarehouseIdentity = tuple[str, int, int, int]


class WarehouseMissingError(RuntimeError):
    """The warehouse file does not exist (nothing has been built yet)."""


class WarehouseBusyError(RuntimeError):
    """The warehouse is locked by a writer (a plain `dbt build` writing into it), or a long
    query still reads the file that a build has just replaced."""


# --------------------------------------------------------------------------------------------
# The warehouse file and its connections
# --------------------------------------------------------------------------------------------


def warehouse_path() -> Path:
    """The published warehouse: $BDI_WAREHOUSE, relative paths from the project root."""
    path = Path(os.environ.get("BDI_WAREHOUSE") or DEFAULT_WAREHOUSE).expanduser()
    return path if path.is_absolute() else PROJECT_ROOT / path


def warehouse_identity() -> WarehouseIdentity | None:
    """(path, inode, mtime, size) of the warehouse file, or None when there is none."""
    path = warehouse_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (str(path), stat.st_ino, stat.st_mtime_ns, stat.st_size)


class _OpenFile:
    """Which warehouse file this process has open, and how many connections use it.

    DuckDB shares one database instance between the connections to a path that are open at the
    same time. After a build has replaced the file, a new connection opened while an old one is
    still running (a long console query) would join the old instance and read the old file; so
    it waits until the connections to the old file have closed.
    """

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.identity: tuple[int, int] | None = None
        self.count = 0


_open_file = _OpenFile()


def _file_identity(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return (stat.st_ino, stat.st_mtime_ns)


@contextmanager
def connect(path: str | Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh read-only connection, locked down, closed on exit.

    External access (files, URLs, ATTACH, COPY, extensions) is disabled and the configuration
    is locked, so no statement can turn it back on.
    """
    target = Path(path) if path is not None else warehouse_path()
    try:
        identity = _file_identity(target)
    except FileNotFoundError as error:
        raise WarehouseMissingError(str(target)) from error
    with _open_file.changed:
        if not _open_file.changed.wait_for(
            lambda: _open_file.count == 0 or _open_file.identity == identity,
            timeout=CONSOLE_TIMEOUT_SECONDS + LOCK_RETRY_SECONDS,
        ):
            raise WarehouseBusyError(str(target))
        _open_file.identity = identity
        _open_file.count += 1
    try:
        con = _open_read_only(target)
        try:
            _lock_configuration(con)
            yield con
        finally:
            con.close()
    finally:
        with _open_file.changed:
            _open_file.count -= 1
            if _open_file.count == 0:
                _open_file.identity = None
            _open_file.changed.notify_all()


def _open_read_only(target: Path) -> duckdb.DuckDBPyConnection:
    """Open the file read-only; wait a little while a writer (a plain `dbt build`) holds it."""
    deadline = time.monotonic() + LOCK_RETRY_SECONDS
    while True:
        try:
            return duckdb.connect(str(target), read_only=True, config=CONNECTION_CONFIG)
        except duckdb.IOException as error:
            if "lock" not in str(error).lower():
                raise
            if time.monotonic() > deadline:
                raise WarehouseBusyError(str(target)) from error
            time.sleep(0.1)


def _lock_configuration(con: duckdb.DuckDBPyConnection) -> None:
    """Lock the settings. Connections open at the same time share one database instance, whose
    configuration the first of them may already have locked."""
    locked = con.execute("select current_setting('lock_configuration')").fetchone()
    if not (locked and locked[0]):
        con.execute("set lock_configuration = true")


@st.cache_data(max_entries=CACHE_ENTRIES, ttl=CACHE_TTL, show_spinner=False)
def _cached_query(identity: WarehouseIdentity, sql: str, params: tuple[Any, ...]) -> pd.DataFrame:
    with connect(identity[0]) as con:
        return con.execute(sql, list(params)).df()


def query(sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
    """Run a read query on the current warehouse; cached until the warehouse file changes."""
    identity = warehouse_identity()
    if identity is None:
        raise WarehouseMissingError(str(warehouse_path()))
    return _cached_query(identity, sql, tuple(params))


# --------------------------------------------------------------------------------------------
# Catalogue
# --------------------------------------------------------------------------------------------


def existing_tables() -> frozenset[str]:
    """Names of the tables and views in the warehouse's main schema."""
    frame = query(
        """
        select table_name from duckdb_tables() where schema_name = 'main'
        union
        select view_name from duckdb_views() where schema_name = 'main' and not internal
        """
    )
    return frozenset(frame.iloc[:, 0].tolist())


def has_table(name: str) -> bool:
    return name in existing_tables()


def public_catalog() -> pd.DataFrame:
    """Every public table's columns, types and descriptions (from persist_docs comments)."""
    names = [name for name in PUBLIC_TABLES if has_table(name)]
    if not names:
        return pd.DataFrame(columns=["table_name", "column_name", "data_type", "comment"])
    placeholders = ", ".join("?" for _ in names)
    return query(
        f"""
        select table_name, column_name, data_type, coalesce(comment, '') as comment
        from duckdb_columns()
        where schema_name = 'main' and table_name in ({placeholders})
        order by table_name, column_index
        """,
        names,
    )


def table_comments() -> dict[str, str]:
    """Table and view descriptions."""
    frame = query(
        """
        select table_name as name, coalesce(comment, '') as comment
        from duckdb_tables() where schema_name = 'main'
        union all
        select view_name, coalesce(comment, '') from duckdb_views()
        where schema_name = 'main' and not internal
        """
    )
    return dict(zip(frame["name"], frame["comment"], strict=True))


# --------------------------------------------------------------------------------------------
# Public tables
# --------------------------------------------------------------------------------------------


def editions() -> list[int]:
    """The editions in the warehouse, oldest first."""
    frame = query("select distinct edition from fct_index order by edition")
    return [int(value) for value in frame["edition"]]


def regions(level: str) -> pd.DataFrame:
    return query(
        """
        select *
        from dim_regions
        where region_level = ?
        order by region_code
        """,
        [level],
    )


def indicator_tree() -> pd.DataFrame:
    return query("select * from dim_indicator_tree order by sort_order")


def index_table(edition: int, level: str) -> pd.DataFrame:
    """fct_index of one edition and level, with English name, province and macro-region."""
    return query(
        """
        with

        fct_index as (
            select * from fct_index where edition = ? and region_level = ?
        ),

        dim_regions as (
            select * from dim_regions
        ),

        final as (
            select
                fct_index.*,
                dim_regions.region_name_en,
                dim_regions.province_code,
                dim_regions.province_name,
                dim_regions.macro_region
            from fct_index
            inner join dim_regions
                on fct_index.region_level = dim_regions.region_level
                and fct_index.region_code = dim_regions.region_code
        )

        select * from final
        order by total_rank, region_code
        """,
        [edition, level],
    )


def node_scores(edition: int, level: str) -> pd.DataFrame:
    """Scores, ranks and rank changes of every node (levels 0–2) and region, with names."""
    return query(
        """
        select
            scores.region_code,
            regions.region_name,
            regions.region_name_en,
            regions.macro_region,
            scores.node_code,
            tree.node_level,
            tree.parent_code,
            tree.name_zh,
            tree.name_en,
            tree.sort_order,
            scores.score,
            scores.score_rank,
            scores.rank_change
        from fct_node_scores as scores
        inner join dim_regions as regions
            on scores.region_level = regions.region_level
            and scores.region_code = regions.region_code
        inner join dim_indicator_tree as tree
            on scores.node_code = tree.node_code
        where scores.edition = ? and scores.region_level = ?
        order by tree.sort_order, scores.score_rank, scores.region_code
        """,
        [edition, level],
    )


def indicator_values(edition: int, level: str) -> pd.DataFrame:
    """Raw and normalised values of the 18 indicators for every region, with names and units."""
    return query(
        """
        select
            vals.region_code,
            regions.region_name,
            regions.region_name_en,
            regions.province_code,
            regions.province_name,
            regions.macro_region,
            vals.indicator_code,
            tree.name_zh,
            tree.name_en,
            tree.unit,
            tree.parent_code,
            tree.sort_order,
            vals.data_year,
            vals.raw_value,
            vals.normalized_value
        from fct_indicator_values as vals
        inner join dim_regions as regions
            on vals.region_level = regions.region_level
            and vals.region_code = regions.region_code
        inner join dim_indicator_tree as tree
            on vals.indicator_code = tree.node_code
        where vals.edition = ? and vals.region_level = ?
        order by tree.sort_order, vals.region_code
        """,
        [edition, level],
    )


def region_history(level: str, region_code: str) -> pd.DataFrame:
    """One region's scores, ranks and rank changes of the total and dimensions, every edition."""
    return query(
        """
        select
            scores.edition,
            scores.node_code,
            tree.name_zh,
            tree.name_en,
            tree.sort_order,
            scores.score,
            scores.score_rank,
            scores.rank_change
        from fct_node_scores as scores
        inner join dim_indicator_tree as tree
            on scores.node_code = tree.node_code
        where scores.region_level = ? and scores.region_code = ? and tree.node_level <= 1
        order by scores.edition, tree.sort_order
        """,
        [level, region_code],
    )


def weights(edition: int, level: str) -> pd.DataFrame:
    """This edition's weights of every node within its parent, in tree order."""
    return query(
        """
        select
            tree.node_code,
            tree.node_level,
            tree.parent_code,
            tree.name_zh,
            tree.name_en,
            tree.direction,
            tree.unit,
            tree.sort_order,
            weights.weight,
            -- the total is the whole index
            case when tree.node_level = 0 then 1.0 else weights.weight_in_total end
                as weight_in_total,
            weights.weighting_method
        from dim_indicator_tree as tree
        left join fct_weights as weights
            on tree.node_code = weights.node_code
            and weights.edition = ?
            and weights.region_level = ?
        order by tree.sort_order
        """,
        [edition, level],
    )


def circle_scores(edition: int) -> pd.DataFrame:
    """Every circle's score, rank and rank change per node (levels 0–2), with names."""
    return query(
        """
        with

        circle_names as (
            select distinct circle_code, circle_name_en from dim_circle_members
        ),

        final as (
            select
                scores.circle_code,
                scores.circle_name,
                circle_names.circle_name_en,
                scores.member_count,
                scores.node_code,
                tree.node_level,
                tree.name_zh,
                tree.name_en,
                tree.sort_order,
                scores.score,
                scores.score_rank,
                scores.rank_change
            from fct_circle_scores as scores
            inner join dim_indicator_tree as tree
                on scores.node_code = tree.node_code
            left join circle_names
                on scores.circle_code = circle_names.circle_code
            where scores.edition = ?
        )

        select * from final
        order by sort_order, score_rank, circle_code
        """,
        [edition],
    )


def circle_member_scores(edition: int) -> pd.DataFrame:
    """Member cities of every circle with their total and dimension scores and ranks."""
    return query(
        """
        select
            members.circle_code,
            members.circle_name,
            members.circle_name_en,
            idx.*  exclude (edition, region_level),
            regions.region_name_en
        from dim_circle_members as members
        inner join fct_index as idx
            on members.region_code = idx.region_code
            and idx.region_level = 'city'
            and idx.edition = ?
        inner join dim_regions as regions
            on regions.region_level = 'city'
            and members.region_code = regions.region_code
        order by members.circle_code, idx.total_rank
        """,
        [edition],
    )


def report_table(view: str, edition: int) -> pd.DataFrame:
    """One of the report's table views (表2-1 … 2-3) for one edition, as the warehouse has it."""
    if view not in REPORT_VIEWS:
        raise ValueError(f"not a report view: {view}")
    catalog = public_catalog()
    columns = set(catalog.loc[catalog["table_name"] == view, "column_name"])
    where = "where edition = ?" if "edition" in columns else ""
    order = "order by total_rank" if "total_rank" in columns else ""
    return query(f"select * from {view} {where} {order}", [edition] if where else [])


def invalid_row_counts() -> pd.DataFrame:
    """Invalid raw rows per source table and rule (empty when the build had none)."""
    if not has_table("invalid_rows"):
        return pd.DataFrame(columns=["source_table", "rule", "reason", "row_count"])
    return query(
        """
        select source_table, rule, min(reason) as reason, count(*) as row_count
        from invalid_rows
        group by source_table, rule
        order by source_table, rule
        """
    )


def build_info() -> pd.DataFrame | None:
    """The build's provenance (one row), or None when this warehouse has none."""
    if not has_table("build_info"):
        return None
    return query("select * from build_info")


def build_raw_files() -> pd.DataFrame | None:
    """The raw files the build read (path, checksum, rows), or None when not recorded."""
    if not has_table("build_raw_files"):
        return None
    return query("select * from build_raw_files order by table_name")


SAMPLE_FLAG_COLUMNS = ("is_sample_data", "is_sample", "is_synthetic", "uses_sample")
SAMPLE_SOURCE_COLUMNS = ("data_source", "raw_source", "source")


def is_sample() -> bool:
    """Whether the warehouse was built from the bundled synthetic sample.

    build_info says so when it exists (a flag column, a source column naming the sample, or an
    empty raw directory); otherwise the sample's seed tables (`raw_enterprises`, …), which dbt
    loads only when no raw directory is given, give it away.
    """
    info = build_info()
    if info is not None and len(info) > 0:
        verdict = _sample_from_build_info(info)
        if verdict is not None:
            return verdict
    return has_table("raw_enterprises")


def _sample_from_build_info(info: pd.DataFrame) -> bool | None:
    columns = {column.lower(): column for column in info.columns}
    key_column = next((columns[name] for name in ("key", "name", "item") if name in columns), None)
    if key_column is not None and "value" in columns:
        pairs = dict(
            zip(info[key_column].astype(str).str.lower(), info[columns["value"]], strict=True)
        )
        record: dict[str, Any] = pairs
    else:
        record = {column.lower(): info[column].iloc[0] for column in info.columns}
    for name in SAMPLE_FLAG_COLUMNS:
        if name in record and record[name] is not None and not pd.isna(record[name]):
            value = record[name]
            return str(value).strip().lower() in ("true", "1", "yes", "y", "t")
    for name in SAMPLE_SOURCE_COLUMNS:
        if name in record and isinstance(record[name], str):
            return "sample" in record[name].lower() or "synthetic" in record[name].lower()
    if "raw_dir" in record:
        value = record["raw_dir"]
        return value is None or (not isinstance(value, str)) or value.strip() == ""
    return None


# --------------------------------------------------------------------------------------------
# The SQL console
# --------------------------------------------------------------------------------------------


class ConsoleError(Exception):
    """A console query that was refused or failed. `kind` names the reason for the UI."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True)
class ConsoleResult:
    frame: pd.DataFrame
    truncated: bool
    seconds: float


def run_console_query(
    sql: str,
    max_rows: int = CONSOLE_MAX_ROWS,
    timeout_seconds: float = CONSOLE_TIMEOUT_SECONDS,
) -> ConsoleResult:
    """Run one analyst query: SELECT only, read-only, no file access, bounded rows and time.

    Raises ConsoleError with kind `empty`, `multiple`, `not_read`, `file_access`, `timeout`,
    `syntax`, `unknown_name`, `memory`, `missing`, `busy` or `failed`.
    """
    text = sql.strip().rstrip(";").strip()
    if not text:
        raise ConsoleError("empty")
    started = time.perf_counter()
    try:
        with connect() as con:
            try:
                statements = con.extract_statements(text)
            except duckdb.ParserException as error:
                raise ConsoleError("syntax", _first_line(error)) from error
            if len(statements) != 1:
                raise ConsoleError("multiple", str(len(statements)))
            kind = statements[0].type.name
            if kind not in CONSOLE_ALLOWED:
                raise ConsoleError("not_read", kind)
            timer = threading.Timer(timeout_seconds, con.interrupt)
            timer.start()
            try:
                frame = con.sql(text).limit(max_rows + 1).df()
            finally:
                timer.cancel()
    except WarehouseMissingError as error:
        raise ConsoleError("missing", str(error)) from error
    except WarehouseBusyError as error:
        raise ConsoleError("busy", str(error)) from error
    except duckdb.InterruptException as error:
        raise ConsoleError("timeout", f"{timeout_seconds:g}") from error
    except duckdb.PermissionException as error:
        raise ConsoleError("file_access", _first_line(error)) from error
    except duckdb.ParserException as error:
        raise ConsoleError("syntax", _first_line(error)) from error
    except (duckdb.CatalogException, duckdb.BinderException) as error:
        raise ConsoleError("unknown_name", _first_line(error)) from error
    except duckdb.OutOfMemoryException as error:
        raise ConsoleError("memory", _first_line(error)) from error
    except duckdb.Error as error:
        raise ConsoleError("failed", _first_line(error)) from error
    truncated = len(frame) > max_rows
    return ConsoleResult(
        frame=frame.head(max_rows), truncated=truncated, seconds=time.perf_counter() - started
    )


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
