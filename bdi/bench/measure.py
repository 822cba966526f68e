"""Measuring a child process (wall time, CPU time, peak memory) and summarising repeated runs."""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[2]
GIB = 1024**3


class BenchError(Exception):
    """A benchmark step that failed; the message says which and why."""


@dataclass
class Measurement:
    """One measured child process: wall time, CPU time and peak resident set."""

    seconds: float
    cpu_seconds: float
    peak_rss_bytes: int
    returncode: int
    log: str = ""
    load_before: float | None = None  # 1-minute load average when the run started

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def measure(
    command: list[str], env: dict[str, str], log_path: Path, cwd: Path = PROJECT_ROOT
) -> Measurement:
    """Run `command`, wait for it with wait4 and return its wall time, CPU time and peak RSS.

    Linux fills wait4's rusage for the child with its own figures and those of every descendant
    it reaped: ru_maxrss is then the largest resident set in the whole process tree.
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with log_path.open("wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _pid, status, usage = os.wait4(process.pid, 0)
        except BaseException:
            process.kill()
            process.wait()
            raise
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return Measurement(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_rss_bytes=usage.ru_maxrss * 1024,  # KiB on Linux
        returncode=process.returncode,
        log=str(log_path),
        load_before=load_before,
    )


def median_run(
    runs: list[dict[str, Any]], seconds: Callable[[dict[str, Any]], float]
) -> dict[str, Any]:
    """The run with the median time (of an even number, the lower middle one), with every run's
    time and the highest peak memory of all runs."""
    if not runs:
        raise BenchError("no run to summarise")
    middle = statistics.median_low(seconds(run) for run in runs)
    chosen = dict(next(run for run in runs if seconds(run) == middle))
    chosen["runs_seconds"] = [round(seconds(run), 2) for run in runs]
    chosen["measurement"] = {
        **chosen["measurement"],
        "peak_rss_bytes": max(run["measurement"]["peak_rss_bytes"] for run in runs),
    }
    return chosen


def base_env() -> dict[str, str]:
    """The caller's environment without BDI_* settings: every run builds the defaults."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("BDI_")}
    env["DBT_PROFILES_DIR"] = str(PROJECT_ROOT / "profiles")
    env["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    env["DO_NOT_TRACK"] = "1"
    return env


def tail(path: str | Path, lines: int = 30) -> str:
    with contextlib.suppress(OSError):
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    return ""


def say(message: str = "") -> None:
    print(message, flush=True)


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def seconds_list(result: dict[str, Any]) -> str:
    return ", ".join(f"{seconds:.1f} s" for seconds in result.get("runs_seconds", []))
