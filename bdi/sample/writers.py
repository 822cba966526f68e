"""Writing the sample: CSV as an analyst's export writes it, or Parquet; same seed, same bytes."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from bdi.contract import TABLES
from bdi.sample.calibration import BASE_ENTERPRISES, DECIMALS, DEFAULT_SEED
from bdi.sample.generator import SampleGenerator
from bdi.sample.units import DEFAULT_REGIONS

FORMATS = ("csv", "parquet")


def as_text(table: pa.Table) -> pa.Table:
    """Every column as text as an analyst's CSV export writes it: ISO dates, true/false, fixed
    decimals for numbers, null as empty."""
    columns = []
    for name in table.column_names:
        column = table[name].combine_chunks()
        if pa.types.is_floating(column.type):
            scale = 10 ** DECIMALS[name]
            units = pc.cast(
                pc.round(pc.multiply(pc.fill_null(column, 0.0), float(scale))), pa.int64()
            )
            whole = pc.cast(pc.divide(units, scale), pa.string())
            fraction = pc.utf8_lpad(
                pc.cast(pc.remainder(units, scale), pa.string()), DECIMALS[name], "0"
            )
            text = pc.binary_join_element_wise(whole, fraction, ".")
            column = pc.if_else(column.is_valid(), text, pa.scalar(None, pa.string()))
        else:
            column = pc.cast(column, pa.string())
        columns.append(column)
    return pa.table(columns, names=table.column_names)


class TableWriter:
    """Appends parts of one table to a CSV or Parquet file."""

    def __init__(self, path: Path, file_format: str) -> None:
        self.path, self.format, self.rows = path, file_format, 0
        self._parquet: pq.ParquetWriter | None = None
        self._csv: BinaryIO | None = None

    def write(self, table: pa.Table) -> None:
        if self.format == "parquet":
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.path, table.schema, compression="zstd")
            self._parquet.write_table(table, row_group_size=1_000_000)
        else:
            header = self._csv is None
            if self._csv is None:
                self._csv = open(self.path, "wb")  # noqa: SIM115 - closed in close()
            options = pacsv.WriteOptions(
                include_header=header,
                quoting_style="none",
                quoting_header="none",
                batch_size=65_536,
            )
            pacsv.write_csv(as_text(table), self._csv, options)
        self.rows += table.num_rows

    def close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
        if self._csv is not None:
            self._csv.close()


def file_name(table: str, file_format: str) -> str:
    """<table>.csv or <table>.parquet, as the data contract names the raw files."""
    if file_format not in FORMATS:
        raise ValueError(f"unknown format {file_format!r}; use one of {FORMATS}")
    return f"{table}.{file_format}"


def generate(
    out: Path,
    file_format: str = "csv",
    n_enterprises: int = BASE_ENTERPRISES,
    seed: int = DEFAULT_SEED,
    regions_path: Path = DEFAULT_REGIONS,
) -> dict[str, int]:
    """Write the raw tables to ``out``; returns the number of rows per table."""
    if file_format not in FORMATS:
        raise ValueError(f"unknown format {file_format!r}; use one of {FORMATS}")
    out.mkdir(parents=True, exist_ok=True)
    generator = SampleGenerator(n_enterprises, seed, regions_path)
    writers = {
        table: TableWriter(out / file_name(table, file_format), file_format) for table in TABLES
    }
    try:
        for table, part in generator.tables():
            writers[table].write(part.select(list(TABLES[table])))
    finally:
        for writer in writers.values():
            writer.close()
    return {table: writer.rows for table, writer in writers.items()}
