"""Build the warehouse safely: ``python -m bdi.build`` (what ``make build`` runs).

The published warehouse (``BDI_WAREHOUSE``, default ``warehouse.duckdb``) is never written in place:

1. leftovers of interrupted builds (``<warehouse>.building-<pid>`` files whose build process is
   gone, and their ``.wal``) are removed;
2. ``dbt build`` (every seed, model, data test and unit test) builds into a new file beside the
   published one, ``<warehouse>.building-<pid>`` (profile path via ``BDI_BUILD_PATH``);
3. only when dbt succeeded, the new file is checkpointed, closed and fsynced, then replaces the
   published warehouse in one atomic ``os.replace``, and the directory is fsynced.

A failing model or test, Ctrl-C / SIGTERM (dbt is stopped, the new file removed), or ``kill -9`` at
any moment leaves the published warehouse byte-identical. Readers that hold the published file
open keep reading the old file until they reconnect; they never block a build.

When the build fails because of invalid raw rows, they are exported to
``<BDI_REPORT_DIR>/invalid_rows.csv`` (default ``build/invalid_rows.csv``) before the failed file
is removed, and a summary per table and rule is printed.

Environment: ``BDI_RAW_DIR``, ``BDI_WAREHOUSE``, ``BDI_ALLOW_INVALID_ROWS``,
``BDI_WEIGHTING_METHOD``, ``BDI_TIER_METHOD``, ``BDI_BUILD_DATE`` (read by dbt_project.yml);
``BDI_DBT_TARGET_PATH`` / ``BDI_DBT_LOG_PATH`` (dbt's target and log directories, default
``target`` and ``logs``); ``BDI_REPORT_DIR`` (default ``build``).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

import duckdb

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BUILDING_INFIX = ".building-"
HANDLED_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
TRUE_WORDS = {"1", "true", "yes", "y", "on"}


class BuildError(Exception):
    """A build that cannot go on; the message is for the analyst."""


class Interrupted(Exception):
    """Raised in the main thread by SIGINT, SIGTERM or SIGHUP."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@dataclass
class Settings:
    """Where to build and publish, read from the environment."""

    published: Path
    raw_dir: Path | None
    target_path: Path
    log_path: Path
    report_dir: Path
    allow_invalid_rows: bool
    dbt_env: dict[str, str] = field(default_factory=dict)

    @property
    def building(self) -> Path:
        return building_path(self.published, os.getpid())

    @property
    def invalid_rows_report(self) -> Path:
        return self.report_dir / "invalid_rows.csv"


def building_path(published: Path, pid: int) -> Path:
    return published.with_name(f"{published.name}{BUILDING_INFIX}{pid}")


def read_settings(environ: dict[str, str] | None = None) -> Settings:
    environ = dict(os.environ if environ is None else environ)
    cwd = Path.cwd()
    published = (cwd / (environ.get("BDI_WAREHOUSE", "").strip() or "warehouse.duckdb")).resolve()
    raw_dir_text = environ.get("BDI_RAW_DIR", "").strip()
    raw_dir = (cwd / raw_dir_text).resolve() if raw_dir_text else None
    if raw_dir is not None and not raw_dir.is_dir():
        raise BuildError(
            f"BDI_RAW_DIR={raw_dir_text} is not a directory ({raw_dir}). It must hold the six raw "
            "tables of the data contract as <table>.csv or <table>.parquet; leave it empty to "
            "build from the bundled synthetic sample."
        )
    if published.is_dir():
        raise BuildError(f"BDI_WAREHOUSE={published} is a directory; name a .duckdb file.")
    settings = Settings(
        published=published,
        raw_dir=raw_dir,
        target_path=(cwd / environ.get("BDI_DBT_TARGET_PATH", "target")).resolve(),
        log_path=(cwd / environ.get("BDI_DBT_LOG_PATH", "logs")).resolve(),
        report_dir=(cwd / environ.get("BDI_REPORT_DIR", "build")).resolve(),
        allow_invalid_rows=environ.get("BDI_ALLOW_INVALID_ROWS", "0").strip().lower() in TRUE_WORDS,
    )
    environ.update(
        {
            "BDI_WAREHOUSE": str(published),
            "BDI_BUILD_PATH": str(settings.building),
            "BDI_RAW_DIR": str(raw_dir) if raw_dir else "",
            "BDI_BUILD_TOOL": "make build",
        }
    )
    environ.setdefault("DBT_PROFILES_DIR", str(PROJECT_ROOT / "profiles"))
    environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    environ.setdefault("DO_NOT_TRACK", "1")
    settings.dbt_env = environ
    return settings


