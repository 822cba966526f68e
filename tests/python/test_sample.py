"""The synthetic sample generator: deterministic, valid under the data contract, read from its
calibration files.

The committed sample (data/sample) is read with the independent reference implementation in
the package index_reference (sample_indicators.py); whether it resembles the 2025 report is
checked in test_sample_calibration.py.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import shutil
from pathlib import Path

import index_reference as ir
import numpy as np
import pandas as pd
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from sample_indicators import SAMPLE_DIR, TABLE_NAMES, sample_indicators

from bdi import sample
from bdi.contract import OPTIONAL_TABLES
from bdi.sample.calibration import CALIBRATION_DIR, DATA_YEARS, read_csv
from bdi.sample.calibration import load_calibration as load_calibration_files
from bdi.sample.units import district_names

CUTOFF = dt.date.today().isoformat()


@pytest.fixture(scope="session")
def fresh_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample_a")
    sample.generate(out)
    return out


@pytest.fixture(scope="module")
def raw() -> dict[str, pd.DataFrame]:
    return sample_indicators().raw


@pytest.fixture(scope="module")
def regions() -> pd.DataFrame:
    return sample_indicators().regions


@pytest.fixture(scope="module")
def values() -> pd.DataFrame:
    return sample_indicators().values


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


def test_same_seed_gives_the_same_bytes(fresh_sample: Path, tmp_path: Path) -> None:
    sample.generate(tmp_path, "csv")
    for table in TABLE_NAMES:
        name = f"{table}.csv"
        assert filecmp.cmp(fresh_sample / name, tmp_path / name, shallow=False), name


def test_committed_sample_is_what_the_generator_writes(fresh_sample: Path) -> None:
    for table in TABLE_NAMES:
        name = f"{table}.csv"
        assert (SAMPLE_DIR / name).read_bytes() == (fresh_sample / name).read_bytes(), (
            f"data/sample/{name} differs from a fresh `python -m bdi.sample`; re-run `make sample`"
        )


def test_another_seed_gives_other_data(tmp_path: Path) -> None:
    sample.generate(tmp_path / "one", "csv", n_enterprises=1000, seed=1)
    sample.generate(tmp_path / "two", "csv", n_enterprises=1000, seed=2)
    assert (tmp_path / "one" / "enterprises.csv").read_bytes() != (
        tmp_path / "two" / "enterprises.csv"
    ).read_bytes()


# ---------------------------------------------------------------------------------------------
# The calibration files (bdi/sample/calibration)
# ---------------------------------------------------------------------------------------------


def test_calibration_files_name_real_regions(regions: pd.DataFrame) -> None:
    calibration = load_calibration_files()
    short = {
        (level, code): name
        for level, code, name in regions[["region_level", "region_code", "region_name"]].itertuples(
            index=False
        )
    }
    for row in calibration.named_cities:
        assert short[("city", row["region_code"])] == row["name"], row
    assert len({row["region_code"] for row in calibration.named_cities}) == len(
        calibration.named_cities
    )
    assert {code: row["name"] for code, row in calibration.provinces.items()} == {
        code: name for (level, code), name in short.items() if level == "province"
    }
    for row in calibration.unicorns:
        assert short[("city", row["region_code"])] == row["name"], row
    unicorn_cities = [int(row["unicorns_2024"]) > 0 for row in calibration.unicorns]
    assert sum(unicorn_cities) == 28
    assert sum(int(row["unicorns_2023"]) > 0 for row in calibration.unicorns) == 24

    districts = {code: name for pairs in district_names().values() for code, name in pairs}
    for row in read_csv(CALIBRATION_DIR / "favoured_districts.csv"):
        assert districts[row["region_code"]] == row["name"], row
        assert float(row["weight"]) > 1, row
    for row in read_csv(CALIBRATION_DIR / "county_units.csv"):
        assert districts[row["region_code"]] == row["name"], row
        assert row["region_code"][2:4] == "90"  # administered by the province (contract rule 4)
        assert row["region_code"][:2] + "0000" == row["province_code"], row
    assert sorted(calibration.county_units) == sorted(
        code for code, row in calibration.provinces.items() if float(row["county_unit_enterprises"])
    )

    firsts: dict[str, int] = {}
    for row in calibration.data_exchanges:
        assert row["status"] in ("first", "later", "closed"), row
        assert row["region_code"][:2] + "0000" == row["province_code"], row
        level = "province" if row["region_code"] == row["province_code"] else "city"
        assert (level, row["region_code"]) in short, row
        firsts[row["province_code"]] = firsts.get(row["province_code"], 0) + (
            row["status"] == "first"
        )
    active = {
        row["province_code"] for row in calibration.data_exchanges if row["status"] != "closed"
    }
    assert len(active) == 27 and all(firsts[code] == 1 for code in active)


def test_calibration_year_tables() -> None:
    calibration = load_calibration_files()
    assert set(calibration.cycles["unicorns"]) == set(range(DATA_YEARS[0], 2023))
    for name in ("market_cap", "valuation"):
        assert set(calibration.cycles[name]) == set(DATA_YEARS), name
    assert set(calibration.cycles["financing"]) == set(range(2016, DATA_YEARS[-1] + 1))
    for name, table in calibration.cumulative.items():
        totals = [table[year] for year in sorted(table)]
        assert totals == sorted(totals) and isinstance(totals[-1], int), name
    assert calibration.cumulative["cities_with_agency"][2024] == 299
    for name, weights in calibration.year_weights.items():
        years = list(weights)
        assert years == sorted(years) and weights[years[-1]] == 0, name
        assert all(weight > 0 for weight in list(weights.values())[:-1]), name


def test_the_generator_reads_the_calibration_files(tmp_path: Path) -> None:
    """Beijing's tech staff in named_cities.csv is what the generated sample holds (at 2,000
    enterprises, a fifth of the calibrated size)."""
    changed = tmp_path / "calibration"
    shutil.copytree(CALIBRATION_DIR, changed)
    path = changed / "named_cities.csv"
    text = path.read_text(encoding="utf-8")
    assert "110000,北京,1900,0.085,0.46,0.050,1.30,1.25,2.30,1.80,484300," in text
    path.write_text(text.replace(",484300,", ",200000,", 1), encoding="utf-8")

    def beijing_listed_staff(generator: sample.SampleGenerator) -> int:
        tables = generator.enterprise_tables
        enterprises = tables.enterprises()
        annual = tables.enterprise_annual(2024)
        in_beijing = pc.is_in(
            annual["enterprise_id"],
            value_set=enterprises.filter(pc.starts_with(enterprises["region_code"], "11"))[
                "enterprise_id"
            ],
        )
        listed = annual.filter(pc.and_(in_beijing, annual["is_listed"]))
        return pc.sum(listed["tech_staff"]).as_py()

    assert beijing_listed_staff(sample.SampleGenerator(2_000)) == round(484_300 * 0.2)
    generator = sample.SampleGenerator(2_000, calibration=load_calibration_files(changed))
    assert beijing_listed_staff(generator) == round(200_000 * 0.2)


# ---------------------------------------------------------------------------------------------
# The data contract
# ---------------------------------------------------------------------------------------------


def test_sample_has_exactly_the_contract_columns(raw: dict[str, pd.DataFrame]) -> None:
    for table, columns in sample.TABLES.items():
        assert tuple(raw[table].columns) == columns, table


def test_sample_directory_holds_the_contract_files_as_an_export_writes_them() -> None:
    """data/sample is a raw directory like an analyst's: <table>.csv for each contract table
    (no raw_ prefix, nothing stale beside them), a plain header, text without quotes."""
    assert sorted(path.name for path in SAMPLE_DIR.glob("*.csv")) == sorted(
        f"{table}.csv" for table in TABLE_NAMES
    )
    for table, columns in sample.TABLES.items():
        with (SAMPLE_DIR / f"{table}.csv").open("rb") as handle:
            header = handle.readline()
            first = handle.readline().decode("utf-8")
        assert header == (",".join(columns) + "\n").encode(), table
        assert '"' not in first and len(first.rstrip("\n").split(",")) == len(columns), table


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
        if table in OPTIONAL_TABLES:
            assert ratio == 1.0, (table, ratio)  # the special topics are national lists
        else:
            assert 1.8 < ratio < 2.2, (table, ratio)
    annual = pq.read_table(tmp_path / "enterprise_annual.parquet")
    assert str(annual.schema.field("is_listed").type) == "bool"
    assert str(annual.schema.field("data_year").type) == "int32"
    enterprises = pq.read_table(tmp_path / "enterprises.parquet")
    assert str(enterprises.schema.field("established_date").type) == "date32[day]"
    assert str(enterprises.schema.field("region_code").type) == "string"
