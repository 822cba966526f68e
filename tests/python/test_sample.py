"""The synthetic sample generator: deterministic, valid under the data contract, calibrated.

Calibration is checked with the independent reference implementation in index_reference.py
(contract indicators + methodology), on the committed seeds, so that the sample the warehouse is
built from resembles the 2025 report without building the warehouse.
"""

from __future__ import annotations

import datetime as dt
import filecmp
from pathlib import Path

import index_reference as ir
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from bdi import sample

ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = ROOT / "data" / "sample"
TABLE_NAMES = tuple(sample.TABLES)
CUTOFF = dt.date.today().isoformat()

FIRST_TIER = ["北京", "上海", "深圳", "杭州", "广州"]
SECOND_TIER = ["南京", "合肥", "苏州", "成都", "武汉"]
THIRD_TIER = ["长沙", "天津", "无锡", "济南", "青岛", "西安", "重庆", "厦门"]
TOP15_PROVINCES = [
    "北京",
    "广东",
    "上海",
    "江苏",
    "浙江",
    "山东",
    "安徽",
    "福建",
    "四川",
    "湖北",
    "河南",
    "重庆",
    "湖南",
    "陕西",
    "贵州",
]


def read_tables(directory: Path, prefix: str = "raw_") -> dict[str, pd.DataFrame]:
    return {
        table: pd.read_csv(
            directory / f"{prefix}{table}.csv", dtype=str, keep_default_na=False, encoding="utf-8"
        )
        for table in TABLE_NAMES
    }


@pytest.fixture(scope="session")
def fresh_seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample_a")
    sample.generate(out, "csv")
    return out


@pytest.fixture(scope="session")
def raw() -> dict[str, pd.DataFrame]:
    return read_tables(SEED_DIR, prefix="")


@pytest.fixture(scope="session")
def regions() -> pd.DataFrame:
    return ir.load_regions()


@pytest.fixture(scope="session")
def names(regions: pd.DataFrame) -> dict[tuple[str, str], str]:
    return {
        (level, code): name
        for level, code, name in zip(
            regions["region_level"], regions["region_code"], regions["region_name"], strict=True
        )
    }


@pytest.fixture(scope="session")
def values(raw: dict[str, pd.DataFrame], regions: pd.DataFrame) -> pd.DataFrame:
    return ir.indicator_values(raw, regions)


@pytest.fixture(scope="session")
def scores(values: pd.DataFrame) -> pd.DataFrame:
    return ir.compute_index(values)


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


# ---------------------------------------------------------------------------------------------
# The reference engine itself (the methodology's worked example)
# ---------------------------------------------------------------------------------------------


def test_reference_engine_reproduces_the_worked_example() -> None:
    tree = pd.DataFrame(
        {
            "node_code": ["total", "v1", "v2", "v3"],
            "node_level": [0, 3, 3, 3],
            "parent_code": [None, "total", "total", "total"],
            "direction": ["", "positive", "positive", "negative"],
            "sort_order": [1, 2, 3, 4],
        }
    )
    raw_values = {"v1": [120, 60, 30, 0], "v2": [3, 0, 1, 0], "v3": [0.5, 0.2, 0.2, 0.1]}
    values = pd.DataFrame(
        [
            {
                "edition": 2025,
                "region_level": "city",
                "region_code": region,
                "indicator_code": indicator,
                "raw_value": float(column[i]),
            }
            for indicator, column in raw_values.items()
            for i, region in enumerate("ABCD")
        ]
    )
    result = ir.compute_index_full(values, tree)
    weights = result.weights.set_index("node_code")["weight"]
    np.testing.assert_allclose(
        weights[["v1", "v2", "v3"]], [0.339080, 0.393780, 0.267140], atol=1e-6
    )
    total = result.scores.set_index("region_code")
    np.testing.assert_allclose(
        total.loc[list("ABCD"), "score"], [73.285967, 36.989525, 41.638513, 26.714033], atol=1e-6
    )
    assert total.loc[list("ABCD"), "score_rank"].tolist() == [1, 3, 2, 4]


