"""National-scale benchmark: ``python -m bdi.bench`` (what ``make bench`` runs).

For each scale (1× = 400,000 enterprises, the size of China's big-data enterprise population,
and 10×) it

1. generates the six raw tables as Parquet with ``python -m bdi.sample`` (SYNTHETIC data), or
   reuses them when ``bench/data/raw_<n>/`` already holds them for the same parameters;
2. times the full build with every test, ``python -m bdi.build`` with ``BDI_RAW_DIR`` pointing at
   them, and measures its peak memory (the largest resident set in the process tree: dbt runs
   DuckDB in-process);
3. times the *floor*: the same SQL run directly in DuckDB — one connection, the compiled SQL of
   every seed and model (from the build's ``manifest.json``) in dependency order as
   ``create or replace table … as …`` (views as views), no tests, no orchestration — in a
   subprocess, with its peak memory; checks that both produce the same ``fct_index``;
4. times the viewer's pages on the national-scale warehouse (``python -m bdi.bench_app``);
5. writes ``docs/benchmark.md`` and prints a summary.

Peak memory is read with ``os.wait4`` on the measured child: Linux reports the largest resident
set of that process and of every descendant it waited for. Time is wall-clock; CPU time
(user + system, all processes) is reported beside it because the machine may be shared.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from bdi.contract import RAW_TABLES

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = PROJECT_ROOT / "bench" / "data"
DEFAULT_REPORT = PROJECT_ROOT / "docs" / "benchmark.md"
BASE_ENTERPRISES = 400_000
BASELINE_ENTERPRISES = 5_000  # a tiny build: dbt's fixed cost
DEFAULT_REPEAT = 3  # the fastest of 3 runs: other processes only ever add time
PARAMS_FILE = "_bench_params.json"
GIB = 1024**3

# Targets of issue 6 on the 2-core reference machine.
TARGET_NATIONAL_SECONDS = 30.0
TARGET_FLOOR_RATIO = 3.0
TARGET_PEAK_BYTES = 4 * GIB
TARGET_PAGE_SECONDS = 1.0


class BenchError(Exception):
    """A benchmark step that failed; the message says which and why."""


# --- measuring a child process --------------------------------------------------------------


@dataclass
class Measurement:
    """One measured child process: wall time, CPU time and peak resident set."""

    seconds: float
    cpu_seconds: float
    peak_rss_bytes: int
    returncode: int
    log: str = ""
    load_before: float | None = None  # 1-minute load average when the run started

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def measure(
    command: list[str], env: dict[str, str], log_path: Path, cwd: Path = PROJECT_ROOT
) -> Measurement:
    """Run `command`, wait for it with wait4 and return its wall time, CPU time and peak RSS.

    Linux fills wait4's rusage for the child with its own figures and those of every descendant
    it reaped: ru_maxrss is then the largest resident set in the whole process tree.
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with log_path.open("wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _pid, status, usage = os.wait4(process.pid, 0)
        except BaseException:
            process.kill()
            process.wait()
            raise
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return Measurement(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_rss_bytes=usage.ru_maxrss * 1024,  # KiB on Linux
        returncode=process.returncode,
        log=str(log_path),
        load_before=load_before,
    )


def base_env() -> dict[str, str]:
    """The caller's environment without BDI_* settings: every run builds the defaults."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("BDI_")}
    env["DBT_PROFILES_DIR"] = str(PROJECT_ROOT / "profiles")
    env["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    env["DO_NOT_TRACK"] = "1"
    return env


def tail(path: str | Path, lines: int = 30) -> str:
    with contextlib.suppress(OSError):
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    return ""


# --- 1. raw data ----------------------------------------------------------------------------


def generator_fingerprint() -> str:
    """Hash of the generator's source: changed generator, regenerated data."""
    source = (PROJECT_ROOT / "bdi" / "sample.py").read_bytes()
    return hashlib.sha256(source).hexdigest()[:16]


def raw_dir_for(data_dir: Path, enterprises: int) -> Path:
    return data_dir / f"raw_{enterprises}"


def raw_files_present(raw_dir: Path) -> bool:
    return all((raw_dir / f"{table}.parquet").is_file() for table in RAW_TABLES)


def generate(
    raw_dir: Path, enterprises: int, *, reuse: bool = True, skip: bool = False
) -> dict[str, Any]:
    """Make sure `raw_dir` holds the six tables for `enterprises`; return what was done."""
    params = {"enterprises": enterprises, "format": "parquet", "generator": generator_fingerprint()}
    params_path = raw_dir / PARAMS_FILE
    if skip or reuse:
        stored = None
        with contextlib.suppress(OSError, ValueError):
            stored = json.loads(params_path.read_text())
        same = stored is not None and all(stored.get(key) == value for key, value in params.items())
        if raw_files_present(raw_dir) and (skip or same):
            return {
                "generated": False,
                "seconds": (stored or {}).get("seconds"),
                **row_counts(raw_dir),
            }
        if skip:
            raise SystemExit(
                f"bdi.bench: --skip-generate, but {raw_dir} does not hold the six raw Parquet "
                "files; run without --skip-generate first."
            )
    if raw_dir.exists():
        shutil.rmtree(raw_dir)
    raw_dir.mkdir(parents=True)
    log = raw_dir.parent / "logs" / f"generate_{enterprises}.log"
    command = [
        sys.executable,
        "-m",
        "bdi.sample",
        "--format",
        "parquet",
        "--enterprises",
        str(enterprises),
        "--out",
        str(raw_dir),
    ]
    say(f"  generating {enterprises:,} enterprises (synthetic) into {raw_dir} ...")
    run = measure(command, base_env(), log)
    if not run.ok:
        raise SystemExit(f"bdi.bench: the sample generator failed:\n{tail(log)}")
    params_path.write_text(json.dumps({**params, "seconds": round(run.seconds, 1)}, indent=2))
    return {"generated": True, "seconds": run.seconds, **row_counts(raw_dir)}


def row_counts(raw_dir: Path) -> dict[str, Any]:
    import pyarrow.parquet as pq

    rows = {}
    size = 0
    for table in RAW_TABLES:
        path = raw_dir / f"{table}.parquet"
        rows[table] = pq.ParquetFile(path).metadata.num_rows
        size += path.stat().st_size
    return {"rows": rows, "bytes": size}


# --- 2. the build ---------------------------------------------------------------------------


def fastest(
    runs: list[dict[str, Any]], seconds: Callable[[dict[str, Any]], float]
) -> dict[str, Any]:
    """The fastest of several runs, with every run's time and the highest peak memory of all."""
    best = dict(min(runs, key=seconds))
    best["runs_seconds"] = [round(seconds(run), 2) for run in runs]
    best["measurement"] = {
        **best["measurement"],
        "peak_rss_bytes": max(run["measurement"]["peak_rss_bytes"] for run in runs),
    }
    return best


def run_build(
    raw_dir: Path, work_dir: Path, repeat: int = 1, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """The fastest of `repeat` timed builds (see run_build_once)."""
    runs = [run_build_once(raw_dir, work_dir, env) for _ in range(max(repeat, 1))]
    return fastest(runs, lambda run: run["measurement"]["seconds"])


def run_build_once(
    raw_dir: Path, work_dir: Path, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Time ``python -m bdi.build`` on `raw_dir`; the warehouse is work_dir/warehouse.duckdb.

    The dbt target directory starts empty, so dbt parses the whole project, as on a fresh clone.
    (bdi.build points the profile at a new file each time, <warehouse>.building-<pid>, which
    makes dbt parse the whole project on every build anyway.)
    """
    warehouse = work_dir / "warehouse.duckdb"
    target = work_dir / "target"
    for stale in (warehouse, target):
        remove(stale)
    work_dir.mkdir(parents=True, exist_ok=True)
    build_env = {**base_env(), **(env or {})}
    build_env.update(
        {
            "BDI_RAW_DIR": str(raw_dir),
            "BDI_WAREHOUSE": str(warehouse),
            "BDI_DBT_TARGET_PATH": str(target),
            "BDI_DBT_LOG_PATH": str(work_dir / "logs"),
            "BDI_REPORT_DIR": str(work_dir / "report"),
        }
    )
    run = measure([sys.executable, "-m", "bdi.build"], build_env, work_dir / "build.log")
    result: dict[str, Any] = {"measurement": asdict(run), "warehouse": str(warehouse)}
    result["target"] = str(target)
    results_path = target / "run_results.json"
    if results_path.exists():
        result["nodes"] = node_timings(json.loads(results_path.read_text()))
        result["dbt_elapsed"] = json.loads(results_path.read_text()).get("elapsed_time")
    if not run.ok:
        raise BenchError(f"the build failed (exit {run.returncode}):\n{tail(run.log)}")
    return result


def node_timings(run_results: dict[str, Any]) -> list[dict[str, Any]]:
    """Per-node execution time from dbt's run_results.json, slowest first."""
    nodes = []
    for result in run_results.get("results", []):
        unique_id = result.get("unique_id", "")
        nodes.append(
            {
                "node": unique_id,
                "type": unique_id.split(".")[0],
                "name": unique_id.split(".")[2] if unique_id.count(".") >= 2 else unique_id,
                "seconds": float(result.get("execution_time") or 0.0),
                "status": result.get("status"),
            }
        )
    return sorted(nodes, key=lambda node: -node["seconds"])


# --- 3. the floor ---------------------------------------------------------------------------


@dataclass
class FloorStep:
    """One statement of the floor: a seed load or a model."""

    unique_id: str
    relation: str
    kind: str  # table | view | seed
    sql: str


@dataclass
class FloorPlan:
    database: str
    steps: list[FloorStep] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)


def floor_plan(manifest: dict[str, Any]) -> FloorPlan:
    """Seeds and models of the manifest in dependency order, as DuckDB statements."""
    nodes = {
        unique_id: node
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] in ("seed", "model")
        and node["config"].get("enabled", True)
        and node["config"].get("materialized") != "ephemeral"
    }
    missing = [
        uid
        for uid, node in nodes.items()
        if node["resource_type"] == "model" and not node.get("compiled_code")
    ]
    if missing:
        raise BenchError(
            "the manifest has no compiled SQL for "
            + ", ".join(sorted(missing)[:5])
            + ": run the build (or dbt compile) with the same target path first."
        )
    order = topological_order(
        {
            uid: [dep for dep in node.get("depends_on", {}).get("nodes", []) if dep in nodes]
            for uid, node in nodes.items()
        }
    )
    databases = {node["database"] for node in nodes.values()}
    if len(databases) != 1:
        raise BenchError(f"the floor expects one database, the manifest has {sorted(databases)}")
    plan = FloorPlan(database=databases.pop())
    for unique_id in order:
        node = nodes[unique_id]
        relation = node["relation_name"]
        if node["resource_type"] == "seed":
            path = Path(node["root_path"]) / node["original_file_path"]
            plan.steps.append(
                FloorStep(unique_id, relation, "seed", seed_sql(path, node["config"]))
            )
        else:
            kind = "view" if node["config"].get("materialized") == "view" else "table"
            plan.steps.append(FloorStep(unique_id, relation, kind, node["compiled_code"]))
    return plan


def seed_sql(path: Path, config: dict[str, Any]) -> str:
    types = config.get("column_types") or {}
    options = ["header = true"]
    if types:
        columns = ", ".join(f"'{name}': '{kind}'" for name, kind in types.items())
        options.append(f"types = {{{columns}}}")
    return f"select * from read_csv('{path}', {', '.join(options)})"


def topological_order(dependencies: dict[str, list[str]]) -> list[str]:
    """Kahn's algorithm; ties broken by name so that the order is stable."""
    remaining = {node: set(deps) for node, deps in dependencies.items()}
    order: list[str] = []
    while remaining:
        ready = sorted(node for node, deps in remaining.items() if not deps)
        if not ready:
            raise BenchError(f"dependency cycle among {sorted(remaining)[:5]}")
        for node in ready:
            order.append(node)
            del remaining[node]
        for deps in remaining.values():
            deps.difference_update(ready)
    return order


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


def execute_floor(plan: FloorPlan, directory: Path) -> dict[str, Any]:
    """Run the plan in one DuckDB connection (this process); return timings per step."""
    import duckdb

    directory.mkdir(parents=True, exist_ok=True)
    database = directory / f"{plan.database}.duckdb"  # the file name is the catalog name
    for path in (database, database.with_name(database.name + ".wal")):
        remove(path)
    started = time.perf_counter()
    connection = duckdb.connect(str(database))
    for name, value in plan.settings.items():
        connection.execute(f"set {name} = '{value}'")
    steps = []
    for step in plan.steps:
        step_started = time.perf_counter()
        kind = "view" if step.kind == "view" else "table"
        connection.execute(f"create or replace {kind} {step.relation} as {step.sql}")
        steps.append({"node": step.unique_id, "seconds": time.perf_counter() - step_started})
    connection.execute("checkpoint")
    connection.close()
    return {
        "seconds": time.perf_counter() - started,
        "database": str(database),
        "steps": sorted(steps, key=lambda step: -step["seconds"]),
    }


def run_floor(target_dir: Path, work_dir: Path, repeat: int = 1) -> dict[str, Any]:
    """The fastest of `repeat` floor runs (see run_floor_once)."""
    runs = [run_floor_once(target_dir, work_dir) for _ in range(max(repeat, 1))]
    return fastest(runs, lambda run: run["seconds"])


def run_floor_once(target_dir: Path, work_dir: Path) -> dict[str, Any]:
    """Time the floor in a subprocess (for its peak memory), from target_dir/manifest.json."""
    work_dir.mkdir(parents=True, exist_ok=True)
    result_path = work_dir / "floor_result.json"
    remove(result_path)
    command = [
        sys.executable,
        "-m",
        "bdi.bench",
        "--floor-worker",
        str(target_dir / "manifest.json"),
        str(work_dir / "db"),
        str(result_path),
    ]
    run = measure(command, base_env(), work_dir / "floor.log")
    if not run.ok or not result_path.exists():
        raise BenchError(f"the floor failed (exit {run.returncode}):\n{tail(run.log)}")
    inner = json.loads(result_path.read_text())
    return {"measurement": asdict(run), **inner}


def floor_worker(manifest_path: Path, directory: Path, result_path: Path) -> int:
    plan = floor_plan(json.loads(manifest_path.read_text()))
    plan.settings = profile_settings()
    result = execute_floor(plan, directory)
    result["settings"] = plan.settings
    result["statements"] = len(plan.steps)
    result_path.write_text(json.dumps(result, indent=2))
    return 0


# --- comparing the two warehouses ---------------------------------------------------------


def table_digest(database: str | Path, table: str, decimals: int = 9) -> list[tuple[Any, ...]]:
    """All rows of `table`, sorted, doubles rounded to `decimals`."""
    # Parallel sums of doubles may differ in the last bit between two runs.
    import duckdb

    with contextlib.closing(duckdb.connect(str(database), read_only=True)) as connection:
        columns = connection.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_name = ? order by ordinal_position",
            [table],
        ).fetchall()
        if not columns:
            raise BenchError(f"{database} has no table {table}")
        select = ", ".join(
            f"round({name}, {decimals})"
            if kind in ("DOUBLE", "FLOAT") or kind.startswith("DECIMAL")
            else name
            for name, kind in columns
        )
        rows = connection.execute(f"select {select} from {table}").fetchall()
    return sorted(rows, key=lambda row: tuple((value is None, str(value)) for value in row))


