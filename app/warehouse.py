"""The warehouse file and its read-only connections.

The viewer never holds the warehouse open between page renders. The queries of one render
(`page_session`) share one read-only connection, opened at the first query that misses the cache,
with external access disabled and the configuration locked, and closed when the render ends;
outside a render each query opens and closes its own. Results are
cached with `st.cache_data`, keyed on the warehouse file's identity (path, inode, mtime, size):
a build that publishes a new warehouse by atomic rename changes the identity, so the next page view
reads the new file, with no restart and no stale cache. (A connection opened while one to the
replaced file is still running waits for it: see `_OpenFile`.)
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_WAREHOUSE = "warehouse.duckdb"

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

# The longest a query may run (the SQL console stops its queries then: app/console.py); a new
# connection waits that long, and a little more, for the connections to a replaced file to close.
MAX_QUERY_SECONDS = float(os.environ.get("BDI_SQL_TIMEOUT", "10"))

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
            timeout=MAX_QUERY_SECONDS + LOCK_RETRY_SECONDS,
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


class _PageConnection(threading.local):
    """The connection that the queries of one page render share (one per script thread)."""

    active = False
    key: tuple[str, tuple[int, int]] | None = None
    connection: duckdb.DuckDBPyConnection | None = None
    stack: ExitStack | None = None

    def close(self) -> None:
        stack, self.stack, self.connection, self.key = self.stack, None, None, None
        if stack is not None:
            stack.close()


_page = _PageConnection()


@contextmanager
def page_session() -> Iterator[None]:
    """Within it, this thread's queries that reach the warehouse share one connection, opened at
    the first of them and closed when the block ends. Opening the file costs DuckDB about 40 ms,
    and a page asks up to twenty queries: a render opens it once, and still holds nothing open
    between renders. A build that replaces the file during the render is read from the next
    query on (the connection to the old file is closed first)."""
    if _page.active:  # nested: the outer block owns the connection
        yield
        return
    _page.active = True
    try:
        yield
    finally:
        _page.active = False
        _page.close()


@contextmanager
def _query_connection(path: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """The render's shared connection to `path` inside page_session, else a fresh one."""
    if not _page.active:
        with connect(path) as con:
            yield con
        return
    try:
        key = (path, _file_identity(Path(path)))
    except FileNotFoundError as error:
        raise WarehouseMissingError(path) from error
    if _page.key != key:
        _page.close()
        stack = ExitStack()
        _page.connection = stack.enter_context(connect(path))
        _page.stack, _page.key = stack, key
    try:
        yield _page.connection
    except BaseException:
        _page.close()  # a failed query leaves nothing behind for the next one
        raise


@st.cache_data(max_entries=CACHE_ENTRIES, ttl=CACHE_TTL, show_spinner=False)
def _cached_query(identity: WarehouseIdentity, sql: str, params: tuple[Any, ...]) -> pd.DataFrame:
    with _query_connection(identity[0]) as con:
        return con.execute(sql, list(params)).df()


def query(sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
    """Run a read query on the current warehouse; cached until the warehouse file changes."""
    identity = warehouse_identity()
    if identity is None:
        raise WarehouseMissingError(str(warehouse_path()))
    return _cached_query(identity, sql, tuple(params))


class WarehouseReader:
    """The viewer's `Reader` (app/figures/spec.py): cached, read-only queries of the warehouse."""

    def query(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        return query(sql, params)


READER = WarehouseReader()