# ---------------------------------------------------------------------------------------------
# Determinism
# ---------------------------------------------------------------------------------------------


def test_same_seed_gives_the_same_bytes(fresh_seeds: Path, tmp_path: Path) -> None:
    sample.generate(tmp_path, "csv")
    for table in TABLE_NAMES:
        name = f"{table}.csv"
        assert filecmp.cmp(fresh_seeds / name, tmp_path / name, shallow=False), name


def test_committed_seeds_are_what_the_generator_writes(fresh_seeds: Path) -> None:
    for table in TABLE_NAMES:
        name = f"{table}.csv"
        assert (SEED_DIR / name).read_bytes() == (fresh_seeds / name).read_bytes(), (
            f"data/sample/{name} differs from a fresh `python -m bdi.sample`; re-run `make sample`"
        )


def test_another_seed_gives_other_data(tmp_path: Path) -> None:
    sample.generate(tmp_path / "one", "csv", n_enterprises=1000, seed=1)
    sample.generate(tmp_path / "two", "csv", n_enterprises=1000, seed=2)
    assert (tmp_path / "one" / "enterprises.csv").read_bytes() != (
        tmp_path / "two" / "enterprises.csv"
    ).read_bytes()


# ---------------------------------------------------------------------------------------------
# The data contract
# ---------------------------------------------------------------------------------------------


def test_seeds_have_exactly_the_contract_columns(raw: dict[str, pd.DataFrame]) -> None:
    for table, columns in sample.TABLES.items():
        assert tuple(raw[table].columns) == columns, table


def test_sources_yaml_reads_every_column_as_text_and_says_synthetic() -> None:
    import yaml

    sources = ROOT / "models" / "staging" / "_raw__sources.yml"
    spec = yaml.safe_load(sources.read_text(encoding="utf-8"))
    [source] = spec["sources"]
    tables = {table["name"]: table for table in source["tables"]}
    assert set(tables) == set(TABLE_NAMES)
    for table, columns in sample.TABLES.items():
        assert [column["name"] for column in tables[table]["columns"]] == list(columns)
        assert {column["data_type"] for column in tables[table]["columns"]} == {"varchar"}
        assert "synthetic sample" in tables[table]["description"].lower(), table
    docs = (ROOT / "models" / "staging" / "_raw__docs.md").read_text(encoding="utf-8")
    assert "SYNTHETIC sample in `data/sample/`" in docs


def _dates(column: pd.Series) -> pd.Series:
    present = column[column != ""]
    assert present.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    parsed = pd.to_datetime(present, format="%Y-%m-%d", errors="coerce")
    assert parsed.notna().all()
    return pd.to_datetime(column.replace("", None), format="%Y-%m-%d")


def _numbers(column: pd.Series, minimum: float, strict: bool = False) -> None:
    present = pd.to_numeric(column[column != ""], errors="coerce")
    assert present.notna().all()
    assert (present > minimum).all() if strict else (present >= minimum).all()


