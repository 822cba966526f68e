"""Atomic publication and safe builds.

`python -m bdi.build` takes the lock <warehouse>.build-lock, builds into <warehouse>.building and
replaces the published file in one rename only when every model and data test passed. Killed with
SIGKILL at any moment, or stopped with Ctrl-C / SIGTERM, it leaves the published warehouse
byte-identical and readable; the next build removes the leftovers; a second build started while
one runs refuses with a clear message; a reader holding the published file open never blocks a
build.

The published warehouse in these tests is a small stand-in file (table last_year), so that
"unchanged" is a sha256 comparison and "readable" a query.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import duckdb
import pytest
from small_raw_set import ROOT, Build, make_published_warehouse, new_build, sha256, wait_for

from bdi import build_files


def processes_building(building: Path) -> list[int]:
    """Pids of processes (dbt) whose environment points BDI_BUILD_PATH at `building`."""
    marker = f"BDI_BUILD_PATH={building}".encode()
    pids = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if marker in environ.read_bytes().split(b"\0"):
                pids.append(int(environ.parent.name))
        except OSError:
            continue
    return pids


def start_and_wait_for_building_file(
    build: Build,
) -> tuple[subprocess.Popen[str], Path, list[str]]:
    """Start a build and wait until dbt writes its build file; return the lines printed so far.

    The build file's name is fixed, so a leftover of an earlier build may exist already: wait for
    the build to say it is building (it removed the leftover before), then for the new file.
    """
    process = build.start()
    building = build_files.building_path(build.warehouse)
    assert process.stdout is not None
    lines = []
    for line in process.stdout:
        lines.append(line)
        if line.startswith("bdi.build: building into"):
            break
    assert lines and lines[-1].startswith("bdi.build: building into"), "".join(lines)
    assert wait_for(building.exists, timeout=120), "no building file appeared"
    return process, building, lines


def published_state(build: Build, digest: str) -> tuple[bool, list[tuple]]:
    """(byte-identical to `digest`, rows of last_year) of the published warehouse."""
    connection = duckdb.connect(str(build.warehouse), read_only=True)
    try:
        rows = connection.execute("select state from last_year").fetchall()
    finally:
        connection.close()
    return sha256(build.warehouse) == digest, rows


# --- scenarios, run two at a time (each build spends seconds in dbt's start-up) --------------


def interrupt_scenario(tmp_path: Path, signum: int) -> dict[str, object]:
    """Start a build, send `signum` once it is writing its new file, record what is left."""
    build = new_build(tmp_path)
    digest = make_published_warehouse(build.warehouse)
    process, building, lines = start_and_wait_for_building_file(build)
    time.sleep(1.0)
    process.send_signal(signum)
    output, _ = process.communicate(timeout=60)
    return {
        "returncode": process.returncode,
        "output": "".join(lines) + output,
        "leftovers": build.building_files(),
        "dbt_stopped": wait_for(lambda: not processes_building(building), timeout=10),
        "published": published_state(build, digest),
    }


def kill_scenario(tmp_path: Path) -> dict[str, object]:
    """kill -9 a build twice at different moments, then build while a reader holds the file.

    While the second build runs, a third one is started: it must refuse (one build at a time).
    """
    build = new_build(tmp_path)
    digest = make_published_warehouse(build.warehouse)
    kills = []
    # Killed as soon as its new file exists (raw files being registered), then later, once dbt
    # has started the intermediate models.
    for later in (False, True):
        process, building, lines = start_and_wait_for_building_file(build)
        concurrent = build.run(timeout=60) if later else None
        if later:
            assert process.stdout is not None
            for line in process.stdout:
                lines.append(line)
                if "START sql table model intermediate." in line:
                    break
            assert "START sql table model intermediate." in lines[-1], "".join(lines)[-3000:]
        process.kill()
        output, _ = process.communicate(timeout=30)
        kills.append(
            {
                "returncode": process.returncode,
                "output": "".join(lines) + output,
                # dbt dies with its parent (PR_SET_PDEATHSIG) instead of writing on as an orphan.
                "dbt_stopped": wait_for(lambda b=building: not processes_building(b), timeout=10),
                "building": building,
                "left_behind": building.exists(),
                "published": published_state(build, digest),
                "concurrent": concurrent,
            }
        )

    # A colleague has the published warehouse open (read-only, as the viewer does) meanwhile.
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(build.warehouse)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert reader.stdout is not None and reader.stdin is not None
    try:
        reader_before = reader.stdout.readline().strip()
        result = build.run()
        reader.stdin.write("select state from last_year\n")
        reader.stdin.flush()
        reader_after = reader.stdout.readline().strip()
    finally:
        reader.stdin.close()
        reader.wait(timeout=30)
    return {
        "build": build,
        "kills": kills,
        "result": result,
        "reader": (reader_before, reader_after),
        "published_dir": sorted(build.warehouse.parent.iterdir()),
    }


@pytest.fixture(scope="module")
def scenarios(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            "kill": pool.submit(kill_scenario, tmp_path_factory.mktemp("kill")),
            "SIGINT": pool.submit(
                interrupt_scenario, tmp_path_factory.mktemp("sigint"), signal.SIGINT
            ),
            "SIGTERM": pool.submit(
                interrupt_scenario, tmp_path_factory.mktemp("sigterm"), signal.SIGTERM
            ),
        }
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_ctrl_c_or_sigterm_stops_dbt_and_removes_the_unfinished_build(
    scenarios: dict[str, dict[str, object]], signum: int
) -> None:
    scenario = scenarios[signal.Signals(signum).name]
    output = str(scenario["output"])
    assert scenario["returncode"] == 128 + signum, output[-2000:]
    assert f"INTERRUPTED ({signal.Signals(signum).name})" in output
    assert "was not changed" in output
    assert scenario["leftovers"] == []  # nor its .wal
    assert scenario["dbt_stopped"] is True
    assert scenario["published"] == (True, [("published",)])


def test_kill_9_at_any_moment_leaves_the_published_warehouse_identical_and_readable(
    scenarios: dict[str, dict[str, object]],
) -> None:
    kills = scenarios["kill"]["kills"]
    assert isinstance(kills, list) and len(kills) == 2
    for kill in kills:
        assert kill["returncode"] == -signal.SIGKILL
        assert kill["dbt_stopped"] is True
        assert kill["left_behind"] is True
        assert kill["published"] == (True, [("published",)])


def test_the_next_build_removes_leftovers_of_killed_builds(
    scenarios: dict[str, dict[str, object]],
) -> None:
    scenario = scenarios["kill"]
    first, second = scenario["kills"]  # type: ignore[misc]
    result = scenario["result"]
    assert isinstance(result, subprocess.CompletedProcess)
    assert result.returncode == 0, result.stdout[-3000:]
    # The second build removed the first one's leftover when it started, the third the second's.
    removed = f"removed the leftover of an interrupted build: {first['building']}"
    assert removed not in first["output"]
    assert removed in second["output"]
    assert removed in result.stdout
    assert not first["building"].exists() and not second["building"].exists()
    build = scenario["build"]
    assert isinstance(build, Build)
    # Neither the build file, its .wal, nor the lock file is left.
    assert scenario["published_dir"] == [build.warehouse]


def test_a_second_build_refuses_while_one_runs(scenarios: dict[str, dict[str, object]]) -> None:
    _first, second = scenarios["kill"]["kills"]  # type: ignore[misc]
    concurrent = second["concurrent"]
    assert isinstance(concurrent, subprocess.CompletedProcess)
    assert concurrent.returncode == 2, concurrent.stdout[-3000:]
    assert "Another build of" in concurrent.stdout
    assert "is running" in concurrent.stdout
    assert "wait for it to finish" in concurrent.stdout
    # It touched neither the running build's file (killed later, still there) nor the warehouse.
    assert second["left_behind"] is True
    assert second["published"] == (True, [("published",)])


def test_a_reader_never_blocks_a_build_and_keeps_its_snapshot(
    scenarios: dict[str, dict[str, object]],
) -> None:
    scenario = scenarios["kill"]
    build = scenario["build"]
    result = scenario["result"]
    assert isinstance(build, Build) and isinstance(result, subprocess.CompletedProcess)
    assert result.returncode == 0, result.stdout[-3000:]
    assert f"Published {build.warehouse}" in result.stdout
    # The reader opened the old file before the build and still reads it after publication ...
    assert scenario["reader"] == ("published", "[('published',)]")
    # ... while a new connection sees the new warehouse.
    connection = duckdb.connect(str(build.warehouse), read_only=True)
    try:
        tables = {row[0] for row in connection.execute("show tables").fetchall()}
    finally:
        connection.close()
    assert "last_year" not in tables
    assert {"build_info", "build_raw_files", "invalid_rows", "fct_indicator_values"} <= tables


def test_the_published_warehouse_records_its_provenance(
    scenarios: dict[str, dict[str, object]],
) -> None:
    build = scenarios["kill"]["build"]
    assert isinstance(build, Build)
    connection = duckdb.connect(str(build.warehouse), read_only=True)
    try:
        info = connection.execute(
            "select built_with, raw_source, is_sample_data, weighting_method, tier_method, "
            "allow_invalid_rows, build_date, first_edition, last_edition, raw_row_count, "
            "invalid_row_count, git_commit, dbt_version, duckdb_version from build_info"
        ).fetchall()
        files = connection.execute(
            "select table_name, file_path, file_sha256, file_size_bytes, row_count, "
            "invalid_row_count from build_raw_files order by table_name"
        ).fetchall()
    finally:
        connection.close()
    [row] = info
    assert row[:11] == (
        "make build", str(build.raw_dir), False, "improved_vector", "rank_cutoffs", False,
        date(2025, 6, 30), 2023, 2024, 87, 0,
    )  # fmt: skip
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()
    assert row[11] == (commit or None)
    assert row[12] and row[13]
    assert len(files) == 6
    for table, path, digest, size, rows, invalid in files:
        raw_file = build.raw_dir / f"{table}.csv"
        assert path == str(raw_file)
        assert digest == sha256(raw_file)
        assert size == raw_file.stat().st_size
        assert rows == len(raw_file.read_text(encoding="utf-8").splitlines()) - 1
        assert invalid == 0


READER = """
import sys
import duckdb

