"""Synthetic raw data for the BDI warehouse: the raw tables of the data contract (the six, and
the optional special topics).

THE DATA ARE SYNTHETIC. No row describes a real enterprise, policy, university or institution, and
every name carries the marker （模拟）. The generator is calibrated so that the index computed from
its output resembles the 2025 report (中国大数据产业发展指数报告 2025版): the skew between cities,
the counts the report publishes (management agencies in 299 cities, data exchanges in 27
provinces, unicorns in 28 cities, tech staff of listed enterprises in 北京, 深圳 and 上海,
alliances, universities with a big-data major, policies), plausible growth from year to year, and
the report's city and province rankings (tests/python/test_sample.py checks all of it). The
report's city tiers are rank bands (5, 5 and 8 cities), which the default tier_method,
rank_cutoffs, reproduces on this sample; natural breaks (jenks) give 北京, 上海 | 深圳, 杭州, 广州 |
the other 15, because 北京 must also lead 广东 among the provinces
(test_natural_break_tiers_of_the_sample).

Usage, from the project root::

    python -m bdi.sample                         # the committed sample: data/sample/<table>.csv
    python -m bdi.sample --out DIR               # DIR/enterprises.csv, ...
    python -m bdi.sample --format parquet --enterprises 400000 --out DIR  # DIR/<table>.parquet

Same seed and size, same bytes: every draw comes from numpy's PCG64 through a fixed tree of
SeedSequence streams (one per concern, so that a change in one table leaves the others alone;
context.py), nothing depends on dict or set order, and numbers are written with a fixed number of
decimals. Everything is vectorised, so that national scale (400,000 enterprises) takes seconds and
ten times that about a minute; the enterprise_annual table is written one data year at a time.

The model. Every place where a record can be registered is a *unit* (units.py): the 337 cities,
county-level units administered by a province and the provinces themselves. Each unit has a
profile: hand-set for the cities the report names, drawn from its province's profile otherwise.
The profile fixes the expected number of enterprises; the shares of listed, high-tech and gazelle
enterprises; multipliers of market cap, financing, patents and software copyrights; the tech staff
of listed enterprises; and the numbers of policies, universities, management agencies, alliances
and data exchanges. Expected counts become integers by stochastic or largest-remainder rounding
and per-unit totals are rescaled to the profile, which keeps the skew between cities under
control; which enterprise is listed, when it was founded, how many patents it holds and so on stay
random (enterprises.py, public_records.py). Row counts of every table scale with the number of
enterprises (the default, 10,000, is the size of the real database).

The calibration is data: the CSV and TOML files of bdi/sample/calibration/ (calibration.py reads
them; their README.md says what each column means).

Modules: calibration (constants, data files), units (units, profiles), draws (random helpers),
context (random streams, shared state), enterprises and public_records (the tables), topics (the
special topics and the policy titles' hot topics, calibration/topics.toml …), columns
(Arrow columns), generator (SampleGenerator), writers (CSV/Parquet files, generate), __main__
(the command line).
"""

from __future__ import annotations

from bdi.contract import TABLES
from bdi.sample.calibration import BASE_ENTERPRISES, DEFAULT_SEED, SYNTHETIC_MARK
from bdi.sample.generator import SampleGenerator
from bdi.sample.units import DEFAULT_REGIONS
from bdi.sample.writers import FORMATS, file_name, generate

__all__ = [
    "BASE_ENTERPRISES",
    "DEFAULT_REGIONS",
    "DEFAULT_SEED",
    "FORMATS",
    "SYNTHETIC_MARK",
    "TABLES",
    "SampleGenerator",
    "file_name",
    "generate",
]