def test_no_invalid_rows(raw: dict[str, pd.DataFrame], regions: pd.DataFrame) -> None:
    enterprises = raw["enterprises"]
    assert enterprises["enterprise_id"].is_unique
    assert (enterprises["enterprise_name"].str.strip() != "").all()
    ir.resolve_region_codes(enterprises["region_code"], regions)  # raises on an invalid code
    established = _dates(enterprises["established_date"])
    deregistered = _dates(enterprises["deregistered_date"])
    assert (established.dt.strftime("%Y-%m-%d") <= CUTOFF).all()
    assert (deregistered.isna() | (deregistered >= established)).all()

    annual = raw["enterprise_annual"]
    assert annual["enterprise_id"].isin(enterprises["enterprise_id"]).all()
    assert not annual.duplicated(["enterprise_id", "data_year"]).any()
    assert annual["data_year"].astype(int).between(2000, 2100).all()
    for flag in ("is_listed", "is_unicorn", "is_gazelle", "is_high_tech", "has_website"):
        assert annual[flag].isin(["true", "false"]).all(), flag
    for column in ("market_cap", "valuation", "tech_staff"):
        _numbers(annual[column], 0)
    for column in ("patents", "software_copyrights", "tech_staff"):
        present = annual[column][annual[column] != ""]
        assert present.str.fullmatch(r"\d+").all(), column
    assert (annual["patents"] != "").all() and (annual["software_copyrights"] != "").all()

    financing = raw["financing_events"]
    assert financing["event_id"].is_unique
    assert financing["enterprise_id"].isin(enterprises["enterprise_id"]).all()
    assert (financing["event_date"] != "").all()
    _dates(financing["event_date"])
    assert (financing["amount"] != "").all()
    _numbers(financing["amount"], 0, strict=True)

    policies = raw["policies"]
    assert policies["policy_id"].is_unique
    assert (policies["title"].str.strip() != "").all()
    ir.resolve_region_codes(policies["issuer_region_code"], regions)
    issued, repealed = _dates(policies["issued_date"]), _dates(policies["repealed_date"])
    assert (repealed.isna() | (repealed >= issued)).all()
    assert policies["policy_type"].isin(["industry_policy", "law_regulation"]).all()

    universities = raw["universities"]
    assert universities["university_id"].is_unique
    assert (universities["university_name"].str.strip() != "").all()
    ir.resolve_region_codes(universities["region_code"], regions)
    since = universities["bigdata_major_since"]
    assert since[since != ""].astype(int).between(1900, 2100).all()

    institutions = raw["institutions"]
    assert institutions["institution_id"].is_unique
    assert (institutions["institution_name"].str.strip() != "").all()
    ir.resolve_region_codes(institutions["region_code"], regions)
    started, dissolved = (
        _dates(institutions["established_date"]),
        _dates(institutions["dissolved_date"]),
    )
    assert (dissolved.isna() | (dissolved >= started)).all()
    assert (
        institutions["institution_type"]
        .isin(["management_agency", "alliance", "data_exchange"])
        .all()
    )


def test_names_are_marked_synthetic(raw: dict[str, pd.DataFrame]) -> None:
    for table, column in (
        ("enterprises", "enterprise_name"),
        ("policies", "title"),
        ("universities", "university_name"),
        ("institutions", "institution_name"),
    ):
        assert raw[table][column].str.endswith(sample.SYNTHETIC_MARK).all(), table


def test_the_mess_of_real_exports_is_there(raw: dict[str, pd.DataFrame]) -> None:
    enterprises = raw["enterprises"]
    codes = enterprises["region_code"]
    assert (codes.str[4:] != "00").mean() > 0.8  # mostly district/county codes
    assert {"110108", "440305"} <= set(codes)
    assert (codes.str[2:4] == "90").sum() >= 10  # county-level units under a province
    assert {"419001", "429004"} <= set(codes) and codes.str.startswith(("469", "659")).sum() >= 2
    non_municipal_province = codes.str.endswith("0000") & ~codes.isin(
        ["110000", "120000", "310000", "500000"]
    )
    assert non_municipal_province.any()
    deregistered = enterprises["deregistered_date"]
    assert 0.05 < (deregistered != "").mean() < 0.2
    assert (deregistered == "2022-12-31").any()  # exactly on an as-of date
    assert (deregistered > "2024-12-31").any() and (
        deregistered.between("2019-01-01", "2024-12-31")
    ).any()
    established = enterprises["established_date"]
    assert established.str.endswith("-12-31").any() and established.str.endswith("-01-01").any()

    annual = raw["enterprise_annual"]
    assert (annual["market_cap"][annual["is_listed"] == "true"] == "").any()
    assert (annual["valuation"][annual["is_unicorn"] == "false"] != "").any()
    assert (annual["tech_staff"][annual["is_listed"] == "false"] != "").any()
    assert (raw["financing_events"]["round"] == "").any()

    policies = raw["policies"]
    issuers = policies["issuer_region_code"]
    assert (issuers == "440000").any()
    assert (issuers.str[4:] != "00").any()  # district-level issuers
    assert (policies["repealed_date"] != "").sum() > 50
    assert (policies["repealed_date"] == "2023-12-31").any()
    assert (policies["issued_date"] == "2024-12-31").any()

    institutions = raw["institutions"]
    province_level = institutions["region_code"].str.endswith("0000") & ~institutions[
        "region_code"
    ].isin(["110000", "120000", "310000", "500000"])
    assert province_level.any()
    for kind in ("management_agency", "alliance", "data_exchange"):
        of_kind = institutions[institutions["institution_type"] == kind]
        assert (of_kind["dissolved_date"] != "").any(), kind
    assert (institutions["dissolved_date"] == "2021-12-31").any()
    assert (raw["universities"]["bigdata_major_since"] == "").any()


