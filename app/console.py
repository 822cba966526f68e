"""The SQL console: one analyst query, SELECT only, on a locked-down read-only connection, with
bounded rows and time."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass

import duckdb
import pandas as pd

from app.warehouse import MAX_QUERY_SECONDS, WarehouseBusyError, WarehouseMissingError, connect

CONSOLE_MAX_ROWS = int(os.environ.get("BDI_SQL_MAX_ROWS", "10000"))
CONSOLE_TIMEOUT_SECONDS = MAX_QUERY_SECONDS
CONSOLE_ALLOWED = {"SELECT"}


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
