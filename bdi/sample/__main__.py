"""``python -m bdi.sample``: write the SYNTHETIC raw tables (``make sample``: data/sample)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bdi.sample.calibration import BASE_ENTERPRISES, DEFAULT_SEED
from bdi.sample.units import DEFAULT_REGIONS, PROJECT_ROOT
from bdi.sample.writers import FORMATS, generate

DEFAULT_OUT = PROJECT_ROOT / "data" / "sample"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bdi.sample",
        description="Write SYNTHETIC raw tables of the data contract (same seed, same bytes).",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="output directory (default: data/sample, the committed sample)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="csv",
        help="csv (default): <table>.csv as an analyst's export; parquet: <table>.parquet",
    )
    parser.add_argument(
        "--enterprises",
        type=int,
        default=BASE_ENTERPRISES,
        help=f"number of enterprises (default {BASE_ENTERPRISES:,})",
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    parser.add_argument(
        "--regions",
        type=Path,
        default=DEFAULT_REGIONS,
        help="the region reference seed (default seeds/reference/ref_regions.csv)",
    )
    args = parser.parse_args(argv)
    if args.enterprises < 100:
        parser.error("--enterprises must be at least 100")
    started = time.perf_counter()
    rows = generate(args.out, args.format, args.enterprises, args.seed, args.regions)
    for table, count in rows.items():
        print(f"{table:20s} {count:>12,d} rows")
    elapsed = time.perf_counter() - started
    print(f"wrote SYNTHETIC {args.format} to {args.out} in {elapsed:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