# ---------------------------------------------------------------------------------------------
# Size and growth
# ---------------------------------------------------------------------------------------------


def test_size_and_editions(raw: dict[str, pd.DataFrame], values: pd.DataFrame) -> None:
    assert len(raw["enterprises"]) == sample.BASE_ENTERPRISES
    assert sorted(raw["enterprise_annual"]["data_year"].astype(int).unique()) == list(
        range(2019, 2025)
    )
    assert sorted(values["edition"].unique()) == list(range(2020, 2026))
    assert len(values) == 6 * 368 * 18


def test_annual_rows_exist_while_the_enterprise_does(raw: dict[str, pd.DataFrame]) -> None:
    enterprises = raw["enterprises"].set_index("enterprise_id")
    annual = raw["enterprise_annual"]
    founded = enterprises["established_date"].str[:4].astype(int)
    ended = enterprises["deregistered_date"].replace("", "9999").str[:4].astype(int)
    expected = sum(int(((founded <= year) & (ended > year)).sum()) for year in range(2019, 2025))
    assert len(annual) == expected


def test_plausible_growth(values: pd.DataFrame) -> None:
    national = (
        values[values["region_level"] == "province"]
        .groupby(["indicator_code", "edition"])["raw_value"]
        .sum()
    )
    for stock in (
        "market_entities",
        "high_tech_enterprises",
        "patents",
        "software_copyrights",
        "universities_with_bigdata_major",
        "management_agencies",
        "data_exchanges",
    ):
        series = national[stock]
        assert series.is_monotonic_increasing, stock
        growth = series.iloc[-1] / series.iloc[0]
        assert 1.05 < growth < 4.0, (stock, growth)
    financing = national["financing_total"]
    assert not financing.is_monotonic_increasing and not financing.is_monotonic_decreasing
    assert (financing.pct_change().abs().dropna() < 0.6).all()


# ---------------------------------------------------------------------------------------------
# Counts the report publishes (data year 2024 = edition 2025 unless stated)
# ---------------------------------------------------------------------------------------------


def test_management_agencies_in_299_cities(values: pd.DataFrame) -> None:
    agencies = value_of(values, 2025, "city", "management_agencies")
    assert (agencies > 0).sum() == 299
    earlier = value_of(values, 2020, "city", "management_agencies")
    assert 100 < (earlier > 0).sum() < 299


def test_data_exchanges_in_27_provinces(values: pd.DataFrame, regions: pd.DataFrame, names) -> None:
    exchanges = value_of(values, 2025, "province", "data_exchanges")
    macro = regions[regions["region_level"] == "province"].set_index("region_code")["macro_region"]
    assert (exchanges > 0).sum() == 27
    east, central = exchanges[macro == "east"], exchanges[macro == "central"]
    west, northeast = exchanges[macro == "west"], exchanges[macro == "northeast"]
    assert (east > 0).all() and (east >= 3).sum() == len(east) // 2
    assert (central > 0).all() and (central >= 3).sum() == 2
    assert (west == 0).sum() == 3 and (west >= 3).sum() == 1
    assert names[("province", west.idxmax())] == "陕西"
    assert (west[(west > 0)] <= 2).sum() == len(west) - 4
    assert (northeast == 0).sum() == 1 and northeast.between(0, 2).all()


