"""The edge-case raw data set (tests/fixtures/edge_cases/): how it is made, case by case.

`python tests/python/edge_case_data.py` rewrites the CSV files; test_edge_cases.py checks that the
committed files are what this module writes, builds them with `python -m bdi.build` and recomputes
every public number with index_reference. The README beside the files explains each case; the
constants below are the ones the tests assert on. The data are synthetic (names say so).

Design: every city with records gets a *size* n, and every indicator value of the city is a
non-decreasing function of n (counts n // 2, max(0, n - 20), sums of k or k², …), each of a
different shape so that the weighting methods disagree. A city of larger n is therefore at least
as good on every indicator and strictly better on market_entities: whatever the (non-negative)
weights, the city ranking follows n, and two cities of equal n ("twins") have identical values,
hence identical scores and a tie, under every weighting method.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EDGE_DIR = ROOT / "tests" / "fixtures" / "edge_cases"

COLUMNS = {
    "enterprises": [
        "enterprise_id", "enterprise_name", "region_code", "established_date",
        "deregistered_date",
    ],
    "enterprise_annual": [
        "enterprise_id", "data_year", "is_listed", "is_unicorn", "is_gazelle", "is_high_tech",
        "has_website", "market_cap", "valuation", "tech_staff", "patents", "software_copyrights",
    ],
    "financing_events": ["event_id", "enterprise_id", "event_date", "amount", "round"],
    "policies": [
        "policy_id", "title", "issuer_region_code", "issued_date", "repealed_date", "policy_type",
    ],
    "universities": ["university_id", "university_name", "region_code", "bigdata_major_since"],
    "institutions": [
        "institution_id", "institution_name", "region_code", "institution_type",
        "established_date", "dissolved_date",
    ],
}  # fmt: skip

# Data years present in enterprise_annual: editions 2020, 2022, 2023 and 2025. Editions 2020,
# 2022 and 2025 have no previous edition: their rank changes are null. Data year 2019 (edition
# 2020) has records of two twin cities only (everything else starts in 2020): two distinct scores
# at each level, so that natural breaks could reach 3 tiers only by splitting a tie.
DATA_YEARS = (2019, 2021, 2022, 2024)
EDITIONS = tuple(year + 1 for year in DATA_YEARS)
TWO_SCORES_EDITION = 2020
TWO_SCORES_CITIES = ("440100", "320100")  # 广州, 南京; their provinces 广东, 江苏
TWO_SCORES_PROVINCES = ("440000", "320000")

# (city code, code the records carry, size in data years 2022 and 2024, size in 2021), in the
# order of the city ranking of editions 2023 and 2025.
CITIES = (
    ("110000", "110108", 30, 22),  # 北京, via a district of a municipality (海淀)
    ("310000", "310104", 27, 27),  # 上海, via a district (徐汇)
    ("440300", "440305", 25, 25),  # 深圳, via a district (南山)
    ("330100", "330106", 23, 12),  # 杭州
    ("440100", "440100", 21, 21),  # 广州, by its city code           } tie at rank 5
    ("320100", "320102", 21, 21),  # 南京, via a district (玄武)        }
    ("320500", "320505", 15, 15),  # 苏州
    ("330200", "330212", 14, 14),  # 宁波
    ("441900", "441900", 13, 13),  # 东莞 (a city without districts)
    ("420100", "420106", 12, 12),  # 武汉                               } tie at rank 10
    ("410100", "410105", 12, 12),  # 郑州                               }
    ("120000", "120116", 10, 10),  # 天津, via 滨海新区
    ("510100", "510104", 9, 9),  # 成都
    ("340100", "340104", 8, 8),  # 合肥
    ("430100", "430104", 7, 7),  # 长沙
    ("610100", "610113", 6, 6),  # 西安
    ("500000", "500230", 5, 5),  # 重庆, via a county (丰都县) of a municipality
    ("350200", "350203", 4, 4),  # 厦门                               } tie at rank 18
    ("330700", "330782", 4, 4),  # 金华, via a county-level city (义乌) }
    ("370100", "370102", 3, 3),  # 济南                               } tie at rank 20
    ("530100", "530102", 3, 3),  # 昆明                               }
    ("520100", "520102", 2, 0),  # 贵阳: enterprises established in 2022
    ("450100", "450102", 1, 1),  # 南宁
)
# County-level units administered by their province (digits 3-4 = 90): province only. With the
# twin cities 武汉 and 郑州 they make 湖北 and 河南 twins at province rank 6.
PROVINCE_ONLY = (("420000", "429004", 6), ("410000", "419001", 6))  # 仙桃, 济源

CITY_TIES = {5: ("440100", "320100"), 10: ("420100", "410100"), 18: ("350200", "330700")}
JENKS_TOP_N_TIE = ("370100", "530100")  # rank 20 = tier_top_n: both are jenks candidates
PROVINCE_TIE = {6: ("420000", "410000")}
NO_RECORD = {"province": "540000", "city": "540100"}  # 西藏, 拉萨
CONSTANT = {2022: ("data_exchanges", "industry_policies", "laws_regulations")}
ONE_INFORMATIVE_CHILD = {2023: ("policy_environment", "industry_policies")}
ALL_UNINFORMATIVE = {2022: "policy_environment"}
IDENTICAL_SIBLINGS = ("patents", "software_copyrights")  # CRITIC: every raw weight 0
NEGATIVE_INDICATOR = "laws_regulations"  # in the test copy of the indicator tree


def _bool(value: bool) -> str:
    return "true" if value else "false"


class EdgeCaseSet:
    """Collects the rows of the six tables."""

    def __init__(self) -> None:
        self.tables: dict[str, list[dict[str, str]]] = {table: [] for table in COLUMNS}

    def add(self, table: str, **row: object) -> None:
        assert set(row) == set(COLUMNS[table]), (table, set(row) ^ set(COLUMNS[table]))
        self.tables[table].append({key: str(value) for key, value in row.items()})

    def sized_region(
        self, prefix: str, code: str, size: int, size_2021: int, start: str, in_2019: bool = False
    ) -> None:
        """The records of one region of size n: every indicator a non-decreasing function of n."""
        for k in range(1, size + 1):
            enterprise_id = f"{prefix}-E{k:02d}"
            self.add(
                "enterprises",
                enterprise_id=enterprise_id,
                enterprise_name=f"示例边界企业 {prefix}-{k:02d}",
                region_code=code,
                established_date=start,
                deregistered_date="",
            )
            for year in DATA_YEARS:
                n = {2019: size if in_2019 else 0, 2021: size_2021}.get(year, size)
                if k > n:
                    continue
                listed, unicorn = k <= n // 2, k <= n - 20
                self.add(
                    "enterprise_annual",
                    enterprise_id=enterprise_id,
                    data_year=year,
                    is_listed=_bool(listed),
                    is_unicorn=_bool(unicorn),
                    is_gazelle=_bool(k <= n // 3),
                    is_high_tech=_bool(k <= n - 1),
                    has_website=_bool(k <= (n + 1) // 2),
                    # a value where the flag is false must not count (data contract)
                    market_cap=2.5 * k if listed else 99,
                    valuation=40 + 3 * k if unicorn else ("" if k % 2 else 77),
                    tech_staff=50 * k + 7 if listed else 500,
                    patents=k,
                    software_copyrights=k,  # identical to patents: perfectly correlated
                )
                if k <= n // 3:
                    self.add(
                        "financing_events",
                        event_id=f"{prefix}-F{year}-{k:02d}",
                        enterprise_id=enterprise_id,
                        event_date=f"{year}-06-15",
                        amount=1.5 * k + 0.25,
                        round="A轮",
                    )
        for number in range(1, size // 4 + 1):  # industry policies from 2022 on
            self.policy(f"{prefix}-P{number}", code, "2022-03-01", "", "industry_policy")
        for number in range(1, size // 6 + 1):  # laws and regulations from 2024 on
            self.policy(f"{prefix}-L{number}", code, "2024-05-01", "", "law_regulation")
        for number in range(1, size // 5 + 1):
            self.university(f"{prefix}-U{number}", code, 2020)
        if size >= 2:
            for number in range(1, 2 + size // 8):
                self.institution(f"{prefix}-M{number}", code, "management_agency", "2020-01-01")
        for number in range(1, size // 7 + 1):
            self.institution(f"{prefix}-A{number}", code, "alliance", "2020-01-01")

    def policy(self, key: str, code: str, issued: str, repealed: str, kind: str) -> None:
        self.add(
            "policies",
            policy_id=key,
            title=f"示例边界政策 {key}",
            issuer_region_code=code,
            issued_date=issued,
            repealed_date=repealed,
            policy_type=kind,
        )

    def university(self, key: str, code: str, since: int | str) -> None:
        self.add(
            "universities",
            university_id=key,
            university_name=f"示例边界大学 {key}",
            region_code=code,
            bigdata_major_since=since,
        )

    def institution(
        self, key: str, code: str, kind: str, established: str, dissolved: str = ""
    ) -> None:
        self.add(
            "institutions",
            institution_id=key,
            institution_name=f"示例边界机构 {key}",
            region_code=code,
            institution_type=kind,
            established_date=established,
            dissolved_date=dissolved,
        )


def add_boundaries(data: EdgeCaseSet) -> None:
    """Dates on the as-of day, values written the way spreadsheets write them, all in 北京 (rank
    1 in every build): a wrong rule changes 北京's raw values, which the recount compares."""
    bj = "110108"
    for key, established, deregistered in (
        ("BJ-X1", "2021-12-31", ""),  # established on the as-of date: active in 2021
        ("BJ-X2", "2020/3/1", "2022-12-31"),  # ended on the as-of date: not active in 2022
        ("BJ-X3", "2020年3月1日", "2023-01-01"),  # ended the day after: active in 2022
    ):
        data.add(
            "enterprises",
            enterprise_id=key,
            enterprise_name=f"示例边界企业 {key}",
            region_code=f" {bj} ",
            established_date=established,
            deregistered_date=deregistered,
        )
    for year, listed in ((2021, "1"), (2022, "是"), (2024, "yes")):
        data.add(
            "enterprise_annual",
            enterprise_id="BJ-X1",
            data_year=year,
            is_listed=listed,
            is_unicorn="否",
            is_gazelle="0",
            is_high_tech="no",
            has_website="TRUE",
            market_cap="1,234.5",
            valuation="",
            tech_staff="",  # empty counts as 0
            patents="40",
            software_copyrights="40",
        )
    for key, date in (("BJ-XF1", "2022-01-01"), ("BJ-XF2", "2022-12-31"), ("BJ-XF3", "2023-06-15")):
        # the first two count in 2022; the third in no edition (no data year 2023)
        data.add(
            "financing_events",
            event_id=key,
            enterprise_id="BJ-X1",
            event_date=date,
            amount="12.5",
            round="",
        )
    data.policy("BJ-XP1", bj, "2022-03-01", "2022-12-31", "industry_policy")  # never active
    data.policy("BJ-XP2", bj, "2022-03-01", "2023-06-30", "industry_policy")  # 2022 only
    data.university("BJ-XU1", bj, 2022)  # counts from data year 2022
    data.university("BJ-XU2", bj, "")  # no big-data major
    data.institution("BJ-XA1", bj, "alliance", "2020-01-01", "2024-12-31")  # not in 2024


