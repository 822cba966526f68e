"""The sample generator: the raw tables for a number of enterprises and a seed."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa

from bdi.sample.calibration import (
    BASE_ENTERPRISES,
    DATA_YEARS,
    DEFAULT_SEED,
    Calibration,
    load_calibration,
)
from bdi.sample.context import make_context
from bdi.sample.enterprises import EnterpriseTables
from bdi.sample.public_records import PublicRecords
from bdi.sample.topics import topic_tables
from bdi.sample.units import DEFAULT_REGIONS


class SampleGenerator:
    """The raw tables for a number of enterprises and a seed."""

    def __init__(
        self,
        n_enterprises: int = BASE_ENTERPRISES,
        seed: int = DEFAULT_SEED,
        regions_path: Path = DEFAULT_REGIONS,
        calibration: Calibration | None = None,
    ) -> None:
        context = make_context(n_enterprises, seed, regions_path, calibration or load_calibration())
        self.enterprise_tables = EnterpriseTables(context)
        self.public_records = PublicRecords(context)
        self.topics_rng = context.rng["topics"]

    def tables(self) -> Iterable[tuple[str, pa.Table]]:
        """Every table in contract order; enterprise_annual one data year at a time."""
        enterprises, records = self.enterprise_tables, self.public_records
        yield "enterprises", enterprises.enterprises()
        for year in DATA_YEARS:
            yield "enterprise_annual", enterprises.enterprise_annual(year)
        yield "financing_events", enterprises.financing_events()
        yield "policies", records.policies()
        yield "universities", records.universities()
        yield "institutions", records.institutions()
        yield from topic_tables(self.topics_rng)