def compare_warehouses(
    build_db: str | Path, floor_db: str | Path, tables: tuple[str, ...] = ("fct_index",)
) -> dict[str, Any]:
    """Row-for-row comparison of `tables` in both warehouses."""
    outcome: dict[str, Any] = {}
    for table in tables:
        built = table_digest(build_db, table)
        floored = table_digest(floor_db, table)
        outcome[table] = {"rows": len(built), "identical": built == floored}
    return outcome


# --- 4. the viewer --------------------------------------------------------------------------


def run_app_bench(warehouse: Path, work_dir: Path) -> dict[str, Any]:
    """Page first-render times from bdi.bench_app on `warehouse` (skipped when it is missing)."""
    if not (PROJECT_ROOT / "bdi" / "bench_app.py").exists():
        return {"skipped": "bdi/bench_app.py does not exist yet"}
    result_path = work_dir / "app_result.json"
    remove(result_path)
    env = {**base_env(), "BDI_WAREHOUSE": str(warehouse)}
    command = [
        sys.executable,
        "-m",
        "bdi.bench_app",
        "--warehouse",
        str(warehouse),
        "--json",
        str(result_path),
    ]
    run = measure(command, env, work_dir / "app.log")
    if not run.ok:
        return {"skipped": f"bdi.bench_app failed (exit {run.returncode}): {tail(run.log, 8)}"}
    try:
        data = json.loads(result_path.read_text())
    except (OSError, ValueError):
        return {"skipped": f"bdi.bench_app wrote no readable {result_path}: {tail(run.log, 8)}"}
    startup = data.get("startup_seconds") if isinstance(data, dict) else None
    return {"pages": parse_app_result(data), "startup_seconds": startup}