def add_data_exchanges(data: EdgeCaseSet) -> None:
    """No data exchange before 2022 (edition 2022: constant 0 at both levels), then three: one
    by a municipality's province code (上海 at both levels), one by a district (深圳 and 广东),
    one by a province code (浙江 only), the last established on the as-of date 2022-12-31."""
    data.institution("DX-1", "310000", "data_exchange", "2022-05-01")
    data.institution("DX-2", "440305", "data_exchange", "2022-01-01")
    data.institution("DX-3", "330000", "data_exchange", "2022-12-31")


def add_invalid_rows(data: EdgeCaseSet) -> None:
    """Rows the build must list in invalid_rows and leave out (BDI_ALLOW_INVALID_ROWS=1)."""
    data.add(
        "enterprises",
        enterprise_id="INV-E1",
        enterprise_name="示例边界企业 INV-E1",
        region_code="341400",  # 巢湖市, abolished in 2011: unknown_region
        established_date="2015-03-01",
        deregistered_date="",
    )
    for enterprise_id in ("INV-E1", "INV-MISSING"):  # invalid_reference, orphan_reference
        data.add(
            "enterprise_annual",
            enterprise_id=enterprise_id,
            data_year=2022,
            is_listed="true",
            is_unicorn="true",
            is_gazelle="true",
            is_high_tech="true",
            has_website="true",
            market_cap="500",
            valuation="500",
            tech_staff="500",
            patents="500",
            software_copyrights="500",
        )
    data.add(
        "financing_events",
        event_id="INV-F1",
        enterprise_id="BJ-E01",
        event_date="2022-06-15",
        amount="0",  # non_positive_amount
        round="",
    )
    data.policy("INV-P1", "110108", "2022-03-01", "", "notice")  # unknown_enum
    data.institution("INV-I1", "110108", "alliance", "2020-01-01", "2019-01-01")  # end_before_start


