"""What a build tells the analyst: the failure report, the success summary, the invalid rows.

Used by bdi.build; reads dbt's run_results.json and the finished or failed build file.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from bdi.build_files import connect

if TYPE_CHECKING:
    import duckdb

    from bdi.build import Settings

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIR = PROJECT_ROOT / "data" / "sample"
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def failed_nodes(target_path: Path) -> list[tuple[str, str, str]]:
    """(resource, status, message) for each node that did not pass, from run_results.json."""
    try:
        results = json.loads((target_path / "run_results.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    failed = []
    for result in results.get("results", []):
        if result.get("status") in {"error", "fail", "runtime error"}:
            parts = result.get("unique_id", "?").split(".")
            resource = f"{parts[0]} {parts[2]}" if len(parts) > 2 else parts[0]
            failed.append((resource, result["status"], (result.get("message") or "").strip()))
    return failed


def has_table(connection: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(
        connection.execute(
            "select count(*) from information_schema.tables where table_name = ?", [name]
        ).fetchone()[0]
    )


def read_build_summary(connection: duckdb.DuckDBPyConnection) -> dict[str, object]:
    summary: dict[str, object] = {}
    if has_table(connection, "build_info"):
        cursor = connection.execute("select * from build_info")
        names = [column[0] for column in cursor.description]
        summary["info"] = dict(zip(names, cursor.fetchone() or (), strict=False))
    if has_table(connection, "build_raw_files"):
        summary["raw_files"] = connection.execute(
            "select table_name, file_path, row_count, invalid_row_count from build_raw_files"
        ).fetchall()
    counts = {}
    for table in ("fct_indicator_values", "fct_index", "invalid_rows"):
        if has_table(connection, table):
            counts[table] = connection.execute(f"select count(*) from {table}").fetchone()[0]
    summary["table_rows"] = counts
    return summary


def invalid_row_counts(
    connection: duckdb.DuckDBPyConnection,
) -> list[tuple[str, str, int, str]]:
    """(table, rule, rows, reason) of the invalid raw rows."""
    return connection.execute(
        "select source_table, rule, count(distinct source_row), any_value(reason) "
        "from invalid_rows group by source_table, rule order by 1, 2"
    ).fetchall()


def export_invalid_rows(building: Path, report: Path) -> list[tuple[str, str, int, str]]:
    """Write the failed build's invalid rows to `report`; return the count per table and rule."""
    if not building.exists():
        return []
    import duckdb  # not at the top: bdi.build starts dbt without waiting for this import

    try:
        with connect(building, read_only=True) as connection:
            if not has_table(connection, "invalid_rows"):
                return []
            counts = invalid_row_counts(connection)
            if counts:
                cursor = connection.execute(
                    "select * from invalid_rows order by source_table, source_row, rule"
                )
                header = [column[0] for column in cursor.description]
                report.parent.mkdir(parents=True, exist_ok=True)
                with report.open("w", encoding="utf-8", newline="") as handle:
                    writer = csv.writer(handle)
                    writer.writerow(header)
                    writer.writerows(cursor.fetchall())
            return counts
    except duckdb.Error:
        return []


def csv_rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


# --- messages -------------------------------------------------------------------------------


def say(message: str = "") -> None:
    print(message, flush=True)


def raw_file_label(settings: Settings, table: str) -> str:
    raw_dir = settings.raw_dir or SAMPLE_DIR
    files = [raw_dir / f"{table}.{suffix}" for suffix in ("csv", "parquet")]
    existing = [str(path) for path in files if path.exists()]
    return f"{table} ({' / '.join(existing) or files[0]})"


def dbt_error(output: list[str]) -> list[str]:
    """The lines of the error that stopped dbt before any node ran (e.g. in the on-run-start
    hook that checks the raw files), from dbt's own output; [] when there is none."""
    lines = [ANSI_ESCAPE.sub("", line).rstrip() for line in output]
    starts = [index for index, line in enumerate(lines) if line.endswith("Encountered an error:")]
    if not starts:
        return []
    message = []
    for line in lines[starts[-1] + 1 :]:
        if line.lstrip().startswith(">"):
            break
        if line.strip():
            message.append(line.strip())
    return message


