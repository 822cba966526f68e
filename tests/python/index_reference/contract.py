"""The data contract, recomputed: raw files -> the 18 raw indicator values (docs/data-contract.md).

Reads the raw tables the way the contract describes them (CSV in UTF-8, with or without a
byte-order mark, or UTF-16 with one; Parquet, typed or text), parses values in the forms the
contract accepts, resolves region codes (rules 1-5), applies the "active at" rules and counts.
It expects *valid* rows: a region code that does not resolve, or a value that does not parse,
raises ``ValueError`` (the caller removes the rows a build listed as invalid first).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .seeds import load_regions

INDICATORS: tuple[str, ...] = (
    "market_entities",
    "listed_enterprises",
    "unicorns",
    "gazelles",
    "high_tech_enterprises",
    "listed_market_cap",
    "unicorn_valuation",
    "financing_total",
    "enterprise_websites",
    "patents",
    "software_copyrights",
    "universities_with_bigdata_major",
    "listed_tech_staff",
    "industry_policies",
    "laws_regulations",
    "management_agencies",
    "alliances_associations",
    "data_exchanges",
)
RAW_TABLES = (
    "enterprises",
    "enterprise_annual",
    "financing_events",
    "policies",
    "universities",
    "institutions",
)
TRUE_WORDS = {"true", "t", "1", "yes", "y", "是"}
FALSE_WORDS = {"false", "f", "0", "no", "n", "否"}
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")


# --------------------------------------------------------------------------------- reading


def read_raw_file(path: Path, file_format: str | None = None) -> pd.DataFrame:
    """One raw table as text columns (None where empty), with source_row (1 = first data row)."""
    file_format = file_format or path.suffix.lstrip(".")
    if file_format == "parquet":
        frame = pd.read_parquet(path)
        frame = frame.astype(object).where(frame.notna(), None)
        for column in frame.columns:
            frame[column] = [None if value is None else _as_text(value) for value in frame[column]]
    else:
        head = path.read_bytes()[:2]
        encoding = "utf-16" if head == b"\xff\xfe" else "utf-8-sig"
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
    frame.columns = [str(column).strip().lower() for column in frame.columns]
    frame["source_row"] = np.arange(1, len(frame) + 1)
    return frame


def _as_text(value: object) -> str:
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


# --------------------------------------------------------------------------------- parsing


def _text(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip().replace("", pd.NA)


def parse_dates(series: pd.Series) -> pd.Series:
    text = _text(series)
    parsed = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns]")
    for date_format in DATE_FORMATS:
        missing = parsed.isna() & text.notna()
        parsed[missing] = pd.to_datetime(text[missing], format=date_format, errors="coerce")
    missing = parsed.isna() & text.notna()  # a timestamp: its date
    parsed[missing] = pd.to_datetime(text[missing], errors="coerce").dt.normalize()
    bad = parsed.isna() & text.notna()
    if bad.any():
        raise ValueError(f"unparseable dates: {sorted(text[bad].unique())[:5]}")
    return parsed


def parse_numbers(series: pd.Series) -> pd.Series:
    text = _text(series).str.replace(",", "", regex=False)
    numbers = pd.to_numeric(text, errors="coerce").astype(float)
    bad = numbers.isna() & text.notna()
    if bad.any():
        raise ValueError(f"unparseable numbers: {sorted(text[bad].unique())[:5]}")
    return numbers


def parse_booleans(series: pd.Series) -> pd.Series:
    text = _text(series).str.lower()
    bad = ~text.isin(TRUE_WORDS | FALSE_WORDS)
    if bad.any():
        raise ValueError(f"unparseable booleans: {sorted(text[bad].astype(str).unique())[:5]}")
    return text.isin(TRUE_WORDS).astype(bool)


def resolve_region_codes(codes: pd.Series, regions: pd.DataFrame) -> pd.DataFrame:
    """Contract rules 1-5: a province_code and a city_code (``None`` if none) per code."""
    codes = _text(codes)
    provinces = regions.loc[regions["region_level"] == "province"]
    cities = set(regions.loc[regions["region_level"] == "city", "region_code"])
    municipalities = set(provinces.loc[provinces["is_municipality"], "region_code"])
    province_code = codes.str[:2] + "0000"
    bad = ~province_code.isin(set(provinces["region_code"])) | ~codes.str.fullmatch(
        r"[0-9]{6}"
    ).fillna(False).astype(bool)
    city_code = codes.str[:4] + "00"
    city_code = city_code.where(~((codes == province_code) | (codes.str[2:4] == "90")), None)
    city_code = city_code.where(~province_code.isin(municipalities), province_code)
    bad |= city_code.notna() & ~city_code.isin(cities)
    if bad.any():
        raise ValueError(f"unresolvable region codes: {sorted(codes[bad].astype(str))[:10]}")
    return pd.DataFrame({"province_code": province_code, "city_code": city_code}, index=codes.index)


# --------------------------------------------------------------------------------- counting


def _count_by_region(
    frame: pd.DataFrame, value: pd.Series | None = None
) -> dict[tuple[str, str], float]:
    """Sum value (or count rows) per (level, region) over the province and city columns."""
    weights = pd.Series(1.0, index=frame.index) if value is None else value.fillna(0.0)
    result: dict[tuple[str, str], float] = {}
    for level, column in (("province", "province_code"), ("city", "city_code")):
        sums = weights.groupby(frame[column].dropna()).sum()
        for code, total in sums.items():
            result[(level, str(code))] = float(total)
    return result


def _active(start: pd.Series, end: pd.Series, as_of: pd.Timestamp) -> pd.Series:
    """Started on or before the as-of date and not ended on or before it."""
    return (start <= as_of) & (end.isna() | (end > as_of))


def _typed_tables(
    raw_tables: dict[str, pd.DataFrame], regions: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    enterprises = raw_tables["enterprises"].copy()
    enterprises["enterprise_id"] = _text(enterprises["enterprise_id"])
    enterprises = enterprises.join(resolve_region_codes(enterprises["region_code"], regions))
    enterprises["established_date"] = parse_dates(enterprises["established_date"])
    enterprises["deregistered_date"] = parse_dates(enterprises["deregistered_date"])
    located = enterprises.set_index("enterprise_id")[["province_code", "city_code"]]
    if not located.index.is_unique:
        raise ValueError("duplicate enterprise_id")

    annual = raw_tables["enterprise_annual"].copy()
    annual["enterprise_id"] = _text(annual["enterprise_id"])
    annual["data_year"] = parse_numbers(annual["data_year"]).astype(int)
    for flag in ("is_listed", "is_unicorn", "is_gazelle", "is_high_tech", "has_website"):
        annual[flag] = parse_booleans(annual[flag])
    for number in ("market_cap", "valuation", "tech_staff", "patents", "software_copyrights"):
        annual[number] = parse_numbers(annual[number])
    annual = annual.join(located, on="enterprise_id", validate="many_to_one")

    financing = raw_tables["financing_events"].copy()
    financing["enterprise_id"] = _text(financing["enterprise_id"])
    financing["event_date"] = parse_dates(financing["event_date"])
    financing["amount"] = parse_numbers(financing["amount"])
    financing = financing.join(located, on="enterprise_id", validate="many_to_one")
    if annual["province_code"].isna().any() or financing["province_code"].isna().any():
        raise ValueError("a row refers to an enterprise that is not in enterprises")

    policies = raw_tables["policies"].copy()
    policies = policies.join(resolve_region_codes(policies["issuer_region_code"], regions))
    policies["issued_date"] = parse_dates(policies["issued_date"])
    policies["repealed_date"] = parse_dates(policies["repealed_date"])
    policies["policy_type"] = _text(policies["policy_type"]).str.lower()

    universities = raw_tables["universities"].copy()
    universities = universities.join(resolve_region_codes(universities["region_code"], regions))
    universities["bigdata_major_since"] = parse_numbers(universities["bigdata_major_since"])

    institutions = raw_tables["institutions"].copy()
    institutions = institutions.join(resolve_region_codes(institutions["region_code"], regions))
    institutions["established_date"] = parse_dates(institutions["established_date"])
    institutions["dissolved_date"] = parse_dates(institutions["dissolved_date"])
    institutions["institution_type"] = _text(institutions["institution_type"]).str.lower()
    return {
        "enterprises": enterprises,
        "enterprise_annual": annual,
        "financing_events": financing,
        "policies": policies,
        "universities": universities,
        "institutions": institutions,
    }


def _year_sums(tables: dict[str, pd.DataFrame], data_year: int) -> dict[str, dict]:
    """Every indicator of one data year: {indicator: {(level, region_code): value}}."""
    as_of = pd.Timestamp(data_year, 12, 31)
    annual = tables["enterprise_annual"]
    year_rows = annual.loc[annual["data_year"] == data_year]
    listed = year_rows.loc[year_rows["is_listed"]]
    unicorn = year_rows.loc[year_rows["is_unicorn"]]
    financing = tables["financing_events"]
    events = financing.loc[financing["event_date"].dt.year == data_year]
    policies, institutions = tables["policies"], tables["institutions"]
    policies = policies.loc[_active(policies["issued_date"], policies["repealed_date"], as_of)]
    institutions = institutions.loc[
        _active(institutions["established_date"], institutions["dissolved_date"], as_of)
    ]
    universities = tables["universities"]
    majors = universities.loc[universities["bigdata_major_since"] <= data_year]
    enterprises = tables["enterprises"]
    enterprises = enterprises.loc[
        _active(enterprises["established_date"], enterprises["deregistered_date"], as_of)
    ]

    def of_type(frame: pd.DataFrame, column: str, kind: str) -> dict:
        return _count_by_region(frame.loc[frame[column] == kind])

    return {
        "market_entities": _count_by_region(enterprises),
        "listed_enterprises": _count_by_region(listed),
        "unicorns": _count_by_region(unicorn),
        "gazelles": _count_by_region(year_rows.loc[year_rows["is_gazelle"]]),
        "high_tech_enterprises": _count_by_region(year_rows.loc[year_rows["is_high_tech"]]),
        "listed_market_cap": _count_by_region(listed, listed["market_cap"]),
        "unicorn_valuation": _count_by_region(unicorn, unicorn["valuation"]),
        "financing_total": _count_by_region(events, events["amount"]),
        "enterprise_websites": _count_by_region(year_rows.loc[year_rows["has_website"]]),
        "patents": _count_by_region(year_rows, year_rows["patents"]),
        "software_copyrights": _count_by_region(year_rows, year_rows["software_copyrights"]),
        "universities_with_bigdata_major": _count_by_region(majors),
        "listed_tech_staff": _count_by_region(listed, listed["tech_staff"]),
        "industry_policies": of_type(policies, "policy_type", "industry_policy"),
        "laws_regulations": of_type(policies, "policy_type", "law_regulation"),
        "management_agencies": of_type(institutions, "institution_type", "management_agency"),
        "alliances_associations": of_type(institutions, "institution_type", "alliance"),
        "data_exchanges": of_type(institutions, "institution_type", "data_exchange"),
    }


def indicator_values(
    raw_tables: dict[str, pd.DataFrame], regions: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The 18 indicators of the data contract for every region, level and edition.

    ``raw_tables`` maps the six contract table names to DataFrames (text as read from CSV with
    ``dtype=str, keep_default_na=False``, or as returned by ``read_raw_file``). Returns a long
    table (edition, data_year, region_level, region_code, indicator_code, raw_value), one row
    per region of each level, indicator and edition (0 where nothing counts). Editions are the
    data years present in enterprise_annual, plus one.
    """
    regions = load_regions() if regions is None else regions
    tables = _typed_tables(raw_tables, regions)
    region_keys = list(zip(regions["region_level"], regions["region_code"], strict=True))
    frames = []
    for data_year in sorted(tables["enterprise_annual"]["data_year"].unique()):
        sums = _year_sums(tables, int(data_year))
        for indicator in INDICATORS:
            frames.append(
                pd.DataFrame(
                    {
                        "edition": int(data_year) + 1,
                        "data_year": int(data_year),
                        "region_level": regions["region_level"].to_numpy(),
                        "region_code": regions["region_code"].to_numpy(),
                        "indicator_code": indicator,
                        "raw_value": [sums[indicator].get(key, 0.0) for key in region_keys],
                    }
                )
            )
    result = pd.concat(frames, ignore_index=True)
    return result.sort_values(
        ["edition", "region_level", "region_code", "indicator_code"], ignore_index=True
    )