connection = duckdb.connect(sys.argv[1], read_only=True)
print(connection.execute("select state from last_year").fetchone()[0], flush=True)
for line in sys.stdin:
    print(connection.execute(line).fetchall(), flush=True)
"""


# --- the publication step without dbt -------------------------------------------------------


def finished_build_file(path: Path) -> Path:
    connection = duckdb.connect(str(path))
    connection.execute("create table this_year as select 2025 as edition")
    connection.close()
    return path


def test_publish_replaces_the_file_and_parks_a_stale_wal(tmp_path: Path) -> None:
    published = tmp_path / "warehouse.duckdb"
    make_published_warehouse(published)
    stale_wal = published.with_name(published.name + ".wal")
    stale_wal.write_bytes(b"left by a plain dbt build that was killed")
    building = finished_build_file(build_files.building_path(published))
    build_files.publish(building, published)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["warehouse.duckdb"]
    connection = duckdb.connect(str(published), read_only=True)
    assert connection.execute("select edition from this_year").fetchall() == [(2025,)]
    connection.close()


WRITER = """
import sys
import duckdb

connection = duckdb.connect(sys.argv[1])
print("open", flush=True)
sys.stdin.read()
"""


def test_publish_refuses_while_another_process_writes_the_published_file(
    tmp_path: Path,
) -> None:
    published = tmp_path / "warehouse.duckdb"
    digest = make_published_warehouse(published)
    building = finished_build_file(build_files.building_path(published))
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(published)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "open"
        with pytest.raises(build_files.BuildError, match="open for writing by another process"):
            build_files.publish(building, published)
    finally:
        writer.communicate(timeout=30)
    assert sha256(published) == digest


LOCK_HOLDER = """
import sys
from pathlib import Path

