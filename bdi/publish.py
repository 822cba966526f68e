"""Freeze a published edition: ``python -m bdi.publish --edition E [--force]`` (``make publish``).

Writes edition E's public index tables from the current warehouse into ``<published>/<E>/``
(``BDI_PUBLISHED_DIR``, default ``published``), as files meant to be committed:

* ``fct_index.csv``, ``fct_node_scores.csv``, ``fct_weights.csv``, ``fct_circle_scores.csv``: the
  edition's rows of these tables, every column the warehouse has, ordered by their key; UTF-8,
  comma-separated, ``\\n`` line ends, empty = null, numbers as Python's ``repr`` (the shortest text
  that reads back as the same double, so a diff shows only what changed);
* ``build_raw_files.csv``: the publishing build's raw files (path, SHA-256, rows read, valid,
  invalid), so a later build can say which raw tables changed since;
* ``manifest.json``: the layout version, the edition, when it was published, the commit of the
  build, the build's settings (build_info) and, per file, its rows, columns and SHA-256. A build
  checks every file against it (docs/analyses.md §7).

The warehouse is opened read-only and never written (publishing works while the viewer is open).
An edition the warehouse lacks is refused; so is an edition already published, unless ``--force``
(then it is replaced). The files are written into a hidden temporary directory beside the target
and renamed into place only when complete: a failed or interrupted publish leaves the published
directory as it was.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import hashlib
import json
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from bdi.build_files import fsync_path

LAYOUT = 1
MANIFEST = "manifest.json"
TEMPORARY_PREFIX = ".publishing-"
# The tables frozen per edition, with the key they are ordered by.
TABLES: dict[str, tuple[str, ...]] = {
    "fct_index": ("region_level", "region_code"),
    "fct_node_scores": ("region_level", "region_code", "node_code"),
    "fct_weights": ("region_level", "node_code"),
    "fct_circle_scores": ("circle_code", "node_code"),
}
PROVENANCE_TABLE = "build_raw_files"


class PublishError(Exception):
    """A publish that cannot go on; the message is for the analyst."""


def csv_text(value: Any) -> str:
    """A value as the published CSV writes it: exact round-trip numbers, empty for null."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_csv(path: Path, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """Write one published file; return its manifest entry."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([csv_text(value) for value in row] for row in rows)
        handle.flush()
        os.fsync(handle.fileno())
    return {"rows": len(rows), "columns": list(columns), "sha256": sha256_file(path)}


def select_rows(
    connection: duckdb.DuckDBPyConnection, table: str, where: str, order: Sequence[str]
) -> tuple[list[str], list[tuple[Any, ...]]]:
    cursor = connection.execute(
        f"select * from main.{table} {where} order by {', '.join(order)}"  # noqa: S608
    )
    return [column[0] for column in cursor.description], cursor.fetchall()