def test_unicorns_in_28_cities(values: pd.DataFrame, names) -> None:
    assert (value_of(values, 2025, "city", "unicorns") > 0).sum() == 28
    assert (value_of(values, 2024, "city", "unicorns") > 0).sum() == 24
    unicorns = by_name(value_of(values, 2025, "city", "unicorns"), "city", names)
    assert unicorns["北京"] > unicorns["上海"] > unicorns["深圳"] > unicorns[["广州", "杭州"]].max()
    others = unicorns.drop(FIRST_TIER)
    assert unicorns["苏州"] == others.max() and (others == others.max()).sum() == 1
    valuation = by_name(value_of(values, 2025, "city", "unicorn_valuation"), "city", names)
    assert valuation.nlargest(2).index.tolist() == ["北京", "杭州"]


def test_listed_tech_staff(values: pd.DataFrame, names) -> None:
    staff = by_name(value_of(values, 2025, "city", "listed_tech_staff"), "city", names)
    for city, published in (("北京", 484_300), ("深圳", 230_800), ("上海", 114_200)):
        assert staff[city] == pytest.approx(published, rel=0.05), city
    assert (staff[["杭州", "长沙", "广州"]] > 50_000).all()
    assert staff.nlargest(6).index.tolist()[:3] == ["北京", "深圳", "上海"]


def test_alliances(values: pd.DataFrame, names) -> None:
    alliances = by_name(value_of(values, 2025, "city", "alliances_associations"), "city", names)
    assert (alliances[["深圳", "北京"]] > 70).all()
    assert alliances[["上海", "广州", "杭州"]].between(40, 55).all()
    assert alliances[["济南", "苏州", "成都", "长沙", "贵阳"]].between(25, 40).all()
    others = alliances.drop(
        ["深圳", "北京", "上海", "广州", "杭州", "济南", "苏州", "成都", "长沙", "贵阳"]
    )
    assert others.max() < 25


def test_universities_with_a_big_data_major(
    values: pd.DataFrame, raw: dict[str, pd.DataFrame], names
) -> None:
    since = raw["universities"]["bigdata_major_since"]
    years = since[since != ""].astype(int)
    assert (years <= 2020).sum() == 612
    assert (years <= 2023).sum() == 760
    in_2020 = by_name(
        value_of(values, 2021, "province", "universities_with_bigdata_major"), "province", names
    )
    assert in_2020["青海"] == 0
    provinces = by_name(
        value_of(values, 2025, "province", "universities_with_bigdata_major"), "province", names
    )
    assert provinces.sort_values(ascending=False, kind="stable").index[:5].tolist() == [
        "山东",
        "湖北",
        "河南",
        "江苏",
        "广东",
    ]
    assert set(provinces.nsmallest(4).index) == {"西藏", "青海", "甘肃", "新疆"}


def test_policies_concentrated_on_the_east_coast(values: pd.DataFrame, names) -> None:
    policies = by_name(
        value_of(values, 2025, "province", "industry_policies")
        + value_of(values, 2025, "province", "laws_regulations"),
        "province",
        names,
    )
    assert set(policies.nlargest(5).index) == {"广东", "江苏", "浙江", "北京", "上海"}
    assert set(policies.nsmallest(3).index) == {"西藏", "新疆", "青海"}