def git_state() -> tuple[str, str]:
    """(commit, dirty) of the project's work tree: ('', '') when unknown."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--verify", "HEAD"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return "", ""
    return commit, "1" if status.strip() else "0"


# --- leftovers ------------------------------------------------------------------------------


def is_build_running(pid: int) -> bool:
    """True while process `pid` exists and is a bdi.build (a recycled pid does not count)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    cmdline = Path(f"/proc/{pid}/cmdline")
    try:
        return b"bdi.build" in cmdline.read_bytes()
    except OSError:
        return not cmdline.parent.parent.is_dir()  # no /proc: trust that the pid is alive


def remove_path(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def clean_leftovers(published: Path) -> list[Path]:
    """Remove <published>.building-<pid>* of builds that are no longer running."""
    pattern = re.compile(re.escape(published.name + BUILDING_INFIX) + r"(\d+)(\..*)?$")
    removed = []
    for candidate in sorted(published.parent.glob(published.name + BUILDING_INFIX + "*")):
        match = pattern.match(candidate.name)
        if match and not is_build_running(int(match.group(1))):
            remove_path(candidate)
            removed.append(candidate)
    return removed


def remove_build_files(building: Path) -> None:
    for path in (building, *building.parent.glob(building.name + ".*")):
        remove_path(path)


# --- dbt ------------------------------------------------------------------------------------


def _child_preexec() -> None:  # pragma: no cover - runs in the child
    """dbt dies with its parent, even when the parent is killed with SIGKILL (Linux)."""
    parent = os.getppid()
    with contextlib.suppress(Exception):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def start_dbt(settings: Settings) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-c",
        "import sys; from dbt.cli.main import cli; sys.exit(cli())",
        "build",
        "--target-path",
        str(settings.target_path),
        "--log-path",
        str(settings.log_path),
    ]
    return subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        env=settings.dbt_env,
        start_new_session=True,
        preexec_fn=_child_preexec if sys.platform.startswith("linux") else None,
    )


def stop_dbt(process: subprocess.Popen[bytes]) -> None:
    """Terminate dbt and everything it started (SIGKILL after 2 s): its file is thrown away."""
    if process.poll() is not None:
        return
    for sig, grace in ((signal.SIGTERM, 2.0), (signal.SIGKILL, 10.0)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


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


# --- the new file ---------------------------------------------------------------------------


@contextlib.contextmanager
def connect(path: Path, read_only: bool) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(path), read_only=read_only)
    try:
        yield connection
    finally:
        connection.close()


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


