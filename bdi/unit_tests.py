"""The dbt unit tests: ``python -m bdi.unit_tests`` (``make test`` runs it after ``make build``).

Unit tests check the models' code on small hand-written rows, not the data, so ``make build``
leaves them out. dbt needs the tested models' relations to exist (it reads their column types),
so they run against a scratch copy of the published warehouse,
``<BDI_REPORT_DIR>/unit-tests.duckdb`` (default ``build/``), removed afterwards: they never write
to or lock the published file. dbt's
target directory for them is ``<BDI_DBT_TARGET_PATH>/unit-tests``, so that their parse state does
not replace the one ``make build`` reuses.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bdi.build_files import remove_path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    cwd = Path.cwd()
    published = (
        cwd / (os.environ.get("BDI_WAREHOUSE", "").strip() or "warehouse.duckdb")
    ).resolve()
    if not published.is_file():
        print(f"bdi.unit_tests: {published} does not exist; run make build first.", flush=True)
        return 2
    scratch = (cwd / os.environ.get("BDI_REPORT_DIR", "build")).resolve() / "unit-tests.duckdb"
    target_path = (cwd / os.environ.get("BDI_DBT_TARGET_PATH", "target")).resolve() / "unit-tests"
    log_path = (cwd / os.environ.get("BDI_DBT_LOG_PATH", "logs")).resolve()
    scratch.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(published, scratch)
    env = {key: value for key, value in os.environ.items() if key != "BDI_BUILD_PATH"}
    env.update({"BDI_WAREHOUSE": str(scratch), "DBT_PROFILES_DIR": str(PROJECT_ROOT / "profiles")})
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    env.setdefault("DO_NOT_TRACK", "1")
    command = [sys.executable, "-c", "import sys; from dbt.cli.main import cli; sys.exit(cli())"]
    command += ["test", "--select", "test_type:unit"]
    command += ["--target-path", str(target_path), "--log-path", str(log_path)]
    try:
        return subprocess.run(command, cwd=PROJECT_ROOT, env=env, check=False).returncode
    finally:
        for path in (scratch, scratch.with_name(scratch.name + ".wal")):
            remove_path(path)


if __name__ == "__main__":
    sys.exit(main())
