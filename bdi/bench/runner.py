"""The benchmark's run: every data set built and floored, then the later steps and the viewer."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from bdi.bench.builds import LATER_STEPS, node_counts, run_build, run_step
from bdi.bench.data import FORMATS, SAMPLE_DIR, generate, raw_dir_for, sample_data
from bdi.bench.floor import compare_indicator_values, run_floor
from bdi.bench.measure import PROJECT_ROOT, BenchError, say, seconds_list
from bdi.bench.pages import run_app_bench
from bdi.bench.report import machine, render_report, summary, versions

DEFAULT_DATA_DIR = PROJECT_ROOT / "bench" / "data"
DEFAULT_REPORT = PROJECT_ROOT / "docs" / "benchmark.md"
BASE_ENTERPRISES = 400_000  # China's big-data enterprises, the order of a national data set
SAMPLE_ENTERPRISES = 10_000
DEFAULT_SCALES = "1:csv,10:parquet"
DEFAULT_REPEAT = 3  # the median of 3 runs


def parse_scales(text: str) -> list[tuple[int, str]]:
    """'1:csv,10:parquet' -> [(1, 'csv'), (10, 'parquet')] (format csv when not given)."""
    scales = []
    for part in text.split(","):
        if not part.strip():
            continue
        factor, _, file_format = part.strip().partition(":")
        file_format = file_format or "csv"
        if not factor.isdigit() or int(factor) < 1 or file_format not in FORMATS:
            raise argparse.ArgumentTypeError(f"bad scale {part!r}: use e.g. 1:csv or 10:parquet")
        scales.append((int(factor), file_format))
    return sorted(scales)


def bench_dataset(
    entry: dict[str, Any], raw_dir: Path | None, work_dir: Path, repeat: int
) -> dict[str, Any]:
    """Build (`raw_dir` None: the bundled sample) and floor one data set, `repeat` times each,
    and compare their indicator values; failures are recorded in the entry."""
    try:
        say(f"  build (python -m bdi.build) on {raw_dir or 'the bundled sample'} ...")
        build = run_build(raw_dir, work_dir, repeat)
        build["node_counts"] = node_counts(build)
        entry["build"] = build
        say(f"    {seconds_list(build)}")
        say("  floor (bdi/bench/floor.sql in one DuckDB connection) ...")
        entry["floor"] = run_floor(raw_dir or SAMPLE_DIR, work_dir / "floor", repeat)
        say(f"    {seconds_list(entry['floor'])}")
        entry["comparison"] = compare_indicator_values(
            build["warehouse"], entry["floor"]["database"]
        )
        if not entry["comparison"]["identical"]:
            say(f"  the floor's indicator values differ from the build's: {entry['comparison']}")
    except BenchError as error:
        entry["error"] = str(error).splitlines()[0]
        say(f"  FAILED: {error}")
    return entry


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bdi.bench",
        description="Benchmark make build on the sample, at national scale and ten times that, "
        "against the DuckDB floor (the 18 indicator values in plain SQL).",
    )
    parser.add_argument(
        "--scales",
        type=parse_scales,
        default=parse_scales(DEFAULT_SCALES),
        help=f"multiples of --enterprises-base with their format (default {DEFAULT_SCALES})",
    )
    parser.add_argument("--enterprises-base", type=int, default=BASE_ENTERPRISES)
    parser.add_argument("--no-sample", action="store_true", help="do not time the sample build")
    parser.add_argument(
        "--skip-generate", action="store_true", help="use the data already in bench/data"
    )
    parser.add_argument("--no-app", action="store_true", help="do not time the viewer's pages")
    parser.add_argument(
        "--repeat",
        type=int,
        default=DEFAULT_REPEAT,
        help=f"runs of each build and floor; the median counts (default {DEFAULT_REPEAT})",
    )
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument(
        "--report", type=Path, default=DEFAULT_REPORT, help="Markdown report to write"
    )
    parser.add_argument(
        "--render-from",
        type=Path,
        metavar="RESULTS_JSON",
        help="only write the report from an earlier run's results.json (no measuring)",
    )
    args = parser.parse_args(argv)
    if args.render_from:
        results = json.loads(args.render_from.read_text())
        args.report.write_text(render_report(results), encoding="utf-8")
        say(summary(results))
        say(f"report: {args.report}")
        return 0
    data_dir = args.data_dir.resolve()
    results: dict[str, Any] = {
        "started": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "command": "python -m bdi.bench " + " ".join(argv) if argv else "make bench",
        "machine": machine(),
        "versions": versions(),
        "datasets": [],
    }
    sample_entry = None
    if not args.no_sample:
        say(f"bdi.bench: the sample ({SAMPLE_DIR.relative_to(PROJECT_ROOT)})")
        sample_entry = {
            "name": "sample",
            "enterprises": SAMPLE_ENTERPRISES,
            "format": "csv",
            "data": sample_data(),
        }
        results["datasets"].append(
            bench_dataset(sample_entry, None, data_dir / "run_sample", args.repeat)
        )
    for factor, file_format in args.scales:
        enterprises = factor * args.enterprises_base
        say(f"bdi.bench: {factor}× = {enterprises:,} enterprises ({file_format})")
        raw_dir = raw_dir_for(data_dir, enterprises, file_format)
        entry = {
            "name": f"{factor}×",
            "factor": factor,
            "enterprises": enterprises,
            "format": file_format,
            "data": generate(raw_dir, enterprises, file_format, skip=args.skip_generate),
        }
        work_dir = data_dir / f"run_{enterprises}_{file_format}"
        results["datasets"].append(bench_dataset(entry, raw_dir, work_dir, args.repeat))

    if sample_entry is not None and "build" in sample_entry:
        warehouse = Path(sample_entry["build"]["warehouse"])
        results["later"] = [
            run_step(step, warehouse, data_dir / "later", args.repeat) for step in LATER_STEPS
        ]
    national = next((e for e in results["datasets"] if e["name"] == "1×" and "build" in e), None)
    if args.no_app:
        results["app"] = {"skipped": "not run (--no-app)"}
    elif national is None:
        results["app"] = {"skipped": "no national-scale (1×) warehouse was built"}
    else:
        say("bdi.bench: viewer pages on the 1× warehouse ...")
        results["app"] = run_app_bench(Path(national["build"]["warehouse"]), data_dir / "app")

    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "results.json").write_text(json.dumps(results, indent=2, default=str))
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(render_report(results), encoding="utf-8")
    say()
    say(summary(results))
    say(f"report: {args.report}")
    return 0 if all("build" in entry for entry in results["datasets"]) else 1