def read_build_info(connection: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    cursor = connection.execute("select * from main.build_info")
    names = [column[0] for column in cursor.description]
    rows = cursor.fetchall()
    if len(rows) != 1:
        raise PublishError("The warehouse's build_info does not hold exactly one row.")
    return {name: json_value(value) for name, value in zip(names, rows[0], strict=True)}


def open_warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    if not path.is_file():
        raise PublishError(f"There is no warehouse at {path}: run make build first.")
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        raise PublishError(
            f"Cannot open the warehouse {path} read-only ({str(error).splitlines()[0]}). A plain "
            "`dbt build` may be writing it: wait for it to finish."
        ) from error


def write_edition(connection: duckdb.DuckDBPyConnection, edition: int, directory: Path) -> dict:
    """Write edition `edition`'s files into `directory`; return the manifest."""
    editions = [
        row[0]
        for row in connection.execute(
            "select distinct edition from main.fct_index order by 1"
        ).fetchall()
    ]
    if edition not in editions:
        held = f"{editions[0]}–{editions[-1]}" if editions else "none"
        raise PublishError(
            f"Edition {edition} is not in the warehouse (it holds the editions {held}); "
            "nothing was published."
        )
    build = read_build_info(connection)
    files: dict[str, dict[str, Any]] = {}
    for table, key in TABLES.items():
        columns, rows = select_rows(connection, table, f"where edition = {edition:d}", key)
        files[f"{table}.csv"] = write_csv(directory / f"{table}.csv", columns, rows)
    columns, rows = select_rows(connection, PROVENANCE_TABLE, "", ("table_name",))
    files[f"{PROVENANCE_TABLE}.csv"] = write_csv(
        directory / f"{PROVENANCE_TABLE}.csv", columns, rows
    )
    manifest = {
        "layout": LAYOUT,
        "edition": edition,
        "published_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "published_commit": build.get("git_commit"),
        "build": build,
        "files": files,
    }
    with (directory / MANIFEST).open("w", encoding="utf-8", newline="\n") as handle:
        json.dump(manifest, handle, ensure_ascii=False, indent=2, sort_keys=False)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    return manifest


def remove_leftovers(published_dir: Path) -> None:
    """Clean up after publishes that were killed: unfinished temporary directories are removed;
    an edition replaced with --force that was killed between its two renames gets its previous
    files back (``.publishing-<E>-<pid>-old``)."""
    for leftover in sorted(published_dir.glob(TEMPORARY_PREFIX + "*")):
        edition = leftover.name.removeprefix(TEMPORARY_PREFIX).split("-")[0]
        target = published_dir / edition
        if leftover.name.endswith("-old") and not target.exists():
            os.replace(leftover, target)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def publish(warehouse: Path, published_dir: Path, edition: int, force: bool = False) -> Path:
    """Publish `edition` of `warehouse` into `published_dir/<edition>`; return that directory."""
    target = published_dir / str(edition)
    if target.exists() and not force:
        raise PublishError(
            f"Edition {edition} is already published in {target}; its files were left unchanged. "
            f"To replace them: make publish EDITION={edition} FORCE=1"
        )
    with contextlib.closing(open_warehouse(warehouse)) as connection:
        published_dir.mkdir(parents=True, exist_ok=True)
        remove_leftovers(published_dir)
        temporary = published_dir / f"{TEMPORARY_PREFIX}{edition}-{os.getpid()}"
        temporary.mkdir()
        try:
            write_edition(connection, edition, temporary)
            fsync_path(temporary)
            replaced = None
            if target.exists():
                replaced = published_dir / f"{TEMPORARY_PREFIX}{edition}-{os.getpid()}-old"
                os.replace(target, replaced)
            os.replace(temporary, target)
            fsync_path(published_dir)
            if replaced is not None:
                shutil.rmtree(replaced)
        finally:
            shutil.rmtree(temporary, ignore_errors=True)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bdi.publish",
        description=(
            "Freeze edition E of the warehouse (BDI_WAREHOUSE) into BDI_PUBLISHED_DIR/E as files "
            "to commit; every later build compares its numbers with them (fct_revisions)."
        ),
    )
    parser.add_argument("--edition", type=int, required=True, help="the edition to publish")
    parser.add_argument("--force", action="store_true", help="replace an existing publication")
    arguments = parser.parse_args(argv)
    warehouse = Path(os.environ.get("BDI_WAREHOUSE", "").strip() or "warehouse.duckdb").resolve()
    published_dir = Path(os.environ.get("BDI_PUBLISHED_DIR", "").strip() or "published").resolve()
    try:
        target = publish(warehouse, published_dir, arguments.edition, arguments.force)
    except PublishError as error:
        print(f"bdi.publish: {error}", file=sys.stderr, flush=True)
        return 1
    manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    build = manifest["build"]
    print(f"bdi.publish: published edition {arguments.edition} into {target}:")
    for name, entry in manifest["files"].items():
        print(f"  {name:<24}{entry['rows']:>8,} rows  sha256 {entry['sha256'][:12]}")
    if build.get("is_sample_data"):
        print("bdi.publish: NOTE the warehouse was built from the bundled SYNTHETIC sample.")
    if build.get("git_is_dirty") or not build.get("git_commit"):
        print(
            "bdi.publish: NOTE the build ran on uncommitted changes (or outside git): commit the "
            "project and rebuild if these numbers must be reproducible from a commit."
        )
    print(f"bdi.publish: review and commit {target} (git add {target}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
