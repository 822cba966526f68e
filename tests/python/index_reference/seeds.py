"""The reference seeds (seeds/reference/*.csv), read as the methodology needs them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

PROJECT_ROOT = Path(__file__).resolve().parents[3]
REFERENCE_DIR = PROJECT_ROOT / "seeds" / "reference"


def load_regions(path: Path | None = None) -> pd.DataFrame:
    """The region reference seed (31 provinces, 337 cities), codes as text."""
    path = path or REFERENCE_DIR / "ref_regions.csv"
    regions = pd.read_csv(path, dtype=str, keep_default_na=False)
    regions["is_municipality"] = regions["is_municipality"].str.lower() == "true"
    return regions


def load_tree(path: Path | None = None) -> pd.DataFrame:
    """The indicator tree seed (node_code, node_level, parent_code, direction, sort_order)."""
    path = path or REFERENCE_DIR / "ref_indicator_tree.csv"
    tree = pd.read_csv(path, dtype=str, keep_default_na=False)
    tree["node_level"] = tree["node_level"].astype(int)
    tree["sort_order"] = tree["sort_order"].astype(int)
    tree["parent_code"] = tree["parent_code"].replace("", None)
    return tree


@dataclass(frozen=True)
class ReferenceData:
    """Everything besides the indicator values that the index depends on."""

    tree: pd.DataFrame
    expert_weights: dict[str, float]
    circles: pd.DataFrame  # circle_code, circle_name, region_code
    regions: pd.DataFrame


def load_reference_data(seed_dir: Path = REFERENCE_DIR) -> ReferenceData:
    """The four reference seeds of a project (``seed_dir``: its seeds/reference)."""
    expert = pd.read_csv(seed_dir / "ref_expert_weights.csv")
    circles = pd.read_csv(seed_dir / "ref_circle_members.csv", dtype=str, keep_default_na=False)
    return ReferenceData(
        tree=load_tree(seed_dir / "ref_indicator_tree.csv"),
        expert_weights=dict(zip(expert["node_code"], expert["expert_weight"], strict=True)),
        circles=circles[["circle_code", "circle_name", "region_code"]],
        regions=load_regions(seed_dir / "ref_regions.csv"),
    )
