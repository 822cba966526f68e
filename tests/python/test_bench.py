"""The benchmark harness (bdi.bench), at a tiny scale: 5,000 synthetic enterprises.

One real build (python -m bdi.build) on CSV files, and the floor (bdi/bench/floor.sql) on the
same data as CSV and as Parquet, must give the same indicator values row for row; the measuring,
the median, the comparison and the target logic are checked on small inputs.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from bdi.bench import builds, data, floor, measure, report, runner
from bdi.contract import REQUIRED_TABLES

ENTERPRISES = 5_000
MIB = 1024**2


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    data_dir = tmp_path_factory.mktemp("bench")
    raw_dir = data.raw_dir_for(data_dir, ENTERPRISES, "csv")
    generated = data.generate(raw_dir, ENTERPRISES, "csv")
    build = builds.run_build(raw_dir, data_dir / "run")
    result = floor.run_floor(raw_dir, data_dir / "run" / "floor")
    return {
        "data_dir": data_dir,
        "raw_dir": raw_dir,
        "data": generated,
        "build": build,
        "floor": result,
    }


def test_floor_gives_the_builds_indicator_values(tiny_run: dict[str, Any]) -> None:
    comparison = floor.compare_indicator_values(
        tiny_run["build"]["warehouse"], tiny_run["floor"]["database"]
    )
    with duckdb.connect(tiny_run["build"]["warehouse"], read_only=True) as connection:
        editions = connection.execute(
            "select count(distinct edition) from fct_indicator_values"
        ).fetchone()[0]
        positive = connection.execute(
            "select count(distinct indicator_code) from fct_indicator_values where raw_value > 0"
        ).fetchone()[0]
    assert editions == 6  # data years 2019–2024
    assert positive == 18  # every indicator counts something: no comparison of zeros alone
    assert comparison == {
        "rows": editions * 368 * 18,
        "floor_rows": editions * 368 * 18,
        "different": 0,
        "identical": True,
        "examples": [],
    }


def test_floor_reads_parquet_as_it_reads_csv(tiny_run: dict[str, Any], tmp_path: Path) -> None:
    raw_dir = data.raw_dir_for(tiny_run["data_dir"], ENTERPRISES, "parquet")
    data.generate(raw_dir, ENTERPRISES, "parquet")
    assert "read_parquet('" in floor.floor_sql(raw_dir)
    assert "read_parquet('" not in floor.floor_sql(tiny_run["raw_dir"])
    result = floor.execute_floor(raw_dir, tmp_path / "floor.duckdb", floor.profile_settings())
    comparison = floor.compare_indicator_values(tiny_run["build"]["warehouse"], result["database"])
    assert comparison["identical"] is True and comparison["rows"] == 6 * 368 * 18


def test_comparison_reports_every_difference(tiny_run: dict[str, Any], tmp_path: Path) -> None:
    changed = tmp_path / "changed.duckdb"
    shutil.copy(tiny_run["floor"]["database"], changed)
    with duckdb.connect(str(changed)) as connection:
        connection.execute(
            "update indicator_values set raw_value = raw_value + 1 "
            "where edition = 2025 and region_level = 'city' and region_code = '440300' "
            "and indicator_code = 'patents'"
        )
        connection.execute(
            "update indicator_values set raw_value = raw_value * (1 + 1e-12) "
            "where edition = 2025 and region_level = 'city' and region_code = '110000' "
            "and indicator_code = 'financing_total'"
        )
        connection.execute(
            "delete from indicator_values where edition = 2020 and region_code = '110000' "
            "and region_level = 'province' and indicator_code = 'unicorns'"
        )
    comparison = floor.compare_indicator_values(tiny_run["build"]["warehouse"], changed)
    assert comparison["different"] == 2  # the patents and the missing row; 1e-12 is rounding
    assert comparison["identical"] is False
    assert comparison["floor_rows"] == comparison["rows"] - 1
    assert [row[:4] for row in comparison["examples"]] == [
        ["2020", "province", "110000", "unicorns"],
        ["2025", "city", "440300", "patents"],
    ]


def test_floor_sql_is_plain_sql_of_the_raw_files(tiny_run: dict[str, Any]) -> None:
    sql = floor.floor_sql(tiny_run["raw_dir"])
    assert "${" not in sql and "{{" not in sql and "target/" not in sql
    # The six tables the index is computed from (not the optional special topics).
    assert len(REQUIRED_TABLES) == 6
    for table in REQUIRED_TABLES:
        assert f"read_csv('{tiny_run['raw_dir'] / f'{table}.csv'}'" in sql, table
    with pytest.raises(measure.BenchError, match="neither"):
        floor.floor_sql(tiny_run["data_dir"])


def test_measurements_are_plausible(tiny_run: dict[str, Any]) -> None:
    build = tiny_run["build"]["measurement"]
    floor_run = tiny_run["floor"]["measurement"]
    # dbt (in-process DuckDB) is the largest process of the build's tree: well above a bare
    # Python interpreter (~10 MiB), far below the machine.
    assert 100 * MIB < build["peak_rss_bytes"] < 4 * 1024 * MIB
    assert 30 * MIB < floor_run["peak_rss_bytes"] < build["peak_rss_bytes"] * 2
    # The floor computes the indicator values alone, without dbt: it must be much faster.
    assert tiny_run["floor"]["seconds"] * 3 < build["seconds"]
    assert tiny_run["floor"]["seconds"] <= floor_run["seconds"]
    nodes = tiny_run["build"]["nodes"]
    assert any(node["name"] == "fct_indicator_values" for node in nodes)
    assert builds.node_counts(tiny_run["build"])["test"] > 50  # the data tests ran


def test_generated_data_are_reused(tiny_run: dict[str, Any]) -> None:
    assert tiny_run["data"]["generated"] is True
    assert tiny_run["data"]["rows"]["enterprises"] == ENTERPRISES
    assert tiny_run["data"]["format"] == "csv"
    again = data.generate(tiny_run["raw_dir"], ENTERPRISES, "csv")
    assert again["generated"] is False
    assert again["rows"] == tiny_run["data"]["rows"]


def test_peak_memory_covers_grandchildren(tmp_path: Path) -> None:
    """A grandchild that holds 300 MiB shows up in the peak of the measured child."""
    grandchild = "b = bytearray(300 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])"
    child = (
        "import subprocess, sys; "
        f"subprocess.run([sys.executable, '-c', {grandchild!r}], check=True)"
    )
    run = measure.measure([sys.executable, "-c", child], measure.base_env(), tmp_path / "log")
    assert run.ok
    assert run.peak_rss_bytes >= 300 * MIB
    failed = measure.measure(
        [sys.executable, "-c", "raise SystemExit(3)"], measure.base_env(), tmp_path / "log"
    )
    assert failed.returncode == 3


def test_median_run_keeps_every_time_and_the_highest_peak() -> None:
    def run(seconds: float, peak: int) -> dict[str, Any]:
        return {"seconds": seconds, "measurement": {"peak_rss_bytes": peak}}

    chosen = measure.median_run(
        [run(3.0, 10), run(1.0, 30), run(2.0, 20)], lambda item: item["seconds"]
    )
    assert chosen["seconds"] == 2.0
    assert chosen["runs_seconds"] == [3.0, 1.0, 2.0]
    assert chosen["measurement"]["peak_rss_bytes"] == 30
    even = measure.median_run([run(4.0, 1), run(1.0, 1)], lambda item: item["seconds"])
    assert even["seconds"] == 1.0  # of two, the lower middle one
    with pytest.raises(measure.BenchError):
        measure.median_run([], lambda item: item["seconds"])


def test_scales_and_later_steps(tmp_path: Path) -> None:
    assert runner.parse_scales("10:parquet, 1") == [(1, "csv"), (10, "parquet")]
    with pytest.raises(Exception, match="bad scale"):
        runner.parse_scales("1:xlsx")
    missing = builds.run_step(
        builds.TimedStep("later", None, note="not yet"), tmp_path, tmp_path, 3
    )
    assert missing == {"name": "later", "skipped": "not yet"}
    step = builds.TimedStep("quick", (sys.executable, "-c", "print('{warehouse}')"), 5.0)
    timed = builds.run_step(step, tmp_path / "w.duckdb", tmp_path, 3)
    assert len(timed["runs_seconds"]) == 3 and timed["target_seconds"] == 5.0
    assert str(tmp_path / "w.duckdb") in (tmp_path / "quick.log").read_text()
    assert timed["dbt_seconds"] is None  # not a dbt command
    target = tmp_path / "dbt-target"
    target.mkdir()
    (target / "run_results.json").write_text('{"elapsed_time": 6.25}')
    assert builds.dbt_clock(str(target)) == 6.25  # an absolute path stays as it is
    assert builds.dbt_clock(str(tmp_path / "nowhere")) is None


def _fake_results(
    sample: float, national: float, tenfold: float, peak: int, formats: tuple[str, str]
) -> dict[str, Any]:
    def entry(name: str, enterprises: int, file_format: str, build: float, peak: int) -> dict:
        rows = {table: enterprises // 10 for table in data.RAW_TABLES}
        return {
            "name": name,
            "enterprises": enterprises,
            "format": file_format,
            "data": {"rows": rows, "bytes": enterprises * 100, "seconds": 5.0, "format": "csv"},
            "build": {
                "measurement": {"seconds": build, "cpu_seconds": build, "peak_rss_bytes": peak},
                "runs_seconds": [build, build + 1, build + 2],
                "nodes": [{"name": "stg_x", "type": "model", "seconds": 1.0}],
                "node_counts": {"seed": 4, "model": 40, "test": 180},
                "dbt_elapsed": build - 3,
            },
            "floor": {
                "seconds": build / 8,
                "runs_seconds": [build / 8] * 3,
                "measurement": {"seconds": build / 8 + 1, "peak_rss_bytes": peak // 2},
            },
            "comparison": {"rows": 39744, "identical": True, "different": 0},
        }

    return {
        "started": "today",
        "command": "make bench",
        "machine": {"cores": 2, "memory_bytes": 8 * 1024 * MIB, "cpu": "x", "os": "y"},
        "versions": {"duckdb": "1"},
        "datasets": [
            entry("sample", 10_000, "csv", sample, 300 * MIB),
            entry("1×", 400_000, formats[0], national, 600 * MIB),
            entry("10×", 4_000_000, formats[1], tenfold, peak),
        ],
        "later": [
            {
                "name": "analyses on the sample",
                "target_seconds": 10.0,
                "measurement": {"seconds": 11.5, "peak_rss_bytes": MIB},
                "runs_seconds": [11.5, 11.9, 12.0],
                "dbt_seconds": 6.2,
            },
            {"name": "report document", "skipped": "not built yet"},
        ],
        "app": {"pages": [{"page": "Overview", "seconds": 0.4}, {"page": "Map", "seconds": 1.3}]},
    }


def test_targets_are_judged_on_the_numbers() -> None:
    results = _fake_results(9.5, 19.0, 150.0, 3 * 1024 * MIB, ("csv", "csv"))
    checks = report.targets(results)
    # The 1.3 s page and the analyses' 11.5 s (judged on the whole command) miss.
    assert [check["met"] for check in checks] == [True, True, True, True, False, False]
    missed = report.targets(_fake_results(10.5, 21.0, 250.0, 5 * 1024 * MIB, ("csv", "csv")))
    assert [check["met"] for check in missed] == [False] * 6
    assert [check["value"] for check in missed][:4] == ["10.5 s", "21.0 s", "5.00 GiB", "11.90×"]
    # Growth is judged only between data sets of the same format.
    mixed = report.targets(_fake_results(9.5, 19.0, 150.0, MIB, ("csv", "parquet")))
    assert not any(check["target"].startswith("time growth") for check in mixed)


def test_report_names_machine_numbers_ratios_and_misses() -> None:
    text = report.render_report(_fake_results(12.0, 21.0, 160.0, MIB, ("csv", "parquet")))
    for expected in (
        "## Machine",
        "| cores | 2 |",
        "| duckdb | 1 |",
        "synthetic",
        "floor.sql",
        "| sample | **12.0 s** | 12.0 s, 13.0 s, 14.0 s |",
        "| 1× | **21.0 s** |",
        "| 10× | **160.0 s** |",
        "| 8.0 | yes (39,744 rows) |",
        "| sample: make build (median of runs) | ≤ 10 s | 12.0 s | **no** |",
        "| national scale (1×, CSV): make build with every data test | ≤ 20 s | 21.0 s | **no** |",
        "| Map | 1.30 s |",
        "## Analyses and report document (sample)",
        "| analyses on the sample | 11.5 s | 11.5 s, 11.9 s, 12.0 s | 6.2 s | 1 MiB |",
        "| report document | not measured: not built yet | — | — | — |",
        "**Fixed cost.** The sample build (10,000 enterprises) takes 12.0 s",
        "4 seeds, 40 models, 180 data tests",
        "**Growth** 1× (csv) → 10× (parquet)",
    ):
        assert expected in text, expected


def test_report_warns_of_a_busy_machine_and_renders_from_results(tmp_path: Path) -> None:
    results = _fake_results(9.0, 19.0, 150.0, MIB, ("csv", "parquet"))
    assert "busy" not in report.render_report(results)
    results["datasets"][1]["build"]["measurement"]["load_before"] = 2.5  # 2 cores
    text = report.render_report(results)
    assert "**The machine was busy**: the load before 1× exceeded its 2 cores" in text
    stored, out = tmp_path / "results.json", tmp_path / "benchmark.md"
    stored.write_text(json.dumps(results))
    assert runner.main(["--render-from", str(stored), "--report", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == text
