"""The Python tools, dbt and the data contract agree on the raw tables and their columns.

The one list is the source `raw` (models/staging/_raw__sources.yml); bdi.contract reads it and dbt
resolves it (`dbt ls --resource-type source`). The contract's own tables, in docs/data-contract.md,
must be the same.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bdi.contract import OPTIONAL_TABLES as OPTIONAL
from bdi.contract import RAW_TABLES, REQUIRED_TABLES, TABLES

ROOT = Path(__file__).resolve().parents[2]
CONTRACT_TABLES = {
    "enterprises": (
        "enterprise_id", "enterprise_name", "region_code", "established_date", "deregistered_date",
    ),
    "enterprise_annual": (
        "enterprise_id", "data_year", "is_listed", "is_unicorn", "is_gazelle", "is_high_tech",
        "has_website", "market_cap", "valuation", "tech_staff", "patents", "software_copyrights",
    ),
    "financing_events": ("event_id", "enterprise_id", "event_date", "amount", "round"),
    "policies": (
        "policy_id", "title", "issuer_region_code", "issued_date", "repealed_date", "policy_type",
    ),
    "universities": ("university_id", "university_name", "region_code", "bigdata_major_since"),
    "institutions": (
        "institution_id", "institution_name", "region_code", "institution_type",
        "established_date", "dissolved_date",
    ),
    # The optional special-topic tables: they come together or not at all.
    "topics": ("topic_code", "name_zh", "name_en", "unit"),
    "topic_values": ("topic_code", "region_code", "year", "value"),
}  # fmt: skip
OPTIONAL_TABLES = {"topics": "topics", "topic_values": "topics"}


def test_the_sources_hold_the_data_contracts_tables_and_columns_in_order() -> None:
    assert TABLES == CONTRACT_TABLES
    assert RAW_TABLES == tuple(CONTRACT_TABLES)
    assert OPTIONAL == OPTIONAL_TABLES
    assert REQUIRED_TABLES == tuple(t for t in CONTRACT_TABLES if t not in OPTIONAL_TABLES)


def test_every_source_column_is_described_as_text() -> None:
    import yaml

    spec = yaml.safe_load((ROOT / "models/staging/_raw__sources.yml").read_text(encoding="utf-8"))
    [source] = spec["sources"]
    assert (source["name"], source["schema"]) == ("raw", "raw")
    # The description (a doc block) says where the data come from and that the sample is synthetic.
    assert source["description"] == '{{ doc("raw_source") }}'
    docs = (ROOT / "models/staging/_raw__docs.md").read_text(encoding="utf-8")
    raw_source = docs[docs.index("{% docs raw_source %}") : docs.index("{% enddocs %}")]
    assert "SYNTHETIC" in raw_source and "data/sample" in raw_source
    for table in source["tables"]:
        assert table["description"].strip(), table["name"]
        for column in table["columns"]:
            assert column["description"].strip(), (table["name"], column["name"])
            assert column["data_type"] == "varchar", (table["name"], column["name"])


def test_dbt_lists_the_raw_tables_as_sources(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("BDI_")}
    env.update({"DBT_PROFILES_DIR": str(ROOT / "profiles"), "DO_NOT_TRACK": "1"})
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from dbt.cli.main import cli; sys.exit(cli())"]
        + ["ls", "--resource-type", "source", "--output", "json", "--quiet"]
        + ["--output-keys", "source_name name columns"]
        + ["--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    listed = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    # Besides the raw tables, only the published editions (docs/analyses.md §7) are a source.
    assert {node["source_name"] for node in listed} == {"raw", "published"}
    listed = [node for node in listed if node["source_name"] == "raw"]
    assert {(node["source_name"], node["name"]) for node in listed} == {
        ("raw", table) for table in CONTRACT_TABLES
    }
    for node in listed:
        assert tuple(node["columns"]) == CONTRACT_TABLES[node["name"]]


def test_the_contract_document_names_the_same_tables() -> None:
    contract = ROOT / "docs" / "data-contract.md"
    if not contract.exists():
        pytest.skip("docs/data-contract.md is not in this checkout yet")
    headings = re.findall(r"^### (\w+)", contract.read_text(encoding="utf-8"), flags=re.M)
    assert set(CONTRACT_TABLES) <= set(headings)