def test_financing_hottest_on_the_east_coast(
    values: pd.DataFrame, regions: pd.DataFrame, names
) -> None:
    financing = value_of(values, 2025, "province", "financing_total")
    macro = regions[regions["region_level"] == "province"].set_index("region_code")["macro_region"]
    assert financing[macro == "east"].median() > 2 * financing[macro != "east"].median()
    by_province = by_name(financing, "province", names)
    inland = by_province.drop(
        ["北京", "天津", "河北", "上海", "江苏", "浙江", "福建", "山东", "广东", "海南"]
    )
    assert set(inland.nlargest(4).index) == {"湖北", "安徽", "湖南", "四川"}


# ---------------------------------------------------------------------------------------------
# Rankings (default method, improved_vector)
# ---------------------------------------------------------------------------------------------


def test_city_ranking_2025_matches_the_report(scores: pd.DataFrame, names) -> None:
    ranking = ranked_names(scores, 2025, "city", names)
    assert ranking[:5] == FIRST_TIER
    assert set(ranking[5:10]) == set(SECOND_TIER)
    assert set(THIRD_TIER) <= set(ranking[:20])
    # Only 成都, 西安 and 重庆 of the western cities are in the top 20.
    other_western = {"贵阳", "昆明", "南宁", "兰州", "乌鲁木齐", "呼和浩特", "银川", "西宁", "拉萨"}
    assert not other_western & set(ranking[:20])


def test_city_top_five_every_edition_and_top_twenty_stable(scores: pd.DataFrame, names) -> None:
    for edition in range(2020, 2026):
        assert set(ranked_names(scores, edition, "city", names)[:5]) == set(FIRST_TIER), edition
    top_2024 = set(ranked_names(scores, 2024, "city", names)[:20])
    top_2025 = set(ranked_names(scores, 2025, "city", names)[:20])
    assert top_2024 == top_2025


def test_province_ranking_2025_matches_the_report(scores: pd.DataFrame, names) -> None:
    ranking = ranked_names(scores, 2025, "province", names)
    assert ranking[:2] == ["北京", "广东"]
    assert set(ranking[:15]) == set(TOP15_PROVINCES)


def test_sub_indices_resemble_the_report(scores: pd.DataFrame, names) -> None:
    province = {
        node: ranked_names(scores, 2025, "province", names, node)
        for node in ("industry_level", "industry_innovation", "industry_environment")
    }
    assert province["industry_level"][0] == "北京"
    assert province["industry_innovation"][0] == "北京"
    assert province["industry_environment"].index("北京") > 0
    city = {
        node: ranked_names(scores, 2025, "city", names, node)
        for node in ("industry_level", "industry_innovation", "industry_environment")
    }
    assert city["industry_level"][:2] == ["北京", "上海"]
    assert city["industry_innovation"][0] == "北京"
    assert city["industry_environment"][0] == "上海"


# ---------------------------------------------------------------------------------------------
# Tiers (methodology §7)
# ---------------------------------------------------------------------------------------------


def test_natural_breaks_known_cases() -> None:
    assert ir.natural_breaks([100, 98, 97, 60, 58, 20], 3) == [1, 1, 1, 2, 2, 3]
    # Three splits cost 0.5: the one with the smallest first tier wins.
    assert ir.natural_breaks([4, 3, 2, 1], 3) == [1, 2, 3, 3]
    # Equal ranks share a tier; with two distinct ranks there are two tiers.
    assert ir.natural_breaks([9, 9, 5, 1, 1], 3, [1, 1, 3, 4, 4]) == [1, 1, 2, 3, 3]
    assert ir.natural_breaks([5, 5, 5, 2], 3, [1, 1, 1, 4]) == [1, 1, 1, 2]
    assert ir.natural_breaks([7.0], 3) == [1]


def _fisher_optimum(scores: np.ndarray, groups: int) -> float:
    """The smallest total within-group sum of squares, by Fisher's dynamic programme."""
    n = len(scores)

    def cost(start: int, end: int) -> float:
        part = scores[start:end]
        return float(((part - part.mean()) ** 2).sum())

    best = [cost(0, end) if end else 0.0 for end in range(n + 1)]
    for group in range(2, groups + 1):
        best = [
            min((best[cut] + cost(cut, end) for cut in range(group - 1, end)), default=np.inf)
            for end in range(n + 1)
        ]
    return best[n]


