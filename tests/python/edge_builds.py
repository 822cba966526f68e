"""Real builds of the edge-case data set, the way an analyst runs them.

Each build is `python -m bdi.build` (what `make build` runs: every seed, model and data test) with
BDI_RAW_DIR on the edge-case set, BDI_ALLOW_INVALID_ROWS=1, a temporary BDI_WAREHOUSE and the
build's methods in BDI_WEIGHTING_METHOD / BDI_TIER_METHOD / BDI_CIRCLE_METHOD (left unset where
the build checks a default). The negative-tree build runs in a copy of the project whose
seeds/reference/ref_indicator_tree.csv makes one indicator negative: no switch in the project.

The builds run once per test session, two at a time. Under pytest-xdist the first worker that
needs them builds them under a file lock in the directory the workers share; the others wait and
reuse the result.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import index_reference as ir
import pandas as pd
from edge_case_data import COLUMNS, EDGE_DIR, NEGATIVE_INDICATOR

ROOT = Path(__file__).resolve().parents[2]
PARALLEL_BUILDS = 2
BUILD_TIMEOUT_SECONDS = 600
COPY_IGNORED = (
    ".git", ".venv", "target", "logs", "build", "*.duckdb", "*.duckdb.*", "__pycache__",
    ".pytest_cache", ".ruff_cache",
)  # fmt: skip


@dataclass(frozen=True)
class EdgeBuild:
    """One build of the edge-case set. ``None`` methods are left to the project's defaults."""

    name: str
    weighting_method: str | None = None
    tier_method: str | None = None
    circle_method: str | None = None
    negative_indicator: str | None = None  # made negative in a copy of the project
    parquet: bool = False  # the raw tables as typed Parquet files instead of CSV
    uncertainty: tuple[int, int] | None = None  # Monte Carlo (draws, seed); None: the defaults

    @property
    def settings(self) -> ir.IndexSettings:
        """What the build must have used: the methodology's defaults where nothing was set."""
        defaults = ir.IndexSettings()
        return ir.IndexSettings(
            weighting_method=self.weighting_method or defaults.weighting_method,
            tier_method=self.tier_method or defaults.tier_method,
            circle_method=self.circle_method or defaults.circle_method,
        )

    @property
    def positive_tree(self) -> bool:
        return self.negative_indicator is None

    def environment(self, raw_dir: Path, work: Path) -> dict[str, str]:
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("BDI_", "DBT_"))  # nothing of the caller's build leaks in
        }
        environment.update(
            BDI_RAW_DIR=str(raw_dir),
            BDI_WAREHOUSE=str(work / "warehouse.duckdb"),
            BDI_ALLOW_INVALID_ROWS="1",
            BDI_DBT_TARGET_PATH=str(work / "target"),
            BDI_DBT_LOG_PATH=str(work / "logs"),
            BDI_REPORT_DIR=str(work / "report"),
            DBT_SEND_ANONYMOUS_USAGE_STATS="false",
            DO_NOT_TRACK="1",
        )
        for variable, value in (
            ("BDI_WEIGHTING_METHOD", self.weighting_method),
            ("BDI_TIER_METHOD", self.tier_method),
            ("BDI_CIRCLE_METHOD", self.circle_method),
        ):
            if value is not None:
                environment[variable] = value
        if self.uncertainty is not None:
            draws, seed = self.uncertainty
            environment.update(BDI_UNCERTAINTY_DRAWS=str(draws), BDI_UNCERTAINTY_SEED=str(seed))
        return environment


# Every weighting method; both tier methods and both circle methods; the defaults unset in the
# first build; one build from Parquet files; one with a negative indicator; one with its own
# Monte Carlo draws and seed.
BUILDS = (
    EdgeBuild("defaults"),
    EdgeBuild("entropy_jenks", "entropy", tier_method="jenks", uncertainty=(301, 7)),
    EdgeBuild("critic_mean", "critic", tier_method="rank_cutoffs", circle_method="mean"),
    EdgeBuild("equal_parquet", "equal", circle_method="sum", parquet=True),
    EdgeBuild("expert_jenks_mean", "expert", tier_method="jenks", circle_method="mean"),
    EdgeBuild("negative_tree", "improved_vector", negative_indicator=NEGATIVE_INDICATOR),
)
BUILD_NAMES = tuple(build.name for build in BUILDS)