def parse_app_result(data: Any) -> list[dict[str, Any]]:
    """bdi.bench_app's JSON: {"pages": [{page, first_render_seconds, cached_render_seconds}]}."""
    if isinstance(data, dict) and "pages" in data:
        data = data["pages"]
    if isinstance(data, dict):
        return [{"page": page, "seconds": float(seconds)} for page, seconds in data.items()]
    pages = []
    for entry in data:
        name = entry.get("page") or entry.get("name") or entry.get("title")
        seconds = entry.get("first_render_seconds", entry.get("seconds"))
        page = {"page": str(name), "seconds": float(seconds)}
        if entry.get("cached_render_seconds") is not None:
            page["cached_seconds"] = float(entry["cached_render_seconds"])
        pages.append(page)
    return pages


# --- 5. the report --------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = 0
    with contextlib.suppress(OSError):
        match = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        memory = int(match.group(1)) * 1024 if match else 0
    return {
        "cores": os.cpu_count(),
        "memory_bytes": memory,
        "cpu": model or platform.processor() or "unknown",
        "os": platform.platform(),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for package in ("duckdb", "dbt-core", "dbt-duckdb"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "not installed"
    return found


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of issue 6 that the measured scales allow to judge: value, limit, met."""
    scales = {scale["factor"]: scale for scale in results["scales"] if "build" in scale}
    checks = []
    if 1 in scales:
        seconds = scales[1]["build"]["measurement"]["seconds"]
        checks.append(
            {
                "target": "national scale (1×): full build with all tests",
                "limit": f"≤ {TARGET_NATIONAL_SECONDS:.0f} s",
                "value": f"{seconds:.1f} s",
                "met": seconds <= TARGET_NATIONAL_SECONDS,
            }
        )
    largest = max(scales) if scales else None
    if largest is not None and largest > 1 and "floor" in scales[largest]:
        scale = scales[largest]
        ratio = scale["build"]["measurement"]["seconds"] / scale["floor"]["seconds"]
        checks.append(
            {
                "target": f"{largest}×: build time / DuckDB floor",
                "limit": f"≤ {TARGET_FLOOR_RATIO:.0f}",
                "value": f"{ratio:.2f}",
                "met": ratio <= TARGET_FLOOR_RATIO,
            }
        )
    if largest is not None and largest > 1:
        peak = scales[largest]["build"]["measurement"]["peak_rss_bytes"]
        checks.append(
            {
                "target": f"{largest}×: peak memory of the build",
                "limit": "≤ 4.0 GiB",
                "value": f"{peak / GIB:.2f} GiB",
                "met": peak <= TARGET_PEAK_BYTES,
            }
        )
    if 1 in scales and largest is not None and largest > 1:
        growth = (
            scales[largest]["build"]["measurement"]["seconds"]
            / scales[1]["build"]["measurement"]["seconds"]
        )
        checks.append(
            {
                "target": f"time growth 1× → {largest}× (data × {largest})",
                "limit": f"≤ {largest}×",
                "value": f"{growth:.2f}×",
                "met": growth <= largest,
            }
        )
    app = results.get("app") or {}
    if app.get("pages"):
        slowest = max(app["pages"], key=lambda page: page["seconds"])
        checks.append(
            {
                "target": "viewer: slowest page's first render (1×)",
                "limit": f"< {TARGET_PAGE_SECONDS:.0f} s",
                "value": f"{slowest['seconds']:.2f} s ({slowest['page']})",
                "met": slowest["seconds"] < TARGET_PAGE_SECONDS,
            }
        )
    return checks


def fmt_bytes(count: float) -> str:
    return f"{count / GIB:.2f} GiB" if count >= GIB else f"{count / 1024**2:.0f} MiB"


def render_report(results: dict[str, Any]) -> str:
    """The Markdown report (docs/benchmark.md)."""
    host = results["machine"]
    lines = [
        "# Benchmark: national scale and ten times that",
        "",
        "Written by `make bench` (`python -m bdi.bench`); do not edit by hand. The raw data",
        "are **synthetic** (合成数据), written by `bdi/sample.py` at the sizes below; no number",
        "in them is a real observation.",
        "",
        f"Run {results['started']} with `{results['command']}`.",
        "",
        "## What is measured",
        "",
        "- **build**: `python -m bdi.build` with `BDI_RAW_DIR` pointing at the Parquet files — dbt",
        "  parses the project and builds every seed and model with **every data and unit test**,",
        "  then the new file is checkpointed and published. Wall-clock time of the whole command.",
        "- **floor**: what DuckDB itself needs for the same result — one connection runs the",
        "  compiled SQL of every seed and model (from the build's `manifest.json`) in dependency",
        "  order as `create or replace table … as …`, with the profile's DuckDB settings; no",
        "  tests, no dbt. Time of the SQL alone (the process around it is measured too).",
        "- **peak memory**: the largest resident set in the measured process tree (`wait4`),",
        "  i.e. the dbt process that runs DuckDB in-process.",
        "- **CPU**: user + system seconds of the process tree; on a shared machine it is steadier",
        "  than wall-clock time.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        f"| CPU | {host['cpu']} |",
        f"| cores | {host['cores']} |",
        f"| RAM | {fmt_bytes(host['memory_bytes'])} |",
        f"| OS | {host['os']} |",
    ]
    if host.get("load_average"):
        load = ", ".join(f"{value:.2f}" for value in host["load_average"])
        lines.append(f"| load average at start (1, 5, 15 min) | {load} |")
    lines += ["", "| software | version |", "|---|---|"]
    lines += [f"| {name} | {version} |" for name, version in results["versions"].items()]

    lines += ["", "## Data (synthetic)", ""]
    lines += [
        "| scale | " + " | ".join(RAW_TABLES) + " | total rows | Parquet | generated in |",
        "|---|" + "---|" * (len(RAW_TABLES) + 3),
    ]
    for scale in results["scales"]:
        data = scale["data"]
        rows = data["rows"]
        generated = f"{data['seconds']:.0f} s" if data.get("seconds") else "—"
        lines.append(
            f"| {scale['factor']}× | "
            + " | ".join(f"{rows[table]:,}" for table in RAW_TABLES)
            + f" | {sum(rows.values()):,} | {fmt_bytes(data['bytes'])} | {generated} |"
        )

    repeat = max(
        (len(s["build"].get("runs_seconds", [])) or 1 for s in results["scales"] if "build" in s),
        default=1,
    )
    lines += [
        "",
        "## Results",
        "",
        f"Each build and each floor ran {repeat} time(s); the table shows the fastest run (other",
        "processes on the machine can only add time) and the highest peak memory of all runs.",
        "",
        "| scale | build | all runs | CPU | peak memory | load before | floor (SQL) | all runs "
        "| CPU | peak memory | build / floor | same fct_index |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for scale in results["scales"]:
        if "build" not in scale:
            lines.append(f"| {scale['factor']}× | failed: {scale.get('error', '?')} |" + " |" * 10)
            continue
        build = scale["build"]["measurement"]
        floor = scale.get("floor")
        load = build.get("load_before")
        cells = [
            f"{scale['factor']}×",
            f"**{build['seconds']:.1f} s**",
            seconds_list(scale["build"]),
            f"{build['cpu_seconds']:.1f} s",
            fmt_bytes(build["peak_rss_bytes"]),
            f"{load:.1f}" if load is not None else "—",
        ]
        if floor:
            floor_run = floor["measurement"]
            same = scale.get("comparison", {}).get("fct_index", {})
            cells += [
                f"**{floor['seconds']:.1f} s**",
                seconds_list(floor),
                f"{floor_run['cpu_seconds']:.1f} s",
                fmt_bytes(floor_run["peak_rss_bytes"]),
                f"{build['seconds'] / floor['seconds']:.2f}",
                ("yes" if same.get("identical") else "**no**") + f" ({same.get('rows', 0):,} rows)",
            ]
        else:
            cells += ["—"] * 6
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "CPU is user + system time of the whole process tree (it exceeds the wall-clock time when",
        "DuckDB runs on both cores); load is the machine's 1-minute load average just before the",
        "run, a sign of other work competing for the cores.",
    ]

    baseline = results.get("baseline") or {}
    fixed = None
    if baseline.get("build"):
        measured = baseline["build"]["measurement"]
        fixed = measured["seconds"]
        counts = baseline["build"].get("node_counts") or {}
        lines += [
            "",
            f"**Fixed cost.** The same build on {baseline['enterprises']:,} enterprises takes "
            f"{fixed:.1f} s ({measured['cpu_seconds']:.1f} s CPU, runs: "
            f"{seconds_list(baseline['build'])}). That is what a build costs whatever the size "
            "of the data: starting Python, parsing the dbt project, and running "
            f"{counts.get('seed', 0)} seeds, {counts.get('model', 0)} models, "
            f"{counts.get('test', 0)} data tests and {counts.get('unit_test', 0)} unit tests one "
            f"node at a time (dbt's own clock, after parsing: "
            f"{baseline['build'].get('dbt_elapsed') or 0:.1f} s).",
        ]

    factors = sorted(s["factor"] for s in results["scales"] if "build" in s)
    if len(factors) >= 2:
        small, large = (
            next(s for s in results["scales"] if s["factor"] == f)
            for f in (factors[0], factors[-1])
        )
        data_ratio = sum(large["data"]["rows"].values()) / sum(small["data"]["rows"].values())
        small_seconds = small["build"]["measurement"]["seconds"]
        large_seconds = large["build"]["measurement"]["seconds"]
        text = (
            f"**Growth** {factors[0]}× → {factors[-1]}×: raw rows × {data_ratio:.2f}, build "
            f"time × {large_seconds / small_seconds:.2f}"
        )
        if "floor" in large and "floor" in small:
            text += f", floor time × {large['floor']['seconds'] / small['floor']['seconds']:.2f}"
        if fixed is not None and small_seconds > fixed:
            text += (
                f"; without the fixed cost, build time × "
                f"{(large_seconds - fixed) / (small_seconds - fixed):.2f}"
            )
        lines += ["", text + "."]

    lines += ["", "## Targets", "", "| target | limit | measured | met |", "|---|---|---|---|"]
    checks = targets(results)
    for check in checks:
        lines.append(
            f"| {check['target']} | {check['limit']} | {check['value']} | "
            f"{'yes' if check['met'] else '**no**'} |"
        )
    national = next((s for s in results["scales"] if s["factor"] == 1 and "build" in s), None)
    if national and fixed is not None and checks and not checks[0]["met"]:
        seconds = national["build"]["measurement"]["seconds"]
        floor = national.get("floor", {}).get("seconds")
        lines += [
            "",
            f"What limits the national-scale build: of its {seconds:.1f} s, {fixed:.1f} s is the "
            f"fixed cost above, paid even for {baseline['enterprises']:,} enterprises; the data "
            f"add {seconds - fixed:.1f} s"
            + (f", against {floor:.1f} s for all of the SQL in DuckDB alone" if floor else "")
            + ". The slowest nodes are listed below.",
        ]

    lines += ["", "## The viewer on the national-scale warehouse", ""]
    app = results.get("app") or {"skipped": "not run (--no-app)"}
    if app.get("pages"):
        lines += [
            "`python -m bdi.bench_app` renders each page with Streamlit's AppTest after emptying",
            "the data cache (first render: every query reaches the warehouse) and again (cached);",
            "the median of three. The browser's own drawing is not included.",
            "",
            "| page | first render | cached | under 1 s |",
            "|---|---|---|---|",
        ]
        for page in app["pages"]:
            cached = f"{page['cached_seconds']:.2f} s" if "cached_seconds" in page else "—"
            verdict = "yes" if page["seconds"] < TARGET_PAGE_SECONDS else "**no**"
            lines.append(f"| {page['page']} | {page['seconds']:.2f} s | {cached} | {verdict} |")
        if app.get("startup_seconds") is not None:
            lines += [
                "",
                f"Starting the viewer process (imports, map shapes, first charts; once per "
                f"server): {app['startup_seconds']:.1f} s.",
            ]
    else:
        lines.append(f"Not measured: {app.get('skipped', 'unknown reason')}.")

    for scale in results["scales"]:
        if "build" not in scale or not scale["build"].get("nodes"):
            continue
        build = scale["build"]
        nodes = build["nodes"]
        lines += [
            "",
            f"## Where the time goes ({scale['factor']}×)",
            "",
            f"dbt's own clock (`run_results.json`): {build.get('dbt_elapsed') or 0:.1f} s of the "
            f"{build['measurement']['seconds']:.1f} s build; the rest is starting Python, parsing "
            "the project and publishing the file. Sum of node times by kind (2 threads run in "
            "parallel, so sums exceed the elapsed time):",
            "",
            "| kind | nodes | seconds |",
            "|---|---|---|",
        ]
        for kind in ("seed", "model", "test", "unit_test"):
            selected = [node for node in nodes if node["type"] == kind]
            if selected:
                lines.append(
                    f"| {kind} | {len(selected)} | {sum(n['seconds'] for n in selected):.1f} |"
                )
        lines += ["", "Slowest nodes:", "", "| node | seconds |", "|---|---|"]
        lines += [
            f"| `{node['name']}` ({node['type']}) | {node['seconds']:.2f} |" for node in nodes[:12]
        ]
    lines.append("")
    return "\n".join(lines)


def summary(results: dict[str, Any]) -> str:
    out = []
    for scale in results["scales"]:
        if "build" not in scale:
            out.append(f"{scale['factor']}×: FAILED — {scale.get('error')}")
            continue
        build = scale["build"]["measurement"]
        text = (
            f"{scale['factor']:>3}× ({scale['enterprises']:,} enterprises): build "
            f"{build['seconds']:.1f} s, peak {fmt_bytes(build['peak_rss_bytes'])}"
        )
        if "floor" in scale:
            floor = scale["floor"]
            text += (
                f"; floor {floor['seconds']:.1f} s, peak "
                f"{fmt_bytes(floor['measurement']['peak_rss_bytes'])}; ratio "
                f"{build['seconds'] / floor['seconds']:.2f}"
            )
        out.append(text)
    for check in targets(results):
        verdict = "met" if check["met"] else "NOT MET"
        out.append(f"  [{verdict}] {check['target']}: {check['value']} ({check['limit']})")
    app = results.get("app") or {}
    for page in app.get("pages", []):
        out.append(f"  page {page['page']}: {page['seconds']:.2f} s")
    if app.get("skipped"):
        out.append(f"  viewer not measured: {app['skipped']}")
    return "\n".join(out)


# --- main -----------------------------------------------------------------------------------


def say(message: str = "") -> None:
    print(message, flush=True)


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def bench_scale(
    factor: int, enterprises: int, data_dir: Path, skip_generate: bool, repeat: int
) -> dict[str, Any]:
    scale: dict[str, Any] = {"factor": factor, "enterprises": enterprises}
    raw_dir = raw_dir_for(data_dir, enterprises)
    scale["data"] = generate(raw_dir, enterprises, skip=skip_generate)
    work_dir = data_dir / f"run_{enterprises}"
    try:
        say(f"  build (python -m bdi.build, all tests) on {raw_dir} ...")
        scale["build"] = run_build(raw_dir, work_dir, repeat)
        say(f"    {seconds_list(scale['build'])}")
        say("  floor (compiled SQL in one DuckDB connection) ...")
        scale["floor"] = run_floor(Path(scale["build"]["target"]), work_dir / "floor", repeat)
        say(f"    {seconds_list(scale['floor'])}")
        scale["comparison"] = compare_warehouses(
            scale["build"]["warehouse"], scale["floor"]["database"]
        )
    except BenchError as error:
        scale["error"] = str(error).splitlines()[0]
        say(f"  FAILED: {error}")
    return scale


def seconds_list(result: dict[str, Any]) -> str:
    return ", ".join(f"{seconds:.1f} s" for seconds in result.get("runs_seconds", []))


def bench_baseline(enterprises: int, data_dir: Path, repeat: int) -> dict[str, Any]:
    """The same build on a tiny data set: what dbt costs whatever the size of the data."""
    baseline: dict[str, Any] = {"enterprises": enterprises}
    raw_dir = raw_dir_for(data_dir, enterprises)
    try:
        baseline["data"] = generate(raw_dir, enterprises)  # tiny: always there or made
        build = run_build(raw_dir, data_dir / f"run_{enterprises}", repeat)
    except (BenchError, SystemExit) as error:
        baseline["error"] = str(error).splitlines()[0]
        say(f"  FAILED: {error}")
        return baseline
    baseline["build"] = {
        key: build[key] for key in ("measurement", "dbt_elapsed", "runs_seconds") if key in build
    }
    baseline["build"]["node_counts"] = {
        kind: sum(1 for node in build.get("nodes", []) if node["type"] == kind)
        for kind in ("seed", "model", "test", "unit_test")
    }
    say(f"    {seconds_list(build)}")
    return baseline


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--floor-worker"]:
        return floor_worker(Path(argv[1]), Path(argv[2]), Path(argv[3]))
    parser = argparse.ArgumentParser(
        prog="python -m bdi.bench",
        description="Benchmark the build at national scale and ten times that against DuckDB.",
    )
    parser.add_argument("--scales", default="1,10", help="comma-separated multiples (default 1,10)")
    parser.add_argument("--enterprises-base", type=int, default=BASE_ENTERPRISES)
    parser.add_argument(
        "--skip-generate", action="store_true", help="use the data already in bench/data"
    )
    parser.add_argument("--no-app", action="store_true", help="do not time the viewer's pages")
    parser.add_argument(
        "--repeat",
        type=int,
        default=DEFAULT_REPEAT,
        help=f"runs of each build and floor; the fastest counts (default {DEFAULT_REPEAT})",
    )
    parser.add_argument(
        "--baseline-enterprises",
        type=int,
        default=BASELINE_ENTERPRISES,
        help="also build this tiny scale to show dbt's fixed cost (0: skip)",
    )
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument(
        "--report", type=Path, default=DEFAULT_REPORT, help="Markdown report to write"
    )
    args = parser.parse_args(argv)
    factors = sorted({int(part) for part in args.scales.split(",") if part.strip()})
    data_dir = args.data_dir.resolve()
    results: dict[str, Any] = {
        "started": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "command": "python -m bdi.bench " + " ".join(argv) if argv else "make bench",
        "machine": machine(),
        "versions": versions(),
        "scales": [],
    }
    if args.baseline_enterprises > 0:
        say(f"bdi.bench: fixed cost, {args.baseline_enterprises:,} enterprises")
        results["baseline"] = bench_baseline(args.baseline_enterprises, data_dir, args.repeat)
    for factor in factors:
        enterprises = factor * args.enterprises_base
        say(f"bdi.bench: {factor}× = {enterprises:,} enterprises")
        results["scales"].append(
            bench_scale(factor, enterprises, data_dir, args.skip_generate, args.repeat)
        )
    if args.no_app:
        results["app"] = {"skipped": "not run (--no-app)"}
    else:
        first = next((s for s in results["scales"] if "build" in s), None)
        if first is None:
            results["app"] = {"skipped": "no warehouse was built"}
        else:
            say(f"bdi.bench: viewer pages on the {first['factor']}× warehouse ...")
            results["app"] = run_app_bench(Path(first["build"]["warehouse"]), data_dir / "app")
    (data_dir / "results.json").write_text(json.dumps(results, indent=2, default=str))
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(render_report(results), encoding="utf-8")
    say()
    say(summary(results))
    say(f"report: {args.report}")
    return 0 if all("build" in scale for scale in results["scales"]) else 1


if __name__ == "__main__":
    sys.exit(main())