def fsync_path(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def check_no_writer(published: Path) -> None:
    """Refuse to publish while another process holds the published file open for writing."""
    if not published.exists():
        return
    try:
        with connect(published, read_only=True):
            pass
    except duckdb.Error as error:
        if "lock" in str(error).lower():
            raise BuildError(
                f"The published warehouse {published} is open for writing by another process "
                f"({str(error).splitlines()[0]}). That is probably a plain `dbt build` or a Python "
                "session with a read-write connection; readers (the viewer, read_only=True) are "
                "fine. The new build passed every test but was not published: close that process "
                "and run make build again."
            ) from error


@contextlib.contextmanager
def signals_blocked() -> Iterator[None]:
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, HANDLED_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def publish(building: Path, published: Path) -> None:
    """Make the finished new file the published warehouse in one atomic rename."""
    with connect(building, read_only=False) as connection:
        connection.execute("checkpoint")
    wal = building.with_name(building.name + ".wal")
    if wal.exists():
        raise BuildError(f"{wal} still exists after the checkpoint; not publishing.")
    fsync_path(building)
    check_no_writer(published)
    with signals_blocked():
        # A .wal beside the published file belongs to the old file (a plain dbt build that was
        # killed): keep it away from the new one.
        stale_wal = published.with_name(published.name + ".wal")
        parked_wal = building.with_name(building.name + ".stale-wal")
        if stale_wal.exists():
            os.replace(stale_wal, parked_wal)
        os.replace(building, published)
        fsync_path(published.parent)
        remove_path(parked_wal)


# --- messages -------------------------------------------------------------------------------


def say(message: str = "") -> None:
    print(message, flush=True)


def raw_file_label(settings: Settings, table: str) -> str:
    if settings.raw_dir is None:
        return f"{table} (sample seed raw_{table})"
    files = [settings.raw_dir / f"{table}.{suffix}" for suffix in ("csv", "parquet")]
    existing = [str(path) for path in files if path.exists()]
    return f"{table} ({' / '.join(existing) or files[0]})"


def report_failure(
    settings: Settings, returncode: int, invalid: list[tuple[str, str, int, str]]
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
    say(f"Published {settings.published} ({seconds:.0f} s; every model and test passed).")
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


# --- main -----------------------------------------------------------------------------------


def _raise_interrupted(signum: int, _frame: FrameType | None) -> None:
    raise Interrupted(signum)


def build(settings: Settings) -> int:
    started = time.monotonic()
    building = settings.building
    settings.published.parent.mkdir(parents=True, exist_ok=True)
    for leftover in clean_leftovers(settings.published):
        say(f"bdi.build: removed the leftover of an interrupted build: {leftover}")
    remove_build_files(building)
    remove_path(settings.target_path / "run_results.json")
    commit, dirty = git_state()  # after the clean-up: leftovers would count as changes
    settings.dbt_env.update({"BDI_GIT_COMMIT": commit, "BDI_GIT_DIRTY": dirty})
    say(f"bdi.build: building into {building}")
    say(f"bdi.build: it replaces {settings.published} only if every model and test passes.")
    published_done = False
    process: subprocess.Popen[bytes] | None = None
    try:
        process = start_dbt(settings)
        returncode = process.wait()
        if returncode != 0:
            invalid = export_invalid_rows(building, settings.invalid_rows_report)
            report_failure(settings, returncode, invalid)
            return 1
        if not building.exists():
            raise BuildError(f"dbt succeeded but did not create {building}.")
        with connect(building, read_only=True) as connection:
            summary = read_build_summary(connection)
        publish(building, settings.published)
        published_done = True
        remove_path(settings.invalid_rows_report)
        report_success(settings, summary, time.monotonic() - started)
        return 0
    except Interrupted as interruption:
        if process is not None:
            stop_dbt(process)
        say()
        if published_done:
            say(f"bdi.build: interrupted ({interruption}) after publishing {settings.published}.")
        else:
            say(
                f"bdi.build: INTERRUPTED ({interruption}). dbt was stopped and the unfinished "
                f"build removed; the published warehouse {settings.published} was not changed."
            )
        return 128 + interruption.signum
    except BuildError as error:
        say()
        say(f"bdi.build: BUILD NOT PUBLISHED. {error}")
        return 1
    finally:
        if process is not None and process.poll() is None:
            stop_dbt(process)
        with signals_blocked():
            remove_build_files(building)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bdi.build",
        description=(
            "Build the warehouse with dbt into a new file, run every test against it, and "
            "publish it (atomic rename onto BDI_WAREHOUSE) only when everything passed."
        ),
        epilog=(
            "Environment: BDI_RAW_DIR, BDI_WAREHOUSE, BDI_ALLOW_INVALID_ROWS, "
            "BDI_WEIGHTING_METHOD, BDI_TIER_METHOD, BDI_BUILD_DATE, BDI_DBT_TARGET_PATH, "
            "BDI_DBT_LOG_PATH, BDI_REPORT_DIR."
        ),
    )
    parser.parse_args(argv)
    for signum in HANDLED_SIGNALS:
        signal.signal(signum, _raise_interrupted)
    try:
        return build(read_settings())
    except BuildError as error:
        say(f"bdi.build: {error}")
        return 2
    except Interrupted as interruption:
        say(f"bdi.build: interrupted ({interruption}).")
        return 128 + interruption.signum
    finally:
        for signum in HANDLED_SIGNALS:
            signal.signal(signum, signal.SIG_IGN)


if __name__ == "__main__":
    sys.exit(main())