# (source_table, source_row, rule) of every invalid row, as the build must list them.
def expected_invalid_rows(tables: dict[str, list[dict[str, str]]]) -> set[tuple[str, int, str]]:
    rules = {
        ("enterprises", "INV-E1"): "unknown_region",
        ("enterprise_annual", "INV-E1"): "invalid_reference",
        ("enterprise_annual", "INV-MISSING"): "orphan_reference",
        ("financing_events", "INV-F1"): "non_positive_amount",
        ("policies", "INV-P1"): "unknown_enum",
        ("institutions", "INV-I1"): "end_before_start",
    }
    expected = set()
    for table, rows in tables.items():
        key_column = COLUMNS[table][0]
        for position, row in enumerate(rows, start=1):
            rule = rules.get((table, row[key_column]))
            if rule:
                expected.add((table, position, rule))
    return expected


PREFIXES = {
    "110000": "BJ", "310000": "SH", "440300": "SZ", "330100": "HZ", "440100": "GZ",
    "320100": "NJ", "320500": "SU", "330200": "NB", "441900": "DG", "420100": "WH",
    "410100": "ZZ", "120000": "TJ", "510100": "CD", "340100": "HF", "430100": "CS",
    "610100": "XA", "500000": "CQ", "350200": "XM", "330700": "JH", "370100": "JN",
    "530100": "KM", "520100": "GY", "450100": "NN", "420000": "XT", "410000": "JY",
}  # fmt: skip


def edge_case_tables() -> dict[str, list[dict[str, str]]]:
    data = EdgeCaseSet()
    for city, code, size, size_2021 in CITIES:
        in_2019 = city in TWO_SCORES_CITIES
        start = {"520100": "2022-01-01"}.get(city, "2015-03-01" if in_2019 else "2020-03-01")
        data.sized_region(PREFIXES[city], code, size, size_2021, start, in_2019)
    for province, code, size in PROVINCE_ONLY:
        data.sized_region(PREFIXES[province], code, size, size, "2020-03-01")
    add_boundaries(data)
    add_data_exchanges(data)
    add_invalid_rows(data)
    return data.tables


def write_edge_cases(directory: Path = EDGE_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for table, rows in edge_case_tables().items():
        path = directory / f"{table}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS[table], lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_edge_cases(Path(sys.argv[1]) if len(sys.argv) > 1 else EDGE_DIR):
        print(written_path)
