"""The committed synthetic sample (data/sample) as the independent reference implementation (the
package index_reference) sees it: raw tables, indicator values and scores, read once per session.

Shared by test_sample.py (the generator) and test_sample_calibration.py (the report's facts).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import index_reference as ir
import pandas as pd

from bdi.contract import TABLES

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DIR = ROOT / "data" / "sample"
TABLE_NAMES = tuple(TABLES)

FIRST_TIER = ["北京", "上海", "深圳", "杭州", "广州"]
SECOND_TIER = ["南京", "合肥", "苏州", "成都", "武汉"]
THIRD_TIER = ["长沙", "天津", "无锡", "济南", "青岛", "西安", "重庆", "厦门"]


def read_tables(directory: Path) -> dict[str, pd.DataFrame]:
    return {
        table: pd.read_csv(
            directory / f"{table}.csv", dtype=str, keep_default_na=False, encoding="utf-8"
        )
        for table in TABLE_NAMES
    }


@dataclass(frozen=True)
class SampleIndicators:
    raw: dict[str, pd.DataFrame]
    regions: pd.DataFrame
    names: dict[tuple[str, str], str]  # (level, code) -> short name
    values: pd.DataFrame  # indicator values (data contract)
    scores: pd.DataFrame  # the index (methodology, default settings)


@cache
def sample_indicators() -> SampleIndicators:
    raw = read_tables(SAMPLE_DIR)
    regions = ir.load_regions()
    names = {
        (level, code): name
        for level, code, name in zip(
            regions["region_level"], regions["region_code"], regions["region_name"], strict=True
        )
    }
    values = ir.indicator_values(raw, regions)
    return SampleIndicators(raw, regions, names, values, ir.compute_index(values))


def value_of(values: pd.DataFrame, edition: int, level: str, indicator: str) -> pd.Series:
    selected = values.loc[
        (values["edition"] == edition)
        & (values["region_level"] == level)
        & (values["indicator_code"] == indicator)
    ]
    return selected.set_index("region_code")["raw_value"]


def by_name(series: pd.Series, level: str, names: dict[tuple[str, str], str]) -> pd.Series:
    return series.rename(index=lambda code: names[(level, code)])


def ranked_names(
    scores: pd.DataFrame, edition: int, level: str, names: dict, node: str = "total"
) -> list[str]:
    ranking = ir.ranking(scores, edition, level, node)
    return [names[(level, code)] for code in ranking["region_code"]]
