"""Timing the build (``python -m bdi.build``, what ``make build`` runs) and other commands."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
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


def run_build_once(
    raw_dir: Path | None, work_dir: Path, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Time ``python -m bdi.build`` on `raw_dir` (None: the bundled sample, BDI_RAW_DIR unset);
    the warehouse is work_dir/warehouse.duckdb, dbt's target directory work_dir/target."""
    warehouse = work_dir / "warehouse.duckdb"
    target = work_dir / "target"
    remove(warehouse)
    work_dir.mkdir(parents=True, exist_ok=True)
    build_env = {**base_env(), **(env or {})}
    build_env.update(
        {
            "BDI_WAREHOUSE": str(warehouse),
            "BDI_DBT_TARGET_PATH": str(target),
            "BDI_DBT_LOG_PATH": str(work_dir / "logs"),
            "BDI_REPORT_DIR": str(work_dir / "report"),
        }
    )
    if raw_dir is not None:
        build_env["BDI_RAW_DIR"] = str(raw_dir)
    run = measure([sys.executable, "-m", "bdi.build"], build_env, work_dir / "build.log")
    result: dict[str, Any] = {
        "measurement": asdict(run),
        "warehouse": str(warehouse),
        "target": str(target),
    }
    results_path = target / "run_results.json"
    if results_path.exists():
        run_results = json.loads(results_path.read_text())
        result["nodes"] = node_timings(run_results)
        result["dbt_elapsed"] = run_results.get("elapsed_time")
    if not run.ok:
        raise BenchError(f"the build failed (exit {run.returncode}):\n{tail(run.log)}")
    return result


def run_build(
    raw_dir: Path | None, work_dir: Path, repeat: int = 1, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """The median of `repeat` timed builds (see run_build_once).

    dbt's target directory starts empty and is kept from one run to the next, as in a checkout
    where `make build` runs again: the first run parses the whole project, the later ones reuse
    dbt's partial parse. The median of three is thus a build with partial parsing."""
    remove(work_dir / "target")
    runs = [run_build_once(raw_dir, work_dir, env) for _ in range(max(repeat, 1))]
    return median_run(runs, lambda run: run["measurement"]["seconds"])


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


def node_counts(build: dict[str, Any]) -> dict[str, int]:
    return {
        kind: sum(1 for node in build.get("nodes", []) if node["type"] == kind)
        for kind in ("seed", "model", "test", "unit_test")
    }


@dataclass(frozen=True)
class TimedStep:
    """A command timed on the sample warehouse (median of the runs), once it exists.

    `command` is None until the step exists; ``{warehouse}`` in it is the sample warehouse.
    `dbt_target` names the target directory of a dbt command: its run_results.json then gives
    dbt's own clock (the nodes' run, without starting Python and parsing the project)."""

    name: str
    command: tuple[str, ...] | None
    target_seconds: float | None = None
    note: str = ""
    dbt_target: str | None = None


# dbt's target directory of the analyses step: its run_results.json gives dbt's own clock.
ANALYSES_TARGET = "target/bench-analyses"

# Room for later additions: time them by giving each its command.
LATER_STEPS = (
    TimedStep(
        "analyses on the sample",
        (
            sys.executable,
            "-c",
            "import sys; from dbt.cli.main import cli; sys.exit(cli())",
            "build",
            "--select",
            "path:models/intermediate/analysis",
            "path:models/marts/analysis",
            "--exclude",
            "resource_type:unit_test",
            "--target-path",
            ANALYSES_TARGET,
        ),
        10.0,
        note=(
            "docs/analyses.md §1–4 and the Monte Carlo: dbt build of the analysis models and"
            " their data tests on the sample warehouse, dbt's start-up included — what they"
            " add to the sample build (they read regions × indicators, never enterprises)"
        ),
        dbt_target=ANALYSES_TARGET,
    ),
    TimedStep(
        "report document",
        (sys.executable, "-m", "bdi.report"),
        60.0,
        note="make report: the latest edition's .docx and PDF (docs/report.md)",
    ),
)


def dbt_clock(target: str | None) -> float | None:
    """dbt's own clock of its last run in `target` (run_results.json's elapsed_time), or None."""
    if target is None:
        return None
    try:
        results = json.loads((PROJECT_ROOT / target / "run_results.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    elapsed = results.get("elapsed_time")
    return float(elapsed) if elapsed is not None else None


def run_step(step: TimedStep, warehouse: Path, work_dir: Path, repeat: int) -> dict[str, Any]:
    """Time `step` `repeat` times on `warehouse`; its median, or why it was not measured."""
    if step.command is None:
        return {"name": step.name, "skipped": step.note or "no command yet"}
    command = [part.replace("{warehouse}", str(warehouse)) for part in step.command]
    slug = "".join(char if char.isalnum() else "_" for char in step.name)
    # A step that writes documents (make report) writes them beside its log.
    env = {
        **base_env(),
        "BDI_WAREHOUSE": str(warehouse),
        "BDI_DOCUMENT_DIR": str(work_dir / slug),
    }
    runs = []
    for _ in range(max(repeat, 1)):
        run = measure(command, env, work_dir / f"{slug}.log")
        if not run.ok:
            return {"name": step.name, "skipped": f"failed (exit {run.returncode})"}
        runs.append({"measurement": asdict(run), "dbt_seconds": dbt_clock(step.dbt_target)})
    result = median_run(runs, lambda run: run["measurement"]["seconds"])
    return {"name": step.name, "target_seconds": step.target_seconds, **result}
