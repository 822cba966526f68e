"""The floor: what DuckDB alone needs to compute the 18 indicator values from the raw files.

The SQL is floor.sql, written plainly from docs/data-contract.md, not the build's compiled SQL.
It runs in a subprocess (for its peak memory) in one connection with the dbt profile's DuckDB
settings; its result must equal the build's fct_indicator_values (raw_value), row for row.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path
from string import Template
from typing import Any

from bdi.bench.measure import (
    PROJECT_ROOT,
    BenchError,
    base_env,
    measure,
    median_run,
    remove,
    tail,
)
from bdi.contract import REQUIRED_TABLES

FLOOR_SQL = Path(__file__).with_name("floor.sql")
REFERENCE_DIR = PROJECT_ROOT / "seeds" / "reference"
TOLERANCE = 1e-9  # relative: sums of doubles in another order differ in the last bits


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def raw_relation(raw_dir: Path, table: str) -> str:
    """read_parquet of <table>.parquet if there is one, else read_csv of <table>.csv as text."""
    parquet = raw_dir / f"{table}.parquet"
    if parquet.is_file():
        return f"read_parquet({_quoted(parquet)})"
    csv = raw_dir / f"{table}.csv"
    if not csv.is_file():
        raise BenchError(f"the floor finds neither {parquet.name} nor {csv.name} in {raw_dir}")
    return f"read_csv({_quoted(csv)}, header = true, all_varchar = true)"


def floor_sql(raw_dir: Path) -> str:
    """floor.sql with the raw files of raw_dir and the reference seeds filled in."""
    # The six tables of the index (the optional special topics play no part in it).
    relations = {table: raw_relation(raw_dir, table) for table in REQUIRED_TABLES}
    for seed in ("ref_regions", "ref_indicator_tree"):
        path = REFERENCE_DIR / f"{seed}.csv"
        relations[seed] = f"read_csv({_quoted(path)}, header = true, all_varchar = true)"
    return Template(FLOOR_SQL.read_text(encoding="utf-8")).substitute(relations)


def profile_settings() -> dict[str, Any]:
    """The DuckDB settings of the dbt profile's default target (`settings:`), so that the floor
    runs DuckDB as the build does. (The profile's `threads` is dbt's node concurrency, not
    DuckDB's: both use DuckDB's default, one thread per core, unless `settings` says otherwise.)
    """
    import yaml

    profile = yaml.safe_load((PROJECT_ROOT / "profiles" / "profiles.yml").read_text())["bdi"]
    output = profile["outputs"][profile.get("target", "duckdb")]
    settings = dict(output.get("settings") or {})
    return {name: value for name, value in settings.items() if "{{" not in str(value)}


def execute_floor(raw_dir: Path, database: Path, settings: dict[str, Any]) -> dict[str, Any]:
    """Run the floor in one DuckDB connection (this process); return its time."""
    import duckdb

    sql = floor_sql(raw_dir)
    database.parent.mkdir(parents=True, exist_ok=True)
    for path in (database, database.with_name(database.name + ".wal")):
        remove(path)
    started = time.perf_counter()
    connection = duckdb.connect(str(database))
    for name, value in settings.items():
        connection.execute(f"set {name} = '{value}'")
    connection.execute(sql)
    connection.execute("checkpoint")
    connection.close()
    return {"seconds": time.perf_counter() - started, "database": str(database)}


def floor_worker(raw_dir: Path, database: Path, result_path: Path) -> int:
    settings = profile_settings()
    result = {**execute_floor(raw_dir, database, settings), "settings": settings}
    result_path.write_text(json.dumps(result, indent=2))
    return 0


def run_floor_once(raw_dir: Path, work_dir: Path) -> dict[str, Any]:
    """Time the floor in a subprocess (``python -m bdi.bench --floor-worker``)."""
    work_dir.mkdir(parents=True, exist_ok=True)
    result_path = work_dir / "floor_result.json"
    remove(result_path)
    command = [
        *(sys.executable, "-m", "bdi.bench", "--floor-worker"),
        *(str(raw_dir), str(work_dir / "floor.duckdb"), str(result_path)),
    ]
    run = measure(command, base_env(), work_dir / "floor.log")
    if not run.ok or not result_path.exists():
        raise BenchError(f"the floor failed (exit {run.returncode}):\n{tail(run.log)}")
    return {"measurement": asdict(run), **json.loads(result_path.read_text())}


def run_floor(raw_dir: Path, work_dir: Path, repeat: int = 1) -> dict[str, Any]:
    """The median of `repeat` floor runs (see run_floor_once)."""
    runs = [run_floor_once(raw_dir, work_dir) for _ in range(max(repeat, 1))]
    return median_run(runs, lambda run: run["seconds"])


def compare_indicator_values(build_db: str | Path, floor_db: str | Path) -> dict[str, Any]:
    """The floor's indicator_values against the build's fct_indicator_values, row for row:
    rows of each, rows missing on either side or with a different raw_value, a few examples."""
    import duckdb

    keys = "edition, region_level, region_code, indicator_code"
    with contextlib.closing(duckdb.connect(str(floor_db), read_only=True)) as connection:
        connection.execute(f"attach {_quoted(Path(build_db))} as build (read_only)")
        connection.execute(
            f"""
            create temp table compared as
            select {keys}, floor.raw_value as floor_value, built.raw_value as build_value
            from indicator_values as floor
            full join build.main.fct_indicator_values as built using ({keys})
            """
        )
        different = f"""
            floor_value is null or build_value is null
            or abs(floor_value - build_value) > {TOLERANCE} * greatest(1, abs(build_value))
        """
        counts = connection.execute(
            f"""
            select count(floor_value), count(build_value), count(*) filter (where {different})
            from compared
            """
        ).fetchone()
        examples = connection.execute(
            f"select * from compared where {different} order by {keys} limit 5"
        ).fetchall()
    floor_rows, build_rows, mismatches = counts
    return {
        "rows": build_rows,
        "floor_rows": floor_rows,
        "different": mismatches,
        "identical": mismatches == 0 and floor_rows == build_rows > 0,
        "examples": [list(map(str, row)) for row in examples],
    }
