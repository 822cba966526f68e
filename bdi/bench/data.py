"""The benchmark's raw data: the SYNTHETIC sample generator at a given size, as CSV or Parquet,
kept in bench/data/ and reused while the generator and its calibration are unchanged."""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import sys
from pathlib import Path
from typing import Any

from bdi.bench.measure import PROJECT_ROOT, base_env, measure, say, tail
from bdi.contract import RAW_TABLES

SAMPLE_DIR = PROJECT_ROOT / "data" / "sample"  # the bundled sample (the default raw directory)
FORMATS = ("csv", "parquet")
PARAMS_FILE = "_bench_params.json"


def generator_fingerprint() -> str:
    """Hash of the generator's code and calibration files: changed generator, regenerated data."""
    digest = hashlib.sha256()
    package = PROJECT_ROOT / "bdi" / "sample"
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".csv", ".toml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def raw_dir_for(data_dir: Path, enterprises: int, file_format: str) -> Path:
    return data_dir / f"raw_{enterprises}_{file_format}"


def raw_files(raw_dir: Path, file_format: str) -> dict[str, Path]:
    return {table: raw_dir / f"{table}.{file_format}" for table in RAW_TABLES}


def row_counts(raw_dir: Path, file_format: str) -> dict[str, Any]:
    """Rows per table and bytes on disk (CSV: lines after the header; no value holds a newline)."""
    import pyarrow.parquet as pq

    rows, size = {}, 0
    for table, path in raw_files(raw_dir, file_format).items():
        if file_format == "parquet":
            rows[table] = pq.ParquetFile(path).metadata.num_rows
        else:
            with path.open("rb") as handle:
                lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 24), b""))
            rows[table] = lines - 1
        size += path.stat().st_size
    return {"rows": rows, "bytes": size, "format": file_format}


def generate(
    raw_dir: Path, enterprises: int, file_format: str, *, skip: bool = False
) -> dict[str, Any]:
    """Make sure `raw_dir` holds the six tables for `enterprises`; return what was done."""
    if file_format not in FORMATS:
        raise ValueError(f"unknown format {file_format!r}; use one of {FORMATS}")
    params = {
        "enterprises": enterprises,
        "format": file_format,
        "generator": generator_fingerprint(),
    }
    params_path = raw_dir / PARAMS_FILE
    stored = None
    with contextlib.suppress(OSError, ValueError):
        stored = json.loads(params_path.read_text())
    present = all(path.is_file() for path in raw_files(raw_dir, file_format).values())
    same = stored is not None and all(stored.get(key) == value for key, value in params.items())
    if present and (skip or same):
        counts = row_counts(raw_dir, file_format)
        return {"generated": False, "seconds": (stored or {}).get("seconds"), **counts}
    if skip:
        raise SystemExit(
            f"bdi.bench: --skip-generate, but {raw_dir} does not hold the six raw {file_format} "
            "files; run without --skip-generate first."
        )
    if raw_dir.exists():
        shutil.rmtree(raw_dir)
    raw_dir.mkdir(parents=True)
    log = raw_dir.parent / "logs" / f"generate_{enterprises}_{file_format}.log"
    command = [
        *(sys.executable, "-m", "bdi.sample", "--format", file_format),
        *("--enterprises", str(enterprises), "--out", str(raw_dir)),
    ]
    say(f"  generating {enterprises:,} enterprises (synthetic, {file_format}) into {raw_dir} ...")
    run = measure(command, base_env(), log)
    if not run.ok:
        raise SystemExit(f"bdi.bench: the sample generator failed:\n{tail(log)}")
    params_path.write_text(json.dumps({**params, "seconds": round(run.seconds, 1)}, indent=2))
    return {"generated": True, "seconds": run.seconds, **row_counts(raw_dir, file_format)}


def sample_data() -> dict[str, Any]:
    """The bundled sample, as the default build reads it."""
    return {"generated": False, "seconds": None, **row_counts(SAMPLE_DIR, "csv")}
