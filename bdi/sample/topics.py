"""The sample's special topics and the hot topics of its policy titles (SYNTHETIC).

* `topic_tables`: the optional raw tables topics and topic_values (docs/data-contract.md) from
  calibration/topics.toml and calibration/topic_weights.csv: each topic's total split over its
  regions by largest remainder, the weights multiplied by lognormal noise from the `topics` random
  stream. The topics do not scale with the number of enterprises: they are national lists.
* `policy_topic_texts`: the <topic> of each policy title. A policy issued in a data year with hot
  topics (calibration/policy_hot_topics.csv) takes one of them with its share, else one of the
  vocabulary's general topics, so that the year's word cloud (图4-5) shows the report's hot words
  (2024: 数字化转型, 智能制造, 智能工厂, 数据要素). One uniform draw per policy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pyarrow as pa

from bdi.sample.calibration import CALIBRATION_DIR, read_csv, read_toml
from bdi.sample.columns import take_text
from bdi.sample.draws import largest_remainder


@dataclass(frozen=True)
class TopicCalibration:
    topics: tuple[dict, ...]  # topics.toml [[topic]], in file order
    weights: dict[str, tuple[tuple[str, float], ...]]  # topic_weights.csv: topic -> (code, weight)
    # policy_hot_topics.csv: data year -> (topic, share)
    hot_topics: dict[int, tuple[tuple[str, float], ...]]


@cache
def load_topic_calibration(directory: Path = CALIBRATION_DIR) -> TopicCalibration:
    weights: dict[str, list[tuple[str, float]]] = {}
    for row in read_csv(directory / "topic_weights.csv"):
        weights.setdefault(row["topic_code"], []).append((row["region_code"], float(row["weight"])))
    hot: dict[int, list[tuple[str, float]]] = {}
    for row in read_csv(directory / "policy_hot_topics.csv"):
        hot.setdefault(int(row["data_year"]), []).append((row["topic"], float(row["share"])))
    return TopicCalibration(
        topics=tuple(read_toml(directory / "topics.toml")["topic"]),
        weights={code: tuple(pairs) for code, pairs in weights.items()},
        hot_topics={year: tuple(pairs) for year, pairs in hot.items()},
    )


def topic_values(calibration: TopicCalibration, rng: np.random.Generator) -> list[dict]:
    """One row per topic and region: topic_code, region_code, year, value (integers)."""
    rows = []
    for topic in calibration.topics:
        source = topic.get("weights_from", topic["topic_code"])
        codes = [code for code, _ in calibration.weights[source]]
        weight = np.array([w for _, w in calibration.weights[source]]) + topic.get(
            "weight_offset", 0.0
        )
        sigma = float(topic["noise"])
        if sigma > 0:
            weight = weight * rng.lognormal(0.0, sigma, len(weight))
        values = largest_remainder(weight, int(topic["total"]))
        rows.extend(
            {
                "topic_code": topic["topic_code"],
                "region_code": code,
                "year": int(topic["year"]),
                "value": int(value),
            }
            for code, value in zip(codes, values, strict=True)
        )
    return rows


def topic_tables(
    rng: np.random.Generator, calibration: TopicCalibration | None = None
) -> Iterable[tuple[str, pa.Table]]:
    """The raw tables topics and topic_values of the sample."""
    calibration = calibration or load_topic_calibration()
    topics = pa.Table.from_pylist(
        [
            {key: topic[key] for key in ("topic_code", "name_zh", "name_en", "unit")}
            for topic in calibration.topics
        ]
    )
    yield "topics", topics
    yield "topic_values", pa.Table.from_pylist(topic_values(calibration, rng))


def policy_topic_texts(
    general: Sequence[str],
    issued_years: np.ndarray,
    rng: np.random.Generator,
    calibration: TopicCalibration | None = None,
) -> pa.Array:
    """The <topic> of each policy title, by the year it was issued."""
    calibration = calibration or load_topic_calibration()
    hot_texts = sorted({text for pairs in calibration.hot_topics.values() for text, _ in pairs})
    vocabulary = (*general, *hot_texts)
    draw = rng.random(len(issued_years))
    chosen = np.minimum((draw * len(general)).astype(np.int64), len(general) - 1)
    for year, pairs in calibration.hot_topics.items():
        in_year = issued_years == year
        hot_share = sum(share for _, share in pairs)
        # The general topics fill the rest of the year, evenly over the remaining draws.
        rest = (draw - hot_share) / (1.0 - hot_share) * len(general)
        year_choice = np.minimum(np.floor(np.maximum(rest, 0)).astype(np.int64), len(general) - 1)
        bounds = np.cumsum([share for _, share in pairs])
        for position in range(len(pairs) - 1, -1, -1):
            index = len(general) + hot_texts.index(pairs[position][0])
            year_choice = np.where(draw < bounds[position], index, year_choice)
        chosen = np.where(in_year, year_choice, chosen)
    return take_text(vocabulary, chosen)
