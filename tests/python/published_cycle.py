"""A publishing cycle with real builds of the small raw set (docs/analyses.md §7), shared by the
published editions' tests (test_published_editions.py) and the viewer's (tests/app).

Build the small raw set, `python -m bdi.publish --edition 2023`, change the raw data (a late
enterprise, corrected patent counts), build again with the same published directory: edition
2023 is then revised, and edition 2024 has a rank change against the published 2023 list beside
the recomputed one (fct_index.total_rank_change_vs_published), different for some regions.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
from small_raw_set import PYTHON, ROOT, Build, new_build, write_small_raw_set

EDITION = 2023  # data year 2022; the small raw set also computes 2024
LATE_ENTERPRISE = "E021"
CORRECTED = {"E003": 40, "E007": 40}  # patent counts multiplied, data year 2022


def revise_raw_set(source: Path, target: Path) -> Path:
    """A copy of the small raw set with a late enterprise and corrected patent counts."""
    shutil.copytree(source, target)
    with (target / "enterprises.csv").open("a", encoding="utf-8", newline="") as handle:
        handle.write(f"{LATE_ENTERPRISE},示例数据企业21,510100,2015-04-15,\n")
    path = target / "enterprise_annual.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["enterprise_id"] in CORRECTED and row["data_year"] == "2022":
            row["patents"] = str(int(row["patents"]) * CORRECTED[row["enterprise_id"]])
    for data_year in ("2022", "2023"):
        late = dict(rows[0], enterprise_id=LATE_ENTERPRISE, data_year=data_year, patents="900")
        rows.append(late)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return target


def publish(build: Build, *arguments: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, "-m", "bdi.publish", *arguments],
        cwd=ROOT,
        env=build.env(**env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def files_of(directory: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def read_table(warehouse: Path, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute(sql).df()


@dataclass
class Cycle:
    """What the cycle left: the build (its warehouse is the second build's), the published
    directory and its files, and what the first build and the publish said."""

    work: Path
    build: Build
    published_dir: Path
    published_files: dict[str, bytes]
    first_index: pd.DataFrame
    first_raw_files: pd.DataFrame
    publish_output: str


def run_cycle(work: Path) -> Cycle:
    """build → publish 2023 → revise the raw data → build again (same published directory)."""
    raw = write_small_raw_set(work / "raw")
    revised = revise_raw_set(raw, work / "raw_revised")
    published_dir = work / "editions"
    build = new_build(work, raw, BDI_PUBLISHED_DIR=str(published_dir))
    first = build.run()
    assert first.returncode == 0, first.stdout[-3000:]
    first_index = read_table(build.warehouse, f"select * from fct_index where edition = {EDITION}")
    first_raw_files = read_table(build.warehouse, "select * from build_raw_files")
    published = publish(build, "--edition", str(EDITION))
    assert published.returncode == 0, published.stderr
    published_files = files_of(published_dir)
    second = build.run(BDI_RAW_DIR=str(revised))
    assert second.returncode == 0, second.stdout[-3000:]
    return Cycle(
        work=work,
        build=build,
        published_dir=published_dir,
        published_files=published_files,
        first_index=first_index,
        first_raw_files=first_raw_files,
        publish_output=published.stdout,
    )
