"""A small, valid raw data set (six tables of the data contract) and helpers to build it.

Shared by test_bad_inputs.py and test_build_safety.py. It is deliberately tiny (20 enterprises,
two data years) so that a full `python -m bdi.build` takes seconds, and fixed (no randomness):
the fixture directories in fixtures/bad_inputs/ replace some of these files with a broken copy
and rely on the rest staying as written here. The data are synthetic.
"""

from __future__ import annotations

import csv
import hashlib
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from bdi.contract import TABLES

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable

# Region codes that resolve (data contract, "Resolving a region code"): a district (深圳 南山),
# a municipality's district (北京 海淀), a city (合肥), a province (广东), a county-level unit
# administered by its province (济源), cities in other provinces.
REGION_CODES = (
    "440305",
    "110108",
    "340100",
    "440000",
    "419001",
    "330100",
    "320500",
    "510100",
    "420100",
    "610100",
)
DATA_YEARS = (2022, 2023)

# The data contract's columns, in its order: the sample generator's list.
COLUMNS = {table: list(columns) for table, columns in TABLES.items()}


def small_raw_tables() -> dict[str, list[dict[str, str]]]:
    """The six raw tables as lists of rows (all values text, as in a CSV export)."""
    enterprises = []
    annual = []
    for number in range(1, 21):
        enterprise_id = f"E{number:03d}"
        enterprises.append(
            {
                "enterprise_id": enterprise_id,
                "enterprise_name": f"示例数据企业{number:02d}",
                "region_code": REGION_CODES[number % len(REGION_CODES)],
                "established_date": f"{2010 + number % 10}-{1 + number % 12:02d}-15",
                "deregistered_date": "2023-06-30" if number == 20 else "",
            }
        )
        for data_year in DATA_YEARS:
            growth = data_year - DATA_YEARS[0] + 1
            is_listed = number % 4 == 0
            is_unicorn = number % 7 == 0
            annual.append(
                {
                    "enterprise_id": enterprise_id,
                    "data_year": str(data_year),
                    "is_listed": str(is_listed).lower(),
                    "is_unicorn": str(is_unicorn).lower(),
                    "is_gazelle": str(number % 5 == 0).lower(),
                    "is_high_tech": str(number % 3 == 0).lower(),
                    "has_website": str(number % 2 == 0).lower(),
                    "market_cap": f"{number * 10.5 * growth:.1f}" if is_listed else "",
                    "valuation": f"{number * 3.0 * growth:.1f}" if is_unicorn else "",
                    "tech_staff": str(number * 40 * growth) if is_listed else "",
                    "patents": str(number * 3 * growth),
                    "software_copyrights": str(number * 2 + growth),
                }
            )
    financing = [
        {
            "event_id": f"F{number:03d}",
            "enterprise_id": f"E{number * 2:03d}",
            "event_date": f"{DATA_YEARS[number % 2]}-{number:02d}-10",
            "amount": f"{number * 1.5:.1f}",
            "round": ["天使轮", "A轮", "B轮", "IPO"][number % 4],
        }
        for number in range(1, 11)
    ]
    policies = [
        {
            "policy_id": f"P{number:03d}",
            "title": f"示例大数据政策{number}",
            "issuer_region_code": REGION_CODES[number],
            "issued_date": f"{2016 + number}-05-01",
            "repealed_date": "2023-01-01" if number == 6 else "",
            "policy_type": "industry_policy" if number % 2 else "law_regulation",
        }
        for number in range(1, 7)
    ]
    universities = [
        {
            "university_id": f"U{number:03d}",
            "university_name": f"示例大学{number}",
            "region_code": REGION_CODES[number + 1],
            "bigdata_major_since": str(2014 + 2 * number) if number < 5 else "",
        }
        for number in range(1, 6)
    ]
    institution_types = ["management_agency", "alliance", "data_exchange"]
    institutions = [
        {
            "institution_id": f"I{number:03d}",
            "institution_name": f"示例机构{number}",
            "region_code": REGION_CODES[number + 2],
            "institution_type": institution_types[number % 3],
            "established_date": f"{2015 + number}-03-01",
            "dissolved_date": "2023-02-01" if number == 6 else "",
        }
        for number in range(1, 7)
    ]
    return {
        "enterprises": enterprises,
        "enterprise_annual": annual,
        "financing_events": financing,
        "policies": policies,
        "universities": universities,
        "institutions": institutions,
    }


def write_small_raw_set(directory: Path) -> Path:
    """Write the six tables as UTF-8 CSV files into `directory`; return it."""
    directory.mkdir(parents=True, exist_ok=True)
    for table, rows in small_raw_tables().items():
        with (directory / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS[table], lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return directory


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_published_warehouse(path: Path) -> str:
    """A stand-in for last year's published warehouse; returns its sha256."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect(str(path))
    connection.execute("create table last_year as select 2024 as edition, 'published' as state")
    connection.close()
    return sha256(path)


@dataclass
class Build:
    """A `python -m bdi.build` run in its own directories (warehouse, dbt target, logs)."""

    workdir: Path
    raw_dir: Path
    warehouse: Path
    extra_env: dict[str, str]

    def env(self, **overrides: str) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("BDI_") and not key.startswith("DBT_")
        }
        env.update(
            {
                "DBT_PROFILES_DIR": str(ROOT / "profiles"),
                "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
                "DO_NOT_TRACK": "1",
                "BDI_RAW_DIR": str(self.raw_dir),
                "BDI_WAREHOUSE": str(self.warehouse),
                "BDI_DBT_TARGET_PATH": str(self.workdir / "target"),
                "BDI_DBT_LOG_PATH": str(self.workdir / "logs"),
                "BDI_REPORT_DIR": str(self.workdir / "report"),
                "BDI_BUILD_DATE": "2025-06-30",
                "PYTHONUNBUFFERED": "1",
            }
        )
        env.update(self.extra_env)
        env.update(overrides)
        return env

    def start(self, **overrides: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [PYTHON, "-m", "bdi.build"],
            cwd=ROOT,
            env=self.env(**overrides),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def run(self, timeout: float = 300, **overrides: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [PYTHON, "-m", "bdi.build"],
            cwd=ROOT,
            env=self.env(**overrides),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=timeout,
            check=False,
        )

    def building_files(self) -> list[Path]:
        """What a build leaves beside the warehouse: its build file (.building, .building.wal)
        and its lock file (.build-lock); nothing once a build has ended."""
        return sorted(self.warehouse.parent.glob(self.warehouse.name + ".build*"))


def new_build(tmp_path: Path, raw_dir: Path | None = None, **extra_env: str) -> Build:
    """A Build with the small raw set (or `raw_dir`) and a fresh warehouse location."""
    if raw_dir is None:
        raw_dir = write_small_raw_set(tmp_path / "raw")
    warehouse_dir = tmp_path / "published"
    warehouse_dir.mkdir(parents=True, exist_ok=True)
    return Build(tmp_path, raw_dir, warehouse_dir / "warehouse.duckdb", dict(extra_env))


def wait_for(predicate, timeout: float, interval: float = 0.05) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
