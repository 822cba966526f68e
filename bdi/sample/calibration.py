"""The calibration of the synthetic sample: constants of the model and the data files that hold
its tables (``bdi/sample/calibration/``, described in its README.md).

The tables are data, not code: an analyst who wants another synthetic country edits a CSV or TOML
file and re-runs ``make sample``; nothing here changes. They live beside the generator, not among
the warehouse's inputs, because only the generator reads them.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

CALIBRATION_DIR = Path(__file__).with_name("calibration")

DEFAULT_SEED = 2025
BASE_ENTERPRISES = 10_000  # the size the calibration tables are written for
FIRST_YEAR, LAST_YEAR = 2019, 2024  # data years; editions 2020–2025
DATA_YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
FIRST_FINANCING_YEAR = 2016
NEVER = 9999  # "year" of an event that does not happen
SYNTHETIC_MARK = "（模拟）"

# Decimals written for the number columns (亿元).
DECIMALS = {"market_cap": 2, "valuation": 2, "amount": 4}


@dataclass(frozen=True)
class Vocabulary:
    """Words of the invented names (vocabulary.toml), in the order the generator draws them."""

    brand_syllables: tuple[str, ...]
    enterprise_kinds: tuple[str, ...]
    rounds: tuple[str, ...]
    policy_topics: tuple[str, ...]
    policy_kinds: tuple[str, ...]
    law_kinds: tuple[str, ...]
    university_kinds: tuple[str, ...]
    institution_kinds: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Calibration:
    """Everything the generator is calibrated with; CSV rows stay text, keyed by their header."""

    named_cities: list[dict[str, str]]  # named_cities.csv
    provinces: dict[str, dict[str, str]]  # provinces.csv, by region_code
    unicorns: list[dict[str, str]]  # unicorns.csv, in file order (the draws follow it)
    data_exchanges: list[dict[str, str]]  # data_exchanges.csv, in file order
    year_on_year: dict[str, dict[str, float]]  # year_on_year.csv: code -> {dimension: factor}
    favoured_districts: dict[str, float]  # favoured_districts.csv: code -> weight
    county_units: dict[str, tuple[str, ...]]  # county_units.csv: province code -> unit codes
    cycles: dict[str, dict[int, float]]  # years.toml [cycle.*]
    growth: dict[str, float]  # years.toml [growth]
    cumulative: dict[str, dict[int, int]]  # years.toml [cumulative.*]
    year_weights: dict[str, dict[int, float]]  # years.toml [weights.*]
    latest_founding: np.datetime64
    latest_end: np.datetime64
    policies_per_weight: float
    policy_province_share: float
    province_code_share: float
    agency_laggards: tuple[str, ...]
    vocabulary: Vocabulary


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_toml(path: Path) -> dict[str, Any]:
    with open(path, "rb") as handle:
        return tomllib.load(handle)


# The dimensions of year_on_year.csv, one column each.
YEAR_ON_YEAR_DIMENSIONS = ("level", "innovation", "environment")


def read_year_on_year(path: Path) -> dict[str, dict[str, float]]:
    """year_on_year.csv as {region code: {dimension: factor}}. A factor is the region's values in
    the data years before the last as a multiple of the national path: below 1, the region gained
    on the others in the last year. Environment records can only be dated later, not earlier, so
    its factors cannot exceed 1."""
    factors: dict[str, dict[str, float]] = {}
    for row in read_csv(path):
        if row["region_code"] in factors:
            raise ValueError(f"calibration: {row['region_code']} twice in {path.name}")
        values = {name: float(row[name]) for name in YEAR_ON_YEAR_DIMENSIONS}
        if min(values.values()) <= 0 or values["environment"] > 1:
            raise ValueError(f"calibration: {path.name}: factors out of range in {row}")
        factors[row["region_code"]] = values
    return factors


def _by_year(table: dict[str, Any], name: str) -> dict[int, Any]:
    """A TOML table keyed by year ("2019" = …) as {2019: …}, checking that every key is a year."""
    if not table or not all(key.isdigit() and len(key) == 4 for key in table):
        raise ValueError(f"calibration: [{name}] must map years to numbers, got {sorted(table)}")
    return {int(year): value for year, value in table.items()}


@cache
def load_calibration(directory: Path = CALIBRATION_DIR) -> Calibration:
    """Read the calibration files of ``directory`` (default: the committed ones)."""
    years = read_toml(directory / "years.toml")
    settings = read_toml(directory / "settings.toml")
    words = read_toml(directory / "vocabulary.toml")
    county_units: dict[str, tuple[str, ...]] = {}
    for row in read_csv(directory / "county_units.csv"):
        county_units[row["province_code"]] = (
            *county_units.get(row["province_code"], ()),
            row["region_code"],
        )
    return Calibration(
        named_cities=read_csv(directory / "named_cities.csv"),
        provinces={row["region_code"]: row for row in read_csv(directory / "provinces.csv")},
        unicorns=read_csv(directory / "unicorns.csv"),
        data_exchanges=read_csv(directory / "data_exchanges.csv"),
        year_on_year=read_year_on_year(directory / "year_on_year.csv"),
        favoured_districts={
            row["region_code"]: float(row["weight"])
            for row in read_csv(directory / "favoured_districts.csv")
        },
        county_units=county_units,
        cycles={name: _by_year(table, f"cycle.{name}") for name, table in years["cycle"].items()},
        growth={name: float(value) for name, value in years["growth"].items()},
        cumulative={
            name: _by_year(table, f"cumulative.{name}")
            for name, table in years["cumulative"].items()
        },
        year_weights={
            name: _by_year(table, f"weights.{name}") for name, table in years["weights"].items()
        },
        latest_founding=np.datetime64(settings["latest_founding"].isoformat()),
        latest_end=np.datetime64(settings["latest_end"].isoformat()),
        policies_per_weight=float(settings["policies_per_weight"]),
        policy_province_share=float(settings["policy_province_share"]),
        province_code_share=float(settings["province_code_share"]),
        agency_laggards=tuple(settings["agency_laggards"]),
        vocabulary=Vocabulary(
            brand_syllables=tuple(words["brand_syllables"]),
            enterprise_kinds=tuple(words["enterprise_kinds"]),
            rounds=tuple(words["rounds"]),
            policy_topics=tuple(words["policy_topics"]),
            policy_kinds=tuple(words["policy_kinds"]),
            law_kinds=tuple(words["law_kinds"]),
            university_kinds=tuple(words["university_kinds"]),
            institution_kinds={
                kind: tuple(labels) for kind, labels in words["institution_kinds"].items()
            },
        ),
    )
