"""The viewer's page times on a warehouse, from ``python -m bdi.bench_app``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from bdi.bench.measure import PROJECT_ROOT, base_env, measure, remove, tail


def run_app_bench(warehouse: Path, work_dir: Path) -> dict[str, Any]:
    """Page first-render times from bdi.bench_app on `warehouse` (skipped when it fails)."""
    if not (PROJECT_ROOT / "bdi" / "bench_app.py").exists():
        return {"skipped": "bdi/bench_app.py does not exist"}
    result_path = work_dir / "app_result.json"
    remove(result_path)
    env = {**base_env(), "BDI_WAREHOUSE": str(warehouse)}
    command = [
        *(sys.executable, "-m", "bdi.bench_app"),
        *("--warehouse", str(warehouse), "--json", str(result_path)),
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
