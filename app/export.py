"""Tables as files: CSV (UTF-8 with BOM, so Excel shows Chinese) and Excel (.xlsx)."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet_name: str = "data") -> bytes:
    frame = _excel_safe(frame)
    buffer = io.BytesIO()
    safe_sheet = "".join(ch for ch in sheet_name if ch not in "[]:*?/\\")[:31] or "data"
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=safe_sheet)
    return buffer.getvalue()


def _excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Excel has no time zones and no nested values: drop the zone, write nested values as text."""
    frame = frame.copy()
    for column in frame.columns:
        series = frame[column]
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            frame[column] = series.dt.tz_localize(None)
        elif series.dtype == object:
            frame[column] = series.map(
                lambda value: (
                    str(value)
                    if isinstance(value, list | dict | tuple | set | np.ndarray)
                    else value
                )
            )
    return frame