def report_failure(
    settings: Settings,
    returncode: int,
    invalid: list[tuple[str, str, int, str]],
    output: list[str] | None = None,
) -> None:
    say()
    say("=" * 78)
    say(f"BUILD FAILED (dbt exit code {returncode}). The published warehouse was not changed:")
    say(f"  {settings.published}")
    failures = failed_nodes(settings.target_path)
    if invalid and not settings.allow_invalid_rows:
        entries = sum(1 for _ in csv_rows(settings.invalid_rows_report))
        say()
        say("Invalid raw rows, per file and rule:")
        for table, rule, count, reason in invalid:
            say(f"  {raw_file_label(settings, table)}: {count} row(s) break rule {rule}")
            say(f"      ({reason})")
        say(f"Every invalid row ({entries} entries: one per row and broken rule, with the row")
        say(f"number, key, column and raw value) is in {settings.invalid_rows_report}")
        say("Fix the raw files, or publish without these rows: BDI_ALLOW_INVALID_ROWS=1 make build")
    if failures:
        say()
        say("What failed:")
        for resource, status, message in failures:
            lines = [
                line
                for line in message.splitlines()
                if line.strip()
                and not line.strip().startswith((">", "Compilation Error in", "Runtime Error in"))
            ]
            say(f"  {resource} [{status}]")
            if resource.endswith("int_invalid_rows_checked") and invalid:
                say("      invalid raw rows: see above")
                continue
            for line in lines[:12]:
                say(f"      {line.strip()}")
    elif stopped_by := dbt_error(output or []):
        say()
        say("What failed:")
        if stopped_by[0].startswith("Compilation Error in operation bdi-on-run-start"):
            published = len(stopped_by) > 1 and "published" in stopped_by[1].lower()[:40]
            checked = "published editions" if published else "raw files"
            stopped_by[0] = f"The {checked}, checked before any model runs:"
        for line in stopped_by:
            say(f"  {line}")
    elif not invalid:
        say(
            "dbt stopped before it could report the failure: see its output above and "
            f"{settings.log_path / 'dbt.log'}"
        )
    say()
    say("Troubleshooting: docs/troubleshooting.md")
    say("=" * 78)


def report_success(settings: Settings, summary: dict[str, object], seconds: float) -> None:
    info = summary.get("info") or {}
    assert isinstance(info, dict)
    say()
    say("=" * 78)
    say(f"Published {settings.published} ({seconds:.0f} s; every model and data test passed).")
    if info:
        source = info["raw_source"]
        say(f"  raw data:      {source}")
        editions = (
            f"{info['first_edition']}–{info['last_edition']} ({info['edition_count']})"
            if info.get("edition_count")
            else "none"
        )
        say(f"  editions:      {editions}")
        say(f"  weighting:     {info['weighting_method']}")
        tiers = f"{info['tier_method']} (top {info['tier_top_n']}, {info['tier_count']} tiers)"
        say(f"  tiers:         {tiers}")
        commit = info.get("git_commit") or "unknown"
        dirty = " + uncommitted changes" if info.get("git_is_dirty") else ""
        say(f"  commit:        {str(commit)[:12]}{dirty}")
    for table, _path, rows, invalid in summary.get("raw_files") or []:
        say(f"  {table + ':':<19}{rows:>10,} rows, {invalid:,} invalid")
    table_rows = summary.get("table_rows") or {}
    assert isinstance(table_rows, dict)
    for table, rows in table_rows.items():
        if table != "invalid_rows":
            say(f"  {table + ':':<19}{rows:>10,} rows")
    invalid_total = int(info.get("invalid_row_count") or 0) if info else 0
    if invalid_total:
        say(
            f"  {invalid_total:,} invalid raw row(s) were EXCLUDED (BDI_ALLOW_INVALID_ROWS): "
            "select * from invalid_rows"
        )
    else:
        say("  invalid rows:  none")
    say("=" * 78)
