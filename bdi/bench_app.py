"""Benchmark the viewer: each page's first-render time on a warehouse (target: under 1 s).

    python -m bdi.bench_app [--warehouse PATH] [--repeat 3] [--json results.json] [--check]

Each page is rendered with Streamlit's AppTest in one process, the way a server renders it for a
browser: the script runs, queries the warehouse and builds every table and chart. "First render"
empties the data cache first, so every query reaches the warehouse; "cached" renders the page
again. Starting the process (imports, simplifying the map shapes, loading Altair) happens once
per server and is reported apart. The browser's own drawing is not included.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from app.pages import APP_SCRIPT, PAGE_SCRIPTS

ROOT = Path(__file__).resolve().parents[1]
PAGES = PAGE_SCRIPTS
TARGET_SECONDS = 1.0


@dataclass(frozen=True)
class PageTiming:
    page: str
    first_render_seconds: float
    cached_render_seconds: float

    @property
    def meets_target(self) -> bool:
        return self.first_render_seconds < TARGET_SECONDS


def measure(warehouse: Path, repeat: int = 3) -> tuple[float, list[PageTiming]]:
    """(process start-up seconds, per-page timings: the median of `repeat` renders each)."""
    os.environ["BDI_WAREHOUSE"] = str(warehouse)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))

    started = time.perf_counter()
    import streamlit as st
    from streamlit import logger as streamlit_logger

    # st.cache_data.clear() outside a server logs a warning each time.
    streamlit_logger.set_log_level(logging.ERROR)
    from streamlit.testing.v1 import AppTest

    from app import geo

    for level in geo.LEVELS:
        geo.areas(level)
    app = AppTest.from_file(str(APP_SCRIPT), default_timeout=300)
    app.run()
    for path in PAGES.values():  # every page once: imports and Altair's first chart
        app.switch_page(path).run()
    startup = time.perf_counter() - started

    timings = []
    for name, path in PAGES.items():
        first, cached = [], []
        for _ in range(repeat):
            st.cache_data.clear()
            app.switch_page(path)
            begin = time.perf_counter()
            app.run()
            first.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            app.run()
            cached.append(time.perf_counter() - begin)
            if app.exception:
                raise RuntimeError(f"page {name} failed: {app.exception[0].value}")
        timings.append(PageTiming(name, statistics.median(first), statistics.median(cached)))
    return startup, timings


def report(warehouse: Path, startup: float, timings: list[PageTiming]) -> str:
    """A Markdown report of the timings."""
    size_mb = warehouse.stat().st_size / 1e6
    lines = [
        f"Viewer page render times on `{warehouse}` ({size_mb:.1f} MB), "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs.",
        f"Process start-up (imports, map shapes, first charts): {startup:.2f} s, once per server.",
        "",
        f"| page | first render (s) | cached (s) | under {TARGET_SECONDS:g} s |",
        "|---|---:|---:|---|",
    ]
    for timing in timings:
        mark = "yes" if timing.meets_target else "**no**"
        lines.append(
            f"| {timing.page} | {timing.first_render_seconds:.3f} | "
            f"{timing.cached_render_seconds:.3f} | {mark} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("BDI_WAREHOUSE") or "warehouse.duckdb"
    parser.add_argument("--warehouse", type=Path, default=Path(default))
    parser.add_argument("--repeat", type=int, default=3, help="renders per page (median)")
    parser.add_argument("--json", type=Path, help="also write the timings as JSON here")
    parser.add_argument(
        "--check",
        action="store_true",
        help=f"exit 1 when a page takes {TARGET_SECONDS:g} s or more",
    )
    args = parser.parse_args(argv)
    warehouse = args.warehouse if args.warehouse.is_absolute() else ROOT / args.warehouse
    if not warehouse.exists():
        parser.error(f"no warehouse at {warehouse}: run `make build` first")

    startup, timings = measure(warehouse.resolve(), repeat=args.repeat)
    print(report(warehouse, startup, timings))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "warehouse": str(warehouse),
                    "startup_seconds": startup,
                    "target_seconds": TARGET_SECONDS,
                    "pages": [asdict(timing) for timing in timings],
                },
                indent=2,
            )
        )
    if args.check and not all(timing.meets_target for timing in timings):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
