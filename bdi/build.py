"""Build the warehouse safely: ``python -m bdi.build`` (what ``make build`` runs).

The published warehouse (``BDI_WAREHOUSE``, default ``warehouse.duckdb``) is never written in place:

1. the build takes the lock ``<warehouse>.build-lock`` (a second build of the same warehouse
   refuses to start) and removes the leftovers of an interrupted build (``<warehouse>.building``
   and its ``.wal``);
2. ``dbt build`` runs every seed, model and data test into the new file beside the published one,
   ``<warehouse>.building`` (profile path via ``BDI_BUILD_PATH``). Its name is the same for every
   build, so dbt's partial parsing works from one build to the next. The dbt unit tests, which
   test code rather than data, run in ``make test`` (bdi.unit_tests);
3. only when dbt succeeded, the new file is checkpointed, closed and fsynced, then replaces the
   published warehouse in one atomic ``os.replace``, and the directory is fsynced.

A failing model or test, Ctrl-C / SIGTERM (dbt is stopped, the new file removed), or ``kill -9`` at
any moment leaves the published warehouse byte-identical. Readers that hold the published file
open keep reading the old file until they reconnect; they never block a build.

When the build fails because of invalid raw rows, they are exported to
``<BDI_REPORT_DIR>/invalid_rows.csv`` (default ``build/invalid_rows.csv``) before the failed file
is removed, and a summary per table and rule is printed.

Environment: ``BDI_RAW_DIR``, ``BDI_WAREHOUSE``, ``BDI_ALLOW_INVALID_ROWS``,
``BDI_WEIGHTING_METHOD``, ``BDI_TIER_METHOD``, ``BDI_BUILD_DATE``, ``BDI_UNCERTAINTY_DRAWS``,
``BDI_UNCERTAINTY_SEED``, ``BDI_PUBLISHED_DIR`` (read by dbt_project.yml);
``BDI_DBT_TARGET_PATH`` / ``BDI_DBT_LOG_PATH`` (dbt's target and log directories, default
``target/build`` and ``logs``); ``BDI_REPORT_DIR`` (default ``build``).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from bdi.build_files import (
    HANDLED_SIGNALS,
    BuildError,
    build_lock,
    building_path,
    clean_leftovers,
    connect,
    publish,
    remove_path,
    signals_blocked,
)
from bdi.build_report import (
    SAMPLE_DIR,
    export_invalid_rows,
    read_build_summary,
    report_failure,
    report_success,
    say,
)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
TRUE_WORDS = {"1", "true", "yes", "y", "on"}
DBT_OUTPUT_KEPT = 400  # lines of dbt's output kept for the failure report


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
        return building_path(self.published)

    @property
    def invalid_rows_report(self) -> Path:
        return self.report_dir / "invalid_rows.csv"


def read_settings(environ: dict[str, str] | None = None) -> Settings:
    environ = dict(os.environ if environ is None else environ)
    cwd = Path.cwd()
    published = (cwd / (environ.get("BDI_WAREHOUSE", "").strip() or "warehouse.duckdb")).resolve()
    raw_dir_text = environ.get("BDI_RAW_DIR", "").strip()
    raw_dir = (cwd / raw_dir_text).resolve() if raw_dir_text else None
    if raw_dir == SAMPLE_DIR.resolve():
        raw_dir = None  # the bundled sample, read through the same default as a plain dbt build
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
        # Its own target directory: a plain dbt command in between (another profile path) does
        # not replace the parse state that the next make build reuses.
        target_path=(cwd / environ.get("BDI_DBT_TARGET_PATH", "target/build")).resolve(),
        log_path=(cwd / environ.get("BDI_DBT_LOG_PATH", "logs")).resolve(),
        report_dir=(cwd / environ.get("BDI_REPORT_DIR", "build")).resolve(),
        allow_invalid_rows=environ.get("BDI_ALLOW_INVALID_ROWS", "0").strip().lower() in TRUE_WORDS,
    )
    published_dir = environ.get("BDI_PUBLISHED_DIR", "").strip() or "published"
    environ.update(
        {
            # The published editions (bdi.publish), relative to where make build runs.
            "BDI_PUBLISHED_DIR": str((cwd / published_dir).resolve()),
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
        "--exclude-resource-type",
        "unit_test",
        "--target-path",
        str(settings.target_path),
        "--log-path",
        str(settings.log_path),
        # dbt's default file log is at debug level: every statement, which costs more CPU than
        # many of the models. Errors and the node summary are logged at info level.
        "--log-level-file",
        os.environ.get("DBT_LOG_LEVEL_FILE", "info"),
    ]
    return subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        env=settings.dbt_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=_child_preexec if sys.platform.startswith("linux") else None,
    )


def follow_dbt(process: subprocess.Popen[bytes]) -> tuple[int, list[str]]:
    """Pass dbt's output through as it comes; return its exit code and its last lines."""
    assert process.stdout is not None
    tail: collections.deque[str] = collections.deque(maxlen=DBT_OUTPUT_KEPT)
    for line in process.stdout:
        sys.stdout.buffer.write(line)
        sys.stdout.flush()
        tail.append(line.decode("utf-8", "replace"))
    return process.wait(), list(tail)


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


# --- main -----------------------------------------------------------------------------------


def _raise_interrupted(signum: int, _frame: FrameType | None) -> None:
    raise Interrupted(signum)


def build(settings: Settings) -> int:
    started = time.monotonic()
    settings.published.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(settings.published):
        for leftover in clean_leftovers(settings.published):
            say(f"bdi.build: removed the leftover of an interrupted build: {leftover}")
        return build_locked(settings, started)


def build_locked(settings: Settings, started: float) -> int:
    """The build proper, while this process holds the build lock."""
    building = settings.building
    remove_path(settings.target_path / "run_results.json")
    commit, dirty = git_state()  # after the clean-up: leftovers would count as changes
    settings.dbt_env.update({"BDI_GIT_COMMIT": commit, "BDI_GIT_DIRTY": dirty})
    say(f"bdi.build: building into {building}")
    say(f"bdi.build: it replaces {settings.published} only if every model and data test passes.")
    published_done = False
    process: subprocess.Popen[bytes] | None = None
    try:
        process = start_dbt(settings)
        returncode, output = follow_dbt(process)
        if returncode != 0:
            invalid = export_invalid_rows(building, settings.invalid_rows_report)
            report_failure(settings, returncode, invalid, output)
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
            clean_leftovers(settings.published)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bdi.build",
        description=(
            "Build the warehouse with dbt into a new file, run every data test against it, and "
            "publish it (atomic rename onto BDI_WAREHOUSE) only when everything passed."
        ),
        epilog=(
            "Environment: BDI_RAW_DIR, BDI_WAREHOUSE, BDI_ALLOW_INVALID_ROWS, "
            "BDI_WEIGHTING_METHOD, BDI_TIER_METHOD, BDI_BUILD_DATE, BDI_PUBLISHED_DIR, "
            "BDI_DBT_TARGET_PATH, BDI_DBT_LOG_PATH, BDI_REPORT_DIR."
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
