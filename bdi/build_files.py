"""The files of a safe build: the lock, the build file, leftovers and the atomic publication.

Beside the published warehouse ``<warehouse>`` a build uses

* ``<warehouse>.build-lock``: an fcntl lock held for the whole build, so that a second build of the
  same warehouse refuses to start instead of writing into the same build file;
* ``<warehouse>.building`` (and DuckDB's ``.building.wal``): the new warehouse. Its name is fixed,
  so dbt's profile does not change from one build to the next and partial parsing works.

Whatever ``<warehouse>.building*`` exists when a build holds the lock is the leftover of a build
that was killed (``kill -9``, a crash, a power cut): it is removed. The lock file itself is removed
when the build ends; one left by a killed build is simply locked again (the kernel released it).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

BUILDING_SUFFIX = ".building"
LOCK_SUFFIX = ".build-lock"
HANDLED_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class BuildError(Exception):
    """A build that cannot go on; the message is for the analyst."""


def building_path(published: Path) -> Path:
    return published.with_name(published.name + BUILDING_SUFFIX)


def lock_path(published: Path) -> Path:
    return published.with_name(published.name + LOCK_SUFFIX)


@contextlib.contextmanager
def build_lock(published: Path) -> Iterator[Path]:
    """Hold the build lock of `published`; refuse with a BuildError while another build holds it."""
    path = lock_path(published)
    while True:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            holder = _read_text(path) or "unknown"
            raise BuildError(
                f"Another build of {published} is running (process {holder}; lock file {path}). "
                "Two builds of one warehouse cannot run at once: wait for it to finish, or stop "
                "it (Ctrl-C) and run make build again."
            ) from None
        # A build that just finished removed the file we opened: lock the new one instead.
        with contextlib.suppress(FileNotFoundError):
            if os.fstat(descriptor).st_ino == os.stat(path).st_ino:
                break
        os.close(descriptor)
    try:
        os.ftruncate(descriptor, 0)
        os.write(descriptor, f"{os.getpid()}\n".encode())
        yield path
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        os.close(descriptor)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def remove_path(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def build_files(published: Path) -> list[Path]:
    """The build file of `published` and DuckDB's files beside it (.wal, …)."""
    building = building_path(published)
    return sorted(
        path for path in (building, *building.parent.glob(building.name + ".*")) if path.exists()
    )


def clean_leftovers(published: Path) -> list[Path]:
    """Remove the build files of `published`. Call only while holding its build lock."""
    leftovers = build_files(published)
    for path in leftovers:
        remove_path(path)
    return leftovers


@contextlib.contextmanager
def connect(path: Path, read_only: bool) -> Iterator[duckdb.DuckDBPyConnection]:
    import duckdb  # imported when needed: the build starts dbt without waiting for it

    connection = duckdb.connect(str(path), read_only=read_only)
    try:
        yield connection
    finally:
        connection.close()


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
    import duckdb

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