from bdi.build_files import build_lock

with build_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    sys.stdin.read()
"""


def test_leftovers_are_removed_only_by_the_build_that_holds_the_lock(tmp_path: Path) -> None:
    published = tmp_path / "warehouse.duckdb"
    leftovers = [
        build_files.building_path(published),
        tmp_path / "warehouse.duckdb.building.wal",
    ]
    others = [tmp_path / "warehouse.duckdb", tmp_path / "other.duckdb.building"]
    for path in leftovers + others:
        path.write_bytes(b"x")
    # Another process holds the lock (a build is running): a second one refuses, removes nothing.
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(published)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(build_files.BuildError, match=f"process {holder.pid}"):
            with build_files.build_lock(published):
                pass
        assert all(path.exists() for path in leftovers + others)
    finally:
        holder.communicate(timeout=30)
    # Once it has ended, the next build takes the lock and removes the leftovers only.
    with build_files.build_lock(published) as lock:
        assert lock.read_text(encoding="utf-8").strip() == str(os.getpid())
        removed = build_files.clean_leftovers(published)
    assert sorted(removed) == sorted(leftovers)
    assert all(path.exists() for path in others)
    assert not build_files.lock_path(published).exists()


def test_git_ignores_the_build_files() -> None:
    """The lock and build files of a build in the project (the default warehouse) are ignored, so
    they neither show up as changes nor make build_info.git_is_dirty true."""
    names = ["warehouse.duckdb.build-lock", "warehouse.duckdb.building"]
    names.append("warehouse.duckdb.building.wal")
    result = subprocess.run(
        ["git", "check-ignore", *names], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.stdout.split() == names


def test_each_layer_has_its_schema_and_main_only_the_public_tables(
    scenarios: dict[str, dict[str, object]],
) -> None:
    build = scenarios["kill"]["build"]
    assert isinstance(build, Build)
    with duckdb.connect(str(build.warehouse), read_only=True) as connection:
        relations = connection.execute(
            "select table_schema, table_name from information_schema.tables"
        ).fetchall()
    by_schema: dict[str, set[str]] = {}
    for schema, name in relations:
        by_schema.setdefault(schema, set()).add(name)
    assert set(by_schema) == {"raw", "staging", "intermediate", "main"}
    public = {"invalid_rows", "build_info", "build_raw_files"}
    assert all(
        name.startswith(("dim_", "fct_", "rpt_")) or name in public for name in by_schema["main"]
    )
    assert public | {"dim_regions", "fct_indicator_values", "fct_index"} <= by_schema["main"]
    tables = ("enterprises", "enterprise_annual", "financing_events", "policies", "universities")
    tables += ("institutions", "topics", "topic_values")  # the optional topic views: empty here
    published = ("editions", "index_rows", "raw_files")  # the published editions' source
    assert by_schema["staging"] == {f"stg_raw__{table}" for table in tables} | {
        f"stg_published__{name}" for name in published
    }
    published_views = {
        f"published_{name}"
        for name in ("editions", "fct_index", "fct_node_scores", "fct_weights")
        + ("fct_circle_scores", "build_raw_files")
    }
    assert by_schema["raw"] == set(tables) | published_views | {
        "ref_regions", "ref_indicator_tree", "ref_circle_members", "ref_expert_weights",
        "ref_report_fact_templates", "ref_report_fact_labels",
        "ref_policy_stop_words", "ref_policy_term_dictionary",
    }  # fmt: skip
    assert all(name.startswith("int_") for name in by_schema["intermediate"])
    assert "int_indicator_values_computed" in by_schema["intermediate"]