def by_name(name: str) -> EdgeBuild:
    return next(build for build in BUILDS if build.name == name)


# ------------------------------------------------------------------------------ inputs


def write_parquet_tables(directory: Path) -> Path:
    """The edge-case tables as typed Parquet (dates, booleans, numbers), as a database exports."""
    from index_reference import contract

    typed = {
        "date": contract.parse_dates,
        "bool": contract.parse_booleans,
        "number": contract.parse_numbers,
    }
    kinds = {
        "established_date": "date", "deregistered_date": "date", "event_date": "date",
        "issued_date": "date", "repealed_date": "date", "dissolved_date": "date",
        "is_listed": "bool", "is_unicorn": "bool", "is_gazelle": "bool", "is_high_tech": "bool",
        "has_website": "bool", "market_cap": "number", "valuation": "number",
        "tech_staff": "number", "patents": "number", "software_copyrights": "number",
        "amount": "number", "data_year": "number", "bigdata_major_since": "number",
    }  # fmt: skip
    directory.mkdir(parents=True, exist_ok=True)
    for table, columns in COLUMNS.items():
        frame = pd.read_csv(EDGE_DIR / f"{table}.csv", dtype=str, keep_default_na=False)
        for column in columns:
            kind = kinds.get(column)
            if kind == "date":
                frame[column] = typed[kind](frame[column]).dt.date
            elif kind:
                frame[column] = typed[kind](frame[column])
        frame.to_parquet(directory / f"{table}.parquet", index=False)
    return directory


def project_with_negative_indicator(directory: Path, indicator: str) -> Path:
    """A copy of the project whose indicator tree makes ``indicator`` negative."""
    shutil.copytree(ROOT, directory, ignore=shutil.ignore_patterns(*COPY_IGNORED))
    tree_path = directory / "seeds" / "reference" / "ref_indicator_tree.csv"
    tree = pd.read_csv(tree_path, dtype=str, keep_default_na=False)
    assert (tree.loc[tree["node_code"] == indicator, "direction"] == "positive").all()
    tree.loc[tree["node_code"] == indicator, "direction"] = "negative"
    tree.to_csv(tree_path, index=False, lineterminator="\n")
    return directory


# ------------------------------------------------------------------------------ building


def _run(build: EdgeBuild, base: Path) -> dict[str, str]:
    work = base / build.name
    work.mkdir(parents=True, exist_ok=True)
    project, raw_dir = ROOT, EDGE_DIR
    if build.parquet:
        raw_dir = write_parquet_tables(work / "raw")
    if build.negative_indicator:
        project = project_with_negative_indicator(work / "project", build.negative_indicator)
    environment = build.environment(raw_dir, work)
    environment["DBT_PROFILES_DIR"] = str(project / "profiles")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "bdi.build"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_SECONDS,
    )
    warehouse = work / "warehouse.duckdb"
    return {
        "warehouse": str(warehouse) if result.returncode == 0 and warehouse.exists() else "",
        "project": str(project),
        "seconds": f"{time.monotonic() - started:.0f}",
        "log": f"exit {result.returncode}\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}",
    }


def run_builds(shared_dir: Path) -> dict[str, dict[str, str]]:
    """Every build of BUILDS, once per session (also across xdist workers): name -> result with
    "warehouse" (empty when the build failed), "project", "seconds" and "log"."""
    base = shared_dir / "edge_builds"
    base.mkdir(parents=True, exist_ok=True)
    done = base / "results.json"
    with (base / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            with ThreadPoolExecutor(PARALLEL_BUILDS) as pool:
                results = dict(
                    zip(BUILD_NAMES, pool.map(lambda build: _run(build, base), BUILDS), strict=True)
                )
            done.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return json.loads(done.read_text())
