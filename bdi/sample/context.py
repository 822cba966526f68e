"""What every part of the sample generator shares: size, random streams, units, profiles."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bdi.sample.calibration import BASE_ENTERPRISES, DATA_YEARS, Calibration
from bdi.sample.units import PlaceNames, Profiles, Units, build_profiles, build_units, load_regions

# One random stream per concern, spawned in this order from the seed: a change in one table
# leaves the others' draws alone. Appending a stream keeps the existing ones; reordering does not.
STREAMS = (
    "profiles",
    "enterprises",
    "listing",
    "hitech",
    "website",
    "unicorn",
    "amounts",
    "financing",
    "policies",
    "universities",
    "institutions",
    "names",
    *(f"year{year}" for year in DATA_YEARS),
    "topics",  # the special topics (bdi/sample/topics.py)
    # Policies and alliances dated into the last data year (calibration/year_on_year.csv).
    "year_on_year_policies",
    "year_on_year_alliances",
)


@dataclass
class Context:
    n: int  # enterprises
    scale: float  # n / BASE_ENTERPRISES: every count of the calibration is multiplied by it
    rng: dict[str, np.random.Generator]
    calibration: Calibration
    units: Units
    profile: Profiles
    place_names: PlaceNames


def make_context(
    n_enterprises: int, seed: int, regions_path: Path, calibration: Calibration
) -> Context:
    if n_enterprises < 100:
        raise ValueError("the number of enterprises must be at least 100")
    sequences = np.random.SeedSequence(seed).spawn(len(STREAMS))
    rng = {
        name: np.random.Generator(np.random.PCG64(sequence))
        for name, sequence in zip(STREAMS, sequences, strict=True)
    }
    units = build_units(load_regions(regions_path), calibration)
    return Context(
        n=int(n_enterprises),
        scale=int(n_enterprises) / BASE_ENTERPRISES,
        rng=rng,
        calibration=calibration,
        units=units,
        profile=build_profiles(units, rng["profiles"], calibration),
        place_names=PlaceNames(units),
    )
