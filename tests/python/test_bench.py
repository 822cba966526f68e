"""The benchmark harness (bdi.bench), at a tiny scale: 5,000 synthetic enterprises.

One real build (python -m bdi.build) and one floor run (the compiled SQL in one DuckDB
connection) on the same Parquet files must give the same fct_index; the measuring, ordering and
target logic is checked on small inputs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from bdi import bench

ENTERPRISES = 5_000
MIB = 1024**2


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    data_dir = tmp_path_factory.mktemp("bench")
    raw_dir = bench.raw_dir_for(data_dir, ENTERPRISES)
    data = bench.generate(raw_dir, ENTERPRISES)
    build = bench.run_build(raw_dir, data_dir / "run")
    floor = bench.run_floor(Path(build["target"]), data_dir / "run" / "floor")
    return {"data_dir": data_dir, "raw_dir": raw_dir, "data": data, "build": build, "floor": floor}


def test_floor_and_build_give_the_same_index(tiny_run: dict[str, Any]) -> None:
    comparison = bench.compare_warehouses(
        tiny_run["build"]["warehouse"], tiny_run["floor"]["database"], ("fct_index", "fct_weights")
    )
    with duckdb.connect(tiny_run["build"]["warehouse"], read_only=True) as connection:
        editions = connection.execute("select count(distinct edition) from fct_index").fetchone()[0]
    assert editions == 6  # data years 2019–2024
    assert comparison["fct_index"] == {"rows": editions * 368, "identical": True}
    assert comparison["fct_weights"]["identical"] is True
    assert comparison["fct_weights"]["rows"] > 0


def test_floor_runs_every_seed_and_model_once(tiny_run: dict[str, Any]) -> None:
    manifest = json.loads((Path(tiny_run["build"]["target"]) / "manifest.json").read_text())
    expected = {
        uid
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] in ("seed", "model") and node["config"].get("enabled", True)
    }
    ran = [step["node"] for step in tiny_run["floor"]["steps"]]
    assert sorted(ran) == sorted(expected)
    assert tiny_run["floor"]["statements"] == len(expected)


def test_measurements_are_plausible(tiny_run: dict[str, Any]) -> None:
    build = tiny_run["build"]["measurement"]
    floor = tiny_run["floor"]["measurement"]
    # dbt (in-process DuckDB) is the largest process of the build's tree: well above a bare
    # Python interpreter (~10 MiB), far below the machine.
    assert 100 * MIB < build["peak_rss_bytes"] < 4 * 1024 * MIB
    assert 30 * MIB < floor["peak_rss_bytes"] < build["peak_rss_bytes"] * 2
    # The floor does the same SQL without dbt and without tests: it must be faster.
    assert tiny_run["floor"]["seconds"] < build["seconds"]
    assert tiny_run["floor"]["seconds"] <= floor["seconds"]
    models = [node for node in tiny_run["build"]["nodes"] if node["type"] == "model"]
    assert any(node["name"] == "fct_index" for node in models)
    assert any(node["type"] == "unit_test" for node in tiny_run["build"]["nodes"])


def test_generated_data_are_reused(tiny_run: dict[str, Any]) -> None:
    assert tiny_run["data"]["generated"] is True
    assert tiny_run["data"]["rows"]["enterprises"] == ENTERPRISES
    again = bench.generate(tiny_run["raw_dir"], ENTERPRISES)
    assert again["generated"] is False
    assert again["rows"] == tiny_run["data"]["rows"]


def test_peak_memory_covers_grandchildren(tmp_path: Path) -> None:
    """A grandchild that holds 300 MiB shows up in the peak of the measured child."""
    grandchild = "b = bytearray(300 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])"
    child = (
        "import subprocess, sys; "
        f"subprocess.run([sys.executable, '-c', {grandchild!r}], check=True)"
    )
    run = bench.measure([sys.executable, "-c", child], bench.base_env(), tmp_path / "log")
    assert run.ok
    assert run.peak_rss_bytes >= 300 * MIB
    failed = bench.measure(
        [sys.executable, "-c", "raise SystemExit(3)"], bench.base_env(), tmp_path / "log"
    )
    assert failed.returncode == 3


def test_topological_order_is_stable_and_detects_cycles() -> None:
    order = bench.topological_order({"c": ["a", "b"], "b": ["a"], "a": [], "d": []})
    assert order == ["a", "d", "b", "c"]
    with pytest.raises(bench.BenchError, match="cycle"):
        bench.topological_order({"a": ["b"], "b": ["a"]})


def _fake_results(build_1: float, build_10: float, floor_10: float, peak_10: int) -> dict[str, Any]:
    def scale(factor: int, build: float, floor: float, peak: int) -> dict[str, Any]:
        rows = {table: 1000 * factor for table in bench.RAW_TABLES}
        return {
            "factor": factor,
            "enterprises": 400_000 * factor,
            "data": {"rows": rows, "bytes": 10 * MIB * factor, "seconds": 5.0},
            "build": {
                "measurement": {"seconds": build, "cpu_seconds": build, "peak_rss_bytes": peak},
                "nodes": [{"name": "stg_x", "type": "model", "seconds": 1.0}],
                "dbt_elapsed": build - 5,
            },
            "floor": {
                "seconds": floor,
                "measurement": {"seconds": floor + 1, "cpu_seconds": floor, "peak_rss_bytes": peak},
            },
            "comparison": {"fct_index": {"rows": 2208, "identical": True}},
        }

    return {
        "started": "today",
        "command": "make bench",
        "machine": {"cores": 2, "memory_bytes": 8 * 1024 * MIB, "cpu": "x", "os": "y"},
        "versions": {"duckdb": "1"},
        "scales": [
            scale(1, build_1, build_1 / 4, 500 * MIB),
            scale(10, build_10, floor_10, peak_10),
        ],
        "app": {"pages": [{"page": "Overview", "seconds": 0.4}, {"page": "Map", "seconds": 1.3}]},
    }


def test_targets_are_judged_on_the_numbers() -> None:
    met = {
        c["target"]: c["met"]
        for c in bench.targets(_fake_results(29.0, 250.0, 90.0, 3 * 1024 * MIB))
    }
    assert list(met.values()) == [True, True, True, True, False]  # the 1.3 s page fails
    missed = bench.targets(_fake_results(31.0, 320.0, 100.0, 5 * 1024 * MIB))
    assert [c["met"] for c in missed] == [False, False, False, False, False]
    assert [c["value"] for c in missed][:4] == ["31.0 s", "3.20", "5.00 GiB", "10.32×"]


def test_report_names_machine_numbers_and_misses() -> None:
    report = bench.render_report(_fake_results(31.0, 250.0, 90.0, 3 * 1024 * MIB))
    for text in (
        "## Machine",
        "| cores | 2 |",
        "| duckdb | 1 |",
        "synthetic",
        "| 10× | **250.0 s** |",
    ):
        assert text in report
    assert "| national scale (1×): full build with all tests | ≤ 30 s | 31.0 s | **no** |" in report
    assert "| Map | 1.30 s |" in report