def test_natural_breaks_are_optimal() -> None:
    rng = np.random.default_rng(7)
    for _ in range(40):
        scores = np.sort(rng.gamma(1.5, 20.0, size=int(rng.integers(3, 21))))[::-1]
        groups = int(rng.integers(1, 5))
        tier = np.array(ir.natural_breaks(scores, groups))
        assert tier[0] == 1 and (np.diff(tier) >= 0).all() and (np.diff(tier) <= 1).all()
        assert tier[-1] == min(groups, len(scores))
        total = sum(
            float(((scores[tier == t] - scores[tier == t].mean()) ** 2).sum())
            for t in range(1, tier[-1] + 1)
        )
        optimum = _fisher_optimum(scores, min(groups, len(scores)))
        assert total == pytest.approx(optimum, abs=1e-9)


def test_ranks_11_to_18_are_the_reports_third_tier(scores: pd.DataFrame, names) -> None:
    """With tier_method=rank_cutoffs ([5, 10, 18], the report's bands) the sample's city tiers
    are exactly the report's, in both editions."""
    for edition in (2024, 2025):
        ranking = ranked_names(scores, edition, "city", names)
        assert set(ranking[:5]) == set(FIRST_TIER), edition
        assert set(ranking[5:10]) == set(SECOND_TIER), edition
        assert set(ranking[10:18]) == set(THIRD_TIER), edition
    assert ranked_names(scores, 2025, "city", names)[10] == "长沙"


def test_natural_break_tiers_of_the_sample(scores: pd.DataFrame, names) -> None:
    """The default tiers (jenks, top 20, 3 tiers) of the sample: 北京 and 上海 | 深圳, 杭州, 广州 |
    the other 15, in 2024 and 2025. Not the report's 5 | 5 | 8, on purpose: every indicator is
    additive, so 广东 is at least 深圳 + 广州 on each, and natural breaks that put 深圳 and 广州
    in 北京's tier need them within about 40 % of 北京's score, which lets 广东 overtake 北京 among
    the provinces (the report has 北京 first, 广东 second). The report's tiers are rank bands,
    which tier_method=rank_cutoffs reproduces (test above)."""
    for edition in (2024, 2025):
        tiers = ir.tiers(scores, edition, "city")
        members = {
            tier: [names[("city", code)] for code in group["region_code"]]
            for tier, group in tiers.groupby("tier")
        }
        assert members[1] == ["北京", "上海"], edition
        assert members[2] == ["深圳", "杭州", "广州"], edition
        assert len(members[3]) == 15 and set(SECOND_TIER + THIRD_TIER) <= set(members[3])


# ---------------------------------------------------------------------------------------------
# Parquet at another size
# ---------------------------------------------------------------------------------------------


def test_parquet_at_another_size(tmp_path: Path, raw: dict[str, pd.DataFrame]) -> None:
    rows = sample.generate(tmp_path, "parquet", n_enterprises=20_000)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        f"{table}.parquet" for table in TABLE_NAMES
    )
    for table in TABLE_NAMES:
        parquet = pq.ParquetFile(tmp_path / f"{table}.parquet")
        assert tuple(parquet.schema_arrow.names) == sample.TABLES[table]
        assert parquet.metadata.num_rows == rows[table]
        ratio = rows[table] / len(raw[table])
        assert 1.8 < ratio < 2.2, (table, ratio)
    annual = pq.read_table(tmp_path / "enterprise_annual.parquet")
    assert str(annual.schema.field("is_listed").type) == "bool"
    assert str(annual.schema.field("data_year").type) == "int32"
    enterprises = pq.read_table(tmp_path / "enterprises.parquet")
    assert str(enterprises.schema.field("established_date").type) == "date32[day]"
    assert str(enterprises.schema.field("region_code").type) == "string"
