"""Arrow columns of the sample tables: ids, text drawn from a vocabulary, dates, numbers."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def ids(prefix: str, count: int, width: int) -> pa.Array:
    numbers = pc.utf8_lpad(pa.array(np.arange(1, count + 1)).cast(pa.string()), width, "0")
    return pc.binary_join_element_wise(prefix, numbers, "")


def take_text(
    vocabulary: Sequence[str] | np.ndarray, index: np.ndarray, null: np.ndarray | None = None
) -> pa.Array:
    index = np.asarray(index, dtype=np.int64)
    taken = pa.array(list(vocabulary), pa.string()).take(pa.array(np.clip(index, 0, None)))
    if null is not None:
        taken = pc.if_else(pa.array(null), pa.scalar(None, pa.string()), taken)
    return taken


def choose_text(vocabulary: Sequence[str], size: int, rng: np.random.Generator) -> pa.Array:
    return take_text(vocabulary, rng.integers(0, len(vocabulary), size))


def date_array(dates: np.ndarray) -> pa.Array:
    days = dates.astype("datetime64[D]")
    return pa.array(days.astype(np.int64).astype(np.int32), mask=np.isnat(days)).cast(pa.date32())


def number_array(values: np.ndarray, decimals: int) -> pa.Array:
    values = np.asarray(values, dtype=float)
    return pa.array(np.round(values, decimals), mask=np.isnan(values))


def integer_array(values: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    values = np.asarray(values)
    mask = np.zeros(len(values), dtype=bool) if null is None else np.asarray(null)
    return pa.array(np.where(mask, 0, values).astype(np.int64), mask=mask)
