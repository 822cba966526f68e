"""A Rendered (app/figures/spec.py) as the document shows it: a figure's PNG, drawn offline from
its Vega-Lite spec by vl-convert (no browser, no network) or taken as it is (Rendered.image), and
a table's header and cells as text, formatted the way the viewer shows them."""

from __future__ import annotations

import datetime as dt
import math
import struct
from typing import Any

import numpy as np
import pandas as pd
import vl_convert

from app.figures import Rendered
from app.labels import label

SCALE = 2.0  # pixels per CSS pixel of the chart: sharp in print
DEFAULT_WIDTH = 560  # a chart that fills the viewer's column gets this width in the document
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_width(png: bytes) -> int:
    """The width in pixels from the PNG's IHDR chunk."""
    if not png.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG")
    return int(struct.unpack(">I", png[16:20])[0])


def document_spec(spec: dict[str, Any], font: str) -> dict[str, Any]:
    """The viewer's spec, sized for a page and drawn in the document's font.

    A chart the viewer stretches to its column has no width of its own; a single or layered
    chart gets DEFAULT_WIDTH (a concatenation sizes its parts itself)."""
    spec = dict(spec)
    if spec.get("width") in (None, "container") and ("mark" in spec or "layer" in spec):
        spec["width"] = DEFAULT_WIDTH
    config = dict(spec.get("config") or {})
    config.setdefault("font", font)
    spec["config"] = config
    return spec


def figure_png(rendered: Rendered, font: str) -> tuple[bytes, float]:
    """(PNG, pixels per CSS pixel) of a figure."""
    if rendered.image is not None:
        return rendered.image, 1.0
    if rendered.spec is None:
        raise ValueError(f"{rendered.caption}: a figure with neither spec nor image")
    return vl_convert.vegalite_to_png(document_spec(rendered.spec, font), scale=SCALE), SCALE


def column_header(column: str, language: str) -> str:
    """A column's header: the viewer's label (col.<column>), else the column's name."""
    return label(f"col.{column}", language, default=column)


def column_decimals(values: pd.Series) -> int:
    """Decimals of a column of numbers: 0 when every value is whole (ranks, counts), 2 for
    scores and other values of 1 or more (the viewer's "%.2f"), 4 for fractions under 1
    (weights, shares, R², p-values)."""
    numbers = pd.to_numeric(values, errors="coerce").dropna()
    if len(numbers) == 0 or (numbers == numbers.round()).all():
        return 0
    return 2 if numbers.abs().max() >= 1 else 4


def cell_text(value: Any, decimals: int, language: str) -> str:
    """One cell: whole numbers as integers, others with `decimals` decimals, no data empty."""
    if isinstance(value, pd.Timestamp | dt.datetime):
        return "" if pd.isna(value) else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return label("report.yes" if value else "report.no", language)
    if isinstance(value, int):
        return f"{value:d}"
    if isinstance(value, float):
        if decimals == 0:
            return f"{value:.0f}"
        if value != 0 and abs(value) < 10 ** (-decimals):
            return f"{value:.2e}"
        return f"{value:.{decimals}f}"
    return str(value)


def table_cells(data: pd.DataFrame, language: str) -> tuple[list[str], list[list[str]], list[bool]]:
    """A table's header (localised), its cells as text row by row, and which columns hold
    numbers (set flush right)."""
    header = [column_header(str(column), language) for column in data.columns]
    decimals = {
        column: column_decimals(data[column])
        for column in data.columns
        if pd.api.types.is_float_dtype(data[column])
    }
    rows = [
        [cell_text(value, decimals.get(column, 0), language) for column, value in row.items()]
        for _, row in data.iterrows()
    ]
    numeric = [
        pd.api.types.is_numeric_dtype(data[column]) and not pd.api.types.is_bool_dtype(data[column])
        for column in data.columns
    ]
    return header, rows, numeric
