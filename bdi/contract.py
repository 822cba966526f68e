"""The raw tables of the data contract (shared/spec/data-contract.md), for the Python tools.

dbt's own copy of the column lists is macros/staging/raw_tables.sql (raw_table_columns), which the
staging models validate against; tests/python/test_contract.py keeps the two equal.
"""

from __future__ import annotations

# The six raw tables, with the data contract's columns in the contract's order.
TABLES: dict[str, tuple[str, ...]] = {
    "enterprises": (
        "enterprise_id",
        "enterprise_name",
        "region_code",
        "established_date",
        "deregistered_date",
    ),
    "enterprise_annual": (
        "enterprise_id",
        "data_year",
        "is_listed",
        "is_unicorn",
        "is_gazelle",
        "is_high_tech",
        "has_website",
        "market_cap",
        "valuation",
        "tech_staff",
        "patents",
        "software_copyrights",
    ),
    "financing_events": ("event_id", "enterprise_id", "event_date", "amount", "round"),
    "policies": (
        "policy_id",
        "title",
        "issuer_region_code",
        "issued_date",
        "repealed_date",
        "policy_type",
    ),
    "universities": ("university_id", "university_name", "region_code", "bigdata_major_since"),
    "institutions": (
        "institution_id",
        "institution_name",
        "region_code",
        "institution_type",
        "established_date",
        "dissolved_date",
    ),
}

RAW_TABLES: tuple[str, ...] = tuple(TABLES)
